"""What an organisation's admin sees of the audit log (``book.audit.entries(organisation=…)``):
entries by its own users and about its own testimonies, persons, users and cases; never another
organisation's reads, the command line's own entries, or what concerns only a partner. And the
chain refuses an empty append, pages newest first, and pins its head."""

from __future__ import annotations

import pytest

from casebook.model import Consent, Person, Testimony
from casebook.store.audit import GENESIS, append_many

A, B = "Hanul", "Bridge"
PW = "correct-horse-77"


def _woman(book, name: str, org: str) -> int:
    t = Testimony(f"{name} told how she crossed.", language="en", organisation=org,
                  consent=Consent.of(["aggregate_statistics"]))
    tid, _ = book.testimonies.add(t, Person(name, organisation=org))
    return tid


@pytest.fixture
def two_orgs(book):
    a = book.users.add("doc-hanul", PW, A, "documenter", create_organisation=True)
    b = book.users.add("doc-bridge", PW, B, "documenter", create_organisation=True)
    mine, theirs = _woman(book, "Kim", A), _woman(book, "Pak", B)
    book.as_user(a).testimonies.get(mine)  # a read by Hanul's documenter
    book.as_user(b).testimonies.get(theirs)  # a read by Bridge's documenter
    book.audit.record("export", None, {"rows": 2})  # the command line's own entry
    return book, a, b, mine, theirs


def _targets(entries) -> set[str]:
    return {e["target"] for e in entries if e["target"]}


def test_an_admin_sees_what_concerns_her_organisation_and_nothing_of_the_other(two_orgs):
    book, a, b, mine, theirs = two_orgs
    ours = book.audit.entries(500, organisation=A)
    assert f"testimony:{mine}" in _targets(ours)
    assert f"testimony:{theirs}" not in _targets(ours)
    assert f"user:{a.id}" in _targets(ours) and f"user:{b.id}" not in _targets(ours)
    assert {e["actor"] for e in ours} - {"tester"} <= {"doc-hanul"}
    assert not any(e["action"] == "export" for e in ours)  # not an organisation's entry
    everything = book.audit.entries(500)
    assert len(everything) > len(ours) and any(e["action"] == "export" for e in everything)


def test_her_users_actions_are_hers_even_about_no_testimony(two_orgs):
    book, a, _, _, _ = two_orgs
    book.as_user(a).testimonies.search("crossed")
    (search,) = [e for e in book.audit.entries(500, organisation=A) if e["action"] == "search"]
    assert search["actor"] == "doc-hanul" and search["detail"] == {"results": 1}
    assert not [e for e in book.audit.entries(500, organisation=B) if e["action"] == "search"]


def test_a_case_of_hers_is_in_her_log_and_not_in_the_partners(two_orgs):
    book, _, _, mine, _ = two_orgs
    pid = book.testimonies.get(mine).person_id
    case = book.cases.open(pid, A)
    assert f"case:{case.id}" in _targets(book.audit.entries(500, organisation=A))
    assert f"case:{case.id}" not in _targets(book.audit.entries(500, organisation=B))
    assert f"person:{pid}" not in _targets(book.audit.entries(500, organisation=B))


def test_an_organisation_that_does_not_exist_sees_nothing(two_orgs):
    book, *_ = two_orgs
    assert book.audit.entries(500, organisation="Nobody") == []


def test_entries_page_newest_first_and_the_head_is_the_newest(book):
    for i in range(5):
        book.audit.record("report", f"report:{i}")
    newest = book.audit.entries(2)
    assert [e["target"] for e in newest] == ["report:4", "report:3"]
    assert [e["target"] for e in book.audit.entries(2, offset=2)] == ["report:2", "report:1"]
    seq, digest = book.audit.head()
    assert seq == newest[0]["seq"] and digest == newest[0]["hash"] and digest != GENESIS
    assert newest[1]["hash"] == newest[0]["prev_hash"]


def test_an_empty_append_is_refused_and_writes_nothing(book):
    before = book.audit.head()
    with book.engine.begin() as conn, pytest.raises(ValueError, match="nothing to append"):
        append_many(conn, "tester", [])
    assert book.audit.head() == before and book.audit.verify().ok
