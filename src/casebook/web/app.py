"""The web application factory: one FastAPI app over one opened casebook.

``create_app(book)`` wires the middleware (security headers, body limit, CSRF, signed sessions,
interface language), the pages under ``web/views/`` and the JSON API under ``/api``. The session
and CSRF signing secrets are generated once and kept in the casebook's ``meta`` table, inside
the encrypted store, never in a file beside it.
"""

from __future__ import annotations

import importlib
import os
import secrets
from pathlib import Path
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from casebook.errors import (
    AlreadyExists,
    CasebookError,
    ConsentRequired,
    DisclosureRisk,
    DiskFull,
    InvalidInput,
    NotFound,
    PermissionDenied,
    StorageError,
    StoreLocked,
)
from casebook.store import Casebook
from casebook.web import i18n
from casebook.web.api import router as api_router
from casebook.web.auth import LoginRequired, get_ctx, request_language
from casebook.web.failures import CatchAll
from casebook.web.memory import keep_memory_returned
from casebook.web.render import render
from casebook.web.security import (
    BodyLimit,
    CsrfFailed,
    SecurityHeaders,
    configure_csrf,
    csrf_guard,
    keep_uploads_in_memory,
)

STATIC = Path(__file__).parent / "static"
VIEW_MODULES = ("login", "dashboard", "intake", "review", "testimony", "person", "search",
                "network", "statistics", "audit", "admin", "account", "case_dashboard",
                "cases", "referrals")
SESSION_COOKIE = "casebook_session"
DEFAULT_IDLE_MINUTES = 30
SESSION_MAX_AGE = 12 * 3600  # absolute limit, whatever the activity


SECRET_KEYS = ("web.session_secret", "web.csrf_secret")


def secret(book: Casebook, key: str) -> str:
    """A signing secret kept in the encrypted store; created on first use."""
    value = book.meta.get(key)
    if not value:
        value = secrets.token_urlsafe(48)
        book.meta.set(key, value)
    return str(value)


def prepare_secrets(book: Casebook) -> None:
    """Create the signing secrets before worker processes start, so they all read the same."""
    for key in SECRET_KEYS:
        secret(book, key)


def app_from_environment() -> FastAPI:
    """The app of one worker process of ``casebook serve --workers N`` (a uvicorn factory).

    Each worker opens the casebook itself: location from ``CASEBOOK_DB``, passphrase from
    ``CASEBOOK_PASSPHRASE_FILE`` or ``CASEBOOK_PASSPHRASE`` (the serving process puts a typed
    passphrase into its own environment, which only its workers inherit; never a file). The
    session and CSRF secrets come from the casebook, so a cookie signed by one worker is
    valid in all of them.
    """

    from casebook.hardening import no_core_dumps

    no_core_dumps()  # a worker is a new process: PR_SET_DUMPABLE does not survive exec
    location = os.environ.get("CASEBOOK_DB", "")
    if not location:
        raise InvalidInput("CASEBOOK_DB is not set for the web worker")
    passphrase = None
    path = os.environ.get("CASEBOOK_PASSPHRASE_FILE")
    if path:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        passphrase = lines[0] if lines else None
    passphrase = passphrase or os.environ.get("CASEBOOK_PASSPHRASE")
    book = Casebook.open(location, passphrase, actor="web")
    os.environ.pop("CASEBOOK_PASSPHRASE", None)  # this worker needs it no more
    return create_app(book, idle_minutes=int(os.environ.get("CASEBOOK_WEB_IDLE_MINUTES",
                                                             DEFAULT_IDLE_MINUTES)),
                      https=os.environ.get("CASEBOOK_WEB_HTTPS") == "1")


class Language:
    """Sets the interface language for the whole request from the session or Accept-Language."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            token = i18n.set_language(request_language(Request(scope)))
            try:
                await self.app(scope, receive, send)
            finally:
                i18n._current.reset(token)
        else:
            await self.app(scope, receive, send)


def create_app(book: Casebook, *, idle_minutes: int = DEFAULT_IDLE_MINUTES,
               https: bool = False) -> FastAPI:
    """The ASGI app serving ``book``. ``https=True`` marks cookies Secure and sends HSTS."""
    keep_uploads_in_memory()
    keep_memory_returned()  # resident memory flat under load (web/memory.py)
    app = FastAPI(title="Casebook API", version="1",
                  description="JSON API of Casebook: the same operations and permissions as "
                              "the pages. Log in with POST /api/login (session cookie); send "
                              "the token from /api/login or /api/csrf as the X-CSRF-Token "
                              "header on every POST.",
                  docs_url=None, redoc_url=None, openapi_url=None,
                  dependencies=[Depends(csrf_guard)])
    configure_csrf(https, SESSION_MAX_AGE)
    app.state.book = book
    app.state.csrf_secret = secret(book, SECRET_KEYS[1])
    app.state.idle_seconds = idle_minutes * 60
    app.state.session_seconds = SESSION_MAX_AGE
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    for name in VIEW_MODULES:
        app.include_router(importlib.import_module(f"casebook.web.views.{name}").router)

    app.include_router(api_router)

    @app.get("/api/openapi.json", include_in_schema=False)
    def openapi(ctx=Depends(get_ctx)) -> JSONResponse:
        """The API's description, for logged-in users only (it maps every endpoint)."""
        return JSONResponse(app.openapi())
    _errors(app)
    app.add_middleware(Language)
    app.add_middleware(SessionMiddleware, secret_key=secret(book, SECRET_KEYS[0]),
                       session_cookie=SESSION_COOKIE, max_age=SESSION_MAX_AGE, same_site="lax",
                       https_only=https)
    app.add_middleware(BodyLimit)
    app.add_middleware(CatchAll)
    app.add_middleware(SecurityHeaders, hsts=https)
    return app


STATUS = {NotFound: 404, PermissionDenied: 403, ConsentRequired: 403, DisclosureRisk: 409,
          AlreadyExists: 409, InvalidInput: 400, StoreLocked: 503, DiskFull: 507,
          StorageError: 503}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str):
    """The one error shape: JSON ``{ok, error, status}`` for the API, a page otherwise."""
    if _is_api(request):
        return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)

    return render(request, "error.html", status_code=status, status=status, message=message)


def _errors(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired):
        if _is_api(request):
            return error_response(request, 401, "login required")
        target = "/login?next=" + quote(request.url.path)
        if exc.expired:
            target += "&expired=1"
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, exc: CsrfFailed):
        return error_response(request, 403, "CSRF check failed: reload the page and try again")

    @app.exception_handler(CasebookError)
    async def _casebook(request: Request, exc: CasebookError):
        status = next((s for cls, s in STATUS.items() if isinstance(exc, cls)), 400)
        return error_response(request, status, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}"
                             for e in exc.errors())
        return error_response(request, 422, problems or "invalid request")
