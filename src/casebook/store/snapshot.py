"""A consistent copy of a SQLCipher casebook, encrypted under the same data key, and what it holds.

``VACUUM INTO`` gives a compacted copy (no freed pages carried along) that SQLCipher writes
encrypted: there is never a plaintext copy on disk. The copy is then opened with the data key
and measured (record counts, audit chain and head, schema revision), so a backup's manifest
describes the file it ships, not the live casebook.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from casebook.errors import InvalidInput, StoreCorrupt
from casebook.store import engine as engines

if TYPE_CHECKING:
    from casebook.store.casebook import Casebook

SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"


def _data_key(book: Casebook) -> bytes:
    password = book.engine.url.password or ""
    if not (password.startswith("x'") and password.endswith("'")):
        raise InvalidInput("backup: this casebook is not a SQLCipher file")
    return bytes.fromhex(password[2:-1])


def snapshot(book: Casebook, target: Path) -> dict[str, Any]:
    """Write the copy to ``target``; returns ``{"counts", "revision", "audit"}`` of the copy."""
    if book.dialect != "sqlite":
        raise InvalidInput("backup: PostgreSQL casebooks are backed up with pg_dump on the "
                           "server (and its disk encryption); see docs/reliability.md")
    raw = book.engine.raw_connection()
    try:
        driver = raw.driver_connection
        if driver is None:
            raise RuntimeError("backup: the database connection is closed")
        driver.execute("VACUUM INTO ?", (str(target),))
    finally:
        raw.close()
    with open(target, "rb") as fh:
        if fh.read(16) == SQLITE_PLAIN_HEADER:  # never ship a plaintext database
            raise StoreCorrupt(f"{target}: the snapshot came out unencrypted; backup refused")
    return measure(target, _data_key(book))


def measure(path: Path, data_key: bytes) -> dict[str, Any]:
    """Counts, audit verification and audit head of a snapshot file, opened with the data key."""
    from casebook.store.casebook import Casebook

    engine = engines._sqlcipher_engine(path, data_key)
    try:
        snap = Casebook(engines.Backend(engine, str(path), None), actor="backup")
        report = snap.audit.verify()
        head_seq, head_hash = snap.audit.head()
        revision = engines.current_revision(engine)
        counts = snap.count()
        with engine.connect() as conn:  # fold the WAL back so the file alone is the snapshot
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    return {"counts": counts, "revision": revision,
            "audit": {"entries": report.entries, "ok": report.ok, "problems": report.problems,
                      "head_seq": head_seq, "head_hash": head_hash}}
