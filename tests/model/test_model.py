"""Uncertain dates, consent and record round-trips."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casebook.model import (
    Amount,
    Consent,
    Event,
    Evidence,
    Fact,
    Involvement,
    Record,
    UncertainDate,
)
from casebook.model.consent import check_scope


def test_precision_and_bounds():
    assert UncertainDate(1998, 2).bounds() == (dt.date(1998, 2, 1), dt.date(1998, 2, 28))
    assert UncertainDate(2000, 2).bounds()[1] == dt.date(2000, 2, 29)
    assert UncertainDate(1998, season="winter").bounds() == (dt.date(1998, 12, 1), dt.date(1999, 2,
                                                                                           28))
    assert UncertainDate(2003, approximate=True).bounds() == (dt.date(2002, 1, 1), dt.date(2004, 12,
                                                                                           31))
    assert UncertainDate(2001, end_year=2003).precision == "range"
    assert UncertainDate().precision == "unknown" and UncertainDate().bounds() is None
    assert UncertainDate(1998, 2, 14).coarsened() == UncertainDate(1998)


@pytest.mark.parametrize("kwargs", [
    {"year": 1998, "month": 13}, {"year": 1998, "month": 2, "day": 30},
    {"year": 1998, "season": "monsoon"}, {"year": 2003, "end_year": 2001}, {"day": 3},
])
def test_impossible_dates_are_refused(kwargs):
    with pytest.raises(ValueError):
        UncertainDate(**kwargs)


def test_sorting_puts_unknown_last():
    dates = [UncertainDate(2001), UncertainDate(), UncertainDate(1999, 5),
             UncertainDate(1999, season="spring")]
    ordered = sorted(dates, key=UncertainDate.sort_key)
    assert ordered[0] == UncertainDate(1999, season="spring") and ordered[-1] == UncertainDate()


@given(st.integers(1950, 2030), st.none() | st.integers(1, 12), st.booleans())
def test_date_round_trip(year, month, approx):
    d = UncertainDate(year, month, approximate=approx)
    assert UncertainDate.from_dict(d.to_dict()) == d


def test_consent_scopes_dates_and_withdrawal():
    c = Consent.of(["aggregate_statistics", "share_with:Bridge of Light"], on=dt.date(2020, 1, 1))
    assert c.allows("aggregate_statistics", on=dt.date(2021, 1, 1))
    assert not c.allows("aggregate_statistics", on=dt.date(2019, 1, 1))
    assert c.shared_with() == ["Bridge of Light"]
    w = c.withdraw("aggregate_statistics", on=dt.date(2022, 1, 1))
    assert not w.allows("aggregate_statistics") and w.allows("aggregate_statistics",
                                                             on=dt.date(2021, 6, 1))
    assert Consent.from_list(w.to_list()) == w
    with pytest.raises(ValueError):
        check_scope("share_with:")
    with pytest.raises(ValueError):
        Consent.of(["publish_everything"])


def test_record_round_trip_and_accepted_view():
    text = "In 1998 the broker sold me for 3,000 yuan."
    e = Event("sale", UncertainDate(1998), amount=Amount(3000, "RMB", 1998, 362.3),
              involvements=[Involvement("perpetrator", "seller", who="the broker")],
              attributes={"purpose": "marriage"}, evidence=Evidence.of(text, 8,
                                                                       41), status="accepted")
    assert Event.from_dict(e.to_dict()) == e
    assert e.evidence.quote == "the broker sold me for 3,000 yuan"
    r = Record([Fact("birth_year", 1979), Fact("surname", "Kim", status="accepted")], [e])
    assert [f.field for f in r.accepted().facts] == ["surname"] and r.accepted().events == [e]
    assert r.attribute("birth_year") == 1979
    with pytest.raises(ValueError):
        Evidence(5, 2)
