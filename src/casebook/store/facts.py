"""``book.facts``: what extraction suggested and reviewers accepted, corrected or rejected.

Every fact keeps the words it rests on (its evidence span), through corrections too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, func, insert, select, update

from casebook.errors import InvalidInput, NotFound
from casebook.model import ACCEPTED, REJECTED, SUGGESTED, Event, Fact, Record
from casebook.store.consent import require_testimony
from casebook.store.rows import fact_columns, now, to_record
from casebook.store.schema import facts, testimonies

if TYPE_CHECKING:
    from casebook.store.casebook import Casebook

AuditItems = list[tuple[str, str | None, Any]]


@dataclass(frozen=True)
class FactRef:
    """Where a fact belongs: its testimony and whether it is a person attribute or an event."""

    id: int
    testimony_id: int
    kind: str  # "person" or "event"


class Facts:
    """Suggested, accepted and rejected facts of each testimony."""

    def __init__(self, book: Casebook) -> None:
        self._book = book

    def save(self, testimony_id: int, record: Record) -> list[int]:
        """Store extracted facts as *suggested* (or as given), replacing earlier suggestions."""
        with self._book.engine.begin() as conn:
            require_testimony(conn, testimony_id)
            pending: AuditItems = []
            ids = replace_suggestions(conn, testimony_id, record, self._book.actor, pending)
            self._book._audit_many(conn, pending)
            return ids

    def record(self, testimony_id: int,
               statuses: Iterable[str] = (SUGGESTED, ACCEPTED)) -> Record:
        """The facts of one testimony, in order, with their ids and statuses."""
        with self._book.engine.connect() as conn:
            return record_of(conn, testimony_id, statuses)

    def ref(self, fact_id: int) -> FactRef:
        """The testimony a fact belongs to (NotFound for an unknown id)."""
        with self._book.engine.connect() as conn:
            return fact_ref(conn, fact_id)

    def set_status(self, fact_id: int, status: str, data: dict[str, Any] | None = None) -> None:
        """Accept, reject or correct one fact; corrections keep the words it rests on."""
        if status not in (SUGGESTED, ACCEPTED, REJECTED):
            raise InvalidInput(f"status: {status!r} is not suggested/accepted/rejected")
        with self._book.engine.begin() as conn:
            row = conn.execute(select(facts).where(facts.c.id == fact_id)).first()
            if row is None:
                raise NotFound(f"fact {fact_id}: no such fact")
            values: dict[str, Any] = {"status": status, "updated_at": now(),
                                      "updated_by": self._book.actor}
            if data is not None:
                merged = {**row.data, **data, "status": status}
                item = Event.from_dict(merged) if row.kind == "event" else Fact.from_dict(merged)
                values.update(fact_columns(item))
                values["status"] = status
            else:
                values["data"] = {**row.data, "status": status}
            conn.execute(update(facts).where(facts.c.id == fact_id).values(**values))
            self._book._audit(conn, f"fact_{status}", f"fact:{fact_id}",
                              {"testimony": row.testimony_id, "edited": data is not None})

    def add(self, testimony_id: int, item: Fact | Event, status: str = ACCEPTED) -> int:
        """Store a fact a reviewer added from the words (accepted, with its evidence), after
        the testimony's other facts; audited like every decision. Returns its id. A learned
        suggestion is added the same way with ``status=SUGGESTED``."""
        if item.evidence is None:
            raise InvalidInput(f"testimony {testimony_id}: a fact added by hand needs the "
                               "words it rests on")
        if status not in (ACCEPTED, SUGGESTED):
            raise InvalidInput(f"status: {status!r}: an added fact is accepted or suggested")
        item.status = status
        with self._book.engine.begin() as conn:
            require_testimony(conn, testimony_id)
            start = conn.execute(select(func.coalesce(func.max(facts.c.ordinal), 0)).where(
                facts.c.testimony_id == testimony_id)).scalar_one()
            fact_id = conn.execute(insert(facts).returning(facts.c.id).values(
                testimony_id=testimony_id, ordinal=start + 1, **fact_columns(item),
                updated_at=now(), updated_by=self._book.actor)).scalar_one()
            kind = "event" if isinstance(item, Event) else "person"
            self._book._audit(conn, "fact_added", f"fact:{fact_id}",
                              {"testimony": testimony_id, "kind": kind,
                               "name": item.type if isinstance(item, Event) else item.field,
                               "source": item.source})
        item.id = fact_id
        return fact_id

    def demote(self, fact_id: int, confidence: float) -> None:
        """Lower a suggestion's confidence (reviewers usually reject its kind): it stays a
        suggestion, reviewed last. Audited; accepted or rejected facts are left alone."""
        with self._book.engine.begin() as conn:
            row = conn.execute(select(facts.c.data).where(facts.c.id == fact_id,
                                                          facts.c.status == SUGGESTED)).first()
            if row is not None:
                conn.execute(update(facts).where(facts.c.id == fact_id).values(
                    confidence=confidence, data={**row.data, "confidence": confidence}))
                self._book._audit(conn, "fact_demoted", f"fact:{fact_id}",
                                  {"confidence": confidence})

    def accepted(self) -> Iterator[tuple[int, Record]]:
        """Every testimony's accepted facts, consent *not* applied: analyses read through
        :mod:`casebook.store.reads`, which applies it."""
        with self._book.engine.connect() as conn:
            rows = conn.execute(select(facts).where(facts.c.status == ACCEPTED)
                                .order_by(facts.c.testimony_id, facts.c.ordinal)).all()
        yield from group_records(rows)


def group_records(rows: Sequence[Any]) -> Iterator[tuple[int, Record]]:
    """(testimony id, Record) for fact rows ordered by testimony."""
    current: list[Any] = []
    for row in rows:
        if current and current[0].testimony_id != row.testimony_id:
            yield current[0].testimony_id, to_record(current, "")
            current = []
        current.append(row)
    if current:
        yield current[0].testimony_id, to_record(current, "")


def fact_ref(conn: Connection, fact_id: int) -> FactRef:
    row = conn.execute(select(facts.c.testimony_id, facts.c.kind)
                       .where(facts.c.id == fact_id)).first()
    if row is None:
        raise NotFound(f"fact {fact_id}: no such fact")
    return FactRef(fact_id, row.testimony_id, row.kind)


def record_of(conn: Connection, testimony_id: int, statuses: Iterable[str]) -> Record:
    rows = conn.execute(select(facts).where(
        facts.c.testimony_id == testimony_id, facts.c.status.in_(list(statuses)))
        .order_by(facts.c.ordinal)).all()
    lang = conn.execute(select(testimonies.c.language).where(
        testimonies.c.id == testimony_id)).scalar() or "en"
    return to_record(rows, lang)


def replace_suggestions(conn: Connection, testimony_id: int, record: Record, actor: str,
                        audit_items: AuditItems) -> list[int]:
    conn.execute(delete(facts).where(facts.c.testimony_id == testimony_id,
                                     facts.c.status == SUGGESTED))
    start = conn.execute(select(func.coalesce(func.max(facts.c.ordinal), 0)).where(
        facts.c.testimony_id == testimony_id)).scalar_one()
    return insert_facts(conn, testimony_id, record, start, actor, audit_items)


def insert_facts(conn: Connection, testimony_id: int, record: Record, start: int, actor: str,
                 audit_items: AuditItems) -> list[int]:
    items: list[Fact | Event] = [*record.facts, *record.events]
    updated, ids = now(), []
    if items:
        rows = conn.execute(insert(facts).returning(facts.c.id, sort_by_parameter_order=True), [
            {"testimony_id": testimony_id, "ordinal": n, **fact_columns(item),
             "updated_at": updated, "updated_by": actor}
            for n, item in enumerate(items, start=start + 1)]).all()
        ids = [r[0] for r in rows]
    audit_items.append(("suggest_facts", f"testimony:{testimony_id}", {"count": len(ids)}))
    return ids
