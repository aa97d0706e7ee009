"""Importers under attack: malformed, truncated, huge, binary, zip-bomb and wrongly-encoded files.

A documenter may be handed a booby-trapped file. Every input here must end in either
testimonies or one ``InvalidInput`` whose message names the file — never another exception,
never unbounded memory — and an import of a folder holding such a file must still bring in
every good file beside it. Counts of cases tried are in docs/reliability.md.
"""

from __future__ import annotations

import io
import json
import struct
import tracemalloc
import zipfile
import zlib
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_files import pdf_with_text

from casebook.errors import InvalidInput
from casebook.intake.pipeline import import_paths
from casebook.intake.readers import read_file
from casebook.store import Casebook

SUFFIXES = [".txt", ".md", ".docx", ".pdf", ".json", ".jsonl", ".csv"]
MEMORY_LIMIT = 64 * 1024 * 1024  # peak Python allocation for reading one hostile file
CASES: Counter = Counter()
PEAKS: Counter = Counter()
FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def docx_with_text(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


VALID = {
    ".txt": b"She crossed at Musan in 1998 and was sold in Yanji.",
    ".md": b"# Interview\n\nSold in Helong for 3,000 yuan.",
    ".json": json.dumps([{"text": "Sold twice in Jilin.", "pseudonym": "A"}]).encode(),
    ".jsonl": b'{"text": "Arrested in Tumen.", "pseudonym": "B"}\n',
    ".csv": b'text,pseudonym\n"Escaped to Laos in 2009.",C\n',
}


@pytest.fixture(scope="module")
def valid_files():
    return {**VALID, ".docx": docx_with_text("Sold in Longjing for 4,000 yuan."),
            ".pdf": pdf_with_text("Sold in Longjing for 4000 yuan")}


def read_checked(path: Path, kind: str, limit: int = MEMORY_LIMIT):
    """read_file under tracemalloc: items or InvalidInput naming the file; memory bounded."""
    CASES[kind] += 1
    tracemalloc.start()
    try:
        items = read_file(path)
        outcome = "ok"
    except InvalidInput as exc:
        assert str(path) in str(exc) or path.name in str(exc), f"error does not name file: {exc}"
        assert "\n" not in str(exc).strip()
        items, outcome = [], "error"
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert peak < limit, f"{path.name}: {peak / 1e6:.0f} MB"
    PEAKS[kind] = max(PEAKS[kind], peak)
    for item in items:
        assert isinstance(item.text, str) and item.text.strip()
    return outcome, items


@FUZZ
@given(suffix=st.sampled_from(SUFFIXES), data=st.binary(max_size=4096))
def test_random_bytes(tmp_path, suffix, data):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    read_checked(path, "random bytes")


@settings(FUZZ, max_examples=150)
@given(suffix=st.sampled_from(SUFFIXES), data=st.data())
def test_truncated_and_corrupted_valid_files(tmp_path, valid_files, suffix, data):
    original = valid_files[suffix]
    how = data.draw(st.sampled_from(["truncate", "flip", "insert", "zero-run"]))
    blob = bytearray(original)
    if how == "truncate":
        blob = blob[:data.draw(st.integers(0, len(blob) - 1))]
    elif how == "flip":
        for _ in range(data.draw(st.integers(1, 8))):
            i = data.draw(st.integers(0, len(blob) - 1))
            blob[i] ^= data.draw(st.integers(1, 255))
    elif how == "insert":
        i = data.draw(st.integers(0, len(blob)))
        blob[i:i] = data.draw(st.binary(min_size=1, max_size=64))
    else:
        i = data.draw(st.integers(0, len(blob) - 1))
        blob[i:i + data.draw(st.integers(1, 512))] = b"\0" * 512
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(bytes(blob))
    read_checked(path, f"{how} {suffix}")


ENCODINGS = ["latin-1", "cp1252", "shift_jis", "euc_kr", "cp949", "utf-16-le", "utf-16-be",
             "utf-16", "utf-32", "gb18030", "big5", "koi8-r", "utf-8"]


@settings(FUZZ, max_examples=120)
@given(encoding=st.sampled_from(ENCODINGS), suffix=st.sampled_from([".txt", ".csv", ".json"]),
       text=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1,
                    max_size=200))
def test_wrongly_encoded_text(tmp_path, encoding, suffix, text):
    body = {".txt": text, ".csv": "text\n\"" + text.replace('"', "'") + "\"\n",
            ".json": json.dumps([{"text": text}], ensure_ascii=False)}[suffix]
    try:
        data = body.encode(encoding)
    except UnicodeEncodeError:
        data = body.encode(encoding, errors="replace")
    path = tmp_path / f"encoded{suffix}"
    path.write_bytes(data)
    outcome, items = read_checked(path, f"encoding {encoding}")
    if outcome == "ok" and encoding in ("utf-8", "utf-16") and suffix == ".txt":
        assert items[0].text == body  # the encodings Casebook promises come back exactly


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _lie_about_sizes(blob: bytes, member: bytes, size: int) -> bytes:
    """Rewrite a member's declared uncompressed size (central directory and local header)."""
    data = bytearray(blob)
    i = data.find(b"PK\x01\x02")
    while i != -1:
        name_len = struct.unpack("<H", data[i + 28:i + 30])[0]
        if bytes(data[i + 46:i + 46 + name_len]) == member:
            struct.pack_into("<I", data, i + 24, size)
            local = struct.unpack("<I", data[i + 42:i + 46])[0]
            struct.pack_into("<I", data, local + 22, size)
        i = data.find(b"PK\x01\x02", i + 4)
    return bytes(data)


def _docx_members(valid_files) -> dict[str, bytes]:
    real = zipfile.ZipFile(io.BytesIO(valid_files[".docx"]))
    return {i.filename: real.read(i) for i in real.infolist()}


def test_zip_bombs_are_refused_with_bounded_memory(tmp_path, valid_files):
    members = _docx_members(valid_files)
    bomb = _zip({**members, "word/document.xml": b"<" + b"\0" * (300 << 20)})
    nested = _zip({**members, "word/media/inner.zip": bomb})
    (tmp_path / "bomb.docx").write_bytes(bomb)
    assert read_checked(tmp_path / "bomb.docx", "zip bomb")[0] == "error"
    (tmp_path / "nested.docx").write_bytes(nested)  # the inner zip is never unpacked
    read_checked(tmp_path / "nested.docx", "zip bomb")


def test_a_zip_bomb_that_lies_about_its_size_is_bounded(tmp_path, valid_files):
    bomb = _zip({**_docx_members(valid_files), "word/document.xml": b"<" + b"\0" * (60 << 20)})
    (tmp_path / "liar.docx").write_bytes(_lie_about_sizes(bomb, b"word/document.xml", 4096))
    read_checked(tmp_path / "liar.docx", "zip bomb")


@pytest.mark.parametrize("megabytes", [100, 400])
def test_pdf_with_a_compression_bomb_is_bounded(tmp_path, megabytes):
    """pypdf stops inflating a stream at 75 MB: the peak is the same for 100 and 400 MB."""
    bomb = zlib.compress(b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" + b" " * (megabytes << 20), 9)
    blob = pdf_with_text("x", compress=True)
    start = blob.index(b"stream\n") + 7
    end = blob.index(b"\nendstream")
    blob = blob[:start] + bomb + blob[end:]
    (tmp_path / "bomb.pdf").write_bytes(blob)
    read_checked(tmp_path / "bomb.pdf", "pdf bomb", limit=200 << 20)


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_huge_files_are_refused_without_being_read(tmp_path, suffix):
    path = tmp_path / f"huge{suffix}"
    with open(path, "wb") as fh:  # sparse: 60 MB on paper, nothing on disk
        fh.truncate(60 * 1024 * 1024)
    outcome, _ = read_checked(path, "huge")
    assert outcome == "error"


def test_huge_text_inside_the_limit_is_bounded(tmp_path):
    path = tmp_path / "long.txt"
    path.write_bytes(("She was sold. " * 400_000).encode())  # 5.6 MB, over the text limit
    outcome, _ = read_checked(path, "huge")
    assert outcome == "error"


@pytest.mark.parametrize("blob", [b"[" * 100_000 + b"]" * 100_000,
                                  b'{"a":' * 50_000 + b"1" + b"}" * 50_000])
def test_deeply_nested_json_is_a_clear_error(tmp_path, blob):
    path = tmp_path / "deep.json"
    path.write_bytes(blob)
    assert read_checked(path, "nested json")[0] == "error"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                  max_size=3),
    max_leaves=6)
FIELDS = ["pseudonym", "surname", "sex", "birth_year", "organisation", "language", "consent",
          "interview_date", "interview_place", "interviewer", "origin_place", "text"]


@pytest.fixture(scope="module")
def fuzz_book(tmp_path_factory):
    book = Casebook.create(str(tmp_path_factory.mktemp("fuzz") / "cb.db"), "p", actor="fuzz")
    yield book
    book.close()


@settings(FUZZ, max_examples=80)
@given(record=st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES, max_size=6),
       n=st.integers(0, 10 ** 9))
def test_a_hostile_record_file_does_not_stop_the_import(tmp_path_factory, fuzz_book, record, n):
    """One file of strange records between good files: the good files all arrive."""
    CASES["hostile record metadata"] += 1
    folder = tmp_path_factory.mktemp("batch")
    good = [f"Good file {n}-{i}: she was sold in Yanji." for i in range(2)]
    (folder / "a.txt").write_text(good[0], encoding="utf-8")
    (folder / "m.json").write_text(json.dumps([{**record, "text": record.get("text", "x")}],
                                              default=str), encoding="utf-8")
    (folder / "z.txt").write_text(good[1], encoding="utf-8")
    try:
        result = import_paths(fuzz_book, [folder])
    except Exception as exc:  # noqa: BLE001 - the finding itself is the assertion message
        CASES["hostile record crashed the import"] += 1
        pytest.fail(f"import stopped on {record!r}: {type(exc).__name__}: {exc}")
    find = fuzz_book.testimonies.find_by_hash
    assert all(find(__import__("hashlib").sha256(g.encode()).hexdigest()) for g in good)
    for name, reason in result.failed:
        assert "m.json" in name or "m.json" in reason


def teardown_module(_module) -> None:
    print("\nfuzz cases:", json.dumps(dict(CASES)), "total", sum(CASES.values()))
    print("peak MB:", {k: round(v / 1e6, 1) for k, v in PEAKS.items()})
