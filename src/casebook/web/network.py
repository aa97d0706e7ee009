"""The network page's data: brokers, recruiters, buyers, places and the women they sold or held,
as graph elements for the drawing (cytoscape, vendored), pseudonymised.

Read through the one linkage path (``casebook.linkage.run``) over the store's ``network`` read
(what the user may see, consent applied), from accepted events told as having happened.
Perpetrator mentions are one node only where a reviewer confirmed that they are the same person
(``casebook link review --kind perpetrator``; the page never runs the model); those decisions
are listed with the graph. Perpetrators and women carry pseudonyms ("Broker 3", "Woman 12");
the names told in the testimonies appear only for users who may read testimony texts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from markupsafe import Markup

from casebook.journey.reading import label
from casebook.linkage.decisions import Decision
from casebook.linkage.network import (
    PERPETRATOR,
    PLACE,
    VICTIM,
    brokers,
    build_graph,
    groups,
    in_period,
    victim_events,
    with_roles,
)
from casebook.linkage.run import perpetrator_clusters
from casebook.model.mood import is_fact
from casebook.web.auth import Ctx
from casebook.web.permissions import can
from casebook.web.vocab import place_label

ROLES = ("recruiter", "broker", "seller", "buyer", "controller", "police", "border_guard",
         "relative", "other")


@dataclass
class Filters:
    roles: frozenset[str] = frozenset(ROLES)
    year_from: int | None = None
    year_to: int | None = None
    # also draw the groups around one woman (hundreds of small islands hide the network)
    everyone: bool = False

    def active(self) -> bool:
        return self.roles != frozenset(ROLES) or self.year_from is not None or \
            self.year_to is not None or self.everyone


def shared_groups(graph: nx.Graph) -> nx.Graph:
    """The groups that link two or more women: what a network drawing is for."""
    keep: set[str] = set()
    for comp in nx.connected_components(graph):
        if sum(graph.nodes[n]["kind"] == VICTIM for n in comp) >= 2:
            keep |= comp
    return graph.subgraph(keep).copy()


@dataclass
class Mention:
    testimony_id: int
    role: str
    told: str | None  # only for users who may read texts


@dataclass
class Merge:
    """One perpetrator node made of several mentions, and the decisions that joined them."""

    node: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)


def _visible_decisions(ctx: Ctx, testimony_ids: set[int]) -> list[dict[str, Any]]:
    """Perpetrator decisions whose every record is a mention in these testimonies (a decision
    about another organisation's records, or its note, is not shown)."""
    out: list[dict[str, Any]] = []
    kept: set[str] = set()
    for d in ctx.book.links.decisions("perpetrator"):
        records = [*d.get("records", []), *(r for g in d.get("groups", []) for r in g)]
        tids = [r[1:].split("e", 1)[0] for r in records]
        if (records and all(t.isdigit() and int(t) in testimony_ids for t in tids)) or (
                not records and d.get("revokes") in kept):
            out.append(d)
            kept.add(str(d.get("id")))
    return out


def network_view(ctx: Ctx, filters: Filters | None = None) -> dict[str, Any]:
    filters = filters or Filters()
    lang = ctx.lang
    show_names = can(ctx.user, "read_text")
    testimonies = ctx.book.read_for("network")
    raw_decisions = _visible_decisions(ctx, {t.testimony_id for t in testimonies})
    decisions = [Decision.from_dict(d) for d in raw_decisions]
    cluster_of = perpetrator_clusters(testimonies, raw_decisions, scored=False)
    this_year = dt.date.today().year
    years = sorted({e.date.year for t in testimonies for e in t.record.events
                    if is_fact(e) and e.date and e.date.year and e.date.year <= this_year})
    mentions: dict[str, list[Mention]] = {}
    events = []
    tid_of = {str(t.person_id or f"t{t.testimony_id}"): t.testimony_id for t in testimonies}
    for victim, event in victim_events(testimonies):
        if not is_fact(event) or not in_period(event, filters.year_from, filters.year_to):
            continue
        event = with_roles(event, filters.roles)
        for inv in event.involvements:
            if inv.role == "perpetrator" and inv.person_id is not None:
                mention = str(inv.person_id)
                node = f"perpetrator:{cluster_of.get(mention, mention)}"
                tid = int(mention[1:].split("e", 1)[0]) if mention.startswith("t") else \
                    tid_of.get(victim, 0)
                mentions.setdefault(node, []).append(Mention(
                    tid, inv.perpetrator_role or "other", inv.who if show_names else None))
        events.append((victim, event))
    graph = build_graph(events, cluster_of)
    names = _pseudonyms(graph, lang)  # over every group, so a name is the same in both views
    shared = shared_groups(graph)
    drawn = graph if filters.everyone or shared.number_of_nodes() == 0 else shared
    elements = _elements(drawn, names, lang)
    merges = []
    for node, found in sorted(mentions.items()):
        members = {m for m, head in cluster_of.items() if f"perpetrator:{head}" == node}
        if node in graph and len(members) > 1:
            merges.append(Merge(node, names.get(node, node), found, [
                {"action": d.action, "who": d.who, "when": d.when.date().isoformat(),
                 "note": d.note if show_names else ""}
                for d in decisions if members & set(d.records)]))
    found_groups = groups(drawn)
    return {
        "nodes": drawn.number_of_nodes(), "edges": drawn.number_of_edges(),
        "lone_groups": 0 if drawn is graph else len(groups(graph)) - len(found_groups),
        "elements": Markup(json.dumps(elements, ensure_ascii=False)
                           .replace("<", "\\u003c").replace(">", "\\u003e")
                           .replace("&", "\\u0026")),
        "empty": not elements,
        "merges": merges, "filters": filters,
        "roles": [(r, label("perpetrator_role", r, lang)) for r in ROLES],
        "years": (years[0], years[-1]) if years else None,
        "groups": [{"id": g.id, "victims": g.victims,
                    "perpetrators": [(names[p], graph.nodes[p].get("role"))
                                     for p in g.perpetrators],
                    "places": [names[p] for p in g.places]} for g in found_groups[:30]],
        "brokers": [{**b, "name": names[b["node"]]} for b in brokers(graph, top=15)],
    }


def _pseudonyms(graph: nx.Graph, lang: str) -> dict[str, str]:
    """Names for nodes: places by name; perpetrators by role and number; women by number."""
    out: dict[str, str] = {}
    counters: Counter[str] = Counter()
    woman = "여성" if lang == "ko" else "Woman"
    for node in sorted(graph, key=_order):
        kind = graph.nodes[node]["kind"]
        if kind == PLACE:
            out[node] = place_label(node.split(":", 1)[1], lang)
        elif kind == PERPETRATOR:
            role = graph.nodes[node].get("role") or "other"
            counters[role] += 1
            out[node] = f"{label('perpetrator_role', role, lang)} {counters[role]}"
        else:
            counters[VICTIM] += 1
            out[node] = f"{woman} {counters[VICTIM]}"
    return out


def _order(node: str) -> tuple[str, int, str]:
    kind, _, rest = node.partition(":")
    digits = "".join(c for c in rest if c.isdigit())
    return kind, int(digits[:9]) if digits else 0, rest


def _elements(graph: nx.Graph, names: dict[str, str], lang: str) -> list[dict[str, Any]]:
    """cytoscape.js elements: nodes with kind and role, edges with weight and event types."""
    ids = {node: f"n{i}" for i, node in enumerate(sorted(graph, key=_order))}
    out: list[dict[str, Any]] = []
    for node in sorted(graph, key=_order):
        data = graph.nodes[node]
        out.append({"data": {"id": ids[node], "label": names[node], "kind": data["kind"],
                             "role": data.get("role") or "", "degree": graph.degree(node)}})
    for i, (a, b, data) in enumerate(sorted(graph.edges(data=True),
                                            key=lambda e: (ids[e[0]], ids[e[1]]))):
        types = sorted(data.get("event_types") or ())
        out.append({"data": {"id": f"e{i}", "source": ids[a], "target": ids[b],
                             "weight": data.get("weight", 1),
                             "what": ", ".join(label("event_type", t, lang) for t in types)}})
    return out


__all__ = ["ROLES", "Filters", "Merge", "network_view"]
