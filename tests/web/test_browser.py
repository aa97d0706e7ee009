"""As a person uses it: Debian's Chromium, driven by Playwright, against `casebook serve`.

Log in, paste a Korean testimony, accept a suggested fact with the keyboard, search for it in
Korean, open the timeline, download a report. Screenshots of the main pages go to
``$CASEBOOK_SCREENSHOTS`` (default: a temporary directory), never into the repository.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from web.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSPHRASE = "correct horse battery staple"
NEW_TEXT = ("저는 2001년 여름에 회령에서 두만강을 건넜습니다. 연길에 있는 브로커가 저를 "
            "흑룡강성의 농촌 남자에게 팔았는데 값은 8000위안이었다고 들었습니다. "
            "2004년에 중국 공안에 체포되어 북송되었고 온성 보위부에서 조사를 받았습니다.")


@pytest.fixture
def served(tmp_path, h, serve):
    """A casebook with users and 11 reviewed testimonies, served on a free loopback port."""
    from casebook.store import Casebook

    db = tmp_path / "casebook.db"
    with Casebook.create(str(db), PASSPHRASE, actor="setup") as book:
        for i in range(11):  # with the new one: 12 persons, k = 11
            text = f"{h.KO_TEXT} 기록 {i}."
            h.add(book, text, h.ORG_A, f"생존자 {i}", consent=["aggregate_statistics"],
                  record=h.quiet_record(text, year=1996 + i % 6))
    env = {**os.environ, "CASEBOOK_DB": str(db), "CASEBOOK_PASSPHRASE": PASSPHRASE,
           "NEW_PASSWORD": h.PASSWORD}
    cli = [sys.executable, "-m", "casebook.cli.main"]
    subprocess.run([*cli, "user", "add", "mina", "--organisation", h.ORG_A, "--role", "reviewer",
                    "--display-name", "Mina (reviewer)", "--password-env", "NEW_PASSWORD"],
                   env=env, check=True, capture_output=True)
    listed = subprocess.run([*cli, "user", "list", "--json"], env=env, check=True,
                            capture_output=True, text=True).stdout
    assert '"username": "mina"' in listed
    with serve(env, tries=100) as url:
        yield url
    with Casebook.open(str(db), PASSPHRASE) as book:
        assert book.users.by_name("mina").last_login_at is not None


def test_a_reviewer_works_through_the_app(served, h, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    # screenshots go to pytest's own temporary folder unless a developer asks to keep them
    shots = Path(os.environ.get("CASEBOOK_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1360, "height": 900}, locale="ko-KR",
                                accept_downloads=True)
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(served + "/")
        expect(page).to_have_url(served + "/login?next=/")
        page.screenshot(path=str(shots / "01-login.png"))
        page.fill("input[name=username]", "mina")
        page.fill("input[name=password]", h.PASSWORD)
        page.click("button.primary")
        expect(page.locator("h1")).to_have_text("대시보드")
        page.screenshot(path=str(shots / "02-dashboard.png"), full_page=True)

        # intake: paste a Korean testimony
        page.click("text=증언 기록하기")
        page.fill("textarea[name=text]", NEW_TEXT)
        page.fill("input[name=pseudonym]", "한정숙")
        page.check("input[value=aggregate_statistics]")
        page.screenshot(path=str(shots / "03-intake.png"), full_page=True)
        page.click("text=증언 저장")
        page.wait_for_url(re.compile(r".*/review/\d+.*"))
        page.wait_for_selector("li.fact.current")
        page.screenshot(path=str(shots / "04-review.png"), full_page=True)

        # accept the selected fact with the keyboard
        fact_id = page.locator("li.fact.current").get_attribute("data-fact")
        page.keyboard.press("a")
        page.wait_for_url(lambda u: f"#fact-{fact_id}" in u)
        expect(page.locator(f"#fact-{fact_id}")).to_have_class(re.compile(r"\bs-accepted\b"))
        expect(page.locator(f'mark.s-accepted[data-facts~="{fact_id}"]').first).to_be_visible()

        # search for it in Korean
        page.click("nav.main >> text=검색")
        page.fill("input[name=q]", "흑룡강성")
        page.keyboard.press("Enter")
        hit = page.locator("ol.hits li").first
        expect(hit.locator("mark")).to_have_text("흑룡강성")
        page.screenshot(path=str(shots / "05-search.png"), full_page=True)

        # the person page: journey timeline and map
        hit.locator("a[href^='/persons/']").click()
        expect(page.locator("h1")).to_have_text("한정숙")
        expect(page.locator("#timeline li").first).to_be_visible()
        expect(page.locator("svg.map")).to_be_visible()
        page.screenshot(path=str(shots / "06-person.png"), full_page=True)

        # statistics and a report download
        page.click("nav.main >> text=통계")
        page.screenshot(path=str(shots / "07-statistics.png"), full_page=True)
        probe = page.request.get(served + "/statistics/report.html")
        assert probe.status == 200, probe.text()[:500]
        with page.expect_download() as dl:
            page.click("text=보고서 내려받기 (HTML)")
        report = Path(dl.value.path()).read_text(encoding="utf-8")
        assert "<table" in report and "한정숙" not in report

        # the interface in English
        page.click("button[name=lang][value=en]")
        expect(page.locator("h1")).to_have_text("Statistics")
        page.goto(served + "/network")
        page.screenshot(path=str(shots / "08-network-en.png"), full_page=True)
        assert not [e for e in errors if "Content Security Policy" in e], errors
        browser.close()
