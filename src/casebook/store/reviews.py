"""``book.reviews``: whether a testimony's review is closed, in progress or untouched, and the
reviewed testimonies a suggestion model learns from.

A testimony is *untouched* while no fact of it has been decided, *in progress* once a reviewer
accepted, corrected, rejected or added one, and *reviewed* when a reviewer closed its review
(reopening it makes it in progress again). Statistics can be limited to reviewed testimonies
(``book.read_for(use, reviewed_only=True)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, func, insert, select

from casebook.model import ACCEPTED, REJECTED, SUGGESTED, Record
from casebook.store.consent import consents_of, require_testimony
from casebook.store.facts import record_of
from casebook.store.rows import chunks, now
from casebook.store.schema import facts, testimonies, testimony_reviews

if TYPE_CHECKING:
    from casebook.store.casebook import Casebook

REVIEWED, IN_PROGRESS, UNTOUCHED = "reviewed", "in_progress", "untouched"
REVIEW_STATES = (REVIEWED, IN_PROGRESS, UNTOUCHED)


@dataclass
class ReviewedTestimony:
    """A closed review, as a suggestion model learns from it: the text and every fact with the
    reviewer's decision (accepted, corrected, rejected, added; suggestions left undecided)."""

    testimony_id: int
    language: str
    text: str
    record: Record


class Reviews:
    """Close and reopen reviews; the state of each testimony's review."""

    def __init__(self, book: Casebook) -> None:
        self._book = book

    def close(self, testimony_id: int) -> None:
        """Mark the testimony reviewed (audited); closing it again changes nothing."""
        with self._book.engine.begin() as conn:
            require_testimony(conn, testimony_id)
            if closed(conn, [testimony_id]):
                return
            conn.execute(insert(testimony_reviews).values(
                testimony_id=testimony_id, closed_at=now(), closed_by=self._book.actor))
            self._book._audit(conn, "close_review", f"testimony:{testimony_id}")

    def reopen(self, testimony_id: int) -> None:
        """Open a closed review again (audited)."""
        with self._book.engine.begin() as conn:
            require_testimony(conn, testimony_id)
            gone = conn.execute(delete(testimony_reviews).where(
                testimony_reviews.c.testimony_id == testimony_id)).rowcount
            if gone:
                self._book._audit(conn, "reopen_review", f"testimony:{testimony_id}")

    def state(self, testimony_id: int) -> str:
        """reviewed, in_progress or untouched."""
        with self._book.engine.connect() as conn:
            require_testimony(conn, testimony_id)
            return states(conn, [testimony_id])[testimony_id]

    def reviewed(self) -> set[int]:
        """Ids of the testimonies whose review is closed."""
        with self._book.engine.connect() as conn:
            return set(conn.execute(select(testimony_reviews.c.testimony_id)).scalars())

    def examples(self, purpose: str = "learn") -> list[ReviewedTestimony]:
        """Every reviewed testimony whose consent is not wholly withdrawn, with its text (each
        read audited) and all its facts: what a suggestion model learns from."""
        with self._book.engine.begin() as conn:
            rows = conn.execute(
                select(testimonies.c.id, testimonies.c.language, testimonies.c.text)
                .join(testimony_reviews, testimony_reviews.c.testimony_id == testimonies.c.id)
                .order_by(testimonies.c.id)).all()
            consent = consents_of(conn, [r.id for r in rows])
            kept = [r for r in rows if consent[r.id].active_scopes()]
            out = [ReviewedTestimony(r.id, r.language, r.text,
                                     record_of(conn, r.id, [SUGGESTED, ACCEPTED, REJECTED]))
                   for r in kept]
            self._book._audit_many(conn, [("read_testimony", f"testimony:{r.id}",
                                           {"purpose": purpose}) for r in kept])
        return out


def closed(conn: Connection, ids: list[int]) -> set[int]:
    out: set[int] = set()
    for chunk in chunks(ids):
        out.update(conn.execute(select(testimony_reviews.c.testimony_id).where(
            testimony_reviews.c.testimony_id.in_(chunk))).scalars())
    return out


def states(conn: Connection, ids: list[int]) -> dict[int, str]:
    """The review state of each testimony id."""
    done = closed(conn, ids)
    touched: set[int] = set()
    for chunk in chunks(ids):
        touched.update(conn.execute(
            select(facts.c.testimony_id).where(facts.c.testimony_id.in_(chunk),
                                               facts.c.status.in_([ACCEPTED, REJECTED]))
            .group_by(facts.c.testimony_id).having(func.count() > 0)).scalars())
    return {i: REVIEWED if i in done else IN_PROGRESS if i in touched else UNTOUCHED
            for i in ids}
