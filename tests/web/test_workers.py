"""Several worker processes: each opens the casebook itself, and whatever one worker signed or
stored (session cookie, CSRF token, a TOTP set-up in progress) works in every other."""

from __future__ import annotations

import os
import re

import pyotp
import pytest
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
    user = world.book.users.get(world.users[("reviewer", "a")].id)
    assert user.totp_enabled and world.book.users.totp_secret(user.id) == secret
    assert world.book.users.pending_totp(user.id) is None
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


@pytest.mark.slow
def test_serve_with_two_workers(tmp_path, h):
    """`casebook serve --workers 2`: logged in once, every request (whichever worker answers)
    knows the session; a search is answered and audited."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    from casebook.store import Casebook

    passphrase = _passphrase()
    db = tmp_path / "served.db"
    book = Casebook.create(str(db), passphrase, actor="tester")
    h.add(book, h.KO_TEXT, h.ORG_A, "김순희", record=h.quiet_record(h.KO_TEXT))
    book.users.add("mina", h.PASSWORD, h.ORG_A, "reviewer", create_organisation=True)
    book.close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "CASEBOOK_DB": str(db), "CASEBOOK_PASSPHRASE": passphrase,
           "CASEBOOK_FAST_KDF": "1"}
    server = subprocess.Popen([sys.executable, "-m", "casebook.cli.main", "serve", "--port",
                               str(port), "--workers", "2"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # a loaded 2-core machine starts three processes slowly
            try:
                httpx.get(base + "/login", timeout=1)
                break
            except httpx.HTTPError:
                assert server.poll() is None, server.stderr.read().decode()
                time.sleep(0.2)
        time.sleep(1.5)  # the second worker too
        with httpx.Client(base_url=base) as c:
            page = c.get("/login")
            r = c.post("/login", data={"username": "mina", "password": h.PASSWORD,
                                       "csrftoken": h.csrf_of(page.text)})
            assert r.status_code in (200, 303)
        for _ in range(4):  # fresh connections, so both workers get some
            with httpx.Client(base_url=base, cookies=c.cookies) as fresh:
                r = fresh.get("/search", params={"q": "연길"}, follow_redirects=False)
                assert r.status_code == 200 and "<mark>연길</mark>" in r.text
    finally:
        server.terminate()
        server.wait(timeout=20)
    with Casebook.open(str(db), passphrase) as book:
        actions = [e["action"] for e in book.audit.entries(limit=50)]
    assert actions.count("search") == 4
