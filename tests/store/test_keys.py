"""The wrapped data key: passphrase change without re-encryption, recovery, destruction."""

from __future__ import annotations

import pytest

from casebook.errors import StoreCorrupt, WrongPassphrase
from casebook.model import Person, Testimony
from casebook.store import Casebook
from casebook.store.keys import KeyFile


def test_key_file_holds_no_usable_key(tmp_path):
    db = tmp_path / "cb.db"
    with Casebook.create(str(db), "pass one") as book:
        book.testimonies.add(Testimony("Sold in Yanji."), Person("A"))
    raw = (tmp_path / "cb.db.key").read_text()
    data_key = KeyFile.load(tmp_path / "cb.db.key").unlock("pass one")
    assert data_key.hex() not in raw and len(data_key) == 32


def test_change_passphrase_rewraps_without_touching_the_database(tmp_path):
    db = tmp_path / "cb.db"
    with Casebook.create(str(db), "pass one") as book:
        book.testimonies.add(Testimony("Sold in Yanji."), Person("A"))
    before = db.read_bytes()
    kf = KeyFile.load(KeyFile.path_for(db))
    kf.change_passphrase("pass one", "pass two")
    assert db.read_bytes() == before
    with pytest.raises(WrongPassphrase):
        Casebook.open(str(db), "pass one")
    with Casebook.open(str(db), "pass two") as book:
        assert book.count()["testimonies"] == 1


def test_recovery_key_opens_after_passphrase_is_lost(tmp_path):
    db = tmp_path / "cb.db"
    Casebook.create(str(db), "forgotten").close()
    kf = KeyFile.load(KeyFile.path_for(db))
    recovery = bytes(range(32))
    kf.add_recovery(kf.unlock("forgotten"), recovery)
    assert KeyFile.load(KeyFile.path_for(db)).unlock_with_recovery(recovery) == kf.unlock(
        "forgotten")
    with pytest.raises(WrongPassphrase):
        kf.unlock_with_recovery(bytes(32))


def test_destroyed_keys_make_the_casebook_unreadable(tmp_path):
    db = tmp_path / "cb.db"
    Casebook.create(str(db), "pass").close()
    KeyFile.load(KeyFile.path_for(db)).destroy()
    with pytest.raises(StoreCorrupt, match="destroyed"):
        Casebook.open(str(db), "pass")


def test_damaged_or_missing_key_file(tmp_path):
    db = tmp_path / "cb.db"
    Casebook.create(str(db), "pass").close()
    KeyFile.path_for(db).write_text("{garbage")
    with pytest.raises(StoreCorrupt, match="key file"):
        Casebook.open(str(db), "pass")
    KeyFile.path_for(db).unlink()
    with pytest.raises(StoreCorrupt, match="missing"):
        Casebook.open(str(db), "pass")


def test_database_without_key_is_noise(tmp_path):
    db = tmp_path / "cb.db"
    with Casebook.create(str(db), "pass") as book:
        book.testimonies.add(Testimony("Ms. Yoon was sold in Yanji."), Person("Ms. Yoon"))
    data = db.read_bytes()
    assert b"SQLite format 3" not in data and b"Yanji" not in data and b"Yoon" not in data
