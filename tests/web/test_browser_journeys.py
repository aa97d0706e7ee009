"""The journeys on the demo casebook, as a person sees them in Debian's Chromium (Playwright),
in English and in Korean: a denial reads as a denial, her route is drawn with lines on a real
basemap, the network is a drawn graph, search crosses languages, the header fits at 1280 px.

Screenshots go to ``$CASEBOOK_SCREENSHOTS`` (default: pytest's temporary folder), never into
the repository. The same demo casebook answers the CLI bars (``casebook search 연길`` finds
English testimonies that say Yanji, and the reverse).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from web.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
PASSPHRASE = "demo passphrase for the journeys test"
PASSWORD = "journeys-test-password-1"
CLI = [sys.executable, "-m", "casebook.cli.main"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo casebook (bundled fictional testimonies, facts accepted) with demo logins."""
    from casebook.demo import build
    from casebook.store import Casebook
    from casebook.web import seed_demo_users

    out = tmp_path_factory.mktemp("demo") / "casebook.db"
    build(out, REPO / "demo", PASSPHRASE)
    with Casebook.open(str(out), PASSPHRASE, actor="test") as book:
        seed_demo_users(book, password=PASSWORD)
        denied = []  # testimonies of the reviewer's organisation with a denied arrest
        org = book.users.by_name("demo-reviewer").organisation
        for row in book.testimonies.all():
            events = book.facts.record(row.id).events
            if row.organisation == org and any(
                    e.type == "arrest_china" and e.attributes.get("denied") for e in events) \
                    and not any(e.type == "arrest_china" and not e.attributes.get("denied")
                                for e in events):
                denied.append((row.id, row.person_id, row.language))
    assert denied, "the demo has no denied arrest any more: choose another denial"
    env = {**os.environ, "CASEBOOK_DB": str(out), "CASEBOOK_PASSPHRASE": PASSPHRASE}
    return env, denied


def _cli(env, *args) -> str:
    return subprocess.run([*CLI, *args], env=env, capture_output=True, text=True,
                          check=True).stdout


def test_casebook_search_crosses_languages_on_the_demo(demo):
    env, _ = demo
    korean = json.loads(_cli(env, "search", "연길", "--json", "--limit", "100"))
    assert {h["language"] for h in korean} == {"ko", "en"}
    assert any("⟦Yanji⟧" in h["snippet"] for h in korean if h["language"] == "en")
    english = json.loads(_cli(env, "search", "Yanji", "--json", "--limit", "100"))
    assert any(h["language"] == "ko" and "⟦연길⟧" in h["snippet"] for h in english)
    assert "also searched: Yanji, 延吉" in _cli(env, "search", "연길", "--limit", "3")


def test_casebook_show_says_the_denial_on_the_demo(demo):
    env, denied = demo
    tid, _, _ = denied[0]
    out = _cli({**env, "COLUMNS": "220"}, "show", str(tid), "--no-text")
    assert "Never arrested in China (she says)" in out
    assert "Arrest in China" not in out


@pytest.fixture(scope="module")
def served(demo, serve):
    env, denied = demo
    with serve(env, tries=300) as url:
        yield url, denied


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_journey_pages_in_both_languages(served, lang, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    url, denied = served
    tid, person_id, _ = denied[0]
    shots = Path(os.environ.get("CASEBOOK_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    never = "Never arrested in China (she says)" if lang == "en" else "중국에서 체포된 적 없음"
    problems: list[str] = []

    def watch(page) -> None:
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("requestfailed", lambda r: problems.append(f"failed {r.url}"))
        page.on("response", lambda r: problems.append(f"{r.status} {r.url}")
                if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)

    with sync_playwright() as p:
        browser, page = _login(p, url, lang, watch)
        assert page.locator("html").get_attribute("lang") == lang
        header = page.locator("header.top").bounding_box()
        assert header is not None and header["height"] < 60, "the menu wraps at 1280 px"

        # the testimony: the denied arrest reads as a denial
        page.goto(f"{url}/testimonies/{tid}")
        expect(page.locator("ul.facts-brief")).to_contain_text(never)
        boxes = page.locator("form.stack label.check input[type=checkbox]")
        assert boxes.count() >= 2  # "who may open it": one box per colleague
        first, second = boxes.nth(0).bounding_box(), boxes.nth(1).bounding_box()
        assert first and second and first["width"] < 30  # a box, not a stretched input
        assert abs(first["x"] - second["x"]) < 2  # aligned in one column
        page.screenshot(path=str(shots / f"{lang}-testimony.png"), full_page=True)

        # her journey: the denial in the timeline, the summary bar, the route on a basemap
        page.goto(f"{url}/persons/{person_id}")
        expect(page.locator("#timeline")).to_contain_text(never)
        expect(page.locator("ol.stages li.t-arrest_china")).to_have_class("never t-arrest_china")
        route = page.locator("figure.mapbox svg.map").first
        expect(route).to_be_visible()
        assert page.locator("figure.mapbox svg.map path.land").count() > 5
        assert page.locator("figure.mapbox svg.map path.leg").count() >= 1
        assert route.bounding_box()["width"] > 300
        assert not page.locator("#timeline blockquote").filter(
            has_text="“" + "팔" + "”").count()  # a clause, never one syllable
        page.screenshot(path=str(shots / f"{lang}-person.png"), full_page=True)

        # search across languages
        page.goto(url + "/search?q=" + ("연길" if lang == "ko" else "Yanji"))
        expect(page.locator("p.meta .also")).to_be_visible()
        languages = page.locator("ol.hits li span.small").all_inner_texts()
        assert "English" in languages and "한국어" in languages
        page.screenshot(path=str(shots / f"{lang}-search.png"), full_page=True)

        # the network, drawn
        page.goto(url + "/network")
        graph = page.locator("#network-graph")
        page.wait_for_function("() => Number(document.getElementById('network-graph')"
                               ".getAttribute('data-drawn')) > 10")
        assert graph.locator("canvas").count() >= 1
        page.screenshot(path=str(shots / f"{lang}-network.png"), full_page=True)
        page.goto(url + "/network?role=buyer")
        page.wait_for_function("() => document.getElementById('network-graph')"
                               ".hasAttribute('data-drawn')")
        page.screenshot(path=str(shots / f"{lang}-network-buyers.png"), full_page=True)
        browser.close()
    assert not problems, problems


ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
RAW_MONTH = re.compile(r"\b(19|20)\d\d-[01]\d\b")


def _login(p, url: str, lang: str, watch=None):
    """A reviewer's page in ``lang``; ``watch`` is attached before the first request."""
    browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    page = browser.new_page(viewport={"width": 1280, "height": 900},
                            locale="en-GB" if lang == "en" else "ko-KR")
    if watch is not None:
        watch(page)
    page.goto(url + "/login")
    page.fill("input[name=username]", "demo-reviewer")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(url + "/")
    if page.locator("html").get_attribute("lang") != lang:
        page.click(f"button[name=lang][value={lang}]")
        page.wait_for_load_state()
    return browser, page


def test_a_korean_page_says_its_form_errors_in_korean(served, tmp_path):
    """Form errors, a failed CSRF check and a refused page: Korean words only, no English."""
    from playwright.sync_api import sync_playwright

    url, _ = served
    shots = Path(os.environ.get("CASEBOOK_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser, page = _login(p, url, "ko")
        said = []
        page.goto(url + "/intake")  # nothing pasted, no file: the store's English "text: ..."
        page.click("form.intake button.primary")
        page.wait_for_load_state()
        said.append(page.locator("p.error").inner_text())
        page.screenshot(path=str(shots / "ko-intake-error.png"), full_page=True)
        page.goto(url + "/intake")  # a stale or forged token: the CSRF check fails
        page.evaluate("document.querySelector('form.intake input[name=csrftoken]').value = 'x'")
        page.fill("form.intake textarea[name=text]", "짧은 시험 문장입니다.")
        page.click("form.intake button.primary")
        page.wait_for_load_state()
        said.append(page.locator("p.error").inner_text())
        page.screenshot(path=str(shots / "ko-csrf-error.png"), full_page=True)
        page.goto(url + "/admin/users")  # not this role's page
        said.append(page.locator("p.error").inner_text())
        page.goto(url + "/testimonies/999999")
        said.append(page.locator("p.error").inner_text())
        browser.close()
    for text in said:
        assert text.strip() and re.search(r"[가-힣]", text), said
        assert not ENGLISH_WORD.search(text), text


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_statistics_and_journey_read_as_words(served, lang, tmp_path):
    """No command-line options on the statistics page, no "2010-01" dates in her journey,
    and the report's PDF (charts as images) downloads."""
    from playwright.sync_api import sync_playwright

    url, denied = served
    _, person_id, _ = denied[0]
    with sync_playwright() as p:
        browser, page = _login(p, url, lang)
        page.goto(url + "/statistics")
        text = page.locator("main").inner_text()
        assert "--grouping" not in text and "--period" not in text
        assert page.locator("main table").count() >= 5
        page.goto(f"{url}/persons/{person_id}")
        when = " ".join(page.locator("#timeline .when").all_inner_texts())
        assert when.strip() and not RAW_MONTH.search(when), when
        route = page.locator("ol.stops").all_inner_texts()
        assert not RAW_MONTH.search(" ".join(route)), route
        pdf = page.request.get(url + "/statistics/report.pdf", timeout=180_000)
        assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
        assert b"/Subtype /Image" in pdf.body()  # charts as PNG images, not inline SVG
        browser.close()
