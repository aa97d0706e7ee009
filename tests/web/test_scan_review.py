"""The review screen of a scanned testimony shows the scan beside the recognised text: each
page drawn from the encrypted store, the evidence of each fact boxed on it, doubtful words
marked; the page images are served only to those who may read the text."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from scan_pages import KOREAN, image_pdf, typeset

from casebook.intake.pipeline import default_extractor, import_paths


@pytest.fixture
def scanned(world, tmp_path):
    pages = typeset(KOREAN, dpi=200, points=14, page_size=(6.0, 3.6), margin=0.5)
    path = tmp_path / "면담.pdf"
    path.write_bytes(image_pdf(pages.images, dpi=200))
    result = import_paths(world.book, [path], extractor=default_extractor(),
                          defaults={"organisation": "Hanul Documentation Centre"})
    assert len(result.added) == 1
    return result.added[0], len(pages.images)


def test_review_shows_the_scan_beside_the_text_with_evidence_boxed(client_as, scanned, world):
    tid, n_pages = scanned
    page = client_as("reviewer-a").get(f"/review/{tid}")
    assert page.status_code == 200
    html = page.text
    assert "<section class=\"scan\"" in html and "스캔 원본" in html and "면담.pdf" in html
    assert html.count('<figure class="scan-page"') == n_pages
    for number in range(1, n_pages + 1):
        assert f'href="/testimonies/{tid}/scan/{number}.png"' in html
    record = world.book.facts.record(tid)
    placed = [i for i in [*record.facts, *record.events] if i.evidence is not None]
    assert placed, "the extractor proposed facts from the recognised text"
    assert any(f'data-facts="{i.id}"' in html.split('<section class="scan"')[1] for i in placed)
    assert 'style="' not in html.split('<section class="scan"')[1]  # the CSP forbids inline styles


def test_scan_pages_are_served_upright_and_uncached_to_readers_only(client_as, scanned):
    tid, _ = scanned
    reviewer = client_as("reviewer-a")
    png = reviewer.get(f"/testimonies/{tid}/scan/1.png")
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert "no-store" in png.headers["cache-control"]
    image = Image.open(io.BytesIO(png.content))
    assert image.width <= 1100 and image.height / image.width == pytest.approx(3.6 / 6.0, 0.01)
    assert reviewer.get(f"/testimonies/{tid}/scan/99.png").status_code == 404
    assert client_as("analyst-a").get(f"/testimonies/{tid}/scan/1.png").status_code == 403
    assert client_as("reviewer-b").get(f"/testimonies/{tid}/scan/1.png").status_code in (403, 404)
    assert client_as(None).get(f"/testimonies/{tid}/scan/1.png",
                               follow_redirects=False).status_code in (303, 401)


def test_a_typed_testimony_has_no_scan_pane(client_as, world):
    html = client_as("reviewer-a").get(f"/review/{world.own}").text
    assert "<section class=\"scan\"" not in html and "with-scan" not in html



@pytest.mark.browser
@pytest.mark.slow
def test_in_chromium_the_scan_loads_and_the_current_fact_is_boxed_on_it(app, scanned, h,
                                                                       tmp_path):
    """Debian's Chromium against the app (uvicorn on loopback): the page images load from the
    store, and the fact the reviewer is on is highlighted on the scan as in the text.
    Screenshots go to $CASEBOOK_SCREENSHOTS or pytest's temporary folder."""
    import os
    import socket
    import threading
    import time

    import uvicorn
    from playwright.sync_api import sync_playwright

    tid, n_pages = scanned
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    shots = os.environ.get("CASEBOOK_SCREENSHOTS") or str(tmp_path)
    try:
        while not server.started:
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port}"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1500, "height": 950})
            images: list[int] = []
            page.on("response", lambda r: images.append(r.status) if ".png" in r.url else None)
            page.goto(url + "/login")
            page.fill("input[name=username]", "reviewer-a")
            page.fill("input[name=password]", h.PASSWORD)
            page.click("button.primary")
            page.wait_for_url(url + "/")
            page.goto(f"{url}/review/{tid}")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=os.path.join(shots, "scan-review.png"))
            assert images == [200] * n_pages
            current = page.locator(".scan rect.ev.current")
            assert current.count() >= 1, "the current fact is boxed on the scan"
            assert page.locator(".testimony-text mark.ev.current").count() >= 1
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
