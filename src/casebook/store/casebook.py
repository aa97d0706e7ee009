"""The casebook: the one object through which every command and page reads and writes records.

Each public method is one transaction that also writes its audit entry, so a record and the
entry that says who wrote it are either both there or both absent.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from casebook.errors import BadArgument, InvalidInput, NotFound
from casebook.model import (
    ACCEPTED,
    REJECTED,
    SUGGESTED,
    Consent,
    Event,
    Fact,
    Person,
    Record,
    Testimony,
    UncertainDate,
)
from casebook.model.consent import ConsentGrant, check_scope
from casebook.store import audit as audit_log
from casebook.store import engine as engines
from casebook.store.schema import consent_grants, facts, meta, persons, testimonies
from casebook.store.search import SearchHit, search


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def default_actor() -> str:
    """Who is acting: ``CASEBOOK_USER`` if set, else the operating-system user."""
    try:
        return os.environ.get("CASEBOOK_USER") or getpass.getuser()
    except (OSError, KeyError):  # no user database entry (containers)
        return "unknown"


@dataclass
class TestimonySummary:
    """What a list shows: never the text."""

    id: int
    person_id: int | None
    pseudonym: str | None
    organisation: str | None
    language: str
    interview_year: int | None
    file_name: str | None
    facts_suggested: int
    facts_accepted: int
    consent: list[str]
    interviewer: str | None = None


class Casebook:
    """An opened casebook. Use :meth:`create` or :meth:`open`; close it when done."""

    def __init__(self, backend: engines.Backend, actor: str | None = None) -> None:
        self.backend = backend
        self.engine = backend.engine
        self.actor = actor or default_actor()

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def create(cls, location: str, passphrase: str | None, actor: str | None = None) -> Casebook:
        book = cls(engines.create(location, passphrase), actor)
        with book.engine.begin() as conn:
            audit_log.append(conn, book.actor, "create", None, {"backend": book.dialect})
        return book

    @classmethod
    def open(cls, location: str, passphrase: str | None, actor: str | None = None) -> Casebook:
        return cls(engines.open_existing(location, passphrase), actor)

    @property
    def dialect(self) -> str:
        return self.backend.dialect

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Casebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _audit(self, conn: Connection, action: str, target: str | None, detail: Any = None) -> None:
        audit_log.append(conn, self.actor, action, target, detail)

    # -- metadata ----------------------------------------------------------------------------
    def get_meta(self, key: str, default: Any = None) -> Any:
        with self.engine.connect() as conn:
            value = conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar()
        return default if value is None else value

    def set_meta(self, key: str, value: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(meta).where(meta.c.key == key))
            conn.execute(insert(meta).values(key=key, value=value))
            self._audit(conn, "set_meta", key)

    # -- persons -----------------------------------------------------------------------------
    def add_person(self, person: Person, conn: Connection | None = None) -> int:
        pseudonym = (person.pseudonym or "").strip()
        if not pseudonym:
            raise InvalidInput("person: a pseudonym is required")
        if conn is None:
            with self.engine.begin() as conn:
                return self.add_person(person, conn)
        key = conn.execute(insert(persons).values(
            pseudonym=pseudonym, surname=person.surname, sex=person.sex,
            birth_year=person.birth_year, birth_year_approximate=person.birth_year_approximate,
            origin_place=person.origin_place, languages=person.languages,
            organisation=person.organisation, kind=person.kind, created_at=_now(),
        )).inserted_primary_key
        assert key is not None  # an INSERT of one row always reports its key
        pid = key[0]
        self._audit(conn, "add_person", f"person:{pid}")
        person.id = pid
        return pid

    def get_person(self, person_id: int) -> Person:
        with self.engine.connect() as conn:
            row = conn.execute(select(persons).where(persons.c.id == person_id)).first()
        if row is None:
            raise NotFound(f"person {person_id}: no such person")
        return _person(row)

    def persons(self) -> list[Person]:
        with self.engine.connect() as conn:
            return [_person(r) for r in conn.execute(select(persons).order_by(persons.c.id))]

    # -- testimonies -------------------------------------------------------------------------
    def find_by_hash(self, sha256: str) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(
                select(testimonies.c.id).where(testimonies.c.sha256 == sha256)).scalar()

    def add_testimony(self, testimony: Testimony, person: Person | None = None,
                      record: Record | None = None) -> tuple[int, bool]:
        """Store a testimony (with its person, consent and suggested facts) in one transaction.

        Returns ``(id, created)``; the same text twice is recognised by its SHA-256 and not
        stored again.
        """
        return self.add_testimonies([(testimony, person, record)])[0]

    def add_testimonies(
        self, entries: list[tuple[Testimony, Person | None, Record | None]],
    ) -> list[tuple[int, bool]]:
        """Store several testimonies in one transaction: all of them or, on a crash, none."""
        for testimony, _, _ in entries:
            if not testimony.text.strip():
                raise InvalidInput(f"{testimony.file_name or 'testimony'}: the text is empty")
        people = [p for _, p, _ in entries if p is not None]
        ids_before = [(p, p.id) for p in people] + [(t, t.id) for t, _, _ in entries]
        for attempt in range(3):
            try:
                return self._add_testimonies_once(entries)
            except IntegrityError:
                # Another process stored the same text between our read of the known hashes
                # and our insert: read again, and those texts are now "already present".
                for obj, before in ids_before:
                    obj.id = before
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _add_testimonies_once(
        self, entries: list[tuple[Testimony, Person | None, Record | None]],
    ) -> list[tuple[int, bool]]:
        results: list[tuple[int, bool]] = []
        with self.engine.begin() as conn:
            hashes = list({t.sha256 for t, _, _ in entries})
            known: dict[str, int] = {}
            for chunk in _chunks(hashes, 500):
                rows = conn.execute(select(testimonies.c.sha256, testimonies.c.id)
                                    .where(testimonies.c.sha256.in_(chunk))).all()
                known.update((sha, tid) for sha, tid in rows)
            audit_items: list[tuple[str, str | None, Any]] = []
            fresh: list[tuple[Testimony, Person | None, Record | None]] = []
            first_of: dict[str, Testimony] = {}
            for entry in entries:
                sha = entry[0].sha256
                if sha not in known and sha not in first_of:
                    first_of[sha] = entry[0]
                    fresh.append(entry)
            self._insert_persons(conn, [p for _, p, _ in fresh], audit_items)
            self._insert_testimonies(conn, fresh, audit_items)
            for testimony, _, record in fresh:
                known[testimony.sha256] = testimony.id  # type: ignore[assignment]
                if record is not None:
                    self._insert_facts(conn, testimony.id, record, 0, audit_items)  # type: ignore[arg-type]
            if audit_items:
                audit_log.append_many(conn, self.actor, audit_items)
        results = []
        for testimony, _, _ in entries:
            created = first_of.get(testimony.sha256) is testimony
            results.append((known[testimony.sha256], created))
            if created is False and testimony.id is None:
                testimony.id = known[testimony.sha256]
        return results

    def _insert_persons(self, conn: Connection, people: list[Person | None], audit_items: list) -> None:
        """Insert the persons not stored yet (each once, even if she told several testimonies)."""
        todo: dict[int, Person] = {}
        for person in people:
            if person is not None and person.id is None:
                if not person.pseudonym or not person.pseudonym.strip():
                    raise InvalidInput("person: a pseudonym is required")
                todo.setdefault(id(person), person)
        if not todo:
            return
        now = _now()
        rows = conn.execute(insert(persons).returning(persons.c.id, sort_by_parameter_order=True), [
            {"pseudonym": p.pseudonym.strip(), "surname": p.surname, "sex": p.sex,
             "birth_year": p.birth_year, "birth_year_approximate": p.birth_year_approximate,
             "origin_place": p.origin_place, "languages": p.languages,
             "organisation": p.organisation, "kind": p.kind, "created_at": now}
            for p in todo.values()]).all()
        for person, (pid,) in zip(todo.values(), rows):
            person.id = pid
            audit_items.append(("add_person", f"person:{pid}", None))

    def _insert_testimonies(self, conn: Connection, fresh: list, audit_items: list) -> None:
        if not fresh:
            return
        now, values = _now(), []
        for testimony, person, _ in fresh:
            if person is not None:
                testimony.person_id = person.id
            idate = testimony.interview_date
            values.append({
                "person_id": testimony.person_id, "told_by": testimony.told_by,
                "interview_date": idate.to_dict() if idate else None,
                "interview_year": idate.year if idate else None,
                "interview_place": testimony.interview_place, "interviewer": testimony.interviewer,
                "organisation": testimony.organisation, "language": testimony.language,
                "text": testimony.text, "file_name": testimony.file_name,
                "sha256": testimony.sha256, "provenance": testimony.provenance,
                "recorded_at": testimony.recorded_at or now})
        rows = conn.execute(insert(testimonies).returning(testimonies.c.id,
                                                          sort_by_parameter_order=True), values).all()
        grants = []
        for (testimony, _, _), (tid,) in zip(fresh, rows):
            testimony.id = tid
            grants += [{"testimony_id": tid, "scope": g.scope, "granted_on": g.granted_on,
                        "withdrawn_on": g.withdrawn_on} for g in testimony.consent.grants]
            audit_items.append(("add_testimony", f"testimony:{tid}",
                                {"sha256": testimony.sha256,
                                 "consent": testimony.consent.active_scopes()}))
        if grants:
            conn.execute(insert(consent_grants), grants)

    def get_testimony(self, testimony_id: int, purpose: str = "read") -> Testimony:
        """Read a testimony with its text; the read itself is written to the audit log."""
        with self.engine.begin() as conn:
            row = conn.execute(select(testimonies).where(testimonies.c.id == testimony_id)).first()
            if row is None:
                raise NotFound(f"testimony {testimony_id}: no such testimony")
            self._audit(conn, "read_testimony", f"testimony:{testimony_id}", {"purpose": purpose})
            consent = self._consent(conn, testimony_id)
        return _testimony(row, consent)

    def consent_of(self, testimony_id: int) -> Consent:
        with self.engine.connect() as conn:
            return self._consent(conn, testimony_id)

    def _consent(self, conn: Connection, testimony_id: int) -> Consent:
        rows = conn.execute(select(consent_grants).where(
            consent_grants.c.testimony_id == testimony_id).order_by(consent_grants.c.id))
        return Consent(tuple(ConsentGrant(r.scope, r.granted_on, r.withdrawn_on) for r in rows))

    def grant_consent(self, testimony_id: int, scope: str, on: dt.date | None = None) -> str:
        """Record a scope she has given; returns it in its stored spelling.

        An unknown scope raises ``BadArgument`` before anything is written or audited.
        """
        scope = _known_scope(scope)
        with self.engine.begin() as conn:
            self._require_testimony(conn, testimony_id)
            if not self._consent(conn, testimony_id).allows(scope, on):
                conn.execute(insert(consent_grants).values(
                    testimony_id=testimony_id, scope=scope, granted_on=on or dt.date.today()))
            self._audit(conn, "grant_consent", f"testimony:{testimony_id}", {"scope": scope})
        return scope

    def withdraw_consent(self, testimony_id: int, scope: str, on: dt.date | None = None) -> str:
        """Withdraw a scope from now on; every output asks consent again, so she disappears.

        Only a scope she holds can be withdrawn: an unknown or mistyped one raises
        ``BadArgument`` and nothing is changed or audited. Returns the scope withdrawn.
        """
        from casebook.model.consent import held_scope

        wanted = _known_scope(scope)
        with self.engine.begin() as conn:
            self._require_testimony(conn, testimony_id)
            current = self._consent(conn, testimony_id)
            held = held_scope(current, wanted, on)
            if held is None:
                from casebook.model.consent import short_name

                holds = ", ".join(short_name(s) for s in current.active_scopes(on)) or "none"
                raise BadArgument(f"testimony {testimony_id}: she does not hold {wanted!r} "
                                  f"(active scopes: {holds}); nothing was changed")
            conn.execute(update(consent_grants).where(
                consent_grants.c.testimony_id == testimony_id, consent_grants.c.scope == held,
                consent_grants.c.withdrawn_on.is_(None)).values(withdrawn_on=on or dt.date.today()))
            self._audit(conn, "withdraw_consent", f"testimony:{testimony_id}", {"scope": held})
        return held

    def _require_testimony(self, conn: Connection, testimony_id: int) -> None:
        if conn.execute(select(testimonies.c.id).where(
                testimonies.c.id == testimony_id)).first() is None:
            raise NotFound(f"testimony {testimony_id}: no such testimony")

    def testimonies(self, limit: int | None = None, offset: int = 0,
                    organisation: str | None = None) -> list[TestimonySummary]:
        counts = (select(facts.c.testimony_id,
                         func.sum(func.cast(facts.c.status == SUGGESTED, _Int())).label("s"),
                         func.sum(func.cast(facts.c.status == ACCEPTED, _Int())).label("a"))
                  .group_by(facts.c.testimony_id).subquery())
        q = (select(testimonies.c.id, testimonies.c.person_id, testimonies.c.organisation,
                    testimonies.c.language, testimonies.c.interview_year,
                    testimonies.c.file_name, testimonies.c.interviewer, persons.c.pseudonym,
                    counts.c.s, counts.c.a)
             .select_from(testimonies.outerjoin(persons, persons.c.id == testimonies.c.person_id)
                          .outerjoin(counts, counts.c.testimony_id == testimonies.c.id))
             .order_by(testimonies.c.id).offset(offset))
        if organisation:
            q = q.where(testimonies.c.organisation == organisation)
        if limit is not None:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
            scopes = self._active_scopes(conn, [r.id for r in rows])
        return [TestimonySummary(r.id, r.person_id, r.pseudonym, r.organisation, r.language,
                                 r.interview_year, r.file_name, int(r.s or 0), int(r.a or 0),
                                 scopes.get(r.id, []), r.interviewer) for r in rows]

    def consents(self, ids: list[int]) -> dict[int, Consent]:
        """The consent of many testimonies in a few queries (outputs check it row by row)."""
        with self.engine.connect() as conn:
            return self._consents(conn, ids)

    def _consents(self, conn: Connection, ids: list[int]) -> dict[int, Consent]:
        grants: dict[int, list[ConsentGrant]] = {i: [] for i in ids}
        for chunk in _chunks(ids, 500):
            rows = conn.execute(select(consent_grants).where(consent_grants.c.testimony_id.in_(chunk))
                                .order_by(consent_grants.c.id))
            for r in rows:
                grants[r.testimony_id].append(ConsentGrant(r.scope, r.granted_on, r.withdrawn_on))
        return {i: Consent(tuple(g)) for i, g in grants.items()}

    def _active_scopes(self, conn: Connection, ids: list[int]) -> dict[int, list[str]]:
        return {i: c.active_scopes() for i, c in self._consents(conn, ids).items()}

    def count(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                "persons": conn.execute(select(func.count()).select_from(persons)).scalar_one(),
                "testimonies": conn.execute(select(func.count()).select_from(testimonies)).scalar_one(),
                "facts_suggested": conn.execute(select(func.count()).select_from(facts).where(
                    facts.c.status == SUGGESTED)).scalar_one(),
                "facts_accepted": conn.execute(select(func.count()).select_from(facts).where(
                    facts.c.status == ACCEPTED)).scalar_one(),
            }

    # -- facts -------------------------------------------------------------------------------
    def save_record(self, testimony_id: int, record: Record) -> list[int]:
        """Store extracted facts as *suggested* (or as given), replacing earlier suggestions."""
        with self.engine.begin() as conn:
            self._require_testimony(conn, testimony_id)
            return self._save_record(conn, testimony_id, record)

    def _save_record(self, conn: Connection, testimony_id: int, record: Record,
                     audit_items: list | None = None) -> list[int]:
        conn.execute(delete(facts).where(facts.c.testimony_id == testimony_id,
                                         facts.c.status == SUGGESTED))
        start = conn.execute(select(func.coalesce(func.max(facts.c.ordinal), 0)).where(
            facts.c.testimony_id == testimony_id)).scalar_one()
        pending: list = []
        ids = self._insert_facts(conn, testimony_id, record, start, pending)
        for entry in pending:
            if audit_items is None:
                self._audit(conn, *entry)
            else:
                audit_items.append(entry)
        return ids

    def _insert_facts(self, conn: Connection, testimony_id: int, record: Record, start: int,
                      audit_items: list) -> list[int]:
        items: list[Fact | Event] = [*record.facts, *record.events]
        now, ids = _now(), []
        if items:
            rows = conn.execute(insert(facts).returning(facts.c.id, sort_by_parameter_order=True), [
                {"testimony_id": testimony_id, "ordinal": n, **_fact_columns(item),
                 "updated_at": now, "updated_by": self.actor}
                for n, item in enumerate(items, start=start + 1)]).all()
            ids = [r[0] for r in rows]
        audit_items.append(("suggest_facts", f"testimony:{testimony_id}", {"count": len(ids)}))
        return ids

    def record(self, testimony_id: int, statuses: Iterable[str] = (SUGGESTED, ACCEPTED)) -> Record:
        """The facts of one testimony, in order, with their ids and statuses."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(facts).where(
                facts.c.testimony_id == testimony_id, facts.c.status.in_(list(statuses)))
                .order_by(facts.c.ordinal)).all()
            lang = conn.execute(select(testimonies.c.language).where(
                testimonies.c.id == testimony_id)).scalar() or "en"
        return _record(rows, lang)

    def set_fact_status(self, fact_id: int, status: str, data: dict | None = None) -> None:
        """Accept, reject or correct one fact; corrections keep the words it rests on."""
        if status not in (SUGGESTED, ACCEPTED, REJECTED):
            raise InvalidInput(f"status: {status!r} is not suggested/accepted/rejected")
        with self.engine.begin() as conn:
            row = conn.execute(select(facts).where(facts.c.id == fact_id)).first()
            if row is None:
                raise NotFound(f"fact {fact_id}: no such fact")
            values: dict[str, Any] = {"status": status, "updated_at": _now(), "updated_by": self.actor}
            if data is not None:
                merged = {**row.data, **data, "status": status}
                item = Event.from_dict(merged) if row.kind == "event" else Fact.from_dict(merged)
                values.update(_fact_columns(item))
                values["status"] = status
            else:
                values["data"] = {**row.data, "status": status}
            conn.execute(update(facts).where(facts.c.id == fact_id).values(**values))
            self._audit(conn, f"fact_{status}", f"fact:{fact_id}",
                        {"testimony": row.testimony_id, "edited": data is not None})

    def accepted_records(self) -> Iterator[tuple[int, Record]]:
        """Every testimony's accepted facts: the only input statistics and reports may use."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(facts).where(facts.c.status == ACCEPTED)
                                .order_by(facts.c.testimony_id, facts.c.ordinal)).all()
        current: list = []
        for row in rows:
            if current and current[0].testimony_id != row.testimony_id:
                yield current[0].testimony_id, _record(current, "")
                current = []
            current.append(row)
        if current:
            yield current[0].testimony_id, _record(current, "")

    # -- search and audit --------------------------------------------------------------------
    def search(self, query: str, limit: int = 20,
               allowed_ids: set[int] | None = None) -> list[SearchHit]:
        with self.engine.begin() as conn:
            hits = search(conn, query, limit, allowed_ids)
            self._audit(conn, "search", None, {"results": len(hits)})
        return hits

    def audit_verify(self) -> audit_log.AuditReport:
        """The chain, and whether testimonies and consent agree with it (store/integrity.py)."""
        from casebook.store.integrity import check_records

        with self.engine.connect() as conn:
            report = audit_log.verify(conn)
            report.problems.extend(check_records(conn))
        return report

    def audit_entries(self, limit: int = 100, offset: int = 0,
                      organisation: str | None = None) -> list[dict]:
        """Newest first; ``organisation`` limits them to what concerns it (web admins)."""
        with self.engine.connect() as conn:
            return audit_log.entries(conn, limit, offset, organisation)

    def audit(self, action: str, target: str | None = None, detail: Any = None) -> None:
        """Record an action taken outside the store (an export, a report) in the chain."""
        with self.engine.begin() as conn:
            self._audit(conn, action, target, detail)

    def delete_testimonies(self, ids: list[int], detail: dict[str, Any] | None = None,
                           meta_updates: dict[str, Any] | None = None) -> int:
        """Remove testimonies, their consent and facts, and persons left without a testimony.

        One transaction with its audit entry and any ``meta`` updates (a field seal records what
        it sealed here). On SQLCipher the freed pages and the search indexes are overwritten, so
        the text cannot be read back from the file even by someone who has the key.
        """
        ids = sorted(set(ids))
        sqlite = self.dialect == "sqlite"
        with self.engine.begin() as conn:
            if sqlite:
                conn.exec_driver_sql("PRAGMA secure_delete = ON")
            person_ids: set[int] = set()
            removed = 0
            for chunk in _chunks(ids, 500):
                person_ids |= {p for p in conn.execute(select(testimonies.c.person_id).where(
                    testimonies.c.id.in_(chunk))).scalars() if p is not None}
                for table, column in _rows_pointing_at(testimonies):  # facts, consent, …
                    conn.execute(delete(table).where(column.in_(chunk)))
                removed += conn.execute(delete(testimonies).where(testimonies.c.id.in_(chunk))).rowcount
            still_used = set(conn.execute(select(testimonies.c.person_id).where(
                testimonies.c.person_id.in_(sorted(person_ids)))).scalars())
            orphans = sorted(person_ids - still_used)
            for chunk in _chunks(orphans, 500):
                conn.execute(delete(persons).where(persons.c.id.in_(chunk)))
            if sqlite and removed:
                for fts in ("testimony_fts", "testimony_words"):  # merge away deleted postings
                    conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")
            for key, value in (meta_updates or {}).items():
                conn.execute(delete(meta).where(meta.c.key == key))
                conn.execute(insert(meta).values(key=key, value=value))
            self._audit(conn, "delete_testimonies", None,
                        {**(detail or {}), "testimonies": ids, "persons": orphans})
        if sqlite:  # old page images must not linger in the write-ahead log
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return removed

    def search_where(self, query: str, where: Any, limit: int = 30) -> list[SearchHit]:
        """Full-text search restricted to testimonies matching ``where`` (a SQL condition on
        ``testimonies``, e.g. the web user's visibility), newest first, audited like
        :meth:`search`.

        Candidates come from the index newest first in growing batches and are checked against
        ``where`` in SQL, so a user who may see few of the matches still gets every one of them;
        text is read (for snippets) only for the hits returned.
        """
        from sqlalchemy import bindparam

        from casebook.store.search import _postgres_ids, _sqlite_ids, snippet, terms_of

        terms = terms_of(query)
        candidates = _sqlite_ids if self.dialect == "sqlite" else _postgres_ids
        keep_q = select(testimonies.c.id).where(
            testimonies.c.id.in_(bindparam("ids", expanding=True)), where)
        with self.engine.begin() as conn:
            fetch, kept = limit * 4, []
            while True:
                ids = candidates(conn, terms, fetch)
                allowed = set(conn.execute(keep_q, {"ids": ids}).scalars()) if ids else set()
                kept = [i for i in ids if i in allowed][:limit]
                if len(kept) >= limit or len(ids) < fetch:
                    break
                fetch *= 4
            rows = conn.execute(
                select(testimonies.c.id, testimonies.c.person_id, testimonies.c.language,
                       testimonies.c.text, persons.c.pseudonym)
                .select_from(testimonies.outerjoin(persons, persons.c.id == testimonies.c.person_id))
                .where(testimonies.c.id.in_(bindparam("ids", expanding=True))),
                {"ids": kept}).all() if kept else []
            by_id = {r.id: r for r in rows}
            hits = [SearchHit(i, by_id[i].person_id, by_id[i].pseudonym, by_id[i].language,
                              snippet(by_id[i].text, terms)) for i in kept if i in by_id]
            self._audit(conn, "search", None, {"results": len(hits)})
        return hits


# -- row ↔ dataclass --------------------------------------------------------------------------
def _Int():
    from sqlalchemy import Integer

    return Integer()


def _rows_pointing_at(target: Any) -> list[tuple[Any, Any]]:
    """Every (table, column) with a foreign key to ``target``'s id, from the schema itself."""
    from casebook.store.schema import metadata

    return [(table, fk.parent) for table in metadata.sorted_tables for fk in table.foreign_keys
            if fk.column.table is target and table is not target]


def _known_scope(scope: str) -> str:
    try:
        return check_scope(scope)
    except ValueError as exc:
        raise BadArgument(f"{exc}; nothing was changed") from None


T = TypeVar("T")


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _fact_columns(item: Fact | Event) -> dict[str, Any]:
    if isinstance(item, Event):
        return {"kind": "event", "name": item.type, "data": item.to_dict(), "status": item.status,
                "confidence": item.confidence,
                "year": item.date.year if item.date else None, "place": item.place}
    value = item.value
    return {"kind": "person", "name": item.field, "data": item.to_dict(), "status": item.status,
            "confidence": item.confidence, "year": value if item.field == "birth_year" else None,
            "place": None}


def _record(rows: Sequence[Any], language: str) -> Record:
    record = Record(language=language)
    for r in rows:
        data = {**r.data, "status": r.status}
        if r.kind == "event":
            record.events.append(Event.from_dict(data, id=r.id))
        else:
            record.facts.append(Fact.from_dict(data, id=r.id))
    return record


def _person(row: Any) -> Person:
    return Person(
        pseudonym=row.pseudonym, surname=row.surname, sex=row.sex, birth_year=row.birth_year,
        birth_year_approximate=bool(row.birth_year_approximate), origin_place=row.origin_place,
        languages=list(row.languages or []), organisation=row.organisation, kind=row.kind,
        id=row.id,
    )


def _testimony(row: Any, consent: Consent) -> Testimony:
    return Testimony(
        text=row.text, language=row.language, person_id=row.person_id, told_by=row.told_by,
        interview_date=UncertainDate.from_dict(row.interview_date),
        interview_place=row.interview_place, interviewer=row.interviewer,
        organisation=row.organisation, file_name=row.file_name, sha256=row.sha256,
        provenance=dict(row.provenance or {}), consent=consent, recorded_at=row.recorded_at,
        id=row.id,
    )


# -- linkage review decisions (the ``record_ids`` column keeps the whole decision as JSON) ----

def add_link_decision(book: Casebook, kind: str, decision: dict, score: float | None = None) -> None:
    """Append a linkage review decision (accept / not_same / split / revoke) and audit it."""
    from casebook.store.schema import link_decisions

    with book.engine.begin() as conn:
        conn.execute(insert(link_decisions).values(
            kind=kind, record_ids=decision, decision=decision["action"], score=score,
            actor=decision.get("who") or book.actor, at=_now()))
        book._audit(conn, f"link_{decision['action']}", f"{kind}-link",
                    {"records": decision.get("records"), "groups": decision.get("groups"),
                     "revokes": decision.get("revokes")})


def link_decisions(book: Casebook, kind: str) -> list[dict]:
    """Every decision for this kind of linkage, oldest first (the log is append-only)."""
    from casebook.store.schema import link_decisions as table

    with book.engine.connect() as conn:
        rows = conn.execute(select(table.c.record_ids).where(table.c.kind == kind)
                            .order_by(table.c.id)).all()
    return [r[0] for r in rows]
