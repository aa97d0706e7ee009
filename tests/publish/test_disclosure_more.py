"""Disclosure control over several casebooks and thresholds: no shown cell counts fewer than k
persons, consent decides who is counted, and a tampered table is caught before publishing."""

from __future__ import annotations

import pytest

from casebook.errors import DisclosureRisk
from casebook.publish.dataset import Dataset
from casebook.publish.disclosure import check_published, protect
from casebook.publish.synthetic import synthetic_dataset
from casebook.publish.tables import ALL, compute_tables

NAMES = ["times_sold", "pathway", "origin_province"]


@pytest.mark.parametrize("n, seed, k", [(40, 1, 5), (90, 2, 11), (150, 3, 11), (150, 3, 20)])
def test_no_shown_cell_counts_fewer_than_k(n, seed, k):
    tables = protect(compute_tables(synthetic_dataset(n, seed=seed).for_statistics(), NAMES), k=k)
    shown = 0
    for t in tables:
        for rg in t.row_groups:
            for cg in t.col_groups:
                value = t.value(rg, cg) if t.col_var else t.value(rg)
                if value is not None:
                    shown += 1
                    assert not 0 < t.raw(rg, cg) < k, (t.name, rg, cg, t.raw(rg, cg))
    assert shown > 0  # protection hides cells, not whole tables
    check_published(tables, k=k)


def test_a_higher_threshold_never_shows_more_cells():
    ds = synthetic_dataset(120, seed=8).for_statistics()

    def hidden(k: int) -> int:
        return sum(len(t.suppressed) for t in protect(compute_tables(ds, NAMES), k=k))

    counts = [hidden(k) for k in (3, 11, 30)]
    assert counts == sorted(counts) and counts[0] < counts[-1]


def test_persons_without_statistics_consent_are_not_counted(person):
    rows = [person(i) for i in range(15)]
    rows += [person(100 + i, scopes=["anonymous_quotation"]) for i in range(6)]
    ds = Dataset(rows).for_statistics()
    [t] = compute_tables(ds, ["times_sold"])
    assert t.value(ALL) == 15


def test_withdrawn_people_vanish_and_the_small_remainder_is_hidden(person):
    rows = [person(i, times_sold=1) for i in range(20)]
    rows += [person(50 + i, times_sold=2, scopes=[]) for i in range(12)]
    rows += [person(80 + i, times_sold=2) for i in range(3)]
    [t] = protect(compute_tables(Dataset(rows).for_statistics(), ["times_sold"]), k=11)
    assert t.raw("2", ALL) == 3  # only the three who consent are counted
    assert t.value("2") is None  # and three is too few to show
    check_published([t], k=11)


def test_showing_a_hidden_cell_again_is_caught():
    [t] = protect(compute_tables(synthetic_dataset(60, seed=4).for_statistics(),
                                 ["times_sold"]), k=11)
    assert t.primary, "this casebook has small cells to hide"
    t.suppressed = set()
    with pytest.raises(DisclosureRisk):
        check_published([t], k=11)
