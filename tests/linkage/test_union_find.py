"""The one union-find (casebook.linkage.cluster.UnionFind) against a naive connected-components."""

from hypothesis import given
from hypothesis import strategies as st

from casebook.linkage import UnionFind


def _components(ids: set[str], edges: list[tuple[str, str]]) -> set[frozenset[str]]:
    groups = [{i} for i in ids]
    for a, b in edges:
        ga = next(g for g in groups if a in g)
        gb = next(g for g in groups if b in g)
        if ga is not gb:
            ga |= gb
            groups.remove(gb)
    return {frozenset(g) for g in groups}


ID = st.sampled_from([f"t{i}" for i in range(12)])


@given(st.lists(st.tuples(ID, ID), max_size=30), st.sets(ID, max_size=12))
def test_sets_are_the_connected_components(edges, loners):
    uf = UnionFind()
    for x in loners:
        uf.find(x)
    for a, b in edges:
        uf.union(a, b)
    ids = set(loners) | {x for e in edges for x in e}
    by_root: dict[str, set[str]] = {}
    for x in ids:
        by_root.setdefault(uf.find(x), set()).add(x)
    assert {frozenset(g) for g in by_root.values()} == _components(ids, edges)
    for root, members in by_root.items():
        assert uf.members[root] == members  # sizes kept for union by size


def test_find_adds_an_unknown_id_as_its_own_set():
    uf = UnionFind()
    assert uf.find("p1") == "p1"
    assert uf.members["p1"] == {"p1"}
    uf.union("p1", "t2")
    assert uf.find("t2") == uf.find("p1")
    assert uf.find("t3") == "t3" and uf.find("t3") != uf.find("p1")


def test_union_returns_the_root_and_is_idempotent():
    uf = UnionFind()
    root = uf.union("a", "b")
    assert root in ("a", "b")
    assert uf.union("b", "a") == root
    assert uf.members[root] == {"a", "b"}
