"""Facts, consent, lists, deletion, meta and linkage decisions on SQLCipher and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from casebook.errors import InvalidInput, NotFound
from casebook.model import (
    ACCEPTED,
    REJECTED,
    SUGGESTED,
    Amount,
    Consent,
    Event,
    Evidence,
    Fact,
    Involvement,
    Person,
    Record,
    Testimony,
    UncertainDate,
)

TEXT = "In 1999 a broker sold me in Yanji for 3,000 yuan. I was born in 1979."


def _record() -> Record:
    return Record(
        facts=[Fact("birth_year", 1979, evidence=Evidence(50, 66, "born in 1979"))],
        events=[Event("sale", date=UncertainDate(1999), place="cn-yanji", place_text="Yanji",
                      amount=Amount(3000, "RMB", 1999),
                      involvements=[Involvement("perpetrator", "broker", "a broker")],
                      evidence=Evidence(8, 30, "a broker sold me"))])


def _add(book, text=TEXT, org="Hanul", scopes=("aggregate_statistics",), person="Ms. Baek",
         record=None, year=2019):
    t = Testimony(text, language="en", organisation=org, interviewer="iv1",
                  interview_date=UncertainDate(year),
                  consent=Consent.of(list(scopes), on=dt.date(2019, 5, 1)))
    tid, _ = book.testimonies.add(t, Person(person, surname="Baek"), record)
    return tid


def test_suggested_facts_keep_order_ids_and_statuses(book):
    tid = _add(book, record=_record())
    rec = book.facts.record(tid)
    assert [f.field for f in rec.facts] == ["birth_year"] and [e.type for e in rec.events] == [
        "sale"]
    fact, sale = rec.facts[0], rec.events[0]
    assert fact.status == SUGGESTED and sale.status == SUGGESTED
    assert sale.amount.value == 3000 and sale.involvements[0].who == "a broker"
    assert sale.evidence.quote == "a broker sold me"
    book.facts.set_status(fact.id, ACCEPTED)
    book.facts.set_status(sale.id, REJECTED)
    assert book.facts.record(tid, [ACCEPTED]).facts[0].id == fact.id
    assert book.facts.record(tid, [ACCEPTED]).events == []
    assert book.facts.record(tid, [REJECTED]).events[0].id == sale.id
    assert book.facts.record(tid, [SUGGESTED]).facts == []
    summary = book.testimonies.all()[0]
    assert (summary.facts_suggested, summary.facts_accepted) == (0, 1)


def test_a_correction_keeps_the_evidence_and_is_accepted(book):
    tid = _add(book, record=_record())
    sale = book.facts.record(tid).events[0]
    book.facts.set_status(sale.id, ACCEPTED, {"date": {"year": 2000, "month": 3},
                                             "place_text": "Helong", "place": None})
    got = book.facts.record(tid, [ACCEPTED]).events[0]
    assert got.date.year == 2000 and got.date.month == 3 and got.place_text == "Helong"
    assert got.place is None and got.evidence.quote == "a broker sold me"
    assert got.status == ACCEPTED
    last = book.audit.entries(1)[0]
    assert last["action"] == "fact_accepted" and last["target"] == f"fact:{sale.id}"


def test_set_fact_status_errors(book):
    tid = _add(book, record=_record())
    fid = book.facts.record(tid).facts[0].id
    with pytest.raises(InvalidInput, match="maybe"):
        book.facts.set_status(fid, "maybe")
    with pytest.raises(NotFound, match="fact 999999"):
        book.facts.set_status(999999, ACCEPTED)


def test_save_record_replaces_suggestions_but_keeps_decisions(book):
    tid = _add(book, record=_record())
    kept = book.facts.record(tid).facts[0]
    book.facts.set_status(kept.id, ACCEPTED)
    ids = book.facts.save(tid, Record(facts=[Fact("surname", "Baek")]))
    assert len(ids) == 1
    rec = book.facts.record(tid, [SUGGESTED, ACCEPTED])
    assert {f.field for f in rec.facts} == {"birth_year", "surname"}
    assert rec.events == []  # the old suggested sale was replaced
    with pytest.raises(NotFound, match="testimony 4040"):
        book.facts.save(4040, Record())


def test_accepted_records_is_every_testimony_with_accepted_facts(book):
    a = _add(book, record=_record())
    b = _add(book, TEXT + " Later in Helong.", record=_record(), person="Ms. Ri")
    _add(book, TEXT + " Nothing accepted.", record=_record(), person="Ms. O")
    for tid in (a, b):
        for item in [*book.facts.record(tid).facts, *book.facts.record(tid).events]:
            book.facts.set_status(item.id, ACCEPTED)
    got = dict(book.facts.accepted())
    assert set(got) == {a, b}
    assert all(len(r.events) == 1 and len(r.facts) == 1 for r in got.values())


def test_bulk_add_is_one_transaction_and_deduplicates(book):
    entries = [(Testimony(f"Testimony number {n} told in Yanji.", organisation="Hanul",
                          consent=Consent.of(["aggregate_statistics"])), Person(f"P{n}"), None)
               for n in range(5)]
    entries.append((Testimony("Testimony number 0 told in Yanji."), Person("dup"), None))
    results = book.testimonies.add_many(entries)
    assert [created for _, created in results] == [True] * 5 + [False]
    assert results[-1][0] == results[0][0]
    assert book.count()["testimonies"] == 5 and book.count()["persons"] == 5
    with pytest.raises(InvalidInput, match="empty"):
        book.testimonies.add_many([(Testimony("fine text"), None, None),
                              (Testimony("   ", file_name="blank.txt"), None, None)])
    assert book.count()["testimonies"] == 5  # nothing of the refused batch


def test_one_person_several_testimonies(book):
    person = Person("Ms. Baek", birth_year=1979)
    pid = book.persons.add(person)
    t1, _ = book.testimonies.add(Testimony("First telling.", person_id=pid), None)
    t2, _ = book.testimonies.add(Testimony("Second telling, years later.", person_id=pid), None)
    assert book.testimonies.get(t1).person_id == book.testimonies.get(t2).person_id == pid
    assert [p.pseudonym for p in book.persons.all()] == ["Ms. Baek"]
    with pytest.raises(InvalidInput, match="pseudonym"):
        book.persons.add(Person("   "))


def test_consent_grant_withdraw_and_bulk_read(book):
    a = _add(book)
    b = _add(book, TEXT + " b", scopes=())
    assert not book.consent.of(b).allows("aggregate_statistics")
    book.consent.grant(b, "share_with:Bridge")
    book.consent.grant(b, "share_with:Bridge")  # granting twice keeps one grant
    assert [g.scope for g in book.consent.of(b).grants] == ["share_with:Bridge"]
    book.consent.withdraw(a, "aggregate_statistics", on=dt.date(2024, 1, 2))
    consents = book.consent.of_many([a, b])
    assert not consents[a].allows("aggregate_statistics")
    assert consents[a].grants[0].withdrawn_on == dt.date(2024, 1, 2)
    assert consents[b].allows("share_with:Bridge")
    assert book.consent.of_many([]) == {}
    with pytest.raises(NotFound):
        book.consent.grant(999, "aggregate_statistics")
    with pytest.raises(NotFound):
        book.consent.withdraw(999, "aggregate_statistics")
    with pytest.raises((InvalidInput, ValueError)):
        book.consent.grant(a, "publish_everything")


def test_testimonies_list_paging_and_filter(book):
    ids = [_add(book, f"{TEXT} {n}", org="Hanul" if n % 2 else "Bridge", person=f"P{n}")
           for n in range(6)]
    assert [s.id for s in book.testimonies.all()] == ids
    assert [s.id for s in book.testimonies.all(limit=2, offset=2)] == ids[2:4]
    assert {s.organisation for s in book.testimonies.all(organisation="Bridge")} == {"Bridge"}
    summary = book.testimonies.all()[0]
    assert summary.pseudonym == "P0" and summary.interviewer == "iv1"
    assert summary.interview_year == 2019 and summary.consent == ["aggregate_statistics"]


def test_delete_testimonies_removes_facts_consent_and_orphan_persons(book):
    a = _add(book, record=_record())
    b = _add(book, TEXT + " b", record=_record(), person="Ms. Ri")
    pid_a = book.testimonies.get(a).person_id
    removed = book.testimonies.delete([a, a, 12345], detail={"why": "test"},
                                      meta_updates={"sealed": {"n": 1}})
    assert removed == 1
    with pytest.raises(NotFound):
        book.testimonies.get(a)
    with pytest.raises(NotFound):
        book.persons.get(pid_a)
    assert book.facts.record(a).facts == [] and book.consent.of_many([a])[a].grants == ()
    assert book.testimonies.get(b).text.endswith(" b")
    assert book.meta.get("sealed") == {"n": 1}
    hits = book.testimonies.search("Yanji")
    assert hits and all(h.testimony_id == b for h in hits)
    entry = next(e for e in book.audit.entries(20) if e["action"] == "delete_testimonies")
    assert book.audit.verify().ok and entry is not None


def test_meta_values_round_trip(book):
    assert book.meta.get("nothing", "default") == "default"
    book.meta.set("k", {"a": [1, 2], "b": "한국어"})
    assert book.meta.get("k") == {"a": [1, 2], "b": "한국어"}
    book.meta.set("k", 3)
    assert book.meta.get("k") == 3


def test_link_decisions_are_an_append_only_log(book):
    book.links.add("person", {"action": "accept", "records": ["t1", "t2"],
                              "who": "mina"}, 0.93)
    book.links.add("person", {"action": "not_same", "records": ["t2", "t3"]})
    book.links.add("place", {"action": "accept", "records": ["t1e0", "t2e1"]})
    person = book.links.decisions("person")
    assert [d["action"] for d in person] == ["accept", "not_same"]
    assert person[0]["records"] == ["t1", "t2"]
    assert [d["action"] for d in book.links.decisions("place")] == ["accept"]
    assert book.links.decisions("perpetrator") == []
    actions = [e["action"] for e in book.audit.entries(10)]
    assert {"link_accept", "link_not_same"} <= set(actions)


def test_count_and_audit_of_external_actions(book):
    _add(book, record=_record())
    counts = book.count()
    assert counts == {"persons": 1, "testimonies": 1, "facts_suggested": 2, "facts_accepted": 0,
                      "cases": 0}
    book.audit.record("report", None, {"persons": 1})
    last = book.audit.entries(1)[0]
    assert last["action"] == "report" and last["actor"] == "tester"
    assert book.audit.verify().entries >= 3


def test_reopen_with_the_same_passphrase_sees_everything(book, location):
    from casebook.store import Casebook
    from tests.conftest import PASSPHRASE

    tid = _add(book, record=_record())
    book.close()
    again = Casebook.open(location, PASSPHRASE, actor="someone")
    try:
        assert again.testimonies.get(tid).text == TEXT
        assert len(again.facts.record(tid).events) == 1
        assert again.audit.verify().ok
    finally:
        again.close()
