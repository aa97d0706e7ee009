"""``book.learned``: models trained on reviewers' decisions, kept inside the encrypted store.

A model is stored as bytes of arrays (the caller serialises them to an ``.npz`` archive in
memory and reads it back with ``allow_pickle=False``: data, never code) plus a small JSON
``info`` (what it was trained on, its vocabulary, when). Nothing of it is ever written to a
file, cache or temporary directory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select

from casebook.store.rows import now
from casebook.store.schema import learned_models

if TYPE_CHECKING:
    from casebook.store.casebook import Casebook


@dataclass(frozen=True)
class StoredModel:
    """One learned model as stored: its arrays (bytes), its description, when and by whom."""

    name: str
    arrays: bytes
    info: dict[str, Any]
    trained_at: datetime
    trained_by: str


class LearnedModels:
    """Save, load and forget learned models by name."""

    def __init__(self, book: Casebook) -> None:
        self._book = book

    def save(self, name: str, arrays: bytes, info: dict[str, Any]) -> None:
        """Replace the model called ``name`` (audited, with its info's counts only)."""
        with self._book.engine.begin() as conn:
            conn.execute(delete(learned_models).where(learned_models.c.name == name))
            conn.execute(insert(learned_models).values(
                name=name, arrays=arrays, info=info, trained_at=now(),
                trained_by=self._book.actor))
            self._book._audit(conn, "learn", f"model:{name}",
                              {k: v for k, v in info.items() if isinstance(v, int | float)})

    def load(self, name: str) -> StoredModel | None:
        """The model called ``name``, or None when none was trained."""
        with self._book.engine.connect() as conn:
            row = conn.execute(select(learned_models).where(
                learned_models.c.name == name)).first()
        if row is None:
            return None
        return StoredModel(row.name, bytes(row.arrays), dict(row.info), row.trained_at,
                           row.trained_by)

    def forget(self, name: str) -> bool:
        """Delete the model called ``name`` (audited); False when there was none."""
        with self._book.engine.begin() as conn:
            gone = conn.execute(delete(learned_models).where(
                learned_models.c.name == name)).rowcount
            if gone:
                self._book._audit(conn, "forget_model", f"model:{name}")
        return bool(gone)
