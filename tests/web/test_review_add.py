"""The review page's own parts, through the ASGI app: add a fact from the words, the record
panel, closing a review; who may do it."""

from __future__ import annotations

import re

from casebook.extract import profile


def _add(c, tid, csrf, **form):
    return c.post(f"/review/{tid}/add", data={"csrftoken": csrf, **form},
                  follow_redirects=False)


def test_a_reviewer_adds_a_fact_from_selected_words(world, client_as, h):
    c = client_as("reviewer-a")
    page = c.get(f"/review/{world.own}")
    assert page.status_code == 200
    assert 'id="record"' in page.text and 'id="add-form"' in page.text
    csrf = h.csrf_of(page.text)
    words = "중국 공안에 잡혀"
    start = h.KO_TEXT.index(words)
    r = _add(c, world.own, csrf, words=words, start=str(start), end=str(start + len(words)),
             key="arrested_in_china", value="1")
    assert r.status_code == 303, r.text
    fid = int(re.search(r"#fact-(\d+)", r.headers["location"]).group(1))
    record = world.book.facts.record(world.own, ["accepted"])
    added = next(e for e in record.events if e.id == fid)
    assert (added.evidence.start, added.evidence.end) == (start, start + len(words))
    assert added.source == "reviewer" and profile(record)["arrested_in_china"] == 1
    entry = next(e for e in world.book.audit.entries() if e["action"] == "fact_added")
    assert entry["actor"] == "reviewer-a" and entry["target"] == f"fact:{fid}"
    # an event with its fields, words typed (no offsets)
    r = _add(c, world.own, csrf, words="3000위안", key="sale", f_amount="3000", f_currency="RMB",
             f_year="1998", f_purpose="marriage", value="")
    assert r.status_code == 303, r.text
    sale = [e for e in world.book.facts.record(world.own, ["accepted"]).events
            if e.type == "sale" and e.source == "reviewer"][0]
    assert sale.amount.value == 3000 and sale.attributes["purpose"] == "marriage"
    after = c.get(f"/review/{world.own}?note=added")
    assert "tr class=\"k-accepted\" data-key=\"arrested_in_china\"" in after.text


def test_words_not_in_the_text_are_refused_and_nothing_is_stored(world, client_as, h):
    c = client_as("reviewer-a")
    csrf = h.csrf_of(c.get(f"/review/{world.own}").text)
    before = len(world.book.facts.record(world.own, ["accepted", "suggested"]).events)
    r = _add(c, world.own, csrf, words="평양에서 태어났", key="violence", value="beating")
    assert r.status_code == 400
    assert "증언 " in r.text and "입력한 단어가 본문에 없습니다" in r.text  # Korean interface
    assert "casebook show" not in r.text  # the page's own advice, not the CLI's
    assert 'value="평양에서 태어났"' in r.text  # the form comes back as typed
    # words standing twice, typed without saying which: refused; with a selection: stored
    twice = "브로커가"
    text = h.KO_TEXT.replace("연길에서", "연길에서 브로커가")
    tid2, _ = h.add(world.book, text, h.ORG_A, "리영희", consent=["aggregate_statistics"])
    csrf2 = h.csrf_of(c.get(f"/review/{tid2}").text)
    r = _add(c, tid2, csrf2, words=twice, key="recruiter_relation",
             value="korean_chinese_broker")
    assert r.status_code == 400 and "본문에 2번 나옵니다" in r.text
    r = _add(c, tid2, csrf2, words=twice, occurrence="2", key="recruiter_relation",
             value="korean_chinese_broker")
    assert r.status_code == 303, r.text
    added = world.book.facts.record(tid2, ["accepted"])
    spans = [(x.evidence.start, x.evidence.end) for x in [*added.facts, *added.events]]
    second = text.index(twice, text.index(twice) + 1)
    assert spans == [(second, second + len(twice))]
    en = client_as("reviewer-a")
    en.post("/lang", data={"lang": "en", "csrftoken": h.token(en)})
    r = _add(en, world.own, h.csrf_of(en.get(f"/review/{world.own}").text),
             words="평양에서 태어났", key="violence", value="beating")
    assert r.status_code == 400 and "not in its text. Select them in the text" in r.text
    r = _add(c, world.own, csrf, words="두만강", key="violence", value="hugging")
    assert r.status_code == 400 and "violence 어휘의 코드가 아닙니다" in r.text  # Korean page
    assert len(world.book.facts.record(world.own, ["accepted", "suggested"]).events) == before


def test_only_the_owning_organisations_reviewers_add_or_close(world, client_as, h):
    analyst = client_as("analyst-a")
    csrf = h.token(analyst)
    assert _add(analyst, world.own, csrf, words="두만강", key="crossing_river",
                value="Tumen").status_code == 403
    other = client_as("reviewer-b")
    csrf_b = h.token(other)
    assert _add(other, world.own, csrf_b, words="두만강", key="crossing_river",
                value="Tumen").status_code == 404
    r = other.post(f"/review/{world.own}/state", data={"csrftoken": csrf_b, "action": "close"},
                   follow_redirects=False)
    assert r.status_code == 404
    assert world.book.reviews.state(world.own) == "untouched"


def test_closing_a_review_shows_in_the_lists(world, client_as, h):
    c = client_as("reviewer-a")
    csrf = h.token(c)
    r = c.post(f"/review/{world.own}/state", data={"csrftoken": csrf, "action": "close"},
               follow_redirects=False)
    assert r.status_code == 303
    assert world.book.reviews.state(world.own) == "reviewed"
    listing = c.get("/testimonies").text
    assert "review-reviewed" in listing and "검토 완료" in listing
    page = c.get(f"/review/{world.own}").text
    assert 'value="reopen"' in page
    c.post(f"/review/{world.own}/state", data={"csrftoken": csrf, "action": "reopen"})
    assert world.book.reviews.state(world.own) == "untouched"
