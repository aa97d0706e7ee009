"""The one-pass hint families answer as the hint regexes they replace (session 10 speed work)."""

from __future__ import annotations

import re
import re._parser as sre  # type: ignore[import-not-found]

import pytest

from casebook.extract import dates, english, hints, numbers, walk

_REGEXES = {hints.MONEY: numbers._MONEY_HINT, hints.TIME_ORDER: dates._REL_HINT,
            hints.PAPERS: walk._PAPERS_HINT, hints.MARRIAGE: walk._MARRIAGE_HINT,
            hints.BIRTH: english._BIRTH_HINT}


def _alternatives(rx: re.Pattern[str]) -> tuple[set[str], list]:
    """The literal strings of a regex of literal alternatives (a class of letters expands), and
    the alternatives that are not literal."""
    items = list(sre.parse(rx.pattern))
    branches = items[0][1][1] if len(items) == 1 and items[0][0] == sre.BRANCH else [items]
    words, other = set(), []
    for b in branches:
        forms = [""]
        for op, av in b:
            if op == sre.LITERAL:
                forms = [f + chr(av) for f in forms]
            elif op == sre.IN and all(o == sre.LITERAL for o, _ in av):
                forms = [f + chr(v) for f in forms for _, v in av]
            else:
                forms = []
                break
        if forms:
            words.update(forms)
        else:
            other.append(b)
    return words, other


@pytest.mark.parametrize("bit", list(_REGEXES))
def test_a_family_holds_its_regex_alternatives(bit: int) -> None:
    words, other = _alternatives(_REGEXES[bit])
    assert set(hints.WORDS[bit]) == words
    # the money regex's one alternative that is not a literal ("위\s?안") starts with "위": a
    # sentence with "위" asks the regex
    assert len(other) == (1 if bit == hints.MONEY else 0)
    if other:
        assert other[0][0] == (sre.LITERAL, ord(hints.WORDS[hints.WI][0]))


def _texts() -> list[str]:
    words = [w for ws in hints.WORDS.values() for w in ws] + ["위 안", "위\t안", "위안", "위에",
                                                              "January", "İn", "ſon"]
    out = ["", "nothing here at all", "the person for the season", "hus band", "marr"]
    for w in words:
        out += [f"she said {w} then", f"{w}", f"x{w}y", f"{w.upper()} again", w[:-1] + " "]
    return out


@pytest.mark.parametrize("bit", list(_REGEXES))
def test_a_family_is_found_exactly_where_its_regex_matches(bit: int) -> None:
    rx = _REGEXES[bit]
    for text in _texts():
        low = text.lower()
        found = hints.families(low)
        said = bool(found & bit) or (bit == hints.MONEY and bool(found & hints.WI)
                                     and rx.search(low) is not None)
        assert said == (rx.search(low) is not None), (bit, text)
    hints.families.cache_clear()


def test_the_month_family_is_found_wherever_the_month_hint_matches() -> None:
    words, other = _alternatives(dates._MONTH_HINT)
    assert {w.lower() for w in words} == set(hints.WORDS[hints.MONTH]) and not other
    for text in _texts() + ["In May 2003", "in may", "MARCH", "Marchioness", "in Ju ly"]:
        if dates._MONTH_HINT.search(text):
            assert hints.families(text.lower()) & hints.MONTH, text
    assert not hints.families("in the spring") & hints.MONTH
    hints.families.cache_clear()


@pytest.mark.parametrize("bit", [hints.RIVER, hints.LIVES, hints.REPEATED])
def test_a_word_family_is_found_exactly_where_one_of_its_words_is(bit: int) -> None:
    for text in _texts() + ["over  and", "again\nand", "alive", "TIMES"]:
        low = text.lower()
        assert bool(hints.families(low) & bit) == any(w in low for w in hints.WORDS[bit]), text
    hints.families.cache_clear()


def test_the_memo_is_emptied_after_a_reading() -> None:
    from casebook.extract import extract
    extract("I was sold for 3,000 yuan. Later I married him.")
    assert hints.families.cache_info().currsize == 0


def test_digits_as_the_dates_read_them() -> None:
    # (an ASCII digit in the hint pass; any other digit only where the text is not ASCII)
    for text in ["no digit here", "in 2003", "in ２００３", "in ٢٠٠٣", "x9", "“1”", ""]:
        low = text.lower()
        ours = bool(hints.families(low) & hints.DIGIT) or (
            not text.isascii() and dates._DIGIT.search(text) is not None)
        assert ours == (dates._DIGIT.search(text) is not None), text
        assert bool(hints.families(low) & hints.DIGIT) == any(c in "0123456789" for c in text)
    hints.families.cache_clear()


def test_the_inner_hint_shortcut_answers_as_the_regex() -> None:
    from casebook.extract import clean
    for body in ["plain words only.", "two  spaces", "a\ttab", "a\t\ttabs", "no\u00a0\u00a0break",
                 "the \ufb01rst", "as noted.3 Then", "end.”12", "1999 was", "a , b", "x.y",
                 "curly “quotes” only", "", " ", "  ", "7"]:
        assert clean._inner_hint(body) == (clean._INNER_HINT.search(body) is not None), body


def test_the_age_hint_needs_an_a_y_or_w() -> None:
    import re._parser as p  # type: ignore[import-not-found]
    branches = p.parse(dates._AGE_HINT.pattern)[0][1][1]
    assert {chr(b[0][1]) for b in branches if b[0][0] == p.LITERAL} == {"a", "y", "w"}
    assert all(b[0][0] == p.LITERAL for b in branches)
