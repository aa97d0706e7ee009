"""The records of a casebook, after the HURIDOCS Events Standard Formats idea.

A *person* is described by *testimonies* (sources). Each testimony yields *facts*: attributes of
the person (birth year, origin) and *events* of her journey (a sale, an arrest). Who did what to
whom lives on the *involvements* of an event, not on the person. Every fact carries the words
that support it (*evidence*) and a review *status*; only accepted facts feed statistics.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from casebook.model.consent import Consent
from casebook.model.dates import UncertainDate

SUGGESTED, ACCEPTED, REJECTED = "suggested", "accepted", "rejected"
STATUSES = (SUGGESTED, ACCEPTED, REJECTED)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Evidence:
    """The words of a testimony that support a fact: a character span and what it says."""

    start: int
    end: int
    quote: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad evidence span {self.start}-{self.end}")

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Evidence:
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "quote": self.quote}

    @classmethod
    def from_dict(cls, data: dict | None) -> Evidence | None:
        return cls(data["start"], data["end"], data.get("quote", "")) if data else None


@dataclass(frozen=True)
class Amount:
    """Money as told (value and currency) and in US dollars of that year, when known."""

    value: float
    currency: str
    year: int | None = None
    usd: float | None = None

    def to_dict(self) -> dict:
        return {"value": self.value, "currency": self.currency, "year": self.year, "usd": self.usd}

    @classmethod
    def from_dict(cls, data: dict | None) -> Amount | None:
        if not data:
            return None
        return cls(data["value"], data["currency"], data.get("year"), data.get("usd"))


@dataclass(frozen=True)
class Involvement:
    """Someone's part in an event: the victim, a perpetrator with a role, a witness, the source.

    ``who`` is how the testimony names them ("the broker Mr. Jang", "my aunt"); ``person_id`` is set
    once linkage ties them to a record. ``relation`` says how they relate to the victim (the
    ``recruiter_relation`` vocabulary) and ``group`` is a buyer's or broker's background.
    """

    role: str
    perpetrator_role: str | None = None
    who: str | None = None
    person_id: int | str | None = None  # a person's id; a mention id ("t3e0i1") in linkage
    relation: str | None = None
    group: str | None = None

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}

    @classmethod
    def from_dict(cls, data: dict) -> Involvement:
        return cls(**data)


@dataclass
class Event:
    """One typed step of the journey (``event_type`` vocabulary)."""

    type: str
    date: UncertainDate | None = None
    place: str | None = None  # gazetteer id when known
    place_text: str | None = None  # as told
    amount: Amount | None = None
    involvements: list[Involvement] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)  # coded details, e.g. facility
    notes: str = ""
    evidence: Evidence | None = None
    confidence: float = 1.0
    status: str = SUGGESTED
    id: int | None = None
    source: str | None = None  # where a suggestion came from when not the text ("coding_sheet")

    def to_dict(self) -> dict:
        return {
            "type": self.type,
            "date": self.date.to_dict() if self.date else None,
            "place": self.place,
            "place_text": self.place_text,
            "amount": self.amount.to_dict() if self.amount else None,
            "involvements": [i.to_dict() for i in self.involvements],
            "attributes": self.attributes,
            "notes": self.notes,
            "evidence": self.evidence.to_dict() if self.evidence else None,
            "confidence": self.confidence,
            "status": self.status,
            **({"source": self.source} if self.source else {}),
        }

    @classmethod
    def from_dict(cls, data: dict, id: int | None = None) -> Event:
        return cls(
            type=data["type"],
            date=UncertainDate.from_dict(data.get("date")),
            place=data.get("place"),
            place_text=data.get("place_text"),
            amount=Amount.from_dict(data.get("amount")),
            involvements=[Involvement.from_dict(i) for i in data.get("involvements", [])],
            attributes=dict(data.get("attributes") or {}),
            notes=data.get("notes", ""),
            evidence=Evidence.from_dict(data.get("evidence")),
            confidence=data.get("confidence", 1.0),
            status=data.get("status", SUGGESTED),
            id=id,
            source=data.get("source"),
        )


@dataclass
class Fact:
    """An attribute of the person stated in a testimony (``birth_year`` = 1979), with its words."""

    field: str
    value: Any
    evidence: Evidence | None = None
    confidence: float = 1.0
    status: str = SUGGESTED
    id: int | None = None
    source: str | None = None  # where a suggestion came from when not the text ("coding_sheet")

    def to_dict(self) -> dict:
        return {
            "field": self.field, "value": self.value,
            "evidence": self.evidence.to_dict() if self.evidence else None,
            "confidence": self.confidence, "status": self.status,
            **({"source": self.source} if self.source else {}),
        }

    @classmethod
    def from_dict(cls, data: dict, id: int | None = None) -> Fact:
        return cls(
            data["field"], data["value"], Evidence.from_dict(data.get("evidence")),
            data.get("confidence", 1.0), data.get("status", SUGGESTED), id, data.get("source"),
        )


@dataclass
class Person:
    """A survivor (or, later, a perpetrator) as the casebook knows her: pseudonym first."""

    pseudonym: str
    surname: str | None = None
    sex: str | None = None
    birth_year: int | None = None
    birth_year_approximate: bool = False
    origin_place: str | None = None
    languages: list[str] = field(default_factory=list)
    organisation: str | None = None
    kind: str = "survivor"
    id: int | None = None


@dataclass
class Testimony:
    """A source: one telling of a story, by whom, when, where, to whom, and what she allowed."""

    __test__ = False  # not a pytest test class, despite the name

    text: str
    language: str = "en"
    person_id: int | None = None
    told_by: str = "self"
    interview_date: UncertainDate | None = None
    interview_place: str | None = None
    interviewer: str | None = None
    organisation: str | None = None
    file_name: str | None = None
    sha256: str = ""
    provenance: dict[str, Any] = field(default_factory=dict)
    consent: Consent = field(default_factory=Consent)
    recorded_at: dt.datetime | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.sha256:
            self.sha256 = sha256_text(self.text)


@dataclass
class Record:
    """What extraction proposes for one testimony: person attributes and ordered events."""

    facts: list[Fact] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    language: str = "en"

    def accepted(self) -> Record:
        """Only what a reviewer accepted: the input to statistics and reports."""
        return Record(
            [f for f in self.facts if f.status == ACCEPTED],
            [e for e in self.events if e.status == ACCEPTED],
            self.language,
        )

    def attribute(self, name: str) -> Any:
        for f in self.facts:
            if f.field == name and f.status != REJECTED:
                return f.value
        return None
