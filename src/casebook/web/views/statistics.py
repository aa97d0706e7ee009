"""Statistics dashboard and report download, with the disclosure control of casebook.publish."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from casebook.errors import DisclosureRisk, InvalidInput
from casebook.web import statistics as stats
from casebook.web.auth import Ctx, get_ctx
from casebook.web.error_text import localise as localise_error
from casebook.web.permissions import require
from casebook.web.render import render

router = APIRouter(include_in_schema=False)


GROUPINGS = ("auto", "fine", "coarse")
UNKNOWN_FORMAT = {"en": "There is no report.{fmt}: download report.html or report.pdf.",
                  "ko": "report.{fmt} 형식은 없습니다: report.html 또는 report.pdf 를 받으십시오."}
REFUSED = {"en": "The report was not made: publishing it could identify someone ({reason}). "
                 "Nothing was written; the statistics page still shows what can be published.",
           "ko": "보고서를 만들지 않았습니다: 공개하면 특정인이 드러날 수 있습니다({reason}). "
                 "아무것도 기록되지 않았으며, 통계 화면에서 공개 가능한 수치는 볼 수 있습니다."}


@router.get("/statistics")
def statistics(grouping: str = "auto", ctx: Ctx = Depends(get_ctx)):
    """The tables always render: an unknown ``grouping`` in a typed or old link means "auto"."""
    require(ctx.user, "statistics")
    if grouping not in GROUPINGS:
        grouping = "auto"
    return render(ctx.request, "statistics.html", result=stats.tables(ctx, grouping=grouping),
                  grouping=grouping)


@router.get("/statistics/report.{fmt}")
def report(fmt: str, ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "statistics")
    lang = "ko" if ctx.lang == "ko" else "en"
    if fmt not in ("html", "pdf"):
        return render(ctx.request, "error.html", status_code=404, status=404,
                      message=UNKNOWN_FORMAT[lang].format(fmt=fmt[:20]))
    try:
        body, media = stats.report(ctx, fmt)
    except DisclosureRisk as exc:  # a privacy budget refusal: the report itself never raises it
        return render(ctx.request, "error.html", status_code=409, status=409,
                      message=REFUSED[lang].format(reason=localise_error(exc, lang)))
    except InvalidInput as exc:
        from casebook.publish import fonts

        if str(exc) != fonts.MISSING:
            raise
        # the server lacks the Korean font: say so in the user's language, not as a crash
        message = fonts.MISSING_KO if lang == "ko" else fonts.MISSING
        return render(ctx.request, "error.html", status_code=503, status=503, message=message)
    return Response(body, media_type=media, headers={
        "content-disposition": f'attachment; filename="casebook-report-{ctx.lang}.{fmt}"'})
