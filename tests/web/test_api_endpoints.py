"""Every JSON endpoint: what each role gets, what it may not see, and the one error shape."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def _client(app, username, h):
    c = TestClient(app)
    r = c.post("/api/login", json={"username": username, "password": h.PASSWORD},
               headers={"X-CSRF-Token": c.get("/api/csrf").json()["csrftoken"]})
    assert r.status_code == 200, r.text
    return c, {"X-CSRF-Token": r.json()["csrftoken"]}


def _error_shape(r, status):
    assert r.status_code == status, r.text
    body = r.json()
    assert body["ok"] is False and body["status"] == status and body["error"]
    return body["error"]


def test_me_and_the_testimony_list_never_carry_text(world, app, h):
    c, _ = _client(app, "documenter-a", h)
    me = c.get("/api/me").json()
    assert me["username"] == "documenter-a" and me["organisation"] == h.ORG_A
    rows = c.get("/api/testimonies").json()
    ids = {r["id"] for r in rows}
    assert world.own in ids and world.shared in ids and world.other not in ids
    assert world.restricted not in ids  # restricted to one reviewer
    assert all("text" not in r for r in rows)


def test_a_testimony_of_another_organisation_is_not_found(world, app, h):
    c, _ = _client(app, "reviewer-a", h)
    _error_shape(c.get(f"/api/testimonies/{world.other}"), 404)
    _error_shape(c.get(f"/api/testimonies/{world.other}/facts"), 404)
    _error_shape(c.get("/api/testimonies/999999"), 404)
    assert c.get(f"/api/testimonies/{world.shared}").status_code == 200


def test_analysts_see_facts_but_not_text_without_a_grant(world, app, h):
    c, _ = _client(app, "analyst-a", h)
    facts = c.get(f"/api/testimonies/{world.own}/facts").json()
    items = facts["facts"] + facts["events"]
    assert items and all("quote" not in (i.get("evidence") or {}) for i in items)
    assert all("start" in i["evidence"] for i in items if i.get("evidence"))
    _error_shape(c.get(f"/api/testimonies/{world.own}"), 403)
    plus, _ = _client(app, "analyst-plus-a", h)
    assert plus.get(f"/api/testimonies/{world.own}").json()["text"] == h.KO_TEXT


def test_fact_actions_for_reviewers_only(world, app, h):
    documenter, dh = _client(app, "documenter-a", h)
    _error_shape(documenter.post(f"/api/facts/{world.own_fact}", headers=dh,
                                 json={"action": "accept"}), 403)
    reviewer, rh = _client(app, "reviewer-a", h)
    ok = reviewer.post(f"/api/facts/{world.own_fact}", headers=rh, json={"action": "reject"})
    assert ok.json() == {"ok": True}
    assert world.book.facts.record(world.own, ["rejected"]).events[0].id == world.own_fact
    bad = reviewer.post(f"/api/facts/{world.own_fact}", headers=rh, json={"action": "shred"})
    assert bad.status_code in (400, 422) and bad.json()["ok"] is False
    _error_shape(reviewer.post(f"/api/facts/{world.other_fact}", headers=rh,
                               json={"action": "accept"}), 404)


def test_posts_without_the_csrf_header_are_refused(world, app, h):
    c, _ = _client(app, "reviewer-a", h)
    r = c.post(f"/api/facts/{world.own_fact}", json={"action": "accept"})
    assert r.status_code == 403 and r.json()["ok"] is False
    assert world.book.facts.record(world.own, ["suggested"]).events  # nothing changed


def test_person_timeline(world, app, h):
    c, _ = _client(app, "reviewer-a", h)
    person = c.get(f"/api/persons/{world.shared_person}").json()
    assert person["pseudonym"] == "Ms. Choe"
    assert person["testimonies"] == [world.shared]
    assert {"border_crossing", "sale"} <= {e.get("type") for e in person["timeline"]}
    _error_shape(c.get(f"/api/persons/{world.other_person}"), 404)


def test_search_with_filters(world, app, h):
    c, _ = _client(app, "reviewer-a", h)
    got = c.get("/api/search", params={"q": "broker"}).json()
    # "broker" also searches its Korean name (브로커): her own organisation's Korean testimonies
    # (the restricted one is open to this reviewer) and the English one shared with it, never
    # the other organisation's unshared testimony
    assert "브로커" in got["also_searched"]
    assert {hit["testimony_id"] for hit in got["hits"]} == {world.shared, world.own,
                                                            world.restricted}
    by_language = c.get("/api/search", params={"q": "", "language": "ko"}).json()
    assert {t["id"] for t in by_language["testimonies"]} >= {world.own}
    assert world.other not in {t["id"] for t in by_language["testimonies"]}


def test_statistics_need_the_role(world, app, h):
    analyst, _ = _client(app, "analyst-a", h)
    stats = analyst.get("/api/statistics").json()
    assert stats["k"] == 11 and stats["reason"] == "too_few" and stats["n"] is None
    # never a dead end (issue 13): every table is there, every positive count withheld
    assert len(stats["tables"]) == 16
    assert all(not r["value"] for t in stats["tables"] for r in t["rows"])
    documenter, _ = _client(app, "documenter-a", h)
    _error_shape(documenter.get("/api/statistics"), 403)


def test_admins_list_and_add_users_of_their_own_organisation(world, app, h):
    admin, ah = _client(app, "admin-a", h)
    names = {u["username"] for u in admin.get("/api/users").json()}
    assert "reviewer-a" in names and "reviewer-b" not in names
    r = admin.post("/api/users", headers=ah, json={
        "username": "api-made", "password": "a long enough password", "role": "documenter"})
    assert r.status_code == 201 and r.json()["organisation"] == h.ORG_A
    _error_shape(admin.post("/api/users", headers=ah, json={
        "username": "api-made", "password": "a long enough password", "role": "documenter"}),
        409)
    short = admin.post("/api/users", headers=ah, json={
        "username": "short-pw", "password": "short", "role": "documenter"})
    assert short.status_code in (400, 422) and short.json()["ok"] is False
    reviewer, _ = _client(app, "reviewer-a", h)
    _error_shape(reviewer.get("/api/users"), 403)


def test_audit_for_admins_only_newest_first(world, app, h):
    admin, _ = _client(app, "admin-a", h)
    entries = admin.get("/api/audit", params={"limit": 5}).json()
    assert 1 <= len(entries) <= 5
    seqs = [e["seq"] for e in entries]
    assert seqs == sorted(seqs, reverse=True)
    assert admin.get("/api/audit", params={"limit": 0}).status_code == 422
    reviewer, _ = _client(app, "reviewer-a", h)
    _error_shape(reviewer.get("/api/audit"), 403)


@pytest.mark.parametrize("name", ["event_type", "consent_scope"])
def test_vocabularies_have_both_languages(app, h, name):
    c, _ = _client(app, "documenter-a", h)
    vocab = c.get(f"/api/vocabularies/{name}").json()
    assert vocab["name"] == name and vocab["terms"]
    assert all(t["en"] and t["ko"] for t in vocab["terms"])


def test_unknown_vocabulary_and_unauthenticated_calls(app, h):
    c, _ = _client(app, "documenter-a", h)
    assert c.get("/api/vocabularies/no_such_list").json()["ok"] is False
    anonymous = TestClient(app)
    _error_shape(anonymous.get("/api/me"), 401)
    _error_shape(anonymous.get("/api/testimonies"), 401)
    bad = anonymous.post("/api/login", json={"username": "reviewer-a", "password": "wrong"},
                         headers={"X-CSRF-Token": anonymous.get("/api/csrf").json()["csrftoken"]})
    assert bad.status_code == 403 and "wrong" in bad.json()["error"].lower()
