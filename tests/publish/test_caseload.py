"""The case dashboard that may leave the organisation (``publish.caseload``): active cases only,
every number under disclosure control (no count below k, none worked out by subtraction), and
counts that disagree are a bug, never a silently wrong table."""

from __future__ import annotations

import pytest

from casebook.publish.caseload import as_rows, caseload_tables, published
from casebook.publish.tables import ALL, NOT_STATED, STATED

K = 5


def _counts(status, stage, risk, overdue_cases, overdue_tasks=None):
    return {"status": status, "stage": stage, "risk": risk, "needs": {"medical": 3},
            "overdue": {"cases": overdue_cases, "tasks": overdue_tasks or overdue_cases},
            "overdue_by_caseworker": {"mina": overdue_cases}}


LARGE = _counts({"open": 40, "in_transit": 25, "resettled": 30, "closed": 7},
                {"hiding_china": 20, "safe_house": 30, "transit_third_country": 15,
                 "arrived": 10, "south_korea": 20},
                {"high": 35, "medium": 30, "low": 25, NOT_STATED: 5}, overdue_cases=12)
SMALL = _counts({"open": 14, "in_transit": 2, "resettled": 9, "closed": 3},
                {"hiding_china": 1, "safe_house": 12, "transit_third_country": 2,
                 "arrived": 3, "south_korea": 7},
                {"high": 3, "medium": 10, "low": 12}, overdue_cases=4)


def test_closed_cases_are_not_counted_and_every_table_shares_the_active_total():
    tables = caseload_tables(LARGE)
    assert [t.name for t in tables] == ["case_status", "case_stage", "case_risk", "case_overdue"]
    assert "closed" not in tables[0].row_categories
    assert {t.raw(ALL, ALL) for t in tables} == {95}
    overdue = tables[3]
    assert (overdue.raw("yes", ALL), overdue.raw("no", ALL)) == (12, 83)
    assert tables[2].raw(NOT_STATED, ALL) == 5


def test_large_counts_are_published_as_they_are():
    for t in published(LARGE, k=K):
        assert not t.suppressed
        for code in t.row_categories:
            assert t.value(code) == t.raw(code, ALL)


def test_no_published_count_is_below_k_and_none_can_be_worked_out(attacker):
    tables = published(SMALL, k=K)
    assert any(t.suppressed for t in tables)
    for t in tables:
        shown = {code: t.value(code) for code in (*t.row_categories, NOT_STATED)}
        assert all(v is None or v == 0 or v >= K for v in shown.values()), (t.name, shown)
        hidden = [c for c, v in shown.items() if v is None]
        assert len(hidden) != 1, (t.name, hidden)  # one hidden cell = total minus the rest
    bounds = attacker([t.to_dict() for t in tables])
    for cell, (lo, hi) in bounds.items():  # every hidden cell stays wide enough
        assert hi - lo >= K - 1e-6 or hi < 1e-9, (cell, lo, hi)


def test_the_rows_that_may_be_printed_say_which_are_withheld():
    tables = published(SMALL, k=K)
    rows = as_rows(tables)
    for t in tables:
        mine = [r for r in rows if r["table"] == t.name]
        assert [r["category"] for r in mine] == [*t.row_categories, NOT_STATED, STATED, ALL]
        for r in mine:
            assert (r["count"] is None) == r["suppressed"] or r["category"] in (STATED, ALL)
    assert any(r["suppressed"] and r["count"] is None for r in rows)
    assert not any(r["count"] is not None and 0 < r["count"] < K for r in rows)


def test_counts_that_disagree_are_refused_by_table():
    wrong = dict(SMALL, stage={"safe_house": 3})
    with pytest.raises(RuntimeError, match="case counts disagree on the total in stage"):
        caseload_tables(wrong)


def test_no_active_case_gives_empty_tables_and_nothing_to_hide():
    none = _counts({"closed": 4}, {}, {}, overdue_cases=0)
    tables = published(none, k=K)
    assert all(t.raw(ALL, ALL) == 0 for t in tables)
    assert all(r["count"] in (0, None) for r in as_rows(tables))
