"""Round trips and invariants of the core dataclasses: dates, consent, facts and events."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casebook.model import (
    ACCEPTED,
    REJECTED,
    SUGGESTED,
    Amount,
    Consent,
    Event,
    Evidence,
    Fact,
    Involvement,
    Record,
    Testimony,
    UncertainDate,
    sha256_text,
    share_scope,
)
from casebook.model.consent import BASE_SCOPES, ConsentGrant, check_scope

YEARS = st.integers(1950, 2030)


@st.composite
def dates(draw) -> UncertainDate:
    year = draw(st.one_of(st.none(), YEARS))
    if year is None:
        return UncertainDate()
    kind = draw(st.sampled_from(["year", "month", "day", "season", "range"]))
    if kind == "month":
        return UncertainDate(year=year, month=draw(st.integers(1, 12)))
    if kind == "day":
        month = draw(st.integers(1, 12))
        return UncertainDate(year=year, month=month, day=draw(st.integers(1, 28)))
    if kind == "season":
        return UncertainDate(year=year, season=draw(st.sampled_from(
            ["spring", "summer", "autumn", "winter"])))
    if kind == "range":
        return UncertainDate(year=year, end_year=year + draw(st.integers(1, 5)))
    return UncertainDate(year=year, approximate=draw(st.booleans()))


@given(dates())
def test_date_round_trip_bounds_and_coarsening(date):
    assert UncertainDate.from_dict(date.to_dict()) == date
    bounds = date.bounds()
    if date.year is None:
        assert bounds is None and date.precision == "unknown"
        return
    start, end = bounds
    assert start <= end
    assert start.year <= date.year <= end.year
    coarse = date.coarsened()
    assert coarse.month is None and coarse.day is None and coarse.year == date.year
    cb = coarse.bounds()
    assert cb[0] <= start <= cb[1], "the coarse date still holds where the date begins"
    if date.season != "winter":  # a winter runs into the next year; it is told by its first
        assert end <= cb[1], "coarsening never narrows what a date may mean"


@given(st.lists(dates(), max_size=8))
def test_sorting_by_sort_key_orders_by_earliest_day_and_puts_unknown_last(ds):
    ordered = sorted(ds, key=lambda d: d.sort_key())
    known = [d for d in ordered if d.year is not None]
    assert ordered[len(known):] == [d for d in ordered if d.year is None]
    starts = [d.bounds()[0] for d in known]
    assert starts == sorted(starts)


def test_season_winter_runs_into_the_next_year():
    start, end = UncertainDate(year=2001, season="winter").bounds()
    assert start == dt.date(2001, 12, 1) and end == dt.date(2002, 2, 28)
    start, end = UncertainDate(year=2004, season="winter").bounds()
    assert end == dt.date(2005, 2, 28)
    assert UncertainDate(year=2000, month=2).bounds()[1] == dt.date(2000, 2, 29)
    assert UncertainDate(year=1999, approximate=True).bounds() == (dt.date(1998, 1, 1),
                                                                    dt.date(2000, 12, 31))


@pytest.mark.parametrize("scope", [*BASE_SCOPES, "share_with:Bridge of Light"])
def test_known_scopes(scope):
    assert check_scope(scope) == scope


@pytest.mark.parametrize("scope", ["", "share_with:", "share_with:   ", "everything", "stat",
                                   "public"])
def test_unknown_scopes_are_refused(scope):
    with pytest.raises(ValueError, match="unknown consent scope"):
        check_scope(scope)
    with pytest.raises(ValueError):
        ConsentGrant(scope, dt.date(2020, 1, 1))


SCOPES = st.sampled_from([*BASE_SCOPES, "share_with:Hanul", "share_with:Bridge"])
DAYS = st.dates(dt.date(2015, 1, 1), dt.date(2025, 12, 31))


@given(st.lists(st.tuples(st.sampled_from(["grant", "withdraw"]), SCOPES, DAYS), max_size=12),
       DAYS)
def test_consent_is_a_history_that_answers_for_any_day(steps, asked_on):
    consent = Consent()
    for action, scope, on in sorted(steps, key=lambda s: s[2]):
        consent = consent.grant(scope, on) if action == "grant" else consent.withdraw(scope, on)
    assert Consent.from_list(consent.to_list()) == consent
    for scope in {s for _, s, _ in steps}:
        expected = any(g.scope == scope and g.granted_on <= asked_on
                       and (g.withdrawn_on is None or g.withdrawn_on > asked_on)
                       for g in consent.grants)
        assert consent.allows(scope, asked_on) == expected
    assert consent.active_scopes(asked_on) == sorted(
        {g.scope for g in consent.grants if g.active(asked_on)})
    assert set(consent.shared_with(asked_on)) == {
        s.split(":", 1)[1] for s in consent.active_scopes(asked_on) if s.startswith("share_with:")}


def test_withdrawal_keeps_the_history_and_is_not_retroactive():
    c = Consent.of(["aggregate_statistics", "anonymous_quotation"], on=dt.date(2019, 1, 1))
    c = c.withdraw("aggregate_statistics", on=dt.date(2021, 6, 1))
    assert c.allows("aggregate_statistics", dt.date(2020, 1, 1))
    assert not c.allows("aggregate_statistics", dt.date(2021, 6, 1))
    assert not c.allows("aggregate_statistics", dt.date(2018, 12, 31))
    assert c.allows("anonymous_quotation", dt.date(2024, 1, 1))
    assert len(c.grants) == 2
    assert c.grant("anonymous_quotation", dt.date(2022, 1, 1)) is c  # already allowed
    again = c.grant("aggregate_statistics", dt.date(2022, 1, 1))
    assert len(again.grants) == 3 and again.allows("aggregate_statistics", dt.date(2023, 1, 1))


def test_share_scope_strips_the_name():
    assert share_scope("  Bridge of Light ") == "share_with:Bridge of Light"
    assert Consent.of([share_scope("Hanul")]).shared_with() == ["Hanul"]
    assert Consent.of(["aggregate_statistics", "aggregate_statistics"]).active_scopes() == [
        "aggregate_statistics"]


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@st.composite
def events(draw) -> Event:
    start = draw(st.integers(0, 100))
    return Event(
        type=draw(st.sampled_from(["sale", "border_crossing", "repatriation", "escape"])),
        date=draw(st.one_of(st.none(), dates())),
        place=draw(st.one_of(st.none(), st.sampled_from(["cn-yanji", "kp-hoeryong"]))),
        place_text=draw(st.one_of(st.none(), TEXT)),
        amount=draw(st.one_of(st.none(), st.builds(
            Amount, st.floats(1, 1e6), st.sampled_from(["RMB", "USD", "KPW"]),
            st.one_of(st.none(), YEARS), st.one_of(st.none(), st.floats(1, 1e5))))),
        involvements=draw(st.lists(st.builds(
            Involvement, st.sampled_from(["victim", "perpetrator", "witness"]),
            st.one_of(st.none(), st.sampled_from(["broker", "buyer"])),
            st.one_of(st.none(), TEXT)), max_size=3)),
        attributes=draw(st.dictionaries(st.sampled_from(["facility", "times"]),
                                        st.integers(0, 9), max_size=2)),
        notes=draw(TEXT),
        evidence=Evidence(start, start + draw(st.integers(0, 40)), draw(TEXT)),
        confidence=draw(st.floats(0, 1)),
        status=draw(st.sampled_from([SUGGESTED, ACCEPTED, REJECTED])),
    )


@given(events())
def test_event_round_trip(event):
    assert Event.from_dict(event.to_dict()) == event
    assert Event.from_dict(event.to_dict(), id=7).id == 7


@given(st.sampled_from(["birth_year", "surname", "origin_nk"]),
       st.one_of(st.integers(1900, 2020), TEXT), st.sampled_from([SUGGESTED, ACCEPTED]))
def test_fact_round_trip(field, value, status):
    fact = Fact(field, value, Evidence(1, 4, "abc"), 0.5, status)
    assert Fact.from_dict(fact.to_dict()) == fact


def test_record_accepted_view_and_attribute():
    rec = Record(facts=[Fact("birth_year", 1979, status=ACCEPTED),
                        Fact("birth_year", 1980, status=SUGGESTED),
                        Fact("surname", "Baek", status=REJECTED)],
                 events=[Event("sale", status=ACCEPTED), Event("escape", status=SUGGESTED)])
    acc = rec.accepted()
    assert [f.value for f in acc.facts] == [1979] and [e.type for e in acc.events] == ["sale"]
    assert acc.attribute("birth_year") == 1979
    assert acc.attribute("surname") is None


def test_evidence_spans_must_be_ordered():
    assert Evidence.of("she was sold", 8, 12).quote == "sold"
    with pytest.raises(ValueError):
        Evidence(5, 2)
    with pytest.raises(ValueError):
        Evidence(-1, 2)
    assert Evidence.from_dict(None) is None and Amount.from_dict({}) is None


def test_testimony_hash_is_of_the_text():
    t = Testimony("same words")
    assert t.sha256 == sha256_text("same words") != sha256_text("other words")
    assert len(t.sha256) == 64
