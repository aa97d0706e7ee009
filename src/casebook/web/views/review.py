"""The review queue: a testimony with each suggested fact marked on its words; a/e/r keys."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from casebook.errors import InvalidInput
from casebook.model import ACCEPTED, REJECTED, SUGGESTED
from casebook.web.additions import add_from_form, choices, record_panel, review_state
from casebook.web.auth import Ctx, get_ctx
from casebook.web.permissions import require
from casebook.web.render import render
from casebook.web.review import decide, items_of, segments, testimony_of_fact

router = APIRouter(include_in_schema=False)


@router.get("/review")
def queue(ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "review")
    rows = ctx.book.testimonies.all(waiting=True, own_only=True, limit=100)
    return render(ctx.request, "review_queue.html", rows=rows)


def _page(ctx: Ctx, tid: int, error: str | None = None, status_code: int = 200,
          form: dict | None = None):
    ctx.book.testimonies.access(tid, write=True)
    testimony = ctx.book.testimonies.get(tid, purpose="review")
    record = ctx.book.facts.record(tid, [SUGGESTED, ACCEPTED, REJECTED])
    items = items_of(record)
    nxt = ctx.book.testimonies.all(waiting=True, own_only=True, limit=2)
    next_id = next((r.id for r in nxt if r.id != tid), None)
    return render(ctx.request, "review.html", status_code=status_code, testimony=testimony,
                  items=items, segments=segments(testimony.text, items), next_id=next_id,
                  waiting=sum(i.status == SUGGESTED for i in items), error=error,
                  note=ctx.request.query_params.get("note"), panel=record_panel(record, ctx.lang),
                  choices=choices(ctx.lang), review_state=ctx.book.reviews.state(tid),
                  form=form or {})


@router.get("/review/{tid}")
def review(tid: int, ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "review")
    return _page(ctx, tid)


@router.post("/review/facts/{fact_id}")
async def review_fact(fact_id: int, request: Request, ctx: Ctx = Depends(get_ctx)):
    form = dict(await request.form())

    try:
        tid = await run_in_threadpool(decide, ctx, fact_id, str(form.get("action", "")), form)
    except InvalidInput as exc:
        tid = await run_in_threadpool(testimony_of_fact, ctx, fact_id)
        return await run_in_threadpool(_page, ctx, tid, str(exc), 400)
    return RedirectResponse(f"/review/{tid}#fact-{fact_id}", status_code=303)


@router.post("/review/{tid}/add")
async def add_fact(tid: int, request: Request, ctx: Ctx = Depends(get_ctx)):
    """A fact from selected words: stored accepted, with the words as its evidence."""
    form = dict(await request.form())
    from starlette.concurrency import run_in_threadpool

    try:
        fact_id = await run_in_threadpool(add_from_form, ctx, tid, form)
    except InvalidInput as exc:
        return await run_in_threadpool(_page, ctx, tid, str(exc), 400, form)
    return RedirectResponse(f"/review/{tid}?note=added#fact-{fact_id}", status_code=303)


@router.post("/review/{tid}/state")
async def close_review(tid: int, request: Request, ctx: Ctx = Depends(get_ctx)):
    """Close (or reopen) the testimony's review."""
    form = dict(await request.form())
    from starlette.concurrency import run_in_threadpool

    action = str(form.get("action", ""))
    await run_in_threadpool(review_state, ctx, tid, action)
    return RedirectResponse(f"/review/{tid}?note={'closed' if action == 'close' else 'reopened'}",
                            status_code=303)
