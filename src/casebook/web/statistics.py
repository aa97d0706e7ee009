"""Statistics and reports on the web, through casebook.publish and its disclosure control.

The dataset is the one statistics use everywhere: the store's ``statistics`` read (only women
whose consent covers aggregate statistics), limited to what the user may see.
"""

from __future__ import annotations

from typing import Any

from casebook.errors import DisclosureRisk
from casebook.publish.dataset import Dataset, dataset_of
from casebook.web.auth import Ctx
from casebook.web.permissions import can


def dataset(ctx: Ctx, with_text: bool = False) -> Dataset:
    """The publish Dataset of what this user may see (text only for quotations)."""
    return dataset_of(ctx.book.read_for("statistics", with_text=with_text,
                                        purpose="report quotation"))


def tables(ctx: Ctx, k: int | None = None) -> dict[str, Any]:
    """Every statistics table, protected together; or why there are none."""
    from casebook.publish import labels
    from casebook.publish.disclosure import DEFAULT_K, protect
    from casebook.publish.tables import ALL, NOT_STATED, STATED, TABLE_NAMES, compute_tables

    k = k or DEFAULT_K
    ds = dataset(ctx).for_statistics()
    if len(ds) < k:
        return {"n": len(ds), "k": k, "tables": [],
                "reason": "too_few"}
    computed = compute_tables(ds, TABLE_NAMES)
    protect(computed, k=k)
    out = []
    for t in computed:
        rows = []
        for rg in t.row_categories + (NOT_STATED, ALL):
            rows.append({"code": rg, "label": labels.category(t.name, rg, ctx.lang),
                         "value": t.value(rg, ALL)})
        out.append({"name": t.name, "title": labels.title(t.name, ctx.lang), "rows": rows})
    _ = STATED
    return {"n": len(ds), "k": k, "tables": out, "reason": None}


def report(ctx: Ctx, fmt: str = "html") -> tuple[bytes, str]:
    """The report as bytes, built in memory (never written to disk on the server)."""
    from casebook.publish.report import build_content, render_html

    quotes = 5 if can(ctx.user, "read_text") else 0
    content = build_content(dataset(ctx, with_text=quotes > 0), quotes=quotes)
    page = render_html(content, ctx.lang)
    ctx.book.audit.record("report", None, {"format": fmt, "persons": content.n_counted,
                                    "quotes": len(content.quotes)})
    if fmt == "pdf":
        import weasyprint  # heavy (~1 s to import): only when a PDF is asked for

        return weasyprint.HTML(string=page).write_pdf(), "application/pdf"
    return page.encode("utf-8"), "text/html; charset=utf-8"


__all__ = ["DisclosureRisk", "dataset", "report", "tables"]
