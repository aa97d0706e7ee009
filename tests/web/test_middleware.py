"""The web's outer layers on a small real Starlette app (no casebook needed): ``CatchAll`` turns
any failure into one safe answer and one safe log line, ``SecurityHeaders`` marks every answer,
``BodyLimit`` refuses a large body before the app reads it."""

from __future__ import annotations

import errno
import logging
import re

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, StreamingResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from casebook.errors import NotFound
from casebook.web.failures import CatchAll
from casebook.web.security import CSP, BodyLimit, SecurityHeaders

SECRET = "Ms. Kim was sold in Yanji for 3,000 yuan"


async def _bug(request: Request):
    raise RuntimeError(f"bug while handling {SECRET}")


async def _missing(request: Request):
    raise NotFound("testimony 7: not found")


async def _disk_full(request: Request):
    raise OSError(errno.ENOSPC, "No space left on device", SECRET)


async def _late(request: Request):
    async def body():
        yield b"first part"
        raise RuntimeError(SECRET)

    return StreamingResponse(body())


async def _echo(request: Request):
    return JSONResponse({"bytes": len(await request.body())})


async def _page(request: Request):
    return PlainTextResponse("a page")


def _app(**headers) -> Starlette:
    inner = Starlette(routes=[
        Route("/api/testimonies/{tid}/bug", _bug), Route("/api/missing", _missing),
        Route("/api/disk", _disk_full), Route("/api/late", _late),
        Route("/api/echo", _echo, methods=["POST"]), Route("/page", _page),
        Route("/static/app.css", _page)])
    inner.add_middleware(CatchAll)
    inner.add_middleware(BodyLimit, limit=1000)
    inner.add_middleware(SecurityHeaders, **headers)
    return inner


@pytest.fixture
def client():
    return TestClient(_app(), raise_server_exceptions=False)


def test_a_bug_is_one_safe_answer_and_one_log_line_without_the_data(client, caplog):
    with caplog.at_level(logging.ERROR, logger="casebook.web"):
        r = client.get("/api/testimonies/7/bug?name=Kim")
    assert r.status_code == 500
    rid = r.headers["x-request-id"]
    assert r.json() == {"ok": False, "status": 500,
                        "error": f"internal error: the action was not completed (reference {rid})"}
    (line,) = [rec.getMessage() for rec in caplog.records if rec.name == "casebook.web"]
    assert line.startswith(f"request {rid} GET /api/testimonies/{{tid}}/bug failed: RuntimeError")
    assert re.search(r"failed: RuntimeError at \S+\.py:\d+$", line)  # where, not what
    for leak in ("Kim", "Yanji", "3,000", "name="):
        assert leak not in line and leak not in r.text


def test_a_known_error_keeps_its_status_and_its_one_line(client):
    r = client.get("/api/missing")
    assert r.status_code == 404 and r.json()["error"] == "testimony 7: not found"


def test_a_full_disk_says_so_without_the_file_name(client):
    r = client.get("/api/disk")
    assert r.status_code == 507
    assert "the disk is full" in r.json()["error"] and SECRET not in r.text


def test_a_failure_after_the_answer_started_adds_no_second_answer(client, caplog):
    with caplog.at_level(logging.ERROR, logger="casebook.web"):
        r = client.get("/api/late")
    assert r.status_code == 200 and r.content.startswith(b"first part")
    assert b"internal error" not in r.content and SECRET.encode() not in r.content
    assert any("/api/late failed: RuntimeError" in rec.getMessage() for rec in caplog.records)


@pytest.mark.parametrize("url", ["/page?q=%00", "/page%00x"])
def test_a_nul_in_the_request_is_refused_before_any_route(client, url):
    r = client.get(url)
    assert r.status_code == 400 and "NUL character" in r.text


def test_every_request_gets_its_own_id(client):
    ids = {client.get("/page").headers["x-request-id"] for _ in range(5)}
    assert len(ids) == 5 and all(len(i) == 12 for i in ids)


def test_pages_are_never_cached_and_carry_the_security_headers(client):
    r = client.get("/page")
    assert r.headers["cache-control"] == "no-store"
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-frame-options"] == "DENY" and r.headers["referrer-policy"] == "no-referrer"
    assert "strict-transport-security" not in r.headers
    assert client.get("/static/app.css").headers["cache-control"] == "public, max-age=3600"


def test_error_answers_carry_the_security_headers_too(client):
    r = client.get("/api/testimonies/1/bug")
    assert r.headers["cache-control"] == "no-store" and r.headers["x-content-type-options"]


def test_hsts_only_when_served_over_https():
    r = TestClient(_app(hsts=True)).get("/page")
    assert r.headers["strict-transport-security"] == "max-age=31536000"


def test_a_body_over_the_limit_is_refused_whether_declared_or_streamed(client):
    assert client.post("/api/echo", content=b"x" * 1000).json() == {"bytes": 1000}
    declared = client.post("/api/echo", content=b"x" * 1001)
    assert declared.status_code == 413 and declared.json()["error"] == "request too large"

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(5):
            yield b"y" * 300

    streamed = client.post("/api/echo", content=chunks())
    assert streamed.status_code >= 400 and "bytes" not in streamed.text
