"""Case pages: the organisation's case list (filters, overdue follow-ups per caseworker), opening
a case, and the case page with its timeline and the forms that change it.

Every change goes through ``ctx.book.cases`` (the user's organisation, audited); a form that
cannot be saved comes back to the case page with the reason, never a dead end.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from casebook.errors import ConsentRequired, InvalidInput, NotFound, PermissionDenied
from casebook.model.case_timeline import timeline
from casebook.model.consent import share_scope
from casebook.store import CaseFilters, SharedCase
from casebook.web import casework
from casebook.web.auth import Ctx, get_ctx
from casebook.web.error_text import localise as localise_error
from casebook.web.i18n import gettext as _
from casebook.web.permissions import can, require
from casebook.web.render import render

router = APIRouter(include_in_schema=False)


def _filters(request: Request) -> CaseFilters:
    q = request.query_params
    stage = q.get("stage") or None
    risk = q.get("risk") or None
    status = q.get("status") or "active"
    return CaseFilters(status=None if status == "all" else status,
                       stage=stage if stage in dict(casework.choices("case_stage", "en")) else None,
                       risk=risk if risk in dict(casework.choices("case_risk", "en")) else None,
                       caseworker=q.get("caseworker") or None, overdue=bool(q.get("overdue")))


@router.get("/cases")
def case_list(request: Request, ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "cases")
    f = _filters(request)
    rows = ctx.book.cases.all(f)
    late = ctx.book.cases.overdue(caseworker=f.caseworker) if f.overdue else []
    by_worker: dict[str, list[Any]] = {}
    for t in late:
        by_worker.setdefault(t.owner or "", []).append(t)
    opened = {r.person_id for r in ctx.book.cases.all(CaseFilters(status=None))}
    candidates = [p for p in ctx.book.persons.all(limit=300) if p.id not in opened]
    colleagues = [u for u in ctx.book.users.all(ctx.user.organisation) if u.active]
    return render(ctx.request, "cases.html", rows=rows, filters=f,
                  status=request.query_params.get("status") or "active",
                  overdue=sorted(by_worker.items()), candidates=candidates,
                  colleagues=colleagues, choices=casework.choices)


@router.post("/cases")
async def open_case(request: Request, ctx: Ctx = Depends(get_ctx)):
    form = await request.form()

    def work() -> int:
        require(ctx.user, "cases")
        try:
            person_id = int(str(form.get("person", "")))
        except ValueError:
            raise InvalidInput(_("Choose the woman whose case to open.")) from None
        values = casework.update_values(form)
        values.setdefault("caseworker", ctx.user.username)
        case = ctx.book.cases.open(person_id, **values)
        assert case.id is not None
        return case.id

    case_id = await run_in_threadpool(work)
    return RedirectResponse(f"/cases/{case_id}?note=opened", status_code=303)


@router.get("/cases/{case_id}")
def case_page(case_id: int, request: Request, ctx: Ctx = Depends(get_ctx)):
    """Her own organisation's caseworkers see the whole case; a partner's referral handlers see
    what her consent shares with them; anyone else is told there is no such case."""
    if not (can(ctx.user, "cases") or can(ctx.user, "referrals")):
        require(ctx.user, "cases")
    try:
        ctx.book.cases.own(case_id)
    except PermissionDenied:  # referred to the organisation: the inbox's people only
        if not can(ctx.user, "referrals"):
            raise NotFound(f"case {case_id}: no such case") from None
        view = ctx.book.cases.shared(case_id)
        assert isinstance(view, SharedCase)
        return render(ctx.request, "case_shared.html", shared=view)
    require(ctx.user, "cases")
    return _case_page(ctx, case_id, request.query_params.get("note"),
                      request.query_params.get("error"))


def _case_page(ctx: Ctx, case_id: int, note: str | None = None, error: str | None = None,
               status_code: int = 200):
    page = ctx.book.cases.page(case_id)
    organisations = [o for o in ctx.book.users.organisations()
                     if o.code != ctx.user.organisation]
    return render(ctx.request, "case.html", status_code=status_code, page=page,
                  case=page.case, lines=timeline(page.events), today=dt.date.today(),
                  organisations=organisations, note=note, error=error,
                  colleagues=[u for u in ctx.book.users.all(ctx.user.organisation) if u.active],
                  places=casework.route_places(ctx.lang), choices=casework.choices,
                  reading=casework.reading, field_word=casework.field_word,
                  share_scope=share_scope,
                  case_value=lambda value, kind: casework.value_label(value, kind, ctx.lang))


ACTIONS = ("update", "need", "service", "task", "done", "note", "refer", "consent", "cancel")


@router.post("/cases/{case_id}/{action}")
async def change(case_id: int, action: str, request: Request, ctx: Ctx = Depends(get_ctx)):
    if action not in ACTIONS:
        raise NotFound(f"/cases/{case_id}/{action}: no such action")
    form = await request.form()

    def work() -> None:
        require(ctx.user, "case_refer" if action == "refer" else "cases")
        _apply(ctx, case_id, action, form)

    try:
        await run_in_threadpool(work)
    except ConsentRequired:
        to = casework.text(form, "to") or ""
        message = _("Not shared: her consent does not include sharing with %(org)s. Record "
                    "her consent first; nothing was sent.", org=to)
        return await run_in_threadpool(_case_page, ctx, case_id, None, message, 409)
    except InvalidInput as exc:
        message = _("Not saved: %(reason)s", reason=localise_error(exc))
        return await run_in_threadpool(_case_page, ctx, case_id, None, message, 400)
    return RedirectResponse(f"/cases/{case_id}?note={action}#{action}", status_code=303)


def _apply(ctx: Ctx, case_id: int, action: str, form: Any) -> None:
    cases = ctx.book.cases
    if action == "update":
        values = casework.update_values(form)
        if values:
            cases.update(case_id, **values)
        if casework.text(form, "note"):
            cases.note(case_id, casework.text(form, "note") or "")
    elif action == "need":
        cases.need(case_id, casework.code(form, "need", "case_need") or "",
                   state=casework.code(form, "state", "case_need_state") or "open",
                   note=casework.text(form, "note"), assessed=casework.date(
                       form, "assessed", _("Assessed on")) or casework.today())
    elif action == "service":
        values = {k: v for k, v in {
            "service": casework.code(form, "service", "case_service"),
            "state": casework.code(form, "state", "case_service_state") or "planned",
            "outcome": casework.code(form, "outcome", "case_outcome"),
            "need": casework.code(form, "need", "case_need"),
            "provider": casework.text(form, "provider"), "note": casework.text(form, "note"),
            "on": casework.date(form, "on", _("When"))}.items() if v is not None}
        cases.service(case_id, casework.text(form, "uid"), **values)
    elif action == "task":
        due = casework.day(form, "due", _("Due"))
        if due is None:
            raise InvalidInput(_("A task needs a due date."))
        cases.task(case_id, text=casework.text(form, "text"), due=due,
                   kind=casework.code(form, "kind", "case_task") or "follow_up",
                   assignee=casework.text(form, "assignee"))
    elif action == "done":
        cases.task_done(int(str(form.get("task", "0")) or 0))
    elif action == "note":
        cases.note(case_id, casework.text(form, "text") or "")
    elif action == "refer":
        cases.refer(case_id, casework.text(form, "to") or "",
                    casework.code(form, "service", "case_service") or "",
                    note=casework.text(form, "note"))
    elif action == "consent":
        scope = share_scope(casework.text(form, "organisation") or "")
        if form.get("do") == "withdraw":
            cases.withdraw(case_id, scope)
        else:
            cases.grant(case_id, scope)
    elif action == "cancel":
        cases.cancel(int(str(form.get("referral", "0")) or 0),
                     casework.text(form, "reason") or "")
