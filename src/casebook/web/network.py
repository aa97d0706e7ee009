"""The network view's data: the one linkage path (``casebook.linkage.run``) over the store's
``network`` read (consent applied) of what the user may see.

Perpetrators are joined as reviewers decided (``casebook link review --kind perpetrator``); the
page does not run the model, so it never waits for it (``casebook network`` does).
"""

from __future__ import annotations

from typing import Any

from casebook.linkage.network import brokers, groups
from casebook.linkage.run import network
from casebook.web.auth import Ctx
from casebook.web.vocab import place_label


def network_summary(ctx: Ctx) -> dict[str, Any]:
    """Groups and bridging brokers among the perpetrators of accepted events."""
    graph = network(ctx.book.read_for("network"), ctx.book.links.decisions("perpetrator"),
                    scored=False)
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
