"""A scanned testimony: the original file, and each recognised word with its page and box.

The recognised text of a scan is an ordinary testimony text; what a scan adds is the way back
from a character of that text to the place on the page image where it was read, so a reviewer
can see the words that support a fact on the scan itself, and which words the recogniser was
unsure of.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from typing import Any

LOW_CONFIDENCE = 60.0  # Tesseract's word confidence (0-100) below which a reviewer should look


@dataclass(frozen=True)
class Word:
    """One recognised word: its span in the testimony text, its box on the page, its confidence.

    ``box`` is ``(left, top, right, bottom)`` in pixels of the page as :class:`ScanPage` sizes it.
    """

    start: int
    end: int
    box: tuple[int, int, int, int]
    confidence: float

    @property
    def low(self) -> bool:
        return self.confidence < LOW_CONFIDENCE


@dataclass
class ScanPage:
    """One page of a scan as it was read: its size, language, and words (or why it was not)."""

    number: int  # 1-based
    width: int
    height: int
    language: str = ""  # "ko", "en" or "mixed"; "" when unread
    tesseract: str = ""  # the languages Tesseract was given: "kor", "eng" or "kor+eng"
    angle: float = 0.0  # degrees the page was turned to straighten it
    turns: int = 0  # counter-clockwise quarter turns that make the original page upright
    words: list[Word] = field(default_factory=list)
    error: str | None = None  # why the page could not be read (no text, damaged…)

    @property
    def confidence(self) -> float:
        """Mean word confidence, weighted by word length (0 for a page without words)."""
        total = sum(w.end - w.start for w in self.words)
        if not total:
            return 0.0
        return sum(w.confidence * (w.end - w.start) for w in self.words) / total


@dataclass
class Scan:
    """The original scanned file (PDF or image) and what was read from each of its pages."""

    data: bytes
    media_type: str  # "application/pdf", "image/png", "image/jpeg", "image/tiff"
    file_name: str
    pages: list[ScanPage]
    dpi: int = 300  # an image file's declared resolution (PDF pages: rendered at their own)
    sha256: str = ""

    def __post_init__(self) -> None:
        if not self.sha256:
            self.sha256 = hashlib.sha256(self.data).hexdigest()

    @property
    def unread(self) -> list[ScanPage]:
        return [p for p in self.pages if p.error]

    def words_in(self, start: int, end: int) -> list[tuple[int, Word]]:
        """(page number, word) for every word overlapping text span ``[start, end)``."""
        out: list[tuple[int, Word]] = []
        for page in self.pages:
            starts = [w.start for w in page.words]
            i = max(0, bisect.bisect_right(starts, start) - 1)
            for word in page.words[i:]:
                if word.start >= end:
                    break
                if word.end > start:
                    out.append((page.number, word))
        return out

    def layout(self) -> list[dict[str, Any]]:
        """The pages as plain data (JSON) for the store: words as compact lists."""
        return [{"number": p.number, "width": p.width, "height": p.height,
                 "language": p.language, "tesseract": p.tesseract, "angle": round(p.angle, 2),
                 "turns": p.turns, "error": p.error,
                 "words": [[w.start, w.end, *w.box, round(w.confidence, 1)] for w in p.words]}
                for p in self.pages]

    @staticmethod
    def pages_from(layout: list[dict[str, Any]]) -> list[ScanPage]:
        """The inverse of :meth:`layout`."""
        return [ScanPage(number=int(p["number"]), width=int(p["width"]),
                         height=int(p["height"]), language=p.get("language") or "",
                         tesseract=p.get("tesseract") or "", angle=float(p.get("angle") or 0),
                         turns=int(p.get("turns") or 0), error=p.get("error"),
                         words=[Word(int(w[0]), int(w[1]), (int(w[2]), int(w[3]), int(w[4]),
                                                            int(w[5])), float(w[6]))
                                for w in p.get("words") or []])
                for p in layout]
