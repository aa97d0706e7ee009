"""A scanned testimony imported into a casebook (SQLCipher and PostgreSQL): its recognised text
is searchable, its original is kept with its hash and read back audited, a partly read scan is
imported with a summary, and deleting the testimony deletes the scan."""

from __future__ import annotations

import hashlib

import pytest
from PIL import Image
from scan_pages import ENGLISH, KOREAN, image_pdf, tiff, typeset

from casebook.intake.pipeline import default_extractor, import_paths
from casebook.store.schema import scans

SMALL = (6.0, 3.6)


@pytest.fixture(scope="module")
def korean_scan(tmp_path_factory):
    pages = typeset(KOREAN, dpi=200, points=14, page_size=SMALL, margin=0.5)
    path = tmp_path_factory.mktemp("scan") / "구술.pdf"
    path.write_bytes(image_pdf(pages.images, dpi=200))
    return path


def test_scanned_korean_pdf_is_stored_searchable_with_its_original(book, korean_scan):
    seen: list[tuple[str, int, int]] = []
    result = import_paths(book, [korean_scan], defaults={"organisation": "Hanul"},
                          extractor=default_extractor(),
                          on_page=lambda name, done, total: seen.append((name, done, total)))
    assert result.failed == [] and result.notes == [] and len(result.added) == 1
    tid = result.added[0]
    assert seen[-1][1:] == (seen[-1][2], seen[-1][2]) and len(seen) == seen[-1][2] >= 3
    testimony = book.testimonies.get(tid)
    assert testimony.language == "ko" and "두만강" in testimony.text
    assert testimony.provenance["format"] == "scan" and testimony.provenance["pages_unread"] == []
    assert {h.testimony_id for h in book.testimonies.search("두만강")} == {tid}
    data = korean_scan.read_bytes()
    scan = book.scans.get(tid, purpose="test")
    assert scan is not None and scan.data == data and scan.media_type == "application/pdf"
    assert scan.sha256 == hashlib.sha256(data).hexdigest() == testimony.provenance["scan_sha256"]
    assert scan.file_name == "구술.pdf" and all(p.words for p in scan.pages)
    at = testimony.text.index("두만강")
    assert scan.words_in(at, at + 3), "the word leads back to its box on the page"
    actions = [e["action"] for e in book.audit.entries(limit=5)]
    assert "read_scan" in actions
    assert book.scans.of([tid, tid + 1000]) == {tid}
    # the extractor read the recognised text: facts suggested with evidence in it
    record = book.facts.record(tid)
    assert record.events and all(e.evidence is None or e.evidence.end <= len(testimony.text)
                                 for e in record.events)
    # the same file again is the same text: recognised as already present
    again = import_paths(book, [korean_scan])
    assert again.duplicates == ["구술.pdf"] and again.added == []
    # deleting the testimony deletes the scan with it
    book.testimonies.delete([tid])
    assert book.scans.get(tid) is None
    with book.engine.connect() as conn:
        assert conn.execute(scans.select()).all() == []


def test_a_partly_read_scan_is_imported_with_a_summary(sqlite_book, tmp_path):
    first = typeset(ENGLISH.split("\n\n")[1], dpi=200, page_size=(8.27, 3.0)).images[0]
    blank = Image.new("L", first.size, 255)
    path = tmp_path / "fax.tif"
    path.write_bytes(tiff([first, blank], dpi=200))
    result = import_paths(sqlite_book, [path])
    assert len(result.added) == 1 and result.failed == []
    assert result.notes[0].startswith("fax.tif: 1 of 2 pages read; page 2 could not be read")
    assert result.notes[1].startswith("fax.tif page 2: no text was recognised")
    testimony = sqlite_book.testimonies.get(result.added[0])
    assert testimony.provenance["pages_unread"] == [2] and testimony.provenance["pages"] == 2


def test_an_unreadable_scan_fails_with_one_line_and_stores_nothing(sqlite_book, tmp_path):
    path = tmp_path / "blank.png"
    Image.new("L", (900, 1200), 255).save(path)
    result = import_paths(sqlite_book, [path])
    assert result.added == [] and len(result.failed) == 1
    name, reason = result.failed[0]
    assert name.endswith("blank.png") and "no text could be read" in reason and "\n" not in reason
    with sqlite_book.engine.connect() as conn:
        assert conn.execute(scans.select()).all() == []


def test_the_casebook_file_holds_neither_the_scan_nor_its_words(tmp_path):
    from casebook.store import Casebook

    pages = typeset(KOREAN, dpi=200, points=14, page_size=SMALL, margin=0.5)
    path = tmp_path / "scan.tif"
    data = tiff(pages.images[:2], dpi=200)
    path.write_bytes(data)
    db = tmp_path / "cb.db"
    book = Casebook.create(str(db), "a long pass phrase")
    try:
        assert len(import_paths(book, [path]).added) == 1
    finally:
        book.close()
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("cb.db"))
    assert len(stored) > len(data) // 2
    for needle in (data[200:264], data[-64:], "두만강".encode(), "연길".encode()):
        assert needle not in stored
