"""The web's route flows are protected in the report's one pass (build_content(extra=)), the
grouping tries share their LP audit, the web's notes name no command-line options, and a PDF
carries its charts as images."""

from __future__ import annotations

import pytest

from casebook.maps.flows import flow_tables
from casebook.publish import disclosure
from casebook.publish.disclosure import check_published
from casebook.publish.report import build_content, render_html
from casebook.publish.synthetic import synthetic_dataset
from casebook.publish.tables import ALL, TABLE_NAMES, compute_tables
from casebook.publish.withheld import choose_grouping, explain

K = 11


def test_flows_come_back_protected_with_the_tables_in_the_shown_grouping():
    ds = synthetic_dataset(160, seed=5)
    content = build_content(ds, k=K, quotes=0, extra=flow_tables)
    assert len(content.extra) == len(flow_tables(ds.for_statistics()))
    assert all(t.k == K for t in content.extra)  # protected, not raw
    assert any(t.coarser_of for t in content.tables)  # the page shows some coarser groups ...
    check_published(content.tables + content.trends + content.extra, K)  # ... and together
    shown = {t.name: t for t in content.extra}
    for t in shown.values():  # no flow shows a count of 1..k-1
        for rg in t.row_groups:
            for cg in t.col_groups:
                assert t.value(rg, cg) is None or not 0 < t.raw(rg, cg) < K
    assert content.extra[0].value(ALL, ALL) in (None, content.n_counted)


def test_too_few_persons_build_no_flows():
    content = build_content(synthetic_dataset(6, seed=1), k=K, quotes=0, extra=flow_tables)
    assert content.too_few and content.extra == []


def test_the_grouping_tries_share_their_audit_and_publish_the_same(monkeypatch):
    ds = synthetic_dataset(120, seed=9)
    solved = []
    real = disclosure.attack

    def counting(*args, **kwargs):
        solved.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(disclosure, "attack", counting)
    shared = choose_grouping(compute_tables(ds, TABLE_NAMES), k=K)
    with_cache = len(solved)

    real_protect = disclosure.protect

    def alone(tables, k=K, rounding=None, audit_cache=None):  # each try audits from scratch
        return real_protect(tables, k=k, rounding=rounding)

    import casebook.publish.withheld as withheld

    monkeypatch.setattr(withheld, "protect", alone)
    solved.clear()
    separate = choose_grouping(compute_tables(ds, TABLE_NAMES), k=K)
    assert len(solved) > with_cache  # the cache saved audits
    assert [(t.name, sorted(t.suppressed)) for t in shared] == \
        [(t.name, sorted(t.suppressed)) for t in separate]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_web_notes_say_it_in_words_without_options(lang):
    ds = synthetic_dataset(60, seed=3)
    fine = choose_grouping(compute_tables(ds, ["origin_province"]), k=K, grouping="fine")
    coarse = choose_grouping(compute_tables(ds, ["origin_province"]), k=K, grouping="coarse")
    for t in (fine[0], coarse[0]):
        words = explain(t, lang, options=False)
        assert words and "--" not in words
        assert "--grouping" in explain(t, lang)  # the CLI still names its option


def test_a_pdf_page_carries_charts_as_png_images():
    content = build_content(synthetic_dataset(150, seed=2), k=K, quotes=0)
    printed = render_html(content, "en", options=False, charts_as="png")
    assert "data:image/png;base64," in printed and "<svg" not in printed
    assert "--grouping" not in printed
    assert "<svg" in render_html(content, "en")
