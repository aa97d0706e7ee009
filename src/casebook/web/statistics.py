"""Statistics and reports on the web, through casebook.publish and its disclosure control.

The dataset is the one statistics use everywhere (``casebook.store.views.publish_dataset``),
cut down to the persons the user may see; only rows whose consent covers aggregate statistics
are counted (``Dataset.for_statistics``, inside casebook.publish).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from casebook.errors import DisclosureRisk
from casebook.store.schema import testimonies
from casebook.web.auth import Ctx
from casebook.web.permissions import can, visible_clause


def _visible_rows(ctx: Ctx) -> list[Any]:
    with ctx.book.engine.connect() as conn:
        return list(conn.execute(select(testimonies.c.id, testimonies.c.person_id,
                                   testimonies.c.organisation, testimonies.c.interview_year,
                                   testimonies.c.language)
                            .where(visible_clause(ctx.user)).order_by(testimonies.c.id)).all())


def dataset(ctx: Ctx, with_text: bool = False):
    """The publish Dataset of the persons this user may see (text only for quotations)."""
    from casebook.store.views import publish_dataset

    person_ids = {r.person_id for r in _visible_rows(ctx) if r.person_id is not None}
    return publish_dataset(ctx.book, with_text=with_text, only_persons=person_ids)


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
    ctx.book.audit("report", None, {"format": fmt, "persons": content.n_counted,
                                    "quotes": len(content.quotes)})
    if fmt == "pdf":
        import weasyprint

        return weasyprint.HTML(string=page).write_pdf(), "application/pdf"
    return page.encode("utf-8"), "text/html; charset=utf-8"


__all__ = ["DisclosureRisk", "dataset", "report", "tables"]
