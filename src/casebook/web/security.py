"""HTTP-level protection: security headers and CSP, request size limit, CSRF
(fastapi-csrf-protect, double-submit cookie, checked by one app-wide dependency).

No page may be cached by the browser (``Cache-Control: no-store``): a cached testimony would be
plaintext on the laptop's disk. Uploads are kept in memory: the request body is capped at
``MAX_BODY`` and Starlette's spooled upload files are allowed that much memory before they
would roll over to a temporary file, so they never do.
"""

from __future__ import annotations

import json

from fastapi import Request, Response
from fastapi_csrf_protect.exceptions import CsrfProtectError
from fastapi_csrf_protect.flexible import CsrfProtect
from starlette.formparsers import MultiPartParser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 10 * 1024 * 1024

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")

HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]


def keep_uploads_in_memory() -> None:
    """Uploads up to MAX_BODY stay in RAM (the body limit refuses anything larger)."""
    MultiPartParser.spool_max_size = MAX_BODY


class SecurityHeaders:
    """Adds the headers above to every response; ``no-store`` everywhere but static files."""

    def __init__(self, app: ASGIApp, hsts: bool = False) -> None:
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in {h for h, _ in HEADERS} | {b"cache-control"}]
                headers += HEADERS
                headers.append((b"cache-control",
                                b"public, max-age=3600" if static else b"no-store"))
                if self.hsts:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, wrapped)


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes with 413 before the app reads them."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _send_json(send, 413, "request too large")
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise ValueError("request body over the limit")
            return message

        await self.app(scope, counted, send)


async def _send_json(send: Send, status: int, error: str) -> None:
    body = json.dumps({"ok": False, "error": error, "status": status}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class CsrfFailed(Exception):
    """A state-changing request without the right CSRF token (answered with 403)."""


SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
CSRF_COOKIE = "casebook_csrf"
CSRF_FIELD = "csrftoken"  # hidden form field; API clients send the X-CSRF-Token header
CSRF_HEADER = "X-CSRF-Token"


def configure_csrf(https: bool, max_age: int) -> None:
    """fastapi-csrf-protect's double-submit cookie (signed with the casebook's own secret,
    passed on every call); header for the API, hidden form field for pages."""
    CsrfProtect.load_config(lambda: [
        ("cookie_key", CSRF_COOKIE), ("cookie_samesite", "strict"), ("cookie_secure", https),
        ("header_name", CSRF_HEADER), ("httponly", True), ("max_age", max_age),
        ("token_key", CSRF_FIELD), ("token_location", "body")])


def csrf_token(request: Request) -> str:
    """The token for forms and API clients, kept in the signed session so every tab shares it.

    A new token (no session token or no cookie) also needs its signed cookie:
    :func:`attach_csrf_cookie` puts it on the response.
    """
    if getattr(request.state, "csrf_token", None):
        return request.state.csrf_token
    token = request.session.get("csrf")
    if not (token and request.cookies.get(CSRF_COOKIE)):
        token, signed = CsrfProtect().generate_csrf_tokens(request.app.state.csrf_secret)
        request.session["csrf"] = token
        request.state.csrf_cookie = signed
    request.state.csrf_token = token
    return token


def attach_csrf_cookie(request: Request, response: Response) -> None:
    signed = getattr(request.state, "csrf_cookie", None)
    if signed:
        CsrfProtect().set_csrf_cookie(signed, response)


async def csrf_guard(request: Request) -> None:
    """App-wide dependency: every POST/PUT/PATCH/DELETE must carry the token."""
    if request.method in SAFE_METHODS:
        return
    ctype = request.headers.get("content-type", "")
    if ctype.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        await request.form(max_part_size=MAX_BODY)
    try:
        await CsrfProtect().validate_csrf(request, secret_key=request.app.state.csrf_secret)
    except (CsrfProtectError, ValueError, KeyError):
        raise CsrfFailed() from None
