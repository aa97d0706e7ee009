"""Every role × every page and API route × own / other organisation (and shared, restricted).

The expectations are written out here, independently of ``casebook.web.permissions``, so a
change to the capability table that widens access makes this test fail.
"""

from __future__ import annotations

import pytest

D, R, A, AP, ADM = "documenter", "reviewer", "analyst", "analyst+", "admin"
EVERYONE = {D, R, A, AP, ADM}

# page or API route -> roles that get 200 (everyone else: 403)
ROUTES = {
    "/": EVERYONE, "/testimonies": EVERYONE, "/account": EVERYONE,
    "/intake": {D, R}, "/review": {R}, "/persons": {D, R, A, AP},
    "/search?q=%EC%97%B0%EA%B8%B8": {D, R, AP}, "/network": {R, A, AP},
    "/statistics": {R, A, AP}, "/audit": {ADM}, "/admin/users": {ADM},
    "/admin/vocabularies": {ADM},
    "/api/me": EVERYONE, "/api/testimonies": EVERYONE, "/api/search?q=%EC%97%B0%EA%B8%B8": {D, R,
                                                                                            AP},
    "/api/statistics": {R, A, AP}, "/api/audit": {ADM}, "/api/users": {ADM},
    "/api/vocabularies/event_type": EVERYONE,
    "/cases": {D, R}, "/referrals": {R}, "/case-dashboard": EVERYONE,
}
READS_TEXT = {D, R, AP}

USERS = [(D, "a"), (R, "a"), (A, "a"), (AP, "a"), (ADM, "a"),
         (D, "b"), (R, "b"), (A, "b"), (ADM, "b")]


def username(role: str, tag: str) -> str:
    return "analyst-plus-a" if role == AP else f"{role}-{tag}"


@pytest.mark.parametrize("role,tag", USERS, ids=[f"{r}-{t}" for r, t in USERS])
def test_matrix(world, client_as, role, tag):
    c = client_as(username(role, tag))
    for route, allowed in ROUTES.items():
        got = c.get(route).status_code
        assert got == (200 if role in allowed else 403), (route, role, got)

    # Which testimonies exist for this user: own org, the other org's, shared with A, restricted.
    mine = world.own if tag == "a" else world.other
    theirs = world.other if tag == "a" else world.own
    person_mine = world.own_person if tag == "a" else world.other_person
    person_theirs = world.other_person if tag == "a" else world.own_person
    can_person = role in {D, R, A, AP}

    # testimony record page: own → 200, other organisation → 404 (never 403: ids do not leak)
    assert c.get(f"/testimonies/{mine}").status_code == 200
    assert c.get(f"/testimonies/{theirs}").status_code == 404
    # the shared testimony (B's, consent share_with A) is visible in A only, besides B itself
    assert c.get(f"/testimonies/{world.shared}").status_code == 200
    # restricted to reviewer-a alone
    restricted_ok = (role, tag) == (R, "a")
    assert c.get(f"/testimonies/{world.restricted}").status_code == (200 if restricted_ok else 404)

    # the text itself only for roles that read narratives (and its read is audited)
    page = c.get(f"/testimonies/{world.own}" if tag == "a" else f"/testimonies/{world.other}")
    text_marker = "농촌 남자에게" if tag == "a" else "to a farmer"
    assert (text_marker in page.text) == (role in READS_TEXT), role

    api = c.get(f"/api/testimonies/{mine}")
    assert api.status_code == (200 if role in READS_TEXT else 403)
    assert c.get(f"/api/testimonies/{theirs}").status_code == 404
    # facts through the API for exactly the roles that see them on person pages (not admins)
    assert c.get(f"/api/testimonies/{theirs}/facts").status_code == (404 if can_person else 403)
    assert c.get(f"/api/testimonies/{mine}/facts").status_code == (200 if can_person else 403)

    # person pages follow the same visibility
    assert c.get(f"/persons/{person_mine}").status_code == (200 if can_person else 403)
    assert c.get(f"/persons/{person_theirs}").status_code == (404 if can_person else 403)
    assert c.get(f"/api/persons/{person_theirs}").status_code == (404 if can_person else 403)

    # review: reviewers of the owning organisation only
    assert c.get(f"/review/{mine}").status_code == (200 if role == R else 403)
    assert c.get(f"/review/{theirs}").status_code == (404 if role == R else 403)
    if tag == "a":  # shared with A, but only B may change it
        assert c.get(f"/review/{world.shared}").status_code == 403

    # search never returns the other organisation's testimonies
    if role in {D, R, AP}:
        hits = c.get("/api/search", params={"q": "연길"}).json()["hits"]
        ids = {h["testimony_id"] for h in hits}
        assert theirs not in ids
        if tag == "a":
            assert world.own in ids
            assert (world.restricted in ids) == restricted_ok


@pytest.mark.parametrize("role,tag", USERS, ids=[f"{r}-{t}" for r, t in USERS])
def test_matrix_writes(world, client_as, h, role, tag):
    c = client_as(username(role, tag))
    t = h.token(c)
    own_fact = world.own_fact if tag == "a" else world.other_fact
    other_fact = world.other_fact if tag == "a" else world.own_fact
    r = c.post(f"/review/facts/{own_fact}", data={"action": "accept", "csrftoken": t},
               follow_redirects=False)
    assert r.status_code == (303 if role == R else 403), role
    r = c.post(f"/review/facts/{other_fact}", data={"action": "accept", "csrftoken": t},
               follow_redirects=False)
    assert r.status_code == (404 if role == R else 403), role
    r = c.post(f"/api/facts/{other_fact}", json={"action": "reject"},
               headers={"X-CSRF-Token": t})
    assert r.status_code == (404 if role == R else 403)
    r = c.post("/intake", data={"text": h.KO_TEXT + f" {role}{tag}", "csrftoken": t},
               follow_redirects=False)
    assert r.status_code == (303 if role in {D, R} else 403)
    r = c.post("/admin/users", data={"username": f"new-{role}-{tag}", "password": "long enough pw",
                                     "role": "documenter", "csrftoken": t},
               follow_redirects=False)
    assert r.status_code == (303 if role == ADM else 403)
    # an admin cannot reach another organisation's user
    other_user = world.users[("documenter", "b" if tag == "a" else "a")].id
    r = c.post(f"/admin/users/{other_user}", data={"action": "deactivate", "csrftoken": t},
               follow_redirects=False)
    assert r.status_code == (404 if role == ADM else 403)
    # restrictions: reviewers and admins of the owning organisation
    mine = world.own if tag == "a" else world.other
    theirs = world.other if tag == "a" else world.own
    r = c.post(f"/testimonies/{mine}/restrict", data={"csrftoken": t}, follow_redirects=False)
    assert r.status_code == (303 if role in {R, ADM} else 403)
    r = c.post(f"/testimonies/{theirs}/restrict", data={"csrftoken": t}, follow_redirects=False)
    assert r.status_code == (404 if role in {R, ADM} else 403)


def test_anonymous_is_sent_to_login(client_as):
    c = client_as(None)
    for route in ROUTES:
        r = c.get(route, follow_redirects=False)
        if route.startswith("/api/") and route != "/api/vocabularies/event_type":
            assert r.status_code == 401, route
            assert r.json() == {"ok": False, "error": "login required", "status": 401}
        elif route.startswith("/api/"):
            assert r.status_code == 401
        else:
            assert r.status_code == 303 and r.headers["location"].startswith("/login"), route
