"""One linkage path for the CLI and the web: load records → score pairs → apply the reviewers'
decisions. ``casebook link``, ``link review``, ``link encode``, ``network`` and the web network
page all go through here, so they cannot disagree about who is linked to whom.

Records come from the store's read layer (``book.read_for("linkage_persons")`` …, consent
already applied) or, for development, from plain JSON files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from casebook.errors import InvalidInput
from casebook.linkage.cluster import Cluster
from casebook.linkage.decisions import Decision, apply_decisions
from casebook.linkage.names import name_key, surname_key
from casebook.linkage.network import build_graph, victim_events
from casebook.linkage.place_mentions import place_key, place_mentions, score_place_pairs
from casebook.linkage.records import perpetrator_records, person_records
from casebook.linkage.scoring import Pair, score_pairs
from casebook.model import ConsentedTestimony

KINDS = ("person", "perpetrator", "place")
USE_OF = {"person": "linkage_persons", "perpetrator": "linkage_perpetrators",
          "place": "linkage_places"}  # the read each kind needs from the store


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise InvalidInput(f"--kind {kind!r}: choose person, perpetrator or place")
    return kind


def records_for(kind: str, testimonies: Iterable[ConsentedTestimony]) -> list[Any]:
    """Load: the records of one kind from consented testimonies."""
    check_kind(kind)
    if kind == "person":
        return person_records(testimonies)
    if kind == "perpetrator":
        return perpetrator_records(testimonies)
    return place_mentions(testimonies)


def score(records: Sequence[Any], kind: str, threshold: float) -> list[Pair]:
    """Score: candidate pairs, Fellegi–Sunter for people and perpetrators, spellings for places.

    The name and place keys are memoised for speed (every pair compares them); the memos hold
    her names and places, so they are emptied when the run returns, not kept for the process."""
    try:
        if kind == "place":
            return score_place_pairs(records, threshold)
        return score_pairs(records, kind, threshold)
    finally:
        forget_keys()


def forget_keys() -> None:
    """Empty the memos of name and place keys (they hold names and places from testimonies)."""
    for memo in (name_key, surname_key, place_key):
        memo.cache_clear()


@dataclass
class LinkageRun:
    """What one run found: its records, candidate pairs and clusters after the decisions."""

    kind: str
    threshold: float
    records: list[Any]
    pairs: list[Pair]
    clusters: list[Cluster]

    def linked(self) -> list[Cluster]:
        """Clusters of more than one record (candidates, accepted or split)."""
        return [c for c in self.clusters if c.size > 1]

    def open(self) -> list[Cluster]:
        """Clusters still waiting for a reviewer."""
        return [c for c in self.linked() if c.status == "candidate"]


def link(records: Sequence[Any], kind: str, threshold: float,
         decisions: Iterable[dict[str, Any]] = ()) -> LinkageRun:
    """Score → decide: the whole path from records to reviewed clusters."""
    check_kind(kind)
    pairs = score(records, kind, threshold)
    found = apply_decisions(pairs, [Decision.from_dict(d) for d in decisions], threshold,
                            [r.id for r in records])
    return LinkageRun(kind, threshold, list(records), pairs, found)


def perpetrator_clusters(testimonies: Sequence[ConsentedTestimony],
                         decisions: Iterable[dict[str, Any]] = (), threshold: float = 0.5,
                         scored: bool = True) -> dict[str, str]:
    """Mention id → cluster id of every perpetrator named in these testimonies.

    ``scored=False`` joins only what reviewers decided (no model run): quick enough for a page.
    """
    perps = perpetrator_records(testimonies)
    if len(perps) < 2:
        return {}
    if scored:
        clusters = link(perps, "perpetrator", threshold, decisions).clusters
    else:
        clusters = apply_decisions([], [Decision.from_dict(d) for d in decisions], threshold,
                                   [p.id for p in perps])
    return {member: c.id for c in clusters for member in c.members}


def network(testimonies: Sequence[ConsentedTestimony], decisions: Iterable[dict[str, Any]] = (),
            threshold: float = 0.5, scored: bool = True) -> nx.Graph:
    """The broker network of these testimonies, with linked perpetrators as one node."""
    events = victim_events(testimonies)
    return build_graph(events, perpetrator_clusters(testimonies, list(decisions), threshold,
                                                    scored))
