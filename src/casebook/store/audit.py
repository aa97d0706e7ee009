"""The audit log: append-only and hash-chained.

Each entry's hash covers its own fields and the previous entry's hash, so editing, removing or
reordering any entry breaks every hash after it. The newest sequence number and hash are also
kept in ``audit_head``; the update of that row is the lock that keeps two writers from forking
the chain, and it lets ``verify`` notice entries cut from the end.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select, update

from casebook.store.schema import audit, audit_head

GENESIS = "0" * 64


def entry_hash(seq: int, at: str, actor: str, action: str, target: str | None,
               detail: Any, prev_hash: str) -> str:
    body = json.dumps([seq, at, actor, action, target, detail, prev_hash],
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append(conn: Connection, actor: str, action: str, target: str | None = None,
           detail: Any = None) -> int:
    """Add one entry inside the caller's transaction; returns its sequence number."""
    return append_many(conn, actor, [(action, target, detail)])


def append_many(conn: Connection, actor: str,
                items: list[tuple[str, str | None, Any]]) -> int:
    """Add several entries in order inside the caller's transaction; returns the last seq."""
    if not items:
        raise ValueError("nothing to append")
    # Taking the head row first (an UPDATE) serialises writers on both SQLite and PostgreSQL.
    conn.execute(update(audit_head).where(audit_head.c.id == 1)
                 .values(seq=audit_head.c.seq + len(items)))
    last_seq, prev = conn.execute(select(audit_head.c.seq, audit_head.c.hash)).one()
    seq = last_seq - len(items)
    at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    rows = []
    for action, target, detail in items:
        seq += 1
        digest = entry_hash(seq, at, actor, action, target, detail, prev)
        rows.append({"seq": seq, "at": at, "actor": actor, "action": action, "target": target,
                     "detail": detail, "prev_hash": prev, "hash": digest})
        prev = digest
    conn.execute(insert(audit), rows)
    conn.execute(update(audit_head).where(audit_head.c.id == 1).values(hash=prev))
    return seq


@dataclass
class AuditReport:
    entries: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(conn: Connection) -> AuditReport:
    """Walk the whole chain; report every entry that was edited, removed or moved."""
    problems: list[str] = []
    prev = GENESIS
    expected_seq = 1
    count = 0
    for row in conn.execute(select(audit).order_by(audit.c.seq)):
        count += 1
        if row.seq != expected_seq:
            problems.append(f"entry {expected_seq} is missing (next entry is {row.seq})")
        if row.prev_hash != prev:
            problems.append(f"entry {row.seq} does not follow the entry before it")
        recomputed = entry_hash(row.seq, row.at, row.actor, row.action, row.target,
                                row.detail, row.prev_hash)
        if recomputed != row.hash:
            problems.append(f"entry {row.seq} ({row.action}) was altered")
        prev = row.hash
        expected_seq = row.seq + 1
    head_seq, head_hash = conn.execute(select(audit_head.c.seq, audit_head.c.hash)).one()
    if head_seq != expected_seq - 1 or (count and head_hash != prev):
        problems.append(f"the chain ends at entry {expected_seq - 1} but the head says {head_seq}:"
                        " entries were removed from the end")
    return AuditReport(count, problems)


def entries(conn: Connection, limit: int = 100, offset: int = 0,
            organisation: str | None = None) -> list[dict]:
    """Newest first. With ``organisation``, only what concerns it: entries by its users, and
    entries about its testimonies, persons, users and cases. Nothing else (other organisations'
    reads, exports, partners; the command line's own entries) is shown to its admins."""
    q = select(audit)
    if organisation is not None:
        q = q.where(_concerns(organisation))
    rows = conn.execute(q.order_by(audit.c.seq.desc()).limit(limit).offset(offset))
    return [dict(r._mapping) for r in rows]


def _concerns(organisation: str) -> Any:
    from sqlalchemy import String, cast, literal, or_

    from casebook.store.schema import cases, organisations, persons, testimonies, users

    org_id = select(organisations.c.id).where(organisations.c.code == organisation)
    members = select(users.c.username).where(users.c.organisation_id.in_(org_id))

    def targets(prefix: str, table: Any, where: Any) -> Any:
        return select(literal(prefix) + cast(table.c.id, String)).where(where)

    return or_(
        audit.c.actor.in_(members),
        audit.c.target.in_(targets("testimony:", testimonies,
                                   testimonies.c.organisation == organisation)),
        audit.c.target.in_(targets("person:", persons, persons.c.organisation == organisation)),
        audit.c.target.in_(targets("user:", users, users.c.organisation_id.in_(org_id))),
        audit.c.target.in_(targets("case:", cases, cases.c.organisation == organisation)),
    )


def head(conn: Connection) -> tuple[int, str]:
    """(sequence number, hash) of the newest entry."""
    seq, digest = conn.execute(select(audit_head.c.seq, audit_head.c.hash)).one()
    return int(seq), str(digest)


class AuditLog:
    """``book.audit``: record actions taken outside the store, read and verify the chain."""

    def __init__(self, book: Any) -> None:
        self._book = book

    def record(self, action: str, target: str | None = None, detail: Any = None) -> None:
        """Record an action taken outside the store (an export, a report) in the chain."""
        with self._book.engine.begin() as conn:
            append(conn, self._book.actor, action, target, detail)

    def verify(self) -> AuditReport:
        """The chain, and whether testimonies and consent agree with it (store/integrity.py)."""
        from casebook.store.integrity import check_records

        with self._book.engine.connect() as conn:
            report = verify(conn)
            report.problems.extend(check_records(conn))
        return report

    def entries(self, limit: int = 100, offset: int = 0,
                organisation: str | None = None) -> list[dict]:
        """Newest first; ``organisation`` limits them to what concerns it (web admins)."""
        with self._book.engine.connect() as conn:
            return entries(conn, limit, offset, organisation)

    def head(self) -> tuple[int, str]:
        """(sequence number, hash) of the newest entry: what a backup's manifest pins."""
        with self._book.engine.connect() as conn:
            return head(conn)
