"""Never a dead end: coarser groupings, explanations of what is withheld, too few persons."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from casebook.errors import InvalidInput
from casebook.publish.dataset import Dataset
from casebook.publish.disclosure import check_published
from casebook.publish.intervals import median_interval
from casebook.publish.report import build_content, render_html
from casebook.publish.synthetic import synthetic_dataset
from casebook.publish.tables import ALL, NOT_STATED, STATED, TABLE_NAMES, Table, compute_tables
from casebook.publish.withheld import choose_grouping, coarsen, explain, shares_basis

K = 11


def _table(name, counts, not_stated=0):
    c = {(code, ALL): n for code, n in counts.items()}
    c[(NOT_STATED, ALL)] = not_stated
    return Table(name, name, tuple(counts), c)


def test_ordered_bands_join_neighbours_until_each_group_has_k():
    t = _table("times_sold", {"0": 30, "1": 40, "2": 25, "3": 6, "4_plus": 3}, not_stated=12)
    c = coarsen(t, K)
    assert c.row_categories == ("0", "1", "2", "3|4_plus") or \
        c.row_categories == ("0", "1", "2|3|4_plus")
    assert all(c.raw(g, ALL) >= K for g in c.row_categories)
    assert c.raw(STATED, ALL) == t.raw(STATED, ALL) and c.raw(ALL, ALL) == t.raw(ALL, ALL)
    assert c.coarser_of == "times_sold" and c.atoms == t.row_categories


def test_unordered_small_categories_join_into_one_group():
    t = _table("pathway", {"abducted": 40, "drugged": 4, "deception_job_offer": 50,
                           "sold_by_acquaintance": 5, "introduced_marriage": 20,
                           "voluntary_with_broker": 3, "voluntary_alone": 0, "other": 0})
    c = coarsen(t, K)
    joined = [g for g in c.row_categories if "|" in g]
    assert len(joined) == 1 and set(joined[0].split("|")) >= {"drugged", "sold_by_acquaintance",
                                                              "voluntary_with_broker"}
    assert c.raw(joined[0], ALL) >= K


def test_nothing_to_join_gives_no_coarser_table():
    assert coarsen(_table("times_sold", {"0": 30, "1": 40}), K) is None


@pytest.mark.parametrize("grouping", ["auto", "coarse"])
def test_chosen_groupings_pass_the_audit_and_an_independent_attacker(grouping, attacker):
    ds = synthetic_dataset(70, seed=4)
    tables = compute_tables(ds, TABLE_NAMES)
    published = choose_grouping(tables, k=K, grouping=grouping)
    assert len(published) == len(TABLE_NAMES)  # one version of each table, never both
    assert {t.name.split("~")[0] for t in published} == set(TABLE_NAMES)
    coarse = [t for t in published if t.coarser_of]
    assert coarse  # 70 persons leave small categories to join
    check_published(published, K)
    for t in coarse:  # each joined group that is shown holds at least k persons
        for g in t.row_categories:
            if t.value(g) is not None:
                assert not 0 < t.raw(g, ALL) < K
    for t in coarse[:3]:
        bounds = attacker([t.to_dict()])
        for cell, (lo, hi) in bounds.items():
            assert hi - lo >= K - 1e-6 or hi < 1e-9, (cell, lo, hi)


def test_auto_shows_at_least_as_many_persons_as_fine():
    ds = synthetic_dataset(90, seed=8)
    fine = choose_grouping(compute_tables(ds, TABLE_NAMES), k=K, grouping="fine")
    auto = choose_grouping(compute_tables(ds, TABLE_NAMES), k=K, grouping="auto")

    def shown(t):
        return sum(t.value(r) or 0 for r in t.row_categories)

    by_fine = {t.name: shown(t) for t in fine}
    assert sum(shown(t) for t in auto) >= sum(by_fine.values())


def test_explanations_say_why_and_what_releases_in_both_languages():
    ds = synthetic_dataset(60, seed=3)
    tables = choose_grouping(compute_tables(ds, ["origin_province"]), k=K, grouping="fine")
    en, ko = explain(tables[0], "en"), explain(tables[0], "ko")
    assert "fewer than 11 consenting persons" in en
    assert "more consenting persons" in en and "--grouping coarse" in en
    assert "11명 미만" in ko and "--grouping coarse" in ko
    coarse = choose_grouping(compute_tables(ds, ["origin_province"]), k=K, grouping="coarse")
    assert "--grouping fine" in explain(coarse[0], "en")


def test_shares_divide_by_those_who_answered_and_say_so():
    ds = synthetic_dataset(400, seed=2)
    (t,) = choose_grouping(compute_tables(ds, ["times_sold"]), k=K)
    n = t.value(STATED)
    assert n is not None and str(n) in shares_basis(t, "en")
    p = t.proportion("1")
    assert p["n"] == n and p["base"] == "stated"
    assert p["p"] == pytest.approx(t.value("1") / n)


def test_stats_and_report_give_the_same_share(tmp_path):
    from casebook.cli.main import app

    ds = synthetic_dataset(300, seed=11)
    src = tmp_path / "ds.json"
    src.write_text(ds.to_json())
    out = CliRunner().invoke(app, ["stats", "--publish", "--format", "json",
                                   "--dataset-json", str(src)])
    assert out.exit_code == 0, out.output
    published = json.loads(out.output)
    content = build_content(ds, quotes=0)
    report_tables = content.tables + content.trends
    # the same tables, the same cells hidden, the same shares
    assert [t["table"] for t in published] == [t.name for t in report_tables]
    for pub, t in zip(published, report_tables):
        assert pub == {**t.to_dict(), **{k: pub[k] for k in pub if k not in t.to_dict()}}
    times = next(p for p in published if p["table"].startswith("times_sold"))
    assert times["shares_basis"].startswith("Shares are of the")


def test_too_few_persons_is_a_report_that_explains_not_an_error():
    ds = Dataset(synthetic_dataset(8, seed=1).rows)
    content = build_content(ds, quotes=0)
    assert content.too_few
    for lang, words in (("en", "Fewer than 11 persons consent"), ("ko", "11명 미만")):
        page = render_html(content, lang)
        assert words in page
    for t in content.tables:
        assert all(t.value(c) in (None, 0) for c in t.row_categories)


def test_median_interval_uses_binomial_ranks():
    assert median_interval(list(range(1, 21))) == (6, 15)  # the textbook ranks for n = 20
    lo, hi = median_interval([5.0] * 11)
    assert lo == hi == 5.0


def test_report_has_price_by_period_with_intervals_and_rate_source():
    content = build_content(synthetic_dataset(400, seed=5), quotes=0)
    page = render_html(content, "en")
    assert "Price at first sale by period of the sale" in page
    assert "Median RMB (95% CI)" in page and "Median USD (95% CI)" in page
    assert "European Central Bank" in page
    ko = render_html(content, "ko")
    assert "매매 시기별 첫 매매 가격" in ko and "유럽중앙은행" in ko


def test_korean_report_is_refused_without_a_hangul_font(monkeypatch, tmp_path):
    from casebook.publish import fonts

    monkeypatch.setenv("CASEBOOK_FONT_DIRS", str(tmp_path))
    fonts.hangul_font.cache_clear()
    fonts.register.cache_clear()
    try:
        content = build_content(synthetic_dataset(200, seed=5), quotes=0)
        with pytest.raises(InvalidInput, match="fonts-noto-cjk"):
            render_html(content, "ko")
    finally:
        fonts.hangul_font.cache_clear()
        fonts.register.cache_clear()


def test_a_stale_font_cache_does_not_hide_the_cjk_font():
    from matplotlib import font_manager

    from casebook.publish import charts, fonts

    path = fonts.hangul_font()
    if path is None:
        pytest.fail("Debian fonts-noto-cjk is a declared system dependency")
    # a cache built before the fonts were installed: no CJK entry at all
    font_manager.fontManager.ttflist = [f for f in font_manager.fontManager.ttflist
                                        if "CJK" not in f.fname and "KR" not in f.fname]
    fonts.register.cache_clear()
    (t,) = choose_grouping(compute_tables(synthetic_dataset(300, seed=5), ["pathway"]), k=K)
    svg = charts.bar_chart(t, "ko")  # raises if any Hangul glyph were missing
    assert "<svg" in svg
    assert any(str(path) == f.fname for f in font_manager.fontManager.ttflist)
