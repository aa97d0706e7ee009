"""Page images from scanned files, in memory, and made easier to read.

PNG, JPEG and (multi-page) TIFF are decoded by Pillow from the bytes; PDF pages are rendered
by PDFium (``pypdfium2``) from the bytes. Nothing is converted through a file. Each page is
then prepared for recognition: greyscale, uneven lighting flattened, contrast stretched, turned
straight (:func:`skew_angle`), and enlarged when its text is too small for Tesseract. The
returned :class:`Prepared` maps a box on the prepared image back to the original page, where
the reviewer sees it.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from struct import error as struct_error  # Pillow raises it on damaged TIFF

import numpy as np
from PIL import Image, ImageFilter, ImageOps, ImageSequence, UnidentifiedImageError

from casebook.errors import InvalidInput

MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".tif": "image/tiff", ".tiff": "image/tiff", ".pdf": "application/pdf"}
IMAGE_SUFFIXES = {s for s, t in MEDIA_TYPES.items() if t.startswith("image/")}
PDF_DPI = 300  # what a PDF page is rendered at for recognition (Tesseract's preferred size)
MAX_PAGES = 1000
MAX_PIXELS = 120_000_000  # an A3 page at 600 dpi is 70 Mpx; refuse decompression bombs
MAX_SKEW = 6.0  # degrees: a page fed crooked, not a photograph taken sideways
SPECKLED = 0.0002  # share of lone dark pixels above which a page is despeckled
SMALL_TEXT = 22  # pixels: a text line lower than this is enlarged before recognition


@dataclass
class Prepared:
    """A page ready for recognition, and how it relates to the original page image."""

    image: Image.Image  # greyscale, straightened, maybe enlarged
    width: int  # the original page's size, in the pixels boxes are given in
    height: int
    angle: float  # degrees the original was turned (counter-clockwise) to straighten it
    scale: float  # prepared pixels per original pixel

    def original_box(self, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        """The box on the original page that holds ``box`` of the prepared image."""
        left, top, right, bottom = box
        corners = [self._back(x, y) for x, y in ((left, top), (right, top), (left, bottom),
                                                 (right, bottom))]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        return (max(0, math.floor(min(xs))), max(0, math.floor(min(ys))),
                min(self.width, math.ceil(max(xs))), min(self.height, math.ceil(max(ys))))

    def _back(self, x: float, y: float) -> tuple[float, float]:
        cx, cy = self.image.width / 2, self.image.height / 2
        dx, dy = x - cx, y - cy
        theta = math.radians(self.angle)
        # the prepared image is the original turned by +angle (counter-clockwise, y down)
        ox = dx * math.cos(theta) - dy * math.sin(theta)
        oy = dx * math.sin(theta) + dy * math.cos(theta)
        return ox / self.scale + self.width / 2, oy / self.scale + self.height / 2


def _pil_guard() -> None:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def image_pages(data: bytes, name: str) -> Iterator[Image.Image]:
    """Every frame of a PNG, JPEG or TIFF, as greyscale (a multi-page TIFF gives each page)."""
    _pil_guard()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            source = Image.open(io.BytesIO(data))
            frames = getattr(source, "n_frames", 1)
            if frames > MAX_PAGES:
                raise InvalidInput(f"{name}: {frames} pages; Casebook reads at most {MAX_PAGES} "
                                   "pages from one file — split it")
            for frame in ImageSequence.Iterator(source):
                yield _grey(frame)
    except InvalidInput:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InvalidInput(f"{name}: the image is larger than {MAX_PIXELS // 1_000_000} million "
                           "pixels; scan it at 300 dpi") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError, IndexError,
            struct_error, TypeError, MemoryError):
        raise InvalidInput(f"{name}: not a readable image (damaged, or not PNG, JPEG or "
                           "TIFF)") from None


def _grey(frame: Image.Image) -> Image.Image:
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        background = Image.new("RGBA", frame.size, (255, 255, 255, 255))
        frame = Image.alpha_composite(background, frame.convert("RGBA"))
    image = frame.convert("L")
    image.load()
    return image


def image_dpi(data: bytes) -> int | None:
    """The resolution an image file declares, if any (many phone photos declare 72)."""
    _pil_guard()
    try:
        with Image.open(io.BytesIO(data)) as image:
            dpi = image.info.get("dpi")
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    if not dpi:
        return None
    try:
        value = round(float(dpi[0]))
    except (TypeError, ValueError, IndexError):
        return None
    return value if 70 <= value <= 1200 else None


def pdf_page_count(data: bytes, name: str) -> int:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        raise InvalidInput(f"{name}: not a readable PDF (damaged or password-protected)") from None
    try:
        return len(document)
    finally:
        document.close()


def pdf_pictures(data: bytes, name: str) -> list[bool]:
    """For each page of a PDF, whether it holds a picture (a scanned page is one picture)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        raise InvalidInput(f"{name}: not a readable PDF (damaged or password-protected)") from None
    try:
        found = []
        for index in range(len(document)):
            try:
                page = document[index]
                pictures = page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2)
                found.append(next(iter(pictures), None) is not None)
            except (pdfium.PdfiumError, ValueError):  # a damaged page: pdf_pages says why
                found.append(True)
        return found
    finally:
        document.close()


def pdf_pages(data: bytes, name: str,
              numbers: list[int]) -> Iterator[tuple[int, Image.Image | str, int]]:
    """(page number, image, dpi) for each 1-based page in ``numbers``, rendered in memory at
    the resolution of the scan on it (:func:`native_dpi`); a page that cannot be rendered gives
    the reason instead of an image."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        raise InvalidInput(f"{name}: not a readable PDF (damaged or password-protected)") from None
    try:
        for number in numbers:
            dpi = PDF_DPI
            try:
                page = document[number - 1]
                dpi = native_dpi(page)
                width, height = page.get_size()
                if width * height * (dpi / 72) ** 2 > MAX_PIXELS:
                    yield number, f"the page is too large to render at {dpi} dpi", dpi
                    continue
                image = _the_scan(page) or page.render(scale=dpi / 72,
                                                       grayscale=True).to_pil().convert("L")
                image.load()
                yield number, image, dpi
            except (pdfium.PdfiumError, ValueError, MemoryError):
                yield number, "PDFium could not render it (damaged page)", dpi
    finally:
        document.close()


def _the_scan(page: object) -> Image.Image | None:
    """The picture of a scanned page as it was stored, when the page is one upright picture
    covering it: its own pixels, not a rendering. Rendering resamples them (PDFium's page is
    rarely a whole number of the picture's pixels), which blurs small print by half a pixel
    and cost 6 % of the characters of a noisy 150 dpi page in our measurements."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    if page.get_rotation():  # type: ignore[attr-defined]
        return None
    pictures = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE],  # type: ignore[attr-defined]
                                     max_depth=2))
    if len(pictures) != 1:
        return None
    picture = pictures[0]
    width, height = page.get_size()  # type: ignore[attr-defined]
    left, bottom, right, top = picture.get_bounds()
    matrix = picture.get_matrix()
    if (right - left) * (top - bottom) < 0.9 * width * height or matrix.b or matrix.c \
            or matrix.a <= 0 or matrix.d <= 0:
        return None
    try:
        image = picture.get_bitmap(render=False).to_pil()
    except (pdfium.PdfiumError, ValueError, OSError):
        return None
    return _grey(image)


def native_dpi(page: object) -> int:
    """The resolution of the densest picture on a PDF page (a scanned page is one picture),
    between 100 and 600; PDF_DPI when it has none. Rendering at the scan's own resolution
    keeps its pixels as they were: resampling a 150 dpi scan to 300 dpi blurs it and cost up to a
    tenth of the characters of a noisy page in our measurements."""
    import pypdfium2.raw as pdfium_c

    best = 0.0
    for picture in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE],  # type: ignore[attr-defined]
                                    max_depth=2):
        left, _bottom, right, _top = picture.get_bounds()
        pixels = picture.get_px_size()[0]
        if right - left > 1:
            best = max(best, pixels * 72 / (right - left))
    return min(600, max(100, round(best))) if best else PDF_DPI


def skew_angle(image: Image.Image) -> float:
    """How many degrees the text lines lean (counter-clockwise positive), from the angle at
    which ink rows line up best: a projection profile, searched coarse then fine."""
    small = image
    if image.width > 1000:
        factor = 1000 / image.width
        small = image.resize((1000, max(1, round(image.height * factor))),
                             Image.Resampling.BILINEAR)
    pixels = np.asarray(small, dtype=np.uint8)
    ink = pixels < _otsu(pixels)
    ys, xs = np.nonzero(ink)
    if len(ys) < 200 or len(ys) > 0.5 * pixels.size:
        return 0.0
    ys_f, xs_f = ys.astype(np.float64), xs.astype(np.float64)

    def score(angle: float) -> float:
        theta = math.radians(angle)
        rows = ys_f * math.cos(theta) + xs_f * math.sin(theta)
        counts = np.bincount((rows - rows.min()).astype(np.int64))
        return float(np.dot(counts, counts))

    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25)
    best = max(coarse, key=score)
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)
    angle = float(max(fine, key=score))
    return round(angle, 2) if abs(angle) >= 0.1 else 0.0


def _otsu(pixels: np.ndarray) -> int:
    hist = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    weights = np.cumsum(hist)
    means = np.cumsum(hist * np.arange(256))
    between = (means[-1] * weights - means * total) ** 2 / np.maximum(
        weights * (total - weights), 1e-9)
    return int(np.argmax(between))


def line_height(image: Image.Image) -> float:
    """The median height in pixels of the ink bands of a straight page (0 when none)."""
    pixels = np.asarray(image, dtype=np.uint8)
    rows = (pixels < _otsu(pixels)).sum(axis=1)
    inked = rows > max(2, 0.002 * pixels.shape[1])
    runs: list[int] = []
    length = 0
    for flag in inked:
        if flag:
            length += 1
        elif length:
            runs.append(length)
            length = 0
    if length:
        runs.append(length)
    runs = [r for r in runs if r >= 3]
    return float(np.median(runs)) if runs else 0.0


def flatten(image: Image.Image) -> Image.Image:
    """Even out the lighting of a photographed page and stretch its contrast: each pixel is
    divided by the local paper brightness (a wide maximum, computed small and enlarged)."""
    factor = 8
    small = image.resize((max(1, image.width // factor), max(1, image.height // factor)),
                         Image.Resampling.BILINEAR)
    paper = small.filter(ImageFilter.MaxFilter(7)).filter(ImageFilter.GaussianBlur(4))
    paper = paper.resize(image.size, Image.Resampling.BILINEAR)
    page = np.asarray(image, dtype=np.float32)
    light = np.maximum(np.asarray(paper, dtype=np.float32), 1.0)
    even = np.clip(page * 255.0 / light, 0, 255).astype(np.uint8)
    return ImageOps.autocontrast(Image.fromarray(even), cutoff=(0.5, 0))


def _lone_ink(pixels: np.ndarray) -> np.ndarray:
    """Dark pixels with no dark neighbour: scanner dust and noise, never part of a letter."""
    ink = pixels < _otsu(pixels)
    padded = np.pad(ink, 1)
    neighbours = sum(padded[1 + dy:padded.shape[0] - 1 + dy, 1 + dx:padded.shape[1] - 1 + dx]
                     for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx)
    return ink & (neighbours == 0)


def specks(image: Image.Image) -> float:
    """The share of pixels that are dark dots with no dark neighbour (scanner dust, noise)."""
    return float(_lone_ink(np.asarray(image, dtype=np.uint8)).mean())


def despeckle(image: Image.Image) -> Image.Image:
    """The page with its lone dark dots turned to paper. A median filter would also remove
    them, but it wears away the thin strokes of small Hangul (a sixth of the characters of a
    150 dpi Korean page in our measurements)."""
    pixels = np.array(image, dtype=np.uint8)
    pixels[_lone_ink(pixels)] = 255
    return Image.fromarray(pixels)


def prepare(image: Image.Image) -> Prepared:
    """Greyscale, even, clean, straight and large enough for Tesseract (see the module
    docstring)."""
    grey = image.convert("L")
    width, height = grey.size
    clean = flatten(grey)
    if specks(clean) > SPECKLED:
        clean = despeckle(clean)
    angle = skew_angle(clean)
    if angle:
        clean = clean.rotate(-angle, resample=Image.Resampling.BICUBIC, expand=True,
                             fillcolor=255)
    scale = 1.0
    band = line_height(clean)
    if 0 < band < SMALL_TEXT:
        scale = 2.0
        clean = clean.resize((clean.width * 2, clean.height * 2), Image.Resampling.LANCZOS)
    return Prepared(clean, width, height, -angle or 0.0, scale)



def page_png(data: bytes, media_type: str, number: int, turns: int = 0, dpi: int = PDF_DPI,
             width: int = 1100) -> bytes:
    """One page of a stored scan as PNG bytes for the review screen, upright and ``width``
    pixels wide (never wider than the page), made in memory."""
    if media_type == "application/pdf":
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(data)
        try:
            page = document[number - 1]
            points = page.get_size()[1 if turns % 2 else 0]
            scale = min(dpi / 72, width / max(points, 1.0))
            # the same picture the words were read on, so that their boxes fall on them
            image = _the_scan(page) or page.render(scale=scale,
                                                   grayscale=True).to_pil().convert("L")
        finally:
            document.close()
    else:
        _pil_guard()
        with Image.open(io.BytesIO(data)) as source:
            source.seek(number - 1)
            image = _grey(source)
    if turns % 4:
        image = image.rotate(90 * turns, expand=True)
    if image.width > width:
        image = image.resize((width, max(1, round(image.height * width / image.width))),
                             Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=False)
    return buffer.getvalue()
