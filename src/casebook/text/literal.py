"""Literal strings found in a text as ``re`` would find them, without building a pattern.

Python's ``re`` keeps its last 512 compiled patterns for the life of the process, so a pattern
built from her name or a reader's search words would keep them in memory after the call returns.
Here a literal is found by ``str.find`` on a case fold that keeps every offset, and each place is
then checked letter by letter with the rule ``re.IGNORECASE`` applies to a literal letter
(``re/_compiler.py``): a letter without case matches only itself; a cased one matches any letter
with the same simple lowercase, or one of the few lowercase letters ``re`` treats as the same
(i/ı, s/ſ, σ/ς, …: ``re._casefix``). Both come from the running ``re`` itself, so the rule
cannot drift from the engine it replaces (``tests/text/test_literal.py`` compares them).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

_sre = importlib.import_module("_sre")  # (no stubs: private, but it is what re itself uses)
_iscased: Callable[[int], bool] = _sre.unicode_iscased
_tolower: Callable[[int], int] = _sre.unicode_tolower
_SAME: dict[int, tuple[int, ...]] = importlib.import_module("re._casefix")._EXTRA_CASES

# the group of lowercase letters re treats as one, named by its smallest member
_ONE = [(chr(lo), chr(min((lo, *others)))) for lo, others in _SAME.items() if min(others) < lo]
_DOTTED_I = "\u0130"  # İ: the one letter whose str.lower() is two characters ("i̇")

Edge = Callable[[str, int, int], bool]


def fold(s: str) -> str:
    """One character for each of ``s`` (offsets keep): its simple lowercase, a group of
    letters ``re`` treats as one written as one. Where ``re.I`` matches, the folds are equal."""
    low = s.replace(_DOTTED_I, "i").lower()  # (the final sigma of str.lower() folds with σ)
    if len(low) != len(s):  # a letter a later Unicode lowers to two: one by one, simple lowercase
        low = "".join(chr(_tolower(ord(c))) for c in s)
    for letter, one in _ONE:  # (str.replace of a few letters: translate() was 8x slower)
        if letter in low:
            low = low.replace(letter, one)
    return low


def _same(p: str, t: str) -> bool:
    """Whether text letter ``t`` matches pattern letter ``p`` under ``re.IGNORECASE``."""
    cp = ord(p)
    if not _iscased(cp):
        return p == t
    lo, tl = _tolower(cp), _tolower(ord(t))
    return tl == lo or tl in _SAME.get(lo, ())


def matches_at(text: str, i: int, needle: str, ignore_case: bool = True) -> bool:
    """Whether ``needle`` stands at ``i`` (``re.compile(re.escape(needle), flags).match``)."""
    if not ignore_case:
        return text.startswith(needle, i)
    if i + len(needle) > len(text):
        return False
    return all(_same(p, text[i + j]) for j, p in enumerate(needle))


def occurrences(text: str, needle: str, ignore_case: bool = True,
                folded: str | None = None) -> list[int]:
    """Every start of ``needle`` in ``text``, overlapping ones too. ``folded``: ``fold(text)``
    when the caller has it already."""
    if not needle:
        return []
    if not ignore_case:
        hay, key = text, needle
    else:
        hay, key = (fold(text) if folded is None else folded), fold(needle)
    out = []
    i = hay.find(key)
    while i >= 0:
        if matches_at(text, i, needle, ignore_case):
            out.append(i)
        i = hay.find(key, i + 1)
    return out


def finditer(text: str, needles: Sequence[str], ignore_case: bool = True,
             edge: Edge | None = None) -> list[tuple[int, int, int]]:
    """What ``re.finditer`` of the alternation of the escaped ``needles`` finds, as
    ``(start, end, k)`` (``k``: the needle's index): leftmost first, at one start the first
    needle in their order, no overlaps. ``edge(text, start, end)``: a condition on a place
    (the lookarounds of the pattern), tried before the next needle or start. Empty needles
    are left out (a caller who had one decides what an empty match meant)."""
    folded = fold(text) if ignore_case else None
    cands = sorted((i, k, i + len(n)) for k, n in enumerate(needles)
                   for i in occurrences(text, n, ignore_case, folded)
                   if edge is None or edge(text, i, i + len(n)))
    out = []
    at = 0
    for a, k, b in cands:
        if a >= at:
            out.append((a, b, k))
            at = b
    return out


def replace(text: str, needles: Sequence[str], repl: str | Callable[[str], str],
            ignore_case: bool = True, edge: Edge | None = None) -> str:
    """``re.sub`` of the alternation of the escaped ``needles``; ``repl`` is taken literally
    (or called with the matched text)."""
    parts = []
    at = 0
    for a, b, _k in finditer(text, needles, ignore_case, edge):
        parts += [text[at:a], repl(text[a:b]) if callable(repl) else repl]
        at = b
    parts.append(text[at:])
    return "".join(parts)
