"""The audit log (admins): every read, change, login and report, newest first; chain check."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from casebook.web.auth import Ctx, get_ctx
from casebook.web.permissions import require
from casebook.web.render import render

router = APIRouter(include_in_schema=False)
PAGE = 100


@router.get("/audit")
def audit(page: int = 1, verify: int = 0, ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "audit")
    page = max(1, page)
    entries = ctx.book.audit.entries(limit=PAGE + 1, offset=(page - 1) * PAGE,
                                     organisation=ctx.user.organisation)
    report = ctx.book.audit.verify() if verify else None
    return render(ctx.request, "audit.html", entries=entries[:PAGE], page=page,
                  more=len(entries) > PAGE, report=report)
