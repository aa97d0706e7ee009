"""Login, logout and the language switch."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from casebook.errors import PermissionDenied
from casebook.web import i18n
from casebook.web.auth import end_session, session_user, start_session
from casebook.web.render import render

router = APIRouter(include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Only local paths: never redirect a user to another site after login."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/login")
def login_form(request: Request, next: str = "/", expired: int = 0):
    if session_user(request):
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "login.html", next=safe_next(next), expired=bool(expired), error=None)


@router.post("/login")
def login(request: Request, username: str = Form(""), password: str = Form(""),
          code: str = Form(""), next: str = Form("/")):
    book = request.app.state.book.with_actor("web")
    try:
        user = book.users.authenticate(username, password, code or None)
    except PermissionDenied:
        # One answer for a wrong name, a wrong password, a wrong code and a locked account.
        message = i18n.gettext("Wrong username, password or code.")
        return render(request, "login.html", status_code=401, next=safe_next(next),
                      expired=False, error=message, username=username)
    start_session(request, user)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request):
    end_session(request)
    return RedirectResponse("/login", status_code=303)


@router.post("/lang")
def switch_language(request: Request, lang: str = Form("ko"), next: str = Form("/")):
    if lang in i18n.LANGUAGES:
        request.session["lang"] = lang
        user = session_user(request)
        if user is not None:
            request.app.state.book.with_actor(user.username).users.update(
                user.id, language=lang, actor=user.username)
    return RedirectResponse(safe_next(next), status_code=303)
