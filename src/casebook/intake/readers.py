"""Reading testimonies from the files documenters actually have: txt, md, docx, PDF, JSON, CSV,
and scans (image-only PDF pages, PNG, JPEG, TIFF), which ``intake.scans`` reads with Tesseract.

Every reader works in memory (nothing is unpacked or converted on disk), refuses files that
would blow up memory, and raises ``InvalidInput`` naming the file, so that one bad file is
reported and skipped while the rest of an import goes on.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zlib import error as zlib_error

import docx
from docx.opc.exceptions import OpcError
from lxml.etree import LxmlError
from pypdf import PdfReader
from pypdf.errors import DeprecationError as PdfDeprecationError
from pypdf.errors import PyPdfError

from casebook.errors import InvalidInput
from casebook.files import printable, read_input
from casebook.intake.page_images import IMAGE_SUFFIXES
from casebook.model.scans import Scan

# What a damaged .docx or PDF makes python-docx and pypdf raise (tests/reliability fuzzes them):
# their own errors, broken XML or zip data, and the built-in errors of a parser that meets bytes it
# did not expect. Anything else is a bug of ours and must surface.
_DAMAGED = (OpcError, LxmlError, PyPdfError, zipfile.BadZipFile, zlib_error, ValueError, KeyError,
            IndexError, TypeError, AttributeError, AssertionError, ArithmeticError, RecursionError,
            EOFError, OSError, RuntimeError, NotImplementedError, struct.error,
            PdfDeprecationError)  # pypdf's answer to an old filter name ("/Fl"): soak fuzzer

# pypdf reports what it repairs in a damaged PDF as log warnings that quote the file's bytes —
# its text included (found by the soak fuzzer). Python's last-resort handler would print them
# on stderr, and a server's log would keep them: they never leave the reader.
logging.getLogger("pypdf").setLevel(logging.CRITICAL + 1)  # its child loggers inherit it

MAX_FILE_BYTES = 50 * 1024 * 1024  # a two-hour interview transcript is well under 1 MB
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # docx is a zip: refuse zip bombs before unpacking
MAX_TEXT_CHARS = 5_000_000
TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
SUFFIXES = TEXT_SUFFIXES | IMAGE_SUFFIXES | {".docx", ".pdf", ".json", ".jsonl", ".csv"}
PageProgress = Callable[[int, int], None]  # (pages read, pages in the file) of a scan


@dataclass
class ImportItem:
    """One testimony read from a file, with whatever metadata the file carried."""

    text: str
    file_name: str
    metadata: dict[str, Any] = field(default_factory=dict)
    format: str = "txt"
    scan: Scan | None = None  # the original file and its words' boxes, when it was a scan


# Legacy encodings Casebook reads when the file's bytes say so (charset-normalizer's detection):
# Korean (CP949 is a superset of EUC-KR) and Western European for English documents. Anything
# else (Shift-JIS, GB18030, Big5, …) is refused with its name, never decoded as a wrong guess.
LEGACY_ENCODINGS = {"cp949": "cp949", "euc_kr": "cp949", "johab": "johab",
                    "cp1252": "cp1252", "cp1250": "cp1252", "latin_1": "cp1252",
                    "iso8859_15": "iso8859_15"}
DETECT_SAMPLE = 64 * 1024


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16/32 with BOM, or a legacy encoding that detection
    identifies as Korean or Western European; any other encoding is refused by name."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode(data, "utf-16", name)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode(data, _legacy_encoding(data, name), name)
    if "\x00" in text:
        raise InvalidInput(f"{name}: the text contains NUL characters")
    return text


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InvalidInput(f"{name}: not valid {encoding} throughout; save it as UTF-8") from None


def _legacy_encoding(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:DETECT_SAMPLE]).best()
    detected = best.encoding if best is not None else None
    if detected in LEGACY_ENCODINGS:
        return LEGACY_ENCODINGS[detected]
    if detected and detected.startswith("utf_16") and b"\x00" in data[:4096]:
        return "utf-16-le" if detected.endswith("le") or data[1:2] == b"\x00" else "utf-16-be"
    if b"\x00" in data[:4096]:
        raise InvalidInput(f"{name}: this looks like a binary file, not text")
    language = f", {best.language}" if best is not None and best.language != "Unknown" else ""
    what = f"looks like {detected}{language} text" if detected else "is in an unknown encoding"
    raise InvalidInput(f"{name}: {what}; Casebook reads UTF-8, UTF-16 and Korean CP949 — "
                       "save the file as UTF-8 and import it again")


def _checked_text(text: str, name: str) -> str:
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidInput(f"{name}: the text is longer than {MAX_TEXT_CHARS:,} characters")
    if not text.strip():
        raise InvalidInput(f"{name}: no text found in the file")
    return text


def _check_unpacked_size(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse zip bombs: first by the sizes the archive declares, then by inflating each part
    in bounded chunks, since a hostile file can lie about its sizes."""
    declared = sum(info.file_size for info in archive.infolist())
    if declared > MAX_UNPACKED_BYTES:
        raise InvalidInput(f"{name}: unpacks to {declared // 1_048_576} MB; refusing (zip bomb?)")
    total = 0
    for info in archive.infolist():
        with archive.open(info) as part:
            while chunk := part.read(1 << 20):
                total += len(chunk)
                if total > MAX_UNPACKED_BYTES:
                    raise InvalidInput(
                        f"{name}: unpacks to more than {MAX_UNPACKED_BYTES // 1_048_576} MB; "
                        "refusing (zip bomb?)")


def read_docx(data: bytes, name: str) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_unpacked_size(archive, name)
    except InvalidInput:
        raise
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError, NotImplementedError,
            zlib_error):
        raise InvalidInput(
            f"{name}: not a valid .docx file (damaged or not a Word document)") from None
    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                paragraphs.append(" | ".join(cell.text for cell in row.cells))
    except (*_DAMAGED, AttributeError, TypeError, IndexError):  # a part of the wrong kind
        raise InvalidInput(
            f"{name}: not a valid .docx file (damaged or not a Word document)") from None
    return "\n".join(paragraphs)


def pdf_text_layer(data: bytes, name: str) -> list[str]:
    """The text layer of each page of a PDF ("" for a page that has none: a scanned page)."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise InvalidInput(f"{name}: the PDF is password-protected; remove the password first")
        return [page.extract_text() or "" for page in reader.pages]
    except InvalidInput:
        raise
    except _DAMAGED:
        raise InvalidInput(f"{name}: not a readable PDF (damaged or not a PDF)") from None


def read_pdf(data: bytes, name: str) -> str:
    """The PDF's text layer; a PDF without one is refused here (see :func:`read_pdf_or_scan`)."""
    text = "\n\n".join(pdf_text_layer(data, name))
    if not text.strip():
        raise InvalidInput(f"{name}: the PDF has no text layer (a scan?); type or OCR it first")
    return text


def read_pdf_or_scan(data: bytes, name: str, base: str,
                     on_page: PageProgress | None = None) -> ImportItem:
    """A PDF's text layer, with the pages that have none (scanned pages) read by Tesseract."""
    from casebook.intake.scans import needs_ocr, read_scan

    layer = pdf_text_layer(data, name)
    if not needs_ocr(data, name, layer):
        return ImportItem(_checked_text("\n\n".join(layer), name), base, {}, "pdf")
    text, scan = read_scan(data, name, ".pdf", text_layer=layer, on_page=on_page)
    scan.file_name = base  # the file, not the folders it was in
    return ImportItem(_checked_text(text, name), base, {}, "scan", scan=scan)


def read_image(data: bytes, name: str, suffix: str, base: str,
               on_page: PageProgress | None = None) -> ImportItem:
    """A photographed or scanned page (PNG, JPEG, TIFF with any number of pages)."""
    from casebook.intake.scans import read_scan

    text, scan = read_scan(data, name, suffix, on_page=on_page)
    scan.file_name = base
    return ImportItem(_checked_text(text, name), base, {}, "scan", scan=scan)


def _records_from_json(data: bytes, name: str) -> list[dict]:
    text = decode_text(data, name)
    try:
        if name.endswith(".jsonl"):
            rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            loaded = json.loads(text)
            rows = loaded if isinstance(loaded, list) else loaded.get("testimonies", [loaded])
    except (json.JSONDecodeError, AttributeError) as exc:
        raise InvalidInput(f"{name}: not valid JSON ({exc})") from None
    except RecursionError:
        raise InvalidInput(
            f"{name}: the JSON is nested too deeply to be testimony records") from None
    if not all(isinstance(r, dict) for r in rows):
        raise InvalidInput(f"{name}: expected a list of objects, one per testimony")
    return rows


def _records_from_csv(data: bytes, name: str) -> list[dict]:
    text = decode_text(data, name)
    try:
        rows = list(csv.DictReader(io.StringIO(text)))
    except csv.Error as exc:
        raise InvalidInput(f"{name}: not valid CSV ({exc})") from None
    return rows


def _items_from_records(rows: list[dict], name: str, fmt: str) -> list[ImportItem]:
    items = []
    for n, row in enumerate(rows, start=1):
        body = row.get("text")
        if not isinstance(body, str) or not body.strip():
            raise InvalidInput(f"{name}: record {n} has no 'text' field")
        meta = {k: v for k, v in row.items() if k != "text" and v not in (None, "")}
        items.append(ImportItem(_checked_text(body, f"{name} record {n}"),
                                f"{Path(name).name}#{n}", meta, fmt))
    if not items:
        raise InvalidInput(f"{name}: no records found")
    return items


def read_file(path: Path, on_page: PageProgress | None = None) -> list[ImportItem]:
    """Read one file into testimonies (several for JSON/CSV of existing records).

    ``on_page`` hears of each page of a scan as Tesseract finishes it.
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidInput(f"{printable(path)}: unsupported file type {suffix or '(none)'}; "
                           f"use one of {', '.join(sorted(SUFFIXES))}")
    if not path.is_file():
        raise InvalidInput(f"{printable(path)}: not a regular file; give a file or a folder")
    data = read_input(path, MAX_FILE_BYTES)
    name = printable(path)
    base = printable(Path(path.name))
    if suffix in TEXT_SUFFIXES:
        return [ImportItem(_checked_text(decode_text(data, name), name), base, {}, "txt")]
    if suffix == ".docx":
        return [ImportItem(_checked_text(read_docx(data, name), name), base, {}, "docx")]
    if suffix == ".pdf":
        return [read_pdf_or_scan(data, name, base, on_page)]
    if suffix in IMAGE_SUFFIXES:
        return [read_image(data, name, suffix, base, on_page)]
    if suffix in (".json", ".jsonl"):
        return _items_from_records(_records_from_json(data, name), name, "json")
    return _items_from_records(_records_from_csv(data, name), name, "csv")


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given, directories expanded (sorted) to the files Casebook can read."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file()
                              and f.suffix.lower() in SUFFIXES))
        else:
            out.append(p)
    return out
