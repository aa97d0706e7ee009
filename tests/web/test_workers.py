"""Several worker processes: each opens the casebook itself, and whatever one worker signed or
stored (session cookie, CSRF token, a TOTP set-up in progress) works in every other."""

from __future__ import annotations

import os
import re

import pyotp
from fastapi.testclient import TestClient


def _worker_app(world, monkeypatch, passphrase):
    """A second app built the way a uvicorn worker builds it: from the environment."""
    from casebook.web.app import app_from_environment

    location = str(world.book.backend.location)
    monkeypatch.setenv("CASEBOOK_DB", location)
    monkeypatch.setenv("CASEBOOK_PASSPHRASE", passphrase)
    monkeypatch.delenv("CASEBOOK_PASSPHRASE_FILE", raising=False)
    app = app_from_environment()
    assert "CASEBOOK_PASSPHRASE" not in os.environ  # the worker drops it once open
    return app


def test_workers_share_sessions_and_totp_setup(world, app, client_as, monkeypatch, h):
    from casebook.store.users import Users

    other = _worker_app(world, monkeypatch, _passphrase())
    first = client_as("reviewer-a")
    first.post("/account/totp", data={"action": "start", "csrftoken": h.token(first)})
    second = TestClient(other, base_url="http://testserver")
    second.cookies.update(first.cookies)
    page = second.get("/account")  # the other worker knows the session and the pending secret
    assert page.status_code == 200
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page.text).group(1)
    r = second.post("/account/totp", data={"action": "confirm", "csrftoken": h.csrf_of(page.text),
                                           "code": pyotp.TOTP(secret).now()},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    user = Users(world.book).get(world.users[("reviewer", "a")].id)
    assert user.totp_enabled and Users(world.book).totp_secret(user.id) == secret
    assert Users(world.book).pending_totp(user.id) is None
    second.close()
    other.state.book.close()


def _passphrase() -> str:
    """The test casebooks' passphrase, from the root conftest (not importable by name)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "root_conftest", Path(__file__).resolve().parents[1] / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PASSPHRASE
