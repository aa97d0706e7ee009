"""``book.meta``: small settings kept inside the encrypted store (signing secrets, field seals,
the privacy budget), each change audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, insert, select

from casebook.store.schema import meta

if TYPE_CHECKING:
    from casebook.store.casebook import Casebook


class Meta:
    """Key → JSON value."""

    def __init__(self, book: Casebook) -> None:
        self._book = book

    def get(self, key: str, default: Any = None) -> Any:
        """The value under ``key``, or ``default``."""
        with self._book.engine.connect() as conn:
            value = conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar()
        return default if value is None else value

    def set(self, key: str, value: Any) -> None:
        """Replace the value under ``key`` (audited)."""
        with self._book.engine.begin() as conn:
            put(conn, key, value)
            self._book._audit(conn, "set_meta", key)

    def entry(self, key: str) -> MetaEntry:
        """One key as a load/save store (the privacy budget ledger keeps itself in one)."""
        return MetaEntry(self, key)


class MetaEntry:
    """A dict kept under one meta key."""

    def __init__(self, meta: Meta, key: str) -> None:
        self._meta, self.key = meta, key

    def load(self) -> dict[str, Any]:
        """The dict kept under the key ({} when none)."""
        return dict(self._meta.get(self.key, {}) or {})

    def save(self, value: dict[str, Any]) -> None:
        """Replace it (audited)."""
        self._meta.set(self.key, value)


def put(conn: Connection, key: str, value: Any) -> None:
    conn.execute(delete(meta).where(meta.c.key == key))
    conn.execute(insert(meta).values(key=key, value=value))
