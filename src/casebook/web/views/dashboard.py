"""The dashboard: counts and the work waiting for this user."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from casebook.web.auth import Ctx, get_ctx
from casebook.web.render import render

router = APIRouter(include_in_schema=False)


@router.get("/")
def dashboard(ctx: Ctx = Depends(get_ctx)):
    counts = ctx.book.counts()
    recent = ctx.book.testimonies.all(limit=10)
    waiting = ctx.book.testimonies.all(limit=10, waiting=True, own_only=True)
    return render(ctx.request, "dashboard.html", counts=counts, recent=recent, waiting=waiting)


@router.get("/testimonies")
def testimony_list(page: int = 1, ctx: Ctx = Depends(get_ctx)):
    page = max(1, page)
    rows = ctx.book.testimonies.all(limit=51, offset=(page - 1) * 50)
    return render(ctx.request, "testimonies.html", rows=rows[:50], page=page,
                  more=len(rows) > 50)
