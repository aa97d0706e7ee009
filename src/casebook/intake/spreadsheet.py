"""Importing a coding sheet (.xlsx, .ods, .csv, Uwazi CSV) with a mapping: all rows or none.

Every row is read and checked before anything is stored; then the rows are stored in one
transaction, so an import either happened (with a summary of what was and was not taken) or
did not happen at all. Coded columns become *suggested* facts marked ``source="coding_sheet"``
for a reviewer to accept; free-text columns become the testimony's text (and, when asked,
the extractor's suggestions too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casebook.errors import InvalidInput
from casebook.intake.coded import CodedRow, RowReader, Unmapped
from casebook.intake.mapping import Mapping
from casebook.intake.pipeline import detect_language, parse_consent, parse_interview_date
from casebook.intake.profile_facts import record_from_profile
from casebook.intake.sheets import Sheet, read_sheet
from casebook.model import Person, Record, Testimony, sha256_text
from casebook.store import Casebook


@dataclass
class Prepared:
    """A row ready to store."""

    row: CodedRow
    testimony: Testimony
    person: Person
    record: Record


@dataclass
class SheetImport:
    """What an import did, row by row: the summary every import prints."""

    file: str
    sheet: str
    rows: int = 0
    added: list[int] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)  # row numbers already in the casebook
    facts: int = 0
    unmapped: list[Unmapped] = field(default_factory=list)
    dropped_columns: list[str] = field(default_factory=list)
    without_consent: list[int] = field(default_factory=list)  # row numbers

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "sheet": self.sheet, "rows": self.rows, "added": self.added,
                "duplicate_rows": self.duplicates, "suggested_facts": self.facts,
                "unmapped": [u.to_dict() for u in self.unmapped],
                "dropped_columns": self.dropped_columns,
                "rows_without_consent": self.without_consent}


def check_columns(sheet: Sheet, mapping: Mapping) -> None:
    """A mapping that names columns this sheet lacks was made for another sheet: stop."""
    missing = [h for h in mapping.columns if h not in sheet.headers]
    if missing:
        raise InvalidInput(
            f"{sheet.where()}: the mapping names columns this sheet does not have: "
            f"{', '.join(missing)} (columns are: {', '.join(sheet.headers)}); "
            "fix the mapping or make a new one with --plan")


def prepare_rows(sheet: Sheet, mapping: Mapping, defaults: dict[str, Any] | None = None,
                 extractor: Callable[[str, str], Record] | None = None,
                 source: str = "coding_sheet") -> list[Prepared]:
    """Read every row into a testimony, its person and its suggested facts (nothing stored)."""
    check_columns(sheet, mapping)
    reader = RowReader(sheet, mapping)
    out = []
    for row in sheet.rows:
        coded = reader.read(row)
        out.append(_prepare(coded, sheet, mapping, defaults or {}, extractor, source))
    return out


def _prepare(coded: CodedRow, sheet: Sheet, mapping: Mapping, defaults: dict[str, Any],
             extractor: Callable[[str, str], Record] | None, source: str) -> Prepared:
    meta = {**{k: v for k, v in defaults.items() if v not in (None, [])}, **coded.meta}
    where = sheet.where(coded.number)
    narrative_end = coded.text.rfind("\n\n[")
    language = meta.get("language") or mapping.language or detect_language(
        coded.text[:narrative_end] if narrative_end > 0 else coded.text)
    values = coded.values
    record = record_from_profile(values, coded.evidence, source=source, language=language)
    if extractor is not None and narrative_end > 0:
        extracted = extractor(coded.text[:narrative_end], language)
        record.facts += extracted.facts
        record.events += extracted.events
    digest = sha256_text(coded.text)
    person = Person(
        pseudonym=str(meta.get("pseudonym") or meta.get("id") or f"Survivor {digest[:6].upper()}"),
        surname=values.get("surname"), sex=meta.get("sex"), birth_year=values.get("birth_year"),
        origin_place=values.get("origin_nk"), languages=[language],
        organisation=meta.get("organisation"))
    try:
        consent = parse_consent(meta.get("consent"))
        interview_date = parse_interview_date(meta.get("interview_date"))
    except InvalidInput as exc:
        raise InvalidInput(f"{where}: {exc}") from None
    testimony = Testimony(
        text=coded.text, language=language, interview_date=interview_date,
        interview_place=meta.get("interview_place"), interviewer=meta.get("interviewer"),
        organisation=meta.get("organisation"),
        file_name=f"{Path(sheet.file).name}#{sheet.name + '!' if sheet.name else ''}{coded.number}",
        sha256=digest, consent=consent,
        provenance={"format": source, "file": Path(sheet.file).name, "sheet": sheet.name,
                    "row": coded.number, "id": meta.get("id"),
                    "imported": dt.date.today().isoformat(),
                    "unmapped": [{"column": u.column, "value": u.value, "reason": u.reason}
                                 for u in coded.unmapped],
                    "dropped_columns": coded.dropped})
    return Prepared(coded, testimony, person, record)


def store_prepared(book: Casebook, prepared: list[Prepared], summary: SheetImport) -> SheetImport:
    """Store every prepared row in one transaction and fill in the summary."""
    summary.rows = len(prepared)
    outcomes = book.testimonies.add_many([(p.testimony, p.person, p.record) for p in prepared]) \
        if prepared else []
    dropped: set[str] = set()
    for p, (tid, created) in zip(prepared, outcomes):
        summary.unmapped += p.row.unmapped
        dropped.update(p.row.dropped)
        if not p.testimony.consent.active_scopes():
            summary.without_consent.append(p.row.number)
        if created:
            summary.added.append(tid)
            summary.facts += len(p.record.facts) + len(p.record.events)
        else:
            summary.duplicates.append(p.row.number)
    summary.dropped_columns = sorted(dropped)
    return summary


def import_sheet(book: Casebook, path: Path, mapping: Mapping,
                 defaults: dict[str, Any] | None = None,
                 extractor: Callable[[str, str], Record] | None = None) -> SheetImport:
    """Import one sheet of a coding sheet with ``mapping``: every row, or none."""
    sheet = read_sheet(path, mapping.sheet, mapping.header_row)
    source = "uwazi" if mapping.format == "uwazi" else "coding_sheet"
    prepared = prepare_rows(sheet, mapping, defaults, extractor, source)
    return store_prepared(book, prepared, SheetImport(str(path), sheet.name))
