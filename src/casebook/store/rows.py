"""Table rows to the core's dataclasses and back: the one place that knows both shapes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from casebook.model import Consent, Event, Fact, Person, Record, Testimony, UncertainDate


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


T = TypeVar("T")


def chunks(items: list[T], size: int = 500) -> Iterator[list[T]]:
    """Slices short enough for an ``IN (...)`` on every backend."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def person_values(person: Person) -> dict[str, Any]:
    return {"pseudonym": person.pseudonym.strip(), "surname": person.surname, "sex": person.sex,
            "birth_year": person.birth_year,
            "birth_year_approximate": person.birth_year_approximate,
            "origin_place": person.origin_place, "languages": person.languages,
            "organisation": person.organisation, "kind": person.kind}


def to_person(row: Any) -> Person:
    return Person(
        pseudonym=row.pseudonym, surname=row.surname, sex=row.sex, birth_year=row.birth_year,
        birth_year_approximate=bool(row.birth_year_approximate), origin_place=row.origin_place,
        languages=list(row.languages or []), organisation=row.organisation, kind=row.kind,
        id=row.id,
    )


def testimony_values(testimony: Testimony, recorded_at: dt.datetime) -> dict[str, Any]:
    idate = testimony.interview_date
    return {
        "person_id": testimony.person_id, "told_by": testimony.told_by,
        "interview_date": idate.to_dict() if idate else None,
        "interview_year": idate.year if idate else None,
        "interview_place": testimony.interview_place, "interviewer": testimony.interviewer,
        "organisation": testimony.organisation, "language": testimony.language,
        "text": testimony.text, "file_name": testimony.file_name,
        "sha256": testimony.sha256, "provenance": testimony.provenance,
        "recorded_at": testimony.recorded_at or recorded_at}


def to_testimony(row: Any, consent: Consent) -> Testimony:
    return Testimony(
        text=row.text, language=row.language, person_id=row.person_id, told_by=row.told_by,
        interview_date=UncertainDate.from_dict(row.interview_date),
        interview_place=row.interview_place, interviewer=row.interviewer,
        organisation=row.organisation, file_name=row.file_name, sha256=row.sha256,
        provenance=dict(row.provenance or {}), consent=consent, recorded_at=row.recorded_at,
        id=row.id,
    )


def fact_columns(item: Fact | Event) -> dict[str, Any]:
    """The indexed columns of a fact (kind, name, year, place) beside its whole JSON."""
    if isinstance(item, Event):
        return {"kind": "event", "name": item.type, "data": item.to_dict(), "status": item.status,
                "confidence": item.confidence,
                "year": item.date.year if item.date else None, "place": item.place}
    value = item.value
    return {"kind": "person", "name": item.field, "data": item.to_dict(), "status": item.status,
            "confidence": item.confidence, "year": value if item.field == "birth_year" else None,
            "place": None}


def to_item(row: Any) -> Fact | Event:
    data = {**row.data, "status": row.status}
    if row.kind == "event":
        return Event.from_dict(data, id=row.id)
    return Fact.from_dict(data, id=row.id)


def to_record(rows: Sequence[Any], language: str) -> Record:
    record = Record(language=language)
    for r in rows:
        item = to_item(r)
        if isinstance(item, Event):
            record.events.append(item)
        else:
            record.facts.append(item)
    return record
