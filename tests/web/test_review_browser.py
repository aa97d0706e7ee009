"""Adding a fact from the words, as a reviewer does it: Debian's Chromium, driven by Playwright,
against `casebook serve`. The words are selected with the mouse (a real drag over the text) or
with the keyboard (a selection, then w); the fact lands accepted with exactly that span.

Screenshots of the review page in Korean and in English go to ``$CASEBOOK_SCREENSHOTS``
(default: pytest's temporary folder), never into the repository.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSPHRASE = "correct horse battery staple"
EN_TEXT = ("In the autumn of 2003 my aunt said there was work in a restaurant in China. "
           "A man took me across the Tumen at night and sold me to a farmer in Heilongjiang "
           "for 6,000 yuan. He beat me when I tried to leave. I was caught by the Chinese "
           "police in 2007 and sent back to Onsong.")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(tmp_path, h):
    """A casebook with one Korean and one English testimony (one suggested fact each)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
    from casebook.store import Casebook

    db = tmp_path / "casebook.db"
    with Casebook.create(str(db), PASSPHRASE, actor="setup") as book:
        ko, _ = h.add(book, h.KO_TEXT, h.ORG_A, "김순희", consent=["aggregate_statistics"],
                      record=h.quiet_record(h.KO_TEXT, "suggested"))
        en, _ = h.add(book, EN_TEXT, h.ORG_A, "Ms. Han", language="en",
                      consent=["aggregate_statistics"],
                      record=h.quiet_record(EN_TEXT, "suggested", year=2003))
        book.users.add("mina", h.PASSWORD, h.ORG_A, "reviewer", create_organisation=True)
    env = {**os.environ, "CASEBOOK_DB": str(db), "CASEBOOK_PASSPHRASE": PASSPHRASE}
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "casebook.cli.main", "serve", "--port",
                               str(port)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(url + "/login", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(server.stdout.read().decode()) from None
                time.sleep(0.2)
        yield {"url": url, "db": str(db), "ko": ko, "en": en}
    finally:
        server.terminate()
        server.wait(timeout=10)


def _drag_select(page, words: str) -> None:
    """Select ``words`` in the testimony with the mouse: press at the first character, release
    after the last, as a person does."""
    box = page.evaluate(
        """(words) => {
          const root = document.getElementById("words");
          const full = root.textContent, at = full.indexOf(words);
          if (at < 0) return null;
          const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          const r = document.createRange();
          let seen = 0, n, startSet = false;
          while ((n = walk.nextNode())) {
            const len = n.textContent.length;
            if (!startSet && at < seen + len) { r.setStart(n, at - seen); startSet = true; }
            if (at + words.length <= seen + len) { r.setEnd(n, at + words.length - seen); break; }
            seen += len;
          }
          const rects = r.getClientRects(), a = rects[0], b = rects[rects.length - 1];
          return {x0: a.left + 1, y0: a.top + a.height / 2,
                  x1: b.right - 1, y1: b.top + b.height / 2};
        }""", words)
    assert box, f"{words!r} is not on the page"
    page.mouse.move(box["x0"], box["y0"])
    page.mouse.down()
    page.mouse.move(box["x1"], box["y1"], steps=8)
    page.mouse.up()


def _select_by_script(page, words: str) -> None:
    """A selection made without the mouse (as shift+arrow keys or a screen reader would)."""
    page.evaluate(
        """(words) => {
          const root = document.getElementById("words");
          const at = root.textContent.indexOf(words);
          const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          const r = document.createRange();
          let seen = 0, n;
          while ((n = walk.nextNode())) {
            const len = n.textContent.length;
            if (at >= seen && at < seen + len) r.setStart(n, at - seen);
            if (at + words.length <= seen + len) { r.setEnd(n, at + words.length - seen); break; }
            seen += len;
          }
          const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
        }""", words)


def _stored(db: str, tid: int):
    from casebook.store import Casebook

    with Casebook.open(db, PASSPHRASE) as book:
        record = book.facts.record(tid, ["accepted"])
        text = book.testimonies.get(tid, purpose="review").text
        return record, text, [e for e in book.audit.entries() if e["action"] == "fact_added"]


def test_a_reviewer_adds_facts_from_selected_words_in_both_languages(served, h, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    from casebook.extract import profile

    shots = Path(os.environ.get("CASEBOOK_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    url = served["url"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1360, "height": 1000}, locale="ko-KR")
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(url + "/login")
        page.fill("input[name=username]", "mina")
        page.fill("input[name=password]", h.PASSWORD)
        page.click("button.primary")
        page.goto(f"{url}/review/{served['ko']}")
        row = page.locator('#record tr[data-key="arrested_in_china"]')
        expect(row).to_have_class("k-missing")
        expect(row.locator("td.state")).to_have_text("미입력")

        # Korean, with the mouse: drag over the words, the form opens on "what they say"
        words = "중국 공안에 잡혀"
        _drag_select(page, words)
        expect(page.locator("#add-fact")).to_have_attribute("open", "")
        expect(page.locator("#add-words")).to_have_value(words)
        expect(page.locator("#add-key")).to_be_focused()
        page.select_option("#add-key", "arrested_in_china")
        value = page.locator('.add-value:not([hidden]) [name=value]')
        expect(value).to_be_enabled()
        value.fill("1")
        page.screenshot(path=str(shots / "review-add-ko.png"), full_page=True)
        value.press("Enter")
        page.wait_for_url(re.compile(r".*#fact-\d+$"))
        fid = int(page.url.rsplit("-", 1)[1])
        expect(page.locator("p.notice")).to_contain_text("사실을 추가")
        expect(row).to_have_class("k-accepted")
        expect(page.locator(f'mark.s-accepted[data-facts~="{fid}"]')).to_have_text(words)
        page.screenshot(path=str(shots / "review-added-ko.png"), full_page=True)
        record, text, audit = _stored(served["db"], served["ko"])
        added = next(e for e in record.events if e.id == fid)
        assert text[added.evidence.start:added.evidence.end] == words
        assert added.source == "reviewer" and profile(record)["arrested_in_china"] == 1
        assert [a["target"] for a in audit] == [f"fact:{fid}"]

        # English, keyboard only: a selection, w, the event type, its code-listed field, Enter
        page.click("button[name=lang][value=en]")
        page.goto(f"{url}/review/{served['en']}")
        expect(page.locator("#record-title")).to_have_text("The record as it will be counted")
        words = "my aunt said there was work in a restaurant"
        _select_by_script(page, words)
        page.keyboard.press("w")
        expect(page.locator("#add-key")).to_be_focused()
        page.select_option("#add-key", "recruitment")
        page.select_option('.add-value:not([hidden]) select[name=value]', "deception_job_offer")
        page.screenshot(path=str(shots / "review-add-en.png"), full_page=True)
        page.locator('.add-value:not([hidden]) select[name=value]').press("Enter")
        page.wait_for_url(re.compile(r".*#fact-\d+$"))
        fid_en = int(page.url.rsplit("-", 1)[1])
        expect(page.locator('#record tr[data-key="recruitment"]')).to_have_class("k-accepted")
        expect(page.locator('#record tr[data-key="recruitment"] td.shown')).not_to_be_empty()

        # an event typed by the keyboard alone: w opens the form on the words field
        page.keyboard.press("Escape")
        page.locator("body").click(position={"x": 5, "y": 5})
        page.keyboard.press("w")
        expect(page.locator("#add-words")).to_be_focused()
        page.keyboard.type("for 6,000 yuan")
        page.keyboard.press("Tab")
        page.select_option("#add-key", "sale")
        page.fill("input[name=f_year]", "2003")
        page.fill("input[name=f_amount]", "6000")
        page.select_option("select[name=f_currency]", "RMB")
        page.fill("input[name=f_place]", "Heilongjiang")
        page.screenshot(path=str(shots / "review-add-event-en.png"), full_page=True)
        page.locator("input[name=f_place]").press("Enter")
        page.wait_for_url(re.compile(r".*#fact-\d+$"))
        page.screenshot(path=str(shots / "review-added-en.png"), full_page=True)

        # words that are not in the text: one line, in English, the form kept as typed
        page.keyboard.press("w")
        page.keyboard.type("sold me twice")
        page.select_option("#add-key", "times_sold")
        page.locator("#add-typed").fill("2")
        page.locator("#add-typed").press("Enter")
        expect(page.locator("p.error")).to_contain_text("not in its text")
        expect(page.locator("#add-words")).to_have_value("sold me twice")
        page.screenshot(path=str(shots / "review-refused-en.png"), full_page=True)
        assert not [e for e in errors if "Content Security Policy" in e], errors
        browser.close()

    record, text, audit = _stored(served["db"], served["en"])
    mine = {e.id: e for e in record.events if e.source == "reviewer"}
    assert fid_en in mine and len(mine) == 2
    recruited = mine[fid_en]
    assert text[recruited.evidence.start:recruited.evidence.end] == \
        "my aunt said there was work in a restaurant"
    sale = next(e for e in mine.values() if e.type == "sale")
    assert sale.amount.value == 6000 and sale.date.year == 2003
    assert text[sale.evidence.start:sale.evidence.end] == "for 6,000 yuan"
    assert profile(record)["recruitment"] == ["deception_job_offer"]
    assert profile(record)["times_sold"] == 1  # from the one sale; the refused "2" is not there
    assert len(audit) == 3
