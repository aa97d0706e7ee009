"""What people do on the pages: intake, review, consent, restriction, search, statistics,
administration and their own account, in Korean and English."""

from __future__ import annotations

import re

import pytest


def _post(client, url, data, h, **kw):
    return client.post(url, data={**data, "csrftoken": h.token(client)},
                       follow_redirects=False, **kw)


def _to_english(client, h):
    r = _post(client, "/lang", {"lang": "en", "next": "/"}, h)
    assert r.status_code == 303


def test_intake_stores_the_testimony_and_offers_its_facts_for_review(world, client_as, h):
    c = client_as("reviewer-a")
    text = "저는 2001년에 혜산에서 압록강을 건넜어요. 장백에서 브로커가 저를 팔았어요."
    r = _post(c, "/intake", {"text": text, "pseudonym": "리은희", "language": "ko",
                             "consent": "aggregate_statistics"}, h)
    assert r.status_code == 303 and r.headers["location"].startswith("/review/")
    tid = int(re.search(r"/(\d+)", r.headers["location"]).group(1))
    stored = world.book.testimonies.get(tid)
    assert stored.text == text and stored.organisation == h.ORG_A
    assert stored.consent.active_scopes() == ["aggregate_statistics"]
    page = c.get(f"/review/{tid}").text
    assert "혜산" in page and "<mark" in page  # the words behind each suggested fact


def test_intake_errors_keep_what_was_typed(client_as, h):
    c = client_as("documenter-a")
    r = _post(c, "/intake", {"text": "   ", "pseudonym": "지영"}, h)
    assert r.status_code == 400 and 'value="지영"' in r.text
    r = _post(c, "/intake", {"text": "A testimony.", "pseudonym": "X",
                             "consent": "sell_it"}, h)
    assert r.status_code == 400 and "consent" in r.text


def test_intake_rejects_a_file_of_the_wrong_kind(client_as, h):
    c = client_as("documenter-a")
    r = c.post("/intake", data={"pseudonym": "X", "csrftoken": h.token(c)},
               files={"file": ("photo.jpg", b"\xff\xd8\xff\xe0 jpeg", "image/jpeg")},
               follow_redirects=False)
    assert r.status_code == 400 and "photo.jpg" in r.text


def test_intake_reads_an_uploaded_text_file(world, client_as, h):
    c = client_as("documenter-a")
    body = "In 2005 I crossed near Onsong and was sold in Tumen for 8,000 yuan."
    r = c.post("/intake", data={"pseudonym": "Ms. Yun", "consent": "aggregate_statistics",
                                "csrftoken": h.token(c)},
               files={"file": ("yun.txt", body.encode(), "text/plain")}, follow_redirects=False)
    assert r.status_code == 303
    tid = int(re.search(r"/(\d+)", r.headers["location"]).group(1))
    t = world.book.testimonies.get(tid)
    assert t.text == body and t.file_name == "yun.txt" and t.language == "en"


def test_review_accept_edit_reject_and_undo(world, client_as, h):
    c = client_as("reviewer-a")
    items = [*world.book.facts.record(world.own).facts, *world.book.facts.record(world.own).events]
    fact, crossing, sale = items[0], items[1], items[2]
    assert _post(c, f"/review/facts/{fact.id}", {"action": "accept"}, h).status_code == 303
    r = _post(c, f"/review/facts/{crossing.id}", {"action": "edit", "type": "border_crossing",
                                                   "year": "1997", "month": "4",
                                                   "place_text": "무산", "notes": "확인"}, h)
    assert r.status_code == 303
    assert _post(c, f"/review/facts/{sale.id}", {"action": "reject"}, h).status_code == 303
    rec = world.book.facts.record(world.own, ["accepted", "rejected", "suggested"])
    status = {i.id: i.status for i in [*rec.facts, *rec.events]}
    assert status == {fact.id: "accepted", crossing.id: "accepted", sale.id: "rejected"}
    edited = next(e for e in rec.events if e.id == crossing.id)
    assert (edited.date.year, edited.date.month, edited.place_text, edited.notes) == (
        1997, 4, "무산", "확인")
    assert _post(c, f"/review/facts/{sale.id}", {"action": "reopen"}, h).status_code == 303
    assert world.book.facts.record(world.own, ["suggested"]).events[0].id == sale.id


def test_review_bad_edit_is_said_on_the_page(world, client_as, h):
    c = client_as("reviewer-a")
    crossing = world.book.facts.record(world.own).events[0]
    r = _post(c, f"/review/facts/{crossing.id}", {"action": "edit", "type": "border_crossing",
                                                   "year": "nineteen"}, h)
    assert r.status_code == 400 and "year" in r.text
    assert world.book.facts.record(world.own, ["suggested"]).events[0].id == crossing.id
    r = _post(c, f"/review/facts/{crossing.id}", {"action": "approve"}, h)
    assert r.status_code == 400


def test_review_queue_lists_testimonies_waiting(world, client_as):
    page = client_as("reviewer-a").get("/review").text
    assert f"/review/{world.own}" in page
    assert f"/review/{world.other}" not in page  # another organisation's, not shared


def test_consent_withdraw_and_grant_from_the_testimony_page(world, client_as, h):
    c = client_as("reviewer-a")
    r = _post(c, f"/testimonies/{world.own}/consent", {"scope": "aggregate_statistics",
                                                       "action": "withdraw"}, h)
    assert r.status_code == 303 and r.headers["location"].endswith("note=consent")
    assert not world.book.consent.of(world.own).allows("aggregate_statistics")
    _post(c, f"/testimonies/{world.own}/consent", {"scope": "legal_proceedings",
                                                   "action": "grant"}, h)
    _post(c, f"/testimonies/{world.own}/consent", {"organisation": h.ORG_B,
                                                   "action": "grant"}, h)
    consent = world.book.consent.of(world.own)
    assert consent.allows("legal_proceedings") and consent.shared_with() == [h.ORG_B]
    page = c.get(f"/testimonies/{world.own}").text
    assert h.ORG_B in page


def test_restrict_a_testimony_to_named_colleagues(world, client_as, h):

    c = client_as("reviewer-a")
    documenter = world.users[("documenter", "a")]
    r = _post(c, f"/testimonies/{world.own}/restrict", {"user": str(documenter.id)}, h)
    assert r.status_code == 303
    allowed = set(world.book.users.restricted_to(world.own))
    assert allowed == {documenter.id, world.users[("reviewer", "a")].id}
    other = client_as("documenter-a")
    assert other.get(f"/testimonies/{world.own}").status_code == 200
    assert client_as("reviewer-b").get(f"/testimonies/{world.own}").status_code == 404
    _post(c, f"/testimonies/{world.own}/restrict", {}, h)  # none chosen: open again
    assert world.book.users.restricted_to(world.own) == []


def test_search_page_finds_own_and_shared_only(world, client_as):
    c = client_as("documenter-a")
    page = c.get("/search", params={"q": "broker"}).text
    assert "Ms. Choe" in page  # shared with organisation A by consent
    assert "Ms. Ri" not in page  # B's own, not shared
    empty = c.get("/search", params={"q": "Pyongyang"})
    assert empty.status_code == 200 and "Pyongyang" in empty.text
    filtered = c.get("/search", params={"q": "", "language": "ko"}).text
    assert "김순희" in filtered and "Ms. Choe" not in filtered


def test_statistics_page_and_report_downloads(world, client_as):
    c = client_as("analyst-a")
    page = c.get("/statistics")
    assert page.status_code == 200
    assert re.search(r"k\s*=\s*11", page.text)
    report = c.get("/statistics/report.html")  # four persons: fewer than k, so no numbers
    assert report.status_code == 200 and "통계 이용에 동의한 사람이 11명 미만" in report.text
    assert "김순희" not in report.text and "Ms. Choe" not in report.text
    assert c.get("/statistics/report.docx").status_code == 404


def test_network_and_persons_pages(world, client_as):
    c = client_as("reviewer-a")
    assert c.get("/network").status_code == 200
    persons = c.get("/persons").text
    assert "김순희" in persons and "Ms. Ri" not in persons
    assert c.get(f"/persons/{world.own_person}").status_code == 200
    assert c.get(f"/persons/{world.other_person}").status_code == 404


def test_admin_adds_a_user_and_an_organisation_and_changes_a_role(world, client_as, h):

    c = client_as("admin-a")
    r = _post(c, "/admin/users", {"username": "new-doc", "password": "a long password 9",
                                   "role": "documenter", "display_name": "New"}, h)
    assert r.status_code == 303
    user = world.book.users.by_name("new-doc")
    assert user.organisation == h.ORG_A and user.role == "documenter"
    r = _post(c, f"/admin/users/{user.id}", {"action": "role", "role": "reviewer"}, h)
    assert r.status_code == 303 and world.book.users.get(user.id).role == "reviewer"
    r = _post(c, f"/admin/users/{user.id}", {"action": "deactivate"}, h)
    assert not world.book.users.get(user.id).active
    r = _post(c, f"/admin/users/{user.id}", {"action": "fly"}, h)
    assert r.status_code == 400
    r = _post(c, "/admin/users", {"username": "x y", "password": "short", "role": "admin"}, h)
    assert r.status_code == 400
    r = _post(c, "/admin/organisations", {"code": "Third Org", "name": "Third"}, h)
    assert r.status_code == 303
    assert "Third Org" in [o.code for o in world.book.users.organisations()]
    other_org_user = world.users[("documenter", "b")]
    r = _post(c, f"/admin/users/{other_org_user.id}", {"action": "deactivate"}, h)
    assert r.status_code == 404 and world.book.users.get(other_org_user.id).active


def test_admin_sees_the_audit_log_and_vocabularies(client_as):
    c = client_as("admin-a")
    audit = c.get("/audit")
    assert audit.status_code == 200 and "login" in audit.text
    vocab = c.get("/admin/vocabularies")
    assert vocab.status_code == 200 and "event_type" in vocab.text


def test_changing_ones_own_password(world, client_as, h):
    c = client_as("documenter-a")
    r = _post(c, "/account/password", {"current": "wrong one!!", "new": "a new long password"},
              h)
    assert r.status_code == 400
    r = _post(c, "/account/password", {"current": h.PASSWORD, "new": "a new long password"},
              h)
    assert r.status_code in (200, 303)
    fresh = client_as(None)
    assert h.login(fresh, "documenter-a", "a new long password").status_code == 303


@pytest.mark.parametrize("path", ["/", "/testimonies", "/search", "/review", "/account"])
def test_pages_in_both_languages(client_as, h, path):
    c = client_as("reviewer-a")
    korean = c.get(path)
    assert korean.status_code == 200 and '<html lang="ko">' in korean.text
    _to_english(c, h)
    english = c.get(path)
    assert english.status_code == 200 and '<html lang="en">' in english.text
    assert english.text != korean.text
