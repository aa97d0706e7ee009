"""The network view's data: casebook.linkage.network over the accepted events the user may see."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from casebook.linkage.network import brokers, build_graph, groups
from casebook.model import ACCEPTED, Event
from casebook.store.schema import facts, testimonies
from casebook.web.auth import Ctx
from casebook.web.permissions import visible_clause
from casebook.web.vocab import place_label


def accepted_events(ctx: Ctx) -> list[tuple[str, Event]]:
    """(person id, event) of every accepted event in a visible testimony."""
    with ctx.book.engine.connect() as conn:
        rows = conn.execute(
            select(facts.c.id, facts.c.data, testimonies.c.person_id, testimonies.c.id.label("tid"))
            .select_from(facts.join(testimonies, testimonies.c.id == facts.c.testimony_id))
            .where(visible_clause(ctx.user), facts.c.kind == "event",
                   facts.c.status == ACCEPTED)).all()
    return [(str(r.person_id or f"t{r.tid}"), Event.from_dict({**r.data, "status": ACCEPTED},
                                                              id=r.id)) for r in rows]


def network_summary(ctx: Ctx) -> dict[str, Any]:
    """Groups and bridging brokers among the perpetrators of accepted events."""
    graph = build_graph(accepted_events(ctx))
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
