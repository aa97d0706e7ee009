"""``book.scans``: the scanned originals testimonies were recognised from (they are evidence).

A scan is stored with its testimony, in the same transaction and the same encrypted store, as
the file's bytes, their SHA-256 and each page's recognised words with their boxes. Reading it
back is audited like reading the text; deleting the testimony deletes its scan (the scans table
points at the testimony, and ``testimonies.delete`` removes every row that does).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

from sqlalchemy import Connection, insert, select

from casebook.errors import StoreCorrupt
from casebook.model import Testimony
from casebook.model.scans import Scan
from casebook.store.schema import scans

if TYPE_CHECKING:
    from casebook.store.casebook import Casebook


def insert_scans(conn: Connection, stored: list[Testimony]) -> None:
    """Store the scans of testimonies just inserted (those that came from a scan)."""
    rows = [{"testimony_id": t.id, "sha256": t.scan.sha256, "media_type": t.scan.media_type,
             "file_name": t.scan.file_name, "dpi": t.scan.dpi, "pages": t.scan.layout(),
             "data": t.scan.data, "created_at": dt.datetime.now(dt.UTC)}
            for t in stored if t.scan is not None and t.id is not None]
    if rows:
        conn.execute(insert(scans), rows)


class Scans:
    """Read the scanned original of a testimony."""

    def __init__(self, book: Casebook) -> None:
        self._book = book

    def of(self, testimony_ids: list[int]) -> set[int]:
        """Which of these testimonies have a scan (no read of any scan)."""
        if not testimony_ids:
            return set()
        with self._book.engine.connect() as conn:
            return set(conn.execute(select(scans.c.testimony_id).where(
                scans.c.testimony_id.in_(testimony_ids))).scalars())

    def get(self, testimony_id: int, purpose: str = "read") -> Scan | None:
        """The scan a testimony was recognised from (None when it was typed); audited."""
        with self._book.engine.begin() as conn:
            row = conn.execute(select(scans).where(scans.c.testimony_id == testimony_id)).first()
            if row is None:
                return None
            self._book._audit(conn, "read_scan", f"testimony:{testimony_id}",
                              {"purpose": purpose})
        data = bytes(row.data)
        if hashlib.sha256(data).hexdigest() != row.sha256:
            raise StoreCorrupt(f"testimony {testimony_id}: the stored scan does not match its "
                               "hash; restore the casebook from a backup")
        return Scan(data=data, media_type=row.media_type, file_name=row.file_name or "",
                    pages=Scan.pages_from(row.pages), dpi=row.dpi, sha256=row.sha256)
