"""Small doors of the store: meta values, link decisions, and files that are not casebooks.

Every write is audited (without the values it wrote), decisions come back in the order made,
and a file that cannot be a casebook is refused by name before SQLCipher could touch it.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from casebook.errors import StoreCorrupt, WrongPassphrase
from casebook.linkage.decisions import Decision, accept, apply_decisions, not_same, revoke
from casebook.linkage.scoring import Pair
from casebook.store import Casebook
from tests.conftest import PASSPHRASE


def test_meta_values_round_trip_and_are_audited_without_their_value(book):
    assert book.meta.get("budget") is None and book.meta.get("budget", 7) == 7
    ledger = book.meta.entry("privacy_budget")
    assert ledger.load() == {}
    ledger.save({"spent": 0.5, "released": ["table 1", "표 2"]})
    ledger.save({"spent": 0.75, "released": ["table 1", "표 2", "table 3"]})
    assert ledger.load() == {"spent": 0.75, "released": ["table 1", "표 2", "table 3"]}
    sets = [e for e in book.audit.entries() if e["action"] == "set_meta"]
    assert [e["target"] for e in sets] == ["privacy_budget", "privacy_budget"]
    assert "표 2" not in json.dumps(sets, default=str, ensure_ascii=False)
    assert book.audit.verify().ok


def test_link_decisions_come_back_per_kind_in_order_and_rebuild_the_clusters(book):
    first = accept(["t1", "t2"], "reviewer-a")
    second = not_same(["t2", "t3"], "reviewer-b")
    book.links.add("person", first.to_dict(), score=0.93)
    book.links.add("place", accept(["p1", "p2"], "reviewer-a").to_dict())
    book.links.add("person", second.to_dict())
    book.links.add("person", revoke(first, "reviewer-c").to_dict())
    stored = book.links.decisions("person")
    assert [d["action"] for d in stored] == ["accept", "not_same", "revoke"]
    assert len(book.links.decisions("place")) == 1 and book.links.decisions("broker") == []
    pairs = [Pair("t1", "t2", 0.2, -1.0), Pair("t2", "t3", 0.9, 3.0)]
    decided = [Decision.from_dict(d) for d in stored]
    groups = {c.members for c in apply_decisions(pairs, decided, ids=["t1", "t2", "t3"])}
    assert groups == {("t1",), ("t2",), ("t3",)}  # the accept was revoked; not_same holds
    actions = [e["action"] for e in book.audit.entries()]
    assert actions.count("link_accept") == 2 and "link_revoke" in actions


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"x" * 100, "too small"),
])
def test_a_file_that_cannot_be_a_casebook_is_refused_by_name(tmp_path, content, message):
    path = tmp_path / "casebook.db"
    path.write_bytes(content)
    with pytest.raises(StoreCorrupt, match=message) as caught:
        Casebook.open(str(path), PASSPHRASE)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == content  # nothing was created over it


def test_a_plain_sqlite_file_or_a_folder_is_not_a_casebook(tmp_path):
    plain = tmp_path / "plain.db"
    with sqlite3.connect(plain) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreCorrupt, match="unencrypted SQLite"):
        Casebook.open(str(plain), PASSPHRASE)
    folder = tmp_path / "folder.db"
    folder.mkdir()
    with pytest.raises(StoreCorrupt, match="not a regular file"):
        Casebook.open(str(folder), PASSPHRASE)


def test_a_wrong_passphrase_opens_nothing_and_the_right_one_still_does(sqlite_book, tmp_path):
    sqlite_book.meta.set("marker", 1)
    sqlite_book.close()
    path = str(tmp_path / "casebook.db")
    with pytest.raises(WrongPassphrase):
        Casebook.open(path, PASSPHRASE + "!")
    again = Casebook.open(path, PASSPHRASE)
    try:
        assert again.meta.get("marker") == 1 and again.audit.verify().ok
    finally:
        again.close()
