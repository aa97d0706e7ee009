"""``book.cases`` and ``book.as_user(u).cases`` on SQLCipher and PostgreSQL: history, audit,
tasks, referrals through her consent, what a partner sees, and what withdrawal takes away."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random

import pytest
from sqlalchemy import select

from casebook.errors import AlreadyExists, ConsentRequired, InvalidInput, NotFound, PermissionDenied
from casebook.model import Consent, Person, Testimony
from casebook.model.cases import her_consent_allows
from casebook.model.consent import ConsentGrant, share_scope
from casebook.store.scoped_cases import SharedCase

A, B, C = "Hanul", "Bridge", "Seoul Rescue"
PW = "correct-horse-77"
LATE = dt.date(2020, 1, 1)


def woman(book, name: str, org: str = A, scopes=(), text: str | None = None) -> tuple[int, int]:
    t = Testimony(text or f"Testimony of {name}: she crossed the river.", language="en",
                  organisation=org, consent=Consent.of(list(scopes)))
    tid, _ = book.testimonies.add(t, Person(name, organisation=org))
    return tid, t.person_id


def users(book):
    return {org: book.users.add(f"reviewer-{org.split()[0].lower()}", PW, org, "reviewer",
                                create_organisation=True) for org in (A, B, C)}


def test_a_case_keeps_every_change_in_its_history_and_the_audit_names_no_values(book):
    _, pid = woman(book, "Kim")
    case = book.cases.open(pid, caseworker="mina", stage="safe_house", place="Kunming",
                           risk="high", risk_reason="a buyer is looking for her")
    book.cases.update(case.id, stage="transit_third_country", place="Vientiane",
                      status="in_transit")
    book.cases.need(case.id, "medical", note="fever")
    book.cases.note(case.id, "called her on the safe phone")
    history = book.cases.history(case.id)
    assert [e.kind for e in history] == ["open", "update", "need", "note"]
    assert history[1].data["changes"]["place"] == ["cn-yunnan-kunming", "la-vientiane"]
    assert all(e.actor == "tester" for e in history)
    got = book.cases.get(case.id)
    assert (got.stage, got.place, got.status) == ("transit_third_country", "la-vientiane",
                                                   "in_transit")
    entries = [e for e in book.audit.entries(50) if (e["target"] or "").startswith("case:")]
    actions = [e["action"] for e in reversed(entries)]
    assert actions == ["case_open", "case_update", "case_need", "case_note", "read_case"]
    text = json.dumps([e["detail"] for e in entries], ensure_ascii=False)
    for secret in ("vientiane", "kunming", "fever", "safe phone", "buyer"):
        assert secret not in text.lower()
    assert book.audit.verify().ok


def test_one_case_per_woman_and_organisation_a_closed_one_reopens(book):
    _, pid = woman(book, "Ri")
    case = book.cases.open(pid)
    with pytest.raises(AlreadyExists, match=f"case {case.id}"):
        book.cases.open(pid)
    with pytest.raises(InvalidInput, match="'Bridge' is not known"):  # a typo opens nothing
        book.cases.open(pid, B)
    book.users.add_organisation(B)
    other = book.cases.open(pid, B)  # another organisation caring for her has its own
    assert other.id != case.id
    closed = book.cases.update(case.id, status="closed", closure_reason="her_choice")
    assert closed.closed_on == dt.date.today()
    assert book.cases.update(case.id, status="open").closure_reason is None
    with pytest.raises(InvalidInput, match="names no organisation"):
        book.cases.open(book.persons.add(Person("Nameless")))


def test_a_case_before_any_testimony(book):
    pid = book.persons.add(Person("Choe", organisation=A))
    case = book.cases.open(pid, stage="hiding_china")
    assert book.cases.of_person(pid)[0].id == case.id
    assert book.count()["cases"] == 1


def test_tasks_overdue_lists_per_caseworker_and_counts(book):
    ids = []
    for name, worker in (("Pak", "mina"), ("Han", "jun"), ("Yun", "mina")):
        _, pid = woman(book, name)
        ids.append(book.cases.open(pid, caseworker=worker, stage="safe_house",
                                   risk="medium", risk_reason="r").id)
    book.cases.task(ids[0], text="follow-up visit", due=LATE)
    book.cases.task(ids[1], text="embassy appointment", due=LATE, kind="document_appointment",
                    assignee="mina")
    book.cases.task(ids[2], text="move to Laos", due=dt.date.today() + dt.timedelta(days=3),
                    kind="move")
    _, done = book.cases.task(ids[2], text="call", due=LATE)
    book.cases.task(ids[2], done, done_on=dt.date.today())
    late = book.cases.overdue()
    assert [(t.case_id, t.text) for t in late] == [(ids[0], "follow-up visit"),
                                                   (ids[1], "embassy appointment")]
    assert late[0].days_late == (dt.date.today() - LATE).days
    assert {t.case_id for t in book.cases.overdue(caseworker="mina")} == {ids[0], ids[1]}
    assert book.cases.overdue(caseworker="jun") == []  # her task is assigned to mina
    counts = book.cases.counts()
    assert counts["overdue"] == {"tasks": 2, "cases": 2}
    assert counts["overdue_by_caseworker"] == {"mina": 2}
    assert counts["stage"] == {"safe_house": 3} and counts["risk"] == {"medium": 3}
    book.cases.update(ids[0], status="closed", closure_reason="resettled_stable")
    assert [t.case_id for t in book.cases.overdue()] == [ids[1]]  # closed cases wait no more
    assert book.cases.counts()["status"] == {"open": 2, "closed": 1}
    summary = {s.id: s for s in book.cases.all()}
    assert (summary[ids[2]].open_tasks, summary[ids[2]].overdue_tasks) == (1, 0)
    assert {s.id for s in book.cases.all(overdue_filter())} == {ids[1]}


def overdue_filter():
    from casebook.store.cases import CaseFilters

    return CaseFilters(overdue=True, status="active")


def test_a_referral_needs_her_consent_and_names_the_missing_scope(book):
    users(book)
    _, pid = woman(book, "Jo", scopes=["aggregate_statistics"])
    case = book.cases.open(pid)
    with pytest.raises(ConsentRequired, match=r"lacks share_with:Bridge"):
        book.cases.refer(case.id, B, "legal_aid")
    assert book.cases.get(case.id).referrals == {}  # nothing was written
    (attempt,) = [e for e in book.audit.entries(50) if e["action"] == "case_referral_refused"]
    assert attempt["target"] == f"case:{case.id}"  # the refused attempt is on record
    assert attempt["detail"]["missing"] == share_scope(B) and attempt["detail"]["to"] == B
    with pytest.raises(InvalidInput, match="not an organisation of this casebook"):
        book.cases.refer(case.id, "Nobody Here", "legal_aid")
    woman(book, "Jo again", text="A second interview with Jo.", scopes=[share_scope(B)])
    tid = book.testimonies.all()[-1].id
    jo = book.testimonies.all()[-1].person_id
    assert jo != pid  # a different person record: her consent is not Jo's
    book.cases.grant(case.id, share_scope(B))
    _, referral = book.cases.refer(case.id, B, "legal_aid", note="needs a lawyer in Seoul")
    assert referral.status == "pending" and referral.to == B
    assert tid  # the other woman's testimony played no part


def test_the_partner_sees_the_referral_without_her_place_and_answers_it(book):
    who = users(book)
    tid, pid = woman(book, "Kang", scopes=[share_scope(B)])
    case = book.cases.open(pid, stage="south_korea", place="Seoul", risk="low",
                           risk_reason="resettled", caseworker="mina")
    book.cases.need(case.id, "legal_documents")
    book.cases.task(case.id, text="call her", due=LATE)
    book.cases.refer(case.id, B, "legal_aid", note="divorce papers")
    partner = book.as_user(who[B]).cases
    inbox = partner.inbox()
    assert [(i.case_id, i.service, i.status, i.from_organisation) for i in inbox] == [
        (case.id, "legal_aid", "pending", A)]
    shared = partner.view(case.id)
    assert isinstance(shared, SharedCase)
    assert (shared.stage, shared.risk, [n.need for n in shared.needs]) == (
        "south_korea", "low", ["legal_documents"])
    assert not hasattr(shared, "place") and not hasattr(shared, "tasks")
    assert partner.all() == []  # her case is not the partner's own
    with pytest.raises(PermissionDenied, match="only Hanul may change it"):
        partner.update(case.id, stage="arrived")
    with pytest.raises(PermissionDenied):
        partner.get(case.id)
    partner.answer(inbox[0].referral_id, "accepted")
    partner.answer(inbox[0].referral_id, "completed")
    assert partner.inbox() == []  # a completed referral ends the partner's access
    with pytest.raises(NotFound):
        partner.view(case.id)
    owner = book.as_user(who[A]).cases
    assert list(owner.get(case.id).referrals.values())[0].status == "completed"
    assert [e.actor for e in owner.history(case.id)][-2:] == ["reviewer-bridge"] * 2
    outsider = book.as_user(who[C]).cases
    with pytest.raises(NotFound):
        outsider.view(case.id)
    assert outsider.inbox() == []


def test_withdrawing_her_consent_removes_her_case_from_the_partner_view(book):
    who = users(book)
    tid, pid = woman(book, "Yun", scopes=[share_scope(B), "aggregate_statistics"])
    case = book.cases.open(pid)
    book.cases.refer(case.id, B, "counselling")
    partner = book.as_user(who[B]).cases
    (item,) = partner.inbox()
    partner.answer(item.referral_id, "accepted")
    assert partner.view(case.id).id == case.id
    book.consent.withdraw(tid, share_scope(B))
    assert partner.inbox() == []
    with pytest.raises(NotFound):
        partner.view(case.id)
    with pytest.raises(NotFound):
        partner.answer(item.referral_id, "completed")
    # the referring organisation keeps its record of the referral, and cannot refer again
    assert book.cases.get(case.id).referrals[next(iter(book.cases.get(case.id).referrals))
                                             ].status == "accepted"
    with pytest.raises(ConsentRequired, match="she withdrew share_with:Bridge"):
        book.cases.refer(case.id, B, "legal_aid")


def test_case_consent_serves_a_woman_without_testimony_and_its_withdrawal_counts(book):
    who = users(book)
    pid = book.persons.add(Person("Moon", organisation=A))
    case = book.cases.open(pid, stage="safe_house")
    with pytest.raises(ConsentRequired):
        book.cases.refer(case.id, C, "medical_care")
    book.cases.grant(case.id, share_scope(C))
    book.cases.refer(case.id, C, "medical_care")
    partner = book.as_user(who[C]).cases
    assert [i.case_id for i in partner.inbox()] == [case.id]
    book.cases.withdraw(case.id, share_scope(C))
    assert partner.inbox() == []


def test_a_withdrawal_in_one_testimony_wins_over_a_grant_in_another(book):
    who = users(book)
    tid1, pid = woman(book, "Seo", scopes=[share_scope(B)])
    t2 = Testimony("Seo's second interview.", language="en", organisation=A, person_id=pid,
                   consent=Consent.of([share_scope(B)]))
    tid2, _ = book.testimonies.add(t2)
    case = book.cases.open(pid)
    book.cases.refer(case.id, B, "livelihood")
    partner = book.as_user(who[B]).cases
    assert len(partner.inbox()) == 1
    book.consent.withdraw(tid2, share_scope(B))
    assert partner.inbox() == []
    book.consent.grant(tid2, share_scope(B))  # she gave it again
    assert len(partner.inbox()) == 1


def test_the_sql_rule_and_the_python_rule_of_her_consent_agree(book):
    """Random histories of grants and withdrawals over testimonies and the case."""
    users(book)
    rng = random.Random(15)
    scope = share_scope(B)
    today = dt.date.today()
    choices = [None, "granted", "withdrawn", "regranted", "other"]
    combos = list(itertools.product(choices, choices, choices))
    rng.shuffle(combos)
    expected = {}
    for n, (t1, t2, on_case) in enumerate(combos[:40]):
        pid = book.persons.add(Person(f"W{n}", organisation=A))
        for i, state in enumerate((t1, t2)):
            if state is None:
                continue
            grants = _grants(state, scope, today)
            t = Testimony(f"W{n} testimony {i}", language="en", organisation=A, person_id=pid,
                          consent=Consent(grants))
            book.testimonies.add(t)
        case = book.cases.open(pid)
        for g in _grants(on_case, scope, today) if on_case else ():
            book.cases.grant(case.id, g.scope, on=g.granted_on)
            if g.withdrawn_on:
                book.cases.withdraw(case.id, g.scope, on=g.withdrawn_on)
        expected[case.id] = her_consent_allows(book.cases.consent_of(case.id), scope)
    from casebook.store.case_access import her_consent_shares
    from casebook.store.schema import cases

    with book.engine.connect() as conn:
        shared = set(conn.execute(select(cases.c.id).where(her_consent_shares(B))).scalars())
    assert shared == {cid for cid, ok in expected.items() if ok}
    assert 0 < len(shared) < len(expected)


def _grants(state: str, scope: str, today: dt.date) -> tuple[ConsentGrant, ...]:
    past = today - dt.timedelta(days=30)
    if state == "granted":
        return (ConsentGrant(scope, past),)
    if state == "withdrawn":
        return (ConsentGrant(scope, past, today - dt.timedelta(days=1)),)
    if state == "regranted":
        return (ConsentGrant(scope, past, today - dt.timedelta(days=20)),
                ConsentGrant(scope, today - dt.timedelta(days=10)))
    return (ConsentGrant("aggregate_statistics", past),)


def test_users_change_only_their_organisations_cases(book):
    who = users(book)
    _, pid = woman(book, "Bae")
    mine = book.as_user(who[A]).cases
    case = mine.open(pid, stage="safe_house")
    assert case.organisation == A
    mine.task(case.id, text="visit", due=LATE)
    (late,) = mine.overdue()
    assert mine.task_done(late.task_id) == case.id and mine.overdue() == []
    theirs = book.as_user(who[B]).cases
    with pytest.raises(NotFound):
        theirs.update(case.id, stage="arrived")
    with pytest.raises(NotFound):
        theirs.task_done(late.task_id)
    with pytest.raises(NotFound):  # she is not visible to Bridge: no case can be opened for her
        theirs.open(pid)
    assert theirs.counts()["status"] == {} and mine.counts()["status"] == {"open": 1}


def test_a_case_moves_to_another_casebook_by_its_history_and_merges_idempotently(
        book, tmp_path):
    from casebook.store import Casebook

    _, pid = woman(book, "Lim")
    case = book.cases.open(pid, stage="hiding_china", place="Yanji")
    book.cases.update(case.id, stage="safe_house", place="Shenyang")
    book.cases.task(case.id, text="visit", due=LATE)
    item = book.cases.bundle_item(case.id)
    with Casebook.create(str(tmp_path / "hq.db"), "pass phrase 1234", actor="hq") as hq:
        hq_pid = hq.persons.add(Person("Lim", organisation=A))
        cid, added, skipped = hq.cases.merge(item, hq_pid)
        assert (added, skipped) == (3, [])
        again = hq.cases.merge(item, hq_pid)
        assert again == (cid, 0, [])
        moved = hq.cases.get(cid)
        assert (moved.uid, moved.stage, moved.place) == (case.uid, "safe_house",
                                                         "cn-liaoning-shenyang")
        assert len(moved.tasks) == 1
        book.cases.update(case.id, stage="transit_third_country", place="Luang Namtha")
        _, added, _ = hq.cases.merge(book.cases.bundle_item(case.id), hq_pid)
        assert added == 1 and hq.cases.get(cid).place == "la-luang-namtha"
        assert [e.kind for e in hq.cases.history(cid)] == ["open", "update", "task", "update"]


def test_merge_keeps_but_skips_an_event_that_no_longer_applies(book):
    who = users(book)
    _, pid = woman(book, "Gu", scopes=[share_scope(B)])
    case = book.cases.open(pid)
    _, referral = book.cases.refer(case.id, B, "legal_aid")
    item = book.cases.bundle_item(case.id)
    book.cases.answer(case.id, referral.uid, "accepted")
    late = {**item, "events": [*item["events"], {
        "uid": "f" * 32, "kind": "referral", "at": dt.datetime.now(dt.UTC).isoformat(),
        "actor": "field", "data": {"uid": referral.uid, "status": "accepted"}}]}
    cid, added, skipped = book.cases.merge(late, pid)
    assert (cid, added, skipped) == (case.id, 1, ["f" * 32])
    assert book.cases.get(case.id).referrals[referral.uid].status == "accepted"
    assert who  # the partner's answer stands


def test_deleting_testimonies_keeps_a_woman_who_has_a_case_and_a_seal_removes_both(book):
    tid, pid = woman(book, "Son")
    case = book.cases.open(pid, place="Qingdao")
    book.testimonies.delete([tid])
    assert book.persons.get(pid).pseudonym == "Son"  # her case still needs her
    book.testimonies.delete([], {"reason": "field_seal"}, cases=[case.id])
    with pytest.raises(NotFound):
        book.persons.get(pid)
    with pytest.raises(NotFound):
        book.cases.get(case.id)
    assert book.count()["cases"] == 0 and book.audit.verify().ok
