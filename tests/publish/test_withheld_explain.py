"""What a reader is told about withheld cells (``publish.withheld.explain``), on tables that
disclosure control really protected: it never states a hidden count, it names the way out that
fits the table (a coarser grouping, a wider period, no split), and Korean says what English says."""

from __future__ import annotations

import functools
import re

import pytest

from casebook.publish.synthetic import synthetic_dataset
from casebook.publish.tables import STATED, compute_tables
from casebook.publish.withheld import choose_grouping, explain

K = 11


def _protected(n: int, seed: int, names: list[str], by: str | None = None,
               period: str | None = None, grouping: str = "fine"):
    return _protect(n, seed, tuple(names), by, period, grouping)


@functools.cache
def _protect(n, seed, names, by, period, grouping):  # protection is slow; explain reads only
    ds = synthetic_dataset(n, seed=seed)
    return choose_grouping(compute_tables(ds, names, by=by, period=period), k=K,
                           grouping=grouping)


def _structure(t) -> tuple[int, int, int]:
    """(withheld cells, cells under k, cells hidden to protect them), as explain counts them."""
    cells = [c for c in t.suppressed if c[0] != STATED]
    primary = len([c for c in t.primary if c[0] != STATED])
    return len(cells), primary, max(0, len(cells) - primary)


def _numbers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\d+", text)}


CASES = [
    (60, 3, ["origin_province", "pathway", "times_sold"], None, None),
    (80, 5, ["price_rmb", "age_first_sale"], None, "5"),
    (120, 9, ["pathway", "exploitation"], "origin_province", None),
]


@pytest.mark.parametrize(("n", "seed", "names", "by", "period"), CASES)
def test_an_explanation_states_only_counts_of_cells_and_k_never_a_hidden_count(
        n, seed, names, by, period):
    explained = 0
    for t in _protected(n, seed, names, by, period):
        cells, primary, secondary = _structure(t)
        for lang in ("en", "ko"):
            text = explain(t, lang)
            if not t.suppressed:
                assert text is None or "--grouping fine" in text
                continue
            assert text is not None
            allowed = {cells, primary, secondary, K, 10}
            assert _numbers(text) <= allowed, (t.name, lang, text)
            explained += 1
    assert explained  # these datasets are small enough that something is withheld


def test_a_table_split_by_period_suggests_a_wider_period_not_a_coarser_grouping():
    tables = [t for t in _protected(80, 5, ["price_rmb", "age_first_sale"], period="5")
              if t.suppressed]
    assert tables
    for t in tables:
        assert t.col_var.startswith("period:")
        en, ko = explain(t, "en"), explain(t, "ko")
        assert "a wider period (e.g. --period 10)" in en and "--grouping coarse" not in en
        assert "더 넓은 기간(예: --period 10)" in ko and "--grouping coarse" not in ko


def test_a_table_split_by_a_variable_suggests_the_table_without_the_split():
    tables = [t for t in _protected(120, 9, ["pathway"], by="origin_province") if t.suppressed]
    assert tables
    for t in tables:
        assert "the table without the split (no --by)" in explain(t, "en")
        assert "나누지 않은 표(--by 없이)" in explain(t, "ko")


def test_a_one_way_table_suggests_coarser_groups_and_a_coarse_one_says_how_to_see_finer():
    (fine,) = [t for t in _protected(60, 3, ["origin_province"]) if t.suppressed]
    assert "coarser groups (--grouping coarse)" in explain(fine, "en")
    (coarse,) = _protected(60, 3, ["origin_province"], grouping="coarse")
    assert coarse.coarser_of is not None
    text = explain(coarse, "en")
    assert text.startswith("Shown in coarser groups") and "--grouping fine" in text
    assert explain(coarse, "ko").startswith("더 넓은 범주로 묶어 보여 줍니다.")
    assert "--grouping coarse" not in text  # it already is


def test_korean_gives_each_reason_with_the_same_count_as_english():
    checked = 0
    for t in _protected(60, 3, ["origin_province", "pathway", "times_sold"]):
        if not t.suppressed:
            continue
        _, primary, secondary = _structure(t)
        en, ko = explain(t, "en"), explain(t, "ko")
        # English also gives the total of withheld cells; Korean gives the two reasons only
        assert _numbers(ko) <= _numbers(en)
        assert (f"{primary}칸은" in ko) == (f"{primary} count" in en) == (primary > 0)
        assert (f"{secondary}칸은 합계에서" in ko) == (secondary > 0)
        checked += 1
    assert checked


def test_too_few_persons_counted_adds_one_sentence_in_each_language():
    (t,) = [t for t in _protected(60, 3, ["origin_province"]) if t.suppressed]
    assert explain(t, "en", n_counted_hidden=True) == (
        explain(t, "en") + f" Fewer than {K} persons are counted, so every number is withheld.")
    assert explain(t, "ko", n_counted_hidden=True).endswith(
        f"집계 대상이 {K}명 미만이어서 모든 값을 비공개로 했습니다.")


def test_an_unknown_language_falls_back_to_english():
    (t,) = [t for t in _protected(60, 3, ["origin_province"]) if t.suppressed]
    assert explain(t, "fr") == explain(t, "en")


def test_a_table_with_nothing_withheld_needs_no_explanation():
    (t,) = _protected(2000, 1, ["times_sold"])
    if t.suppressed:
        pytest.fail(f"2,000 synthetic persons should fill every band of {t.name}")
    assert explain(t, "en") is None and explain(t, "ko") is None
