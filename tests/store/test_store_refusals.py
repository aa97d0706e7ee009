"""What the store refuses, and that a refusal changes nothing: a file that cannot be a casebook
(a folder, an empty file, plain SQLite, a scrap), a casebook created over a file, an empty
testimony, an unknown fact, status or testimony, a consent scope she does not hold. Each is one
line naming the file, record or field."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import PASSPHRASE

from casebook.errors import AlreadyExists, BadArgument, InvalidInput, NotFound, StoreCorrupt
from casebook.model import ACCEPTED, Consent, Event, Evidence, Fact, Person, Record, Testimony
from casebook.store import Casebook


@pytest.fixture
def keyed(tmp_path):
    """A key file with nothing usable beside it: what is left when the database goes wrong."""
    with Casebook.create(str(tmp_path / "real.db"), PASSPHRASE):
        pass
    return tmp_path


def _with_key(folder, name: str):
    (folder / f"{name}.key").write_bytes((folder / "real.db.key").read_bytes())
    return folder / name


def test_a_folder_is_not_a_casebook(keyed):
    folder = _with_key(keyed, "cases")
    folder.mkdir()
    with pytest.raises(StoreCorrupt, match=r"cases: not a regular file, so not a casebook"):
        Casebook.open(str(folder), PASSPHRASE)


def test_an_empty_file_is_refused_and_not_turned_into_a_new_casebook(keyed):
    empty = _with_key(keyed, "team.db")
    empty.write_bytes(b"")
    with pytest.raises(StoreCorrupt, match=r"team\.db: the file is empty .*\(`casebook restore`\)"):
        Casebook.open(str(empty), PASSPHRASE)
    assert empty.stat().st_size == 0


def test_an_unencrypted_sqlite_file_is_named_as_such(keyed):
    plain = _with_key(keyed, "plain.db")
    with sqlite3.connect(plain) as conn:
        conn.execute("CREATE TABLE notes (text)")
        conn.execute("INSERT INTO notes VALUES ('x')")
    conn.close()
    with pytest.raises(StoreCorrupt, match=r"plain\.db: an unencrypted SQLite file"):
        Casebook.open(str(plain), PASSPHRASE)


def test_a_scrap_of_a_file_is_too_small_to_be_a_casebook(keyed):
    scrap = _with_key(keyed, "scrap.db")
    scrap.write_bytes(b"\x13" * 200)
    with pytest.raises(StoreCorrupt, match=r"scrap\.db: too small to be a casebook"):
        Casebook.open(str(scrap), PASSPHRASE)


def test_no_casebook_there_says_how_to_make_one(tmp_path):
    with pytest.raises(NotFound, match=r"nowhere\.db: no casebook here \(create one with "
                                       r"`casebook init`\)"):
        Casebook.open(str(tmp_path / "nowhere.db"), PASSPHRASE)
    assert list(tmp_path.iterdir()) == []


def test_a_casebook_is_never_created_over_a_file(tmp_path):
    there = tmp_path / "report.db"
    there.write_bytes(b"someone's file")
    with pytest.raises(AlreadyExists, match=r"report\.db: a file is already there"):
        Casebook.create(str(there), PASSPHRASE)
    assert there.read_bytes() == b"someone's file"
    assert not (tmp_path / "report.db.key").exists()


def _one(book) -> int:
    t = Testimony("She crossed near Musan in 1998.", language="en", organisation="Hanul",
                  consent=Consent.of(["aggregate_statistics"]))
    return book.testimonies.add(t, Person("Ms. Ko"), Record([Fact("birth_year", 1980)]))[0]


def test_an_empty_testimony_is_refused_by_its_file_name_and_the_batch_stores_nothing(book):
    good = Testimony("A full account.", language="en")
    blank = Testimony("  \n\t ", language="en", file_name="interview-07.txt")
    with pytest.raises(InvalidInput, match=r"interview-07\.txt: the text is empty"):
        book.testimonies.add_many([(good, Person("A"), None), (blank, Person("B"), None)])
    assert book.testimonies.all() == [] and book.persons.all() == []
    with pytest.raises(InvalidInput, match=r"^testimony: the text is empty"):
        book.testimonies.add(Testimony(""), Person("C"))


def test_an_unknown_testimony_is_named(book):
    with pytest.raises(NotFound, match=r"testimony 4242: no such testimony"):
        book.testimonies.get(4242)
    with pytest.raises(NotFound, match=r"testimony 4242: no such testimony"):
        book.consent.grant(4242, "aggregate_statistics")


def test_a_fact_status_must_be_known_and_the_fact_must_exist(book):
    tid = _one(book)
    (fact,) = book.facts.record(tid).facts
    with pytest.raises(InvalidInput,
                       match=r"status: 'approved' is not suggested/accepted/rejected"):
        book.facts.set_status(fact.id, "approved")
    with pytest.raises(NotFound, match=r"fact 999999: no such fact"):
        book.facts.set_status(999999, ACCEPTED)
    assert book.facts.record(tid).facts[0].status == fact.status  # unchanged


def test_a_fact_added_by_hand_needs_its_words_and_a_status_a_reviewer_gives(book):
    tid = _one(book)
    before = len(book.facts.record(tid).facts)
    with pytest.raises(InvalidInput, match=rf"testimony {tid}: a fact added by hand needs the "
                                           "words it rests on"):
        book.facts.add(tid, Fact("surname", "Ko"))
    with pytest.raises(InvalidInput, match=r"status: 'rejected': an added fact is accepted"):
        book.facts.add(tid, Event("arrest_china", evidence=Evidence(0, 3, "She")), "rejected")
    with pytest.raises(NotFound, match=r"testimony 777: no such testimony"):
        book.facts.add(777, Fact("surname", "Ko", evidence=Evidence(0, 3, "She")))
    assert len(book.facts.record(tid).facts) == before


def test_only_a_scope_she_holds_can_be_withdrawn_and_a_refusal_is_not_audited(book):
    tid = _one(book)
    entries = len(book.audit.entries(1000))
    with pytest.raises(BadArgument, match=rf"testimony {tid}: she does not hold "
                                          r"'legal_proceedings' \(active scopes: stats\); "
                                          r"nothing was changed"):
        book.consent.withdraw(tid, "legal_proceedings")
    with pytest.raises(BadArgument, match="nothing was changed"):
        book.consent.withdraw(tid, "agregate_statistics")  # mistyped
    assert len(book.audit.entries(1000)) == entries
    assert book.consent.of(tid).allows("aggregate_statistics")
    book.consent.withdraw(tid, "aggregate_statistics")
    with pytest.raises(BadArgument, match=r"\(active scopes: none\)"):
        book.consent.withdraw(tid, "aggregate_statistics")  # not twice
