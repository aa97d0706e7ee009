"""Passphrase change, the organisation recovery key, and reset by recovery key.

All three rewrite only the small key file beside the database: the data key stays the same,
so nothing in the database is re-encrypted. The recovery key is 32 random bytes shown as
base32 groups with a checksum, so it can be printed, kept in a safe and typed back in.
"""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from pathlib import Path

from casebook.errors import InvalidInput, NotFound, WrongPassphrase
from casebook.store import KeyFile, passphrase_slot

RECOVERY_PREFIX = "CBRK"


def _key_file(db_path: Path) -> KeyFile:
    if not db_path.exists():
        raise NotFound(f"{db_path}: no casebook here")
    return KeyFile.load(KeyFile.path_for(db_path))


def new_recovery_key() -> bytes:
    return secrets.token_bytes(32)


def format_recovery_key(key: bytes) -> str:
    """``CBRK-XXXX-…``: base32 of the key and a 2-byte checksum that catches typing mistakes."""
    body = base64.b32encode(key + hashlib.sha256(key).digest()[:2]).decode("ascii").rstrip("=")
    return "-".join([RECOVERY_PREFIX, *(body[i:i + 4] for i in range(0, len(body), 4))])


def parse_recovery_key(text: str) -> bytes:
    cleaned = re.sub(r"[^A-Z2-7]", "", text.upper().replace(RECOVERY_PREFIX, "", 1))
    try:
        raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except ValueError:
        raise InvalidInput("recovery key: not a casebook recovery key (CBRK-…)") from None
    key, check = raw[:32], raw[32:]
    if len(raw) != 34 or hashlib.sha256(key).digest()[:2] != check:
        raise InvalidInput("recovery key: mistyped or incomplete (the checksum does not match)")
    return key


def read_recovery_key_file(path: Path) -> bytes:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read recovery key ({exc.strerror})") from None
    line = next((ln for ln in text.splitlines() if ln.strip().upper().startswith(RECOVERY_PREFIX)),
                "")
    if not line:
        raise InvalidInput(f"{path}: no recovery key (CBRK-…) in this file")
    return parse_recovery_key(line)


def change_passphrase(db_path: Path, old: str, new: str) -> None:
    """Re-wrap the data key under a new passphrase; the recovery slot is kept."""
    _key_file(db_path).change_passphrase(old, new)


def add_recovery(db_path: Path, passphrase: str, recovery_key: bytes) -> None:
    """Wrap the data key a second time, under the organisation's recovery key."""
    key_file = _key_file(db_path)
    key_file.add_recovery(key_file.unlock(passphrase), recovery_key)


def reset_passphrase(db_path: Path, recovery_key: bytes, new: str) -> None:
    """The passphrase is lost: unlock with the recovery key and set a new passphrase."""
    if not new:
        raise WrongPassphrase("an empty passphrase cannot protect a casebook")
    key_file = _key_file(db_path)
    data_key = key_file.unlock_with_recovery(recovery_key)
    key_file.slots = [s for s in key_file.slots if s.kind != "passphrase"]
    key_file.slots.insert(0, passphrase_slot(new, data_key))
    key_file.save()
