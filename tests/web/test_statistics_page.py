"""The statistics page never dead-ends: few persons, a missing Korean font, both languages."""

from __future__ import annotations

from web.conftest import token


def _use(c, lang: str) -> None:
    r = c.post("/lang", data={"lang": lang, "next": "/statistics", "csrftoken": token(c)},
               follow_redirects=False)
    assert r.status_code in (302, 303), r.text


def test_few_persons_page_answers_200_and_explains_in_korean(client_as):
    c = client_as("analyst-a")
    _use(c, "ko")
    page = c.get("/statistics")
    assert page.status_code == 200
    assert "11명 미만" in page.text and "공개" in page.text
    api = c.get("/api/statistics")
    assert api.status_code == 200
    body = api.json()
    assert body["reason"] == "too_few" and body["n"] is None  # a count under k is withheld
    assert len(body["tables"]) == 16 and all(t["notes"] for t in body["tables"])
    _use(c, "en")
    english = c.get("/api/statistics").json()
    assert "Fewer than 11 persons" in english["notices"][0]


def test_report_download_works_with_few_persons(client_as):
    c = client_as("analyst-a")
    _use(c, "en")
    r = c.get("/statistics/report.html")
    assert r.status_code == 200
    assert "Fewer than 11 persons consent" in r.text


def test_missing_korean_font_is_a_clear_503_in_korean(client_as, monkeypatch, tmp_path):
    """Without a Hangul font a Korean PDF is refused in Korean; an English one (no Hangul in
    it) is still made."""
    from casebook.publish import fonts

    monkeypatch.setenv("CASEBOOK_FONT_DIRS", str(tmp_path))
    fonts.hangul_font.cache_clear()
    fonts.register.cache_clear()
    try:
        c = client_as("analyst-a")
        _use(c, "ko")
        r = c.get("/statistics/report.pdf")
        assert r.status_code == 503
        assert "한글 글꼴" in r.text and "fonts-noto-cjk" in r.text and "Traceback" not in r.text
        _use(c, "en")
        assert c.get("/statistics/report.pdf").content[:5] == b"%PDF-"
    finally:
        fonts.hangul_font.cache_clear()
        fonts.register.cache_clear()


def test_grouping_is_offered_and_chosen_by_the_reader(client_as):
    c = client_as("analyst-a")
    fine = c.get("/api/statistics?grouping=fine").json()
    assert all(t["coarser_of"] is None for t in fine["tables"])
    coarse = c.get("/api/statistics?grouping=coarse")
    assert coarse.status_code == 200
    assert c.get("/api/statistics?grouping=finest").status_code == 422
    page = c.get("/statistics?grouping=fine")
    # one person, with no category stated: nothing to join, so no coarser grouping is offered
    assert page.status_code == 200 and "grouping=coarse" not in page.text
