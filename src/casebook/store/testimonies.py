"""``book.testimonies``: the told stories, their text (read only through an audited call), the
summaries lists show (never the text), search, and deletion that leaves nothing readable."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from casebook.errors import InvalidInput, NotFound
from casebook.model import ACCEPTED, SUGGESTED, Person, Record, Testimony
from casebook.store.consent import consent_of, consents_of, grant_rows
from casebook.store.facts import insert_facts
from casebook.store.meta import put as put_meta
from casebook.store.persons import insert_persons
from casebook.store.reviews import states as review_states
from casebook.store.rows import chunks, now, testimony_values, to_testimony
from casebook.store.scans import insert_scans
from casebook.store.schema import cases as case_table
from casebook.store.schema import consent_grants, facts, metadata, persons, testimonies
from casebook.store.search import SearchHit, search

if TYPE_CHECKING:
    from casebook.store.casebook import Casebook

Entry = tuple[Testimony, Person | None, Record | None]
AuditItems = list[tuple[str, str | None, Any]]


@dataclass
class TestimonySummary:
    """One testimony in a list: who, where from, how far reviewed, consent; never the text."""

    id: int
    person_id: int | None
    pseudonym: str | None
    organisation: str | None
    language: str
    interview_year: int | None
    file_name: str | None
    recorded_at: dt.datetime | None = None
    facts_suggested: int = 0
    facts_accepted: int = 0
    consent: list[str] = field(default_factory=list)  # active scopes
    interviewer: str | None = None
    review: str = "untouched"  # reviewed | in_progress | untouched (store/reviews.py)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["recorded_at"] = self.recorded_at.isoformat() if self.recorded_at else None
        return d


class Testimonies:
    """Store, list, read, search and delete testimonies."""

    def __init__(self, book: Casebook) -> None:
        self._book = book

    def add(self, testimony: Testimony, person: Person | None = None,
            record: Record | None = None) -> tuple[int, bool]:
        """Store a testimony (with its person, consent and suggested facts) in one transaction.

        Returns ``(id, created)``; the same text twice is recognised by its SHA-256 and not
        stored again.
        """
        return self.add_many([(testimony, person, record)])[0]

    def add_many(self, entries: list[Entry]) -> list[tuple[int, bool]]:
        """Store several testimonies in one transaction: all of them or, on a crash, none."""
        for testimony, _, _ in entries:
            if not testimony.text.strip():
                raise InvalidInput(f"{testimony.file_name or 'testimony'}: the text is empty")
        people = [p for _, p, _ in entries if p is not None]
        ids_before = [(p, p.id) for p in people] + [(t, t.id) for t, _, _ in entries]
        for attempt in range(3):
            try:
                return self._add_many_once(entries)
            except IntegrityError:
                # Another process stored the same text between our read of the known hashes
                # and our insert: read again, and those texts are now "already present".
                for obj, before in ids_before:
                    obj.id = before
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _add_many_once(self, entries: list[Entry]) -> list[tuple[int, bool]]:
        with self._book.engine.begin() as conn:
            known: dict[str, int] = {}
            hashes = list({t.sha256 for t, _, _ in entries})
            for i in range(0, len(hashes), 500):
                rows = conn.execute(select(testimonies.c.sha256, testimonies.c.id)
                                    .where(testimonies.c.sha256.in_(hashes[i:i + 500]))).all()
                known.update((sha, tid) for sha, tid in rows)
            audit_items: AuditItems = []
            fresh: list[Entry] = []
            first_of: dict[str, Testimony] = {}
            for entry in entries:
                sha = entry[0].sha256
                if sha not in known and sha not in first_of:
                    first_of[sha] = entry[0]
                    fresh.append(entry)
            insert_persons(conn, [p for _, p, _ in fresh], audit_items)
            _insert_testimonies(conn, fresh, audit_items)
            for testimony, _, record in fresh:
                assert testimony.id is not None
                known[testimony.sha256] = testimony.id
                if record is not None:
                    insert_facts(conn, testimony.id, record, 0, self._book.actor, audit_items)
            self._book._audit_many(conn, audit_items)
        results = []
        for testimony, _, _ in entries:
            created = first_of.get(testimony.sha256) is testimony
            results.append((known[testimony.sha256], created))
            if not created and testimony.id is None:
                testimony.id = known[testimony.sha256]
        return results

    def get(self, testimony_id: int, purpose: str = "read") -> Testimony:
        """A testimony with its text; the read itself is written to the audit log."""
        with self._book.engine.begin() as conn:
            row = conn.execute(select(testimonies).where(testimonies.c.id == testimony_id)).first()
            if row is None:
                raise NotFound(f"testimony {testimony_id}: no such testimony")
            self._book._audit(conn, "read_testimony", f"testimony:{testimony_id}",
                              {"purpose": purpose})
            consent = consent_of(conn, testimony_id)
        return to_testimony(row, consent)

    def find_by_hash(self, sha256: str) -> int | None:
        """The id of the testimony with this text hash, if stored (no read of the text)."""
        with self._book.engine.connect() as conn:
            return conn.execute(
                select(testimonies.c.id).where(testimonies.c.sha256 == sha256)).scalar()

    def hashes(self) -> dict[int, str]:
        """Every testimony's text hash by id, without reading (and auditing) the texts."""
        with self._book.engine.connect() as conn:
            rows = conn.execute(select(testimonies.c.id, testimonies.c.sha256)
                                .order_by(testimonies.c.id)).all()
        return {r.id: r.sha256 for r in rows}

    def all(self, limit: int | None = None, offset: int = 0,
            organisation: str | None = None) -> list[TestimonySummary]:
        """Summaries, oldest first; only one organisation's when ``organisation`` is given."""
        where = [testimonies.c.organisation == organisation] if organisation else []
        with self._book.engine.connect() as conn:
            return summaries(conn, where, limit=limit, offset=offset)

    def organisations(self) -> list[str]:
        """Organisations that recorded testimonies, the one with most first."""
        with self._book.engine.connect() as conn:
            rows = conn.execute(select(testimonies.c.organisation, func.count())
                                .where(testimonies.c.organisation.is_not(None))
                                .group_by(testimonies.c.organisation)
                                .order_by(func.count().desc(), testimonies.c.organisation)).all()
        return [r[0] for r in rows]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search in every testimony (Korean and English), audited."""
        with self._book.engine.begin() as conn:
            hits = search(conn, query, limit)
            self._book._audit(conn, "search", None, {"results": len(hits)})
        return hits

    def delete(self, ids: list[int], detail: dict[str, Any] | None = None,
               meta_updates: dict[str, Any] | None = None, *,
               cases: list[int] | None = None) -> int:
        """Remove testimonies, their consent and facts, and persons left without a testimony
        or a case; with ``cases``, those cases and their history too (a field seal).

        One transaction with its audit entry and any ``meta`` updates (a field seal records what
        it sealed here). On SQLCipher the freed pages and the search indexes are overwritten, so
        the text cannot be read back from the file even by someone who has the key.
        """
        from casebook.store.cases import delete_cases

        ids = sorted(set(ids))
        sqlite = self._book.dialect == "sqlite"
        with self._book.engine.begin() as conn:
            if sqlite:
                conn.exec_driver_sql("PRAGMA secure_delete = ON")
            person_ids: set[int] = set()
            removed = 0
            for chunk in chunks(ids):
                person_ids |= {p for p in conn.execute(select(testimonies.c.person_id).where(
                    testimonies.c.id.in_(chunk))).scalars() if p is not None}
                for table, column in _rows_pointing_at(testimonies):  # facts, consent, …
                    conn.execute(delete(table).where(column.in_(chunk)))
                removed += conn.execute(
                    delete(testimonies).where(testimonies.c.id.in_(chunk))).rowcount
            case_ids = sorted(set(cases or []))
            person_ids |= delete_cases(conn, case_ids)
            still_used = set(conn.execute(select(testimonies.c.person_id).where(
                testimonies.c.person_id.in_(sorted(person_ids)))).scalars())
            still_used |= set(conn.execute(select(case_table.c.person_id).where(
                case_table.c.person_id.in_(sorted(person_ids)))).scalars())
            orphans = sorted(person_ids - still_used)
            for chunk in chunks(orphans):
                conn.execute(delete(persons).where(persons.c.id.in_(chunk)))
            if sqlite and removed:
                for fts in ("testimony_fts", "testimony_words"):  # merge away deleted postings
                    conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")
            for key, value in (meta_updates or {}).items():
                put_meta(conn, key, value)
            self._book._audit(conn, "delete_testimonies", None,
                              {**(detail or {}), "testimonies": ids, "persons": orphans,
                               **({"cases": case_ids} if case_ids else {})})
        if sqlite:  # old page images must not linger in the write-ahead log
            with self._book.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return removed


def _insert_testimonies(conn: Connection, fresh: list[Entry], audit_items: AuditItems) -> None:
    if not fresh:
        return
    recorded, values = now(), []
    for testimony, person, _ in fresh:
        if person is not None:
            testimony.person_id = person.id
        values.append(testimony_values(testimony, recorded))
    rows = conn.execute(insert(testimonies).returning(testimonies.c.id,
                                                      sort_by_parameter_order=True), values).all()
    grants = []
    for (testimony, _, _), (tid,) in zip(fresh, rows, strict=True):
        testimony.id = tid
        grants += grant_rows(tid, testimony.consent)
        audit_items.append(("add_testimony", f"testimony:{tid}",
                            {"sha256": testimony.sha256,
                             "consent": testimony.consent.active_scopes()}))
    if grants:
        conn.execute(insert(consent_grants), grants)
    insert_scans(conn, [t for t, _, _ in fresh])


def _rows_pointing_at(target: Any) -> list[tuple[Any, Any]]:
    """Every (table, column) with a foreign key to ``target``'s id, from the schema itself."""
    return [(table, fk.parent) for table in metadata.sorted_tables for fk in table.foreign_keys
            if fk.column.table is target and table is not target]


def fact_counts(conn: Connection, ids: list[int]) -> dict[int, tuple[int, int]]:
    """(suggested, accepted) per testimony, for these ids only (never the whole table)."""
    out: dict[int, list[int]] = {}
    for chunk in chunks(ids):
        rows = conn.execute(select(facts.c.testimony_id, facts.c.status, func.count())
                            .where(facts.c.testimony_id.in_(chunk),
                                   facts.c.status.in_([SUGGESTED, ACCEPTED]))
                            .group_by(facts.c.testimony_id, facts.c.status)).all()
        for tid, status, n in rows:
            out.setdefault(tid, [0, 0])[0 if status == SUGGESTED else 1] = n
    return {k: (v[0], v[1]) for k, v in out.items()}


def summaries(conn: Connection, where: list[ColumnElement[bool]], *, newest_first: bool = False,
              limit: int | None = None, offset: int = 0) -> list[TestimonySummary]:
    """Summaries of the testimonies matching ``where``, with fact counts and active consent."""
    order = testimonies.c.id.desc() if newest_first else testimonies.c.id
    q = (select(testimonies.c.id, testimonies.c.person_id, testimonies.c.organisation,
                testimonies.c.language, testimonies.c.interview_year, testimonies.c.file_name,
                testimonies.c.recorded_at, testimonies.c.interviewer, persons.c.pseudonym)
         .select_from(testimonies.outerjoin(persons, persons.c.id == testimonies.c.person_id))
         .where(*where).order_by(order).offset(offset))
    if limit is not None:
        q = q.limit(limit)
    rows = conn.execute(q).all()
    ids = [r.id for r in rows]
    counts = fact_counts(conn, ids)
    consents = consents_of(conn, ids)
    review = review_states(conn, ids)
    return [TestimonySummary(r.id, r.person_id, r.pseudonym, r.organisation, r.language,
                             r.interview_year, r.file_name, r.recorded_at,
                             *counts.get(r.id, (0, 0)), consents[r.id].active_scopes(),
                             r.interviewer, review[r.id]) for r in rows]
