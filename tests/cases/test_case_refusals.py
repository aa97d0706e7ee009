"""What ``book.cases`` refuses, on SQLCipher and PostgreSQL: each refusal is one line naming the
field or record, and the case's history is exactly as it was (nothing half-applied)."""

from __future__ import annotations

import pytest

from casebook.errors import InvalidInput, NotFound
from casebook.model import Consent, Person, Testimony
from casebook.model.cases import MAX_TEXT
from casebook.model.consent import share_scope

A, B = "Hanul", "Bridge"


def _woman(book, org: str | None = A, scopes=("aggregate_statistics",)) -> int:
    t = Testimony("She crossed the river in winter.", language="en", organisation=org,
                  consent=Consent.of([*scopes]))
    tid, _ = book.testimonies.add(t, Person("Ms. Ahn", organisation=org))
    return book.testimonies.get(tid).person_id


@pytest.fixture
def case(book):
    book.users.add("rev-bridge", "correct-horse-77", B, "reviewer", create_organisation=True)
    pid = _woman(book, scopes=("aggregate_statistics", share_scope(B)))
    return book, book.cases.open(pid, A, stage="safe_house")


def _unchanged(book, case_id: int, before: list) -> None:
    assert [e.kind for e in book.cases.history(case_id)] == [e.kind for e in before]


def test_a_case_needs_an_organisation_that_is_known(book):
    nobody = _woman(book, org=None)
    with pytest.raises(InvalidInput, match=rf"person {nobody}: her record names no organisation"):
        book.cases.open(nobody)
    pid = _woman(book)
    with pytest.raises(InvalidInput, match=r"organisation 'Hanul Clinic' is not known"):
        book.cases.open(pid, "Hanul Clinic")
    assert book.cases.all() == []


def test_closing_needs_a_reason_and_only_a_closed_case_has_one(case):
    book, c = case
    before = book.cases.history(c.id)
    with pytest.raises(InvalidInput, match="closure_reason: closing a case needs a reason"):
        book.cases.update(c.id, status="closed")
    with pytest.raises(InvalidInput, match="closure_reason: only a closed case has one"):
        book.cases.update(c.id, closure_reason="resettled_stable")
    _unchanged(book, c.id, before)
    assert book.cases.get(c.id).status != "closed"


def test_a_risk_needs_its_reason(case):
    book, c = case
    before = book.cases.history(c.id)
    with pytest.raises(InvalidInput, match="risk_reason: say why the risk is what it is"):
        book.cases.update(c.id, risk="high")
    _unchanged(book, c.id, before)


def test_an_unknown_field_or_place_is_named(case):
    book, c = case
    before = book.cases.history(c.id)
    with pytest.raises(InvalidInput, match="update: 'passport' is not a field of a case"):
        book.cases.update(c.id, passport="G1234")
    with pytest.raises(InvalidInput, match="not a place of the gazetteer"):
        book.cases.update(c.id, place="Atlantis")
    with pytest.raises(InvalidInput, match="stage: 'on_the_moon' is not one of"):
        book.cases.update(c.id, stage="on_the_moon")
    _unchanged(book, c.id, before)
    assert book.cases.get(c.id).place is None


def test_a_note_has_a_length_limit(case):
    book, c = case
    with pytest.raises(InvalidInput, match=f"longer than {MAX_TEXT} characters"):
        book.cases.note(c.id, "x" * (MAX_TEXT + 1))
    book.cases.note(c.id, "x" * MAX_TEXT)
    assert book.cases.history(c.id)[-1].kind == "note"


def test_a_planned_service_has_no_outcome_yet(case):
    book, c = case
    before = book.cases.history(c.id)
    with pytest.raises(InvalidInput, match="outcome: a planned service has no outcome yet"):
        book.cases.service(c.id, service="medical_care", state="planned", outcome="completed")
    _unchanged(book, c.id, before)
    assert book.cases.get(c.id).services == {}


def test_a_referral_goes_elsewhere_and_its_answers_keep_their_order(case):
    book, c = case
    with pytest.raises(InvalidInput, match="to: a case is not referred to its own organisation"):
        book.cases.refer(c.id, A, "legal_aid")
    _, ref = book.cases.refer(c.id, B, "legal_aid")
    with pytest.raises(InvalidInput, match="only an accepted referral is completed"):
        book.cases.answer(c.id, ref.uid, "completed")
    with pytest.raises(InvalidInput, match="reason: say why the referral is refused"):
        book.cases.answer(c.id, ref.uid, "refused")
    book.cases.answer(c.id, ref.uid, "refused", reason="no lawyer free this month")
    with pytest.raises(InvalidInput, match=rf"referral {ref.uid[:8]}: refused already; "
                                           "make a new referral"):
        book.cases.answer(c.id, ref.uid, "accepted")
    got = book.cases.get(c.id).referrals[ref.uid]
    assert (got.status, got.reason) == ("refused", "no lawyer free this month")


def test_unknown_ids_are_named(case):
    book, c = case
    with pytest.raises(NotFound, match="case 999: no such case"):
        book.cases.get(999)
    with pytest.raises(NotFound, match="referral 999: no such referral"):
        book.cases.id_of_referral(999)
    with pytest.raises(NotFound, match="task 999: no such task"):
        book.cases.id_of_task(999)
    with pytest.raises(NotFound, match=rf"case {c.id}: no referral feedbeef"):
        book.cases.answer(c.id, "feedbeef" * 4, "accepted")
