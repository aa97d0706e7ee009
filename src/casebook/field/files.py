"""Small file helpers shared by bundles, backups and keys: atomic writes, age with clear errors."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pyrage
from pyrage import passphrase as age_passphrase
from pyrage import x25519

from casebook.errors import AlreadyExists, InvalidInput, WrongPassphrase


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical(obj: Any) -> bytes:
    """One byte form per value, so a hash in a manifest means the same thing everywhere."""
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=str).encode("utf-8")


def write_atomic(path: Path, data: bytes, *, mode: int = 0o600, overwrite: bool = False) -> None:
    """Write to a temporary name, fsync, then rename: a crash never leaves half a file."""
    if path.exists() and not overwrite:
        raise AlreadyExists(f"{path}: a file is already there; choose another name")
    tmp = path.with_name(f".{path.name}.partial")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def recipient(text: str, what: str = "--recipient") -> x25519.Recipient:
    try:
        return x25519.Recipient.from_str(text.strip())
    except pyrage.RecipientError:
        raise InvalidInput(
            f"{what}: {text.strip()[:20]!r}… is not an age public key (age1…)") from None


def encrypt(data: bytes, *, recipients: list[str] | None = None, passphrase: str | None = None,
            what: str = "--recipient") -> bytes:
    if recipients:
        return pyrage.encrypt(data, [recipient(r, what) for r in recipients])
    if passphrase:
        return age_passphrase.encrypt(data, passphrase)
    raise InvalidInput(f"{what}: give an age public key or a passphrase to encrypt to")


def decrypt(data: bytes, name: str, *, identity: x25519.Identity | None = None,
            passphrase: str | None = None) -> bytes:
    """age decryption; a wrong key and a damaged file both end in one clear line."""
    try:
        if identity is not None:
            return pyrage.decrypt(data, [identity])
        return age_passphrase.decrypt(data, passphrase or "")
    except pyrage.DecryptError:  # a wrong key and a damaged file
        if not data.startswith(b"age-encryption.org/v1"):
            raise InvalidInput(f"{name}: not an age-encrypted file") from None
        raise WrongPassphrase(f"{name}: cannot decrypt: wrong key or passphrase, "
                              "or the file was damaged") from None


def read_input(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read ({exc.strerror})") from None
    if size > limit:
        raise InvalidInput(f"{path}: {size:,} bytes is larger than the {limit:,} allowed")
    return path.read_bytes()
