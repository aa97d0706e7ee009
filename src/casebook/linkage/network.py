"""The network of perpetrators, places and the women they sold or held, from accepted events.

Nodes are victims (by record id only), perpetrators (by linked id: after perpetrator linkage
one broker told about by five women is one node) and places (gazetteer ids). An event joins
its victim to each perpetrator involved and to its place, and each perpetrator to the place.

What it answers: which brokers, buyers and places form one connected group, and which brokers
bridge groups (high betweenness: many shortest paths between others pass through them; or cut
points whose removal splits a group). Exports are JSON (node-link, with that analysis) and
GraphML for Gephi. Only accepted events told as having happened count (a denied arrest links
no police); unlinked perpetrator mentions stay separate nodes so that an unreviewed guess never
bridges two groups.

A woman is joined to a place only where something was done to her there (recruited, sold,
exploited, arrested): never through where she went to safety or lives now (transit, arrival,
registration), so "Seoul" never connects women, and a rescue route is not drawn.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import networkx as nx

from casebook.linkage.records import mention_id
from casebook.model import ConsentedTestimony
from casebook.model.mood import is_fact
from casebook.model.records import ACCEPTED, Event

VICTIM, PERPETRATOR, PLACE = "victim", "perpetrator", "place"
PLACE_EVENTS = frozenset({"recruitment", "border_crossing", "sale", "forced_marriage",
                          "prostitution", "cybersex", "forced_labour", "violence",
                          "arrest_china"})
"""Event types whose place joins the network: where perpetrators acted on her."""


def _perpetrator_node(inv, cluster_of: Mapping[str, str], mention: str) -> str:
    if inv.person_id is not None:
        pid = str(inv.person_id)
        return f"perpetrator:{cluster_of.get(pid, pid)}"
    return f"perpetrator:unlinked:{mention}"


def _add_edge(graph: nx.Graph, a: str, b: str, event: Event) -> None:
    if graph.has_edge(a, b):
        data = graph.edges[a, b]
        data["weight"] += 1
        data["event_types"].add(event.type)
    else:
        graph.add_edge(a, b, weight=1, event_types={event.type})


def in_period(event: Event, year_from: int | None, year_to: int | None) -> bool:
    """An event whose year is within the period (an undated one only when there is none)."""
    if year_from is None and year_to is None:
        return True
    year = event.date.year if event.date else None
    if year is None:
        return False
    return (year_from is None or year >= year_from) and (year_to is None or year <= year_to)


def with_roles(event: Event, roles: frozenset[str] | set[str]) -> Event:
    """The event keeping only perpetrators of these roles (others dropped from the graph)."""
    return replace(event, involvements=[
        i for i in event.involvements
        if not (i.role == "perpetrator" or i.perpetrator_role)
        or (i.perpetrator_role or "other") in roles])


def build_graph(events: Iterable[tuple[str, Event]],
                perpetrator_cluster_of: Mapping[str, str] | None = None) -> nx.Graph:
    """Graph from ``(victim record id, event)`` pairs; only accepted events are used.

    ``perpetrator_cluster_of`` maps a perpetrator record id to its linked cluster id
    (``Cluster.id`` of perpetrator linkage).
    """
    cluster_of = {str(k): str(v) for k, v in (perpetrator_cluster_of or {}).items()}
    graph = nx.Graph()
    roles: dict[str, Counter] = {}
    for e_index, (victim_id, event) in enumerate(events):
        if event.status != ACCEPTED or not is_fact(event):  # "never caught" links no police
            continue
        victim = f"victim:{victim_id}"
        graph.add_node(victim, kind=VICTIM)
        place = f"place:{event.place}" if event.place and event.type in PLACE_EVENTS else None
        if place:
            graph.add_node(place, kind=PLACE)
            _add_edge(graph, victim, place, event)
        for i_index, inv in enumerate(event.involvements):
            if inv.role != "perpetrator" and not inv.perpetrator_role:
                continue
            node = _perpetrator_node(inv, cluster_of,
                                     f"{victim_id}/{event.id or e_index}/{i_index}")
            graph.add_node(node, kind=PERPETRATOR)
            roles.setdefault(node, Counter())[inv.perpetrator_role or "unknown"] += 1
            _add_edge(graph, victim, node, event)
            if place:
                _add_edge(graph, node, place, event)
    for node, counts in roles.items():
        graph.nodes[node]["role"] = counts.most_common(1)[0][0]
    return graph


@dataclass
class Group:
    id: int
    perpetrators: list[str]
    places: list[str]
    victims: int


def groups(graph: nx.Graph) -> list[Group]:
    """Connected groups with at least one perpetrator, largest first."""
    out = []
    for comp in nx.connected_components(graph):
        kinds = {n: graph.nodes[n]["kind"] for n in comp}
        perps = sorted(n for n, k in kinds.items() if k == PERPETRATOR)
        if not perps:
            continue
        out.append(Group(0, perps, sorted(n for n, k in kinds.items() if k == PLACE),
                         sum(k == VICTIM for k in kinds.values())))
    out.sort(key=lambda g: (-len(g.perpetrators) - g.victims, g.perpetrators[0]))
    for i, g in enumerate(out, 1):
        g.id = i
    return out


def brokers(graph: nx.Graph, top: int = 20, sample: int | None = 500, seed: int = 0
            ) -> list[dict]:
    """Perpetrators ranked by betweenness (sampled above ``sample`` nodes), cut points marked."""
    if graph.number_of_nodes() == 0:
        return []
    between = _betweenness(graph, sample, seed)
    cuts = set(nx.articulation_points(graph))
    ranked = sorted((n for n in graph if graph.nodes[n]["kind"] == PERPETRATOR),
                    key=lambda n: (-between[n], n))
    return [{"node": n, "betweenness": round(between[n], 6), "cut_point": n in cuts,
             "degree": graph.degree(n), "role": graph.nodes[n].get("role")}
            for n in ranked[:top] if between[n] > 0 or n in cuts]


def _betweenness(graph: nx.Graph, sample: int | None, seed: int) -> dict[str, float]:
    """Normalised betweenness, one connected component at a time.

    A path never leaves its component, so the sums are the whole graph's; but a network of
    many small groups (hundreds of women, each with her brokers) is then cheap: networkx
    walks every node of the graph from each source, component or not (12 s for 2,000 nodes
    in 400 groups, sampled; well under a second this way). A component larger than
    ``sample`` nodes is sampled as the whole graph was."""
    n = graph.number_of_nodes()
    between = dict.fromkeys(graph, 0.0)
    if n <= 2:
        return between
    scale = 2.0 / ((n - 1) * (n - 2))  # networkx's normalisation for the whole graph
    for nodes in nx.connected_components(graph):
        if len(nodes) <= 2:
            continue  # no node lies between two others
        part = graph.subgraph(nodes)
        k = sample if sample and len(nodes) > sample else None
        raw = nx.betweenness_centrality(part, k=k, seed=seed, normalized=False)
        for node, value in raw.items():
            between[node] = value * scale * (len(nodes) / k if k else 1.0)
    return between


@dataclass
class Protection:
    """What disclosure control did to a graph before it left the casebook."""

    k: int
    victims: int
    places_generalised: int
    places_withheld: int


def protect_graph(graph: nx.Graph, k: int,
                  parent_of: Callable[[str], str | None] | None = None,
                  seed: int | None = None) -> tuple[nx.Graph, Protection]:
    """The graph as it may leave the casebook: no woman's record id, no small place.

    Victims get labels that mean nothing outside this file (``victim:v1``…, in random order),
    so the file cannot be joined to the casebook or to another export. A place told by fewer
    than ``k`` distinct women is replaced by its parent in the gazetteer (village → county →
    province → country) until it reaches ``k``; a place that never does is withheld with its
    edges. Perpetrators stay: they are what the analysis is about.
    """
    import random

    parent_of = parent_of or _gazetteer_parent
    victims_at: dict[str, set[str]] = {}
    for node, data in graph.nodes(data=True):
        if data.get("kind") == PLACE:
            victims_at[node] = {n for n in graph[node] if graph.nodes[n].get("kind") == VICTIM}
    final: dict[str, str | None] = {p: p for p in victims_at}
    pool: dict[str, set[str]] = {p: set(v) for p, v in victims_at.items()}
    changed = True
    while changed:
        changed = False
        for place in sorted(pool):
            if place not in pool or len(pool[place]) >= k:
                continue
            parent = parent_of(place.split(":", 1)[1])
            target = f"place:{parent}" if parent else None
            members = pool.pop(place)
            for original, now in final.items():
                if now == place:
                    final[original] = target
            if target is not None:
                pool.setdefault(target, set()).update(members)
            changed = True
    names = [n for n, d in graph.nodes(data=True) if d.get("kind") == VICTIM]
    random.Random(seed).shuffle(names)
    label = {n: f"victim:v{i}" for i, n in enumerate(names, 1)}

    def mapped(node: str) -> str | None:
        kind = graph.nodes[node].get("kind")
        if kind == VICTIM:
            return label[node]
        if kind == PLACE:
            return final.get(node)
        return node

    out = nx.Graph()
    for node, data in graph.nodes(data=True):
        new = mapped(node)
        if new is not None and new not in out:
            out.add_node(new, **data)
    for a, b, data in graph.edges(data=True):
        na, nb = mapped(a), mapped(b)
        if na is None or nb is None or na == nb:
            continue
        if out.has_edge(na, nb):
            out.edges[na, nb]["weight"] += data.get("weight", 1)
            out.edges[na, nb]["event_types"] |= set(data.get("event_types", ()))
        else:
            out.add_edge(na, nb, weight=data.get("weight", 1),
                         event_types=set(data.get("event_types", ())))
    generalised = sum(1 for p, f in final.items() if f is not None and f != p)
    withheld = sum(1 for f in final.values() if f is None)
    return out, Protection(k, len(names), generalised, withheld)


def _gazetteer_parent(place_id: str) -> str | None:
    from casebook.vocab.places import gazetteer

    place = gazetteer().get(place_id)
    return place.parent if place is not None else None


def _scalar_copy(graph: nx.Graph) -> nx.Graph:
    """GraphML and JSON take scalars: sets become sorted ';'-joined strings."""
    out = nx.Graph()
    for n, data in graph.nodes(data=True):
        out.add_node(n, **{k: v for k, v in data.items() if v is not None})
    for a, b, data in graph.edges(data=True):
        out.add_edge(a, b, **{k: ";".join(sorted(v)) if isinstance(v, set) else v
                              for k, v in data.items()})
    return out


def to_json(graph: nx.Graph) -> str:
    data = nx.node_link_data(_scalar_copy(graph), edges="links")
    data["groups"] = [g.__dict__ for g in groups(graph)]
    data["brokers"] = brokers(graph)
    return json.dumps(data, ensure_ascii=False, indent=1)


def graph_bytes(graph: nx.Graph, fmt: str = "json") -> bytes:
    """The graph as GraphML or node-link JSON, in memory (the caller encrypts or writes it)."""
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(_scalar_copy(graph))).encode("utf-8")
    if fmt == "json":
        return to_json(graph).encode("utf-8")
    raise ValueError(f"unknown network format {fmt!r}")


def write_graph(graph: nx.Graph, path: Path | str, fmt: str = "json") -> None:
    """Write the graph unencrypted, private to its owner (0600), atomically."""
    from casebook.files import write_atomic

    write_atomic(Path(path), graph_bytes(graph, fmt), overwrite=True)


def victim_events(testimonies: Iterable[ConsentedTestimony]) -> list[tuple[str, Event]]:
    """(victim id, accepted event) of every event told, each named perpetrator carrying its
    mention id (as in perpetrator linkage), so that linked aliases meet in one node."""
    out = []
    for t in testimonies:
        victim = str(t.person_id or f"t{t.testimony_id}")
        for n, event in enumerate(t.record.events):
            involvements = [
                replace(inv, person_id=mention_id(t.testimony_id, n, m))
                if inv.role == "perpetrator" and inv.who and inv.person_id is None else inv
                for m, inv in enumerate(event.involvements)]
            out.append((victim, replace(event, involvements=involvements)))
    return out


__all__ = ["PLACE_EVENTS", "Group", "Protection", "brokers", "build_graph", "graph_bytes",
           "groups", "in_period", "protect_graph", "to_json", "victim_events", "with_roles",
           "write_graph"]
