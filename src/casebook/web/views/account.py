"""The user's own account: password and optional TOTP two-factor login."""

from __future__ import annotations

import pyotp
from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from casebook.errors import CasebookError, PermissionDenied
from casebook.web import i18n
from casebook.web.auth import Ctx, get_ctx, start_session
from casebook.web.render import render

router = APIRouter(include_in_schema=False)


def _page(ctx: Ctx, error: str | None = None, status_code: int = 200, note: str | None = None):
    # A TOTP secret being set up waits in the encrypted store (any worker process may answer
    # the confirmation), never in a cookie.
    secret = None if ctx.user.totp_enabled else ctx.book.users.pending_totp(ctx.user.id)
    uri = (pyotp.TOTP(secret).provisioning_uri(name=ctx.user.username, issuer_name="Casebook")
           if secret else None)
    return render(ctx.request, "account.html", status_code=status_code, pending=secret,
                  uri=uri, error=error, note=note or ctx.request.query_params.get("note"))


@router.get("/account")
def account(ctx: Ctx = Depends(get_ctx)):
    return _page(ctx)


@router.post("/account/totp")
async def totp(request: Request, ctx: Ctx = Depends(get_ctx)):
    form = await request.form()
    action = str(form.get("action", ""))

    users = ctx.book.users
    if action == "start" and not ctx.user.totp_enabled:
        await run_in_threadpool(users.start_totp_setup, ctx.user.id, ctx.user.username)
        return await run_in_threadpool(_page, ctx)
    if action == "confirm" and not ctx.user.totp_enabled:
        secret = await run_in_threadpool(users.pending_totp, ctx.user.id)
        if not secret or not pyotp.TOTP(secret).verify(str(form.get("code", "")).strip(),
                                                       valid_window=1):
            return await run_in_threadpool(_page, ctx, i18n.gettext("The code does not match."),
                                           400)
        await run_in_threadpool(users.set_totp, ctx.user.id, secret, ctx.user.username)
        return RedirectResponse("/account?note=totp_on", status_code=303)
    if action == "disable":
        try:
            await run_in_threadpool(users.authenticate, ctx.user.username,
                                    str(form.get("password", "")), str(form.get("code", "")))
        except PermissionDenied:
            return await run_in_threadpool(_page, ctx, i18n.gettext(
                "Wrong password or code."), 400)
        await run_in_threadpool(users.set_totp, ctx.user.id, None, ctx.user.username)
        return RedirectResponse("/account?note=totp_off", status_code=303)
    return await run_in_threadpool(_page, ctx, "unknown action", 400)


@router.post("/account/password")
async def password(request: Request, ctx: Ctx = Depends(get_ctx)):
    form = await request.form()

    users = ctx.book.users
    try:
        await run_in_threadpool(users.authenticate, ctx.user.username,
                                str(form.get("current", "")), str(form.get("code", "")) or None)
        await run_in_threadpool(users.set_password, ctx.user.id, str(form.get("new", "")),
                                ctx.user.username)
    except PermissionDenied:
        return await run_in_threadpool(_page, ctx, i18n.gettext("Wrong password or code."), 400)
    except CasebookError as exc:
        return await run_in_threadpool(_page, ctx, str(exc), 400)
    start_session(request, await run_in_threadpool(users.get, ctx.user.id))
    return RedirectResponse("/account?note=password", status_code=303)
