"""What linkage reads: one flat record per source, whatever store it came from.

:func:`person_records` and :func:`perpetrator_records` build them from the store's consented
read (``book.read_for("linkage_persons")``: person, accepted facts and events, per testimony);
tests, benchmarks and ``--records-json`` build them directly. Places are gazetteer ids
(``casebook.vocab``), never free text, so that Hoeryong, Hoeryŏng and 회령 are already one value.
Money is in US dollars of the year. Dates are ISO strings of whatever precision was told
("1998", "1998-02", "1998-02-14").
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from casebook.errors import InvalidInput
from casebook.model import ConsentedTestimony, Event

PERSON, PERPETRATOR = "person", "perpetrator"
KINDS = (PERSON, PERPETRATOR)


@dataclass(frozen=True)
class PersonRecord:
    """One telling of one woman's story, as linkage sees it (all fields optional but ``id``)."""

    id: str
    organisation: str = ""
    source: str = ""  # testimony id or reference, kept so a merge never loses a source
    surname: str | None = None
    given_name: str | None = None
    name_is_pseudonym: bool = False  # pseudonyms are never compared across organisations
    birth_year: int | None = None
    origin: str | None = None  # gazetteer id of the home town in North Korea
    crossing_year: int | None = None
    places: tuple[str, ...] = ()  # gazetteer ids of places she was taken, sold or held
    children: int | None = None
    sale_prices: tuple[float, ...] = ()  # USD
    dates: tuple[str, ...] = ()  # ISO (partial) dates of her events


@dataclass(frozen=True)
class PerpetratorRecord:
    """A broker, buyer or trafficker as one testimony names them."""

    id: str
    aliases: tuple[str, ...] = ()
    role: str | None = None  # perpetrator_role vocabulary: broker, buyer, trafficker...
    places: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    organisation: str = ""
    source: str = ""


LinkRecord = PersonRecord | PerpetratorRecord
_CLASSES: dict[str, type] = {PERSON: PersonRecord, PERPETRATOR: PerpetratorRecord}


def record_class(kind: str) -> type:
    try:
        return _CLASSES[kind]
    except KeyError:
        raise InvalidInput(f"kind must be one of {', '.join(KINDS)}, not {kind!r}") from None


def record_from_dict(data: dict[str, Any], kind: str = PERSON, where: str = "record") -> LinkRecord:
    """Build a record from JSON-like data, naming the offending field when it is wrong."""
    cls = record_class(kind)
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise InvalidInput(f"{where}: unknown field(s) {', '.join(unknown)}")
    if data.get("id") in (None, ""):
        raise InvalidInput(f"{where}: id is required")
    values: dict[str, Any] = {}
    for name, value in data.items():
        kind_of = str(known[name].type)
        try:
            if value is None:
                values[name] = None if "None" in kind_of else known[name].default
            elif kind_of.startswith("tuple[str"):
                values[name] = tuple(str(v) for v in value)
            elif kind_of.startswith("tuple[int"):
                values[name] = tuple(int(v) for v in value)
            elif kind_of.startswith("tuple[float"):
                values[name] = tuple(float(v) for v in value)
            elif kind_of.startswith("int"):
                values[name] = int(value)
            elif kind_of == "bool":
                values[name] = bool(value)
            else:
                values[name] = str(value)
        except (TypeError, ValueError):
            raise InvalidInput(f"{where}: field {name} has a bad value {value!r}") from None
    return cls(**values)


def record_to_dict(record: LinkRecord) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(record).items()}


def load_records_json(path: Path | str, kind: str = PERSON) -> list[LinkRecord]:
    """Read a JSON list of records (or ``{"records": [...]}``); ids must be unique."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{path}: not JSON ({exc.msg}, line {exc.lineno})") from None
    if isinstance(data, dict):
        data = data.get("records")
    if not isinstance(data, list):
        raise InvalidInput(f"{path}: expected a list of records")
    records = [record_from_dict(item, kind, f"{path} record {i}") for i, item in enumerate(data)]
    check_unique_ids(records, str(path))
    return records


def check_unique_ids(records: Iterable[LinkRecord], where: str = "records") -> None:
    seen: set[str] = set()
    for record in records:
        if record.id in seen:
            raise InvalidInput(f"{where}: duplicate record id {record.id!r}")
        seen.add(record.id)


def _iso(event: Event) -> str | None:
    d = event.date
    if d is None or d.year is None:
        return None
    if d.month is None:
        return f"{d.year:04d}"
    return f"{d.year:04d}-{d.month:02d}" + (f"-{d.day:02d}" if d.day else "")


def person_records(testimonies: Iterable[ConsentedTestimony]) -> list[PersonRecord]:
    """One record per testimony, from her person record and the testimony's accepted facts."""
    from casebook.extract import profile  # heavy: the extraction pipeline
    from casebook.vocab.places import gazetteer

    gaz = gazetteer()
    out = []
    for t in testimonies:
        record, person = t.record, t.person
        prof = profile(record)
        origin = person.origin_place if person and person.origin_place else prof.get("origin_nk")
        origin_place = gaz.lookup(origin) if origin else None
        prices = [e.amount.usd for e in record.events
                  if e.type == "sale" and e.amount and e.amount.usd]
        out.append(PersonRecord(
            id=f"t{t.testimony_id}", organisation=t.organisation or "", source=t.source,
            surname=(person.surname if person and person.surname else prof.get("surname")),
            given_name=person.pseudonym if person else None, name_is_pseudonym=True,
            birth_year=(person.birth_year if person and person.birth_year
                        else prof.get("birth_year")),
            origin=origin_place.id if origin_place else None,
            crossing_year=prof.get("first_crossing_year"),
            places=tuple(sorted({e.place for e in record.events if e.place})),
            children=prof.get("children_in_china"), sale_prices=tuple(prices),
            dates=tuple(d for d in (_iso(e) for e in record.events) if d),
        ))
    return out


def mention_id(testimony_id: int, event: int, involvement: int) -> str:
    """The id of one perpetrator as named in one event: the same in linkage and the network."""
    return f"t{testimony_id}e{event}i{involvement}"


def perpetrator_records(testimonies: Iterable[ConsentedTestimony]) -> list[PerpetratorRecord]:
    """One record per perpetrator named in an accepted event (alias, role, place, year)."""
    out = []
    for t in testimonies:
        for n, event in enumerate(t.record.events):
            for m, inv in enumerate(event.involvements):
                if inv.role != "perpetrator" or not inv.who:
                    continue
                out.append(PerpetratorRecord(
                    id=mention_id(t.testimony_id, n, m), aliases=(inv.who,),
                    role=inv.perpetrator_role, places=(event.place,) if event.place else (),
                    years=(event.date.year,) if event.date and event.date.year else (),
                    source=t.source,
                ))
    return out


__all__ = [
    "KINDS", "LinkRecord", "PERPETRATOR", "PERSON", "PerpetratorRecord", "PersonRecord",
    "check_unique_ids", "load_records_json", "mention_id", "perpetrator_records",
    "person_records", "record_class", "record_from_dict", "record_to_dict",
]
