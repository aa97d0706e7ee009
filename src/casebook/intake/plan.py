"""A proposed mapping for a coding sheet, from its header row and sample values.

Headers are matched against the words of ``intake/data/headers.toml`` (Korean and English);
a header that says nothing is judged by its values (long values are free text; values that
are labels or synonyms of one vocabulary make a coded column). For coded columns every short
distinct value is listed with the code its label or synonym names, or "" when none does, so
the user decides each one. The file holds no free text: only headers and short coded values.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources

from casebook.intake.coded import code_of, split_values, value_words
from casebook.intake.mapping import TARGETS, Column, Mapping, toml_string
from casebook.intake.sheets import Sheet, column_letter
from casebook.vocab.vocabulary import normalise

_GEO = re.compile(r"-?\d{1,3}(?:\.\d+)?\s*\|\s*-?\d{1,3}(?:\.\d+)?")
MAX_LISTED_VALUE = 40  # longer values are not copied into the mapping file
MAX_LISTED = 60
VALUE_TABLES = {"sex": "sex", "language": "language", "crossing_river": "crossing_river"}


@functools.cache
def header_words() -> list[tuple[str, str]]:
    """(normalised word, target), longest word first."""
    raw = tomllib.loads(resources.files("casebook.intake.data").joinpath("headers.toml")
                        .read_text(encoding="utf-8"))
    pairs = [(normalise(w), target) for target, words in raw["targets"].items() for w in words]
    return sorted({p for p in pairs if p[0]}, key=lambda p: -len(p[0]))


@dataclass
class ColumnPlan:
    header: str
    to: str
    why: str
    values: dict[str, str] = field(default_factory=dict)
    not_listed: int = 0
    split: str | None = None
    currency: str | None = None


def target_of_header(header: str) -> str | None:
    key = normalise(header)
    if not key:
        return None
    for word, target in header_words():
        if key == word:
            return target
    for word, target in header_words():
        if len(word) >= 2 and word in key:
            return target
    return None


def _vocab_share(samples: list[str], target: str) -> float:
    column = Column(target)
    pieces = [p for s in samples for p in split_values(s, ";")]
    if not pieces:
        return 0.0
    return sum(1 for p in pieces if code_of(p, column)) / len(pieces)


def _separator(samples: list[str], default: str) -> str | None:
    for sep in (default, "|", ";", ","):
        if sum(1 for s in samples if sep in s) >= max(1, len(samples) // 5):
            return None if sep == default else sep
    return None


def plan_column(sheet: Sheet, header: str, default_split: str, uwazi: bool) -> ColumnPlan:
    samples = sheet.samples(header)
    target = target_of_header(header)
    why = "header"
    if uwazi and (header.endswith("_geolocation") or samples and all(
            _GEO.fullmatch(s) for s in samples)):
        target, why = "ignore", ("Uwazi geolocation lat|lon (kept in the record; the gazetteer " \
                                "has no coordinates)")
    if target is None and samples:
        mean = sum(len(s) for s in samples) / len(samples)
        words = sum(len(s.split()) for s in samples) / len(samples)
        if mean > 60 or words >= 5:  # sentences, not codes (Korean sentences are short)
            target, why = "text", "sentences"
        else:
            shares = {t.key: _vocab_share(samples, t.key) for t in TARGETS.values() if t.vocab}
            best = max(shares.values())
            fits = [k for k, v in shares.items() if v == best and v >= 0.6]
            if len(fits) == 1:
                target, why = fits[0], f"{best:.0%} of values are {TARGETS[fits[0]].vocab} labels"
            elif fits:
                target, why = "ignore", f"values fit {' or '.join(fits)}: choose one"
    if target is None:
        target, why = "ignore", "not recognised"
    plan = ColumnPlan(header, target, why)
    spec = TARGETS[target]
    if spec.multi and (spec.vocab or target == "consent"):
        plan.split = _separator(samples, default_split)
    if target == "sale_amount":
        from casebook.vocab import normalise_currency

        for word in re.findall(r"[A-Za-z]+|[가-힣]+|[$¥元₩]", header):
            plan.currency = plan.currency or normalise_currency(word)
    if spec.vocab or target in VALUE_TABLES or target == "consent":
        column = Column(target, split=plan.split)
        seen: list[str] = []
        for s in samples:
            pieces = split_values(s, plan.split or default_split) if spec.multi else [s]
            seen += [p for p in pieces if p not in seen]
        proposed: dict[str, str] = {}
        for piece in seen:
            if target == "consent":
                proposed[piece] = _scope(piece)
            elif spec.vocab:
                proposed[piece] = code_of(piece, column, uwazi) or ""
            else:
                proposed[piece] = value_words()[VALUE_TABLES[target]].get(normalise(piece), "")
        # An undecided value is copied into the file only from a column that is really coded
        # (most of its values name a code): anywhere else it could be a name, and stays out.
        coded = sum(1 for v in proposed.values() if v) * 2 >= len(proposed)
        for piece, code in proposed.items():
            if len(piece) > MAX_LISTED_VALUE or len(plan.values) >= MAX_LISTED or \
                    (not code and not coded):
                plan.not_listed += 1
            else:
                plan.values[piece] = code
    return plan


def propose(sheet: Sheet, fmt: str = "sheet", header_row: int | None = None) -> list[ColumnPlan]:
    default = "|" if fmt == "uwazi" else ";"
    return [plan_column(sheet, h, default, fmt == "uwazi") for h in sheet.headers]


def mapping_of(plans: list[ColumnPlan], sheet: Sheet, fmt: str, header_row: int | None) -> Mapping:
    """The plan as a :class:`Mapping` (what importing with the proposal unedited would do)."""
    mapping = Mapping(format=fmt, sheet=sheet.name or None, header_row=header_row,
                      split="|" if fmt == "uwazi" else ";")
    for p in plans:
        mapping.columns[p.header] = Column(p.to, dict(p.values), p.split, p.currency)
    return mapping


def render_plan(plans: list[ColumnPlan], sheet: Sheet, fmt: str, header_row: int | None,
                source: str) -> str:
    """The mapping file, with comments that explain each choice and what is undecided."""
    targets = ", ".join(k for k in TARGETS)
    lines = [
        f"# Mapping for {source} proposed by `casebook import --plan` on {dt.date.today()}.",
        "# Check every line, then import with:  casebook import FILE --map THIS_FILE",
        f"# Targets: {targets}.",
        "# A value mapped to \"\" is not decided: it stays in the testimony text and is listed",
        "# at import. Use to = \"drop\" for columns that must never enter the casebook (real",
        "# names, phone numbers, addresses). See docs/interoperability.md.",
        f"format = {toml_string(fmt)}",
    ]
    if sheet.name:
        lines.append(f"sheet = {toml_string(sheet.name)}")
    if header_row:
        lines.append(f"header_row = {header_row}")
    lines.append(f"split = {toml_string('|' if fmt == 'uwazi' else ';')}")
    for n, p in enumerate(plans):
        spec = TARGETS[p.to]
        lines += ["", f"[columns.{toml_string(p.header)}]  # column {column_letter(n)}",
                  f"to = {toml_string(p.to)}  # {p.why}" + (f"; {spec.help}" if spec.help else "")]
        if p.header.casefold() == "title" and fmt == "uwazi" and p.to == "pseudonym":
            lines.append("# check: Uwazi titles are often real names; use to = \"drop\" if so")
        if p.split:
            lines.append(f"split = {toml_string(p.split)}")
        if p.currency:
            lines.append(f"currency = {toml_string(p.currency)}")
        if p.values or p.not_listed:
            lines.append(f"[columns.{toml_string(p.header)}.values]")
            for value, code in p.values.items():
                note = "" if code else f"  # UNMAPPED: {_choices(p.to)}"
                lines.append(f"{toml_string(value)} = {toml_string(code)}{note}")
            if p.not_listed:
                lines.append(f"# {p.not_listed} values are not copied here (long, many, or in a "
                             "column where most values name no code: they could be names); "
                             "they stay in the record and are listed at import")
    return "\n".join(lines) + "\n"


def _scope(value: str) -> str:
    """The consent scope(s) a consent cell names, ";"-joined, or "" when unsure."""
    from casebook.model.consent import check_scope
    from casebook.vocab import load

    scopes = []
    for piece in split_values(value.replace("|", ";").replace(",", ";"), ";"):
        code = load("consent_scope").match(piece)
        if code and code != "share_with":
            scopes.append(code)
            continue
        try:
            scopes.append(check_scope(piece))
        except ValueError:
            return ""
    return ";".join(scopes)


def _choices(target: str) -> str:
    spec = TARGETS[target]
    if spec.vocab:
        from casebook.vocab import load

        return "one of " + ", ".join(load(spec.vocab).codes())
    if target == "consent":
        return "aggregate_statistics, anonymous_quotation, legal_proceedings, share_with:ORG " \
               "(several joined with ;)"
    if target in VALUE_TABLES:
        raw = tomllib.loads(resources.files("casebook.intake.data").joinpath("values.toml")
                            .read_text(encoding="utf-8"))
        return "one of " + ", ".join(raw[VALUE_TABLES[target]])
    return "a value"
