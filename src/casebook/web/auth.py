"""Logging in and staying logged in: signed session cookies with a server-side idle timeout.

Starlette's ``SessionMiddleware`` signs the cookie (itsdangerous); it carries only the user id,
when the login happened and when the user was last seen. Each request re-reads the user, so a
deactivated account, a changed password or "log out everywhere" ends old sessions at once, and
a session idle for longer than the timeout, or older than the absolute limit (12 h from the
login), is refused whatever the cookie says.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from fastapi import Request

from casebook.errors import NotFound
from casebook.store import User, UserCasebook
from casebook.web import i18n

SEEN_GRANULARITY = 30  # seconds: how often the "last seen" time in the cookie is refreshed


class LoginRequired(Exception):
    """No valid session: pages redirect to the login form, the API answers 401."""

    def __init__(self, expired: bool = False) -> None:
        super().__init__("login required")
        self.expired = expired


@dataclass
class Ctx:
    """What a view needs: the user, the casebook as that user sees it (and acting as that
    user in the audit log), the language."""

    request: Request
    user: User
    book: UserCasebook
    lang: str


def start_session(request: Request, user: User) -> None:
    """A fresh session for a user who just proved who they are (drops any earlier content)."""
    lang = request.session.get("lang")
    request.session.clear()
    now = time.time()
    request.session.update(uid=user.id, auth=now, seen=now,
                           lang=user.language or lang or i18n.language())


def end_session(request: Request) -> None:
    lang = request.session.get("lang")
    request.session.clear()
    if lang:
        request.session["lang"] = lang


def session_user(request: Request) -> User | None:
    """The logged-in user, or None (clearing a session that is idle, stale or for a lost user)."""
    if hasattr(request.state, "user"):
        return request.state.user
    request.state.user = None
    session = request.session
    uid = session.get("uid")
    if not uid:
        return None
    now = time.time()
    idle = request.app.state.idle_seconds
    lifetime = getattr(request.app.state, "session_seconds", 12 * 3600)
    try:
        auth, seen = float(session.get("auth", 0)), float(session.get("seen", 0))
    except (TypeError, ValueError):
        end_session(request)
        return None
    # Both limits are checked here, on the server, whatever the cookie's own age says: the
    # session middleware re-signs the cookie on every response, so its signature's age
    # proves nothing about when the user logged in.
    if now - auth > lifetime or auth > now + 60:
        end_session(request)
        request.state.expired = True
        return None
    if now - seen > idle:
        end_session(request)
        request.state.expired = True
        return None
    try:
        user = request.app.state.book.users.get(int(uid))
    except (NotFound, ValueError, TypeError):
        end_session(request)
        return None
    valid_after = user.sessions_valid_after.timestamp() if user.sessions_valid_after else 0
    if not user.active or auth < valid_after:
        end_session(request)
        return None
    if now - seen > SEEN_GRANULARITY:
        session["seen"] = now
    request.state.user = user
    return user


def request_language(request: Request) -> str:
    lang = request.session.get("lang") if "session" in request.scope else None
    return lang if lang in i18n.LANGUAGES else i18n.pick_language(
        request.headers.get("accept-language"))


def get_ctx(request: Request) -> Ctx:
    """FastAPI dependency: the context of a logged-in request, else LoginRequired."""
    user = session_user(request)
    if user is None:
        raise LoginRequired(expired=bool(getattr(request.state, "expired", False)))
    return Ctx(request, user, request.app.state.book.as_user(user), request_language(request))
