"""The casebook on both backends: persons, testimonies, consent, facts, search, audit."""

from __future__ import annotations

import datetime as dt

import pytest

from casebook.errors import InvalidInput, NotFound
from casebook.model import (
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

KO = "저는 1998년 봄에 회령에서 강을 건넜습니다. 연길에서 중개인이 저를 삼천 위안에 팔았습니다."
EN = "In February 1998 the broker sold me in Yanji for 3,000 yuan to a farmer."


def _add(book, text=EN, scopes=("aggregate_statistics",), name="Ms. Baek"):
    t = Testimony(text, language="ko" if text == KO else "en", organisation="Hanul",
                  interview_date=UncertainDate(2019, 5),
                  consent=Consent.of(list(scopes), on=dt.date(2019, 5, 1)))
    return book.testimonies.add(t, Person(name, surname="Baek", birth_year=1979))


def test_add_and_read_back(book):
    tid, created = _add(book)
    assert created
    t = book.testimonies.get(tid)
    assert t.text == EN and t.organisation == "Hanul" and t.interview_date.month == 5
    assert t.consent.allows("aggregate_statistics") and not t.consent.allows("legal_proceedings")
    person = book.persons.get(t.person_id)
    assert (person.pseudonym, person.surname, person.birth_year) == ("Ms. Baek", "Baek", 1979)


def test_same_text_twice_is_not_duplicated(book):
    first, created1 = _add(book)
    second, created2 = _add(book, name="Someone else")
    assert (created1, created2) == (True, False) and first == second
    assert book.count()["testimonies"] == 1 and book.count()["persons"] == 1


def test_empty_text_is_refused(book):
    with pytest.raises(InvalidInput, match="empty"):
        book.testimonies.add(Testimony("   "), Person("X"))
    assert book.count()["testimonies"] == 0


def test_missing_records_raise_not_found(book):
    with pytest.raises(NotFound):
        book.testimonies.get(999)
    with pytest.raises(NotFound):
        book.persons.get(999)


def test_search_korean_and_english(book):
    ko_id, _ = _add(book, KO, name="Ms. Kim")
    en_id, _ = _add(book, EN)
    # two syllables: the word index
    assert [h.testimony_id for h in book.testimonies.search("연길")] == [ko_id]
    assert [h.testimony_id for h in book.testimonies.search("삼천 위안")] == [ko_id]
    assert [h.testimony_id for h in book.testimonies.search("Yanji")] == [en_id]
    assert [h.testimony_id for h in book.testimonies.search('"sold me"')] == [en_id]
    assert book.testimonies.search("Pyongyang") == []
    hit = book.testimonies.search("회령")[0]
    assert "⟦회령⟧" in hit.snippet and hit.pseudonym == "Ms. Kim"


def test_search_as_a_user_finds_only_what_the_user_may_see(book):
    a, _ = _add(book, EN)
    b, _ = _add(book, EN + " Then again in Yanji.", name="Ms. Ri")
    me = book.users.add("mina", "correct-horse-77", "Hanul", "reviewer", create_organisation=True)
    other = book.users.add("jun", "correct-horse-77", "Hanul", "reviewer")
    book.users.restrict(a, [other.id])
    assert {h.testimony_id for h in book.testimonies.search("Yanji")} == {a, b}
    hits, _ = book.as_user(me).testimonies.search("Yanji")
    assert [h.testimony_id for h in hits] == [b]


def test_facts_suggested_then_reviewed(book):
    tid, _ = _add(book)
    record = Record(
        [Fact("birth_year", 1979, Evidence.of(EN, 0, 10), 0.9)],
        [Event("sale", UncertainDate(1998, 2), place="cn-jilin-yanji", place_text="Yanji",
               amount=Amount(3000, "RMB", 1998, 362.3),
               involvements=[Involvement("perpetrator", "seller", who="the broker")],
               evidence=Evidence.of(EN, 17, 42), confidence=0.8)],
    )
    book.facts.save(tid, record)
    stored = book.facts.record(tid)
    assert [e.type for e in stored.events] == ["sale"] and stored.events[0].status == "suggested"
    assert stored.events[0].evidence.quote == EN[17:42]
    assert list(book.facts.accepted()) == []
    sale = stored.events[0]
    book.facts.set_status(sale.id, "accepted", {"amount": {"value": 3500, "currency": "RMB"}})
    book.facts.set_status(stored.facts[0].id, "rejected")
    accepted = dict(book.facts.accepted())[tid]
    assert accepted.events[0].amount.value == 3500 and accepted.facts == []
    assert book.count()["facts_accepted"] == 1
    # re-extraction replaces suggestions but never touches reviewed facts
    book.facts.save(tid, Record([Fact("surname", "Baek")], []))
    after = book.facts.record(tid, ["suggested", "accepted", "rejected"])
    assert [f.field for f in after.facts] == ["birth_year", "surname"]
    assert after.events[0].amount.value == 3500


def test_consent_withdrawal_is_kept_as_history(book):
    tid, _ = _add(book, scopes=("aggregate_statistics", "anonymous_quotation"))
    book.consent.withdraw(tid, "aggregate_statistics", on=dt.date(2024, 1, 1))
    consent = book.consent.of(tid)
    assert not consent.allows("aggregate_statistics")
    assert consent.allows("aggregate_statistics", on=dt.date(2023, 6, 1))
    assert consent.allows("anonymous_quotation")
    assert book.testimonies.all()[0].consent == ["anonymous_quotation"]


def test_every_write_and_read_is_audited(book):
    tid, _ = _add(book)
    book.testimonies.get(tid, purpose="check")
    actions = [e["action"] for e in book.audit.entries()]
    assert actions[:3] == ["read_testimony", "add_testimony", "add_person"]
    assert all(e["actor"] == "tester" for e in book.audit.entries())
    report = book.audit.verify()
    assert report.ok and report.entries == len(actions)


def test_metadata_round_trip(book):
    book.meta.set("privacy_budget", {"spent": 0.5})
    assert book.meta.get("privacy_budget") == {"spent": 0.5}
    assert book.meta.get("missing", 7) == 7


def test_search_finds_old_testimonies_beyond_the_recent_window(book, monkeypatch):
    """PostgreSQL answers frequent terms from the newest testimonies, rare ones from indexes."""
    from casebook.store import search as search_module

    monkeypatch.setattr(search_module, "RECENT_WINDOW", 1)
    old_ko, _ = _add(book, KO, name="Ms. Kim")
    old_en, _ = _add(book, EN)
    for n in range(3):
        _add(book, f"Unrelated testimony number {n} about Dandong.", name=f"P{n}")
    assert [h.testimony_id for h in book.testimonies.search("연길")] == [old_ko]
    assert [h.testimony_id for h in book.testimonies.search("Yanji farmer")] == [old_en]
    assert len(book.testimonies.search("Dandong", limit=2)) == 2
