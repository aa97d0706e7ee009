"""Administration (admins): the organisation's users and roles, organisations, vocabularies."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from casebook.errors import CasebookError, InvalidInput, NotFound
from casebook.store import ROLES
from casebook.web.auth import Ctx, get_ctx
from casebook.web.permissions import require
from casebook.web.render import render
from casebook.web.vocab import vocabularies

router = APIRouter(include_in_schema=False)


def _page(ctx: Ctx, error: str | None = None, status_code: int = 200, note: str | None = None):
    users = ctx.book.users
    return render(ctx.request, "admin_users.html", status_code=status_code,
                  users=users.all(ctx.user.organisation), organisations=users.organisations(),
                  roles=ROLES, error=error, note=note or ctx.request.query_params.get("note"))


@router.get("/admin/users")
def user_list(ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "users")
    return _page(ctx)


@router.post("/admin/users")
async def add_user(request: Request, ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "users")
    form = await request.form()

    try:
        await run_in_threadpool(
            ctx.book.users.add, str(form.get("username", "")), str(form.get("password", "")),
            ctx.user.organisation, str(form.get("role", "")),
            display_name=str(form.get("display_name") or "") or None,
            can_read_narratives=bool(form.get("can_read_narratives")))
    except CasebookError as exc:
        return await run_in_threadpool(_page, ctx, str(exc), 400)
    return RedirectResponse("/admin/users?note=added", status_code=303)


@router.post("/admin/users/{uid}")
async def change_user(uid: int, request: Request, ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "users")
    form = await request.form()

    def change() -> None:
        users = ctx.book.users
        target = users.get(uid)
        if target.organisation != ctx.user.organisation:
            raise NotFound(f"user {uid}: no such user")
        action, me = str(form.get("action", "")), ctx.user.username
        if action == "role":
            users.update(uid, role=str(form.get("role", "")), actor=me)
        elif action in ("activate", "deactivate"):
            users.update(uid, active=action == "activate", actor=me)
        elif action in ("grant_narratives", "revoke_narratives"):
            users.update(uid, can_read_narratives=action == "grant_narratives", actor=me)
        elif action == "unlock":
            users.unlock(uid, actor=me)
        elif action == "password":
            users.set_password(uid, str(form.get("password", "")), actor=me)
        elif action == "reset_totp":
            users.set_totp(uid, None, actor=me)
        else:
            raise InvalidInput(f"action: {action!r} is not known")

    try:
        await run_in_threadpool(change)
    except CasebookError as exc:
        if isinstance(exc, NotFound):
            raise
        return await run_in_threadpool(_page, ctx, str(exc), 400)
    return RedirectResponse("/admin/users?note=changed", status_code=303)


@router.post("/admin/organisations")
async def add_organisation(request: Request, ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "users")
    form = await request.form()

    try:
        await run_in_threadpool(ctx.book.users.add_organisation, str(form.get("code", "")),
                                str(form.get("name") or "") or None)
    except CasebookError as exc:
        return await run_in_threadpool(_page, ctx, str(exc), 400)
    return RedirectResponse("/admin/users?note=organisation", status_code=303)


@router.get("/admin/vocabularies")
def vocabulary_list(ctx: Ctx = Depends(get_ctx)):
    require(ctx.user, "vocabularies")
    return render(ctx.request, "vocabularies.html", vocabularies=vocabularies())
