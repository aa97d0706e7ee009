"""The web's last line of defence: every failure is one safe log line and one safe answer.

``CatchAll`` sits directly inside the security headers, so every error page carries them. It
gives each request an id (the ``X-Request-Id`` response header, shown on error pages, and the
only thing that links a log line to a request). A failure that reaches it is logged as one line:
the request id, the method, the route's *template* (``/testimonies/{tid}``, never the query
string or form data) and where the code broke; never an exception message, which could carry
SQL parameters or testimony text. Nothing is re-raised, so uvicorn never logs a traceback.
"""

from __future__ import annotations

import logging
import secrets

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casebook.store import translate, where_it_broke

log = logging.getLogger("casebook.web")

STATUS_OF = {"BadArgument": 400, "InvalidInput": 400, "NotFound": 404, "StoreLocked": 503,
             "DiskFull": 507, "StoreCorrupt": 500, "StorageError": 503}


def request_id(scope: Scope) -> str:
    return scope.get("state", {}).get("request_id", "-")


class CatchAll:
    """Request ids, NUL refusal, and the one safe answer to any unexpected failure."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = secrets.token_hex(6)
        scope.setdefault("state", {})["request_id"] = rid
        started = False

        async def tagged(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": [*message.get("headers", []),
                                                  (b"x-request-id", rid.encode())]}
            await send(message)

        if b"\x00" in scope.get("query_string", b"") or b"%00" in scope.get("query_string", b"") \
                or "\x00" in scope.get("path", ""):
            await self._answer(scope, receive, tagged, 400,
                               "the request contains a NUL character")
            return
        try:
            await self.app(scope, receive, tagged)
        except Exception as exc:  # noqa: BLE001 - the one place every failure ends
            route = scope.get("route")
            template = getattr(route, "path", "(no route)")
            known = translate(exc)
            kind = type(known).__name__ if known is not None else where_it_broke(exc)
            log.error("request %s %s %s failed: %s", rid, scope.get("method", "?"), template,
                      kind)
            if started:
                return
            if known is not None:
                status = STATUS_OF.get(type(known).__name__, 500)
                await self._answer(scope, receive, tagged, status, str(known))
            else:
                await self._answer(scope, receive, tagged, 500,
                                   f"internal error: the action was not completed "
                                   f"(reference {rid})")

    async def _answer(self, scope: Scope, receive: Receive, send: Send, status: int,
                      message: str) -> None:
        from casebook.web.app import error_response

        request = Request(scope, receive)
        try:
            response = error_response(request, status, message)
        except Exception:  # noqa: BLE001 - the error page itself failed: plain JSON
            from starlette.responses import JSONResponse

            response = JSONResponse({"ok": False, "error": message, "status": status},
                                    status_code=status)
        await response(scope, receive, send)
