"""Laws of clustering and review decisions, for every set of pairs a model could score.

A reviewer's "not the same" always holds; clusters partition the records; the order in which
pairs or decisions arrive changes nothing; revoking a decision restores the clusters without it.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from casebook.errors import InvalidInput
from casebook.linkage.cluster import ACCEPTED, CANDIDATE, SINGLE, clusters
from casebook.linkage.decisions import (
    Decision,
    accept,
    apply_decisions,
    constraints,
    in_force,
    not_same,
    revoke,
    split,
)
from casebook.linkage.scoring import Pair

IDS = [f"r{i}" for i in range(8)]
ids = st.sampled_from(IDS)
pair = st.builds(lambda a, b, p: Pair(min(a, b), max(a, b), p, 0.0), ids, ids,
                 st.floats(0, 1)).filter(lambda p: p.left != p.right)
links = st.lists(st.tuples(ids, ids).filter(lambda t: t[0] != t[1]), max_size=6)


def _partition(result):
    return {c.members for c in result}


@given(st.lists(pair, max_size=15), st.floats(0, 1), links)
def test_cannot_link_always_holds_and_clusters_partition_the_records(pairs, threshold, cannot):
    result = clusters(pairs, threshold, IDS, cannot_link=cannot)
    seen = [m for c in result for m in c.members]
    assert sorted(seen) == sorted(IDS)  # every record once, none lost
    where = {m: c.id for c in result for m in c.members}
    for a, b in cannot:
        assert where[a] != where[b]
    for c in result:
        assert c.id == min(c.members)
        assert all(p.probability >= threshold for p in c.pairs)
        assert c.status == (SINGLE if c.size == 1 else CANDIDATE)
    sizes = [(-c.size, c.id) for c in result]
    assert sizes == sorted(sizes)


@given(st.lists(pair, max_size=15), st.floats(0, 1), links, st.randoms(use_true_random=False))
def test_clusters_do_not_depend_on_the_order_of_the_pairs(pairs, threshold, cannot, rnd):
    shuffled = list(pairs)
    rnd.shuffle(shuffled)
    assert _partition(clusters(pairs, threshold, IDS, cannot_link=cannot)) == \
        _partition(clusters(shuffled, threshold, IDS, cannot_link=cannot))


@given(links)
def test_confirmed_links_alone_make_accepted_clusters(must):
    result = clusters((), 0.0, IDS, must_link=must)
    for c in result:
        assert c.status == (SINGLE if c.size == 1 else ACCEPTED)
        assert c.pairs == () and c.min_probability is None


def test_a_model_pair_between_confirmed_groups_makes_the_cluster_a_candidate():
    result = clusters([Pair("r1", "r2", 0.9, 3.0)], 0.5, must_link=[("r0", "r1"), ("r2", "r3")])
    (c,) = result
    assert c.members == ("r0", "r1", "r2", "r3") and c.status == CANDIDATE
    assert c.min_probability == 0.9
    assert c.accepted_links == (("r0", "r1"), ("r2", "r3"))


def test_a_not_same_keeps_apart_records_a_chain_of_strong_pairs_would_join():
    pairs = [Pair("a", "b", 0.99, 9.0), Pair("b", "c", 0.98, 8.0), Pair("a", "c", 0.2, -1.0)]
    joined = clusters(pairs, 0.5)
    assert _partition(joined) == {("a", "b", "c")}
    kept = clusters(pairs, 0.5, cannot_link=[("a", "c")])
    assert _partition(kept) == {("a", "b"), ("c",)}  # the stronger pair wins b


T0 = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def _at(minutes):
    return T0 + dt.timedelta(minutes=minutes)


def test_revoking_a_decision_restores_the_clusters_without_it():
    pairs = [Pair("a", "b", 0.9, 3.0), Pair("b", "c", 0.8, 2.0)]
    first = not_same(["a", "b"], "rev1", when=_at(1))
    before = _partition(apply_decisions(pairs, []))
    after = _partition(apply_decisions(pairs, [first]))
    assert after != before and ("a",) in after
    undone = revoke(first, "rev2", when=_at(2))
    assert _partition(apply_decisions(pairs, [first, undone])) == before
    assert in_force([undone, first]) == []
    redo = revoke(undone, "rev3", when=_at(3))  # revoking the revoke brings it back
    assert in_force([first, undone, redo]) == [first]


@given(st.permutations(range(4)))
def test_the_latest_decision_about_a_pair_wins_whatever_order_they_are_listed(order):
    ds = [accept(["a", "b"], "r", when=_at(1)), not_same(["a", "b"], "r", when=_at(2)),
          accept(["b", "c"], "r", when=_at(3)), split([["c"], ["a", "b"]], "r", when=_at(4))]
    must, cannot = constraints([ds[i] for i in order])
    assert must == []
    assert sorted(cannot) == [("a", "b"), ("a", "c"), ("b", "c")]


@pytest.mark.parametrize("make", [
    lambda: Decision("merge", "r", ("a", "b")),
    lambda: Decision("accept", "", ("a", "b")),
    lambda: accept(["a", "a"], "r"),
    lambda: split([["a"]], "r"),
    lambda: split([["a"], []], "r"),
    lambda: split([["a", "b"], ["b"]], "r"),
    lambda: Decision("revoke", "r"),
])
def test_an_impossible_decision_is_refused(make):
    with pytest.raises(InvalidInput):
        make()


@given(st.sampled_from(["accept", "not_same"]), st.lists(ids, min_size=2, max_size=4, unique=True))
def test_a_decision_survives_its_stored_form(action, records):
    d = Decision(action, "reviewer", tuple(records), when=_at(5), note="checked the dates")
    assert Decision.from_dict(d.to_dict()) == d


def test_cluster_labels_agree_with_clusters():
    from casebook.linkage.cluster import cluster_labels

    edges = [(0, 1), (1, 2), (4, 5)]
    labels = cluster_labels(np.array([a for a, _ in edges]), np.array([b for _, b in edges]), 7)
    by_label = {}
    for i, label in enumerate(labels):
        by_label.setdefault(label, set()).add(f"r{i}")
    expected = clusters([Pair(f"r{a}", f"r{b}", 1.0, 0.0) for a, b in edges], 0.5,
                        [f"r{i}" for i in range(7)])
    assert {frozenset(s) for s in by_label.values()} == {frozenset(c.members) for c in expected}
