"""The casebook's components one by one (``book.meta``, ``.links``, ``.facts``, …), on both
backends."""

from __future__ import annotations

import pytest

from casebook.errors import InvalidInput, NotFound
from casebook.model import ACCEPTED, SUGGESTED, Consent, Event, Fact, Person, Record, Testimony


def _add(book, text="Crossed at Musan in 1998.", org="Hanul", name="Ms. Kim", record=None):
    t = Testimony(text, language="en", organisation=org,
                  consent=Consent.of(["aggregate_statistics"]))
    return book.testimonies.add(t, Person(name), record)[0]


def _actions(book, n):
    return [e["action"] for e in book.audit.entries(n)]


def test_meta_round_trips_json_and_audits_each_change(book):
    assert book.meta.get("x") is None and book.meta.get("x", 7) == 7
    book.meta.set("x", {"a": [1, 2]})
    book.meta.set("x", {"a": [3]})
    assert book.meta.get("x") == {"a": [3]}
    assert _actions(book, 2) == ["set_meta", "set_meta"]


def test_link_decisions_are_an_append_only_log_per_kind(book):
    book.links.add("person", {"id": "d1", "action": "accept", "records": ["t1", "t2"],
                              "who": "rev"}, 0.9)
    book.links.add("place", {"id": "d2", "action": "not_same", "records": ["p1", "p2"]})
    book.links.add("person", {"id": "d3", "action": "revoke", "revokes": "d1"})
    assert [d["id"] for d in book.links.decisions("person")] == ["d1", "d3"]
    assert [d["id"] for d in book.links.decisions("place")] == ["d2"]
    assert book.links.decisions("perpetrator") == []
    entry = book.audit.entries(1)[0]
    assert (entry["action"], entry["target"], entry["detail"]["revokes"]) == (
        "link_revoke", "person-link", "d1")


def test_persons_add_get_all_by_id(book):
    pid = book.persons.add(Person(" Ms. Han ", birth_year=1981))
    other = _add(book)
    assert book.persons.get(pid).pseudonym == "Ms. Han"
    assert [p.id for p in book.persons.all()][0] == pid
    got = book.persons.by_id([pid, 999])
    assert list(got) == [pid] and got[pid].birth_year == 1981
    assert other
    with pytest.raises(InvalidInput, match="pseudonym"):
        book.persons.add(Person("  "))


def test_facts_save_replaces_suggestions_and_keeps_reviewed_ones(book):
    tid = _add(book, record=Record([Fact("birth_year", 1980)], [Event("sale")]))
    first = book.facts.record(tid)
    book.facts.set_status(first.facts[0].id, ACCEPTED)
    ids = book.facts.save(tid, Record([], [Event("escape"), Event("arrival")]))
    record = book.facts.record(tid, [SUGGESTED, ACCEPTED])
    assert [e.type for e in record.events] == ["escape", "arrival"]  # the old suggestion went
    assert [f.status for f in record.facts] == [ACCEPTED]
    assert [e.id for e in record.events] == ids
    with pytest.raises(NotFound):
        book.facts.save(999, Record())


def test_fact_ref_and_status_checks(book):
    tid = _add(book, record=Record([Fact("surname", "Kim")], [Event("sale")]))
    record = book.facts.record(tid)
    assert book.facts.ref(record.facts[0].id).kind == "person"
    assert book.facts.ref(record.events[0].id).testimony_id == tid
    with pytest.raises(NotFound):
        book.facts.ref(999)
    with pytest.raises(InvalidInput, match="status"):
        book.facts.set_status(record.facts[0].id, "maybe")
    with pytest.raises(NotFound):
        book.facts.set_status(999, ACCEPTED)


def test_accepted_groups_facts_by_testimony(book):
    a = _add(book, "one", record=Record([Fact("birth_year", 1979, status=ACCEPTED)]))
    b = _add(book, "two", record=Record([], [Event("sale", status=ACCEPTED), Event("escape")]))
    got = {tid: r for tid, r in book.facts.accepted()}
    assert set(got) == {a, b}
    assert [e.type for e in got[b].events] == ["sale"]


def test_testimony_hashes_organisations_and_delete(book):
    a = _add(book, "first", org="Hanul")
    b = _add(book, "second", org="Hanul", name="Ms. Ri")
    c = _add(book, "third", org="Bridge", name="Ms. Choe")
    hashes = book.testimonies.hashes()
    assert list(hashes) == [a, b, c] and all(len(h) == 64 for h in hashes.values())
    assert book.testimonies.find_by_hash(hashes[b]) == b
    assert book.testimonies.organisations() == ["Hanul", "Bridge"]
    assert book.testimonies.delete([a, c], {"reason": "test"}, {"sealed": [1]}) == 2
    assert [s.id for s in book.testimonies.all()] == [b]
    assert book.meta.get("sealed") == [1] and book.count()["persons"] == 1
    assert book.audit.entries(1)[0]["detail"]["reason"] == "test"
    assert [s.id for s in book.testimonies.all(organisation="Bridge")] == []


def test_with_actor_shares_the_backend_and_names_the_actor(book):
    other = book.with_actor("someone")
    other.audit.record("looked", "testimony:1")
    entry = book.audit.entries(1)[0]
    assert (entry["actor"], entry["action"]) == ("someone", "looked")
    assert other.backend is book.backend


def test_location_and_key_path(book):
    assert book.location
    if book.dialect == "sqlite":
        assert book.key_path is not None and book.key_path.exists()
    else:
        assert book.key_path is None
