"""The audit chain notices an edited, removed, reordered or truncated entry."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, text, update

from casebook.model import Person, Testimony
from casebook.store.schema import audit


@pytest.fixture
def audited(book):
    for i in range(5):
        book.testimonies.add(Testimony(f"testimony number {i}"), Person(f"P{i}"))
    assert book.audit.verify().ok
    return book


def test_edited_entry(audited):
    with audited.engine.begin() as conn:
        conn.execute(update(audit).where(audit.c.seq == 3).values(actor="someone else"))
    problems = audited.audit.verify().problems
    assert any("entry 3" in p and "altered" in p for p in problems)


def test_removed_entry(audited):
    with audited.engine.begin() as conn:
        conn.execute(delete(audit).where(audit.c.seq == 4))
    assert any("entry 4 is missing" in p for p in audited.audit.verify().problems)


def test_reordered_entries(audited):
    with audited.engine.begin() as conn:
        conn.execute(update(audit).where(audit.c.seq == 2).values(seq=-2))
        conn.execute(update(audit).where(audit.c.seq == 5).values(seq=2))
        conn.execute(update(audit).where(audit.c.seq == -2).values(seq=5))
    assert not audited.audit.verify().ok


def test_truncated_tail(audited):
    with audited.engine.begin() as conn:
        last = conn.execute(text("SELECT max(seq) FROM audit")).scalar()
        conn.execute(delete(audit).where(audit.c.seq == last))
    problems = audited.audit.verify().problems
    assert any("removed from the end" in p for p in problems)


def test_rewritten_chain_without_head_is_caught(audited):
    """Even recomputing hashes after deleting the tail leaves the head pointing further."""
    with audited.engine.begin() as conn:
        last = conn.execute(text("SELECT max(seq) FROM audit")).scalar()
        conn.execute(delete(audit).where(audit.c.seq >= last - 1))
    assert not audited.audit.verify().ok
