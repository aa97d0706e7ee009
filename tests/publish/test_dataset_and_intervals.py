"""The dataset every statistic reads, its consent gates, and the intervals that are published."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casebook.errors import InvalidInput
from casebook.model import ACCEPTED, Consent, Event, UncertainDate
from casebook.publish.charts import bar_chart
from casebook.publish.dataset import Dataset, PersonRow
from casebook.publish.intervals import quantiles, wilson
from casebook.publish.synthetic import synthetic_dataset
from casebook.publish.tables import ALL, NOT_STATED, compute_tables

DAY = dt.date(2021, 6, 1)


def _row(pid, scopes, withdrawn=False, events=()):
    consent = Consent.of(list(scopes), on=dt.date(2020, 1, 1))
    if withdrawn:
        consent = consent.withdraw("aggregate_statistics", dt.date(2021, 1, 1))
    return PersonRow(person_id=pid, consent=consent, events=list(events), interview_year=2019,
                     profile={"recruitment": ["abducted"]})


def test_consent_gates_are_judged_on_the_datasets_day():
    rows = [_row(1, ["aggregate_statistics"]),
            _row(2, ["aggregate_statistics", "anonymous_quotation"]),
            _row(3, ["anonymous_quotation"]),
            _row(4, ["aggregate_statistics"], withdrawn=True)]
    today = Dataset(rows, as_of=DAY)
    assert [r.person_id for r in today.for_statistics()] == [1, 2]
    assert [r.person_id for r in today.for_quotation()] == [2]
    before = Dataset(rows, as_of=dt.date(2020, 6, 1))
    assert [r.person_id for r in before.for_statistics()] == [1, 2, 4]
    assert len(today.filter([True, False, True, False])) == 2


def test_only_accepted_events_are_kept_in_a_row():
    row = PersonRow(1, events=[Event("sale", status=ACCEPTED), Event("escape", status="suggested")])
    assert [e.type for e in row.events] == ["sale"]


def test_events_of_sorts_by_date_and_puts_undated_last():
    row = PersonRow(1, events=[Event("sale", UncertainDate(2003), status=ACCEPTED),
                               Event("sale", None, status=ACCEPTED),
                               Event("sale", UncertainDate(1999, month=5), status=ACCEPTED),
                               Event("border_crossing", UncertainDate(1998), status=ACCEPTED)])
    assert [e.date.year if e.date else None for e in row.events_of("sale")] == [1999, 2003, None]
    both = row.events_of("sale", "border_crossing")
    assert [e.type for e in both][:2] == ["border_crossing", "sale"]


def test_dataset_json_round_trip_and_errors():
    ds = synthetic_dataset(20, seed=3)
    again = Dataset.from_json(ds.to_json())
    assert [r.to_dict() for r in again] == [r.to_dict() for r in ds]
    with pytest.raises(InvalidInput, match="rows.json: not JSON"):
        Dataset.from_json("{", "rows.json")
    with pytest.raises(InvalidInput, match="person row 7"):
        Dataset.from_json('[{"person_id": 7, "consent": [{"scope": "nonsense"}]}]')


def test_tables_count_each_consenting_person_once():
    ds = Dataset([_row(i, ["aggregate_statistics"]) for i in range(5)]
                 + [_row(9, [])], as_of=DAY)
    [pathway] = compute_tables(ds.for_statistics(), ["pathway"])
    assert pathway.value(ALL) == 5 and pathway.value("abducted") == 5
    assert pathway.value(NOT_STATED) == 0


def test_bar_chart_is_an_inline_svg_without_scripts_or_links():
    ds = synthetic_dataset(200, seed=5).for_statistics()
    [table] = compute_tables(ds, ["pathway"])
    svg = bar_chart(table, "ko")
    assert svg.lstrip().startswith("<svg") and "</svg>" in svg
    assert "<script" not in svg and "xlink:href=\"http" not in svg


@pytest.mark.parametrize("k,n,lo,hi", [(10, 20, 0.299, 0.701), (0, 10, 0.0, 0.278),
                                       (10, 10, 0.722, 1.0)])
def test_wilson_reference_values(k, n, lo, hi):
    got = wilson(k, n)
    assert got[0] == pytest.approx(lo, abs=0.001) and got[1] == pytest.approx(hi, abs=0.001)


@given(st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_contains_the_estimate_and_stays_in_the_unit_interval(kn):
    k, n = kn
    lo, hi = wilson(k, n)
    assert 0.0 <= lo <= k / n <= hi <= 1.0


def test_wilson_refuses_impossible_counts():
    for k, n in ((1, 0), (-1, 5), (6, 5)):
        with pytest.raises(ValueError):
            wilson(k, n)


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=40))
def test_quantiles_are_ordered_and_within_the_data(values):
    q1, median, q3 = quantiles(values)
    assert min(values) <= q1 <= median <= q3 <= max(values)


def test_quantiles_match_numpy_type_7():
    assert quantiles([1, 2, 3, 4]) == [1.75, 2.5, 3.25]
    assert quantiles([5.0], (0.1, 0.9)) == [5.0, 5.0]
    assert math.isclose(quantiles([0, 10], (0.3,))[0], 3.0)
    with pytest.raises(ValueError):
        quantiles([])
