"""Consent gates every output; the privacy budget refuses overspending."""

from __future__ import annotations

import datetime as dt

import pytest

from casebook.errors import DisclosureRisk
from casebook.model.consent import AGGREGATE_STATISTICS
from casebook.publish.dataset import Dataset
from casebook.publish.disclosure import protect
from casebook.publish.privacy import MemoryBudgetStore, PrivacyLedger, release
from casebook.publish.report import build_content, render_html
from casebook.publish.synthetic import synthetic_dataset
from casebook.publish.tables import ALL, TABLE_NAMES, compute_tables


def _published(ds):
    return [t.to_dict() for t in protect(compute_tables(ds), k=11)]


def test_withdrawing_consent_removes_her_from_every_output():
    ds = synthetic_dataset(150, seed=11, quote_share=1.0)
    her = ds.rows[0]
    before = compute_tables(ds)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    her.consent = her.consent.withdraw(AGGREGATE_STATISTICS, on=yesterday)
    after = compute_tables(ds)
    for b, a in zip(before, after):
        assert a.raw(ALL, ALL) == b.raw(ALL, ALL) - 1, b.name
    # published output equals the one computed as if she had never been in the casebook
    without_her = Dataset(ds.rows[1:])
    assert _published(ds) == _published(without_her)
    content = build_content(ds, quotes=50)
    assert all(her.names[0] not in q["text"] for q in content.quotes)
    assert len(content.quotes) == len(build_content(without_her, quotes=50).quotes)


def test_quotes_need_quotation_consent():
    ds = synthetic_dataset(60, seed=2, quote_share=0.0)
    content = build_content(ds, quotes=5)
    assert content.quotes == []
    assert "anonymous quotation" in render_html(content, "en")


def test_suggested_events_are_not_counted(crowd):
    # every factory person also carries a *suggested* sale in 1990, which must not count
    t = compute_tables(crowd, ["times_sold", "age_first_sale"])[1]
    assert t.raw(ALL, ALL) == len(crowd)
    assert all(ev.status == "accepted" for r in crowd for ev in r.events)


def test_budget_is_charged_and_refuses_overspending():
    ds = synthetic_dataset(200, seed=5)
    ledger = PrivacyLedger(MemoryBudgetStore(), total_epsilon=1.0)
    tables = release(compute_tables(ds, ["pathway", "times_sold"]), 0.6, ledger, "first")
    assert ledger.spent == pytest.approx(0.6)
    assert tables[0].noise["epsilon"] == pytest.approx(0.3)
    with pytest.raises(DisclosureRisk):
        release(compute_tables(ds, ["pathway"]), 0.5, ledger, "second")
    assert ledger.spent == pytest.approx(0.6)  # a refused release spends nothing


def test_budget_persists_and_cannot_be_raised():
    store = MemoryBudgetStore()
    PrivacyLedger(store, 1.0).charge(0.9, "x")
    again = PrivacyLedger(store)
    assert again.remaining == pytest.approx(0.1)
    with pytest.raises(DisclosureRisk):
        PrivacyLedger(store, 5.0)


def test_noise_changes_counts_but_keeps_them_plausible():
    ds = synthetic_dataset(400, seed=9)
    exact = compute_tables(ds, TABLE_NAMES[:3])
    noisy = release(compute_tables(ds, TABLE_NAMES[:3]), 1.5,
                    PrivacyLedger(MemoryBudgetStore(), 2.0), "noise")
    diffs = [abs(n.raw(r, ALL) - e.raw(r, ALL)) for n, e in zip(noisy, exact)
             for r in e.row_categories]
    assert any(d > 0 for d in diffs)
    assert max(diffs) < 60


def test_dp_report_says_so_and_charges_the_budget():
    ledger = PrivacyLedger(MemoryBudgetStore(), 2.0)
    content = build_content(synthetic_dataset(300, seed=12), epsilon=1.0, ledger=ledger,
                            quotes=0)
    page = render_html(content, "en")
    assert "differential privacy" in page and "at least 11 wide" not in page
    assert "at least 11 wide" in render_html(build_content(synthetic_dataset(300, seed=12),
                                                          quotes=0), "en")
    assert ledger.spent == pytest.approx(1.0)
    with pytest.raises(DisclosureRisk):
        build_content(synthetic_dataset(300, seed=12), epsilon=1.5, ledger=ledger, quotes=0)
