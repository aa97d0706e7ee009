"""The network page's data: brokers, recruiters, buyers, places and the women they sold or held,
as graph elements for the drawing (cytoscape, vendored), pseudonymised.

Read from accepted events told as having happened, in testimonies the user may see whose
consent allows aggregate analysis. Perpetrator mentions are one node only where a reviewer
confirmed that they are the same person (linkage decisions); those decisions are listed with the
graph. Perpetrators and women carry pseudonyms ("Broker 3", "Woman 12"); the names told in the
testimonies appear only for users who may read testimony texts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx
from markupsafe import Markup

from casebook.journey.reading import label
from casebook.linkage.decisions import Decision, constraints
from casebook.linkage.network import (
    PERPETRATOR,
    PLACE,
    VICTIM,
    brokers,
    build_graph,
    groups,
    in_period,
    with_roles,
)
from casebook.model import AGGREGATE_STATISTICS
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

    def active(self) -> bool:
        return self.roles != frozenset(ROLES) or self.year_from is not None or \
            self.year_to is not None


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


def _clusters(ctx: Ctx) -> tuple[dict[str, str], list[Decision]]:
    """Mention id -> cluster id from the reviewers' confirmed links (never the model's guess)."""
    decisions = [Decision.from_dict(d) for d in ctx.book.links.decisions("perpetrator")]
    must, _ = constraints(decisions)
    joined = nx.Graph(must)
    cluster_of = {}
    for component in nx.connected_components(joined):
        head = min(component)
        for member in component:
            cluster_of[member] = head
    return cluster_of, decisions


def network_view(ctx: Ctx, filters: Filters | None = None) -> dict[str, Any]:
    filters = filters or Filters()
    lang = ctx.lang
    show_names = can(ctx.user, "read_text")
    cluster_of, decisions = _clusters(ctx)
    events = []
    mentions: dict[str, list[Mention]] = {}
    years: list[int] = []
    this_year = dt.date.today().year
    for tid, person_id, record in ctx.book.facts.accepted_for(AGGREGATE_STATISTICS):
        for n, event in enumerate(record.events):
            if not is_fact(event):
                continue
            if event.date and event.date.year and event.date.year <= this_year:
                years.append(event.date.year)
            # mention ids as in linkage (t3e0i1), so confirmed links meet in one node
            invs = []
            for m, inv in enumerate(event.involvements):
                if inv.role == "perpetrator" and inv.person_id is None:
                    mention = f"t{tid}e{n}i{m}"
                    inv = replace(inv, person_id=mention)
                    node = f"perpetrator:{cluster_of.get(mention, mention)}"
                    mentions.setdefault(node, []).append(Mention(
                        tid, inv.perpetrator_role or "other", inv.who if show_names else None))
                invs.append(inv)
            event = replace(event, involvements=invs)
            if not in_period(event, filters.year_from, filters.year_to):
                continue
            events.append((str(person_id if person_id is not None else f"t{tid}"),
                           with_roles(event, filters.roles)))
    graph = build_graph(events, cluster_of)
    names = _pseudonyms(graph, lang)
    elements = _elements(graph, names, lang)
    merges = []
    heads = set(cluster_of.values())
    for node, found in sorted(mentions.items()):
        if node in graph and node.split(":", 1)[1] in heads and len(found) > 1:
            members = {node.split(":", 1)[1]}
            merges.append(Merge(node, names.get(node, node), found, [
                {"action": d.action, "who": d.who, "when": d.when.date().isoformat(),
                 "note": d.note if show_names else ""}
                for d in decisions if members & set(cluster_of.get(r, r) for r in d.records)]))
    found_groups = groups(graph)
    return {
        "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
        "elements": Markup(json.dumps(elements, ensure_ascii=False)
                           .replace("<", "\\u003c").replace(">", "\\u003e")
                           .replace("&", "\\u0026")),
        "empty": not elements,
        "merges": merges, "filters": filters,
        "roles": [(r, label("perpetrator_role", r, lang)) for r in ROLES],
        "years": (min(years), max(years)) if years else None,
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
