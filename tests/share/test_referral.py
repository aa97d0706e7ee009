"""A referral file for an organisation outside the casebook (``casebook.share.referral``): what
the package carries and what it never carries, consent failing closed, a damaged or misaddressed
file refused by name with nothing stored, and receiving the same file twice adding nothing."""

from __future__ import annotations

import json

import pytest
from conftest import PASSPHRASE

from casebook.errors import InvalidInput, StoreCorrupt
from casebook.model import ACCEPTED, Consent, Event, Fact, Person, Record, Testimony
from casebook.model.consent import share_scope
from casebook.share.referral import FORMAT, VERSION, package, read, receive, serialise
from casebook.store import Casebook

HOME, FAR = "Hanul", "Far Clinic"
SHARED_TEXT = "I crossed the river at night and was sold twice near Yanji."
KEPT_TEXT = "A second interview about her daughter, kept inside Hanul."


def _testimony(book, text: str, scopes: list[str], person_id: int | None = None,
               name: str = "Ms. Ri") -> int:
    t = Testimony(text, language="en", organisation=HOME, consent=Consent.of(scopes))
    record = Record([Fact("birth_year", 1984), Fact("surname", "Ri")],
                    [Event("sale", attributes={"times": 2})], "en")
    if person_id is not None:
        t.person_id = person_id
        tid, _ = book.testimonies.add(t, None, record)
    else:
        tid, _ = book.testimonies.add(t, Person(name, birth_year=1984, organisation=HOME), record)
    facts = book.facts.record(tid).facts
    book.facts.set_status(next(f.id for f in facts if f.field == "birth_year"), ACCEPTED)
    return tid


@pytest.fixture
def referred(book):
    """Her case with two testimonies (one shared with the far clinic), a place, a note, a need."""
    shared = _testimony(book, SHARED_TEXT, ["aggregate_statistics", share_scope(FAR)])
    pid = book.testimonies.get(shared).person_id
    kept = _testimony(book, KEPT_TEXT, ["aggregate_statistics"], person_id=pid)
    case = book.cases.open(pid, HOME, stage="safe_house", place="Kunming", risk="high",
                           risk_reason="a buyer is looking for her")
    book.cases.need(case.id, "medical", note="a fever since the crossing")
    book.cases.note(case.id, "called her on the safe phone")
    case, referral = book.cases.refer(case.id, FAR, "legal_aid", note="needs a lawyer",
                                      via="export")
    return book, case, referral, shared, kept


def test_the_package_carries_the_shared_testimony_only_and_never_her_place_or_notes(referred):
    book, case, referral, shared, kept = referred
    payload = package(book, case.id, referral)
    assert payload["format"] == FORMAT and payload["version"] == VERSION
    assert payload["referral"]["to"] == FAR and payload["referral"]["from"] == HOME
    assert payload["case"]["needs"] == ["medical"] and payload["case"]["risk"] == "high"
    (item,) = payload["testimonies"]
    assert item["sha256"] == book.testimonies.get(shared).sha256
    assert "text" not in item  # no text unless asked for
    assert [f["field"] for f in item["facts"]] == ["birth_year"]  # accepted facts only
    assert item["events"] == []  # the suggested event was never accepted
    raw = serialise(payload).decode("utf-8").lower()
    for secret in ("kunming", "cn-yunnan", "safe phone", "fever", "buyer is looking",
                   "daughter", "yanji", "surname"):
        assert secret not in raw, secret
    assert payload["person"]["pseudonym"] == "Ms. Ri"


def test_the_text_travels_only_when_asked_and_its_read_is_audited(referred):
    book, case, referral, shared, _ = referred
    before = len(book.audit.entries(500))
    payload = package(book, case.id, referral, with_text=True)
    assert [t.get("text") for t in payload["testimonies"]] == [SHARED_TEXT]
    entries = book.audit.entries(500)[: len(book.audit.entries(500)) - before]
    (sent,) = [e for e in entries if e["action"] == "referral_export"]
    assert sent["target"] == f"case:{case.id}"
    assert sent["detail"] == {"referral": referral.uid, "to": FAR, "testimonies": 1, "text": True}
    assert any(e["target"] == f"testimony:{shared}" for e in entries
               if e["action"] != "referral_export")
    assert "Ms. Ri" not in json.dumps([e["detail"] for e in entries], ensure_ascii=False)


def test_after_she_withdraws_the_share_the_package_carries_none_of_her_testimonies(referred):
    book, case, referral, shared, _ = referred
    book.consent.withdraw(shared, share_scope(FAR))
    payload = package(book, case.id, referral, with_text=True)
    assert payload["testimonies"] == []
    assert SHARED_TEXT not in serialise(payload).decode("utf-8")


@pytest.mark.parametrize(("data", "says"), [
    (b"\xff\xfe not json", "not a casebook referral"),
    (b"[1, 2]", "not a casebook referral"),
    (json.dumps({"format": "casebook-export"}).encode(), "not a casebook referral"),
    (json.dumps({"format": FORMAT, "version": 99}).encode(), "referral version 99 is not known"),
    (json.dumps({"format": FORMAT, "version": VERSION, "referral": {}, "case": {}}).encode(),
     "the referral has no person"),
    (json.dumps({"format": FORMAT, "version": VERSION, "referral": {}, "case": {},
                 "person": {}, "testimonies": {}}).encode(),
     "testimonies are not a list"),
])
def test_a_damaged_file_is_refused_naming_the_file(data, says):
    with pytest.raises(StoreCorrupt, match=says) as caught:
        read(data, "inbox/referral.age")
    assert str(caught.value).startswith("inbox/referral.age: ")


@pytest.fixture
def partner(tmp_path):
    cb = Casebook.create(str(tmp_path / "far-clinic.db"), PASSPHRASE, actor="far")
    yield cb
    cb.close()


def test_the_partner_opens_her_case_from_the_file_and_a_second_receipt_adds_nothing(
        referred, partner):
    book, case, referral, shared, _ = referred
    payload = read(serialise(package(book, case.id, referral)), "referral.age")
    got = receive(partner, payload, FAR)
    assert not got.already and got.testimonies == 1
    person = partner.persons.get(got.person_id)
    assert (person.pseudonym, person.birth_year, person.organisation) == ("Ms. Ri", 1984, FAR)
    (summary,) = partner.testimonies.all()
    received = partner.testimonies.get(summary.id)
    assert SHARED_TEXT not in received.text and "text not shared" in received.text
    assert received.provenance["sha256_original"] == book.testimonies.get(shared).sha256
    assert received.consent.allows(share_scope(FAR))
    assert [f.field for f in partner.facts.record(summary.id).facts] == ["birth_year"]
    opened = partner.cases.get(got.case_id)
    assert opened.organisation == FAR and opened.risk == "high" and opened.place is None
    assert list(opened.needs) == ["medical"]
    assert [s.service for s in opened.services.values()] == ["legal_aid"]
    again = receive(partner, payload, FAR)
    assert again.already and (again.case_id, again.person_id) == (got.case_id, got.person_id)
    assert len(partner.persons.all()) == 1 and len(partner.testimonies.all()) == 1


def test_a_file_addressed_to_someone_else_is_refused_and_nothing_is_stored(referred, partner):
    book, case, referral, _, _ = referred
    payload = package(book, case.id, referral)
    with pytest.raises(InvalidInput, match=r"addressed to 'Far Clinic', not to 'Bridge'"):
        receive(partner, payload, "Bridge")
    assert partner.persons.all() == [] and partner.testimonies.all() == []


def test_a_package_without_her_pseudonym_is_refused_by_its_uid_and_nothing_is_stored(
        referred, partner):
    book, case, referral, _, _ = referred
    payload = package(book, case.id, referral)
    del payload["person"]["pseudonym"]
    with pytest.raises(StoreCorrupt, match=rf"referral {referral.uid[:8]}: cannot be read"):
        receive(partner, payload, FAR)
    assert partner.persons.all() == [] and partner.testimonies.all() == []
    assert partner.meta.get("cases.referrals_received") is None
