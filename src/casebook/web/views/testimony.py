"""One testimony: its text (an audited read), consent, facts and who may open it."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from casebook.intake.pipeline import parse_consent
from casebook.model.consent import BASE_SCOPES, share_scope
from casebook.web.auth import Ctx, get_ctx
from casebook.web.permissions import can, require
from casebook.web.render import render
from casebook.web.review import items_of

router = APIRouter(include_in_schema=False)


@router.get("/testimonies/{tid}")
def testimony(tid: int, ctx: Ctx = Depends(get_ctx)):
    org = ctx.book.testimonies.access(tid)
    row = ctx.book.testimonies.all(ids=[tid], limit=1)[0]
    text = ctx.book.testimonies.get(tid, purpose="web view") if can(ctx.user, "read_text") else None
    record = ctx.book.facts.record(tid)
    users = ctx.book.users
    restricted = users.restricted_to(tid)
    own = org == ctx.user.organisation
    return render(ctx.request, "testimony.html", row=row, testimony=text,
                  items=items_of(record) if can(ctx.user, "person") else [],
                  consent=ctx.book.consent.of(tid), own=own,
                  restricted=[users.get(u) for u in restricted],
                  colleagues=[u for u in users.all(ctx.user.organisation)
                              if u.active] if own else [],
                  organisations=[o for o in users.organisations() if o.code != org],
                  base_scopes=BASE_SCOPES, note=ctx.request.query_params.get("note"))


@router.post("/testimonies/{tid}/consent")
async def consent(tid: int, request: Request, ctx: Ctx = Depends(get_ctx)):
    form = await request.form()

    def change() -> None:
        if not (can(ctx.user, "intake") or can(ctx.user, "review")):
            require(ctx.user, "review")
        ctx.book.testimonies.access(tid, write=True)
        scope = str(form.get("scope", ""))
        if form.get("organisation"):
            scope = share_scope(str(form["organisation"]))
        if form.get("action") == "withdraw":
            ctx.book.consent.withdraw(tid, scope)
        else:
            parse_consent([scope])
            ctx.book.consent.grant(tid, scope)

    await run_in_threadpool(change)
    return RedirectResponse(f"/testimonies/{tid}?note=consent", status_code=303)


@router.post("/testimonies/{tid}/restrict")
async def restrict(tid: int, request: Request, ctx: Ctx = Depends(get_ctx)):
    form = await request.form()

    def change() -> None:
        require(ctx.user, "restrict")
        ctx.book.testimonies.access(tid, write=True)
        users = ctx.book.users
        mine = {u.id for u in users.all(ctx.user.organisation)}
        chosen = [int(u) for u in form.getlist("user")
                  if isinstance(u, str) and u.isdigit() and int(u) in mine]
        if chosen and ctx.user.role != "admin":
            chosen.append(ctx.user.id)  # never lock oneself out by accident
        users.restrict(tid, chosen, actor=ctx.user.username)

    await run_in_threadpool(change)
    return RedirectResponse(f"/testimonies/{tid}?note=restricted", status_code=303)
