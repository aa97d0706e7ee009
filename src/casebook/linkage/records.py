"""What linkage reads: one flat record per source, whatever store it came from.

The store adapter turns a casebook (person, accepted facts and events, per testimony) into these
records; tests, benchmarks and ``--records-json`` build them directly. Places are gazetteer ids
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


__all__ = [
    "KINDS", "LinkRecord", "PERPETRATOR", "PERSON", "PerpetratorRecord", "PersonRecord",
    "check_unique_ids", "load_records_json", "record_class", "record_from_dict", "record_to_dict",
]
