"""A caseworker in a safe house works a case in Chromium (Playwright, Debian's chromium):
Korean first, the forms change the case and its timeline, a referral without her consent is
refused on the page, the partner answers from its inbox, and the page reads in English too.

Screenshots go to pytest's temporary folder, or to $CASEBOOK_SCREENSHOTS when set."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from web.conftest import CHROMIUM, CHROMIUM_ARGS

from casebook.model.consent import share_scope

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def served_cases(tmp_path, h, serve):
    """Two women of organisation A with cases (one shares with B, one with no one), a reviewer
    of each organisation, served on a free loopback port."""
    from casebook.store import Casebook

    db = tmp_path / "casebook.db"
    with Casebook.create(str(db), PASSPHRASE, actor="setup") as book:
        for org in (h.ORG_A, h.ORG_B):
            book.users.add_organisation(org)
        _, shared = h.add(book, h.KO_TEXT, h.ORG_A, "한정숙", consent=[share_scope(h.ORG_B)])
        _, private = h.add(book, h.EN_TEXT, h.ORG_A, "Ms. Ryu", language="en")
        a = book.cases.open(shared, stage="safe_house", place="Kunming", caseworker="mina",
                            risk="medium", risk_reason="waiting for a guide")
        b = book.cases.open(private, stage="hiding_china", place="Yanji", caseworker="mina")
        book.users.add("mina", h.PASSWORD, h.ORG_A, "reviewer", display_name="Mina")
        book.users.add("jun", h.PASSWORD, h.ORG_B, "reviewer", display_name="Jun")
        ids = {"shared": a.id, "private": b.id}
    with serve({"CASEBOOK_DB": str(db), "CASEBOOK_PASSPHRASE": PASSPHRASE}) as url:
        yield url, ids


def test_a_caseworker_works_a_case_in_both_languages(served_cases, h, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    url, ids = served_cases
    shots = Path(os.environ.get("CASEBOOK_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1360, "height": 900}, locale="ko-KR")
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

        def login(name: str) -> None:
            page.goto(url + "/login")
            page.fill("input[name=username]", name)
            page.fill("input[name=password]", h.PASSWORD)
            page.click("button.primary")
            expect(page.locator("h1")).to_have_text("대시보드")

        login("mina")
        page.click("nav >> text=사례 관리")
        expect(page.locator("h1")).to_have_text("사례 관리")
        expect(page.locator("table.cases")).to_contain_text("한정숙")
        expect(page.locator("table.cases")).not_to_contain_text("쿤밍")  # no place in the list
        page.screenshot(path=str(shots / "case-01-list-ko.png"), full_page=True)

        page.click("table.cases >> text=한정숙")
        expect(page.locator(".card.now")).to_contain_text("쿤밍")
        # she moves on: stage, place and status in one form, with a note
        form = page.locator("#update form")
        form.locator("select[name=status]").select_option("in_transit")
        form.locator("select[name=stage]").select_option("transit_third_country")
        form.locator("select[name=place]").select_option(label="루앙남타 (라오스)")
        form.locator("input[name=stage_since]").fill("2026-11")
        form.locator("textarea[name=note]").fill("left with the second guide")
        form.locator("button.primary").click()
        expect(page.locator("p.notice.ok")).to_be_visible()
        expect(page.locator(".card.now")).to_contain_text("루앙남타")
        expect(page.locator("ol.case-history")).to_contain_text("안전가옥 보호 → 제3국 경유 중")
        # a follow-up that is already late
        page.click("#task summary")
        task = page.locator("#task form")
        task.locator("input[name=text]").fill("call when she reaches Vientiane")
        task.locator("input[name=due]").fill((dt.date.today() - dt.timedelta(days=2)).isoformat())
        task.locator("button").click()
        expect(page.locator("#tasks + table")).to_contain_text("기한 지남")
        # refer her to the partner her consent names
        page.click("#refer summary")
        page.locator("#refer select[name=to]").select_option(h.ORG_B)
        page.locator("#refer textarea[name=note]").fill("documents for the embassy")
        page.locator("#refer button.primary").click()
        expect(page.locator("#referrals + table")).to_contain_text(h.ORG_B)
        page.screenshot(path=str(shots / "case-02-page-ko.png"), full_page=True)

        # the other woman shares with no one: refused on the page, in Korean, nothing sent
        page.goto(f"{url}/cases/{ids['private']}")
        page.click("#refer summary")
        page.locator("#refer select[name=to]").select_option(h.ORG_B)
        page.locator("#refer button.primary").click()
        expect(page.locator("p.error")).to_contain_text("공유하지 않았습니다")
        expect(page.locator("#referrals + table")).to_contain_text("의뢰가 없습니다")
        page.screenshot(path=str(shots / "case-03-refused-ko.png"), full_page=True)

        # the same case page in English
        with page.expect_navigation():
            page.click('form[action="/lang"] button')
        page.goto(f"{url}/cases/{ids['shared']}")
        expect(page.locator(".card.now")).to_contain_text("Luang Namtha")
        expect(page.locator("ol.case-history")).to_contain_text(
            "In a safe house → In transit in a third country")
        expect(page.locator("ol.case-history")).to_contain_text("at this stage since")
        page.screenshot(path=str(shots / "case-04-page-en.png"), full_page=True)
        page.goto(url + "/case-dashboard")
        expect(page.locator("h1")).to_have_text("Case dashboard")
        page.screenshot(path=str(shots / "case-05-dashboard-en.png"), full_page=True)
        page.click("text=Log out")

        # the partner's reviewer (another machine: Korean again) answers from the inbox, and
        # never sees her place
        page = browser.new_context(viewport={"width": 1360, "height": 900},
                                   locale="ko-KR").new_page()
        login("jun")
        page.goto(url + "/referrals")
        row = page.locator("tr", has_text="한정숙")
        expect(row).to_contain_text("documents for the embassy")
        page.screenshot(path=str(shots / "case-06-inbox-ko.png"), full_page=True)
        row.locator("button[value=accept]").click()
        expect(page.locator("p.notice.ok")).to_be_visible()
        page.click("text=한정숙")
        expect(page.locator("main")).not_to_contain_text("루앙남타")
        expect(page.locator("main")).not_to_contain_text("Vientiane")
        page.screenshot(path=str(shots / "case-07-shared-ko.png"), full_page=True)
        assert not [e for e in errors if "Content Security Policy" in e], errors
        browser.close()
