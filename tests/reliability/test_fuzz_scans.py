"""Scans under attack: random bytes, damaged images and image-only PDFs, decompression bombs and
too many pages. Every input ends in testimonies or one ``InvalidInput`` naming the file."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw
from scan_pages import image_pdf, typeset

from casebook.errors import InvalidInput
from casebook.intake.readers import read_file

SUFFIXES = [".png", ".jpg", ".tif", ".pdf"]
FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.fixture(scope="module")
def valid_scans():
    page = typeset("Sold in Yanji in 2003 for 4,000 yuan.", dpi=150, page_size=(5.0, 1.2),
                   margin=0.3).images[0]
    out = {}
    for suffix, fmt in ((".png", "PNG"), (".jpg", "JPEG"), (".tif", "TIFF")):
        buffer = io.BytesIO()
        page.save(buffer, fmt)
        out[suffix] = buffer.getvalue()
    out[".pdf"] = image_pdf([page], dpi=150)
    return out


def read_checked(path: Path) -> str:
    try:
        items = read_file(path)
    except InvalidInput as exc:
        assert path.name in str(exc) and "\n" not in str(exc).strip(), str(exc)
        return "error"
    for item in items:
        assert item.text.strip() and item.scan is not None
    return "ok"


@FUZZ
@given(suffix=st.sampled_from(SUFFIXES), data=st.binary(max_size=4096))
def test_random_bytes(tmp_path, suffix, data):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    read_checked(path)


@FUZZ
@given(suffix=st.sampled_from(SUFFIXES), data=st.data())
def test_damaged_scans(tmp_path, valid_scans, suffix, data):
    blob = bytearray(valid_scans[suffix])
    how = data.draw(st.sampled_from(["truncate", "flip", "zero-run"]))
    if how == "truncate":
        blob = blob[:data.draw(st.integers(0, len(blob) - 1))]
    elif how == "flip":
        for _ in range(data.draw(st.integers(1, 8))):
            i = data.draw(st.integers(0, len(blob) - 1))
            blob[i] ^= data.draw(st.integers(1, 255))
    else:
        i = data.draw(st.integers(0, len(blob) - 1))
        blob[i:i + 256] = b"\0" * 256
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(bytes(blob))
    read_checked(path)


def _png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header claims a huge picture (a decompression bomb's first step)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + chunk(b"IEND", b""))


def test_a_decompression_bomb_is_refused_before_decoding(tmp_path):
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_claiming(60_000, 60_000))
    with pytest.raises(InvalidInput, match=r"bomb\.png: the image is larger than 120 million"):
        read_file(path)


def test_a_tiff_with_too_many_pages_is_refused(tmp_path):
    tiny = Image.new("L", (8, 8), 255)
    buffer = io.BytesIO()
    tiny.save(buffer, "TIFF", save_all=True, append_images=[tiny] * 1000)
    path = tmp_path / "many.tif"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InvalidInput, match=r"many\.tif: 1001 pages; Casebook reads at most 1000"):
        read_file(path)


def test_a_pdf_page_too_large_to_render_is_one_line_and_the_others_are_read(tmp_path):
    page = typeset("Arrested in Tumen in 2008 and sent back to Onsong.", dpi=150,
                   page_size=(5.0, 1.2), margin=0.3).images[0]
    huge = Image.new("L", (200, 200), 255)
    ImageDraw.Draw(huge).line((0, 0, 200, 200), fill=0)
    first = image_pdf([page], dpi=150)
    # a second page declared 200 x 200 inches: 3.6 billion pixels at 300 dpi
    giant = image_pdf([huge], dpi=1)
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument(first)
    merged.import_pages(pdfium.PdfDocument(giant))
    buffer = io.BytesIO()
    merged.save(buffer)
    path = tmp_path / "mixed.pdf"
    path.write_bytes(buffer.getvalue())
    item = read_file(path)[0]
    assert "Tumen" in item.text
    assert item.scan.pages[0].error is None and item.scan.pages[0].words
    assert item.scan.pages[1].error == "the page is too large to render at 100 dpi"
