"""The statistics page's flow map: drawn from counts that passed disclosure control with the
tables; withheld (and said so) when they cannot."""

from __future__ import annotations

import re

from casebook.model import (
    ACCEPTED,
    Consent,
    Event,
    Fact,
    Person,
    Record,
    Testimony,
    UncertainDate,
)

PASSWORD = "correct-horse-77"


def _fill(book, n: int) -> None:
    for i in range(n):
        t = Testimony(f"testimony number {i}", "en", organisation="O",
                      consent=Consent.of(["aggregate_statistics"]))
        record = Record(
            [Fact("origin_nk", "Hoeryong", status=ACCEPTED),
             Fact("province_china", "Jilin", status=ACCEPTED)],
            [Event("border_crossing", UncertainDate(2000 + i % 3), status=ACCEPTED,
                   attributes={"river": "Tumen"}),
             Event("transit", UncertainDate(2009), place="la", status=ACCEPTED),
             Event("transit", UncertainDate(2010), place="mn", status=ACCEPTED,
                   attributes={"mood": "planned"})])
        book.testimonies.add(t, Person(f"P{i}", organisation="O"), record)
    book.users.add("ana", PASSWORD, "O", "analyst", create_organisation=True)


def _page(book) -> str:
    from fastapi.testclient import TestClient

    from casebook.web import create_app

    with TestClient(create_app(book), base_url="http://testserver") as c:
        token = re.search(r'name="csrftoken" value="([^"]+)"', c.get("/login").text).group(1)
        c.post("/login", data={"username": "ana", "password": PASSWORD, "csrftoken": token})
        token = re.search(r'name="csrftoken" value="([^"]+)"', c.get("/account").text).group(1)
        c.post("/lang", data={"lang": "en", "next": "/", "csrftoken": token})
        response = c.get("/statistics")
        assert response.status_code == 200
        return response.text


def test_flows_are_drawn_from_published_counts(sqlite_book):
    _fill(sqlite_book, 24)
    html = _page(sqlite_book)
    flows = re.search(r'<section class="card flows">.*?</section>', html, re.S).group(0)
    assert "North Hamgyong → Tumen River" in flows and "Tumen River → Jilin" in flows
    assert "Jilin → Laos" in flows and "Mongolia" not in flows  # a planned transit is no flow
    assert flows.count('class="flow"') == 3 and "<svg" in flows
    assert re.search(r"<th>North Hamgyong → Tumen River</th><td>24</td>", flows)


def test_small_casebooks_withhold_the_flows_and_say_so(sqlite_book):
    _fill(sqlite_book, 12)
    t = Testimony("one more from elsewhere", "en", organisation="O",
                  consent=Consent.of(["aggregate_statistics"]))
    sqlite_book.testimonies.add(t, Person("Q", organisation="O"), Record(
        [Fact("origin_nk", "Hyesan", status=ACCEPTED)],
        [Event("border_crossing", UncertainDate(2001), status=ACCEPTED,
               attributes={"river": "Yalu"})]))
    html = _page(sqlite_book)
    flows = re.search(r'<section class="card flows">.*?</section>', html, re.S).group(0)
    assert 'class="flow"' not in flows.replace('class="flows"', "")
    assert "Ryanggang → Yalu River" not in re.sub(r"Withheld.*", "", flows, flags=re.S)
    assert "Withheld" in flows or "withheld" in flows
