"""Uwazi CSV, both ways, with Uwazi's own conventions (huridocs/uwazi ``app/api/csv``).

Out: one entity per consented testimony, in Casebook's template (``exchange/data/uwazi.toml``):
headers are property labels, select and multiselect values are thesaurus labels (``|`` between
values, ``Group::Term`` inside a group) in a ``Label__en`` and a ``Label__ko`` column, numbers
as numbers. Only accepted facts are written. The thesauri are CSVs Uwazi's thesaurus import
reads ("English,Korean" columns, ``- `` before the values of a group).

In: any Uwazi CSV export through a mapping (``--plan`` proposes one: ``|`` splits values,
``Group::Term`` is matched by term then group, ``Label__ko`` columns are read like their
``__en`` twin, ``_geolocation`` cells are kept and listed); Casebook's own template needs no
mapping (:func:`builtin_mapping`).
"""

from __future__ import annotations

import csv
import functools
import io
import tomllib
from importlib import resources
from typing import Any

from casebook.extract.profile import profile
from casebook.intake.mapping import Column, Mapping

LANG_SEP = "__"
MULTI_SEP = "|"
GROUP_SEP = "::"


@functools.cache
def template() -> dict:
    return tomllib.loads(resources.files("casebook.exchange.data").joinpath("uwazi.toml")
                         .read_text(encoding="utf-8"))


def is_coded(prop: dict) -> bool:
    return prop["type"] in ("select", "multiselect")


def headers() -> list[str]:
    """The CSV header: Title, then each property (coded ones once per language)."""
    out = ["Title"]
    for prop in template()["property"]:
        if is_coded(prop):
            out += [f"{prop['label']}{LANG_SEP}{lang}" for lang in template()["languages"]]
        else:
            out.append(prop["label"])
    return out


def _groups(thesaurus: str) -> dict[str, dict]:
    """code → its group (en/ko labels) in a grouped thesaurus."""
    return {code: g for g in template().get("group", []) if g["thesaurus"] == thesaurus
            for code in g["codes"]}


def label(thesaurus: str, code: str, lang: str) -> str:
    """A value as Uwazi writes it: ``Group::Term`` when the code sits in a group."""
    lists = template()["lists"]
    if thesaurus in lists:
        return lists[thesaurus][code][lang]
    from casebook.vocab import load

    term_label = load(thesaurus).label(code, lang)  # type: ignore[arg-type]
    group = _groups(thesaurus).get(code)
    return f"{group[lang]}{GROUP_SEP}{term_label}" if group else term_label


def _consent_labels(scopes: list[str], lang: str) -> list[str]:
    out = []
    for scope in scopes:
        if scope.startswith("share_with:"):
            out.append(f"{label('Consent', 'share_with', lang)}{GROUP_SEP}{scope.split(':', 1)[1]}")
        else:
            out.append(label("Consent", scope, lang))
    return out


def _sales_text(sales: list[dict]) -> str:
    parts = []
    for s in sales:
        parts.append("; ".join([f"{s['amount']:g} {s['currency']}", str(s.get("year") or ""),
                                s.get("buyer") or "", s.get("purpose") or ""]).rstrip("; "))
    return f" {MULTI_SEP} ".join(parts)


def entity_row(meta: dict[str, Any], prof: dict[str, Any], text: str | None) -> dict[str, str]:
    """One testimony as a row of Casebook's Uwazi template."""
    row: dict[str, str] = {"Title": meta.get("pseudonym") or ""}
    for prop in template()["property"]:
        source, name = prop["source"].partition(":")[::2]
        value: Any = {"meta": meta.get(name), "key": prof.get(name), "text": text,
                      "sales": None}[source]
        if source == "sales":
            row[prop["label"]] = _sales_text(prof.get("sales") or [])
            continue
        if is_coded(prop):
            codes = value if isinstance(value, list) else ([value] if value else [])
            for lang in template()["languages"]:
                labels = _consent_labels(codes, lang) if prop["thesaurus"] == "Consent" else \
                    [label(prop["thesaurus"], c, lang) for c in codes]
                row[f"{prop['label']}{LANG_SEP}{lang}"] = MULTI_SEP.join(labels)
        else:
            row[prop["label"]] = "" if value in (None, "") else str(value)
    return row


def export_csv(book: Any, request: Any) -> tuple[bytes, int]:
    """Casebook's template CSV of every testimony the request's consent rule lets out."""
    from casebook.exchange.export import ExportRequest, collect
    from casebook.exchange.htcds import record_of

    req = ExportRequest("uwazi", request.for_organisation, request.purpose, request.include_text)
    rows = collect(book, req)
    people = {p.id: p for p in book.persons.all()}
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=headers(), lineterminator="\n")
    writer.writeheader()
    for r in rows:
        person = people.get(r["person_id"])
        meta = {"id": f"casebook:testimony:{r['testimony_id']}", "language": r["language"],
                "pseudonym": r["pseudonym"], "organisation": r["organisation"],
                "interview_date": str(r["interview_year"] or ""),
                "sex": person.sex if person else None,
                "consent": [c["scope"] for c in r["consent"] if not c["withdrawn_on"]]}
        writer.writerow(entity_row(meta, profile(record_of(r["facts_accepted"])), r.get("text")))
    return buf.getvalue().encode("utf-8"), len(rows)


def thesauri_csv() -> dict[str, bytes]:
    """One CSV per thesaurus, in the form Uwazi's thesaurus import reads."""
    from casebook.vocab import load

    out: dict[str, bytes] = {}
    names = {p["thesaurus"] for p in template()["property"] if is_coded(p)}
    for name in sorted(names):
        lists = template()["lists"]
        codes = list(lists[name]) if name in lists else list(load(name).codes())
        rows: list[tuple[str, str]] = []
        done: set[str] = set()
        for code in codes:
            if code in done:
                continue
            group = _groups(name).get(code)
            if group:
                rows.append((group["en"], group["ko"]))
                for c in group["codes"]:
                    rows.append(("- " + _plain(name, c, "en"), "- " + _plain(name, c, "ko")))
                    done.add(c)
            else:
                rows.append((_plain(name, code, "en"), _plain(name, code, "ko")))
                done.add(code)
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["English", "Korean"])
        writer.writerows(rows)
        out[f"{name}.csv"] = buf.getvalue().encode("utf-8")
    return out


def _plain(thesaurus: str, code: str, lang: str) -> str:
    return label(thesaurus, code, lang).split(GROUP_SEP)[-1]


def template_markdown() -> str:
    """The template as a table, for docs/interoperability.md and `casebook uwazi-template`."""
    lines = [f"Template **{template()['template']}** (create it in Uwazi with these properties):",
             "", "| property (CSV header) | Uwazi type | thesaurus | Casebook source |",
             "|---|---|---|---|", "| Title | title | | pseudonym |"]
    for p in template()["property"]:
        lines.append(f"| {p['label']} | {p['type']} | {p.get('thesaurus', '')} | "
                     f"`{p['source']}` |")
    return "\n".join(lines) + "\n"


def base_header(header: str) -> str:
    """"Exploitation__ko" → "Exploitation" (Uwazi's language columns)."""
    base, sep, lang = header.rpartition(LANG_SEP)
    return base if sep and 2 <= len(lang) <= 3 and lang.isalpha() else header


def is_casebook_template(sheet_headers: list[str]) -> bool:
    return "Casebook ID" in sheet_headers


def builtin_mapping(sheet_headers: list[str]) -> Mapping:
    """The mapping for a CSV in Casebook's own template (no --map needed)."""
    by_label = {p["label"]: p for p in template()["property"]}
    mapping = Mapping(format="uwazi", split=MULTI_SEP)
    for h in sheet_headers:
        if h == "Title":
            mapping.columns[h] = Column("pseudonym")
            continue
        prop = by_label.get(base_header(h))
        if prop is None:
            continue  # an extra column: kept in the record and listed at import
        source, name = prop["source"].partition(":")[::2]
        target = {"meta": name, "key": name, "text": "text", "sales": "sales"}[source]
        mapping.columns[h] = Column(target)
    return mapping
