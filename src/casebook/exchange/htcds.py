"""HTCDS (Human Trafficking Case Data Standard v2.0) victim-level rows, out and back in.

Out: one row per survivor from her ACCEPTED facts only (what review confirmed), through the
vocabularies' ``htcds`` mappings and ``exchange/data/htcds.toml``; only survivors whose
consent allows the export are read (``exchange.export.collect``). When the export leaves the
organisation (``for_organisation``) the rows are generalised and k-anonymised as CTDC does.

In: each row of an HTCDS CSV/XLSX becomes a testimony (the row rendered as text), its person
and suggested facts marked ``source="htcds"``; values that map to no code are listed.
Which fields map both ways is in ``docs/htcds-field-map.md`` (generated from the same data).
"""

from __future__ import annotations

import csv
import functools
import io
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from casebook.extract.profile import LIST_KEYS, profile
from casebook.model import Event, Fact, Record

FORMAT = "htcds"


@functools.cache
def rules() -> dict:
    return tomllib.loads(resources.files("casebook.exchange.data").joinpath("htcds.toml")
                         .read_text(encoding="utf-8"))


def _vocab(name: str):
    from casebook.vocab import load

    return load(name)


@functools.cache
def reverse_index() -> dict[str, tuple[str, str]]:
    """HTCDS entry ("field=Value") → (profile key, code) for the entries that import.

    A term imports when no other term shares its whole set of entries, or when
    ``[import_as]`` names it; terms are matched on import by their full set of entries.
    """
    chosen: dict[str, tuple[str, str]] = {
        entry: (target.split(":", 1)[0], target.split(":", 1)[1])
        for entry, target in rules()["import_as"].items()}
    out: dict[str, tuple[str, str]] = {}
    for entries, owners in _owners().items():
        key = "|".join(sorted(entries))
        if len(owners) == 1:
            out[key] = owners[0]
        elif len(entries) == 1 and next(iter(entries)) in chosen:
            out[key] = chosen[next(iter(entries))]
    return out


@functools.cache
def _owners() -> dict[frozenset[str], list[tuple[str, str]]]:
    sets: dict[frozenset[str], list[tuple[str, str]]] = {}
    for key, vocab_name in rules()["vocab_keys"].items():
        for term in _vocab(vocab_name):
            entries = frozenset(e for e in term.mappings.get("htcds", ()) if "=" in e)
            if entries:
                sets.setdefault(entries, []).append((key, term.code))
    return sets


def two_way_codes() -> dict[str, set[str]]:
    """Profile key → the codes that survive export → import unchanged: the only code that
    exports to its HTCDS values (a value chosen by ``[import_as]`` among several is import-only:
    the other codes come back as it)."""
    out: dict[str, set[str]] = {}
    for owners in _owners().values():
        if len(owners) == 1:
            out.setdefault(owners[0][0], set()).add(owners[0][1])
    return out


# ----------------------------------------------------------------------------- export

def row_of(prof: dict[str, Any], sex: str | None, organisation: str | None,
           consented: bool) -> dict[str, str]:
    """One survivor's profile as HTCDS fields (the ID is set by the caller)."""
    r = rules()
    sep = r["multi_separator"]
    fields: dict[str, list[str]] = {}
    for key, vocab_name in r["vocab_keys"].items():
        value = prof.get(key)
        codes = value if isinstance(value, list) else ([value] if value else [])
        for code in codes:
            for entry in _vocab(vocab_name).mapped(code, "htcds"):
                name, _, picked = entry.partition("=")
                if picked and picked not in fields.setdefault(name, []):
                    fields[name].append(picked)
    birth, crossed = prof.get("birth_year"), prof.get("first_crossing_year")
    row = {c: "" for c in r["columns"]}
    row.update({name: sep.join(values) for name, values in fields.items() if name in row})
    row["org_Name"] = organisation or ""
    row["con_Consent"] = "true" if consented else "false"
    row["prs_Gender"] = r["gender"].get(sex or "", "")
    row["prs_Birthdate"] = str(birth) if birth else ""
    row["prs_Citizenship"] = r["citizenship"]
    row["vic_AgeWhenTrafficked"] = str(crossed - birth) if birth and crossed and crossed >= birth \
        else ""
    if crossed:
        month = prof.get("first_crossing_month")
        row["hte_Type"], row["hte_Country"] = "Transit", r["exploitation_country"]
        row["hte_Date"] = f"{crossed}-{month:02d}" if month else str(crossed)
    return row


def merge_profiles(profiles: list[dict[str, Any]]) -> dict[str, Any]:
    """One survivor told several testimonies: lists are joined, the first stated scalar wins,
    counts take the largest stated."""
    out: dict[str, Any] = {}
    for prof in profiles:
        for key, value in prof.items():
            if key in LIST_KEYS:
                out.setdefault(key, [])
                out[key] += [v for v in value if v not in out[key]]
            elif isinstance(value, int) and isinstance(out.get(key), int) and key in (
                    "times_sold", "children_in_china", "arrested_in_china", "repatriated"):
                out[key] = max(out[key], value)
            elif out.get(key) is None:
                out[key] = value
    return out


def record_of(facts_accepted: list[dict]) -> Record:
    record = Record()
    for d in facts_accepted:
        if "type" in d:
            record.events.append(Event.from_dict(d))
        else:
            record.facts.append(Fact.from_dict(d))
    return record


@dataclass
class HtcdsExport:
    columns: list[str]
    rows: list[dict[str, str]]
    kanon: dict | None = None

    def to_csv(self) -> bytes:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=self.columns, extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.rows)
        return buf.getvalue().encode("utf-8")


def export_rows(book: Any, request: Any) -> HtcdsExport:
    """Rows for every survivor the request's consent rule lets out, one per person."""
    from casebook.exchange.export import ExportRequest, collect

    req = ExportRequest("htcds", request.for_organisation, request.purpose, include_text=False)
    rows = collect(book, req)
    people = {p.id: p for p in book.persons.all()}
    by_person: dict[Any, list[dict]] = {}
    for row in rows:
        by_person.setdefault(row["person_id"] or f"t{row['testimony_id']}", []).append(row)
    out: list[dict[str, str]] = []
    ages: list[int | None] = []
    for person_id, told in by_person.items():
        prof = merge_profiles([profile(record_of(t["facts_accepted"])) for t in told])
        person = people.get(person_id)
        row = row_of(prof, person.sex if person else None, told[0]["organisation"],
                     consented=True)
        row["ID"] = f"casebook-person-{person_id}"
        out.append(row)
        ages.append(int(row["vic_AgeWhenTrafficked"]) if row["vic_AgeWhenTrafficked"] else None)
    columns = list(rules()["columns"])
    if not req.for_organisation:
        return HtcdsExport(columns, out)
    from casebook.exchange.kanon import ctdc_rules, generalise, k_anonymise

    general = [generalise({c: v for c, v in r.items() if c != "ID"}, age)
               for r, age in zip(out, ages)]
    quasi = [c for c in columns if c not in ("ID", *ctdc_rules()["drop"])] + \
        [ctdc_rules()["age_column"]]
    kept, report = k_anonymise(general, quasi)
    for n, r in enumerate(kept, start=1):
        r["ID"] = str(n)
    book.audit.record("export_kanon", None, report.to_dict())
    return HtcdsExport(["ID", *quasi], kept, report.to_dict())


# ----------------------------------------------------------------------------- import

@dataclass
class HtcdsRow:
    values: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    unmapped: list[tuple[str, str, str]] = field(default_factory=list)  # (column, value, reason)
    entries: dict[str, list[str]] = field(default_factory=dict)  # "key=code" → columns used


def read_row(cells: dict[str, str]) -> HtcdsRow:
    """Profile values and person fields from one HTCDS row (by field name)."""
    r, out = rules(), HtcdsRow()
    redacted = "-99"

    def cell(name: str) -> str:
        v = (cells.get(name) or "").strip()
        return "" if v == redacted else v

    entries: set[str] = set()
    for name in {e.split("=")[0] for key in reverse_index() for e in key.split("|")} | {
            "vic_MethodsOfControl", "vic_TypeOfExploitation", "vic_TypeOfSexExploitation",
            "vic_MethodOfRecruitment", "vic_RelationshipToTrafficker"}:
        for value in re.split(r"[;|]", cell(name)):
            if value.strip():
                entries.add(f"{name}={value.strip()}")
    covered: set[str] = set()
    for key_entries, (key, code) in sorted(reverse_index().items(), key=lambda kv: -len(kv[0])):
        needed = set(key_entries.split("|"))
        if needed <= entries:
            covered |= needed
            if key in LIST_KEYS:
                if code not in out.values.setdefault(key, []):
                    out.values[key].append(code)
            else:
                out.values.setdefault(key, code)
            out.entries[f"{key}={code}"] = sorted({e.split("=")[0] for e in needed})
    for entry in sorted(entries - covered):
        name, _, value = entry.partition("=")
        out.unmapped.append((name, value, "has no Casebook code that maps back from HTCDS"))
    gender = {v: k for k, v in r["gender"].items()}
    if cell("prs_Gender"):
        sex = gender.get(cell("prs_Gender"))
        if sex:
            out.meta["sex"] = sex
        else:
            out.unmapped.append(("prs_Gender", cell("prs_Gender"), "is not Feminine or Masculine"))
    m = re.match(r"((?:19|20)\d\d)", cell("prs_Birthdate"))
    if m:
        out.values["birth_year"] = int(m.group(1))
    elif cell("prs_Birthdate"):
        out.unmapped.append(("prs_Birthdate", cell("prs_Birthdate"), "is not a date"))
    if cell("prs_Citizenship") and cell("prs_Citizenship") != r["citizenship"]:
        out.unmapped.append(("prs_Citizenship", cell("prs_Citizenship"),
                             f"is not {r['citizenship']} (Casebook's survivors are North Korean)"))
    if cell("hte_Type") in ("", "Transit") and cell("hte_Date"):
        m = re.match(r"((?:19|20)\d\d)(?:-(\d\d))?", cell("hte_Date"))
        if m:
            out.values["first_crossing_year"] = int(m.group(1))
            if m.group(2) and 1 <= int(m.group(2)) <= 12:
                out.values["first_crossing_month"] = int(m.group(2))
        else:
            out.unmapped.append(("hte_Date", cell("hte_Date"), "is not a date (YYYY or YYYY-MM)"))
    if cell("org_Name"):
        out.meta["organisation"] = cell("org_Name")
    if cell("ID"):
        out.meta["id"] = cell("ID")
    consent = cell("con_Consent").lower()
    out.meta["consented"] = consent in ("true", "yes", "1", "y")
    return out


def import_prepared(path: Path, defaults: dict[str, Any] | None = None, sheet: str | None = None):
    """Prepared rows (testimony, person, suggested facts) of an HTCDS file; nothing stored."""
    from casebook.errors import InvalidInput
    from casebook.intake.coded import CodedRow, RowReader, Unmapped
    from casebook.intake.mapping import Column, Mapping
    from casebook.intake.sheets import read_sheet
    from casebook.intake.spreadsheet import _prepare

    table = read_sheet(path, sheet, _header_row(path, sheet))
    known = set(rules()["columns"]) | {"ageBroad"}
    if not known & set(table.headers) - {"ID"}:
        raise InvalidInput(f"{table.where()}: no HTCDS field names in the header row "
                           f"(expected some of {', '.join(rules()['columns'])})")
    mapping = Mapping(columns={h: Column("ignore") for h in table.headers})
    reader = RowReader(table, mapping)
    prepared = []
    for row in table.rows:
        if _is_label_row(row.cells):
            continue  # the HTCDS template's second header row ("Gender", "Citizenship", …)
        text, spans = reader.render(row)
        parsed = read_row(row.cells)
        coded = CodedRow(row.number, text, values=parsed.values)
        for key_code, columns_used in parsed.entries.items():
            span = spans.get(columns_used[0])
            if span:
                coded.evidence[key_code] = reader.evidence(coded, span)  # type: ignore[assignment]
        for key, column in (("birth_year", "prs_Birthdate"), ("first_crossing_year", "hte_Date")):
            if key in parsed.values and spans.get(column):
                coded.evidence[key] = reader.evidence(coded, spans[column])  # type: ignore[assignment]
        coded.unmapped = [Unmapped(table.where(row.number, c), c, v, why)
                          for c, v, why in parsed.unmapped]
        meta = {k: v for k, v in parsed.meta.items() if k != "consented"}
        row_defaults = dict(defaults or {})
        if not parsed.meta["consented"]:
            row_defaults.pop("consent", None)  # the row says no consent: defaults cannot add it
        coded.meta = meta
        prepared.append(_prepare(coded, table, mapping, row_defaults, None, FORMAT))
    return table, prepared


def _is_label_row(cells: dict[str, str]) -> bool:
    """True for a row that repeats the field names as labels (prs_Gender → "Gender")."""
    from casebook.vocab.vocabulary import normalise

    named = [(h, v) for h, v in cells.items() if "_" in h]
    same = sum(1 for h, v in named if normalise(h.split("_", 1)[1]) == normalise(v))
    return bool(named) and same * 2 >= len(named)


def _header_row(path: Path, sheet: str | None) -> int | None:
    """The HTCDS Excel template has field names in row 1 and labels in row 2."""
    return 1 if path.suffix.lower() in (".xlsx", ".xlsm", ".ods") else None
