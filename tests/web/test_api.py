"""The JSON API: the same operations and permissions as the pages; fuzzed with schemathesis."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def api_login(client, username, password):
    token = client.get("/api/csrf").json()["csrftoken"]
    r = client.post("/api/login", json={"username": username, "password": password},
                    headers={"X-CSRF-Token": token})
    return r


def test_api_flow(world, app, h):
    c = TestClient(app)
    r = api_login(c, "reviewer-a", h.PASSWORD)
    assert r.status_code == 200, r.text
    token = r.json()["csrftoken"]
    assert r.json()["user"]["role"] == "reviewer"
    hdr = {"X-CSRF-Token": token}
    r = c.post("/api/testimonies", headers=hdr, json={
        "text": h.KO_TEXT + " API로 기록.", "pseudonym": "이영희",
        "consent": ["aggregate_statistics"]})
    assert r.status_code == 201, r.text
    tid = r.json()["testimony_id"]
    assert r.json()["created"] is True
    facts = c.get(f"/api/testimonies/{tid}/facts").json()
    items = facts["facts"] + facts["events"]
    assert items, "extraction suggested nothing for a clear Korean testimony"
    assert r.json()["facts_suggested"] == len(items)
    fid = items[0]["id"]
    assert c.post(f"/api/facts/{fid}", headers=hdr, json={"action": "accept"}).json()["ok"]
    again = c.get(f"/api/testimonies/{tid}/facts").json()
    assert any(i["id"] == fid and i["status"] == "accepted"
               for i in again["facts"] + again["events"])
    body = c.get(f"/api/testimonies/{tid}").json()
    assert "API로 기록" in body["text"] and body["consent"] == ["aggregate_statistics"]
    hits = c.get("/api/search", params={"q": "API로"}).json()["hits"]
    assert [hit["testimony_id"] for hit in hits] == [tid]
    assert "⟦API로⟧" in hits[0]["snippet"]
    # every read of the text is in the audit chain, under the user's name
    entries = world.book.audit.entries(limit=30)
    assert any(e["action"] == "read_testimony" and e["actor"] == "reviewer-a"
               and e["target"] == f"testimony:{tid}" for e in entries)
    assert world.book.audit.verify().ok
    # bad input: one error shape
    r = c.post("/api/testimonies", headers=hdr, json={"text": "   "})
    assert r.status_code == 400 and r.json()["ok"] is False and "text" in r.json()["error"]
    r = c.post("/api/testimonies", headers=hdr, json={"text": "x", "consent": ["everything"]})
    assert r.status_code == 422 and set(r.json()) == {"ok", "error", "status"}
    assert c.post("/api/logout", headers=hdr).json() == {"ok": True}
    assert c.get("/api/me").status_code == 401


def test_api_login_errors(world, app):
    c = TestClient(app)
    r = api_login(c, "reviewer-a", "wrong password")
    assert r.status_code == 403 and r.json()["ok"] is False
    r = c.post("/api/login", json={"username": "reviewer-a", "password": "x"})
    assert r.status_code == 403 and "CSRF" in r.json()["error"]


def test_openapi_documents_the_api(app, h):
    anonymous = TestClient(app).get("/api/openapi.json")
    assert anonymous.status_code == 401 and "paths" not in anonymous.text  # not public
    c = TestClient(app)
    assert h.login(c, "documenter-a").status_code == 303
    doc = c.get("/api/openapi.json").json()
    paths = set(doc["paths"])
    for p in ("/api/login", "/api/testimonies", "/api/testimonies/{tid}", "/api/facts/{fact_id}",
              "/api/persons/{pid}", "/api/search", "/api/statistics", "/api/audit", "/api/users"):
        assert p in paths
    assert not any(p.startswith(("/review", "/intake", "/static")) for p in paths)


def test_schemathesis_fuzz(world, app, h):
    """Bounded fuzzing of every API operation against its own OpenAPI document (in-process).

    ``CASEBOOK_API_FUZZ_EXAMPLES`` raises the budget per operation (``make soak``)."""
    import os

    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import positive_data_acceptance

    c = TestClient(app)
    token = api_login(c, "reviewer-a", h.PASSWORD).json()["csrftoken"]
    cookies = "; ".join(f"{k}={v}" for k, v in c.cookies.items())
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app,
                                            headers={"Cookie": cookies})
    failures = []
    ran = 0
    examples = int(os.environ.get("CASEBOOK_API_FUZZ_EXAMPLES", "4"))
    calls: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path in ("/api/logout", "/api/login"):
            continue  # would end or replace the fuzzing session

        @settings(max_examples=examples, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck), derandomize=True)
        @given(case=operation.as_strategy())
        def run(case):
            calls.append(case.method)
            # Schema-valid is not always acceptable: business rules (unknown user ids, a text
            # of only spaces) answer 400 with the documented error shape, which is checked.
            case.call_and_validate(headers={"Cookie": cookies, "X-CSRF-Token": token},
                                   excluded_checks=[positive_data_acceptance])

        try:
            run()
            ran += 1
        except Exception as exc:  # noqa: BLE001 - schemathesis raises many kinds; collect, report once
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    print(f"schemathesis: {len(calls)} calls over {ran} operations")
    assert ran >= 10 and len(calls) >= ran
    assert not failures, "\n\n".join(failures)


@pytest.mark.postgres
def test_core_on_both_backends(location, h):
    """Login, intake, visibility, search and the person page on SQLCipher and PostgreSQL."""
    from casebook.store import Casebook
    from casebook.web import create_app

    book = Casebook.create(location, "correct horse battery staple", actor="tester")
    try:
        users = book.users
        users.add("doc-a", h.PASSWORD, h.ORG_A, "documenter", create_organisation=True)
        users.add("doc-b", h.PASSWORD, h.ORG_B, "documenter", create_organisation=True)
        tid_b, _ = h.add(book, h.EN_TEXT, h.ORG_B, "Ms. Ri", language="en")
        app = create_app(book)
        c = TestClient(app)
        assert h.login(c, "doc-a").status_code == 303
        t = h.token(c)
        r = c.post("/intake", data={"text": h.KO_TEXT, "pseudonym": "김순희", "csrftoken": t,
                                    "consent": "aggregate_statistics"}, follow_redirects=False)
        assert r.status_code == 303
        tid = int(r.headers["location"].split("/")[2].split("?")[0])
        page = c.get(f"/testimonies/{tid}")
        assert "농촌 남자에게" in page.text
        assert c.get(f"/testimonies/{tid_b}").status_code == 404
        hits = c.get("/api/search", params={"q": "연길"}).json()["hits"]
        assert [x["testimony_id"] for x in hits] == [tid]
        # Yanji is 연길 too: her testimony, never the other organisation's English one
        hits = c.get("/api/search", params={"q": "Yanji"}).json()["hits"]
        assert [x["testimony_id"] for x in hits] == [tid]
        pid = c.get(f"/api/testimonies/{tid}").json()["person_id"]
        assert c.get(f"/persons/{pid}").status_code == 200
        c.close()
    finally:
        book.close()
