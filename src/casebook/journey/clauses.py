"""The clause that supports a fact: the words around its evidence span, never one syllable.

Extraction keeps the trigger's span ("팔", "sold"); a reader needs the clause it stands in
("그 남자가 저를 연길 근처 농촌 한족 남자한테 색시로 팔았어요"). The clause is cut from the
testimony text at display time (the text is read through the store, audited), so it is
never stored twice.
"""

from __future__ import annotations

import re

MAX_CHARS = 180
# sentence ends (Latin and CJK), blank lines and the brackets around an interviewer's question
_SENTENCE_END = re.compile(r"[.!?。！？]+[\"'”’)\]]*(?=\s|$)|\n\s*\n|[\[\]]")
_SHORT_LINE = 30  # a line break after a shorter line ends it (a header line); after a longer
# one the sentence runs on (a paragraph wrapped by a PDF: "엄마\n가 못 준다고")
# clause breaks inside a long sentence
_CLAUSE_BREAK = re.compile(r"[,;:，；、—–]\s")


def _ends(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence boundary in ``text``."""
    found = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text)]
    at = text.find("\n")
    while at >= 0:
        line_start = text.rfind("\n", 0, at) + 1
        if at - line_start < _SHORT_LINE:
            found.append((at, at + 1))
        at = text.find("\n", at + 1)
    return sorted(found)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    ends = _ends(text)
    left = max((e for s, e in ends if e <= start), default=0)
    right = min((e for s, e in ends if s >= end), default=len(text))
    after = next(((s, e) for s, e in ends if s >= end), None)
    if after is not None and text[after[0]:after[1]].strip() in ("", "[", "]"):
        right = after[0]  # a blank line or a bracket is not part of the sentence
    return left, right


def _narrow(text: str, left: int, right: int, start: int, end: int) -> tuple[int, int]:
    """Within a long sentence, the clauses around the span, up to MAX_CHARS."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, left, right)]
    lo = max([b for b in breaks if b <= start], default=left)
    hi = min([b for b in breaks if b >= end], default=right)
    if hi - lo > MAX_CHARS:  # still too long: a window around the span, on word boundaries
        half = max(0, (MAX_CHARS - (end - start)) // 2)
        lo = max(lo, start - half)
        hi = min(hi, end + half)
        while lo > left and not text[lo - 1].isspace():
            lo -= 1
        while hi < right and not text[hi:hi + 1].isspace():
            hi += 1
    return lo, hi


def clause(text: str, start: int, end: int) -> str:
    """The clause of ``text`` around ``[start, end)``, with "…" where it was cut.

    >>> clause("I crossed in 2005. Then the broker sold me to a farmer. I ran.", 35, 39)
    'Then the broker sold me to a farmer.'
    """
    if not text or not 0 <= start <= end <= len(text):
        return ""
    left, right = _sentence(text, start, end)
    if right - left > MAX_CHARS:
        lo, hi = _narrow(text, left, right, start, end)
    else:
        lo, hi = left, right
    words = " ".join(text[lo:hi].split()).strip(" ,;:")
    return ("…" if lo > left else "") + words + ("…" if hi < right else "")
