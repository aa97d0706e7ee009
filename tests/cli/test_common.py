"""Where a command finds its casebook and its passphrase: never on the command line."""

from __future__ import annotations

import io
import json
import sys

import pytest

from casebook.cli import common
from casebook.errors import InvalidInput, WrongPassphrase


def test_require_db():
    assert common.require_db("x.db") == "x.db"
    with pytest.raises(InvalidInput, match="CASEBOOK_DB"):
        common.require_db(None)
    with pytest.raises(InvalidInput, match="--db"):
        common.require_db("")


def test_first_line_of_a_secret_file(tmp_path):
    secret = tmp_path / "pass.txt"
    secret.write_text("the words\nignored second line\n", encoding="utf-8")
    assert common.first_line(secret) == "the words"
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InvalidInput, match="empty"):
        common.first_line(empty)
    blank_first = tmp_path / "blank.txt"
    blank_first.write_text("\nsecond", encoding="utf-8")
    with pytest.raises(InvalidInput, match="empty"):
        common.first_line(blank_first)
    with pytest.raises(InvalidInput, match="cannot read recovery key file"):
        common.first_line(tmp_path / "missing.txt", "recovery key")


def test_passphrase_from_file_then_environment(tmp_path, monkeypatch):
    secret = tmp_path / "pass.txt"
    secret.write_text("from the file\n", encoding="utf-8")
    monkeypatch.setenv("CASEBOOK_PASSPHRASE", "from the environment")
    assert common.passphrase("cb.db", secret) == "from the file"
    assert common.passphrase("cb.db", None) == "from the environment"


def test_postgres_needs_no_passphrase(monkeypatch):
    monkeypatch.delenv("CASEBOOK_PASSPHRASE", raising=False)
    assert common.passphrase("postgresql://localhost/casebook", None) is None


def test_without_file_environment_or_terminal_it_says_what_to_do(monkeypatch):
    monkeypatch.delenv("CASEBOOK_PASSPHRASE", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with pytest.raises(WrongPassphrase, match="CASEBOOK_PASSPHRASE"):
        common.passphrase("cb.db", None)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_prompt_and_confirmation(monkeypatch):
    monkeypatch.delenv("CASEBOOK_PASSPHRASE", raising=False)
    monkeypatch.setattr(sys, "stdin", _Terminal(""))
    answers = iter(["typed words"] * 4 + ["other words"])
    monkeypatch.setattr(common.getpass, "getpass", lambda prompt="": next(answers))
    assert common.passphrase("cb.db", None) == "typed words"
    assert common.passphrase("cb.db", None, confirm=True) == "typed words"
    with pytest.raises(WrongPassphrase, match="differ"):
        common.passphrase("cb.db", None, confirm=True)


def test_print_json_keeps_korean_and_dates(capsys):
    import datetime as dt

    common.print_json({"이름": "가명", "on": dt.date(2020, 1, 2)})
    out = capsys.readouterr().out
    assert "가명" in out and json.loads(out) == {"이름": "가명", "on": "2020-01-02"}


def test_open_casebook_with_the_wrong_passphrase(tmp_path, monkeypatch):
    from casebook.store import Casebook

    db = str(tmp_path / "cb.db")
    Casebook.create(db, "right words here", actor="t").close()
    monkeypatch.setenv("CASEBOOK_PASSPHRASE", "wrong words here")
    with pytest.raises(WrongPassphrase):
        common.open_casebook(db, None)
    monkeypatch.setenv("CASEBOOK_PASSPHRASE", "right words here")
    with common.open_casebook(db, None) as book:
        assert book.count()["testimonies"] == 0
