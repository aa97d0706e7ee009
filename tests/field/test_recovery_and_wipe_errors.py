"""``field.recovery`` and ``field.wipe`` when something is wrong: no casebook there, a wrong
passphrase or recovery key, an empty new passphrase, an unreadable or empty recovery-key file,
a PostgreSQL casebook. Each is one line naming what to do, and the key file is left as it was."""

from __future__ import annotations

import pytest

from casebook.errors import InvalidInput, NotFound, StoreCorrupt, WrongPassphrase
from casebook.field.recovery import (
    add_recovery,
    change_passphrase,
    format_recovery_key,
    new_recovery_key,
    read_recovery_key_file,
    reset_passphrase,
)
from casebook.field.wipe import wipe
from casebook.model import Person, Testimony
from casebook.store import Casebook
from casebook.store.keys import KeyFile

WORDS = "old words for the field laptop"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "field.db"
    with Casebook.create(str(path), WORDS) as book:
        book.testimonies.add(Testimony("She was sold in Longjing."), Person("Ms. Yun"))
    return path


def _key_bytes(db) -> bytes:
    return KeyFile.path_for(db).read_bytes()


def _opens(db, words: str) -> bool:
    with Casebook.open(str(db), words) as book:
        return book.count()["testimonies"] == 1


@pytest.mark.parametrize("action", [
    lambda p: change_passphrase(p, "a", "b"),
    lambda p: add_recovery(p, "a", new_recovery_key()),
    lambda p: reset_passphrase(p, new_recovery_key(), "b"),
])
def test_no_casebook_there_is_named(tmp_path, action):
    with pytest.raises(NotFound, match=r"nothing\.db: no casebook here"):
        action(tmp_path / "nothing.db")
    assert list(tmp_path.iterdir()) == []  # and nothing was created


def test_a_wrong_old_passphrase_changes_nothing(db):
    before = _key_bytes(db)
    with pytest.raises(WrongPassphrase, match="does not open this casebook"):
        change_passphrase(db, "not the words", "new words for the laptop")
    assert _key_bytes(db) == before and _opens(db, WORDS)


def test_an_empty_new_passphrase_is_refused_both_ways(db):
    recovery = new_recovery_key()
    add_recovery(db, WORDS, recovery)
    before = _key_bytes(db)
    with pytest.raises(WrongPassphrase, match="an empty passphrase cannot protect a casebook"):
        change_passphrase(db, WORDS, "")
    with pytest.raises(WrongPassphrase, match="an empty passphrase cannot protect a casebook"):
        reset_passphrase(db, recovery, "")
    assert _key_bytes(db) == before and _opens(db, WORDS)


def test_a_passphrase_change_keeps_the_recovery_key_working(db):
    recovery = new_recovery_key()
    add_recovery(db, WORDS, recovery)
    change_passphrase(db, WORDS, "second words")
    assert _opens(db, "second words")
    with pytest.raises(WrongPassphrase):
        Casebook.open(str(db), WORDS)
    reset_passphrase(db, recovery, "third words")
    assert _opens(db, "third words")


def test_a_recovery_key_that_was_never_added_opens_nothing(db):
    before = _key_bytes(db)
    with pytest.raises(WrongPassphrase, match="the recovery key does not open this casebook"):
        reset_passphrase(db, new_recovery_key(), "new words")
    assert _key_bytes(db) == before and _opens(db, WORDS)


def test_adding_a_recovery_key_twice_keeps_only_the_newest(db):
    first, second = new_recovery_key(), new_recovery_key()
    add_recovery(db, WORDS, first)
    add_recovery(db, WORDS, second)
    assert [s.kind for s in KeyFile.load(KeyFile.path_for(db)).slots].count("recovery") == 1
    with pytest.raises(WrongPassphrase):
        reset_passphrase(db, first, "new words")
    reset_passphrase(db, second, "new words")
    assert _opens(db, "new words")


@pytest.mark.parametrize("damage", [{"kdf": {"time_cost": 1}}, {"salt": "A" * 22 + "=="}])
def test_a_recovery_slot_with_key_derivation_is_refused_as_damaged(db, damage):
    import json

    add_recovery(db, WORDS, new_recovery_key())
    path = KeyFile.path_for(db)
    body = json.loads(path.read_text())
    slot = next(s for s in body["slots"] if s["kind"] == "recovery")
    slot.update(damage)
    path.write_text(json.dumps(body))
    with pytest.raises(StoreCorrupt, match="key slot 2 is damaged"):
        KeyFile.load(path)


def test_a_recovery_key_file_is_read_from_its_line_and_refused_by_name(tmp_path):
    key = new_recovery_key()
    kept = tmp_path / "in-the-safe.txt"
    kept.write_text(f"Hanul recovery key, printed 2026-12-03\n\n  {format_recovery_key(key)}\n",
                    encoding="utf-8")
    assert read_recovery_key_file(kept) == key
    empty = tmp_path / "notes.txt"
    empty.write_text("the key is in the other envelope\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"notes\.txt: no recovery key \(CBRK-…\) in this file"):
        read_recovery_key_file(empty)
    with pytest.raises(InvalidInput, match=r"gone\.txt: cannot read recovery key \(No such file"):
        read_recovery_key_file(tmp_path / "gone.txt")
    garbled = tmp_path / "garbled.txt"
    garbled.write_text("CBRK-1111-1111\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="recovery key: "):
        read_recovery_key_file(garbled)


def test_wipe_refuses_a_postgresql_casebook_and_a_missing_one(tmp_path):
    for url in ("postgresql://db.example/casebook", "postgres://db.example/casebook"):
        with pytest.raises(InvalidInput, match="a PostgreSQL casebook has no key file"):
            wipe(url)  # type: ignore[arg-type]
    with pytest.raises(NotFound, match=r"none\.db: no casebook here"):
        wipe(tmp_path / "none.db")


def test_wipe_removes_a_half_written_key_file_even_when_keeping_the_database(db):
    half = KeyFile.path_for(db).with_name(KeyFile.path_for(db).name + ".tmp")
    half.write_bytes(b'{"format": "casebook-keyfile", "slots": [{"wrapped": "old"}]}')
    result = wipe(db, keep_files=True)
    assert result.key_destroyed and result.removed == [half]
    assert db.exists() and not half.exists()
    with pytest.raises(StoreCorrupt, match="the keys were destroyed"):
        KeyFile.load(KeyFile.path_for(db))


def test_wipe_of_a_database_whose_key_is_already_gone_removes_the_files(db):
    KeyFile.path_for(db).unlink()
    result = wipe(db)
    assert not result.key_destroyed and db in result.removed and not db.exists()
