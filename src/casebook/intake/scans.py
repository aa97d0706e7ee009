"""A scanned testimony (image-only PDF, PNG, JPEG, TIFF) read into text and a :class:`Scan`.

Each page is rendered or decoded in memory (``page_images``), read by Tesseract in memory
(``ocr``), and its words are laid out as text the way a PDF's text layer is: words joined by
spaces, lines by a newline, paragraphs and pages by a blank line. So the extractor's PDF cleaner
(running headers, page numbers, captions, hyphenated line ends) works on it unchanged, and each
word's offsets in that text lead back to its box on its page. A PDF whose pages carry a text
layer keeps it; only the pages without one are read by Tesseract.

A page that cannot be read gets one line saying why (:attr:`ScanPage.error`); the others are
kept. A scan of which no page could be read is refused with one line.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

from PIL import Image

from casebook.errors import InvalidInput
from casebook.intake.ocr import ReadPage, Recogniser
from casebook.intake.page_images import (
    MEDIA_TYPES,
    PDF_DPI,
    image_dpi,
    image_pages,
    pdf_page_count,
    pdf_pages,
    pdf_pictures,
)
from casebook.model.scans import Scan, ScanPage, Word

PageProgress = Callable[[int, int], None]  # (pages done, pages in the file)
MIN_LETTERS = 3  # fewer recognised letters than this: the page is blank or unreadable
MIN_LAYER_CHARS = 20  # a page whose text layer is shorter is a scanned page (a page number)
NO_TEXT = "no text was recognised (a blank page, or too faint or blurred to read)"

_engine: Recogniser | None = None
_engine_lock = threading.Lock()  # Tesseract engines are not safe to share between threads


def _recogniser() -> Recogniser:
    global _engine
    if _engine is None:
        _engine = Recogniser()
    return _engine


def read_scan(data: bytes, name: str, suffix: str, *, text_layer: list[str] | None = None,
              on_page: PageProgress | None = None) -> tuple[str, Scan]:
    """The recognised text of a scanned file and the scan itself (original bytes, words, boxes).

    ``text_layer`` holds a PDF's extracted text per page; pages with text keep it, and so do
    pages with neither text nor a picture (blank pages).
    """
    media_type = MEDIA_TYPES[suffix]
    if media_type == "application/pdf":
        total = pdf_page_count(data, name)
        layer = (text_layer or []) + [""] * max(0, total - len(text_layer or []))
        pictures = pdf_pictures(data, name)
        needed = [n for n in range(1, total + 1)
                  if not _has_text(layer[n - 1:n]) and pictures[n - 1]]
        sources: Iterator[tuple[int, Image.Image | str, int]] = pdf_pages(data, name, needed)
        dpi = PDF_DPI
    else:
        images = list(image_pages(data, name))
        total = len(images)
        layer = [""] * total
        dpi = image_dpi(data) or 300
        sources = ((n, image, dpi) for n, image in enumerate(images, start=1))
    read: dict[int, ReadPage | str] = {}
    with _engine_lock:
        engine = _recogniser()
        for number, source, page_dpi in sources:
            if isinstance(source, str):
                read[number] = source
            else:
                read[number] = _read_page(engine, source, page_dpi)
            if on_page:
                on_page(len(read), total)
    text, pages = _layout(layer, read, total)
    scan = Scan(data=data, media_type=media_type, file_name=name, pages=pages, dpi=dpi)
    if not any(p.words for p in pages) and not any(_has_text([t]) for t in layer):
        reasons = sorted({p.error or "" for p in pages})
        raise InvalidInput(f"{name}: no text could be read on any of its {total} page"
                           f"{'s' if total != 1 else ''}: {'; '.join(reasons)}; "
                           "scan it again at 300 dpi, straight and well lit")
    return text, scan


def _read_page(engine: Recogniser, image: Image.Image, dpi: int) -> ReadPage | str:
    try:
        page = engine.read(image, dpi)
    except (RuntimeError, ValueError, MemoryError):
        return "Tesseract could not read it (damaged or unusual image)"
    letters = sum(ch.isalpha() for ch in page.text)
    if letters < MIN_LETTERS:
        return NO_TEXT
    return page


def _has_text(pages: list[str]) -> bool:
    return any(sum(not ch.isspace() for ch in p) >= MIN_LAYER_CHARS for p in pages)


def needs_ocr(data: bytes, name: str, layer: list[str]) -> bool:
    """Does a PDF with this text layer (per page) have scanned pages: a picture, no text?"""
    if layer and all(_has_text([page]) for page in layer):
        return False
    pictures = pdf_pictures(data, name)
    return any(picture and not _has_text(layer[n:n + 1]) for n, picture in enumerate(pictures))


def _layout(layer: list[str], read: dict[int, ReadPage | str],
            total: int) -> tuple[str, list[ScanPage]]:
    """The testimony text and the pages, each word knowing its span in that text."""
    parts: list[str] = []
    length = 0
    pages: list[ScanPage] = []

    def add(piece: str) -> None:
        nonlocal length
        parts.append(piece)
        length += len(piece)

    for number in range(1, total + 1):
        result = read.get(number)
        if result is None:  # the PDF's own text layer
            page_text = layer[number - 1].strip()
            if page_text:
                if length:
                    add("\n\n")
                add(page_text)
            pages.append(ScanPage(number, 0, 0, tesseract=""))
            continue
        if isinstance(result, str):
            pages.append(ScanPage(number, 0, 0, error=result))
            continue
        page = ScanPage(number, result.width, result.height, language=result.language,
                        tesseract=result.tesseract, angle=result.angle,
                        turns=result.quarter_turns)
        if length:
            add("\n\n")
        page.words = [Word(length + w.start, length + w.end, w.box, w.confidence)
                      for w in result.words]
        add(result.text)
        pages.append(page)
    return "".join(parts), pages


def unread_lines(scan: Scan) -> list[str]:
    """One line per page that could not be read, naming the file and the page."""
    return [f"{scan.file_name} page {p.number}: {p.error}" for p in scan.unread]


def summary(scan: Scan) -> str:
    """"scan.pdf: 11 of 12 pages read (page 3 not)" — or "" when every page was read."""
    unread = scan.unread
    if not unread:
        return ""
    numbers = ", ".join(str(p.number) for p in unread)
    read = len(scan.pages) - len(unread)
    return (f"{scan.file_name}: {read} of {len(scan.pages)} pages read; page"
            f"{'s' if len(unread) > 1 else ''} {numbers} could not be read and "
            f"{'are' if len(unread) > 1 else 'is'} not in the testimony — check the scan")
