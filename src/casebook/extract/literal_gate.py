"""A literal gate in front of a regex that seldom matches: skip the search when the text holds
none of the strings every match must contain.

The strings come from the parsed pattern (:func:`rules.triggers_of`, the literals the row scan
trusts), so a gate never skips a text the regex would match: each literal is lower-cased (the
regex may ignore case), cut at whitespace (``\\s`` matches more than the space the literal
shows) and at any character other than ASCII (whose case folds the check does not mirror), and
its longest piece kept; a piece holding another is dropped (the shorter one is in the text
whenever the longer is). A text holding a letter that ignore-case matching reads as an ASCII
"i" or "s" although its lower case is not one ("ſ", "ı", "İ") is always searched.
"""

from __future__ import annotations

import functools
import re

from casebook.extract import rules

_MIN_PIECE = 3  # a shorter piece is in most sentences: no gain
_MAX_PIECES = 8  # more pieces cost as much to look for as a sentence's search they would save
# letters ignore-case matching reads as ASCII letters whose lower case is not that letter
_ODD = re.compile("[\u0130\u0131\u017f]")
_CUT = re.compile(r"[^\x21-\x7e]+")  # whitespace and anything not ASCII
_NEVER = "(?!)"  # rules.by_code's regex for a lexicon a language lacks


@functools.cache
def gate_of(pattern: str, most: int = _MAX_PIECES) -> tuple[str, ...] | None:
    """Lower-case ASCII strings one of which the lower-cased text holds wherever ``pattern`` can
    match (in any casing); None where the pattern gives no selective set of at most ``most``
    (a search over a whole testimony is worth more pieces than one over a sentence)."""
    if pattern == _NEVER:
        return ()  # (a language without the lexicon: nothing can match)
    pieces = set()
    for lit in rules.triggers_of(pattern):
        low = lit.lower().replace("\u017f", "s").replace("\u0131", "i").replace("i\u0307", "i")
        best = max(_CUT.split(low), key=len)
        if len(best) < _MIN_PIECE:
            return None  # (one literal without a selective piece: nothing can be required)
        pieces.add(best)
    if not pieces:
        return None
    kept = sorted(p for p in pieces if not any(q != p and q in p for q in pieces))
    return tuple(kept) if len(kept) <= most else None


def may_match(gate: tuple[str, ...] | None, text: str, low: str | None = None) -> bool:
    """False only when no match of the gated pattern can be in ``text`` (``low``: its
    ``str.lower()``, when the caller has it)."""
    if gate is None:
        return True
    if not gate:
        return False
    if low is None:
        low = text.lower()
    for piece in gate:
        if piece in low:
            return True
    return not text.isascii() and _ODD.search(text) is not None


class Gated:
    """A compiled pattern behind its gate: ``search``/``finditer`` skip a text that holds none of
    its literals (the same results otherwise: the pattern's own methods)."""

    __slots__ = ("rx", "gate", "pattern")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self.gate = gate_of(rx.pattern)
        self.pattern = rx.pattern

    def search(self, text: str, pos: int = 0, endpos: int = 2**62,
               low: str | None = None) -> re.Match[str] | None:
        if not may_match(self.gate, text, low):
            return None
        return self.rx.search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = 2**62,
                 low: str | None = None):
        if not may_match(self.gate, text, low):
            return iter(())
        return self.rx.finditer(text, pos, endpos)
