"""``casebook.text.literal`` finds what ``re`` finds, without building a pattern from the words.

Random texts and needles drawn from the letters where case is hard (Turkish dotted and dotless i,
German ß and ẞ, Greek final sigma, the Kelvin sign, long s, micro sign, Hangul, diacritics both
composed and combining) are searched both ways; any difference fails.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from casebook.text import literal

HARD = ("iIİıjJsSſßẞtT kKKµμΜΣσςΑᾳιΙιΐΐ ΰΰ ﬅﬆ ǅǄǆ ÉéEe\u0301ÖöOo\u0308ŁłĞğŞş "
        "김박탁뢰별순자희가힣 -_.,'’()·\n\t0٣")
WORDS = st.text(alphabet=HARD, min_size=1, max_size=6)
TEXTS = st.lists(st.one_of(WORDS, st.sampled_from(HARD)), max_size=25).map("".join)


def _re_spans(text, needles, flags):
    pattern = "|".join(re.escape(n) for n in needles)
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, flags)]


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(TEXTS, st.lists(WORDS, min_size=1, max_size=4), st.booleans())
@example("İstanbul ISTANBUL ıstanbul", ["istanbul"], True)
@example("STRASSE Straße STRAẞE", ["straße", "STRAẞE"], True)
@example("ΟΔΥΣΣΕΥΣ Οδυσσευς", ["οδυσσευσ", "ς"], True)
def test_finditer_is_re_finditer_of_the_alternation(text, needles, ignore_case):
    flags = re.I if ignore_case else 0
    # (a needle that is part of another, longer text: both ways, as an alternation orders them)
    got = [(a, b) for a, b, _k in literal.finditer(text, needles, ignore_case)]
    assert got == _re_spans(text, needles, flags)


@settings(max_examples=1500, deadline=None)
@given(TEXTS, WORDS)
def test_a_needle_found_inside_a_word_of_the_text_too(text, needle):
    text = text + needle.swapcase() + text
    got = [(a, b) for a, b, _k in literal.finditer(text, [needle])]
    assert got == _re_spans(text, [needle], re.I)


def test_replace_is_re_sub():
    text = "Kim KIM kİm kım; Straße STRASSE"
    assert literal.replace(text, ["kim", "straße"], "[name]") == re.sub(
        "kim|straße", "[name]", text, flags=re.I)


def test_fold_keeps_offsets_and_is_simple_lowercase_for_every_character():
    """Every code point: fold is one character, the simple lowercase re compares (or its group)."""
    import _sre

    one = {lo: min((lo, *o)) for lo, o in literal._SAME.items()}
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        lo = _sre.unicode_tolower(cp)
        assert literal.fold(chr(cp)) == chr(one.get(lo, lo)), hex(cp)
    assert literal.fold("ΟΔΥΣ ΟΔΟΣ") == literal.fold("οδυσ") + " " + literal.fold("οδοσ")
