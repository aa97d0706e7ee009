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


def test_a_mistyped_grouping_or_format_is_not_a_dead_end(client_as):
    """The page reads an unknown grouping as "auto"; an unknown report format answers in the
    user's language and names the two that exist."""
    c = client_as("analyst-a")
    _use(c, "ko")
    page = c.get("/statistics?grouping=finest")
    assert page.status_code == 200 and "통계" in page.text
    wrong = c.get("/statistics/report.docx")
    assert wrong.status_code == 404
    assert "report.html 또는 report.pdf" in wrong.text and "형식은 없습니다" in wrong.text
    _use(c, "en")
    wrong = c.get("/statistics/report.docx")
    assert wrong.status_code == 404 and "download report.html or report.pdf" in wrong.text


def test_a_refused_report_is_explained_in_korean(client_as, monkeypatch):
    """Should disclosure control ever refuse a report, the page says so in Korean."""
    from casebook.errors import DisclosureRisk
    from casebook.web import statistics as stats

    def refuse(ctx, fmt="html"):
        raise DisclosureRisk("2 hidden cells can be narrowed below k=11")

    monkeypatch.setattr(stats, "report", refuse)
    c = client_as("analyst-a")
    _use(c, "ko")
    r = c.get("/statistics/report.pdf")
    assert r.status_code == 409 and "보고서를 만들지 않았습니다" in r.text
