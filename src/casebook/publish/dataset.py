"""The plain input of every statistic and report: one row per survivor, already reviewed.

:func:`dataset_of` builds a :class:`Dataset` from the store's ``statistics`` read (consent
applied there); nothing here reads disk.
Only *accepted* events belong in a row, and the profile holds the keys of the testimony profile
(``docs``: research/testimony-profile.md). Statistics never see names or free text: those stay in
``text_for_quotes``/``names`` and are used only by :mod:`casebook.publish.redact`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from casebook.errors import InvalidInput
from casebook.model.consent import AGGREGATE_STATISTICS, ANONYMOUS_QUOTATION, Consent, ConsentGrant
from casebook.model.consented import ConsentedTestimony
from casebook.model.mood import is_fact
from casebook.model.records import ACCEPTED, Event, Record

PROFILE_KEYS = (
    "surname", "birth_year", "province_china", "origin_nk", "first_crossing_year",
    "first_crossing_month", "crossing_river", "recruitment", "recruiter_relation", "times_sold",
    "sales", "exploitation", "violence", "children_in_china", "arrested_in_china", "repatriated",
    "nk_detention", "hukou_or_id",
)
LIST_KEYS = ("recruitment", "recruiter_relation", "sales", "exploitation", "violence",
             "nk_detention")


def _when(event: Event) -> tuple:
    return event.date.sort_key() if event.date else (10**9, "")


@dataclass
class PersonRow:
    """One survivor as statistics see her: profile, accepted events, consent."""

    person_id: int | str
    organisation: str | None = None
    interview_year: int | None = None
    birth_year: int | None = None
    consent: Consent = field(default_factory=Consent)
    profile: dict[str, Any] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    text_for_quotes: str | None = None
    language: str = "en"
    names: list[str] = field(default_factory=list)  # every name she or others are called by
    told_names: list[str] = field(default_factory=list)
    """Names of the people in any of her events, kept before the events are narrowed: a broker
    named only in a sale that was planned (or an event not yet reviewed) is still in the text
    a quote is taken from, and must still be removed from it."""
    synthetic: bool = False  # a fictional person of the demo's synthetic cohort

    def __post_init__(self) -> None:
        for e in self.events:
            for i in e.involvements:
                if i.who and i.who not in self.told_names:
                    self.told_names.append(i.who)
        # accepted and told as having happened: a denied arrest is never counted as one
        self.events = [e for e in self.events if e.status == ACCEPTED and is_fact(e)]
        for key in LIST_KEYS:
            if self.profile.get(key) is None:
                self.profile[key] = []
        if self.birth_year is None:
            self.birth_year = self.profile.get("birth_year")

    def get(self, key: str) -> Any:
        return self.profile.get(key)

    def events_of(self, *types: str) -> list[Event]:
        """Accepted events of these types, earliest first (undated last); sorted once."""
        by_type = self.__dict__.get("_by_type")
        if by_type is None:
            by_type = {}
            for e in self.events:
                by_type.setdefault(e.type, []).append(e)
            for group in by_type.values():
                if len(group) > 1:
                    group.sort(key=_when)
            self.__dict__["_by_type"] = by_type
        if len(types) == 1:
            return by_type.get(types[0], [])
        return sorted((e for t in types for e in by_type.get(t, [])), key=_when)

    def memo(self, key: str, fn):
        """A value derived from this row, computed once (rows are not edited after loading)."""
        cache = self.__dict__.setdefault("_memo", {})
        if key not in cache:
            cache[key] = fn(self)
        return cache[key]

    def to_dict(self) -> dict:
        return {
            "person_id": self.person_id, "organisation": self.organisation,
            "interview_year": self.interview_year, "birth_year": self.birth_year,
            "consent": self.consent.to_list(), "profile": self.profile,
            "events": [e.to_dict() for e in self.events], "text_for_quotes": self.text_for_quotes,
            "language": self.language, "names": self.names, "told_names": self.told_names,
            "synthetic": self.synthetic,
        }

    @classmethod
    def from_dict(cls, data: dict) -> PersonRow:
        try:
            return cls(
                person_id=data["person_id"], organisation=data.get("organisation"),
                interview_year=data.get("interview_year"), birth_year=data.get("birth_year"),
                consent=Consent.from_list(data.get("consent") or []),
                profile=dict(data.get("profile") or {}),
                events=[Event.from_dict(e) for e in data.get("events") or []],
                text_for_quotes=data.get("text_for_quotes"),
                language=data.get("language", "en"), names=list(data.get("names") or []),
                told_names=list(data.get("told_names") or []),
                synthetic=bool(data.get("synthetic", False)),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidInput(f"person row {data.get('person_id', '?')}: {exc}") from exc


@dataclass
class Dataset:
    """The rows of one casebook, plus the date consent is judged on."""

    rows: list[PersonRow] = field(default_factory=list)
    name: str = "casebook"
    as_of: dt.date | None = None  # consent is evaluated on this day (default: today)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[PersonRow]:
        return iter(self.rows)

    def consenting(self, scope: str = AGGREGATE_STATISTICS) -> Dataset:
        """Only persons whose consent covers ``scope`` today: the gate of every output."""
        return Dataset([r for r in self.rows if r.consent.allows(scope, self.as_of)],
                       self.name, self.as_of)

    def for_statistics(self) -> Dataset:
        return self.consenting(AGGREGATE_STATISTICS)

    def for_quotation(self) -> Dataset:
        return Dataset([r for r in self.rows
                        if r.consent.allows(ANONYMOUS_QUOTATION, self.as_of)
                        and r.consent.allows(AGGREGATE_STATISTICS, self.as_of)],
                       self.name, self.as_of)

    def filter(self, keep: Iterable[bool]) -> Dataset:
        return Dataset([r for r, k in zip(self.rows, keep) if k], self.name, self.as_of)

    def to_json(self) -> str:
        return json.dumps({"name": self.name, "rows": [r.to_dict() for r in self.rows]},
                          ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str, source: str = "dataset") -> Dataset:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"{source}: not JSON ({exc})") from exc
        rows = data["rows"] if isinstance(data, dict) else data
        name = data.get("name", "casebook") if isinstance(data, dict) else "casebook"
        return cls([PersonRow.from_dict(r) for r in rows], name)


def _strictest(consents: list[Consent]) -> Consent:
    """The scopes all of her testimonies allow today, with the latest grant date among them."""
    if not consents:
        return Consent()
    common = set(consents[0].active_scopes())
    for c in consents[1:]:
        common &= set(c.active_scopes())
    grants = []
    for scope in sorted(common):
        dates = [g.granted_on for c in consents for g in c.grants
                 if g.scope == scope and g.active()]
        grants.append(ConsentGrant(scope, max(dates)))
    return Consent(tuple(grants))


def dataset_of(testimonies: Iterable[ConsentedTestimony], name: str = "casebook") -> Dataset:
    """One row per woman from what the store's read layer returned for ``statistics``.

    Her testimonies' accepted facts are merged; her consent is what all of them allow today (a
    withdrawal in any one wins); the text for quotes is her first testimony's, when it was read
    and that consent allows quotation.
    """
    from casebook.extract import profile  # heavy: the extraction pipeline

    by_person: dict[int, list[ConsentedTestimony]] = {}
    for t in testimonies:
        by_person.setdefault(t.person_key, []).append(t)
    rows = []
    for person_id, tells in sorted(by_person.items()):
        record = Record()
        for t in tells:
            record.facts.extend(t.record.facts)
            record.events.extend(t.record.events)
        person = tells[0].person
        years = [t.interview_year for t in tells if t.interview_year]
        names = [n for n in ((person.pseudonym, person.surname) if person else ()) if n]
        consent = _strictest([t.consent for t in tells])
        quotable = tells[0].text if consent.allows(ANONYMOUS_QUOTATION) else None
        rows.append(PersonRow(
            person_id=person_id, organisation=tells[0].organisation,
            interview_year=max(years) if years else None,
            birth_year=person.birth_year if person else None,
            consent=consent, profile=profile(record),
            events=list(record.events), text_for_quotes=quotable,
            language=tells[0].language, names=names,
            synthetic=bool(person and person.kind == "synthetic"),
        ))
    return Dataset(rows, name=name)
