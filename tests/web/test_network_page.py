"""The network page: a drawn graph of pseudonymised perpetrators, places and women; filters by
role and period; reviewers' alias merges shown with their decisions; no woman joined to where
she went to safety or lives now; only consented, accepted events that happened."""

from __future__ import annotations

import json
import re

import pytest

from casebook.linkage.decisions import accept
from casebook.model import (
    ACCEPTED,
    Consent,
    Event,
    Involvement,
    Person,
    Record,
    Testimony,
    UncertainDate,
)

PASSWORD = "correct-horse-77"


def _sale(year: int, who: str, place: str = "cn-jilin-yanbian-yanji", **kw) -> Event:
    return Event("sale", UncertainDate(year), place=place, status=ACCEPTED, involvements=[
        Involvement("victim"), Involvement("perpetrator", "broker", who=who),
        Involvement("perpetrator", "buyer", who="a farmer", group="han_chinese")], **kw)


def _arrival() -> Event:
    return Event("arrival", UncertainDate(2015), place="kr-seoul", status=ACCEPTED)


@pytest.fixture
def world(sqlite_book):
    book = sqlite_book
    consent = Consent.of(["aggregate_statistics"])
    tids = []
    for n, (who, year) in enumerate((("Mr. Jang", 2005), ("Jang the broker", 2012),
                                     ("Aunt Kim", 2008))):
        t = Testimony(f"testimony {n}", "en", organisation="O", consent=consent)
        tid, _ = book.testimonies.add(t, Person(f"Secret Name {n}", organisation="O"),
                                      Record([], [_sale(year, who), _arrival()]))
        tids.append(tid)
    hidden = Testimony("no consent", "en", organisation="O")
    book.testimonies.add(hidden, Person("Unconsented", organisation="O"),
                         Record([], [_sale(2006, "Mr. Pak", place="cn-liaoning")]))
    denied = Testimony("denied", "en", organisation="O", consent=consent)
    book.testimonies.add(denied, Person("Denier", organisation="O"), Record([], [
        _sale(2007, "Mr. Choe", place="cn-heilongjiang", attributes={"denied": True})]))
    # a reviewer confirmed that the brokers of the first two testimonies are one man
    book.links.add("perpetrator", accept([f"t{tids[0]}e0i1", f"t{tids[1]}e0i1"],
                                         "reviewer-x", note="same phone number").to_dict())
    # another organisation's decision about its own record and one of ours: not ours to show
    other = Testimony("another organisation", "en", organisation="P", consent=consent)
    theirs, _ = book.testimonies.add(other, Person("Their Woman", organisation="P"),
                                     Record([], [_sale(2005, "Mr. Jang")]))
    book.links.add("perpetrator", accept([f"t{tids[2]}e0i1", f"t{theirs}e0i1"],
                                         "reviewer-p", note="secret note").to_dict())
    book.users.add("rev", PASSWORD, "O", "reviewer", create_organisation=True)
    book.users.add("ana", PASSWORD, "O", "analyst")
    return book, tids


def _client(book, username):
    from fastapi.testclient import TestClient

    from casebook.web import create_app

    c = TestClient(create_app(book), base_url="http://testserver")
    page = c.get("/login")
    token = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)
    assert c.post("/login", data={"username": username, "password": PASSWORD,
                                  "csrftoken": token}, follow_redirects=False).status_code == 303
    token = re.search(r'name="csrftoken" value="([^"]+)"', c.get("/account").text).group(1)
    c.post("/lang", data={"lang": "en", "next": "/", "csrftoken": token})
    assert '<html lang="en">' in c.get("/").text
    return c


def _elements(html: str) -> list[dict]:
    data = re.search(r'<script type="application/json" id="network-data">(.*?)</script>',
                     html, re.S).group(1)
    return json.loads(data)


def test_the_graph_is_drawn_from_consented_facts_with_merged_aliases(world):
    book, tids = world
    with _client(book, "rev") as c:
        html = c.get("/network").text
    assert '<script src="/static/vendor/cytoscape.min.js"' in html
    assert 'id="network-graph"' in html
    nodes = [e["data"] for e in _elements(html) if "source" not in e["data"]]
    labels = {n["label"] for n in nodes}
    assert "Yanji" in labels
    assert "Seoul" not in labels and "서울" not in labels  # never joined through where she lives
    assert "Liaoning" not in labels  # no consent to analysis
    assert "Heilongjiang" not in labels  # a sale she says did not happen
    brokers = [n for n in nodes if n["kind"] == "perpetrator" and n["role"] == "broker"]
    assert len(brokers) == 2  # Mr. Jang and "Jang the broker" are one node; Aunt Kim another
    assert {n["label"] for n in brokers} == {"Broker 1", "Broker 2"}
    women = [n for n in nodes if n["kind"] == "victim"]
    assert len(women) == 3 and all(n["label"].startswith("Woman ") for n in women)
    assert "Secret Name" not in html and "Unconsented" not in html
    # the merge and the decision behind it are shown, with the names told (reviewer reads texts)
    merges = re.search(r'<ul class="plain merges">.*?</ul>\s*</li>', html, re.S).group(0)
    assert "Mr. Jang" in merges and "Jang the broker" in merges
    assert "reviewer-x" in merges and "same phone number" in merges
    assert "reviewer-p" not in html and "secret note" not in html


def test_analysts_see_pseudonyms_only(world):
    book, _ = world
    with _client(book, "ana") as c:
        html = c.get("/network").text
    assert "Mr. Jang" not in html and "Broker 1" in html and "reviewer-x" in html


def test_filters_by_role_and_period(world):
    book, _ = world
    with _client(book, "rev") as c:
        buyers = _elements(c.get("/network?role=buyer").text)
        roles = {e["data"]["role"] for e in buyers if e["data"].get("kind") == "perpetrator"}
        assert roles == {"buyer"}
        period = c.get("/network?year_from=2010&year_to=2013").text
        women = [e for e in _elements(period) if e["data"].get("kind") == "victim"]
        assert len(women) == 1
        empty = c.get("/network?year_from=1990&year_to=1991").text
        assert "network-data" not in empty and "No perpetrators" in empty
        assert c.get("/network?year_from=abc&role=nobody").status_code == 200


def test_search_page_and_api_say_what_else_was_searched(world):
    book, _ = world
    with _client(book, "rev") as c:
        html = c.get("/search", params={"q": "연길"}).text
        assert "also searched:" in html and "Yanji" in html and "延吉" in html
        api = c.get("/api/search", params={"q": "Yanji"}).json()
        assert api["also_searched"][:2] == ["연길", "延吉"]


def test_a_group_around_one_woman_is_drawn_only_when_asked(world):
    book, _ = world
    consent = Consent.of(["aggregate_statistics"])
    lone = Testimony("a woman alone", "en", organisation="O", consent=consent)
    book.testimonies.add(lone, Person("Lone Woman", organisation="O"), Record([], [
        _sale(2009, "Mr. Ri", place="cn-shandong")]))
    with _client(book, "rev") as c:
        shared = c.get("/network").text
        everyone = c.get("/network?everyone=1").text
    drawn = {e["data"]["label"] for e in _elements(shared) if "source" not in e["data"]}
    assert "Yanji" in drawn and "Shandong" not in drawn  # the three women sold in Yanji: drawn
    assert "1 group around one woman is not drawn" in shared
    drawn_all = {e["data"]["label"] for e in _elements(everyone) if "source" not in e["data"]}
    assert {"Yanji", "Shandong"} <= drawn_all
    assert "around one woman is not drawn" not in everyone
    assert 'name="everyone" value="1" checked' in everyone
    # a pseudonym is the same in both views (numbered over every group)
    assert drawn <= drawn_all


def test_with_no_group_of_two_women_every_group_is_drawn(sqlite_book):
    book = sqlite_book
    consent = Consent.of(["aggregate_statistics"])
    for n, place in enumerate(("cn-shandong", "cn-liaoning")):
        t = Testimony(f"alone {n}", "en", organisation="O", consent=consent)
        book.testimonies.add(t, Person(f"Alone {n}", organisation="O"),
                             Record([], [_sale(2009, f"Broker {n}", place=place)]))
    book.users.add("rev", PASSWORD, "O", "reviewer", create_organisation=True)
    with _client(book, "rev") as c:
        html = c.get("/network").text
    labels = {e["data"]["label"] for e in _elements(html) if "source" not in e["data"]}
    assert {"Shandong", "Liaoning"} <= labels  # never an empty drawing
    assert "not drawn" not in html
