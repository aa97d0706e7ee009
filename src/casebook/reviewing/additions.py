"""A fact the extractor missed, added by a reviewer from the words of the testimony.

The reviewer names what the words say: a profile key with its value (``exploitation=
forced_marriage``, ``birth_year=1979``) or an event type with its fields (``sale amount=3000
currency=RMB year=1999``). Profile keys become the same facts and events the extractor and the
coding-sheet importer make (``intake.profile_facts.record_from_profile``), so the profile reads
the value back. What each key takes is the table ``additions.toml``; every code is checked
against its vocabulary. The fact is stored *accepted*, with the words as its evidence.
"""

from __future__ import annotations

import functools
import shlex
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from casebook.errors import BadArgument, InvalidInput
from casebook.extract.profile import PROFILE_KEYS
from casebook.intake.profile_facts import record_from_profile
from casebook.model import ACCEPTED, Amount, Event, Evidence, Fact, Involvement, UncertainDate
from casebook.vocab import gazetteer, load, normalise_currency, to_usd

SOURCE = "reviewer"  # the ``source`` of a fact a reviewer added
COMMON_FIELDS = ("year", "month", "day", "season", "place", "amount", "currency", "notes",
                 "who")
RIVERS = ("Tumen", "Yalu")


@dataclass(frozen=True)
class Field:
    """What one key or event field takes."""

    name: str
    value: str = "text"  # text | year | month | count | code | river
    vocabulary: str | None = None
    en: str = ""  # label of a profile key
    ko: str = ""
    attribute: str | None = None  # event attribute it sets
    involvement: str | None = None  # perpetrator role of the involvement it sets
    list: bool = False

    def codes(self) -> tuple[str, ...]:
        if self.value == "river":
            return RIVERS
        return load(self.vocabulary).codes() if self.vocabulary else ()


@functools.cache
def _table() -> dict[str, Any]:
    raw = resources.files("casebook.reviewing").joinpath("additions.toml").read_text("utf-8")
    return tomllib.loads(raw)


@functools.cache
def profile_keys() -> dict[str, Field]:
    """The profile keys a reviewer may add, in the profile's order."""
    keys = _table()["key"]
    return {k: Field(k, keys[k]["value"], keys[k].get("vocabulary"), keys[k]["en"],
                     keys[k]["ko"]) for k in PROFILE_KEYS if k in keys}


def key_label(key: str, lang: str) -> str:
    """A profile key's label in ``lang`` (en or ko); the key itself when unknown."""
    spec = _table()["key"].get(key) or _table()["label"].get(key)
    return (spec.get(lang) or spec["en"]) if spec else key


@functools.cache
def event_fields(event_type: str) -> dict[str, Field]:
    """The fields an event of this type takes beyond :data:`COMMON_FIELDS`."""
    specs = _table()["event"].get(event_type, {})
    return {name: Field(name, s.get("value", "code" if s.get("vocabulary") else "text"),
                        s.get("vocabulary"), attribute=s.get("attribute"),
                        involvement=s.get("involvement"),
                        list=bool(s.get("list"))) for name, s in specs.items()}


def field_label(name: str, lang: str) -> str:
    """An event field's label in ``lang``."""
    spec = _table().get("field_label", {}).get(name)
    return (spec.get(lang) or spec["en"]) if spec else name


def event_types() -> tuple[str, ...]:
    return load("event_type").codes()


def parse(line: str) -> tuple[str, dict[str, str]]:
    """``"KEY=VALUE k=v …"`` or ``"TYPE k=v …"`` → (key or event type, fields).

    A profile key's value comes back under ``"value"``; ``event=TYPE`` also names an event.
    """
    try:
        tokens = shlex.split(line)
    except ValueError as exc:
        raise BadArgument(f"--add: {exc}") from None
    if not tokens:
        raise BadArgument("--add: name what the words say, e.g. exploitation=forced_marriage "
                          "or 'sale amount=3000 currency=RMB'")
    head, rest = tokens[0], tokens[1:]
    fields: dict[str, str] = {}
    for token in rest:
        name, eq, value = token.partition("=")
        if not eq or not name:
            raise BadArgument(f"--add: {token!r} is not key=value")
        fields[name.strip().lower()] = value.strip()
    name, eq, value = head.partition("=")
    name = name.strip().lower()
    if eq and name == "event":
        return value.strip(), fields
    if eq:
        return name, {"value": value.strip(), **fields}
    return name, fields


def _convert(spec: Field, raw: str, where: str) -> Any:
    raw = raw.strip()
    if raw == "":
        raise BadArgument(f"{where}: give a value")
    if spec.value in ("year", "month", "count"):
        try:
            number = int(raw.replace(",", ""))
        except ValueError:
            raise BadArgument(f"{where}: {raw!r} is not a whole number") from None
        low, high = {"year": (1900, 2100), "month": (1, 12), "count": (0, 99)}[spec.value]
        if not low <= number <= high:
            raise BadArgument(f"{where}: {number} is not between {low} and {high}")
        return number
    if spec.value == "river":
        for river in RIVERS:
            if raw.casefold() == river.casefold():
                return river
        raise BadArgument(f"{where}: {raw!r} is not one of {', '.join(RIVERS)}")
    if spec.value == "code" and spec.vocabulary:
        codes = [c.strip() for c in raw.split(",") if c.strip()] if spec.list else [raw]
        vocab = load(spec.vocabulary)
        for code in codes:
            if code not in vocab:
                raise BadArgument(f"{where}: {code!r} is not a code of {spec.vocabulary} "
                                  f"({', '.join(vocab.codes())})")
        return codes if spec.list else codes[0]
    return raw


def addition(key: str, fields: dict[str, str], evidence: Evidence,
             language: str = "en") -> Fact | Event:
    """The accepted fact or event a reviewer adds; BadArgument names what is wrong."""
    keys = profile_keys()
    # "recruitment=abducted" is the profile key; "recruitment method=abducted" the event
    if key in keys and ("value" in fields or key not in event_types()):
        return _profile_fact(keys[key], fields, evidence, language)
    if key in event_types():
        return _event(key, fields, evidence)
    raise BadArgument(f"--add: {key!r} is neither a profile key ({', '.join(keys)}) nor an "
                      f"event type ({', '.join(event_types())})")


def _profile_fact(spec: Field, fields: dict[str, str], evidence: Evidence,
                  language: str) -> Fact | Event:
    extra = set(fields) - {"value"}
    if extra:
        raise BadArgument(f"{spec.name}: takes only a value (to give dates, places or amounts, "
                          "add an event instead, e.g. 'sale amount=3000 currency=RMB')")
    value = _convert(spec, fields.get("value", ""), spec.name)
    if spec.name == "first_crossing_month":  # a month alone: the first crossing, undated year
        return Event("border_crossing", date=UncertainDate(month=value), attributes={"order": 1},
                     evidence=evidence, status=ACCEPTED, source=SOURCE)
    stated = [value] if spec.value == "code" and spec.name != "hukou_or_id" else value
    record = record_from_profile({spec.name: stated}, {spec.name: evidence}, source=SOURCE,
                                 language=language, status=ACCEPTED)
    items: list[Fact | Event] = [*record.facts, *record.events]
    assert len(items) == 1, spec.name  # one key, one value: one fact
    item = items[0]
    item.confidence = 1.0
    return item


def _event(event_type: str, fields: dict[str, str], evidence: Evidence) -> Event:
    specs = event_fields(event_type)
    unknown = set(fields) - set(COMMON_FIELDS) - set(specs) - {"value"}
    if unknown or fields.get("value"):
        allowed = ", ".join([*COMMON_FIELDS, *specs])
        raise BadArgument(f"{event_type}: unknown field(s) "
                          f"{', '.join(sorted(unknown or {'value'}))}; use {allowed}")
    given = {k: v for k, v in fields.items() if v.strip()}
    event = Event(event_type, evidence=evidence, status=ACCEPTED, source=SOURCE, confidence=1.0)
    year = month = day = None
    if "year" in given:
        year = _convert(Field("year", "year"), given["year"], f"{event_type}.year")
    if "month" in given:
        month = _convert(Field("month", "month"), given["month"], f"{event_type}.month")
    if "day" in given:
        day = _convert(Field("day", "count"), given["day"], f"{event_type}.day")
    season = given.get("season")
    if year or month or season:
        try:
            event.date = UncertainDate(year=year, month=month, day=day, season=season)
        except ValueError as exc:
            raise BadArgument(f"{event_type}: date: {exc}") from None
    if "place" in given:
        event.place_text = given["place"]
        found = gazetteer().lookup(given["place"])
        event.place = found.id if found else None
    if "amount" in given:
        try:
            value = float(given["amount"].replace(",", ""))
        except ValueError:
            raise BadArgument(f"{event_type}.amount: {given['amount']!r} is not a number") from None
        currency = normalise_currency(given.get("currency") or "RMB") or ""
        if currency not in load("currency"):
            raise BadArgument(f"{event_type}.currency: {given.get('currency')!r} is not one "
                              f"of {', '.join(load('currency').codes())}")
        event.amount = Amount(value, currency, year, _usd(value, currency, year))
    if "notes" in given:
        event.notes = given["notes"]
    for name, spec in specs.items():
        if name not in given:
            continue
        value = _convert(spec, given[name], f"{event_type}.{name}")
        if spec.attribute:
            event.attributes[spec.attribute] = value
        elif spec.involvement == "buyer":
            event.involvements.append(Involvement("perpetrator", "buyer", group=value))
        elif spec.involvement:
            event.involvements.append(Involvement("perpetrator", spec.involvement,
                                                  who=given.get("who"), relation=value))
    if "who" in given and not any(i.who for i in event.involvements):
        event.involvements.append(Involvement("perpetrator", None, who=given["who"]))
    if event_type == "border_crossing":
        event.attributes.setdefault("order", 1)
    return event


def _usd(value: float, currency: str, year: int | None) -> float | None:
    try:
        return to_usd(value, currency, year)
    except InvalidInput:  # a currency or year the rate table does not know: no dollar value
        return None
