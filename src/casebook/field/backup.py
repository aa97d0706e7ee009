"""Encrypted, self-verifying backups of a SQLCipher casebook, and their restore.

A backup is age encryption (to a passphrase or to public keys) of a small tar archive held in
memory: ``manifest.json``, the database snapshot and the key file. The snapshot is made with
``VACUUM INTO``, which gives a consistent, compacted copy (no freed pages carried along) that
SQLCipher writes encrypted under the same data key — there is never a plaintext copy on disk,
and the backup is encrypted twice: age outside, SQLCipher inside, so a leaked backup
passphrase alone still opens nothing without the casebook passphrase. The manifest holds the
SHA-256 of both files, the record counts and the audit chain's head, measured on the snapshot
itself; ``restore`` checks all of them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import secrets
import shutil
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyrage import x25519

from casebook.errors import AlreadyExists, InvalidInput, StoreCorrupt
from casebook.files import decrypt, encrypt, read_input, sha256, write_atomic
from casebook.store import Casebook, KeyFile

FORMAT = "casebook-backup"
VERSION = 1
MANIFEST, DB_MEMBER, KEY_MEMBER = "manifest.json", "casebook.db", "casebook.db.key"
MAX_BACKUP_BYTES = 16 << 30


def snapshot(book: Casebook, workdir: Path) -> tuple[bytes, dict[str, Any]]:
    """A consistent, SQLCipher-encrypted copy of the database, and what it contains."""
    target = workdir / f"snapshot-{secrets.token_hex(4)}.db"
    info = book.snapshot(target)
    return target.read_bytes(), info


def _tar(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o600, 0
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


@dataclass
class BackupResult:
    path: Path
    bytes: int
    manifest: dict[str, Any]


def backup(book: Casebook, out: Path, *, passphrase: str | None = None,
           recipients: list[str] | None = None) -> BackupResult:
    """Write an encrypted backup of ``book`` to ``out`` (refuses to overwrite)."""
    if out.exists():
        raise AlreadyExists(f"{out}: a file is already there; choose another name")
    encrypt(b"", recipients=recipients, passphrase=passphrase)  # bad recipient: fail early
    key_path = book.key_path
    if key_path is None:
        raise InvalidInput("backup: PostgreSQL casebooks are backed up with pg_dump")
    folder = Path(os.path.abspath(out)).parent
    clear_leftovers(folder)
    workdir = folder / f".casebook-backup-{secrets.token_hex(4)}"
    workdir.mkdir(mode=0o700)
    try:
        db_bytes, info = snapshot(book, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    key_bytes = key_path.read_bytes()
    manifest = {
        "format": FORMAT, "version": VERSION,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "source": Path(book.location).name,
        "files": {DB_MEMBER: {"sha256": sha256(db_bytes), "bytes": len(db_bytes)},
                  KEY_MEMBER: {"sha256": sha256(key_bytes), "bytes": len(key_bytes)}},
        **info,
    }
    archive = _tar({MANIFEST: json.dumps(manifest, indent=1).encode("utf-8"),
                    DB_MEMBER: db_bytes, KEY_MEMBER: key_bytes})
    data = encrypt(archive, recipients=recipients, passphrase=passphrase)
    write_atomic(out, data)
    book.audit.record("backup", None, {"file_sha256": sha256(data), "counts": info["counts"],
                                "audit_head": info["audit"]["head_seq"]})
    return BackupResult(out, len(data), manifest)


LEFTOVER_AGE_SECONDS = 3600  # older than any backup in progress: a killed one's


def clear_leftovers(folder: Path, now: float | None = None) -> list[Path]:
    """Remove what a killed backup left in ``folder``: snapshot folders
    (``.casebook-backup-*``) and ``.<name>.partial`` files older than an hour. Both are
    ciphertext (tests/reliability/test_sigkill.py checks it), but they are copies that nobody
    will use. Younger ones may belong to a backup still running, and are kept."""
    now = time.time() if now is None else now
    removed = []
    for path in [*folder.glob(".casebook-backup-*"), *folder.glob(".*.partial")]:
        try:
            if now - path.lstat().st_mtime < LEFTOVER_AGE_SECONDS:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
        except OSError:  # gone meanwhile, or not ours to remove: leave it
            continue
    return removed


def read_backup(data: bytes, name: str, *, passphrase: str | None = None,
                identity: x25519.Identity | None = None) -> tuple[dict, bytes, bytes]:
    """Decrypt a backup and check every hash: returns (manifest, database, key file)."""
    archive = decrypt(data, name, identity=identity, passphrase=passphrase)
    members: dict[str, bytes] = {}
    try:
        with tarfile.open(fileobj=io.BytesIO(archive), mode="r:") as tar:
            for info in tar:  # read by name only: nothing from the archive picks a path
                if info.isfile() and info.name in (MANIFEST, DB_MEMBER, KEY_MEMBER):
                    members[info.name] = tar.extractfile(info).read()  # type: ignore[union-attr]
    except tarfile.TarError:
        raise StoreCorrupt(f"{name}: the backup decrypts but is not a casebook backup") from None
    if set(members) != {MANIFEST, DB_MEMBER, KEY_MEMBER}:
        raise StoreCorrupt(f"{name}: the backup is incomplete (has {', '.join(sorted(members))})")
    try:
        manifest = json.loads(members[MANIFEST])
        files = manifest["files"]
    except (ValueError, KeyError, TypeError):
        raise StoreCorrupt(f"{name}: the backup's manifest is unreadable") from None
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise StoreCorrupt(f"{name}: not a casebook backup of a known version")
    problems = [f"{member} does not match its SHA-256 in the manifest"
                for member in (DB_MEMBER, KEY_MEMBER)
                if sha256(members[member]) != files.get(member, {}).get("sha256")]
    if problems:
        raise StoreCorrupt(f"{name}: backup failed verification: " + "; ".join(problems))
    return manifest, members[DB_MEMBER], members[KEY_MEMBER]


@dataclass
class RestoreResult:
    db_path: Path
    manifest: dict[str, Any]
    opened: bool  # the restored casebook was opened and compared with the manifest


def restore(path: Path, to_dir: Path, *, passphrase: str | None = None,
            identity: x25519.Identity | None = None,
            casebook_passphrase: str | None = None) -> RestoreResult:
    """Verify a backup and write its casebook into ``to_dir``; then, given the casebook's
    passphrase, open it and compare counts and the audit chain with the manifest."""
    manifest, db_bytes, key_bytes = read_backup(read_input(path, MAX_BACKUP_BYTES), str(path),
                                                passphrase=passphrase, identity=identity)
    name = Path(str(manifest.get("source") or "casebook.db")).name or "casebook.db"
    to_dir.mkdir(parents=True, exist_ok=True)
    db_path = to_dir / name
    key_path = KeyFile.path_for(db_path)
    resumed = (key_path.exists() and not db_path.exists()
               and key_path.read_bytes() == key_bytes)  # a killed restore of this backup
    for p in (db_path,) if resumed else (db_path, key_path):
        if p.exists():
            raise AlreadyExists(f"{p}: already exists; restore into an empty directory")
    if not resumed:  # resumed: the key file there is this backup's, byte for byte
        write_atomic(key_path, key_bytes)
    write_atomic(db_path, db_bytes)
    if casebook_passphrase is None:
        return RestoreResult(db_path, manifest, opened=False)
    with Casebook.open(str(db_path), casebook_passphrase, actor="restore") as book:
        counts = book.count()
        report = book.audit.verify()
        book.audit.record("restore", None, {"from": path.name, "created": manifest.get("created")})
    problems = []
    expected = dict(manifest.get("counts") or {})
    if _counted(counts, expected) != _counted(expected, counts):
        problems.append(f"record counts {counts} differ from the manifest {manifest.get('counts')}")
    if not report.ok:
        problems.append("audit chain: " + "; ".join(report.problems))
    if report.entries < manifest["audit"]["entries"]:
        problems.append("audit entries are missing")
    if problems:
        raise StoreCorrupt(f"{db_path}: restored, but verification failed: " + "; ".join(problems))
    return RestoreResult(db_path, manifest, opened=True)


def _counted(counts: dict[str, int], other: dict[str, int]) -> dict[str, int]:
    """Counts over both sets of keys: a backup made before a kind of record existed (cases)
    counted none of it."""
    return {key: counts.get(key, 0) for key in sorted(counts.keys() | other.keys())}
