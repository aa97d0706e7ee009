"""Clustering: from scored pairs to groups of records that may be one person.

Linkage is transitive only by choice: if A~B and B~C the candidate cluster is {A, B, C}, and a
reviewer decides (``casebook.linkage.decisions``). Clusters here are plain connected components
of the pairs above a threshold, merged strongest pair first, with optional "cannot link"
constraints so that a reviewer's "not the same" keeps two records apart even when other pairs
would join them. A record never disappears into a cluster: every member keeps its own id and
source.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from casebook.linkage.scoring import Pair

SINGLE, CANDIDATE, ACCEPTED = "single", "candidate", "accepted"


@dataclass(frozen=True)
class Cluster:
    """Records believed to be one person (or one perpetrator), with the pairs that join them.

    ``id`` is the smallest member id, so it stays put while that record stays in the cluster.
    ``status`` is ``single`` (one record), ``accepted`` (every join confirmed by a reviewer) or
    ``candidate`` (at least one join only proposed by the model).
    """

    id: str
    members: tuple[str, ...]
    pairs: tuple[Pair, ...] = ()
    status: str = CANDIDATE
    accepted_links: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def min_probability(self) -> float | None:
        """The weakest scored pair inside: what a reviewer should look at first."""
        return min((p.probability for p in self.pairs), default=None)


class UnionFind:
    """Disjoint sets of ids (union by size, path compression): the one union-find of Casebook.

    ``find`` adds an id it has not seen as a set of its own, so callers need not ``add`` first.
    """

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}

    def add(self, x: str) -> None:
        if x not in self.parent:
            self.parent[x] = x
            self.members[x] = {x}

    def find(self, x: str) -> str:
        if x not in self.parent:
            self.add(x)
            return x
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        return ra


def _conflicts(uf: UnionFind, a: str, b: str, cannot: Mapping[str, set[str]]) -> bool:
    small, big = uf.members[uf.find(a)], uf.members[uf.find(b)]
    if len(small) > len(big):
        small, big = big, small
    return any(cannot.get(x, set()) & big for x in small)


def clusters(pairs: Iterable[Pair], threshold: float = 0.0, ids: Iterable[str] = (), *,
             must_link: Sequence[tuple[str, str]] = (),
             cannot_link: Iterable[tuple[str, str]] = ()) -> list[Cluster]:
    """Group records: confirmed links first, then pairs above ``threshold``, strongest first.

    ``ids`` adds records with no pair as single-record clusters. A pair (or confirmed link)
    whose two sides hold a ``cannot_link`` pair is skipped, so a "not the same" decision holds.
    Clusters come back largest first, then by id.
    """
    pairs = [p for p in pairs if p.probability >= threshold]
    cannot: dict[str, set[str]] = {}
    for a, b in cannot_link:
        cannot.setdefault(a, set()).add(b)
        cannot.setdefault(b, set()).add(a)
    uf = UnionFind()
    for x in ids:
        uf.add(x)
    accepted: set[tuple[str, str]] = set()
    for a, b in must_link:
        uf.add(a)
        uf.add(b)
        if uf.find(a) != uf.find(b) and not _conflicts(uf, a, b, cannot):
            uf.union(a, b)
            accepted.add((min(a, b), max(a, b)))
    machine_joined: set[str] = set()
    for p in sorted(pairs, key=lambda p: (-p.probability, p.left, p.right)):
        uf.add(p.left)
        uf.add(p.right)
        if uf.find(p.left) == uf.find(p.right) or _conflicts(uf, p.left, p.right, cannot):
            continue
        machine_joined.add(uf.union(p.left, p.right))
    by_root: dict[str, list[Pair]] = {}
    for p in pairs:
        ra, rb = uf.find(p.left), uf.find(p.right)
        if ra == rb:
            by_root.setdefault(ra, []).append(p)
    out = []
    for root, members in uf.members.items():
        ordered = tuple(sorted(members))
        links = tuple(sorted(link for link in accepted if uf.find(link[0]) == root))
        if len(ordered) == 1:
            status = SINGLE
        elif _spanned(ordered, links):
            status = ACCEPTED
        else:
            status = CANDIDATE
        out.append(Cluster(ordered[0], ordered, tuple(by_root.get(root, ())), status, links))
    out.sort(key=lambda c: (-c.size, c.id))
    return out


def _spanned(members: Sequence[str], links: Sequence[tuple[str, str]]) -> bool:
    """True when the confirmed links alone connect every member."""
    uf = UnionFind()
    for m in members:
        uf.add(m)
    for a, b in links:
        uf.union(a, b)
    return len({uf.find(m) for m in members}) == 1


def cluster_labels(left: np.ndarray, right: np.ndarray, n: int) -> np.ndarray:
    """Connected-component label per record for integer pair arrays: the fast path for
    millions of records (no constraints, no review)."""
    from scipy.sparse import coo_matrix  # heavy (scipy, ~1 s): only for cluster labels
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return labels


__all__ = ["ACCEPTED", "CANDIDATE", "SINGLE", "Cluster", "UnionFind", "cluster_labels", "clusters"]
