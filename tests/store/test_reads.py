"""The one read layer of every analysis (``book.read_for(use)``), on SQLCipher and PostgreSQL.

Every use, and every output built on it, drops a testimony once its survivor withdraws consent;
an unknown use is an error; only accepted facts are read; text only where consent covers it.
"""

from __future__ import annotations

import pytest

from casebook.estimate.lists import list_memberships
from casebook.exchange.export import ExportRequest, collect
from casebook.linkage import run
from casebook.linkage.place_mentions import place_mentions
from casebook.linkage.records import perpetrator_records, person_records
from casebook.model import (
    ACCEPTED,
    SUGGESTED,
    Amount,
    Consent,
    Event,
    Fact,
    Involvement,
    Person,
    Record,
    Testimony,
    UncertainDate,
)
from casebook.model.consent import AGGREGATE_STATISTICS, BASE_SCOPES, share_scope
from casebook.publish.dataset import dataset_of
from casebook.store.reads import USES

PARTNER = "Bridge of Light"
ALL_SCOPES = [*BASE_SCOPES, share_scope(PARTNER)]


def _record(n: int) -> Record:
    who = Involvement("perpetrator", "broker", who=f"Broker {n % 2}")
    return Record(
        [Fact("birth_year", 1975 + n, status=ACCEPTED), Fact("surname", "Ghost", status=SUGGESTED)],
        [Event("sale", UncertainDate(1998 + n), place="cn-jilin-yanbian-yanji",
               place_text="Yanji", amount=Amount(3000, "CNY", 1998 + n),
               involvements=[who], status=ACCEPTED),
         Event("escape", UncertainDate(2005), status=SUGGESTED)])


@pytest.fixture
def world(book):
    """Five women with every consent; Ms. Her told her story twice (two testimonies)."""
    w = type("World", (), {})()
    w.book, w.others = book, []
    her = Person("Ms. Her", organisation="Hanul")
    for n in range(6):
        person = her if n in (0, 1) else Person(f"Ms. {n}", organisation="Hanul")
        text = f"Account {n}: sold in Yanji by the kite seller at the ferry."
        t = Testimony(text, organisation="Hanul" if n % 2 else "Sunrise",
                      interviewer=f"iv{n % 3}", consent=Consent.of(ALL_SCOPES))
        tid, _ = book.testimonies.add(t, person, _record(n))
        (w.others if n >= 2 else w.__dict__.setdefault("her", [])).append(tid)
        w.__dict__.setdefault("person_of", {})[tid] = person.id
    w.her_person = her.id
    w.reader = book.users.add("partner", "correct-horse-77", PARTNER, "analyst",
                              create_organisation=True)
    return w


def _partner(use: str) -> str | None:
    return PARTNER if USES[use].partner != "never" else None


def _ids(items) -> set[int]:
    return {t.testimony_id for t in items}


def _sources(records) -> set[int]:
    out = set()
    for r in records:
        for s in getattr(r, "sources", None) or [r.source]:
            out.add(int(s.split(":")[1]))
    return out


def _of_persons(w, person_ids) -> set[int]:
    """The testimonies of these persons."""
    return {tid for tid, pid in w.person_of.items() if pid in person_ids}


def _listed(w) -> set[int]:
    keys = {k for k, _ in list_memberships(w.book.read_for("estimation"), [], "organisation")}
    return _of_persons(w, {int(k[1:]) for k in keys if k.startswith("p")})


def _network(w, items) -> set[int]:
    graph = run.network(items, scored=False)
    return _of_persons(w, {int(n.split(":")[1]) for n in graph if n.startswith("victim:")})


# Every output an analysis makes, as the testimony ids it rests on.
OUTPUTS = {
    "statistics dataset": lambda w: _of_persons(
        w, {r.person_id for r in dataset_of(w.book.read_for("statistics"))}),
    "report quotations": lambda w: _of_persons(w, {r.person_id for r in dataset_of(
        w.book.read_for("statistics", with_text=True)) if r.text_for_quotes}),
    "estimation lists": _listed,
    "linkage of persons": lambda w: _sources(person_records(w.book.read_for("linkage_persons"))),
    "linkage of perpetrators": lambda w: _sources(perpetrator_records(
        w.book.read_for("linkage_perpetrators"))),
    "linkage of places": lambda w: _sources(place_mentions(w.book.read_for("linkage_places"))),
    "network": lambda w: _network(w, w.book.read_for("network")),
    "partner link encoding": lambda w: _sources(person_records(
        w.book.read_for("linkage_persons", partner=PARTNER))),
    "internal export": lambda w: {r["testimony_id"] for r in collect(w.book, ExportRequest())},
    "partner export": lambda w: {r["testimony_id"] for r in collect(
        w.book, ExportRequest(for_organisation=PARTNER))},
    "legal export": lambda w: {r["testimony_id"] for r in collect(
        w.book, ExportRequest(purpose="legal"))},
    "referral": lambda w: _ids(w.book.read_for("referral", partner=PARTNER)),
    "web statistics (as a user)": lambda w: _ids(
        w.book.as_user(w.reader).read_for("statistics")),
    "web network (as a user)": lambda w: _network(
        w, w.book.as_user(w.reader).read_for("network")),
}


@pytest.mark.parametrize("use", sorted(USES))
def test_every_use_drops_her_once_she_withdraws(world, use):
    before = _ids(world.book.read_for(use, partner=_partner(use)))
    assert set(world.her) <= before and set(world.others) <= before
    for scope in ALL_SCOPES:
        world.book.consent.withdraw(world.her[0], scope)
    after = _ids(world.book.read_for(use, partner=_partner(use)))
    assert world.her[0] not in after and set(world.others) <= after
    # uses about her: a withdrawal in one of her testimonies takes the other one out too
    assert (world.her[1] in after) is (not USES[use].about_her)


@pytest.mark.parametrize("output", sorted(OUTPUTS))
def test_every_output_drops_her_once_she_withdraws(world, output):
    before = OUTPUTS[output](world)
    assert set(world.her) <= before and set(world.others) <= before
    for tid in world.her:
        for scope in ALL_SCOPES:
            world.book.consent.withdraw(tid, scope)
    after = OUTPUTS[output](world)
    assert not set(world.her) & after and set(world.others) <= after


def test_withdrawing_statistics_keeps_her_in_the_organisations_own_work(world):
    world.book.consent.withdraw(world.her[0], AGGREGATE_STATISTICS)
    for use in ("statistics", "estimation", "network"):
        assert not set(world.her) & _ids(world.book.read_for(use)), use
    for use in ("linkage_persons", "export", "legal"):
        assert set(world.her) <= _ids(world.book.read_for(use)), use


def test_an_unknown_use_or_a_wrong_partner_fails_closed(world):
    with pytest.raises(ValueError, match="unknown use 'stats'"):
        world.book.read_for("stats")
    with pytest.raises(ValueError, match="partner is required"):
        world.book.read_for("referral")
    with pytest.raises(ValueError, match="partner is never"):
        world.book.read_for("statistics", partner=PARTNER)
    with pytest.raises(ValueError, match="never reads testimony text"):
        world.book.read_for("linkage_persons", with_text=True)


def test_a_partner_sees_only_what_was_shared_with_it(world):
    world.book.consent.withdraw(world.others[0], share_scope(PARTNER))
    assert world.others[0] not in _ids(world.book.read_for("referral", partner=PARTNER))
    assert world.others[0] in _ids(world.book.read_for("export"))  # the organisation's own copy
    assert world.others[0] not in _ids(world.book.read_for("export", partner=PARTNER))
    assert world.others[0] not in _ids(world.book.as_user(world.reader).read_for("statistics"))


def test_only_accepted_facts_are_read(world):
    for t in world.book.read_for("statistics"):
        items = [*t.record.facts, *t.record.events]
        assert items and all(i.status == ACCEPTED for i in items)
        assert [f.field for f in t.record.facts] == ["birth_year"]


def test_text_is_read_only_where_consent_covers_it_and_each_read_is_audited(world):
    world.book.consent.withdraw(world.others[0], "anonymous_quotation")
    items = {t.testimony_id: t for t in world.book.read_for("statistics", with_text=True,
                                                              purpose="report quotation")}
    assert items[world.others[0]].text is None and items[world.others[1]].text
    assert all(t.text is None for t in world.book.read_for("statistics"))
    reads = [e for e in world.book.audit.entries(50) if e["action"] == "read_testimony"]
    # one text per woman: her first testimony's (her second is never read)
    assert {e["target"] for e in reads} == {f"testimony:{i}" for i in items
                                            if i not in (world.others[0], world.her[1])}
    assert {e["detail"]["purpose"] for e in reads} == {"report quotation"}


def test_persons_come_with_the_records(world):
    items = world.book.read_for("linkage_persons")
    her = [t for t in items if t.testimony_id in world.her]
    assert [t.person.pseudonym for t in her] == ["Ms. Her", "Ms. Her"]
    assert {t.person_key for t in her} == {world.her_person}
