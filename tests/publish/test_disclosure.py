"""Attacks on disclosure control: small cells, subtraction from totals, pairs of tables."""

from __future__ import annotations

import itertools

import pytest

from casebook.errors import DisclosureRisk
from casebook.publish.disclosure import attack, check_published, protect
from casebook.publish.tables import ALL, TABLE_NAMES, compute_tables

K = 11


def _assert_no_small_cell(tables):
    for t in tables:
        for cell in t.to_dict()["cells"]:
            raw = t.raw(cell["row"], cell["col"])
            if cell["count"] is not None:
                assert not 0 < raw < K, (t.name, cell)


def _assert_wide(published, attacker, k=K):
    bounds = attacker(published)
    for cell, (lo, hi) in bounds.items():
        # wide, or provably empty (a cell the attacker knows is 0 exposes no one)
        assert hi - lo >= k - 1e-6 or hi < 1e-9, (cell, lo, hi)
    return bounds


def test_unique_person_is_hidden_in_every_one_way_table(unique_casebook, attacker):
    tables = protect(compute_tables(unique_casebook), k=K)
    _assert_no_small_cell(tables)
    shown = {t.name: t.to_dict() for t in tables}
    # her categories are unique (count 1) and must be hidden everywhere
    for name, code in [("origin_province", "Chagang"), ("price_rmb", "gt_8000"),
                       ("age_first_sale", "40_plus"), ("pathway", "drugged"),
                       ("detention", "kwanliso"), ("times_sold", "4_plus")]:
        cell = next(c for c in shown[name]["cells"] if c["row"] == code and c["col"] == ALL)
        assert cell["count"] is None and cell["suppressed"], (name, cell)
    for name in TABLE_NAMES:  # each table alone
        _assert_wide([shown[name]], attacker)


def test_every_pair_of_one_way_tables_published_together(unique_casebook, attacker):
    tables = protect(compute_tables(unique_casebook), k=K)
    shown = [t.to_dict() for t in tables]
    hidden_tables = [d for d in shown if any(c["count"] is None for c in d["cells"])]
    assert len(hidden_tables) >= 6
    for a, b in itertools.combinations(hidden_tables, 2):
        _assert_wide([a, b], attacker)


@pytest.mark.slow
@pytest.mark.parametrize("by", ["origin_province", "age_first_sale", "price_rmb", "period"])
def test_cross_tables_and_their_margins(unique_casebook, attacker, by):
    """X by Y published with the one-way X and Y: the classic subtract-the-margins attack."""
    names = ["pathway", "times_sold", "origin_province", "price_rmb", "detention"]
    kwargs = {"period": "5"} if by == "period" else {"by": by}
    cross = compute_tables(unique_casebook, [n for n in names if n != by], **kwargs)
    one_way = compute_tables(unique_casebook, names + ([by] if by not in names + ["period"]
                                                       else []))
    tables = protect(cross + one_way, k=K)
    _assert_no_small_cell(tables)
    shown = {(t.name, t.col_var): t.to_dict() for t in tables}
    for x in cross:
        pair = [shown[(x.name, x.col_var)], shown[(x.name, None)]]
        if by != "period":
            pair.append(shown[(by, None)])
        _assert_wide(pair, attacker)
    for a, b in itertools.combinations(cross, 2):  # two cross tables share the by-variable
        _assert_wide([shown[(a.name, a.col_var)], shown[(b.name, b.col_var)]], attacker)


def test_primary_only_suppression_is_recoverable(unique_casebook):
    (t,) = compute_tables(unique_casebook, ["origin_province"])
    cell = t.key("Chagang", ALL)
    result = attack([t], {cell})
    assert result[cell].lo == result[cell].hi == 1  # recovered exactly: why complements exist
    protect([t], k=K)
    hidden = {t.key(*c) for c in t.suppressed}
    assert len(hidden) >= 2
    assert all(iv.width >= K for iv in attack([t], hidden).values())


def test_check_published_catches_tampering(unique_casebook):
    (t,) = protect(compute_tables(unique_casebook, ["origin_province"]), k=K)
    check_published([t], k=K)
    t.suppressed = set(t.primary)  # drop the complementary cells
    with pytest.raises(DisclosureRisk):
        check_published([t], k=K)


def test_tiny_casebook_hides_everything(crowd):
    from casebook.publish.dataset import Dataset

    small = Dataset(crowd.rows[:7])
    (t,) = protect(compute_tables(small, ["times_sold"]), k=K)
    assert all(t.value(rg) in (None, 0) for rg in t.row_groups)


def test_rounding_applies_to_shown_cells(crowd):
    (t,) = protect(compute_tables(crowd, ["times_sold"]), k=K, rounding=5)
    assert all(v is None or v % 5 == 0 for v in (t.value(rg) for rg in t.row_groups))


def test_grand_total_survives_in_a_mid_sized_casebook():
    """Utility: protection hides cells, not the number of persons every share is taken of."""
    from casebook.publish.report import build_content
    from casebook.publish.synthetic import synthetic_dataset

    content = build_content(synthetic_dataset(250, seed=21), quotes=0)
    tables = content.tables + content.trends
    assert all(t.value(ALL) == 250 for t in tables)
    hidden = sum(len(t.suppressed) for t in content.tables)
    assert hidden < 60  # of about 300 cells in the sixteen one-way tables
    check_published(tables, k=K)
