"""A later year told in the same sentence dates its own clause; 'a year later' is when, not a
wage (own sentences)."""

from __future__ import annotations

import pytest

from casebook.extract import extract, profile

HEAD = "Case 1. Mrs. Kim.\n\n"


@pytest.mark.parametrize(("story", "crossed", "sale"), [
    ("I crossed the river in 2002 and was sold the following year for 3,000 yuan.", 2002,
     (3000, 2003)),
    ("I crossed the river in 2002. A year later I was sold for 3,000 yuan.", 2002, (3000, 2003)),
    ("I crossed the river in 2002. After a year he sold me for 4,000 yuan.", 2002, (4000, 2003)),
    ("In 2002 I crossed the river, and two years later I was sold for 3,000 yuan.", 2002,
     (3000, 2004)),
])
def test_a_later_year_dates_the_later_clause_and_the_price_stays_a_price(story, crossed, sale):
    p = profile(extract(HEAD + story))
    assert p["first_crossing_year"] == crossed
    assert [(s["amount"], s["year"]) for s in p["sales"]] == [sale]


def test_sold_the_following_year_is_a_sale_and_a_wage_stays_a_wage():
    assert profile(extract(HEAD + "I crossed the river in 2002 and was sold the following "
                                  "year."))["times_sold"] == 1
    assert profile(extract(HEAD + "I earned 500 yuan a month."))["sales"] == []
    assert profile(extract(HEAD + "My sister crossed in 1999 and was sold the next year."))[
        "times_sold"] is None


def test_a_lede_price_in_the_readers_money_and_the_storys_yuan_are_one_sale():
    text = ("Sold for the price of a used car\n\nKim, 35, was sold as a wife for £390 after she "
            "crossed the Yalu.\n\nIn China a broker sold Kim to a farmer for 5,000 yuan in 2009.")
    p = profile(extract(text))
    assert [(s["amount"], s["currency"]) for s in p["sales"]] == [(5000, "RMB")]
    assert p["times_sold"] == 1
    two = profile(extract("Kim was sold for $2,000. Later she was sold again to another man for "
                          "5,000 yuan."))
    assert len(two["sales"]) == 2  # not the same price: two sales


def test_a_currency_without_rates_converts_to_nothing_not_an_error():
    from casebook.vocab.money import convert

    assert convert(390, "GBP", 2009) is None


def test_the_price_of_an_escape_and_its_conversion_are_not_her_price():
    text = ("The price for a woman named Kim, her mother and sister to escape to China was 2,000 "
            "Chinese yuan, slightly more than $300. They crossed the Tumen and were sold to a "
            "Chinese farmer.")
    assert profile(extract(text))["sales"] == []
