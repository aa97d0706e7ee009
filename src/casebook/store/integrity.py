"""Does the data agree with its audit trail? The check behind ``casebook audit verify``.

The hash chain proves that no audit entry was edited; it says nothing about the records. Someone
holding the data key can still edit a testimony's text or insert a consent grant directly in the
database. Every such edit leaves a disagreement this module finds:

* a testimony's text no longer has the SHA-256 stored beside it, or that hash is not the one
  audited when the testimony was added;
* an active consent grant that no audit entry granted (inserted outside Casebook), or one that
  the audit says was withdrawn later (a withdrawal undone by hand).

Messages name ids and scopes only, never text.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from sqlalchemy import Connection, select

from casebook.store.schema import audit, consent_grants, testimonies

BATCH = 500


def check_records(conn: Connection) -> list[str]:
    """Every disagreement between testimonies, consent grants and the audit log."""
    added_hash: dict[int, str] = {}
    granted: dict[int, set[str] | None] = {}  # None: an old entry that did not list consent
    last_change: dict[tuple[int, str], str] = {}
    for row in conn.execute(select(audit.c.action, audit.c.target, audit.c.detail)
                            .where(audit.c.action.in_(("add_testimony", "grant_consent",
                                                       "withdraw_consent")))
                            .order_by(audit.c.seq)):
        tid = _testimony_of(row.target)
        if tid is None:
            continue
        detail = row.detail if isinstance(row.detail, dict) else {}
        if row.action == "add_testimony":
            if detail.get("sha256"):
                added_hash[tid] = str(detail["sha256"])
            scopes = detail.get("consent")
            granted[tid] = set(scopes) if isinstance(scopes, list) else None
            for scope in scopes or []:
                last_change[(tid, scope)] = "grant"
        elif detail.get("scope"):
            scope = str(detail["scope"])
            if row.action == "grant_consent":
                if granted.get(tid) is not None:
                    granted[tid].add(scope)  # type: ignore[union-attr]
                last_change[(tid, scope)] = "grant"
            else:
                last_change[(tid, scope)] = "withdraw"
    problems: list[str] = []
    last_id = 0
    while True:
        rows = conn.execute(select(testimonies.c.id, testimonies.c.text, testimonies.c.sha256)
                            .where(testimonies.c.id > last_id).order_by(testimonies.c.id)
                            .limit(BATCH)).all()
        if not rows:
            break
        for r in rows:
            actual = hashlib.sha256(r.text.encode("utf-8")).hexdigest()
            if actual != r.sha256:
                problems.append(f"testimony {r.id}: its text does not match its stored hash "
                                "(edited outside Casebook)")
            elif r.id in added_hash and added_hash[r.id] != r.sha256:
                problems.append(f"testimony {r.id}: its text and hash differ from those audited "
                                "when it was added (edited outside Casebook)")
        last_id = rows[-1].id
    active: dict[int, list[str]] = defaultdict(list)
    for g in conn.execute(select(consent_grants.c.testimony_id, consent_grants.c.scope)
                          .where(consent_grants.c.withdrawn_on.is_(None))):
        active[g.testimony_id].append(g.scope)
    for tid, scopes in sorted(active.items()):
        audited = granted.get(tid, set())
        for scope in scopes:
            if audited is not None and scope not in audited:
                problems.append(f"testimony {tid}: consent {scope!r} is active but no audit "
                                "entry granted it (inserted outside Casebook)")
            elif last_change.get((tid, scope)) == "withdraw":
                problems.append(f"testimony {tid}: consent {scope!r} is active but the audit "
                                "says it was withdrawn (changed outside Casebook)")
    return problems


def _testimony_of(target: str | None) -> int | None:
    if not target or not target.startswith("testimony:"):
        return None
    tail = target.split(":", 1)[1]
    return int(tail) if tail.isdigit() else None
