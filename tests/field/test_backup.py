"""Encrypted backups: restore into a fresh directory gives back every record and the audit chain."""

from __future__ import annotations

import io
import tarfile
import threading

import pyrage
import pytest
from pyrage import x25519

from casebook.errors import AlreadyExists, StoreCorrupt, WrongPassphrase
from casebook.field.backup import DB_MEMBER, backup, read_backup, restore
from casebook.model import Person, Testimony
from casebook.store import Casebook

PASS = "casebook passphrase"


@pytest.fixture(scope="module")
def identity():
    return x25519.Identity.generate()


@pytest.fixture
def book(tmp_path, helpers):
    cb = Casebook.create(str(tmp_path / "live" / "team.db"), PASS, actor="archivist")
    ids = helpers.fill(cb)
    cb.consent.withdraw(ids[0], "aggregate_statistics")
    cb.testimonies.get(ids[1])  # an audited read
    yield cb
    cb.close()


def _backup(book, tmp_path, identity, name="b.age"):
    return backup(book, tmp_path / name, recipients=[str(identity.to_public())])


def test_restore_into_a_fresh_directory_gives_back_every_record_and_the_audit_chain(
        tmp_path, book, identity, helpers):
    rows = helpers.dump(book)
    result = _backup(book, tmp_path, identity)
    audit_then = list(reversed(book.audit.entries(10_000)))[:-1]  # minus the "backup" entry
    restored = restore(tmp_path / "b.age", tmp_path / "fresh", identity=identity,
                       casebook_passphrase=PASS)
    assert restored.opened and restored.db_path == tmp_path / "fresh" / "team.db"
    with Casebook.open(str(restored.db_path), PASS) as copy:
        assert helpers.dump(copy) == rows  # every row of every table, ids included
        audit_now = list(reversed(copy.audit.entries(10_000)))
        assert copy.audit.verify().ok
    assert audit_now[:len(audit_then)] == audit_then  # same entries, same hashes, same order
    assert [e["action"] for e in audit_now[len(audit_then):]] == ["restore"]
    assert result.manifest["audit"]["entries"] == len(audit_then)
    assert result.manifest["counts"]["testimonies"] == 4


def test_the_backup_holds_no_plaintext_at_any_layer(tmp_path, book, identity, helpers):
    _backup(book, tmp_path, identity)
    data = (tmp_path / "b.age").read_bytes()
    assert helpers.leaks(data) == []
    _, db_bytes, key_bytes = read_backup(data, "b.age", identity=identity)
    assert helpers.leaks(db_bytes) == [] and not db_bytes.startswith(b"SQLite format 3")
    assert b"Jangmi" not in key_bytes
    # and no snapshot or partial file is left beside the backup
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.age", "live"]


@pytest.mark.slow  # three uses of age's scrypt, seconds each by design
def test_backup_with_a_passphrase_needs_it(tmp_path, book):
    backup(book, tmp_path / "p.age", passphrase="backup words")
    with pytest.raises(WrongPassphrase, match="p.age"):
        restore(tmp_path / "p.age", tmp_path / "x", passphrase="other words")
    assert not (tmp_path / "x" / "team.db").exists()
    result = restore(tmp_path / "p.age", tmp_path / "x", passphrase="backup words",
                     casebook_passphrase=PASS)
    assert result.opened


def test_a_damaged_or_edited_backup_is_refused(tmp_path, book, identity):
    _backup(book, tmp_path, identity)
    data = bytearray((tmp_path / "b.age").read_bytes())
    data[-100] ^= 0x40
    (tmp_path / "flip.age").write_bytes(bytes(data))
    with pytest.raises(WrongPassphrase, match="flip.age"):
        restore(tmp_path / "flip.age", tmp_path / "r1", identity=identity)
    # re-encrypted with one database page changed: age is happy, the manifest is not
    archive = (pyrage.decrypt((tmp_path / "b.age").read_bytes(), [identity]))
    members = {}
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for info in tar:
            members[info.name] = tar.extractfile(info).read()
    changed = bytearray(members[DB_MEMBER])
    changed[5000] ^= 0xFF
    members[DB_MEMBER] = bytes(changed)
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, blob in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(blob)
            tar.addfile(info, io.BytesIO(blob))
    (tmp_path / "edit.age").write_bytes(pyrage.encrypt(buf.getvalue(), [identity.to_public()]))
    with pytest.raises(StoreCorrupt, match="casebook.db does not match"):
        restore(tmp_path / "edit.age", tmp_path / "r2", identity=identity)
    assert not (tmp_path / "r2" / "team.db").exists()


def test_restore_never_overwrites(tmp_path, book, identity):
    _backup(book, tmp_path, identity)
    restore(tmp_path / "b.age", tmp_path / "r", identity=identity)
    with pytest.raises(AlreadyExists):
        restore(tmp_path / "b.age", tmp_path / "r", identity=identity)
    with pytest.raises(AlreadyExists):
        _backup(book, tmp_path, identity)  # nor does backup


def test_restored_casebook_opens_with_the_passphrase_of_the_backup_day(tmp_path, book, identity):
    from casebook.field.recovery import change_passphrase

    _backup(book, tmp_path, identity)
    change_passphrase(tmp_path / "live" / "team.db", PASS, "new words")
    with pytest.raises(WrongPassphrase):
        restore(tmp_path / "b.age", tmp_path / "r", identity=identity,
                casebook_passphrase="new words")
    with Casebook.open(str(tmp_path / "r" / "team.db"), PASS) as copy:
        assert copy.count()["testimonies"] == 4


def test_a_backup_taken_while_someone_writes_is_consistent(tmp_path, book, identity):
    stop = threading.Event()
    written = []

    def writer():
        with Casebook.open(book.backend.location, PASS, actor="writer") as other:
            n = 0
            while not stop.is_set() and n < 400:
                tid, _ = other.testimonies.add(Testimony(f"Concurrent account number {n}."),
                                             Person(f"W{n}"))
                written.append(tid)
                n += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 5:
            stop.wait(0.01)
        result = _backup(book, tmp_path, identity)
    finally:
        stop.set()
        thread.join()
    restored = restore(tmp_path / "b.age", tmp_path / "r", identity=identity,
                       casebook_passphrase=PASS)  # counts and chain checked against manifest
    assert restored.opened
    n = result.manifest["counts"]["testimonies"]
    assert 4 < n <= 4 + len(written)
    with Casebook.open(str(restored.db_path), PASS) as copy:
        # every testimony in the snapshot has its person and its audit entry
        adds = [e for e in copy.audit.entries(10_000) if e["action"] == "add_testimony"]
        assert len(adds) == n == copy.count()["testimonies"] == copy.count()["persons"] + 1
