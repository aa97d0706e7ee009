"""The referral inbox: women referred to the user's organisation, while their consent shares
with it, and the organisation's answer (accept, refuse with a reason, completed)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from casebook.errors import InvalidInput
from casebook.web import casework
from casebook.web.auth import Ctx, get_ctx
from casebook.web.error_text import localise as localise_error
from casebook.web.i18n import gettext as _
from casebook.web.permissions import require
from casebook.web.render import render

router = APIRouter(include_in_schema=False)
ANSWERS = {"accept": "accepted", "refuse": "refused", "complete": "completed"}


@router.get("/referrals")
def inbox(request: Request, ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "referrals")
    return render(ctx.request, "referrals.html", items=ctx.book.cases.inbox(),
                  note=request.query_params.get("note"))


@router.post("/referrals/{referral_id}")
async def answer(referral_id: int, request: Request, ctx: Ctx = Depends(get_ctx)):
    form = await request.form()

    def work() -> int:
        require(ctx.user, "referrals")
        status = ANSWERS.get(str(form.get("answer", "")))
        if status is None:
            raise InvalidInput(_("Answer with accept, refuse or completed."))
        return ctx.book.cases.answer(referral_id, status, casework.text(form, "reason"))

    try:
        case_id = await run_in_threadpool(work)
    except InvalidInput as exc:
        return render(ctx.request, "referrals.html", status_code=400,
                      items=await run_in_threadpool(ctx.book.cases.inbox),
                      error=_("Not saved: %(reason)s", reason=localise_error(exc)))
    return RedirectResponse(f"/referrals?note=answered#case-{case_id}", status_code=303)
