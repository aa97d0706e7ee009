"""Login, lockout, TOTP, idle timeout, CSRF on every state-changing route, headers and CSP."""

from __future__ import annotations

import time

import pyotp
from fastapi.routing import APIRoute


def test_login_wrong_password_then_lockout(world, client_as, h):
    c = client_as(None)
    for _ in range(5):
        r = h.login(c, "reviewer-a", "wrong password!")
        assert r.status_code == 401
        assert "casebook_session" not in r.cookies
    # locked: even the right password is refused now, with the very answer an unknown user
    # gets (a lockout must not confirm that the name exists)
    r = h.login(c, "reviewer-a")
    unknown = h.login(c, "nobody-at-all", "wrong password!")
    assert r.status_code == unknown.status_code == 401
    assert r.text.replace("reviewer-a", "X") == unknown.text.replace("nobody-at-all", "X")

    user = world.book.users.by_name("reviewer-a")
    assert user.locked_until is not None
    world.book.users.unlock(user.id)
    assert h.login(c, "reviewer-a").status_code == 303
    actions = [e["action"] for e in world.book.audit.entries(limit=50)]
    assert actions.count("login_failed") == 6 and "login_refused" in actions  # 5 + unknown


def test_unknown_user_and_generic_message(client_as, h):
    c = client_as(None)
    r1 = h.login(c, "nobody-here", "whatever12345")
    r2 = h.login(c, "reviewer-a", "whatever12345")
    assert r1.status_code == r2.status_code == 401
    assert r1.text.count("error") == r2.text.count("error")


def test_totp_is_required_when_enabled(world, client_as, h):

    secret = pyotp.random_base32()
    world.book.users.set_totp(world.users[("reviewer", "a")].id, secret)
    c = client_as(None)
    assert h.login(c, "reviewer-a").status_code == 401
    assert h.login(c, "reviewer-a", code="000000").status_code == 401
    assert h.login(c, "reviewer-a", code=pyotp.TOTP(secret).now()).status_code == 303


def test_idle_timeout_is_enforced_on_the_server(app, client_as, monkeypatch):
    c = client_as("documenter-a")
    assert c.get("/", follow_redirects=False).status_code == 200
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + app.state.idle_seconds + 5)
    r = c.get("/", follow_redirects=False)
    assert r.status_code == 303 and "expired=1" in r.headers["location"]


def test_deactivation_ends_existing_sessions(world, client_as):

    c = client_as("documenter-a")
    assert c.get("/", follow_redirects=False).status_code == 200
    world.book.users.update(world.users[("documenter", "a")].id, active=False)
    assert c.get("/", follow_redirects=False).status_code == 303


def test_every_state_changing_route_needs_csrf(app, client_as):
    c = client_as("admin-a")
    routes = []
    for r in app.routes:  # routers included by FastAPI keep their own route lists
        routes += getattr(getattr(r, "original_router", None), "routes", [r])
    posts = [r for r in routes if isinstance(r, APIRoute) and r.methods & {"POST", "PUT",
                                                                           "PATCH", "DELETE"}]
    assert len(posts) >= 15
    for route in posts:
        path = route.path.replace("{tid}", "1").replace("{fact_id}", "1").replace("{uid}", "1")
        r = c.post(path, data={"action": "accept"}, follow_redirects=False)
        assert r.status_code == 403, path
        # pages answer in the interface language (Korean by default), the API in English
        said = "CSRF" if path.startswith("/api/") else "보안 확인에 실패했습니다"
        assert said in r.text, path
        r = c.post(path, json={"action": "accept"}, headers={"X-CSRF-Token": "forged"})
        assert r.status_code == 403, path


def test_security_headers_and_no_cache(client_as):
    c = client_as("reviewer-a")
    r = c.get("/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["cache-control"] == "no-store"
    assert "<script>" not in r.text and " on" + "click=" not in r.text
    assert c.get("/static/casebook.css").headers["cache-control"].startswith("public")


def test_session_cookie_is_signed_and_httponly(client_as, h):
    c = client_as(None)
    r = h.login(c, "reviewer-a")
    cookie = r.headers["set-cookie"]
    assert "casebook_session=" in cookie and "httponly" in cookie.lower()
    assert "samesite=lax" in cookie.lower()
    c.cookies.set("casebook_session", "forged." + c.cookies.get("casebook_session")[7:])
    assert c.get("/", follow_redirects=False).status_code == 303


def test_login_redirects_stay_on_the_site(client_as, h):
    c = client_as(None)
    page = c.get("/login")
    r = c.post("/login", data={"username": "reviewer-a", "password": h.PASSWORD,
                               "csrftoken": h.csrf_of(page.text), "next": "//evil.example/x"},
               follow_redirects=False)
    assert r.headers["location"] == "/"


def test_secrets_are_kept_in_the_encrypted_store(world, app):
    assert len(world.book.meta.get("web.session_secret")) > 40
    assert world.book.meta.get("web.csrf_secret") != world.book.meta.get("web.session_secret")


def test_oversized_upload_is_refused(client_as, h):
    c = client_as("documenter-a")
    r = c.post("/intake", content=b"x" * (11 * 1024 * 1024),
               headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413


def test_an_unknown_address_says_what_to_do_in_the_page_language(client_as):
    c = client_as(None)
    ko = c.get("/no-such-page", headers={"Accept-Language": "ko-KR"})
    en = c.get("/no-such-page", headers={"Accept-Language": "en-GB"})
    assert ko.status_code == en.status_code == 404
    assert "주소를 확인하거나 대시보드로 돌아가세요" in ko.text
    assert "Check the address, or go back to the dashboard" in en.text
    assert ">Not Found<" not in en.text
