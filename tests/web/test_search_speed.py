"""Search pushes visibility into SQL: a user who may see few of the matches still finds every
one of them, never sees another organisation's, and each search is audited once."""

from __future__ import annotations


def test_search_finds_own_records_behind_many_invisible_matches(world, client_as, h):
    book = world.book
    mine = [h.add(book, f"Kept record {i} about the Tumen crossing.", h.ORG_A, f"Own {i}",
                  language="en")[0] for i in range(2)]
    others = [h.add(book, f"Other organisation {i}: the Tumen crossing.", h.ORG_B, f"B {i}",
                    language="en")[0] for i in range(40)]  # newer, invisible to org A
    c = client_as("reviewer-a")
    newest = book.audit.entries(limit=1)[0]["seq"]
    hits = c.get("/api/search", params={"q": "Tumen crossing", "limit": 2}).json()["hits"]
    assert [x["testimony_id"] for x in hits] == sorted(mine, reverse=True)
    entries = [e for e in book.audit.entries(limit=20) if e["seq"] > newest]
    assert [e["action"] for e in entries] == ["search"]
    assert entries[0]["actor"] == "reviewer-a"
    # the other organisation sees its own records and none of ours
    b_hits = client_as("reviewer-b").get("/api/search", params={
        "q": "Tumen crossing", "limit": 200}).json()["hits"]
    assert {x["testimony_id"] for x in b_hits} == set(others)


def test_search_filters_apply_with_a_query(world, client_as):
    c = client_as("reviewer-a")
    shared = c.get("/api/search", params={"q": "Yanji", "language": "en"}).json()["hits"]
    assert [x["testimony_id"] for x in shared] == [world.shared]
    assert c.get("/api/search", params={"q": "Yanji", "language": "ko"}).json()["hits"] == []


def test_search_page_marks_the_chosen_filter(world, client_as):
    html = client_as("reviewer-a").get("/search", params={
        "q": "연길", "event_type": "sale", "place": "cn-jilin"}).text
    assert '<option value="sale" selected>' in html
    assert '<option value="cn-jilin" selected>' in html
    assert html.count(" selected>") == 2
    assert "<mark>연길</mark>" in html
