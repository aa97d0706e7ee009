"""The case pages: list with filters, case page with its timeline and forms, the referral
inbox, the dashboard; who sees what, in Korean and English, and what a partner never sees."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from casebook.model.consent import share_scope

LATE = dt.date(2021, 5, 1)


@pytest.fixture
def cases(world, h):
    """Two cases of organisation A: one whose woman shares with B, one who shares with no one."""
    book = world.book
    tid, pid = h.add(book, h.EN_TEXT + " Case.", h.ORG_A, "Ms. Seo", language="en",
                     consent=[share_scope(h.ORG_B), "aggregate_statistics"])
    shared = book.cases.open(pid, caseworker="reviewer-a", stage="transit_third_country",
                             place="Vientiane", risk="high", risk_reason="night crossing")
    book.cases.need(shared.id, "legal_documents")
    book.cases.task(shared.id, text="call from Vientiane", due=LATE)
    private = book.cases.open(world.own_person, caseworker="documenter-a", stage="safe_house",
                              place="Kunming")
    return {"shared": shared.id, "private": private.id, "testimony": tid}


def post(client, path, data):
    return client.post(path, data={**data, "csrftoken": _token(client)}, follow_redirects=False)


def _token(client) -> str:
    """The CSRF token of a logged-in client (any page with a form has it)."""
    match = re.search(r'name="csrftoken" value="([^"]+)"', client.get("/account").text)
    assert match, "no CSRF token"
    return match.group(1)


def test_the_case_list_filters_and_shows_overdue_tasks_per_caseworker(cases, client_as, h):
    c = client_as("reviewer-a")
    page = c.get("/cases")
    assert page.status_code == 200 and "Ms. Seo" in page.text and "김순희" in page.text
    assert "Vientiane" not in page.text and "비엔티안" not in page.text  # no place in lists
    only = c.get("/cases?stage=safe_house")
    assert "김순희" in only.text and "Ms. Seo" not in only.text
    late = c.get("/cases?overdue=1")
    assert "call from Vientiane" in late.text and "김순희" not in late.text
    assert "reviewer-a" in late.text  # grouped under her caseworker
    assert c.get("/cases?caseworker=documenter-a").text.count("/cases/") >= 1


def test_the_case_page_shows_her_place_timeline_and_testimonies_to_her_organisation(
        cases, client_as):
    c = client_as("reviewer-a")
    page = c.get(f"/cases/{cases['shared']}")
    assert page.status_code == 200
    assert "비엔티안" in page.text  # her place, in the interface language (Korean by default)
    assert "제3국 경유 중" in page.text and "높음" in page.text
    assert f"/testimonies/{cases['testimony']}" in page.text
    assert "call from Vientiane" in page.text and "기한 지남" in page.text
    english = client_as("reviewer-a")
    english.post("/lang", data={"lang": "en", "next": "/", "csrftoken": _token(english)})
    page = english.get(f"/cases/{cases['shared']}")
    assert "Vientiane" in page.text and "In transit in a third country" in page.text
    assert "opened the case" in page.text
    assert "why this risk: night crossing" in page.text and "risk_reason:" not in page.text
    audit = [e for e in c.app.state.book.audit.entries(20) if e["action"] == "read_case"]
    assert audit and audit[0]["actor"] == "reviewer-a"


def test_forms_change_the_case_and_a_bad_form_comes_back_with_the_reason(cases, client_as):
    c = client_as("documenter-a")
    cid = cases["private"]
    r = post(c, f"/cases/{cid}/update", {"stage": "transit_third_country", "place": "la-boten",
                                         "status": "in_transit", "note": "left at dawn"})
    assert r.status_code == 303 and r.headers["location"].startswith(f"/cases/{cid}?note=update")
    book = c.app.state.book
    case = book.cases.get(cid)
    assert (case.stage, case.place, case.status) == ("transit_third_country", "la-boten",
                                                     "in_transit")
    assert [e.kind for e in book.cases.history(cid)][-2:] == ["update", "note"]
    assert book.cases.history(cid)[-1].actor == "documenter-a"
    bad = post(c, f"/cases/{cid}/update", {"status": "closed"})
    assert bad.status_code == 400 and "closure_reason" in bad.text
    assert "<h1>김순희" in bad.text  # the case page again, not an error page
    r = post(c, f"/cases/{cid}/task", {"text": "visit", "due": "2020-01-02", "kind": "follow_up"})
    assert r.status_code == 303
    (task,) = [t for t in book.cases.overdue() if t.case_id == cid]
    assert post(c, f"/cases/{cid}/done", {"task": str(task.task_id)}).status_code == 303
    assert [t for t in book.cases.overdue() if t.case_id == cid] == []
    r = post(c, f"/cases/{cid}/need", {"need": "medical", "state": "open", "note": "fever"})
    assert r.status_code == 303 and book.cases.get(cid).needs["medical"].note == "fever"
    r = post(c, f"/cases/{cid}/service", {"service": "medical_care", "state": "given",
                                          "outcome": "completed", "on": "2026-11"})
    assert r.status_code == 303
    (service,) = book.cases.get(cid).services.values()
    assert service.on.label() == "November 2026" and service.on.as_text() == "2026-11"
    assert service.outcome == "completed"
    assert post(c, f"/cases/{cid}/delete", {}).status_code == 404


def test_a_referral_without_her_consent_is_refused_on_the_page_and_with_it_reaches_the_inbox(
        cases, client_as, h):
    c = client_as("reviewer-a")
    refused = post(c, f"/cases/{cases['private']}/refer", {"to": h.ORG_B, "service": "legal_aid"})
    assert refused.status_code == 409 and "공유하지 않았습니다" in refused.text
    assert c.app.state.book.cases.get(cases["private"]).referrals == {}
    documenter = client_as("documenter-a")  # only reviewers send her record out
    assert post(documenter, f"/cases/{cases['shared']}/refer",
                {"to": h.ORG_B, "service": "legal_aid"}).status_code == 403
    ok = post(c, f"/cases/{cases['shared']}/refer",
              {"to": h.ORG_B, "service": "legal_aid", "note": "documents for the embassy"})
    assert ok.status_code == 303
    partner = client_as("reviewer-b")
    inbox = partner.get("/referrals")
    assert "Ms. Seo" in inbox.text and "documents for the embassy" in inbox.text
    shared = partner.get(f"/cases/{cases['shared']}")
    assert shared.status_code == 200 and "Ms. Seo" in shared.text
    for secret in ("Vientiane", "비엔티안", "night crossing", "call from Vientiane"):
        assert secret not in shared.text and secret not in inbox.text
    assert post(partner, f"/cases/{cases['shared']}/update",
                {"stage": "arrived"}).status_code == 403
    referral_id = c.app.state.book.cases.row_ids(cases["shared"])[
        next(iter(c.app.state.book.cases.get(cases["shared"]).referrals))]
    assert post(partner, f"/referrals/{referral_id}", {"answer": "refuse"}).status_code == 400
    assert post(partner, f"/referrals/{referral_id}", {"answer": "accept"}).status_code == 303
    owner = c.get(f"/cases/{cases['shared']}")
    assert "수락" in owner.text
    # the other organisation's users see nothing of A's cases otherwise
    assert partner.get(f"/cases/{cases['private']}").status_code == 404
    assert client_as("documenter-b").get(f"/cases/{cases['shared']}").status_code == 404


def test_withdrawing_her_consent_on_the_testimony_page_takes_the_case_from_the_partner(
        cases, client_as, h):
    c = client_as("reviewer-a")
    post(c, f"/cases/{cases['shared']}/refer", {"to": h.ORG_B, "service": "counselling"})
    partner = client_as("reviewer-b")
    assert "Ms. Seo" in partner.get("/referrals").text
    r = post(c, f"/testimonies/{cases['testimony']}/consent",
             {"scope": share_scope(h.ORG_B), "action": "withdraw"})
    assert r.status_code == 303
    assert "Ms. Seo" not in partner.get("/referrals").text
    assert partner.get(f"/cases/{cases['shared']}").status_code == 404
    owner = c.get(f"/cases/{cases['shared']}")
    assert "볼 수 없습니다" in owner.text  # the owner is told the partner lost it


def test_the_dashboard_counts_and_its_published_table_suppresses_small_cells(
        cases, client_as):
    for user in ("analyst-a", "admin-a", "reviewer-a"):
        page = client_as(user).get("/case-dashboard")
        assert page.status_code == 200, user
        assert "Ms. Seo" not in page.text and "김순희" not in page.text  # counts, never a woman
    page = client_as("reviewer-a").get("/case-dashboard")
    assert "공개용 (k = 11)" in page.text
    assert page.text.count('class="suppressed"') >= 4  # two cases: every shown count < 11
    assert client_as("analyst-a").get("/cases").status_code == 403
    assert client_as("admin-a").get(f"/cases/{cases['shared']}").status_code == 403


def test_her_consent_recorded_on_the_case_page_lets_the_referral_go_and_cancel_ends_it(
        cases, client_as, h):
    c = client_as("reviewer-a")
    cid = cases["private"]
    assert post(c, f"/cases/{cid}/refer", {"to": h.ORG_B, "service": "medical_care"}
                ).status_code == 409
    assert post(c, f"/cases/{cid}/consent", {"organisation": h.ORG_B, "do": "grant"}
                ).status_code == 303
    assert post(c, f"/cases/{cid}/refer", {"to": h.ORG_B, "service": "medical_care"}
                ).status_code == 303
    partner = client_as("reviewer-b")
    assert "김순희" in partner.get("/referrals").text
    book = c.app.state.book
    (uid,) = book.cases.get(cid).referrals
    row = book.cases.row_ids(cid)[uid]
    assert post(c, f"/cases/{cid}/cancel", {"referral": str(row), "reason": "she moved on"}
                ).status_code == 303
    assert book.cases.get(cid).referrals[uid].status == "cancelled"
    assert "김순희" not in partner.get("/referrals").text  # a cancelled referral ends access
    assert partner.get(f"/cases/{cid}").status_code == 404
    # her withdrawal, recorded on the case page, stops the next referral
    assert post(c, f"/cases/{cid}/consent", {"organisation": h.ORG_B, "do": "withdraw"}
                ).status_code == 303
    assert post(c, f"/cases/{cid}/refer", {"to": h.ORG_B, "service": "medical_care"}
                ).status_code == 409
