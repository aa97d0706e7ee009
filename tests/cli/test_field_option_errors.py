"""The field and key commands refuse what they cannot do in one line naming what to give instead:
a PostgreSQL casebook for file-only commands, no recipient for a seal, a key file without a key,
both or neither recovery options, a new passphrase nobody can type. Nothing changes."""

from __future__ import annotations

import pytest

from casebook.errors import InvalidInput, WrongPassphrase
from casebook.store.keys import KeyFile


def _key_bytes(cli) -> bytes:
    return KeyFile.path_for(cli.folder / "cb.db").read_bytes()


@pytest.mark.parametrize("args", [
    ("passphrase", "change"),
    ("recovery", "add", "--out", "rk.txt"),
    ("wipe", "--yes"),
])
def test_file_only_commands_refuse_a_postgresql_casebook(cli, args):
    err = cli.error(*args, "--db", "postgresql://casebook@db.example/casebook")
    assert isinstance(err, InvalidInput)
    assert str(err) == "this command works on a SQLCipher casebook file, not on PostgreSQL"
    assert (cli.folder / "cb.db").exists()


@pytest.mark.parametrize("args", [(), ("--out", "new.txt", "--recovery-key-file", "old.txt")])
def test_recovery_add_needs_exactly_one_source_of_the_key(cli, args):
    before = _key_bytes(cli)
    err = cli.error("recovery", "add", *args)
    assert str(err) == "recovery add: give either --out (new key) or --recovery-key-file"
    assert _key_bytes(cli) == before
    assert not (cli.folder / "new.txt").exists()


def test_a_new_passphrase_nobody_can_type_is_refused_and_the_old_one_still_opens(cli):
    before = _key_bytes(cli)
    err = cli.error("passphrase", "change")  # no $CASEBOOK_NEW_PASSPHRASE, no terminal
    assert isinstance(err, WrongPassphrase)
    assert str(err) == "no new passphrase: set CASEBOOK_NEW_PASSPHRASE or run in a terminal"
    assert _key_bytes(cli) == before
    cli("list")  # the casebook still opens with its passphrase


def test_an_empty_new_passphrase_file_is_refused(cli):
    empty = cli.file("new-words.txt", "")
    before = _key_bytes(cli)
    err = cli.error("passphrase", "change", "--new-passphrase-file", str(empty))
    assert str(err) == f"{empty}: the secret file is empty"
    assert _key_bytes(cli) == before


def test_a_seal_without_hq_s_key_says_how_to_give_it(cli):
    cli.add()
    out = cli.folder / "bundle.age"
    err = cli.error("field", "seal", "--out", str(out))
    assert str(err) == ("field seal: give HQ's public key with --to age1… "
                        "(or $CASEBOOK_HQ_RECIPIENT)")
    assert not out.exists()
    assert cli.json("list")  # the testimony was not sealed away


def test_a_restore_key_file_without_a_key_is_named(cli):
    not_a_key = cli.file("hq-key.txt", "# HQ key, printed\nage1notasecretkey\n")
    backup = cli.file("casebook.backup.age", "age-encryption.org/v1\n")
    err = cli.error("restore", str(backup), "--to", str(cli.folder / "restored"),
                    "--identity", str(not_a_key))
    assert isinstance(err, InvalidInput)
    assert str(err) == f"{not_a_key}: no AGE-SECRET-KEY-… line in this file"
    assert not (cli.folder / "restored").exists()
