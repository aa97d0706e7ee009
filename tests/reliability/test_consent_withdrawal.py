"""One survivor withdraws her consent: she disappears from statistics, reports, exports and shares.

Twelve survivors with reviewed facts; one of them (Ms. Withdrawn) had allowed everything.
After ``withdraw_consent`` for each scope she leaves the statistics dataset and its tables,
the report's count and quotations, partner and legal exports, and the partner organisation's
view in the web application. The organisation's own internal export keeps her record: it is
the organisation's copy, not a use of her testimony (exchange/export.py).
"""

from __future__ import annotations

import pytest

from casebook.exchange.export import ExportRequest, collect
from casebook.model import (
    ACCEPTED,
    Amount,
    Consent,
    Event,
    Evidence,
    Fact,
    Person,
    Record,
    Testimony,
    UncertainDate,
)
from casebook.model.consent import BASE_SCOPES, share_scope
from casebook.store import Casebook

PARTNER = "Bridge of Light"
SCOPES = [*BASE_SCOPES, share_scope(PARTNER)]
HER_WORDS = "The lantern maker from the third lane sold me at dawn"


def _record(text: str, year: int) -> Record:
    ev = Evidence.of(text, 0, min(len(text), 20))
    return Record(
        [Fact("birth_year", 1975 + year % 10, ev, status=ACCEPTED)],
        [Event("border_crossing", UncertainDate(year=1995 + year), place="river-tumen",
               evidence=ev, status=ACCEPTED),
         Event("sale", UncertainDate(year=1995 + year), place="cn-jilin-yanbian-yanji",
               amount=Amount(3000 + 100 * year, "CNY", 1995 + year), evidence=ev,
               status=ACCEPTED)])


@pytest.fixture
def world(tmp_path):
    book = Casebook.create(str(tmp_path / "cb.db"), "p", actor="tester")
    ids = []
    for n in range(12):
        text = (f"Survivor {n} crossed the Tumen in {1995 + n}. A broker sold her in Yanji. "
                f"{HER_WORDS}." if n == 5 else
                f"Survivor {n} crossed the Tumen in {1995 + n}. A broker sold her in Yanji for "
                f"{3000 + 100 * n} yuan. She worked on a farm for years.")
        t = Testimony(text, organisation="Hanul", consent=Consent.of(SCOPES))
        tid, _ = book.testimonies.add(t, Person(f"Ms. {'Withdrawn' if n == 5 else n}",
                                              organisation="Hanul"), _record(text, n))
        ids.append(tid)
    yield book, ids[5]
    book.close()


def _withdraw_all(book, tid):
    for scope in SCOPES:
        book.consent.withdraw(tid, scope)


def test_statistics_and_report_leave_her_out(world):
    from casebook.publish.dataset import dataset_of
    from casebook.publish.report import build_content, render_html

    book, tid = world
    her = book.testimonies.get(tid).person_id

    def measure():
        ds = dataset_of(book.read_for("statistics", with_text=True))
        stats = ds.for_statistics()
        content = build_content(ds, k=3, quotes=20)
        html = render_html(content)
        sales = sum(len(r.profile.get("sales") or []) for r in stats)
        return {r.person_id for r in stats}, content.n_counted, sales, html, content.quotes

    ids_before, n_before, sales_before, html_before, _ = measure()
    assert her in ids_before and n_before == 12
    assert "lantern maker" in html_before  # her words were quoted while she allowed it
    _withdraw_all(book, tid)
    ids_after, n_after, sales_after, html_after, quotes_after = measure()
    assert sales_after < sales_before
    assert her not in ids_after and ids_after == ids_before - {her}
    assert n_after == 11
    assert "lantern maker" not in html_after and "third lane" not in html_after
    assert all("lantern" not in q.get("text", "") for q in quotes_after)


def test_partner_and_legal_exports_leave_her_out(world):
    book, tid = world
    for request in (ExportRequest(for_organisation=PARTNER), ExportRequest(purpose="legal")):
        before = {r["testimony_id"] for r in collect(book, request)}
        assert tid in before
    _withdraw_all(book, tid)
    for request in (ExportRequest(for_organisation=PARTNER), ExportRequest(purpose="legal")):
        rows = collect(book, request)
        assert tid not in {r["testimony_id"] for r in rows} and len(rows) == 11
        assert all(HER_WORDS not in (r.get("text") or "") for r in rows)
    internal = {r["testimony_id"] for r in collect(book, ExportRequest())}
    assert tid not in internal and len(internal) == 11  # not even the organisation's own copy


def test_the_partner_organisation_no_longer_sees_her_in_the_web_application(world):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from casebook.web import create_app

    book, tid = world
    book.users.add("partner-reviewer", "correct-horse-77", PARTNER, "reviewer",
                    create_organisation=True)
    client = TestClient(create_app(book))
    token = client.get("/api/csrf").json()["csrftoken"]
    r = client.post("/api/login", json={"username": "partner-reviewer",
                                        "password": "correct-horse-77"},
                    headers={"X-CSRF-Token": token})
    assert r.status_code == 200, r.text

    def visible():
        return {row["id"] for row in client.get("/api/testimonies?limit=500").json()}

    assert tid in visible() and len(visible()) == 12
    assert client.get(f"/api/testimonies/{tid}").status_code == 200
    _withdraw_all(book, tid)
    assert tid not in visible() and len(visible()) == 11
    assert client.get(f"/api/testimonies/{tid}").status_code in (403, 404)
