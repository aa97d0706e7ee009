"""``book.as_user(user)``: what one user sees, decided in the store, on SQLCipher and PostgreSQL."""

from __future__ import annotations

import warnings

import pytest

from casebook.errors import InvalidInput, NotFound, PermissionDenied
from casebook.model import (
    ACCEPTED,
    REJECTED,
    SUGGESTED,
    Consent,
    Event,
    Fact,
    Person,
    Record,
    Testimony,
    UncertainDate,
)
from casebook.model.consent import share_scope
from casebook.publish.dataset import dataset_of
from casebook.store import SearchFilters, UserCasebook

A, B = "Hanul", "Bridge"
PW = "correct-horse-77"


def _record(year: int, status: str = ACCEPTED) -> Record:
    return Record(facts=[Fact("birth_year", 1980, status=status)],
                  events=[Event("sale", date=UncertainDate(year), place="cn-jilin-yanbian-yanji",
                                status=status),
                          Event("border_crossing", date=UncertainDate(year - 1), status=REJECTED)])


def _add(book, text: str, org: str, name: str, scopes=(), record=None) -> tuple[int, int]:
    t = Testimony(text, language="en", organisation=org, consent=Consent.of(list(scopes)))
    tid, _ = book.testimonies.add(t, Person(name, organisation=org), record)
    return tid, t.person_id


@pytest.fixture
def world(book):
    """Two organisations; A's own, B's private, B's shared with A, A's restricted to one user."""
    w = type("World", (), {})()
    w.book = book
    w.mina = book.users.add("mina", PW, A, "reviewer", create_organisation=True)
    w.jun = book.users.add("jun", PW, A, "reviewer")
    w.bo = book.users.add("bo", PW, B, "reviewer", create_organisation=True)
    w.own, w.own_p = _add(book, "Sold in Yanji in 1998.", A, "Ms. Kim", ["aggregate_statistics"],
                          _record(1998, SUGGESTED))
    w.private, w.private_p = _add(book, "Sold in Yanji in 2001.", B, "Ms. Ri", (), _record(2001))
    w.shared, w.shared_p = _add(book, "Sold in Yanji in 2003.", B, "Ms. Choe",
                                [share_scope(A)], _record(2003))
    w.secret, w.secret_p = _add(book, "Sold in Yanji in 2005.", A, "Ms. Pak", (), _record(2005))
    book.users.restrict(w.secret, [w.jun.id])
    w.bare = book.persons.add(Person("Ms. Han", organisation=A))  # no testimony yet
    return w


def _ids(rows) -> set[int]:
    return {r.id for r in rows}


def test_each_user_lists_only_what_they_may_see(world):
    mina, jun, bo = (world.book.as_user(u) for u in (world.mina, world.jun, world.bo))
    assert isinstance(mina, UserCasebook) and mina.actor == "mina"
    assert _ids(mina.testimonies.all()) == {world.own, world.shared}
    assert _ids(jun.testimonies.all()) == {world.own, world.shared, world.secret}
    assert _ids(bo.testimonies.all()) == {world.private, world.shared}
    assert _ids(world.book.testimonies.all()) == {world.own, world.private, world.shared,
                                                  world.secret}


def test_lists_are_newest_first_with_counts_and_consent_but_no_text(world):
    rows = world.book.as_user(world.jun).testimonies.all()
    assert [r.id for r in rows] == sorted(_ids(rows), reverse=True)
    own = next(r for r in rows if r.id == world.own)
    assert (own.facts_suggested, own.facts_accepted) == (2, 0)  # the rejected one is not counted
    assert own.consent == ["aggregate_statistics"] and own.pseudonym == "Ms. Kim"
    assert "text" not in own.to_dict() and own.to_dict()["recorded_at"]


def test_list_filters_waiting_own_person_and_ids(world):
    mina = world.book.as_user(world.mina)
    assert _ids(mina.testimonies.all(waiting=True)) == {world.own}
    assert _ids(mina.testimonies.all(own_only=True)) == {world.own}
    assert _ids(mina.testimonies.all(person_id=world.shared_p)) == {world.shared}
    assert _ids(mina.testimonies.all(ids=[world.private, world.shared])) == {world.shared}
    assert len(mina.testimonies.all(limit=1)) == 1
    assert _ids(mina.testimonies.all(limit=1, offset=1)) == {world.own}


def test_invisible_testimony_answers_not_found_like_a_missing_one(world):
    mina = world.book.as_user(world.mina)
    for tid in (world.private, world.secret, 99999):
        for call in (lambda t: mina.testimonies.access(t), lambda t: mina.testimonies.get(t),
                     lambda t: mina.facts.record(t), lambda t: mina.consent.of(t)):
            with pytest.raises(NotFound, match=f"testimony {tid}: no such testimony"):
                call(tid)


def test_a_shared_testimony_is_read_only_for_the_partner(world):
    mina = world.book.as_user(world.mina)
    assert mina.testimonies.access(world.shared) == B
    assert mina.testimonies.get(world.shared, purpose="test").text.endswith("2003.")
    with pytest.raises(PermissionDenied, match="only its own organisation"):
        mina.testimonies.access(world.shared, write=True)
    fact = world.book.facts.record(world.shared).events[0].id
    with pytest.raises(PermissionDenied):
        mina.facts.set_status(fact, REJECTED)
    with pytest.raises(PermissionDenied):
        mina.consent.withdraw(world.shared, "anonymous_quotation")
    assert world.book.facts.record(world.shared).events[0].status == ACCEPTED


def test_own_changes_go_through_and_are_audited_as_the_user(world):
    mina = world.book.as_user(world.mina)
    fact = world.book.facts.record(world.own).events[0].id
    assert mina.facts.set_status(fact, ACCEPTED) == world.own
    mina.consent.grant(world.own, "anonymous_quotation")
    assert world.book.consent.of(world.own).allows("anonymous_quotation")
    mina.consent.withdraw(world.own, "anonymous_quotation")
    assert not world.book.consent.of(world.own).allows("anonymous_quotation")
    actions = [(e["actor"], e["action"]) for e in world.book.audit.entries(3)]
    assert actions == [("mina", "withdraw_consent"), ("mina", "grant_consent"),
                       ("mina", "fact_accepted")]


def test_withdrawing_the_share_hides_the_testimony_from_the_partner(world):
    world.book.consent.withdraw(world.shared, share_scope(A))
    mina = world.book.as_user(world.mina)
    assert _ids(mina.testimonies.all()) == {world.own}
    with pytest.raises(NotFound):
        mina.testimonies.get(world.shared)


def test_fact_refs_follow_visibility(world):
    mina = world.book.as_user(world.mina)
    own_fact = world.book.facts.record(world.own).events[0].id
    private_fact = world.book.facts.record(world.private).events[0].id
    ref = mina.facts.ref(own_fact)
    assert (ref.testimony_id, ref.kind) == (world.own, "event")
    with pytest.raises(NotFound):
        mina.facts.ref(private_fact)
    with pytest.raises(NotFound, match="fact 424242"):
        mina.facts.ref(424242)


def test_persons_visible_through_a_testimony_or_as_the_organisations_own(world):
    mina = world.book.as_user(world.mina)
    seen = {p.id for p in mina.persons.all()}
    assert seen == {world.own_p, world.shared_p, world.bare}
    assert mina.persons.ids() == {world.own_p, world.shared_p}
    mina.persons.access(world.bare)
    for pid in (world.private_p, world.secret_p):
        with pytest.raises(NotFound, match=f"person {pid}"):
            mina.persons.access(pid)
    assert {p.id for p in world.book.as_user(world.bo).persons.all()} == {
        world.private_p, world.shared_p}


def test_a_dossier_holds_visible_testimonies_and_unrejected_facts_only(world):
    mina = world.book.as_user(world.mina)
    dossier = mina.persons.dossier(world.own_p)
    assert dossier.person.pseudonym == "Ms. Kim" and _ids(dossier.testimonies) == {world.own}
    kinds = [(tid, type(item).__name__, item.status) for tid, _, item in dossier.items]
    assert kinds == [(world.own, "Fact", SUGGESTED), (world.own, "Event", SUGGESTED)]
    assert mina.persons.dossier(world.bare).items == []
    with pytest.raises(NotFound):
        mina.persons.dossier(world.secret_p)


def test_counts_are_of_what_the_user_sees(world):
    counts = world.book.as_user(world.mina).counts()
    assert counts == {"testimonies": 2, "own": 1, "shared_with_us": 1, "persons": 2,
                      "facts_suggested": 2, "facts_accepted": 0, "facts_rejected": 1,
                      "testimonies_waiting": 1}
    consent = world.book.as_user(world.mina).consent.counts()
    assert consent == {"aggregate_statistics": 1, share_scope(A): 1}


def test_reads_for_analyses_are_visible_and_consented(world):
    def ids(user, use="network"):
        return {t.testimony_id for t in world.book.as_user(user).read_for(use)}

    assert ids(world.mina) == {world.own}  # the shared one has no statistics consent
    for tid in (world.private, world.shared, world.secret):
        world.book.consent.grant(tid, "aggregate_statistics")
    assert ids(world.mina) == {world.own, world.shared}
    assert ids(world.jun) == {world.own, world.shared, world.secret}
    assert ids(world.bo) == {world.private, world.shared}
    assert ids(world.mina, "export") == {world.own, world.shared}
    world.book.consent.withdraw(world.shared, share_scope(A))
    assert ids(world.mina) == {world.own}
    events = [e for t in world.book.as_user(world.bo).read_for("network") for e in t.record.events]
    assert sorted(e.date.year for e in events) == [2001, 2003]  # accepted only


def test_search_applies_visibility_and_filters(world):
    mina = world.book.as_user(world.mina)
    hits, rows = mina.testimonies.search("Yanji")
    assert {h.testimony_id for h in hits} == {world.own, world.shared} and rows == []
    assert world.book.audit.entries(1)[0]["action"] == "search"
    _, rows = mina.testimonies.search("", SearchFilters(event_type="sale", year_from=2000))
    assert _ids(rows) == {world.shared}
    _, rows = mina.testimonies.search("", SearchFilters(place="cn-jilin"))  # sub-places match
    assert _ids(rows) == {world.own, world.shared}
    _, rows = mina.testimonies.search("", SearchFilters(event_type="border_crossing"))
    assert rows == []  # only rejected crossings: a rejected fact never matches
    assert mina.testimonies.search("", SearchFilters()) == ([], [])
    with pytest.raises(InvalidInput, match="'from' is after 'to'"):
        mina.testimonies.search("", SearchFilters(year_from=2005, year_to=2000))


def test_the_statistics_dataset_is_cut_to_visible_persons(world):
    world.book.consent.grant(world.shared, "aggregate_statistics")
    world.book.consent.grant(world.private, "aggregate_statistics")
    rows = dataset_of(world.book.as_user(world.mina).read_for("statistics")).rows
    assert {r.person_id for r in rows} == {world.own_p, world.shared_p}


def test_each_request_gets_its_own_access_memory(world):
    """A check remembered for one user never answers for another."""
    jun = world.book.as_user(world.jun)
    jun.testimonies.access(world.secret)
    with pytest.raises(NotFound):
        world.book.as_user(world.mina).testimonies.access(world.secret)


def test_scoped_casebook_uses_no_deprecated_spelling(world):
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        mina = world.book.as_user(world.mina)
        mina.testimonies.all()
        mina.counts()
        mina.persons.dossier(world.own_p)
