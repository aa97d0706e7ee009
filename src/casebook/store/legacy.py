"""The casebook's flat methods from before it was split by noun (``book.add_testimony``…).

Kept, each one line over its component and warning when called, while branches written
against them merge; nothing under ``src/`` calls them (``tests/test_architecture.py``).
Delete this module when the warnings are gone from the test run.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from casebook.model import ACCEPTED, SUGGESTED, Consent, Person, Record, Testimony

if TYPE_CHECKING:
    from casebook.store.audit import AuditLog, AuditReport
    from casebook.store.casebook import Casebook
    from casebook.store.consent import ConsentRecords
    from casebook.store.facts import Facts
    from casebook.store.meta import Meta
    from casebook.store.persons import Persons
    from casebook.store.search import SearchHit
    from casebook.store.testimonies import Testimonies

# old name -> new spelling (the architecture test refuses these names under src/)
RENAMED = {
    "get_meta": "meta.get", "set_meta": "meta.set", "add_person": "persons.add",
    "get_person": "persons.get", "find_by_hash": "testimonies.find_by_hash",
    "add_testimony": "testimonies.add", "add_testimonies": "testimonies.add_many",
    "get_testimony": "testimonies.get", "consent_of": "consent.of",
    "consents": "consent.of_many", "grant_consent": "consent.grant",
    "withdraw_consent": "consent.withdraw", "save_record": "facts.save",
    "record": "facts.record", "set_fact_status": "facts.set_status",
    "accepted_records": "facts.accepted", "search": "testimonies.search",
    "audit_verify": "audit.verify", "audit_entries": "audit.entries",
    "delete_testimonies": "testimonies.delete",
}


def deprecated(old: str, new: str) -> None:
    warnings.warn(f"{old} is deprecated; use {new}", DeprecationWarning, stacklevel=3)


def _moved(old: str) -> None:
    warnings.warn(f"book.{old}() is deprecated; use book.{RENAMED[old]}()", DeprecationWarning,
                  stacklevel=3)


class LegacyMethods:
    """Mixed into :class:`~casebook.store.casebook.Casebook`; see the module docstring."""

    testimonies: Testimonies
    persons: Persons
    facts: Facts
    consent: ConsentRecords
    audit: AuditLog
    meta: Meta

    def get_meta(self, key: str, default: Any = None) -> Any:
        _moved("get_meta")
        return self.meta.get(key, default)

    def set_meta(self, key: str, value: Any) -> None:
        _moved("set_meta")
        self.meta.set(key, value)

    def add_person(self, person: Person) -> int:
        _moved("add_person")
        return self.persons.add(person)

    def get_person(self, person_id: int) -> Person:
        _moved("get_person")
        return self.persons.get(person_id)

    def find_by_hash(self, sha256: str) -> int | None:
        _moved("find_by_hash")
        return self.testimonies.find_by_hash(sha256)

    def add_testimony(self, testimony: Testimony, person: Person | None = None,
                      record: Record | None = None) -> tuple[int, bool]:
        _moved("add_testimony")
        return self.testimonies.add(testimony, person, record)

    def add_testimonies(self, entries: list) -> list[tuple[int, bool]]:
        _moved("add_testimonies")
        return self.testimonies.add_many(entries)

    def get_testimony(self, testimony_id: int, purpose: str = "read") -> Testimony:
        _moved("get_testimony")
        return self.testimonies.get(testimony_id, purpose)

    def consent_of(self, testimony_id: int) -> Consent:
        _moved("consent_of")
        return self.consent.of(testimony_id)

    def consents(self, ids: list[int]) -> dict[int, Consent]:
        _moved("consents")
        return self.consent.of_many(ids)

    def grant_consent(self, testimony_id: int, scope: str,
                      on: dt.date | None = None) -> str:
        _moved("grant_consent")
        return self.consent.grant(testimony_id, scope, on)

    def withdraw_consent(self, testimony_id: int, scope: str,
                         on: dt.date | None = None) -> str:
        _moved("withdraw_consent")
        return self.consent.withdraw(testimony_id, scope, on)

    def save_record(self, testimony_id: int, record: Record) -> list[int]:
        _moved("save_record")
        return self.facts.save(testimony_id, record)

    def record(self, testimony_id: int,
               statuses: Iterable[str] = (SUGGESTED, ACCEPTED)) -> Record:
        _moved("record")
        return self.facts.record(testimony_id, statuses)

    def set_fact_status(self, fact_id: int, status: str,
                        data: dict | None = None) -> None:
        _moved("set_fact_status")
        self.facts.set_status(fact_id, status, data)

    def accepted_records(self) -> Iterator[tuple[int, Record]]:
        _moved("accepted_records")
        return self.facts.accepted()

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        _moved("search")
        return self.testimonies.search(query, limit)

    def audit_verify(self) -> AuditReport:
        _moved("audit_verify")
        return self.audit.verify()

    def audit_entries(self, limit: int = 100, offset: int = 0,
                      organisation: str | None = None) -> list[dict]:
        _moved("audit_entries")
        return self.audit.entries(limit, offset, organisation)

    def delete_testimonies(self, ids: list[int], detail: dict | None = None,
                           meta_updates: dict | None = None) -> int:
        _moved("delete_testimonies")
        return self.testimonies.delete(ids, detail, meta_updates)


def add_link_decision(book: Casebook, kind: str, decision: dict,
                      score: float | None = None) -> None:
    deprecated("add_link_decision(book, ...)", "book.links.add(...)")
    book.links.add(kind, decision, score)


def link_decisions(book: Casebook, kind: str) -> list[dict]:
    deprecated("link_decisions(book, ...)", "book.links.decisions(...)")
    return book.links.decisions(kind)
