"""The case as data: every change is an event, ``apply`` checks it, ``replay`` rebuilds it."""

from __future__ import annotations

import datetime as dt

import pytest

from casebook.errors import InvalidInput
from casebook.model import Consent, UncertainDate
from casebook.model.cases import (
    Case,
    CaseEvent,
    apply,
    changes,
    event,
    her_consent_allows,
    replay,
)
from casebook.model.consent import ConsentGrant
from casebook.model.date_text import parse_date_text, parse_day
from casebook.model.dates import date_text

AT = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)


def opened(**values) -> Case:
    base = Case("c" * 32, 1, "Hanul")
    return apply(base, CaseEvent("e" * 32, "open", AT, "mina",
                                 {"opened_on": "2024-03-01", **values}))


def ev(kind: str, data: dict, minutes: int = 1) -> CaseEvent:
    return event(kind, "mina", data, at=AT + dt.timedelta(minutes=minutes))


def test_opening_sets_fields_and_resolves_a_place_name_to_its_gazetteer_id():
    case = opened(stage="safe_house", place="Kunming", risk="high", risk_reason="buyer nearby",
                  caseworker="mina")
    assert (case.stage, case.place, case.risk, case.caseworker) == (
        "safe_house", "cn-yunnan-kunming", "high", "mina")
    assert case.opened_on == dt.date(2024, 3, 1) and case.status == "open"


@pytest.mark.parametrize("field,value,message", [
    ("stage", "somewhere", "stage"), ("status", "lost", "status"), ("risk", "extreme", "risk"),
    ("place", "Atlantis-on-Sea", "place"),
])
def test_a_value_outside_the_vocabularies_is_refused_naming_the_field(field, value, message):
    with pytest.raises(InvalidInput, match=message):
        opened(**{field: value, "risk_reason": "x"} if field == "risk" else {field: value})


def test_apply_leaves_the_case_it_was_given_unchanged():
    case = opened(stage="safe_house")
    moved = apply(case, ev("update", {"changes": {"stage": ["safe_house", "arrived"]}}))
    assert case.stage == "safe_house" and moved.stage == "arrived"
    assert moved.updated_at == AT + dt.timedelta(minutes=1)


def test_closing_needs_a_reason_and_reopening_clears_it():
    case = opened()
    with pytest.raises(InvalidInput, match="closure_reason"):
        apply(case, ev("update", {"changes": changes(case, {"status": "closed"})}))
    closed = apply(case, ev("update", {"changes": changes(
        case, {"status": "closed", "closure_reason": "lost_contact"})}))
    assert closed.closed_on == (AT + dt.timedelta(minutes=1)).date()
    diff = changes(closed, {"status": "open"})
    assert diff["closure_reason"] == ["lost_contact", None]
    reopened = apply(closed, ev("update", {"changes": diff}, 2))
    assert reopened.status == "open" and reopened.closure_reason is None
    assert reopened.closed_on is None


def test_a_new_risk_level_needs_its_own_reason_and_is_dated_today():
    case = opened(risk="low", risk_reason="safe house is quiet",
                  risk_assessed=UncertainDate(2024, 3, 1))
    diff = changes(case, {"risk": "high"})
    assert diff["risk_reason"] == ["safe house is quiet", None]
    with pytest.raises(InvalidInput, match="risk_reason"):
        apply(case, ev("update", {"changes": diff}))
    diff = changes(case, {"risk": "high", "risk_reason": "police checks on the street"})
    today = dt.date.today()
    assert diff["risk_assessed"][1]["day"] == today.day
    high = apply(case, ev("update", {"changes": diff}))
    assert high.risk == "high" and high.risk_assessed.bounds() == (today, today)


def test_changes_lists_only_what_differs_with_old_and_new():
    case = opened(stage="safe_house", caseworker="mina")
    assert changes(case, {"stage": "safe_house", "caseworker": "mina"}) == {}
    assert changes(case, {"caseworker": "jun"}) == {"caseworker": ["mina", "jun"]}
    with pytest.raises(InvalidInput, match="not a field"):
        changes(case, {"pseudonym": "x"})


def test_needs_services_tasks_and_notes():
    case = opened()
    case = apply(case, ev("need", {"need": "medical", "note": "cough"}))
    case = apply(case, ev("service", {"uid": "s1", "service": "medical_care", "need": "medical",
                                      "on": UncertainDate(2024, 3).to_dict()}, 2))
    assert case.services["s1"].state == "planned"
    with pytest.raises(InvalidInput, match="planned service has no outcome"):
        apply(case, ev("service", {"uid": "s1", "outcome": "completed"}, 3))
    case = apply(case, ev("service", {"uid": "s1", "state": "given", "outcome": "completed"}, 3))
    case = apply(case, ev("need", {"need": "medical", "state": "met"}, 4))
    assert case.needs["medical"].state == "met" and case.needs["medical"].note == "cough"
    case = apply(case, ev("task", {"uid": "t1", "text": "visit", "due": "2024-03-05"}, 5))
    assert [t.uid for t in case.overdue(dt.date(2024, 3, 6))] == ["t1"]
    assert case.overdue(dt.date(2024, 3, 5)) == []
    case = apply(case, ev("task", {"uid": "t1", "done_on": "2024-03-06"}, 6))
    assert case.overdue(dt.date(2024, 4, 1)) == [] and case.open_tasks() == []
    with pytest.raises(InvalidInput, match="due"):
        apply(case, ev("task", {"uid": "t2", "text": "no date"}, 7))
    with pytest.raises(InvalidInput, match="note"):
        apply(case, ev("note", {"text": "  "}, 8))


def test_a_referral_moves_through_its_answers_and_refusal_needs_a_reason():
    case = apply(opened(), ev("referral", {"uid": "r1", "to": "Bridge", "service": "legal_aid"}))
    assert case.referrals["r1"].status == "pending" and case.referrals["r1"].active
    with pytest.raises(InvalidInput, match="only an accepted"):
        apply(case, ev("referral", {"uid": "r1", "status": "completed"}, 2))
    with pytest.raises(InvalidInput, match="reason"):
        apply(case, ev("referral", {"uid": "r1", "status": "refused"}, 2))
    accepted = apply(case, ev("referral", {"uid": "r1", "status": "accepted"}, 2))
    assert accepted.referrals["r1"].answered_by == "mina"
    done = apply(accepted, ev("referral", {"uid": "r1", "status": "completed"}, 3))
    assert not done.referrals["r1"].active
    with pytest.raises(InvalidInput, match="make a new referral"):
        apply(done, ev("referral", {"uid": "r1", "status": "cancelled", "reason": "x"}, 4))
    with pytest.raises(InvalidInput, match="own organisation"):
        apply(case, ev("referral", {"uid": "r2", "to": "Hanul", "service": "legal_aid"}))


def test_replay_rebuilds_the_same_case_in_any_arrival_order():
    events = [ev("need", {"need": "shelter"}, 1),
              ev("update", {"changes": {"stage": [None, "safe_house"]}}, 2),
              ev("update", {"changes": {"stage": ["safe_house", "transit_third_country"]}}, 3)]
    base = Case("c" * 32, 1, "Hanul")
    first = replay(base, [CaseEvent("e" * 32, "open", AT, "mina", {}), *events])
    second = replay(base, [*reversed(events), CaseEvent("e" * 32, "open", AT, "mina", {})])
    assert first == second and first.stage == "transit_third_country"


def test_case_consent_is_granted_and_withdrawn_with_its_history():
    case = apply(opened(), ev("consent", {"scope": "share_with:Bridge", "action": "grant"}))
    assert case.consent.allows("share_with:Bridge")
    case = apply(case, ev("consent", {"scope": "share_with:Bridge", "action": "withdraw"}, 2))
    assert not case.consent.allows("share_with:Bridge") and len(case.consent.grants) == 1
    with pytest.raises(InvalidInput, match="does not hold"):
        apply(case, ev("consent", {"scope": "share_with:Bridge", "action": "withdraw"}, 3))
    with pytest.raises(InvalidInput, match="unknown consent scope"):
        apply(case, ev("consent", {"scope": "share_whit:Bridge", "action": "grant"}, 3))


def test_her_consent_needs_a_grant_somewhere_and_no_withdrawal_anywhere():
    scope = "share_with:Bridge"
    day = dt.date(2024, 1, 1)
    granted = Consent((ConsentGrant(scope, day),))
    silent = Consent((ConsentGrant("aggregate_statistics", day),))
    withdrawn = Consent((ConsentGrant(scope, day, dt.date(2024, 2, 1)),))
    regranted = Consent((ConsentGrant(scope, day, dt.date(2024, 2, 1)),
                         ConsentGrant(scope, dt.date(2024, 3, 1))))
    assert her_consent_allows([granted, silent], scope)
    assert not her_consent_allows([silent], scope)
    assert not her_consent_allows([], scope)
    assert not her_consent_allows([granted, withdrawn], scope)  # a withdrawal anywhere wins
    assert her_consent_allows([granted, regranted], scope)  # she gave it again
    assert her_consent_allows([withdrawn], scope, on=dt.date(2024, 1, 15))  # before withdrawal


def test_events_round_trip_through_json_and_refuse_unknown_kinds():
    e = ev("task", {"uid": "t1", "text": "visit", "due": dt.date(2024, 3, 5)})
    assert e.data["due"] == "2024-03-05"
    assert CaseEvent.from_dict(e.to_dict()) == e
    with pytest.raises(InvalidInput, match="unknown kind"):
        CaseEvent.from_dict({**e.to_dict(), "kind": "delete_everything"})


@pytest.mark.parametrize("text,label", [
    ("2019-04-12", "12 April 2019"), ("2019-04", "April 2019"), ("2019", "2019"),
    ("spring 2019", "spring 2019"), ("2019 Autumn", "autumn 2019"),
    ("about 2018", "about 2018"), ("c. 2018", "about 2018"), ("2017-2019", "2017–2019"),
    ("2019년", "2019"), ("2019년 4월", "April 2019"), ("2019년 4월 12일", "12 April 2019"),
    ("2019년 봄", "spring 2019"), ("2018년경", "about 2018"),
])
def test_dates_are_read_as_precisely_as_they_are_typed(text, label):
    date = parse_date_text(text)
    assert date.label() == label
    assert parse_date_text(date_text(date)) == date  # an edit form gets text it can read back


@pytest.mark.parametrize("text", ["yesterday", "2019-02-30", "13/04/2019", "2019-13"])
def test_a_date_that_cannot_be_read_is_one_clear_line(text):
    with pytest.raises(InvalidInput, match="date"):
        parse_date_text(text, "date")


def test_a_due_date_is_a_calendar_day():
    assert parse_day("2025-01-31") == dt.date(2025, 1, 31)
    assert parse_day("") is None
    with pytest.raises(InvalidInput, match="YYYY-MM-DD"):
        parse_day("spring 2025", "--due")
