"""``book.consent``: what each survivor agreed to, scope by scope, with grant and withdrawal dates.

Consent is data: outputs read it here (or through :mod:`casebook.store.reads`) and check it
row by row, failing closed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, insert, select, update

from casebook.errors import BadArgument, NotFound
from casebook.model import Consent
from casebook.model.consent import ConsentGrant, check_scope, held_scope, short_name
from casebook.store.rows import chunks
from casebook.store.schema import consent_grants, testimonies

if TYPE_CHECKING:
    from casebook.store.casebook import Casebook


class ConsentRecords:
    """Read, grant and withdraw consent scopes of testimonies."""

    def __init__(self, book: Casebook) -> None:
        self._book = book

    def of(self, testimony_id: int) -> Consent:
        """Every grant of one testimony, withdrawn ones included (with their dates)."""
        with self._book.engine.connect() as conn:
            return consent_of(conn, testimony_id)

    def of_many(self, ids: list[int]) -> dict[int, Consent]:
        """The consent of many testimonies in a few queries (outputs check it row by row)."""
        with self._book.engine.connect() as conn:
            return consents_of(conn, ids)

    def grant(self, testimony_id: int, scope: str, on: dt.date | None = None) -> str:
        """Record a scope she has given; returns it in its stored spelling.

        An unknown scope raises ``BadArgument`` before anything is written or audited.
        """
        scope = _known_scope(scope)
        with self._book.engine.begin() as conn:
            require_testimony(conn, testimony_id)
            if not consent_of(conn, testimony_id).allows(scope, on):
                conn.execute(insert(consent_grants).values(
                    testimony_id=testimony_id, scope=scope, granted_on=on or dt.date.today()))
            self._book._audit(conn, "grant_consent", f"testimony:{testimony_id}",
                              {"scope": scope})
        return scope

    def withdraw(self, testimony_id: int, scope: str, on: dt.date | None = None) -> str:
        """Withdraw a scope from now on; every output asks consent again, so she disappears.

        Only a scope she holds can be withdrawn: an unknown or mistyped one raises
        ``BadArgument`` and nothing is changed or audited. Returns the scope withdrawn.
        """
        wanted = _known_scope(scope)
        with self._book.engine.begin() as conn:
            require_testimony(conn, testimony_id)
            current = consent_of(conn, testimony_id)
            held = held_scope(current, wanted, on)
            if held is None:
                holds = ", ".join(short_name(s) for s in current.active_scopes(on)) or "none"
                raise BadArgument(f"testimony {testimony_id}: she does not hold {wanted!r} "
                                  f"(active scopes: {holds}); nothing was changed")
            conn.execute(update(consent_grants).where(
                consent_grants.c.testimony_id == testimony_id, consent_grants.c.scope == held,
                consent_grants.c.withdrawn_on.is_(None)).values(withdrawn_on=on or dt.date.today()))
            self._book._audit(conn, "withdraw_consent", f"testimony:{testimony_id}",
                              {"scope": held})
        return held


def _known_scope(scope: str) -> str:
    try:
        return check_scope(scope)
    except ValueError as exc:
        raise BadArgument(f"{exc}; nothing was changed") from None


def require_testimony(conn: Connection, testimony_id: int) -> None:
    if conn.execute(select(testimonies.c.id).where(
            testimonies.c.id == testimony_id)).first() is None:
        raise NotFound(f"testimony {testimony_id}: no such testimony")


def consent_of(conn: Connection, testimony_id: int) -> Consent:
    rows = conn.execute(select(consent_grants).where(
        consent_grants.c.testimony_id == testimony_id).order_by(consent_grants.c.id))
    return Consent(tuple(ConsentGrant(r.scope, r.granted_on, r.withdrawn_on) for r in rows))


def consents_of(conn: Connection, ids: list[int]) -> dict[int, Consent]:
    grants: dict[int, list[ConsentGrant]] = {i: [] for i in ids}
    for chunk in chunks(ids):
        rows = conn.execute(select(consent_grants).where(consent_grants.c.testimony_id.in_(chunk))
                            .order_by(consent_grants.c.id))
        for r in rows:
            grants[r.testimony_id].append(ConsentGrant(r.scope, r.granted_on, r.withdrawn_on))
    return {i: Consent(tuple(g)) for i, g in grants.items()}


def grant_rows(testimony_id: int, consent: Consent) -> list[dict[str, Any]]:
    return [{"testimony_id": testimony_id, "scope": g.scope, "granted_on": g.granted_on,
             "withdrawn_on": g.withdrawn_on} for g in consent.grants]
