"""A Casebook export as a partner's system reads it (``exchange.export``): a denied or feared
event is exported as not having happened, in JSON and in the CSV counts; a suggestion nobody
accepted never leaves; a partner export needs her share with that partner even when its purpose
is legal; Korean survives both formats."""

from __future__ import annotations

import csv
import io
import json

import pytest

from casebook.exchange.export import ExportRequest, collect, serialise
from casebook.model import ACCEPTED, Consent, Event, Person, Record, Testimony, UncertainDate
from casebook.model.mood import DENIED, FEARED

PARTNER = "Bridge of Light"


def _add(book, text, scopes, events, accept=True, name="Ms. Ri", org="Hanul"):
    t = Testimony(text, language="ko" if any("가" <= c <= "힣" for c in text) else "en",
                  organisation=org, consent=Consent.of(list(scopes)))
    tid, _ = book.testimonies.add(t, Person(name, birth_year=1979), Record(events=events))
    if accept:
        for item in book.facts.record(tid).events:
            book.facts.set_status(item.id, ACCEPTED)
    return tid


@pytest.fixture
def told(book):
    events = [Event("sale", date=UncertainDate(2001), place="cn-yanji"),
              Event("arrest_china", attributes={"mood": DENIED}),
              Event("repatriation", attributes={"mood": FEARED})]
    tid = _add(book, "저는 2001년에 연길에서 팔렸습니다. 공안에 잡힌 적은 없어요.",
               ["aggregate_statistics", f"share_with:{PARTNER}"], events)
    return book, tid


def test_a_denied_or_feared_event_is_exported_as_not_having_happened(told):
    book, tid = told
    (row,) = collect(book, ExportRequest(for_organisation=PARTNER, include_text=False))
    assert row["testimony_id"] == tid
    by_type = {e["type"]: e for e in row["facts_accepted"]}
    assert by_type["sale"]["happened"] is True and by_type["sale"]["mood"] == "fact"
    assert by_type["arrest_china"]["happened"] is False
    assert by_type["arrest_china"]["mood"] == DENIED
    assert by_type["repatriation"]["happened"] is False
    assert by_type["repatriation"]["mood"] == FEARED
    for item in by_type.values():
        assert isinstance(item["reads"], str) and item["reads"]
    assert by_type["arrest_china"]["reads"] != by_type["sale"]["reads"]


def test_the_csv_counts_what_happened_apart_from_what_did_not(told):
    book, tid = told
    rows = collect(book, ExportRequest(include_text=False))
    (line,) = csv.DictReader(io.StringIO(serialise(rows, "csv").decode("utf-8")))
    assert (line["facts_accepted"], line["events_happened"], line["events_not_happened"]) == (
        "3", "1", "2")
    assert line["text"] == ""  # not asked for
    assert line["consent"] == f"aggregate_statistics;share_with:{PARTNER}"


def test_korean_text_survives_json_and_csv(told):
    book, _ = told
    rows = collect(book, ExportRequest())
    as_json = serialise(rows, "json").decode("utf-8")
    assert "연길에서 팔렸습니다" in as_json  # not \\uXXXX escapes
    assert json.loads(as_json)["testimonies"][0]["text"].startswith("저는 2001년에")
    as_csv = serialise(rows, "csv").decode("utf-8")
    assert "공안에 잡힌 적은 없어요" in as_csv


def test_a_suggestion_nobody_accepted_never_leaves(book):
    _add(book, "She said the broker sold her in Helong.", ["aggregate_statistics"],
         [Event("sale", place="cn-helong")], accept=False)
    (row,) = collect(book, ExportRequest(include_text=False))
    assert row["facts_accepted"] == []


def test_a_partner_export_for_legal_use_still_needs_her_share_with_that_partner(book):
    court = _add(book, "For a court only.", ["legal_proceedings"], [], name="Ms. O")
    shared = _add(book, "For the partner's lawyers.",
                  ["legal_proceedings", f"share_with:{PARTNER}"], [], name="Ms. Yu")
    rows = collect(book, ExportRequest(for_organisation=PARTNER, purpose="legal"))
    assert [r["testimony_id"] for r in rows] == [shared]
    assert court in {r["testimony_id"] for r in collect(book, ExportRequest(purpose="legal"))}


def test_the_audit_says_what_was_exported_and_never_to_whom_by_name_of_her(told):
    book, _ = told
    collect(book, ExportRequest(for_organisation=PARTNER, format="csv", include_text=False))
    entry = book.audit.entries(1)[0]
    assert entry["action"] == "export"
    assert entry["detail"] == {"rows": 1, "scope": f"share_with:{PARTNER}", "format": "csv",
                               "text": False}
    assert "Ms. Ri" not in json.dumps(entry, ensure_ascii=False, default=str)
