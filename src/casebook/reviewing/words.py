"""Finding a reviewer's words in the testimony: the evidence span of a fact added by hand.

The words must be in the text exactly (spacing and line breaks between words may differ, so
words copied from a wrapped screen still match). Words found more than once need the occurrence
to use; anything else is refused with one line naming the testimony, never the words.
"""

from __future__ import annotations

import re

from casebook.errors import BadArgument, InvalidInput
from casebook.model import Evidence

_SPACE = re.compile(r"\s+")


def _end(text: str, i: int, parts: list[str]) -> int:
    """Where ``parts`` end when the first stands at ``i`` and whitespace parts them; -1 if not."""
    if not text.startswith(parts[0], i):
        return -1
    j = i + len(parts[0])
    for part in parts[1:]:
        space = _SPACE.match(text, j)
        if space is None or not text.startswith(part, space.end()):
            return -1
        j = space.end() + len(part)
    return j


def occurrences(text: str, words: str) -> list[tuple[int, int]]:
    """Every (start, end) where ``words`` stand in ``text`` (any whitespace between them).

    What ``re.finditer`` of the words joined by ``\\s+`` found (leftmost, no overlaps), but by
    string search: a pattern built from the words would keep them in ``re``'s cache of compiled
    patterns for the life of the process. (A part holds no whitespace, so ``\\s+`` is greedy
    without a choice to go back on.)
    """
    parts = words.split()
    if not parts:
        return []
    out = []
    i = text.find(parts[0])
    while i >= 0:
        end = _end(text, i, parts)
        if end >= 0:
            out.append((i, end))
        i = text.find(parts[0], end if end >= 0 else i + 1)
    return out


def locate(text: str, words: str, testimony_id: int | str,
           occurrence: int | None = None) -> Evidence:
    """The evidence span of ``words`` in ``text``.

    ``occurrence`` (1-based) picks one when the words stand more than once. Errors name the
    testimony and say what to do; they never repeat the words (they are testimony text).
    """
    if not words.strip():
        raise BadArgument(f"testimony {testimony_id}: give the words the fact rests on "
                           "(--words \"exact words in the text\")")
    found = occurrences(text, words)
    if not found:
        raise BadArgument(f"testimony {testimony_id}: the words given are not in its text; "
                           "copy them exactly from `casebook show "
                           f"{testimony_id}`")
    if occurrence is None:
        if len(found) > 1:
            raise BadArgument(f"testimony {testimony_id}: the words given stand {len(found)} "
                               "times in its text; say which with --occurrence N "
                               f"(1 to {len(found)}) or give more words")
        occurrence = 1
    if not 1 <= occurrence <= len(found):
        raise BadArgument(f"testimony {testimony_id}: --occurrence {occurrence} but the words "
                           f"stand {len(found)} time(s) in its text")
    start, end = found[occurrence - 1]
    return Evidence.of(text, start, end)


def from_span(text: str, start: int, end: int, testimony_id: int | str) -> Evidence:
    """The evidence for a selection made on the page (character offsets into the text)."""
    if not 0 <= start < end <= len(text) or not text[start:end].strip():
        raise InvalidInput(f"testimony {testimony_id}: select the words the fact rests on "
                           "in the text first")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence.of(text, start, end)
