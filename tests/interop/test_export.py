"""Exports: consent decides every row, text only when asked, one audit entry, age-encrypted."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from pyrage import passphrase as age_passphrase
from pyrage import x25519

from casebook.errors import InvalidInput, WrongPassphrase
from casebook.exchange.export import ExportRequest, collect, required_scope, serialise
from casebook.files import decrypt, encrypt
from casebook.model import ACCEPTED, Consent, Event, Person, Record, Testimony, UncertainDate

DAY = dt.date(2020, 3, 1)


def _add(book, text, scopes, org="Hanul", name="Ms. Baek"):
    t = Testimony(text, organisation=org, interview_date=UncertainDate(2019),
                  consent=Consent.of(list(scopes), on=DAY))
    record = Record(events=[Event("sale", date=UncertainDate(1999), place="cn-yanji")])
    tid, _ = book.testimonies.add(t, Person(name, surname="Baek", birth_year=1980), record)
    return tid


@pytest.fixture
def filled(book):
    ids = {
        "stats": _add(book, "Only counted.", ["aggregate_statistics"]),
        "bridge": _add(book, "Shared with Bridge.", ["share_with:Bridge"], name="Ms. Ri"),
        "legal": _add(book, "For a court.", ["legal_proceedings", "aggregate_statistics"],
                      name="Ms. O"),
        "none": _add(book, "She gave nothing.", [], name="Ms. Han"),
    }
    for item in book.facts.record(ids["stats"]).events:
        book.facts.set_status(item.id, ACCEPTED)
    return book, ids


@pytest.mark.parametrize("request_,scope", [
    (ExportRequest(), None),
    (ExportRequest(for_organisation="Bridge"), "share_with:Bridge"),
    (ExportRequest(purpose="legal"), "legal_proceedings"),
    (ExportRequest(purpose="internal"), None),
])
def test_required_scope(request_, scope):
    assert required_scope(request_) == scope


def test_an_unknown_purpose_is_refused():
    with pytest.raises(InvalidInput, match="--purpose"):
        required_scope(ExportRequest(purpose="press"))


def test_internal_export_leaves_out_who_gave_nothing(filled):
    book, ids = filled
    rows = collect(book, ExportRequest())
    assert {r["testimony_id"] for r in rows} == {ids["stats"], ids["bridge"], ids["legal"]}
    row = next(r for r in rows if r["testimony_id"] == ids["stats"])
    assert row["text"] == "Only counted." and len(row["sha256"]) == 64
    assert row["pseudonym"] == "Ms. Baek" and row["interview_year"] == 2019
    assert [f["type"] for f in row["facts_accepted"]] == ["sale"]
    assert next(r for r in rows if r["testimony_id"] == ids["legal"])["facts_accepted"] == []


def test_partner_export_only_with_her_consent_to_share_with_them(filled):
    book, ids = filled
    assert [r["testimony_id"] for r in collect(book, ExportRequest(
        for_organisation="Bridge"))] == [ids["bridge"]]
    assert collect(book, ExportRequest(for_organisation="Someone Else")) == []


def test_legal_export(filled):
    book, ids = filled
    assert [r["testimony_id"] for r in collect(book, ExportRequest(purpose="legal"))] == [
        ids["legal"]]


def test_a_withdrawn_scope_leaves_the_export(filled):
    book, ids = filled
    book.consent.withdraw(ids["bridge"], "share_with:Bridge")
    assert collect(book, ExportRequest(for_organisation="Bridge")) == []
    assert ids["bridge"] not in {r["testimony_id"] for r in collect(book, ExportRequest())}


def test_without_text_nothing_of_the_text_is_read(filled):
    book, ids = filled
    before = [e for e in book.audit.entries(100) if e["action"] == "read_testimony"]
    rows = collect(book, ExportRequest(include_text=False))
    assert rows and all("text" not in r and "sha256" not in r for r in rows)
    after = [e for e in book.audit.entries(100) if e["action"] == "read_testimony"]
    assert len(after) == len(before)


def test_every_export_is_audited(filled):
    book, _ = filled
    collect(book, ExportRequest(for_organisation="Bridge", include_text=False))
    entry = book.audit.entries(1)[0]
    assert entry["action"] == "export"
    assert book.audit.verify().ok


def test_serialise_json_and_csv(filled):
    book, ids = filled
    book.consent.withdraw(ids["legal"], "aggregate_statistics")
    rows = collect(book, ExportRequest())
    doc = json.loads(serialise(rows, "json"))
    assert doc["format"] == "casebook-export" and doc["version"] == 1
    assert len(doc["testimonies"]) == 3
    table = list(csv.DictReader(io.StringIO(serialise(rows, "csv").decode("utf-8"))))
    by_id = {int(r["testimony_id"]): r for r in table}
    assert by_id[ids["legal"]]["consent"] == "legal_proceedings"  # the withdrawn scope is gone
    assert by_id[ids["stats"]]["facts_accepted"] == "1"
    with pytest.raises(InvalidInput, match="xml"):
        serialise(rows, "xml")


@pytest.mark.slow  # scrypt at age's work factor: seconds per passphrase operation
def test_export_bytes_are_age_encrypted_to_keys_or_a_passphrase():
    data = serialise([{"testimony_id": 1, "pseudonym": "Ms. Baek", "consent": [],
                       "facts_accepted": [], "text": "words"}], "json")
    identity = x25519.Identity.generate()
    sealed = encrypt(data, recipients=[str(identity.to_public())])
    assert sealed.startswith(b"age-encryption.org/v1") and b"Ms. Baek" not in sealed
    assert decrypt(sealed, "share.age", identity=identity) == data
    locked = encrypt(data, passphrase="export words")
    assert age_passphrase.decrypt(locked, "export words") == data
    with pytest.raises(WrongPassphrase, match="share.age"):
        decrypt(locked, "share.age", passphrase="not the words")
    with pytest.raises(InvalidInput, match="not an age-encrypted file"):
        decrypt(data, "share.age", passphrase="x")
    with pytest.raises(InvalidInput, match="--recipient"):
        encrypt(data, recipients=["age1-not-a-key"])
    with pytest.raises(InvalidInput, match="passphrase"):
        encrypt(data)
