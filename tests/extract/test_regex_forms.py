"""Faster forms of the extraction's regexes find the same matches (session 10 speed work)."""

from __future__ import annotations

import re

import pytest

from casebook.extract import english, extract, numbers, pipeline, rules

_TEXTS = [
    "I was sold for three thousand yuan. THREE THOUSAND YUAN was the price; Twenty-five dollars.",
    "She was not sold, and she never knew. Women who are tricked, abducted or sold",
    "The ſix hundred yuan, İt was Kelvin \u212a, ı and İ, other women were being sold.",
    "In May 2003 and in March, aged 17, the broker (a man) said: “no”, then left; but it rained.",
    "그는 5천 위안에 팔렸다. 2003년 3월 탈북했다.",
    "",
]


@pytest.mark.parametrize("pattern", [
    r"\b(?:not|never)\b|n't\b",
    r"(?<!\bother\s)(?<!\band\s)\b(?:wom[ae]n|girls)\s+(?:being|are)",
    r"\b(?i:(?:anh(?:ui|wei)|beijing|sold))\b",
    r"(?<=\S\s)May\b|\bMay(?=\s*(?:\d|,|of\b))",
    r"(?:the\s+)?(?:\d{4}|in)\b",
])
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_lead_form_same_matches(pattern: str, flags: int) -> None:
    plain, lead = re.compile(pattern, flags), rules.lead_compile(pattern, flags)
    for text in _TEXTS + [t.lower() for t in _TEXTS] + [t.upper() for t in _TEXTS]:
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in lead.finditer(text)]


def test_lead_form_leaves_patterns_a_search_skips_to() -> None:
    # (a pattern that starts with a letter, a class or a look-ahead already makes the search skip)
    for p in (r"sold\b", r"[A-Z][a-z]+", r"later|after", r"(?=[ab])\bab", r"(?i)\bsold", r"\s+x",
              r"\b\w+"):
        assert rules.lead_form(p) == p
    assert rules.lead_form(r"\b(?:not|never)").startswith("(?=[n])")


def test_word_money_in_first_letter_form() -> None:
    plain = re.compile(rf"(?P<words>{numbers._WORDS_RE.pattern})\s+(?:chinese\s+)?"
                       rf"{numbers._EN_CUR}", re.I)
    assert numbers._WORD_MONEY_RE.pattern != plain.pattern
    for text in _TEXTS + [t.upper() for t in _TEXTS]:
        assert ([(m.span(), m.groupdict()) for m in plain.finditer(text)]
                == [(m.span(), m.groupdict()) for m in numbers._WORD_MONEY_RE.finditer(text)])


def test_text_memos_are_emptied_after_a_reading() -> None:
    extract("Kim said: I was sold for 3,000 yuan to a farmer. Then my aunt took me to Yanji.")
    assert english._mark_memo in pipeline._TEXT_MEMOS
    assert all(memo.cache_info().currsize == 0 for memo in pipeline._TEXT_MEMOS)
