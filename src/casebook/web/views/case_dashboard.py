"""The case dashboard: the organisation's cases by status, stage, risk and open need, overdue
follow-ups per caseworker, referrals waiting; and beside the exact counts, the same counts as
they may leave the organisation (disclosure control, k = 11)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from casebook.publish.caseload import published
from casebook.publish.tables import ALL, NOT_STATED
from casebook.web.auth import Ctx, get_ctx
from casebook.web.permissions import can, require
from casebook.web.render import render

router = APIRouter(include_in_schema=False)
K = 11


@router.get("/case-dashboard")
def case_dashboard(ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "case_dashboard")
    counts = ctx.book.cases.counts()
    waiting = len(ctx.book.cases.inbox(waiting_only=True)) if can(ctx.user, "referrals") else None
    tables = published(counts, k=K)
    active = sum(n for s, n in counts["status"].items() if s != "closed")
    return render(ctx.request, "case_dashboard.html", counts=counts, tables=tables, k=K,
                  active=active, waiting=waiting, ALL=ALL, NOT_STATED=NOT_STATED)
