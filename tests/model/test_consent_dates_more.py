"""Laws of consent and of uncertain dates that hold for every history and every date.

A withdrawal always wins over the grant it withdraws; a scope typed any way is refused or stored
in one spelling; an uncertain date's bounds contain every more precise date inside it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casebook.model.consent import (
    AGGREGATE_STATISTICS,
    BASE_SCOPES,
    SHORT_NAMES,
    Consent,
    ConsentGrant,
    check_scope,
    held_scope,
    share_scope,
    short_name,
)
from casebook.model.dates import SEASON_MONTHS, UncertainDate, date_label

days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))
scopes = st.sampled_from([*BASE_SCOPES, share_scope("Bridge of Light"), share_scope("Hanul")])


@given(st.lists(st.tuples(scopes, days), min_size=1, max_size=8), scopes, days, days)
def test_a_withdrawal_always_wins_from_its_day_on(grants, scope, withdrawn, asked):
    consent = Consent()
    for s, on in grants:
        consent = consent.grant(s, on)
    after = consent.withdraw(scope, withdrawn)
    if asked >= withdrawn:
        assert not after.allows(scope, asked)
        assert scope not in after.active_scopes(asked)
    else:  # not retroactive: what was allowed before the withdrawal stays allowed then
        assert after.allows(scope, asked) == consent.allows(scope, asked)
    for other in {s for s, _ in grants} - {scope}:  # other scopes are untouched
        assert after.allows(other, asked) == consent.allows(other, asked)


@given(st.lists(st.tuples(scopes, days, st.one_of(st.none(), days)), max_size=8))
def test_consent_survives_its_stored_form(rows):
    grants = tuple(ConsentGrant(s, g, w if w is None or w >= g else None) for s, g, w in rows)
    consent = Consent(grants)
    again = Consent.from_list(consent.to_list())
    assert again == consent
    for _, on, _ in rows:
        assert again.active_scopes(on) == consent.active_scopes(on)


@given(scopes, days)
def test_granting_twice_adds_nothing(scope, on):
    once = Consent().grant(scope, on)
    assert once.grant(scope, on) is once
    assert len(once.grants) == 1


@given(days, days)
def test_a_grant_is_inactive_before_its_day(granted, asked):
    grant = ConsentGrant(AGGREGATE_STATISTICS, granted)
    assert grant.active(asked) == (asked >= granted)


def test_regranting_after_a_withdrawal_keeps_the_history():
    d1, d2, d3 = dt.date(2020, 1, 1), dt.date(2021, 1, 1), dt.date(2022, 1, 1)
    consent = Consent().grant(AGGREGATE_STATISTICS, d1).withdraw(AGGREGATE_STATISTICS, d2)
    again = consent.grant(AGGREGATE_STATISTICS, d3)
    assert len(again.grants) == 2
    assert again.allows(AGGREGATE_STATISTICS, dt.date(2020, 6, 1))
    assert not again.allows(AGGREGATE_STATISTICS, dt.date(2021, 6, 1))
    assert again.allows(AGGREGATE_STATISTICS, dt.date(2022, 6, 1))


@pytest.mark.parametrize("typed", ["Stats", " STATISTICS ", "aggregate-statistics",
                                   "aggregate statistics", "quote", "Legal", "legal_use"])
def test_typed_spellings_land_on_a_base_scope(typed):
    assert check_scope(typed) in BASE_SCOPES


@pytest.mark.parametrize("typed", ["share:", "share_with:   ", "stat", "", "legal proceedings!",
                                   "share_with"])
def test_a_mistyped_scope_is_refused_not_guessed(typed):
    with pytest.raises(ValueError, match="unknown consent scope"):
        check_scope(typed)
    with pytest.raises(ValueError):
        ConsentGrant(typed, dt.date(2020, 1, 1))


def test_share_prefixes_normalise_the_partner_name():
    assert check_scope("share:  Bridge   of Light ") == share_scope("Bridge of Light")
    assert check_scope("SHARE_WITH:Hanul") == "share_with:Hanul"
    assert short_name(AGGREGATE_STATISTICS) == SHORT_NAMES[AGGREGATE_STATISTICS]
    assert short_name("share_with:Hanul") == "share_with:Hanul"


def test_held_scope_matches_a_partner_whatever_its_case_but_never_a_withdrawn_one():
    on = dt.date(2021, 1, 1)
    consent = Consent.of([share_scope("Bridge of Light"), "stats"], on)
    assert held_scope(consent, "share_with:bridge  OF light", on) == "share_with:Bridge of Light"
    assert held_scope(consent, "statistics", on) == AGGREGATE_STATISTICS
    assert held_scope(consent, "legal", on) is None
    gone = consent.withdraw("share_with:Bridge of Light", on)
    assert held_scope(gone, "share:bridge of light", on) is None
    assert gone.shared_with(on) == []
    assert consent.shared_with(on) == ["Bridge of Light"]


# -- uncertain dates ---------------------------------------------------------------------------

years = st.integers(min_value=1950, max_value=2030)


@given(years, st.integers(1, 12), st.integers(1, 31))
def test_a_day_lies_inside_its_month_season_and_year(year, month, day):
    try:
        exact = UncertainDate(year, month, day)
    except ValueError:  # 31 February: refused, never rolled over
        with pytest.raises(ValueError):
            dt.date(year, month, day)
        return
    d = exact.bounds()[0]
    for coarser in (UncertainDate(year, month), UncertainDate(year),
                    UncertainDate(year, approximate=True), exact.coarsened()):
        low, high = coarser.bounds()
        assert low <= d <= high
    season = next(s for s, (a, b) in SEASON_MONTHS.items()
                  if (a <= month <= b) or (a > b and (month >= a or month <= b)))
    start_year = year - 1 if season == "winter" and month <= 2 else year
    low, high = UncertainDate(start_year, season=season).bounds()
    assert low <= d <= high


@given(years, st.integers(0, 10), st.booleans())
def test_bounds_widen_with_uncertainty(year, span, approximate):
    plain = UncertainDate(year, end_year=year + span)
    fuzzy = UncertainDate(year, end_year=year + span, approximate=approximate)
    (a, b), (c, d) = plain.bounds(), fuzzy.bounds()
    assert c <= a and b <= d
    assert (c < a) == approximate
    assert plain.precision == ("range" if span else "year")


@given(st.lists(st.builds(UncertainDate, year=st.one_of(st.none(), years),
                          approximate=st.booleans()), max_size=12))
def test_sorting_is_independent_of_the_order_given(dates):
    once = sorted(dates, key=UncertainDate.sort_key)
    twice = sorted(reversed(dates), key=UncertainDate.sort_key)
    assert [d.sort_key() for d in once] == [d.sort_key() for d in twice]


@pytest.mark.parametrize("kwargs", [dict(month=13), dict(month=0), dict(season="monsoon"),
                                    dict(day=3), dict(year=2000, day=3),
                                    dict(year=2001, end_year=2000)])
def test_a_date_nobody_could_mean_is_refused(kwargs):
    with pytest.raises(ValueError):
        UncertainDate(**kwargs)


def test_from_dict_of_nothing_is_nothing_and_labels_never_add_precision():
    assert UncertainDate.from_dict(None) is None
    assert UncertainDate.from_dict({}) is None
    assert date_label(None) == "date unknown"
    assert date_label(UncertainDate(), "ko") == "날짜 미상"
    assert UncertainDate(2001, end_year=2001).precision == "year"
    assert date_label(UncertainDate(1999, end_year=2001), "ko") == "1999–2001년"
    winter = UncertainDate(1998, season="winter")
    assert winter.label() == "winter 1998" and winter.label("ko") == "1998년 겨울"
    assert UncertainDate(2003, approximate=True).label("ko") == "2003년경"
