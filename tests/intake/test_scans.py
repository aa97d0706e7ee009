"""Scanned testimonies read by Tesseract: real image files and image-only PDFs, typeset here
from our own fictional text (tests/scan_pages.py), read back through ``read_file``."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw
from scan_pages import ENGLISH, KOREAN, cer, encoded, image_pdf, scanned, tiff, typeset

from casebook.errors import InvalidInput
from casebook.extract.clean import clean
from casebook.intake.page_images import prepare, skew_angle
from casebook.intake.readers import read_file
from casebook.intake.scans import summary, unread_lines
from casebook.model.scans import LOW_CONFIDENCE, Scan, Word

SMALL = (6.0, 3.6)  # small pages keep the suite quick: a few lines each, several pages
HEADER = "Hanul Centre interview file"


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def korean_pdf(tmp_path_factory):
    """A Korean testimony printed on three small pages with a running header, scanned to an
    image-only PDF, read once for the tests below."""
    pages = typeset(KOREAN, dpi=300, points=14, page_size=SMALL, margin=0.5,
                    header="한울센터 면담 기록")
    path = _write(tmp_path_factory.mktemp("ko"), "면담.pdf", image_pdf(pages.images))
    seen: list[tuple[int, int]] = []
    item = read_file(path, on_page=lambda done, total: seen.append((done, total)))[0]
    return pages, item, seen


def test_korean_image_only_pdf_is_read_page_by_page(korean_pdf):
    pages, item, seen = korean_pdf
    assert len(pages.images) >= 3
    scan = item.scan
    assert item.format == "scan" and scan is not None and scan.media_type == "application/pdf"
    assert [p.number for p in scan.pages] == list(range(1, len(pages.images) + 1))
    assert all(p.language == "ko" and p.tesseract == "kor" for p in scan.pages)
    assert seen == [(n, len(pages.images)) for n in range(1, len(pages.images) + 1)]
    assert cer("\n\n".join(pages.texts), item.text) <= 0.03
    assert "두만강을 건넌 뒤" in item.text and "팔천 위안" in item.text


def test_the_pdf_cleaner_drops_the_running_header_of_the_recognised_text(korean_pdf):
    _pages, item, _ = korean_pdf
    assert item.text.count("한울센터") >= 3  # the header is read on every page…
    cleaned = clean(item.text)
    assert "한울센터" not in cleaned.text  # …and cleaned away like a PDF's running header
    at = cleaned.text.index("팔천 위안")
    start, end = cleaned.span(at, at + 5)
    assert item.text[start:end] == "팔천 위안"  # offsets still lead to the recognised text


def test_each_word_keeps_its_page_and_box(korean_pdf):
    pages, item, _ = korean_pdf
    scan = item.scan
    at = item.text.index("팔천")
    found = scan.words_in(at, at + 2)
    assert len(found) == 1
    number, word = found[0]
    assert item.text[word.start:word.end].startswith("팔천")
    # the box lies on the line the typesetter drew that word on (PDF pages render at 300 dpi)
    line_boxes = [box for text, box in pages.lines[number - 1] if "팔천" in text]
    assert line_boxes, "the word is on the page the scan says"
    left, top, right, bottom = line_boxes[0]
    x0, y0, x1, y1 = word.box
    assert left - 10 <= x0 < x1 <= right + 10 and top - 10 <= y0 < y1 <= bottom + 10, (
        word.box, line_boxes)
    page = scan.pages[number - 1]
    width, height = pages.images[number - 1].size  # PDFium rounds a page up to whole pixels
    assert 0 <= page.width - width <= 1 and 0 <= page.height - height <= 1


def test_english_png_at_150_dpi(tmp_path):
    pages = typeset(ENGLISH, dpi=150, page_size=(8.27, 5.0))
    path = _write(tmp_path, "page.png", encoded(pages.images[0], "PNG", dpi=150))
    item = read_file(path)[0]
    assert item.scan.media_type == "image/png" and item.scan.dpi == 150
    assert item.scan.pages[0].language == "en" and item.scan.pages[0].tesseract == "eng"
    assert cer(pages.texts[0], item.text) <= 0.03


def test_crooked_noisy_jpeg_is_straightened(tmp_path):
    pages = typeset(ENGLISH, dpi=300, page_size=(8.27, 5.0))
    page = scanned(pages.images[0], seed=5, angle=2.4, speckle=0.001, jpeg=70)
    item = read_file(_write(tmp_path, "photo.jpg", encoded(page, "JPEG")))[0]
    assert abs(item.scan.pages[0].angle + 2.4) <= 0.3  # turned back by 2.4 degrees
    assert cer(pages.texts[0], item.text) <= 0.05


def test_a_page_on_its_side_is_turned_upright(tmp_path):
    pages = typeset(ENGLISH, dpi=200, page_size=(8.27, 5.0))
    sideways = pages.images[0].rotate(90, expand=True)
    item = read_file(_write(tmp_path, "sideways.png", encoded(sideways, "PNG", dpi=200)))[0]
    page = item.scan.pages[0]
    assert page.turns == 3 and (page.width, page.height) == pages.images[0].size
    assert cer(pages.texts[0], item.text) <= 0.05


def test_multi_page_tiff_with_a_blank_page_says_which_page_was_not_read(tmp_path):
    first = typeset(ENGLISH.split("\n\n")[1], dpi=200, page_size=(8.27, 3.0)).images[0]
    last = typeset(ENGLISH.split("\n\n")[2], dpi=200, page_size=(8.27, 3.0)).images[0]
    blank = Image.new("L", first.size, 255)
    item = read_file(_write(tmp_path, "fax.tiff", tiff([first, blank, last], dpi=200)))[0]
    scan = item.scan
    assert [bool(p.words) for p in scan.pages] == [True, False, True]
    assert unread_lines(scan) == [f"{scan.file_name} page 2: no text was recognised (a blank "
                                  "page, or too faint or blurred to read)"]
    assert "2 of 3 pages read; page 2 could not be read" in summary(scan)
    assert "Dandong" in item.text and "Jixi" in item.text


def test_a_scan_with_nothing_readable_is_refused_with_one_line(tmp_path):
    blank = Image.new("L", (1200, 1600), 255)
    path = _write(tmp_path, "empty.png", encoded(blank, "PNG"))
    with pytest.raises(InvalidInput, match=r"empty\.png: no text could be read on any of its 1 "
                                           r"page: no text was recognised"):
        read_file(path)


@pytest.mark.parametrize("name,data", [("broken.png", b"\x89PNG\r\n\x1a\n garbage"),
                                       ("broken.jpg", b"\xff\xd8\xff\xe0 not a jpeg"),
                                       ("broken.tif", b"II*\x00\x08\x00\x00\x00\xff\xff")])
def test_damaged_images_name_the_file(tmp_path, name, data):
    with pytest.raises(InvalidInput, match=rf"{name.replace('.', chr(92) + '.')}: not a "
                                           "readable image"):
        read_file(_write(tmp_path, name, data))


def test_mixed_korean_and_english_page_is_read_with_both_models(tmp_path):
    text = ("면담 기록: 2016년 3월, 통역 박은주.\n\n"
            "The interviewer noted that she asked for a female interpreter and spoke quietly. "
            "She said the broker was paid in cash at the bus station in Yanji.\n\n"
            "그녀는 연길 버스 정류장에서 브로커가 현금을 받았다고 말했다.")
    pages = typeset(text, dpi=300, page_size=(8.27, 4.0))
    item = read_file(_write(tmp_path, "mixed.png", encoded(pages.images[0], "PNG")))[0]
    page = item.scan.pages[0]
    assert page.language == "mixed" and page.tesseract == "kor+eng"
    assert "female interpreter" in item.text and "브로커가" in item.text


def test_a_smudged_word_is_marked_for_the_reviewer(tmp_path):
    pages = typeset(ENGLISH.split("\n\n")[3], dpi=300, page_size=(8.27, 3.0))
    page = pages.images[0].copy()
    row, box = pages.lines[0][1]
    draw = ImageDraw.Draw(page)  # a coffee stain and scribbles over the middle of the line
    mid = (box[0] + box[2]) // 2
    for k in range(0, 260, 7):
        draw.line((mid - 130 + k, box[1] + 5, mid - 120 + k, box[3] - 5), fill=90, width=3)
    item = read_file(_write(tmp_path, "smudge.png", encoded(page, "PNG")))[0]
    words = item.scan.pages[0].words
    assert any(w.low for w in words) and not all(w.low for w in words)
    assert all((w.confidence < LOW_CONFIDENCE) == w.low for w in words)


def test_a_pdf_with_a_text_layer_is_not_ocred(tmp_path):
    from pdf_files import pdf_with_text

    item = read_file(_write(tmp_path, "report.pdf", pdf_with_text("Sold in Yanji in 2003")))[0]
    assert item.format == "pdf" and item.scan is None


def test_skew_angle_measures_the_turn():
    page = typeset(KOREAN, dpi=150).images[0]
    for turn in (-2.7, -0.8, 1.3, 2.9):
        turned = page.rotate(turn, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
        assert skew_angle(turned) == pytest.approx(turn, abs=0.15)


def test_prepared_boxes_map_back_to_the_original_page():
    def page(mark: bool) -> Image.Image:
        image = Image.new("L", (1200, 1600), 255)
        draw = ImageDraw.Draw(image)
        for y in range(200, 1400, 40):
            draw.rectangle((100, y, 1100, y + 20), fill=0)
        if mark:
            draw.rectangle((500, 1480, 560, 1540), fill=0)
        return image.rotate(2.0, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)

    import numpy as np

    with_mark, without = page(True), page(False)
    ys, xs = np.nonzero(np.abs(np.asarray(with_mark, int) - np.asarray(without, int)) > 100)
    truth = (xs.min(), ys.min(), xs.max(), ys.max())
    a, b = prepare(with_mark), prepare(without)
    assert a.angle == pytest.approx(-2.0, abs=0.1) and a.scale == 2.0  # 20 px lines: enlarged
    ys, xs = np.nonzero(np.abs(np.asarray(a.image, int) - np.asarray(b.image, int)) > 100)
    back = a.original_box((xs.min(), ys.min(), xs.max(), ys.max()))
    assert all(abs(p - q) <= 3 for p, q in zip(back, truth))


def test_scan_layout_round_trips_and_hash_is_of_the_original_bytes():
    from casebook.model.scans import ScanPage

    page = ScanPage(1, 100, 200, "ko", "kor", 1.25, turns=1,
                    words=[Word(0, 3, (1, 2, 3, 4), 91.0), Word(4, 7, (5, 6, 7, 8), 40.5)])
    scan = Scan(b"bytes of a scan", "image/png", "a.png", [page, ScanPage(2, 0, 0, error="x")])
    again = Scan.pages_from(scan.layout())
    assert again == scan.pages
    import hashlib

    assert scan.sha256 == hashlib.sha256(b"bytes of a scan").hexdigest()
    assert [w.start for _, w in scan.words_in(2, 5)] == [0, 4]
    assert scan.words_in(3, 4) == [] and [p.number for p in scan.unread] == [2]
