"""Search words are marked in snippets as before, and stay in no cached regex pattern.

``snippet`` once marked the terms with ``re.sub`` of their alternation (``re.IGNORECASE``);
``re`` then kept a searcher's words (her name, a place) among its cached patterns for the life
of the process (see tests/re_cache.py). The old code is the reference on random texts here.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st
from re_cache import holding

from casebook.model import Person, Testimony
from casebook.store.search import snippet


def old_mark(window, names):
    pattern = "|".join(re.escape(t) for t in names)
    return re.sub(pattern, lambda m: f"⟦{m.group(0)}⟧", window, flags=re.IGNORECASE)


ALPHABET = "abAB iIİıſsSßẞΣσς흑룡강성연길 .-*?()[]\\|"
TERMS = st.lists(st.text(alphabet=ALPHABET, max_size=5), max_size=4)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40), TERMS)
@example("흑룡강성에서 흑룡강을 HEILONGJIANG heilongjiang", ["heilongjiang", "흑룡강성", "흑룡강"])
@example("ba", ["a", ""])
@example("xyz", [])
def test_marks_the_places_re_sub_marked(window, terms):
    from casebook.store.search import _mark

    names = sorted(set(terms), key=len, reverse=True)
    assert _mark(window, names) == old_mark(window, names)


def test_a_snippet_is_unchanged():
    body = "x " * 80 + "Then the broker took Vorsanel to Quiddlemoor; VORSANEL cried." + " y" * 80
    got = snippet(body, ["vorsanel", "Quiddlemoor"])
    assert got.count("⟦") == 3 and "⟦Quiddlemoor⟧" in got and "⟦VORSANEL⟧" in got, got


def test_no_cached_pattern_holds_the_search_words(sqlite_book):
    sqlite_book.testimonies.add(Testimony("The broker took Vorsanel to Quiddlemoor in 2003."),
                                Person("P1"))
    re.purge()
    hits = sqlite_book.testimonies.search("vorsanel quiddlemoor")
    assert hits and "⟦Vorsanel⟧" in hits[0].snippet  # (it searched, else this proves nothing)
    for word in ("orsanel", "uiddlemoor"):
        assert not holding(word), f"re's cache holds the search words: {holding(word)[:1]!r}"
