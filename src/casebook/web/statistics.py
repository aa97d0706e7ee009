"""Statistics and reports on the web, through casebook.publish and its disclosure control.

The dataset is the one statistics use everywhere: the store's ``statistics`` read (only women
whose consent covers aggregate statistics), limited to what the user may see.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from casebook.errors import DisclosureRisk
from casebook.publish.dataset import Dataset, dataset_of
from casebook.web.auth import Ctx
from casebook.web.permissions import can


def dataset(ctx: Ctx, with_text: bool = False) -> Dataset:
    """The publish Dataset of what this user may see (text only for quotations)."""
    return dataset_of(ctx.book.read_for("statistics", with_text=with_text,
                                        purpose="report quotation"))


def tables(ctx: Ctx, k: int | None = None, grouping: str = "auto") -> dict[str, Any]:
    """Every statistics table for the persons this user may see, built and protected exactly
    as ``casebook stats --publish`` and the report build them (``build_content``).

    Never a dead end: tables always come back, with what passed disclosure control, a note per
    table on its denominator and on what is withheld (why, what would release it), in the
    user's language; with fewer than k persons every number is withheld and ``reason`` says so.
    The number of persons counted is itself a published cell: ``None`` when withheld.
    """
    from casebook.maps.flows import flow_tables
    from casebook.publish.disclosure import DEFAULT_K
    from casebook.publish.report import build_content

    k = k or DEFAULT_K
    # the route flows share margins with the tables: built from the same persons and protected
    # in the same pass, in the grouping the page shows (never a second, fine-only computation)
    content = build_content(dataset(ctx), k=k, quotes=0, grouping=grouping, extra=flow_tables)
    legs = content.extra or None
    payload = statistics_payload(content, ctx.lang)
    payload["flows"] = None if content.too_few else _flow_view(legs, ctx.lang)
    return payload


def _flow_view(legs: list | None, lang: str) -> dict[str, Any]:
    """The route map's published flows (origin → river → province → transit country)."""
    from casebook.maps.flows import flow_svgs, flows

    found = flows(legs, lang) if legs else []
    return {"svgs": [Markup(svg) for svg in flow_svgs(found, lang)],
            "shown": [f for f in found if f.count],
            "withheld": [f for f in found if f.count is None],
            "all_withheld": legs is None}


def statistics_payload(content, lang: str) -> dict[str, Any]:
    """The published tables of a report's content as plain data (page and API alike)."""
    from casebook.publish import labels
    from casebook.publish.report import table_notes
    from casebook.publish.tables import ALL, NOT_STATED, STATED
    from casebook.vocab.money import rate_table

    out = []
    for t in content.tables:
        rows = []
        for rg in t.row_categories + (NOT_STATED, STATED, ALL):
            if rg in t.row_categories and t.raw(rg, ALL) == 0:
                continue
            p = t.proportion(rg)
            rows.append({"code": rg, "label": labels.category(t.name, rg, lang),
                         "value": t.value(rg, ALL), "suppressed": (rg, ALL) in t.suppressed,
                         "share": p["p"] if p else None,
                         "ci95": [p["lo"], p["hi"]] if p else None,
                         "aggregate": rg in (NOT_STATED, STATED, ALL)})
        summary = t.summary.get(ALL)
        withheld = any(rg in t.row_categories for rg, _cg in t.suppressed)
        out.append({"name": t.name, "title": labels.title(t.name, lang),
                    "coarser_of": t.coarser_of, "rows": rows,
                    "can_coarsen": t.coarser_of is None and withheld,
                    "median": ({k: v for k, v in summary.items()} if summary else None),
                    "notes": table_notes(t, lang, options=False)})
    prices = []
    rmb = next(t for t in content.trends if t.name == "price_rmb")
    usd = next(t for t in content.trends if t.name == "price_usd")
    for col in rmb.col_categories + (ALL,):
        if rmb.raw(STATED, col) == 0:
            continue
        prices.append({"period": col if col != ALL else labels.category("", ALL, lang),
                       "persons_with_price": rmb.value(STATED, col),
                       "rmb": rmb.summary.get(col), "usd": usd.summary.get(col)})
    notices = []
    if content.too_few:
        notices.append(labels.text("too_few", lang, k=content.k))
    if content.synthetic:
        notices.append(labels.text("synthetic", lang))
    return {"n": content.n_counted, "k": content.k, "tables": out,
            "reason": "too_few" if content.too_few else None, "notices": notices,
            "price_by_period": prices,
            "price_note": labels.text("price_note", lang, k=content.k),
            "rates_source": rate_table().citation(lang)}


def report(ctx: Ctx, fmt: str = "html") -> tuple[bytes, str]:
    """The report as bytes, built in memory (never written to disk on the server)."""
    from casebook.publish.report import build_content, render_html

    quotes = 5 if can(ctx.user, "read_text") else 0
    content = build_content(dataset(ctx, with_text=quotes > 0), quotes=quotes)
    # a Korean page without a Hangul font: InvalidInput; no command-line options on the web
    page = render_html(content, ctx.lang, options=False,
                       charts_as="png" if fmt == "pdf" else "svg")
    ctx.book.audit.record("report", None, {"format": fmt, "persons": content.n_counted,
                                           "quotes": len(content.quotes)})
    if fmt == "pdf":
        from casebook.publish.report import write_pdf

        return write_pdf(page), "application/pdf"
    return page.encode("utf-8"), "text/html; charset=utf-8"


__all__ = ["DisclosureRisk", "dataset", "report", "tables"]
