"""Statistics dashboard and report download, with the disclosure control of casebook.publish."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from casebook.errors import DisclosureRisk, InvalidInput
from casebook.web import statistics as stats
from casebook.web.auth import Ctx, get_ctx
from casebook.web.permissions import require
from casebook.web.render import render

router = APIRouter(include_in_schema=False)


@router.get("/statistics")
def statistics(grouping: Literal["auto", "fine", "coarse"] = "auto",
               ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "statistics")
    return render(ctx.request, "statistics.html", result=stats.tables(ctx, grouping=grouping),
                  grouping=grouping)


@router.get("/statistics/report.{fmt}")
def report(fmt: str, ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "statistics")
    if fmt not in ("html", "pdf"):
        from casebook.errors import NotFound

        raise NotFound(f"report.{fmt}: use report.html or report.pdf")
    try:
        body, media = stats.report(ctx, fmt)
    except DisclosureRisk as exc:  # a privacy budget refusal: the report itself never raises it
        return render(ctx.request, "error.html", status_code=409, status=409, message=str(exc))
    except InvalidInput as exc:
        from casebook.publish import fonts

        if str(exc) != fonts.MISSING:
            raise
        # the server lacks the Korean font: say so in the user's language, not as a crash
        message = fonts.MISSING_KO if ctx.lang == "ko" else fonts.MISSING
        return render(ctx.request, "error.html", status_code=503, status=503, message=message)
    return Response(body, media_type=media, headers={
        "content-disposition": f'attachment; filename="casebook-report-{ctx.lang}.{fmt}"'})
