"""The statistics page and /api/statistics on a demo-sized casebook, as an analyst uses them.

Debian's Chromium through Playwright, both languages: the page answers 200 and shows published
numbers (with notes on what is withheld), and the API gives the same tables as
``casebook stats --publish``. Screenshots go to ``$CASEBOOK_SCREENSHOTS`` (default: pytest's
temporary folder).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from web.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSPHRASE = "correct horse battery staple"
PASSWORD = "demo-analyst-password-1"


@pytest.fixture(scope="module")
def served(tmp_path_factory, serve):
    """The synthetic demo cohort with the demo logins, served on a free loopback port."""
    from casebook.demo import add_synthetic_cohort
    from casebook.store import Casebook
    from casebook.web.demo import seed_demo_users

    db = tmp_path_factory.mktemp("demo") / "casebook.db"
    with Casebook.create(str(db), PASSPHRASE, actor="setup") as book:
        add_synthetic_cohort(book)
        seed_demo_users(book, PASSWORD)
    env = {**os.environ, "CASEBOOK_DB": str(db), "CASEBOOK_PASSPHRASE": PASSPHRASE}
    with serve(env) as url:
        yield url, env, db


def test_analyst_sees_published_numbers_in_both_languages(served, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    url, env, _db = served
    shots = Path(os.environ.get("CASEBOOK_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1360, "height": 900}, locale="ko-KR")
        page.goto(url + "/login")
        page.fill("input[name=username]", "demo-analyst")
        page.fill("input[name=password]", PASSWORD)
        page.click("button.primary")
        expect(page.locator("h1")).to_have_text("대시보드")
        answer = page.goto(url + "/statistics")
        assert answer.status == 200
        expect(page.locator("h1")).to_have_text("통계")
        expect(page.locator("text=매매 시기별 첫 매매 가격")).to_be_visible()
        expect(page.locator("text=합성 집단").first).to_be_visible()
        numbers = page.locator("table.stat td").all_inner_texts()
        shown = [n for n in numbers if n.replace(",", "").isdigit() and int(n.replace(",", ""))]
        assert len(shown) >= 40, numbers[:20]
        assert "언급 없음" in page.content() and "응답한" in page.content()
        page.screenshot(path=str(shots / "statistics-ko.png"), full_page=True)
        page.click("button[name=lang][value=en]")
        expect(page.locator("h1")).to_have_text("Statistics")
        expect(page.locator("text=Price at first sale by period of the sale")).to_be_visible()
        assert "Shares are of the" in page.content()
        assert "European Central Bank" in page.content()
        # tables shown in coarser groups offer the finer ones, and the other way round
        page.click("text=Show the finer categories (more cells withheld)")
        expect(page.locator("text=Show coarser groups (small categories joined)").first) \
            .to_be_visible()
        page.goto(url + "/statistics")
        page.screenshot(path=str(shots / "statistics-en.png"), full_page=True)
        api = page.request.get(url + "/api/statistics")
        assert api.status == 200
        body = api.json()
        assert body["n"] and body["reason"] is None and len(body["tables"]) == 16
        assert all(t["notes"] for t in body["tables"])
        browser.close()


def test_api_tables_are_built_as_the_cli_builds_them(served):
    """The web builds the tables for what a user may see exactly as ``stats --publish``
    builds them (``build_content``): the analyst's numbers equal the CLI's computation over
    the store's statistics read as she sees it, and differ from the whole casebook's only by
    who is counted."""
    import httpx
    from web.conftest import csrf_of

    from casebook.publish.dataset import dataset_of
    from casebook.publish.report import build_content
    from casebook.store import Casebook
    from casebook.web.statistics import statistics_payload

    url, _env, db = served
    with httpx.Client(base_url=url, timeout=300) as client:
        login = client.get("/login")
        client.post("/login", data={"username": "demo-analyst", "password": PASSWORD,
                                    "csrftoken": csrf_of(login.text)})
        api = client.get("/api/statistics").json()
    with Casebook.open(str(db), PASSPHRASE) as book:
        analyst = book.users.by_name("demo-analyst")
        assert analyst is not None
        hers = book.as_user(analyst).read_for("statistics")
        assert analyst.organisation in {t.organisation for t in hers}
        expected = statistics_payload(build_content(dataset_of(hers), quotes=0), "en")
        everyone = build_content(dataset_of(book.read_for("statistics")), quotes=0)
    assert api["n"] == expected["n"] < everyone.n_counted
    assert [t["name"] for t in api["tables"]] == [t["name"] for t in expected["tables"]]
    for got, want in zip(api["tables"], expected["tables"]):
        assert [r["value"] for r in got["rows"]] == [r["value"] for r in want["rows"]]
