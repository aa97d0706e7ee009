"""Passphrase change, organisation recovery key, wipe — through the commands a user types."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from casebook.cli.main import app
from casebook.errors import CasebookError, InvalidInput, StoreCorrupt, WrongPassphrase
from casebook.field.recovery import (
    add_recovery,
    format_recovery_key,
    new_recovery_key,
    parse_recovery_key,
)
from casebook.field.wipe import wipe
from casebook.model import Person, Testimony
from casebook.store import Casebook
from casebook.store.keys import KeyFile


def cli(args, **env):
    """Run a command in-process; a CasebookError becomes its exit code, as `main()` does."""
    result = CliRunner().invoke(app, args, env={k: str(v) for k, v in env.items()})
    code = result.exit_code
    if isinstance(result.exception, CasebookError):
        code = result.exception.exit_code
    elif result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return code, result.output, result.exception


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cb.db"
    with Casebook.create(str(path), "old words") as book:
        book.testimonies.add(Testimony("Ms. Haesun Pak was sold in Longjing."), Person("Haesun"))
    return path


def test_passphrase_change_rewraps_and_is_audited(db):
    code, out, _ = cli(["passphrase", "change"], CASEBOOK_DB=db, CASEBOOK_PASSPHRASE="old words",
                       CASEBOOK_NEW_PASSPHRASE="new words")
    assert code == 0, out
    with pytest.raises(WrongPassphrase):
        Casebook.open(str(db), "old words")
    with Casebook.open(str(db), "new words") as book:
        assert book.count()["testimonies"] == 1
        assert book.audit.entries(1)[0]["action"] == "passphrase_change"
        assert book.audit.verify().ok
    code, _, exc = cli(["passphrase", "change"], CASEBOOK_DB=db, CASEBOOK_PASSPHRASE="old words",
                       CASEBOOK_NEW_PASSPHRASE="x")
    assert code == 2 and isinstance(exc, WrongPassphrase)


def test_recovery_key_resets_a_lost_passphrase(db, tmp_path):
    code, out, _ = cli(["recovery", "add", "--out", str(tmp_path / "rk.txt")],
                       CASEBOOK_DB=db, CASEBOOK_PASSPHRASE="old words")
    assert code == 0, out
    text = (tmp_path / "rk.txt").read_text()
    assert text.startswith("CBRK-") and (tmp_path / "rk.txt").stat().st_mode & 0o077 == 0
    code, out, _ = cli(["passphrase", "reset", "--recovery-key-file", str(tmp_path / "rk.txt")],
                       CASEBOOK_DB=db, CASEBOOK_NEW_PASSPHRASE="found again")
    assert code == 0, out
    with Casebook.open(str(db), "found again") as book:
        assert book.count()["testimonies"] == 1
        assert [e["action"] for e in book.audit.entries(2)] == ["passphrase_reset", "recovery_add"]
    with pytest.raises(WrongPassphrase):
        Casebook.open(str(db), "old words")
    # a mistyped recovery key is caught by its checksum, before anything is touched
    typo = text[:10] + ("A" if text[10] != "A" else "B") + text[11:]  # one character, in place
    (tmp_path / "typo.txt").write_text(typo)
    code, _, exc = cli(["passphrase", "reset", "--recovery-key-file", str(tmp_path / "typo.txt")],
                       CASEBOOK_DB=db, CASEBOOK_NEW_PASSPHRASE="z")
    assert code == 1 and isinstance(exc, InvalidInput) and "checksum" in str(exc)
    # a key that is well-formed but not this casebook's does not open it
    (tmp_path / "other.txt").write_text(format_recovery_key(new_recovery_key()))
    code, _, exc = cli(["passphrase", "reset", "--recovery-key-file", str(tmp_path / "other.txt")],
                       CASEBOOK_DB=db, CASEBOOK_NEW_PASSPHRASE="z")
    assert code == 2 and isinstance(exc, WrongPassphrase)


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=32, max_size=32), st.integers(0, 50), st.sampled_from("ABCDEFGH234567"))
def test_recovery_key_text_round_trips_and_catches_one_wrong_character(key, pos, char):
    text = format_recovery_key(key)
    assert parse_recovery_key(text) == key
    assert parse_recovery_key(text.lower().replace("-", " ")) == key
    body = text[5:]
    i = pos % len(body)
    if body[i] != "-" and body[i] != char:
        typo = text[:5] + body[:i] + char + body[i + 1:]
        try:
            assert parse_recovery_key(typo) != key
        except InvalidInput:
            pass


def test_wipe_asks_first_and_refuses_without_a_person_to_ask(db):
    code, _out, _ = cli(["wipe"], CASEBOOK_DB=db)
    assert code == 1 and db.exists()
    with Casebook.open(str(db), "old words") as book:
        assert book.count()["testimonies"] == 1


def test_wipe_makes_the_casebook_unreadable_even_with_passphrase_and_recovery_key(db, tmp_path):
    recovery = new_recovery_key()
    add_recovery(db, "old words", recovery)
    ciphertext = db.read_bytes()
    code, out, _ = cli(["wipe", "--yes", "--keep-files"], CASEBOOK_DB=db)
    assert code == 0, out
    assert db.read_bytes() == ciphertext  # the data was not touched: only its key is gone
    with pytest.raises(StoreCorrupt, match="destroyed"):
        Casebook.open(str(db), "old words")
    key_text = KeyFile.path_for(db).read_text()
    assert '"slots": []' in key_text and "wrapped" not in key_text
    code, out, _ = cli(["wipe", "--yes"], CASEBOOK_DB=db)
    assert code == 0 and not db.exists() and not KeyFile.path_for(db).exists()
    assert list(tmp_path.iterdir()) == []


def test_wipe_is_instant_whatever_the_size(tmp_path):
    path = tmp_path / "big.db"
    with Casebook.create(str(path), "p") as book:
        book.testimonies.add_many([(Testimony(f"Account {n}: " + "words " * 500),
                                    Person(f"P{n}"), None) for n in range(600)])
    assert path.stat().st_size > 2_000_000
    start = time.perf_counter()
    wipe(path)
    assert time.perf_counter() - start < 1.0
    assert not path.exists()


@pytest.mark.slow  # four uses of age's scrypt (HQ key and backup passphrases)
def test_field_to_hq_to_backup_through_the_commands(tmp_path):
    field, hq = tmp_path / "field.db", tmp_path / "hq.db"
    env = {"CASEBOOK_PASSPHRASE": "p", "CASEBOOK_HQ_KEY_PASSPHRASE": "hq words",
           "CASEBOOK_BACKUP_PASSPHRASE": "backup words"}
    for path in (field, hq):
        Casebook.create(str(path), "p").close()
    with Casebook.open(str(field), "p") as book:
        book.testimonies.add(Testimony("Ms. Haesun Pak was sold in Longjing."), Person("Haesun"))
    key = tmp_path / "hq-key.age"
    assert cli(["field", "keygen", "--out", str(key)], **env)[0] == 0
    public = (tmp_path / "hq-key.age.pub").read_text().strip()
    code, out, _ = cli(["field", "seal", "--out", str(tmp_path / "b.age"), "--to", public],
                       CASEBOOK_DB=field, **env)
    assert code == 0 and "removed 1" in out
    # the key is remembered; nothing new to seal is a clear one-line error
    code, _, exc = cli(["field", "seal", "--out", str(tmp_path / "c.age")], CASEBOOK_DB=field,
                       **env)
    assert code == 1 and "no new testimonies" in str(exc)
    for _ in range(2):
        code, out, _ = cli(["field", "open", str(tmp_path / "b.age"), "--identity", str(key)],
                           CASEBOOK_DB=hq, **env)
        assert code == 0, out
    assert "nothing changed" in out
    assert cli(["backup", "--out", str(tmp_path / "hq.backup")], CASEBOOK_DB=hq, **env)[0] == 0
    code, out, _ = cli(["restore", str(tmp_path / "hq.backup"), "--to", str(tmp_path / "r")], **env)
    assert code == 0 and "audit chain match" in out.replace("\n", " ")
    with Casebook.open(str(tmp_path / "r" / "hq.db"), "p") as book:
        assert book.testimonies.get(1).text.startswith("Ms. Haesun Pak")
