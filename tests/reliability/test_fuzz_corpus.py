"""The saved fuzzing corpus, replayed in every run: what the soak fuzzer found, kept as files.

``bench/soak/fuzz_importers.py`` mutates valid files by the hundred thousand; every input that
crashed an importer (and a few of each new kind of outcome) is kept under ``fuzz_corpus/<family>/``
— synthetic bytes made by the fuzzer from our own fictional seeds. Each must end in items (or a
sheet) or one ``InvalidInput`` line naming the file, with bounded memory. Three crashes the
soak fuzzer found are also rebuilt here from scratch, so that what they test stays readable.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from casebook.errors import InvalidInput
from casebook.intake.readers import read_file
from casebook.intake.sheets import read_sheet

CORPUS = Path(__file__).parent / "fuzz_corpus"
FILES = sorted(p for p in CORPUS.rglob("*") if p.is_file())
MEMORY_LIMIT = 200 * 1024 * 1024


def replay(path: Path, family: str) -> str:
    """Items or one line naming the file; peak Python memory under the limit."""
    tracemalloc.start()
    try:
        if family == "sheets":
            read_sheet(path)
        else:
            for item in read_file(path):
                assert item.text.strip()
        outcome = "ok"
    except InvalidInput as exc:
        message = str(exc)
        assert path.name in message and "\n" not in message.strip(), message
        outcome = "error"
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert peak < MEMORY_LIMIT, f"{path.name}: {peak / 1e6:.0f} MB"
    return outcome


def test_the_corpus_is_there():
    families = {p.parent.name for p in FILES}
    assert {"txt", "md", "docx", "pdf", "json", "sheets", "scans"} <= families, families


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_file_replays(tmp_path, path):
    copy = tmp_path / path.name  # the reader sees a plain file, as an import would
    copy.write_bytes(path.read_bytes())
    replay(copy, path.parent.name)


def _docx(tmp_path: Path, replace: dict[str, bytes]) -> Path:
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Sold in Longjing.")
    document.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info)))
    path = tmp_path / "damaged.docx"
    path.write_bytes(out.getvalue())
    return path


def test_a_docx_whose_document_part_is_another_element_is_refused(tmp_path):
    # found by the soak fuzzer: python-docx raised AttributeError ('_Element' has no 'body')
    path = _docx(tmp_path, {"word/document.xml": b"<?xml version='1.0'?><other/>"})
    with pytest.raises(InvalidInput, match="damaged.docx: not a valid .docx"):
        read_file(path)


def _damaged_deflate(tmp_path: Path, suffix: str) -> Path:
    """A workbook whose members pass the zip directory but whose deflate data is broken."""
    from openpyxl import Workbook

    path = tmp_path / f"broken{suffix}"
    workbook = Workbook()
    for n in range(300):
        workbook.active.append([f"row {n}", n, "Yanji"])
    workbook.save(path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = max(z.infolist(), key=lambda i: i.compress_size)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 10:start + 60] = b"\xff" * 50
    path.write_bytes(bytes(data))
    return path


def test_a_workbook_with_broken_deflate_data_is_refused(tmp_path):
    # found by the soak fuzzer: zlib.error escaped the zip-bomb check of .xlsx/.ods
    path = _damaged_deflate(tmp_path, ".xlsx")
    with pytest.raises(InvalidInput, match="broken.xlsx"):
        read_sheet(path)


def test_a_pdf_with_a_page_pdfium_cannot_load_is_one_line(tmp_path):
    # found by the soak fuzzer: PdfiumError ("Failed to load page") escaped pdf_pictures
    found = [p for p in FILES if p.parent.name == "scans" and p.suffix == ".pdf"]
    assert found
    copy = tmp_path / "scan.pdf"
    copy.write_bytes(found[0].read_bytes())
    assert replay(copy, "scans") in ("ok", "error")


def test_a_damaged_pdf_leaves_its_text_in_no_log_line(tmp_path, caplog, capfd):
    # found by the soak fuzzer: pypdf's repair warnings quote the damaged bytes, text and all
    import logging

    from pdf_files import pdf_with_text

    data = pdf_with_text("MARKER7731 sold in Hoeryong for 3000 yuan")
    broken = data.replace(b" >>\nstream", b" G>>\nstream")  # pypdf quotes the bytes after it
    path = tmp_path / "broken.pdf"
    path.write_bytes(broken)
    with caplog.at_level(logging.DEBUG):
        try:
            read_file(path)
        except InvalidInput as exc:
            assert "MARKER7731" not in str(exc)
    out, err = capfd.readouterr()
    assert "MARKER7731" not in out + err
    assert all("MARKER7731" not in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("found", sorted((Path(__file__).parent / "fuzz_hangs").glob("*.ods")),
                         ids=lambda p: p.name)
def test_a_damaged_ods_that_hangs_the_workbook_reader_is_refused_in_time(tmp_path, found):
    # python-calamine 0.9.1 never returns on these damaged content.xml files (found by the soak
    # fuzzer: input 12,339 of seed 22, input 45,721 of seed 23); workbooks are read in a
    # child process with a time limit
    import subprocess
    import sys

    path = tmp_path / "loop.ods"
    path.write_bytes(found.read_bytes())
    code = ("import sys; from pathlib import Path; from casebook.errors import InvalidInput\n"
            "import casebook.intake.sheets as sheets\n"
            "sheets.WORKBOOK_SECONDS = 5\n"
            "try:\n    sheets.read_sheet(Path(sys.argv[1]))\n"
            "except InvalidInput as exc:\n    print(exc)\n")
    try:
        done = subprocess.run([sys.executable, "-c", code, str(path)], timeout=30,
                              capture_output=True)
    except subprocess.TimeoutExpired:
        pytest.fail("read_sheet did not return within 30 s")
    assert done.returncode == 0, done.stderr[-500:]
    assert b"loop.ods: reading the workbook took over 5 s" in done.stdout, done.stdout
