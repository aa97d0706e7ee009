"""Her names found in a text by plain string search, never inside a regex pattern.

Python's ``re`` keeps the patterns it compiled last (``re._cache``, 512 of them) for the life of
the process: a pattern built around her name would keep the name in memory after ``extract()``
returns, whatever memo the pipeline empties. So a name is found with ``str.find`` and its edges
are checked here; what must stand before or after it is a fixed pattern matched at its ends.

Edges, as the regexes they replace wrote them: ``"word"`` is ``\\b``; ``"token"`` is
``(?<![\\w-])`` before the name and ``(?![\\w-])`` after it; ``"hangul"`` (before only) is
``(?<![가-힣])``; ``""`` asks nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence


def _word(c: str) -> bool:
    """``\\w`` of ``re`` on a str pattern (letters and digits of any script, and "_")."""
    return c.isalnum() or c == "_"


def _edge_ok(text: str, i: int, edge: str, before: bool) -> bool:
    if not edge:
        return True
    if edge == "word":  # \b: a word character on one side only
        return (i > 0 and _word(text[i - 1])) != (i < len(text) and _word(text[i]))
    if edge == "token":
        j = i - 1 if before else i
        return not (0 <= j < len(text) and (_word(text[j]) or text[j] == "-"))
    if edge == "hangul":
        return i == 0 or not "가" <= text[i - 1] <= "힣"
    raise ValueError(f"unknown edge {edge!r}")


def occurrences(text: str, names: Sequence[str], lead: str = "word", tail: str = "word",
                pos: int = 0) -> list[tuple[int, int, int]]:
    """Every place a name stands with the edges asked for, as ``(start, end, k)`` (``k``: the
    name's index in ``names``), in the order a regex alternation of ``names`` would try them:
    by start, then by ``k``. Overlapping places are all listed."""
    out = []
    for k, n in enumerate(names):
        if not n:
            continue
        i = text.find(n, pos)
        while i >= 0:
            if _edge_ok(text, i, lead, True) and _edge_ok(text, i + len(n), tail, False):
                out.append((i, k, i + len(n)))
            i = text.find(n, i + 1)
    out.sort()
    return [(a, b, k) for a, k, b in out]


def first(text: str, names: Sequence[str], lead: str = "word",
          tail: str = "word") -> tuple[int, int] | None:
    """The first place any of ``names`` stands (``re.search`` of their alternation)."""
    hits = occurrences(text, names, lead, tail)
    return (hits[0][0], hits[0][1]) if hits else None


def spans(text: str, names: Sequence[str], lead: str = "word", tail: str = "word",
          title: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
    """The places ``re.finditer`` of the alternation of ``names`` would find (leftmost first, no
    overlaps). ``title``: a fixed pattern that may stand just before a name and is then part of
    its span (``(?:title)?(?:names)``, the title tried first, ``lead`` asked at its start)."""
    cands = [(a, 1, k, b) for a, b, k in occurrences(text, names, lead, tail)]
    if title is not None:
        for t in title.finditer(text):
            if not _edge_ok(text, t.start(), lead, True):
                continue
            k = next((k for k, n in enumerate(names) if n and text.startswith(n, t.end())
                      and _edge_ok(text, t.end() + len(n), tail, False)), None)
            if k is not None:
                cands.append((t.start(), 0, k, t.end() + len(names[k])))
    out: list[tuple[int, int]] = []
    at = 0
    for a, _titled, _k, b in sorted(cands):
        if a >= at:
            out.append((a, b))
            at = b
    return out


def followed(text: str, names: Sequence[str], rest: re.Pattern[str], lead: str = "token",
             pos: int = 0) -> tuple[int, re.Match[str]] | None:
    """The first name (by start, then by its order in ``names``) that ``rest`` matches right
    after, as a regex ``(?:names)rest`` would find it: (the name's start, the match of
    ``rest``), or None."""
    for a, b, _k in occurrences(text, names, lead, "", pos):
        m = rest.match(text, b)
        if m is not None:
            return a, m
    return None


def at(text: str, i: int, names: Sequence[str], tail: str = "word") -> int:
    """The end of the first of ``names`` (in their order) that stands at ``i``; -1 if none."""
    for n in names:
        if n and text.startswith(n, i) and _edge_ok(text, i + len(n), tail, False):
            return i + len(n)
    return -1
