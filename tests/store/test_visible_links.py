"""What the network page reads from the store: linkage decisions about visible records only,
and accepted records whose consent allows the use (failing closed), on both backends."""

from __future__ import annotations

from casebook.linkage.decisions import accept, not_same, revoke
from casebook.model import (
    ACCEPTED,
    Consent,
    Event,
    Person,
    Record,
    Testimony,
    UncertainDate,
)


def _add(book, org: str, consent=()) -> int:
    n = len(book.testimonies.all())  # a new text each time (the same text is one testimony)
    t = Testimony(f"text {n} of {org}", "en", organisation=org,
                  consent=Consent.of(list(consent)))
    tid, _ = book.testimonies.add(t, Person("p", organisation=org), Record([], [
        Event("sale", UncertainDate(2001), status=ACCEPTED),
        Event("arrival", UncertainDate(2003), status="suggested")]))
    return tid


def test_decisions_about_records_the_user_cannot_see_are_left_out(book):
    mine1, mine2 = _add(book, "A"), _add(book, "A")
    theirs = _add(book, "B")
    book.users.add("u", "correct-horse-77", "A", "reviewer", create_organisation=True)
    book.users.add_organisation("B")
    ok = accept([f"t{mine1}e0i1", f"t{mine2}e0i1"], "rev")
    mixed = not_same([f"t{mine1}e0i1", f"t{theirs}e0i1"], "rev")
    undo = revoke(ok, "rev2")
    for d in (ok, mixed, undo):
        book.links.add("perpetrator", d.to_dict())
    seen = book.as_user(book.users.by_name("u")).links.decisions("perpetrator")
    assert [d["id"] for d in seen] == [ok.id, undo.id]  # the revoke of a visible decision too
    assert book.as_user(book.users.by_name("u")).links.decisions("person") == []


def test_accepted_for_checks_consent_and_keeps_only_accepted_facts(book):
    yes = _add(book, "A", ["aggregate_statistics"])
    no = _add(book, "A")
    withdrawn = _add(book, "A", ["aggregate_statistics"])
    book.consent.withdraw(withdrawn, "aggregate_statistics")
    book.users.add("u", "correct-horse-77", "A", "analyst", create_organisation=True)
    found = book.as_user(book.users.by_name("u")).facts.accepted_for("aggregate_statistics")
    assert [tid for tid, _, _ in found] == [yes]
    _, person, record = found[0]
    assert person is not None and [e.type for e in record.events] == ["sale"]
    assert no not in [tid for tid, _, _ in found]
