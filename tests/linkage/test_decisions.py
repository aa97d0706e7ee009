import datetime as dt

import pytest

from casebook.errors import InvalidInput
from casebook.linkage.cluster import ACCEPTED, CANDIDATE, SINGLE, clusters
from casebook.linkage.decisions import (
    Decision,
    accept,
    apply_decisions,
    in_force,
    not_same,
    revoke,
    split,
)
from casebook.linkage.scoring import Pair

T0 = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)


def at(minutes):
    return T0 + dt.timedelta(minutes=minutes)


PAIRS = [Pair("a", "b", 0.99, 9), Pair("b", "c", 0.8, 3), Pair("d", "e", 0.7, 2),
         Pair("e", "f", 0.3, -1)]


def members(cs):
    return sorted(c.members for c in cs)


def test_clusters_are_components_above_threshold_with_singletons():
    cs = clusters(PAIRS, threshold=0.5, ids=["a", "b", "c", "d", "e", "f", "g"])
    assert members(cs) == [("a", "b", "c"), ("d", "e"), ("f",), ("g",)]
    assert cs[0].id == "a" and cs[0].status == CANDIDATE and cs[0].min_probability == 0.8
    assert {c.status for c in cs if c.size == 1} == {SINGLE}


def test_not_same_keeps_two_records_apart_even_through_a_chain():
    cs = apply_decisions(PAIRS, [not_same(["a", "c"], "reviewer", when=at(1))], 0.5)
    assert ("a", "b", "c") not in members(cs)
    assert ("a", "b") in members(cs) and ("c",) in members(cs)  # a-b is the stronger pair


def test_accept_confirms_and_can_join_below_threshold():
    cs = apply_decisions(PAIRS, [accept(["e", "f"], "r", when=at(1)),
                                 accept(["d", "e"], "r", when=at(2))], 0.5)
    def_cluster = next(c for c in cs if "d" in c.members)
    assert def_cluster.members == ("d", "e", "f") and def_cluster.status == ACCEPTED
    abc = next(c for c in cs if "a" in c.members)
    assert abc.status == CANDIDATE


def test_split_separates_groups_and_revoke_restores():
    cut = split([["a", "b"], ["c"]], "r", when=at(1))
    cs = apply_decisions(PAIRS, [cut], 0.5)
    assert ("a", "b") in members(cs) and ("c",) in members(cs)
    undo = revoke(cut, "r2", when=at(2))
    assert members(apply_decisions(PAIRS, [cut, undo], 0.5)) == members(clusters(PAIRS, 0.5))
    redo = revoke(undo, "r3", when=at(3))
    assert members(apply_decisions(PAIRS, [cut, undo, redo], 0.5)) == members(cs)


def test_later_decision_wins():
    first, second = accept(["a", "c"], "r", when=at(1)), not_same(["a", "c"], "r", when=at(2))
    cs = apply_decisions(PAIRS, [second, first], 0.5)  # given out of order on purpose
    assert not any({"a", "c"} <= set(c.members) for c in cs)
    third = accept(["a", "c"], "r", when=at(3))
    cs = apply_decisions(PAIRS, [first, second, third], 0.5)
    assert any(c.members == ("a", "b", "c") for c in cs)


def test_in_force_and_round_trip():
    d = accept(["a", "b"], "amina", note="same scar, same village", when=at(1))
    assert Decision.from_dict(d.to_dict()) == d
    assert in_force([d, revoke(d, "amina", when=at(2))]) == []


@pytest.mark.parametrize("make", [
    lambda: accept(["a"], "r"), lambda: accept(["a", "b"], ""),
    lambda: split([["a"]], "r"), lambda: split([["a"], ["a", "b"]], "r"),
    lambda: Decision("merge", "r", ("a", "b")), lambda: Decision("revoke", "r"),
])
def test_bad_decisions_are_refused(make):
    with pytest.raises(InvalidInput):
        make()
