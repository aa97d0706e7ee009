"""Statistics dashboard and report download, with the disclosure control of casebook.publish."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from casebook.errors import DisclosureRisk, NotFound
from casebook.web import statistics as stats
from casebook.web.auth import Ctx, get_ctx
from casebook.web.permissions import require
from casebook.web.render import render

router = APIRouter(include_in_schema=False)


@router.get("/statistics")
def statistics(ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "statistics")
    return render(ctx.request, "statistics.html", result=stats.tables(ctx))


@router.get("/statistics/report.{fmt}")
def report(fmt: str, ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "statistics")
    if fmt not in ("html", "pdf"):
        raise NotFound(f"report.{fmt}: use report.html or report.pdf")
    try:
        body, media = stats.report(ctx, fmt)
    except DisclosureRisk as exc:
        return render(ctx.request, "error.html", status_code=409, status=409, message=str(exc))
    return Response(body, media_type=media, headers={
        "content-disposition": f'attachment; filename="casebook-report-{ctx.lang}.{fmt}"'})
