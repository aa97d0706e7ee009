"""Tesseract, in memory: a page image in, words with their boxes and confidences out.

``tesserocr`` calls Debian's libtesseract directly: the page's pixels are handed over as bytes
(``SetImageBytes``) and the words come back through the result iterator, so no page image and
no recognised text ever passes through a file (the ``tesseract`` command would need both).

Per page: Tesseract's orientation and script detection (OSD) turns a page that lies on its side
upright and says whether the page is Hangul or Latin; the page is read with ``kor`` or ``eng``,
and read again with ``kor+eng`` when the first reading shows the other script too (a Korean
interview with English names, an English report quoting Korean). Pages are read as one column
of text (typed transcripts, interview notes, reports): Tesseract's automatic layout analysis
takes lines of widely spaced Hangul for vertical text or for several columns and cuts them
apart, which cost a fifth to two thirds of the characters of Korean pages in our measurements
(docs/benchmarks/ocr.md).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PIL import Image

from casebook.errors import InvalidInput
from casebook.intake.page_images import Prepared, prepare

if TYPE_CHECKING:
    from tesserocr import PyTessBaseAPI

# Tesseract's OpenMP threads spin while they wait: on a busy machine one thread per page reads
# two to three times faster (Tesseract's own advice for throughput). Set before libgomp loads.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
LATIN = re.compile(r"[A-Za-z]")
SCRIPT_LANGUAGES = {"Hangul": "kor", "Korean": "kor", "Latin": "eng"}
MIXED_SHARE = 0.08  # a page is mixed when the other script has this share of its letters
ORIENTATION_CONFIDENCE = 3.0  # OSD's confidence needed before a page is turned a quarter
DOUBTFUL = 0.08  # share of words under 50% confidence that makes a page worth a second reading
MIXED_GAIN = 0.0  # points of mean confidence the kor+eng reading must gain to replace the first
OSD_WIDTH = 1300  # OSD looks at a reduced page: as reliable, several times faster
QUIET = {"debug_file": "/dev/null"}  # Tesseract's own warnings never reach the terminal


@dataclass
class ReadWord:
    """A word as Tesseract read it: its span in the page text, its box on the upright page."""

    start: int
    end: int
    box: tuple[int, int, int, int]
    confidence: float


@dataclass
class ReadPage:
    """What was read from one page: Tesseract's text (lines end in a newline, paragraphs in a
    blank line) and its words."""

    width: int  # the upright original page, in pixels
    height: int
    quarter_turns: int  # counter-clockwise quarter turns that made the page upright
    language: str  # "ko", "en" or "mixed"
    tesseract: str  # "kor", "eng" or "kor+eng"
    angle: float
    text: str = ""
    words: list[ReadWord] = field(default_factory=list)


def available() -> str | None:
    """None when Tesseract with Korean and English can run here; else what to install."""
    try:
        import tesserocr
    except ImportError:
        return ("the Python binding tesserocr is not installed: run `make install` "
                "(it builds against Debian's libtesseract-dev and libleptonica-dev)")
    _path, languages = tesserocr.get_languages(_datapath())
    missing = [lang for lang in ("kor", "eng", "osd") if lang not in languages]
    if missing:
        return ("Tesseract's language data is missing (" + ", ".join(missing) + "): "
                "apt-get install tesseract-ocr-kor tesseract-ocr-eng tesseract-ocr-osd")
    return None


def _datapath() -> str:
    configured = os.environ.get("TESSDATA_PREFIX")
    if configured:
        return configured.rstrip("/") + "/"
    for candidate in ("/usr/share/tesseract-ocr/5/tessdata/",
                      "/usr/share/tesseract-ocr/4.00/tessdata/"):
        if os.path.isdir(candidate):
            return candidate
    return ""


class Recogniser:
    """Tesseract engines, one per language set, loaded once and reused for every page."""

    def __init__(self) -> None:
        problem = available()
        if problem:
            raise InvalidInput("scanned pages cannot be read: " + problem)
        self._apis: dict[str, PyTessBaseAPI] = {}

    def _api(self, languages: str) -> PyTessBaseAPI:
        if languages not in self._apis:
            from tesserocr import OEM, PSM, PyTessBaseAPI

            psm = PSM.OSD_ONLY if languages == "osd" else PSM.SINGLE_COLUMN
            oem = OEM.TESSERACT_ONLY if languages == "osd" else OEM.LSTM_ONLY
            self._apis[languages] = PyTessBaseAPI(path=_datapath(), lang=languages, oem=oem,
                                                  psm=psm, variables=QUIET)
        return self._apis[languages]

    def close(self) -> None:
        for api in self._apis.values():
            api.End()
        self._apis.clear()

    def __enter__(self) -> Recogniser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one page ------------------------------------------------------------------------
    def read(self, image: Image.Image, dpi: int = 300) -> ReadPage:
        """Read one page image (any size, any lighting, up to a quarter turn off)."""
        turns, script = self.orientation(image)
        upright = image.rotate(90 * turns, expand=True) if turns else image
        prepared = prepare(upright)
        first = SCRIPT_LANGUAGES.get(script or "", "kor+eng")
        text, words = self._recognise(prepared, first, dpi)
        hangul, latin = _letters(text, words)
        languages = first
        other = _share(latin if first == "kor" else hangul, hangul + latin)
        if first != "kor+eng" and (other >= MIXED_SHARE or _doubtful(words) >= DOUBTFUL):
            again = self._recognise(prepared, "kor+eng", dpi)
            hangul2, latin2 = _letters(*again)
            mixed = _share(latin2 if first == "kor" else hangul2, hangul2 + latin2) >= MIXED_SHARE
            # only a page that really holds both scripts is worth the mixed model: on a noisy
            # one-script page it turns smudged words into confident letters of the other script
            if mixed and _mean_confidence(*again) > _mean_confidence(text, words) + MIXED_GAIN:
                (text, words), languages = again, "kor+eng"
                hangul, latin = hangul2, latin2
        return ReadPage(prepared.width, prepared.height, turns, _language(hangul, latin),
                        languages, prepared.angle, text, words)

    def orientation(self, image: Image.Image) -> tuple[int, str | None]:
        """(quarter turns that make the page upright, its script) from Tesseract's OSD."""
        small = image
        if image.width > OSD_WIDTH:
            small = image.resize((OSD_WIDTH, max(1, round(image.height * OSD_WIDTH / image.width))),
                                 Image.Resampling.BILINEAR)
        api = self._api("osd")
        _set_image(api, small, 150)
        try:
            found: dict[str, Any] | None = api.DetectOrientationScript()
        except RuntimeError:  # too little text to tell
            return 0, None
        if not found:
            return 0, None
        degrees = int(found.get("orient_deg") or 0)
        turns = degrees // 90 % 4 if found.get("orient_conf", 0) >= ORIENTATION_CONFIDENCE else 0
        return turns, found.get("script_name")

    def _recognise(self, prepared: Prepared, languages: str,
                   dpi: int) -> tuple[str, list[ReadWord]]:
        api = self._api(languages)
        _set_image(api, prepared.image, round(dpi * prepared.scale))
        if not api.Recognize():
            return "", []
        return _words(api, prepared)


def _set_image(api: PyTessBaseAPI, image: Image.Image, dpi: int) -> None:
    grey = image if image.mode == "L" else image.convert("L")
    api.SetImageBytes(grey.tobytes(), grey.width, grey.height, 1, grey.width)
    api.SetSourceResolution(max(70, dpi))


def _words(api: PyTessBaseAPI, prepared: Prepared) -> tuple[str, list[ReadWord]]:
    """Tesseract's page text, and its words found in that text in order.

    The page text is the one Tesseract writes itself, because only it knows where the spaces
    are: the result iterator gives Korean one "word" per syllable block, with no sign of which
    ones a space separates. Pieces the text joins without a space become one word (an eojeol),
    whose box holds all of theirs.
    """
    from tesserocr import RIL

    text = _paragraphs(api, (api.GetUTF8Text() or "").rstrip())
    words: list[ReadWord] = []
    iterator = api.GetIterator() if text else None
    cursor = 0
    while iterator is not None:
        try:
            piece = (iterator.GetUTF8Text(RIL.WORD) or "").strip()
        except RuntimeError:  # tesserocr's "No text returned" for an empty word
            piece = ""
        box = _within(iterator.BoundingBox(RIL.WORD), iterator.BoundingBox(RIL.TEXTLINE))
        at = text.find(piece, cursor) if piece else -1
        if at >= 0 and box is not None and not text[cursor:at].strip():
            original = prepared.original_box(box)
            confidence = max(0.0, float(iterator.Confidence(RIL.WORD)))
            if words and at == cursor and cursor > 0:  # no space: the same word goes on
                last = words[-1]
                words[-1] = ReadWord(last.start, at + len(piece), _union(last.box, original),
                                     min(last.confidence, confidence))
            else:
                words.append(ReadWord(at, at + len(piece), original, confidence))
            cursor = at + len(piece)
        if not iterator.Next(RIL.WORD):
            break
    return text, words


def _paragraphs(api: PyTessBaseAPI, text: str) -> str:
    """Tesseract's text with its paragraph breaks put where the page has them: a blank line
    where the gap above a line is clearly wider than the gaps between the lines of a
    paragraph. Tesseract's own paragraph finder often breaks a Korean paragraph before its
    short last line, which cuts a sentence in two for the extractor (a tenth of the facts of
    Korean pages in our measurements)."""
    from tesserocr import RIL

    lines = [line for line in text.split("\n") if line.strip()]
    boxes: list[tuple[int, int, int, int]] = []
    iterator = api.GetIterator()
    while iterator is not None:
        try:
            piece = iterator.GetUTF8Text(RIL.TEXTLINE) or ""
        except RuntimeError:
            piece = ""
        box = iterator.BoundingBox(RIL.TEXTLINE)
        if piece.strip() and box is not None:
            boxes.append(box)
        if not iterator.Next(RIL.TEXTLINE):
            break
    if len(boxes) != len(lines) or len(lines) < 3:
        return text
    heights = sorted(b[3] - b[1] for b in boxes)
    gaps = sorted(b[1] - a[3] for a, b in zip(boxes, boxes[1:]))
    height, gap = heights[len(heights) // 2], gaps[len(gaps) // 2]
    out = [lines[0]]
    for (above, below), line in zip(zip(boxes, boxes[1:]), lines[1:]):
        wide = below[1] - above[3] > gap + 0.6 * height
        out.append(("\n\n" if wide else "\n") + line)
    return "".join(out)


def _within(box: tuple[int, int, int, int] | None,
            line: tuple[int, int, int, int] | None) -> tuple[int, int, int, int] | None:
    """A word's box cut to its text line: Tesseract gives some Hangul syllables a box twice
    the height of the line (it reaches into the lines above and below)."""
    if box is None or line is None:
        return box
    left, top = max(box[0], line[0]), max(box[1], line[1])
    right, bottom = min(box[2], line[2]), min(box[3], line[3])
    return (left, top, right, bottom) if left < right and top < bottom else box


def _union(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def _letters(text: str, words: list[ReadWord]) -> tuple[int, int]:
    """Hangul and Latin letters in the words Tesseract is fairly sure of."""
    sure = " ".join(text[w.start:w.end] for w in words if w.confidence >= 50)
    return len(HANGUL.findall(sure)), len(LATIN.findall(sure))


def _doubtful(words: list[ReadWord]) -> float:
    return _share(sum(w.confidence < 50 for w in words), len(words))


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _mean_confidence(text: str, words: list[ReadWord]) -> float:
    total = sum(w.end - w.start for w in words)
    return sum(w.confidence * (w.end - w.start) for w in words) / total if total else 0.0


def _language(hangul: int, latin: int) -> str:
    share = _share(hangul, hangul + latin)
    if share >= 1 - MIXED_SHARE:
        return "ko"
    if share <= MIXED_SHARE:
        return "en"
    return "mixed"
