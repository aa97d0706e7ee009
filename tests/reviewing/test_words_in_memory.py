"""A reviewer's words are found in the testimony as before, and stay in no cached regex pattern.

``words.occurrences`` once compiled the words joined by ``\\s+``; ``re`` then kept testimony
words among its cached patterns for the life of the process (see tests/re_cache.py). The old
pattern is the reference for random texts here.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st
from re_cache import holding

from casebook.reviewing.words import locate, occurrences


def old_occurrences(text, words):
    if not words.split():
        return []
    pattern = re.compile(r"\s+".join(re.escape(p) for p in words.split()))
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


ALPHABET = "abAB탁별 \n\t\u3000\u00a0\u2028.-\\*()"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40), st.text(alphabet=ALPHABET, max_size=8))
@example("a b  a\nb ab a   b", "a b")
@example("aa aa aa", "aa aa")
@example("x\u3000y x y", " x  y ")
def test_the_same_places_as_the_regex(text, words):
    assert occurrences(text, words) == old_occurrences(text, words)


def test_no_cached_pattern_holds_the_words():
    text = "She said the Quiddlemoor farmer   sold her\nagain in Vorsanel county."
    re.purge()
    ev = locate(text, "Quiddlemoor farmer sold her again in Vorsanel", 7)
    assert ev.quote.startswith("Quiddlemoor")  # (it found them, else the test proves nothing)
    assert not holding("Quiddlemoor") and not holding("Vorsanel"), holding("Quiddlemoor")
