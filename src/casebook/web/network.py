"""The network view's data: casebook.linkage.network over the accepted events the user may see."""

from __future__ import annotations

from typing import Any

from casebook.linkage.network import brokers, build_graph, groups
from casebook.web.auth import Ctx
from casebook.web.vocab import place_label


def network_summary(ctx: Ctx) -> dict[str, Any]:
    """Groups and bridging brokers among the perpetrators of accepted events."""
    graph = build_graph(ctx.book.facts.accepted_events())
    found = groups(graph)

    def name(node: str) -> str:
        kind, _, rest = node.partition(":")
        if kind == "place":
            return place_label(rest, ctx.lang)
        if rest.startswith("unlinked:"):
            return "#" + rest.split(":", 1)[1]
        return "#" + rest

    return {
        "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
        "groups": [{"id": g.id, "perpetrators": [(p, name(p), graph.nodes[p].get("role"))
                                                 for p in g.perpetrators],
                    "places": [name(p) for p in g.places], "victims": g.victims}
                   for g in found[:30]],
        "brokers": [{**b, "name": name(b["node"])} for b in brokers(graph, top=15)],
    }
