"""The store fails closed, on SQLCipher and PostgreSQL: no consent, no read; a refused change
writes nothing, not even an audit entry; and no audit entry ever carries testimony text or names.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import namedtuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casebook.errors import BadArgument, InvalidInput, NotFound
from casebook.model import Consent, Person, Testimony
from casebook.model.consent import AGGREGATE_STATISTICS, BASE_SCOPES, share_scope
from casebook.store.reads import USES, _allowed

SECRET_TEXT = "Sold twice near the persimmon orchard below Quartzhill ridge."
SECRET_NAME = "Ms. Vermilion Osk"
PARTNER = "Bridge of Light"


def _add(book, text, scopes, person=None, organisation="Hanul"):
    t = Testimony(text, organisation=organisation, interviewer="iv1",
                  consent=Consent.of(scopes) if scopes else Consent())
    tid, created = book.testimonies.add(t, person)
    assert created
    return tid


def _ids(book, use, **kw):
    return [c.testimony_id for c in book.read_for(use, **kw)]


@pytest.mark.parametrize("use", sorted(USES))
def test_a_testimony_without_any_consent_is_read_by_no_use(book, use):
    bare = _add(book, "An account given with no consent recorded at all.", [])
    full = _add(book, "An account given with every consent.", [*BASE_SCOPES, share_scope(PARTNER)])
    partner = PARTNER if USES[use].partner != "never" else None
    got = _ids(book, use, partner=partner)
    assert bare not in got
    assert full in got


def test_withdrawing_every_scope_removes_her_even_from_the_internal_uses(book):
    tid = _add(book, "An account later withdrawn in full.", ["stats", "legal"])
    assert tid in _ids(book, "export")
    for scope in ("stats", "legal"):
        book.consent.withdraw(tid, scope)
    for use in ("export", "linkage_persons", "linkage_places", "statistics", "legal"):
        assert tid not in _ids(book, use), use


def test_a_partner_use_never_reads_what_was_not_shared_with_that_partner(book):
    tid = _add(book, "An account shared with one partner only.", ["stats", share_scope("Hanul")])
    assert _ids(book, "referral", partner="Hanul") == [tid]
    assert _ids(book, "referral", partner=PARTNER) == []
    assert _ids(book, "export", partner=PARTNER) == []
    with pytest.raises(ValueError, match="partner is required"):
        book.read_for("referral")
    with pytest.raises(ValueError, match="never reads testimony text"):
        book.read_for("estimation", with_text=True)


def test_refused_consent_changes_write_nothing_and_audit_nothing(book):
    tid = _add(book, "An account whose consent is changed wrongly.", ["stats"])
    head = book.audit.head()
    with pytest.raises(BadArgument, match="nothing was changed"):
        book.consent.grant(tid, "statz")
    with pytest.raises(BadArgument, match="does not hold"):
        book.consent.withdraw(tid, "legal")
    with pytest.raises(BadArgument):
        book.consent.withdraw(tid, "share_with:")
    with pytest.raises(NotFound):
        book.consent.grant(tid + 1000, "stats")
    with pytest.raises(NotFound):
        book.consent.withdraw(tid + 1000, "stats")
    with pytest.raises(NotFound):
        book.testimonies.get(tid + 1000)
    assert book.audit.head() == head
    assert book.consent.of(tid).active_scopes() == [AGGREGATE_STATISTICS]


def test_an_empty_text_is_refused_before_anything_is_written(book):
    head = book.audit.head()
    with pytest.raises(InvalidInput, match="empty"):
        book.testimonies.add_many([(Testimony("fine text here"), None, None),
                                   (Testimony("  \n "), None, None)])
    assert book.audit.head() == head
    assert book.testimonies.all() == []


def test_the_same_text_twice_is_one_testimony(book):
    first = _add(book, "A text told once and imported twice.", ["stats"])
    again = Testimony("A text told once and imported twice.", consent=Consent.of(["legal"]))
    assert book.testimonies.add(again) == (first, False)
    assert again.id == first
    assert len(book.testimonies.all()) == 1
    assert book.consent.of(first).active_scopes() == [AGGREGATE_STATISTICS]  # not widened


def test_a_withdrawal_dated_in_the_future_only_takes_effect_then(book):
    tid = _add(book, "An account whose withdrawal is dated ahead.", ["stats"])
    later = dt.date.today() + dt.timedelta(days=30)
    book.consent.withdraw(tid, "statistics", on=later)
    assert book.consent.of(tid).allows(AGGREGATE_STATISTICS)
    assert not book.consent.of(tid).allows(AGGREGATE_STATISTICS, later)


def test_no_audit_entry_carries_text_or_names_and_the_chain_holds(book):
    her = Person(SECRET_NAME, organisation="Hanul")
    tid = _add(book, SECRET_TEXT, [*BASE_SCOPES, share_scope(PARTNER)], her)
    other = _add(book, "Another account from the same woman, at the border.", ["stats"],
                 Person(SECRET_NAME + " II", organisation="Hanul"))
    book.testimonies.get(tid, purpose="review")
    book.testimonies.search("persimmon")
    book.read_for("statistics", with_text=True)
    book.read_for("referral", partner=PARTNER, with_text=True, purpose="referral to partner")
    book.consent.withdraw(tid, "quote")
    book.consent.grant(tid, "quote")
    book.testimonies.delete([other])
    dumped = json.dumps(book.audit.entries(limit=1000), default=str, ensure_ascii=False)
    for secret in ("persimmon", "Quartzhill", "Vermilion", "Osk", "border"):
        assert secret not in dumped
    assert f"testimony:{tid}" in dumped  # the reads are there, by id only
    actions = [e["action"] for e in book.audit.entries(limit=1000)]
    assert actions.count("read_testimony") >= 3
    assert "delete_testimonies" in actions and "search" in actions
    assert book.audit.verify().ok


def test_deleting_testimonies_removes_their_consent_and_orphaned_persons_only(book):
    a = _add(book, "Her first telling, in spring.", ["stats"], Person("Ms. Twice"))
    b = _add(book, "Her second telling, in autumn.", ["stats"], Person("x", organisation="Hanul"))
    lone = _add(book, "A woman who told her story once.", ["stats"], Person("Ms. Once"))
    assert book.testimonies.delete([a, lone, lone, 9999]) == 2
    remaining = book.read_for("statistics")
    assert [c.testimony_id for c in remaining] == [b]
    assert [p.pseudonym for p in book.persons.all()] == ["x"]  # persons left alone are removed
    assert book.consent.of(a).grants == ()
    with pytest.raises(NotFound):
        book.consent.withdraw(a, "stats")


# -- the consent rule over all her testimonies, as a law ---------------------------------------

Row = namedtuple("Row", "id person_id")
today = dt.date.today()


@given(st.lists(st.tuples(st.sampled_from([None, 1, 2, 3]),
                          st.sets(st.sampled_from(["stats", "legal", "quote"]))),
                min_size=1, max_size=10),
       st.sampled_from(sorted(USES)))
def test_for_uses_about_her_one_refusal_removes_all_her_testimonies(rows, use):
    rule = USES[use]
    table = [Row(i + 1, person) for i, (person, _) in enumerate(rows)]
    consents = {i + 1: Consent.of(sorted(scopes), today) for i, (_, scopes) in enumerate(rows)}
    partner = "Hanul" if rule.partner == "required" else None
    kept = _allowed(rule, table, consents, partner)
    for r in table:
        alone = rule.allows(consents[r.id], partner)
        if not alone:
            assert r.id not in kept  # never read without her consent
        elif rule.about_her and r.person_id is not None:
            hers = [s.id for s in table if s.person_id == r.person_id]
            assert (r.id in kept) == all(rule.allows(consents[i], partner) for i in hers)
        else:
            assert r.id in kept
    assert _allowed(rule, list(reversed(table)), consents, partner) == kept
