"""How statistics sort a person into categories: one answer per person, not stated is None."""

from __future__ import annotations

import pytest

from casebook.errors import InvalidInput
from casebook.model import ACCEPTED, Amount, Event, UncertainDate
from casebook.publish.dataset import PersonRow
from casebook.publish.variables import (
    VARIABLES,
    by_variable,
    crossing_year,
    first_sale,
    first_sale_year,
    period_variable,
    sale_usd,
)


def _row(profile=None, events=(), birth_year=None, interview_year=2015):
    return PersonRow(person_id=1, profile=dict(profile or {}), events=list(events),
                     birth_year=birth_year, interview_year=interview_year)


def _ev(kind, year=None, month=None, amount=None, currency="RMB", status=ACCEPTED, **kw):
    date = UncertainDate(year=year, month=month) if year else None
    money = Amount(amount, currency, year) if amount is not None else None
    return Event(kind, date=date, amount=money, status=status, **kw)


def classify(name, row):
    return VARIABLES[name].classify(row)


def test_every_category_a_variable_returns_is_one_it_declares():
    rows = [_row({"recruitment": ["drugged", "abducted"], "times_sold": 7,
                  "children_in_china": 1, "arrested_in_china": 0, "repatriated": 2,
                  "nk_detention": ["holding_centre"], "origin_nk": "Musan",
                  "province_china": "Jilin", "hukou_or_id": "fake"},
                 [_ev("border_crossing", 1998, 3), _ev("sale", 1999, 1, 4000),
                  _ev("arrival", 2005)], birth_year=1980),
            _row()]
    for name, variable in VARIABLES.items():
        for row in rows:
            value = variable.classify(row)
            assert value is None or value in variable.categories, (name, value)


@pytest.mark.parametrize("told,category", [
    (["voluntary_alone", "abducted"], "abducted"),  # the listed order decides, not hers
    (["deception_job_offer"], "deception_job_offer"),
    (["something_new"], "other"), ([], None),
])
def test_pathway_precedence(told, category):
    assert classify("pathway", _row({"recruitment": told})) == category


@pytest.mark.parametrize("times,band", [(None, None), (0, "0"), (3, "3"), (4, "4_plus"),
                                        (11, "4_plus")])
def test_times_sold_bands(times, band):
    assert classify("times_sold", _row({"times_sold": times})) == band


@pytest.mark.parametrize("amount,currency,band", [
    (2000, "RMB", "le_2000"), (2001, "CNY", "2001_5000"), (8000, "RMB", "5001_8000"),
    (8001, "RMB", "gt_8000"), (500, "USD", "other_currency"),
])
def test_price_bands_use_the_first_priced_sale(amount, currency, band):
    row = _row(events=[_ev("sale", 2003, amount=amount, currency=currency),
                       _ev("sale", 2005, amount=1)])
    assert classify("price_rmb", row) == band
    assert first_sale(row)["amount"] == amount and first_sale_year(row) == 2003


def test_a_suggested_sale_is_not_counted():
    row = _row(events=[_ev("sale", 2003, amount=3000, status="suggested")])
    assert classify("price_rmb", row) is None and first_sale_year(row) is None


def test_dollars_from_the_event_or_the_rate_table_or_unknown():
    assert sale_usd({"amount": 100, "currency": "RMB", "usd": 12.5}) == 12.5
    assert sale_usd({"amount": 300, "currency": "usd"}) == 300.0
    rmb = sale_usd({"amount": 8280, "currency": "RMB", "year": 2000})
    assert rmb is not None and 500 < rmb < 2000
    assert sale_usd({"amount": 5, "currency": "ZZZ", "year": 2000}) is None
    assert sale_usd({"amount": 5, "currency": "KPW", "year": 2000}) is None
    row = _row(events=[_ev("sale", 2000, amount=8280)])
    expected = "1000_1999" if sale_usd(first_sale(row)) >= 1000 else "500_999"
    assert classify("price_usd", row) == expected  # 8,280 yuan at the 2000 peg of 8.28


@pytest.mark.parametrize("birth,sale_year,band", [
    (1985, 2003, "under_20"), (1980, 2000, "20_29"), (1960, 1999, "30_39"),
    (1950, 1999, "40_plus"), (None, 1999, None),
])
def test_age_at_first_sale(birth, sale_year, band):
    row = _row(events=[_ev("sale", sale_year, amount=1000)], birth_year=birth)
    assert classify("age_first_sale", row) == band


def test_years_in_china_until_arrival_or_interview():
    crossed = _ev("border_crossing", 1998)
    assert classify("years_in_china", _row(events=[crossed, _ev("arrival", 2004)])) == "6_10"
    assert classify("years_in_china", _row(events=[crossed], interview_year=1999)) == "1_2"
    assert classify("years_in_china", _row(events=[crossed], interview_year=2020)) == "gt_10"
    assert classify("years_in_china", _row(events=[crossed], interview_year=1990)) is None
    assert classify("years_in_china", _row({"first_crossing_year": 2010},
                                           interview_year=2010)) == "lt_1"


@pytest.mark.parametrize("crossing,sale,band", [
    ((1998, 3), (1998, 3), "lt_1_month"), ((1998, 3), (1998, 9), "1_11_months"),
    ((1998, 3), (2000, 1), "1_2_years"), ((1998, None), (2003, None), "3_plus_years"),
    ((1998, None), (1999, None), None),  # years only, under two apart: cannot be told
    ((2001, 5), (1999, 5), "lt_1_month"),  # a sale told before the crossing counts as none
])
def test_crossing_to_sale_delay(crossing, sale, band):
    row = _row(events=[_ev("border_crossing", *crossing), _ev("sale", *sale)])
    assert classify("crossing_to_sale", row) == band


def test_crossing_year_prefers_the_profile():
    assert crossing_year(_row({"first_crossing_year": "2001"},
                              [_ev("border_crossing", 1998)])) == 2001
    assert crossing_year(_row(events=[_ev("border_crossing", 1998)])) == 1998
    assert crossing_year(_row()) is None


def test_provinces_in_and_out_of_korea():
    row = _row({"origin_nk": "Hoeryong", "province_china": "흑룡강성"})
    assert classify("origin_province", row) == "North Hamgyong"
    assert classify("province_china", row) == "Heilongjiang"
    assert classify("origin_province", _row({"origin_nk": "Seoul"})) == "other"
    assert classify("origin_province", _row()) is None


def test_periods():
    five = period_variable(5, [1996, 2004])
    assert five.categories == ("1995-1999", "2000-2004")
    assert five.classify(1999) == "1995-1999" and five.classify(None) is None
    one = period_variable(1, [2001, 2002])
    assert one.categories == ("2001", "2002") and one.classify(2002) == "2002"
    with pytest.raises(ValueError):
        period_variable(0, [2000])


def test_by_variable_names_the_choices():
    assert by_variable("pathway").name == "pathway"
    with pytest.raises(InvalidInput, match=r"organisation \(periods: --period"):
        by_variable("favourite_colour")
