"""``casebook.files``: an output never replaces the casebook or its key (not even with
``--force``), writes are atomic and private, reads are bounded, and every refusal is one line
naming the file and what to do."""

from __future__ import annotations

import os
import stat

import pytest
from pyrage import x25519

from casebook.errors import AlreadyExists, InvalidInput, WrongPassphrase
from casebook.files import (
    canonical,
    casebook_file,
    check_output,
    decrypt,
    encrypt,
    printable,
    read_input,
    write_atomic,
    write_output,
)


@pytest.fixture
def casebook_here(tmp_path, monkeypatch):
    """A casebook file with its key beside it (what Casebook.create leaves), not in $CASEBOOK_DB."""
    monkeypatch.delenv("CASEBOOK_DB", raising=False)
    db = tmp_path / "team.db"
    db.write_bytes(b"encrypted pages")
    (tmp_path / "team.db.key").write_bytes(b'{"format": "casebook-keyfile", "slots": []}')
    return db


@pytest.mark.parametrize(("name", "what"), [
    ("team.db", "the casebook"),
    ("team.db.key", "the casebook's key file"),
    ("team.db-wal", "the casebook's wal file"),
    ("team.db-shm", "the casebook's shm file"),
    ("team.db-journal", "the casebook's journal file"),
])
def test_the_casebook_and_its_side_files_are_recognised(casebook_here, name, what):
    assert casebook_file(casebook_here.parent / name) == what
    with pytest.raises(AlreadyExists, match="must never replace it, even with --force"):
        check_output(casebook_here.parent / name, force=True)


def test_a_key_file_is_recognised_by_its_content_wherever_it_lies(tmp_path, monkeypatch):
    monkeypatch.delenv("CASEBOOK_DB", raising=False)
    moved = tmp_path / "backup-of-the-key.json"
    moved.write_bytes(b'{"format": "casebook-keyfile", "version": 1}')
    assert casebook_file(moved) == "a casebook key file"
    with pytest.raises(AlreadyExists, match="that is a casebook key file"):
        write_output(moved, b"export", force=True)
    assert b"casebook-keyfile" in moved.read_bytes()  # untouched


def test_the_casebook_named_in_the_environment_is_protected_before_its_key_exists(
        tmp_path, monkeypatch):
    target = tmp_path / "new.db"
    monkeypatch.setenv("CASEBOOK_DB", str(target))
    assert casebook_file(target) == "the casebook"
    assert casebook_file(tmp_path / "new.db-wal") == "the casebook's wal file"
    monkeypatch.setenv("CASEBOOK_DB", "postgresql://db.example/casebook")
    assert casebook_file(target) is None  # a server casebook has no file to protect


def test_an_ordinary_file_is_not_a_casebook(tmp_path, monkeypatch):
    monkeypatch.delenv("CASEBOOK_DB", raising=False)
    plain = tmp_path / "report.html"
    plain.write_text("<p>tables</p>", encoding="utf-8")
    assert casebook_file(plain) is None
    assert casebook_file(tmp_path / ".key") is None  # a bare suffix names no casebook


def test_an_existing_output_needs_force_and_a_folder_is_never_an_output(tmp_path, monkeypatch):
    monkeypatch.delenv("CASEBOOK_DB", raising=False)
    out = tmp_path / "export.age"
    out.write_bytes(b"old")
    with pytest.raises(AlreadyExists, match=r"export.age: a file is already there; .*--force"):
        write_output(out, b"new")
    assert out.read_bytes() == b"old"
    write_output(out, b"new", force=True)
    assert out.read_bytes() == b"new"
    (tmp_path / "folder").mkdir()
    with pytest.raises(InvalidInput, match=r"folder: not a regular file .* give --report a file"):
        check_output(tmp_path / "folder", force=True, option="--report")
    with pytest.raises(InvalidInput, match=r"the folder .*missing does not exist; create it"):
        check_output(tmp_path / "missing" / "out.json")


def test_an_output_is_private_and_a_text_output_is_utf8(tmp_path, monkeypatch):
    monkeypatch.delenv("CASEBOOK_DB", raising=False)
    out = tmp_path / "report.md"
    write_output(out, "표 1: 월별 건수")
    assert out.read_text(encoding="utf-8") == "표 1: 월별 건수"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    shared = tmp_path / "public.csv"
    write_output(shared, b"a,b\n", mode=0o644)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644 & ~_umask()
    assert not list(tmp_path.glob(".*.partial"))  # no temporary file is left behind


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_an_atomic_write_refuses_to_replace_unless_told_and_never_a_casebook(casebook_here):
    there = casebook_here.parent / "manifest.json"
    write_atomic(there, b"{}")
    with pytest.raises(AlreadyExists, match="manifest.json: a file is already there"):
        write_atomic(there, b"[]")
    write_atomic(there, b"[]", overwrite=True)
    assert there.read_bytes() == b"[]"
    with pytest.raises(AlreadyExists, match="that is the casebook; refusing to replace it"):
        write_atomic(casebook_here, b"zeros", overwrite=True)
    assert casebook_here.read_bytes() == b"encrypted pages"


def test_a_failed_atomic_write_leaves_neither_half_a_file_nor_its_temporary(tmp_path):
    target = tmp_path / "out.bin"
    target.write_bytes(b"the whole old file")

    with pytest.raises(TypeError):
        write_atomic(target, object(), overwrite=True)  # type: ignore[arg-type]
    assert target.read_bytes() == b"the whole old file"
    assert not list(tmp_path.glob(".*.partial"))


def test_a_bounded_read_refuses_a_large_file_before_reading_it(tmp_path):
    big = tmp_path / "sheet.csv"
    big.write_bytes(b"x" * 2048)
    assert read_input(big, 2048) == b"x" * 2048
    with pytest.raises(InvalidInput, match=r"sheet.csv: 2,048 bytes is larger than the 1,000"):
        read_input(big, 1000)
    with pytest.raises(InvalidInput, match=r"nowhere.csv: cannot read \(No such file"):
        read_input(tmp_path / "nowhere.csv", 1000)
    with pytest.raises(InvalidInput, match="cannot read"):
        read_input(tmp_path, 10**6)  # a folder


def test_a_file_name_that_is_not_utf8_is_still_named_in_one_printable_line(tmp_path):
    odd = tmp_path / os.fsdecode(b"interview-\xff.txt")
    assert printable(odd).endswith("interview-\\xff.txt")  # the byte, shown, not lost
    with pytest.raises(InvalidInput) as caught:
        read_input(odd, 10)
    message = str(caught.value)
    assert "\n" not in message and message.encode("utf-8")  # printable, one line


def test_encryption_needs_a_key_or_a_passphrase_and_names_a_bad_key():
    with pytest.raises(InvalidInput, match="give an age public key or a passphrase"):
        encrypt(b"rows")
    with pytest.raises(InvalidInput, match=r"--to: 'age1notakey'… is not an age public key"):
        encrypt(b"rows", recipients=["age1notakey"], what="--to")


def test_decryption_tells_a_wrong_key_from_a_file_that_is_not_age():
    key = x25519.Identity.generate()
    sealed = encrypt(b"rows", recipients=[str(key.to_public())])
    assert decrypt(sealed, "x.age", identity=key) == b"rows"
    with pytest.raises(WrongPassphrase, match="x.age: cannot decrypt: wrong key or passphrase"):
        decrypt(sealed, "x.age", identity=x25519.Identity.generate())
    with pytest.raises(InvalidInput, match="notes.txt: not an age-encrypted file"):
        decrypt(b"plain words", "notes.txt", passphrase="anything")
    locked = encrypt(b"rows", passphrase="long shared words")
    with pytest.raises(WrongPassphrase):
        decrypt(locked, "x.age")  # no passphrase given is a wrong one, not a crash


def test_canonical_bytes_do_not_depend_on_key_order_and_keep_korean():
    assert canonical({"b": 1, "a": "회령"}) == canonical({"a": "회령", "b": 1})
    assert "회령".encode() in canonical({"a": "회령"})
