"""A linkage run does not keep her names and places in its memos after it returns."""

from __future__ import annotations

from casebook.linkage.names import name_key, surname_key
from casebook.linkage.place_mentions import place_key
from casebook.linkage.records import PersonRecord
from casebook.linkage.run import link


def test_the_name_and_place_memos_are_empty_after_a_run():
    records = [
        PersonRecord("a", "org1", "t1", "Quorvane", "Sel-mi", False, 1980, "kp-musan", 1998,
                     ("cn-yanji",), 1, (800.0,), ("1998-03",)),
        PersonRecord("b", "org2", "t2", "Quorvan", "Selmi", False, 1981, "kp-musan", 1998,
                     ("cn-yanji",), 1, (850.0,), ("1998",)),
    ]
    run = link(records, "person", 0.5, [])
    assert run.pairs  # the run compared the names (the memos were used) ...
    for memo in (name_key, surname_key, place_key):
        assert memo.cache_info().currsize == 0  # ... and forgot them
