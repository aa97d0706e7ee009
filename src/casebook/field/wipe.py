"""Crypto-shredding: destroy the wrapped keys so the casebook is unreadable at once.

The database is SQLCipher ciphertext under a random data key that exists only wrapped in the
key file. Overwriting the key file's slots (``KeyFile.destroy``) takes milliseconds whatever
the size of the database, and afterwards neither the passphrase nor the recovery key opens
it. The database files are then removed too, unless asked to keep them.

What this cannot reach: backups and bundles already made (they carry their own keys), a
program that still has the casebook open, and copies of old key-file blocks that flash
storage may keep; the docs (field-safety.md) say what to do about each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from casebook.errors import InvalidInput, NotFound
from casebook.store import KeyFile


@dataclass
class WipeResult:
    key_destroyed: bool
    removed: list[Path] = field(default_factory=list)


def wipe(db_path: Path, *, keep_files: bool = False) -> WipeResult:
    """Destroy the key slots of ``db_path``'s key file, then remove the casebook's files."""
    if str(db_path).startswith(("postgresql://", "postgres://")):
        raise InvalidInput("wipe: a PostgreSQL casebook has no key file; destroy the server's "
                           "disk encryption key instead")
    key_path = KeyFile.path_for(db_path)
    if not key_path.exists() and not db_path.exists():
        raise NotFound(f"{db_path}: no casebook here")
    result = WipeResult(key_destroyed=False)
    if key_path.exists():
        KeyFile(key_path, []).destroy()  # overwrites the file in place before truncating it
        result.key_destroyed = True
    leftovers = [key_path.with_name(key_path.name + ".tmp")]
    if not keep_files:
        leftovers += [key_path, db_path, *(db_path.with_name(db_path.name + s)
                                           for s in ("-wal", "-shm", "-journal"))]
    for path in leftovers:
        if path.exists():
            path.unlink()
            result.removed.append(path)
    return result
