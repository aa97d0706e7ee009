"""Files on disk: bounded reads, atomic private writes, age encryption with one-line errors."""

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


SIDE_FILES = (".key", "-wal", "-shm", "-journal", ".key.tmp")
KEY_FILE_MARK = b'"casebook-keyfile"'


def casebook_file(path: Path) -> str | None:
    """What casebook file ``path`` is (the casebook, its key, a -wal/-shm file), or None.

    A casebook is recognised by the key file beside it, a key file by its own content, and the
    casebook in ``$CASEBOOK_DB`` by name: none of them may ever be replaced by an output.
    """
    resolved = path.resolve()
    candidates = [("the casebook", resolved)]
    for suffix in SIDE_FILES:
        if resolved.name.endswith(suffix) and len(resolved.name) > len(suffix):
            candidates.append((f"the casebook's {suffix.lstrip('.-')} file",
                               resolved.with_name(resolved.name[:-len(suffix)])))
    current = os.environ.get("CASEBOOK_DB")
    for what, base in candidates:
        if base.with_name(base.name + ".key").exists():
            return what
        if current and "://" not in current and base == Path(current).resolve():
            return what
    if resolved.is_file():
        try:
            with open(resolved, "rb") as fh:
                if KEY_FILE_MARK in fh.read(256):
                    return "a casebook key file"
        except OSError:
            pass
    return None


def check_output(path: Path, *, force: bool = False, option: str = "--out") -> None:
    """Refuse an output that would replace the casebook or its key (even with ``--force``), a
    file that is there already (without ``--force``), or something that is not a file."""
    protected = casebook_file(path)
    if protected:
        raise AlreadyExists(f"{path}: that is {protected}; an output must never replace it, "
                            "even with --force. Choose another file name")
    if path.is_symlink() or path.exists():
        if not path.is_file():
            raise InvalidInput(f"{path}: not a regular file (a folder, device or link); "
                               f"give {option} a file name")
        if not force:
            raise AlreadyExists(f"{path}: a file is already there; choose another name or add "
                                "--force to replace it")
    if not path.parent.is_dir():
        raise InvalidInput(f"{path}: the folder {path.parent} does not exist; create it first")


def write_output(path: Path, data: bytes | str, *, force: bool = False, mode: int = 0o600,
                 option: str = "--out") -> None:
    """Write an output the user asked for: checked (:func:`check_output`), atomic, and private
    to its owner (0600) unless ``mode`` says otherwise."""
    check_output(path, force=force, option=option)
    write_atomic(path, data.encode("utf-8") if isinstance(data, str) else data, mode=mode,
                 overwrite=True)


def write_atomic(path: Path, data: bytes, *, mode: int = 0o600, overwrite: bool = False) -> None:
    """Write to a temporary name, fsync, then rename: a crash never leaves half a file."""
    if path.exists() and not overwrite:
        raise AlreadyExists(f"{path}: a file is already there; choose another name")
    if overwrite and path.exists() and casebook_file(path):
        raise AlreadyExists(f"{path}: that is {casebook_file(path)}; refusing to replace it")
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


def printable(path: Path) -> str:
    """A path as text that can be printed and stored, even if its bytes are not UTF-8."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def read_input(path: Path, limit: int) -> bytes:
    """A whole file, refused before reading when it is larger than ``limit`` bytes.

    The one bounded reader: importers and field tools alike never load an unbounded file.
    """
    try:
        size = path.stat().st_size
        if size > limit:
            raise InvalidInput(
                f"{printable(path)}: {size:,} bytes is larger than the {limit:,} allowed")
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{printable(path)}: cannot read ({exc.strerror})") from None
