"""``book.links``: linkage review decisions, an append-only log (the ``record_ids`` column keeps
the whole decision as JSON), so every source record stays and any decision can be revoked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select

from casebook.store.rows import now
from casebook.store.schema import link_decisions

if TYPE_CHECKING:
    from casebook.store.casebook import Casebook


class LinkDecisions:
    """Accept / not_same / split / revoke decisions per kind (person, perpetrator, place)."""

    def __init__(self, book: Casebook) -> None:
        self._book = book

    def add(self, kind: str, decision: dict[str, Any], score: float | None = None) -> None:
        """Append one decision (``Decision.to_dict()``) and audit it."""
        with self._book.engine.begin() as conn:
            conn.execute(insert(link_decisions).values(
                kind=kind, record_ids=decision, decision=decision["action"], score=score,
                actor=decision.get("who") or self._book.actor, at=now()))
            self._book._audit(conn, f"link_{decision['action']}", f"{kind}-link",
                              {"records": decision.get("records"),
                               "groups": decision.get("groups"),
                               "revokes": decision.get("revokes")})

    def decisions(self, kind: str) -> list[dict[str, Any]]:
        """Every decision for this kind of linkage, oldest first."""
        with self._book.engine.connect() as conn:
            rows = conn.execute(select(link_decisions.c.record_ids)
                                .where(link_decisions.c.kind == kind)
                                .order_by(link_decisions.c.id)).all()
        return [r[0] for r in rows]
