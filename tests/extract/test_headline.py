"""A price told only in the headline is her sale's price (extract/headline.py)."""

from __future__ import annotations

import pytest

from casebook.extract import extract, profile


def _sales(text: str, lang: str) -> tuple[int | None, list[tuple[float, str]]]:
    p = profile(extract(text, lang=lang))
    return p["times_sold"], [(s["amount"], s["currency"]) for s in p["sales"]]


@pytest.mark.parametrize("lang, text, want", [
    ("en", "A Bride Sold for 3,000 Yuan\n\nKim left North Korea in 2001. She lives in Seoul now.",
     (1, [(3000.0, "RMB")])),
    # the story tells the sale without a price: the headline prices it, no second sale
    ("en", "One Woman's Price: 8,000 Yuan\n\nMin crossed in 2004. A broker sold her to a farmer.",
     (1, [(8000.0, "RMB")])),
    ("ko", "3천 위안에 팔려간 탈북 여성\n\n박씨는 2003년 두만강을 건넜다. 그는 농촌에서 살았다.",
     (1, [(3000.0, "RMB")])),
    ("ko", "탈북 여성, 300만원에 중국인 신부가 되다\n\n정씨는 2005년 강을 건넜다.",
     (1, [(3000000.0, "KRW")])),
])
def test_headline_price_is_hers(lang, text, want):
    assert _sales(text, lang) == want


@pytest.mark.parametrize("lang, text, want", [
    # women in general, not her
    ("en", "Women Sold for as Little as 1,000 Yuan\n\nKim left North Korea in 2001.", (None, [])),
    ("ko", "탈북 여성들 2천 위안에 팔려\n\n김씨는 2003년 두만강을 건넜다.", (None, [])),
    # the story prices her sale itself: the story's price stands
    ("en", "A Bride Sold for 3,000 Yuan\n\nKim crossed in 2001. A broker sold her to a farmer "
     "for 5,000 yuan.", (1, [(5000.0, "RMB")])),
    # a foiled sale: the title tells what did not happen to her
    ("en", "A Bride Sold for 3,000 Yuan\n\nKim crossed in 2001. The broker planned to sell her, "
     "but she ran away.", (0, [])),
    # a closed sentence is the story's first line, not a headline
    ("en", "A broker once sold a woman for 3,000 yuan.\n\nKim crossed in 2001. She lives in "
     "Seoul now.", (None, [])),
    # no word of selling: a crossing fee
    ("en", "She Paid a Guide 500 Yuan to Cross\n\nKim crossed in 2001.", (None, [])),
])
def test_headline_price_is_not_hers(lang, text, want):
    assert _sales(text, lang) == want
