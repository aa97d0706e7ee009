"""The perpetrator network and record clusters: what joins, what stays apart, who bridges."""

from __future__ import annotations

import json

import numpy as np
import pytest

from casebook.linkage.cluster import ACCEPTED, CANDIDATE, SINGLE, cluster_labels, clusters
from casebook.linkage.network import (
    PERPETRATOR,
    PLACE,
    VICTIM,
    brokers,
    build_graph,
    groups,
    to_json,
    write_graph,
)
from casebook.linkage.scoring import Pair
from casebook.model import ACCEPTED as FACT_ACCEPTED
from casebook.model import SUGGESTED, Event, Involvement


def _sale(place, who, person_id=None, role="broker", status=FACT_ACCEPTED):
    return Event("sale", place=place, status=status, involvements=[
        Involvement("victim"),
        Involvement("perpetrator", role, who, person_id=person_id)])


def test_graph_nodes_edges_and_roles():
    g = build_graph([
        ("v1", _sale("cn-yanji", "Mr. Jang", "p1")),
        ("v2", _sale("cn-yanji", "Jang", "p1")),
        ("v2", Event("border_crossing", place="river-tumen", status=FACT_ACCEPTED)),
    ])
    kinds = {n: d["kind"] for n, d in g.nodes(data=True)}
    assert kinds == {"victim:v1": VICTIM, "victim:v2": VICTIM, "place:cn-yanji": PLACE,
                     "place:river-tumen": PLACE, "perpetrator:p1": PERPETRATOR}
    assert g.nodes["perpetrator:p1"]["role"] == "broker"
    assert g.edges["perpetrator:p1", "place:cn-yanji"]["weight"] == 2
    assert g.edges["victim:v2", "place:cn-yanji"]["event_types"] == {"sale"}


def test_only_accepted_events_enter_the_graph():
    g = build_graph([("v1", _sale("cn-yanji", "Mr. Jang", "p1", status=SUGGESTED))])
    assert g.number_of_nodes() == 0
    assert groups(g) == [] and brokers(g) == []


def test_linked_perpetrators_meet_in_their_cluster_and_unlinked_stay_apart():
    events = [("v1", _sale("cn-yanji", "Mr. Jang", "p1")),
              ("v2", _sale("cn-helong", "Jang sajang", "p2")),
              ("v3", _sale("cn-tumen", "a man", None))]
    apart = build_graph(events)
    assert {n for n in apart if n.startswith("perpetrator:")} == {
        "perpetrator:p1", "perpetrator:p2", "perpetrator:unlinked:v3/2/1"}
    together = build_graph(events, {"p1": "p1", "p2": "p1"})
    assert {n for n in together if n.startswith("perpetrator:p")} == {"perpetrator:p1"}
    assert together.degree("perpetrator:p1") == 4  # two victims, two places


def test_groups_and_the_broker_who_bridges_them():
    events = [("v1", _sale("cn-yanji", "A", "a")), ("v2", _sale("cn-yanji", "A", "a")),
              ("v3", _sale("cn-harbin", "B", "b")), ("v4", _sale("cn-harbin", "B", "b")),
              ("v5", _sale("cn-shenyang", "C", "c"))]
    g = build_graph(events)
    found = groups(g)
    assert len(found) == 3 and [gr.id for gr in found] == [1, 2, 3]
    assert all(len(gr.perpetrators) == 1 for gr in found)
    bridge = [("v2", _sale("cn-harbin", "A", "a"))]
    g2 = build_graph(events + bridge)
    assert len(groups(g2)) == 2
    ranked = brokers(g2)
    assert ranked[0]["node"] == "perpetrator:a" and ranked[0]["degree"] == 4
    assert ranked[0]["betweenness"] > 0 and ranked[0]["role"] == "broker"
    assert "perpetrator:c" not in {r["node"] for r in ranked}  # bridges nothing


def test_export_formats(tmp_path):
    g = build_graph([("v1", _sale("cn-yanji", "Mr. Jang", "p1"))])
    data = json.loads(to_json(g))
    assert {n["id"] for n in data["nodes"]} == {"victim:v1", "place:cn-yanji", "perpetrator:p1"}
    assert all(isinstance(link["event_types"], str) for link in data["links"])
    assert data["groups"][0]["perpetrators"] == ["perpetrator:p1"]
    write_graph(g, tmp_path / "g.graphml", "graphml")
    assert "<graphml" in (tmp_path / "g.graphml").read_text(encoding="utf-8")
    write_graph(g, tmp_path / "g.json")
    assert json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))["nodes"]
    with pytest.raises(ValueError, match="gexf"):
        write_graph(g, tmp_path / "g.gexf", "gexf")


def _p(a, b, prob):
    return Pair(a, b, prob, 0.0)


def test_clusters_strongest_first_with_status():
    pairs = [_p("t1", "t2", 0.99), _p("t2", "t3", 0.8), _p("t4", "t5", 0.3)]
    got = clusters(pairs, threshold=0.5, ids=["t6"])  # t4-t5 is below the threshold: dropped
    assert [c.members for c in got] == [("t1", "t2", "t3"), ("t6",)]
    assert [c.members for c in clusters(pairs, threshold=0.2)][1:] == [("t4", "t5")]
    assert got[0].status == CANDIDATE and got[0].id == "t1"
    assert got[0].min_probability == 0.8 and got[0].size == 3
    assert all(c.status == SINGLE for c in got[1:])


def test_confirmed_links_make_an_accepted_cluster():
    got = clusters([_p("t1", "t2", 0.6)], threshold=0.5, must_link=[("t1", "t2"), ("t2", "t3")])
    assert got[0].members == ("t1", "t2", "t3") and got[0].status == ACCEPTED
    assert got[0].accepted_links == (("t1", "t2"), ("t2", "t3"))


def test_cannot_link_holds_against_a_chain_and_a_confirmed_link():
    pairs = [_p("a", "b", 0.99), _p("b", "c", 0.98), _p("c", "d", 0.97)]
    got = clusters(pairs, threshold=0.5, cannot_link=[("a", "d")])
    members = [set(c.members) for c in got]
    assert not any({"a", "d"} <= m for m in members)
    assert {"a", "b", "c"} in members and {"d"} in members
    blocked = clusters([], must_link=[("x", "y")], cannot_link=[("x", "y")])
    assert [c.members for c in blocked] == [("x",), ("y",)]


def test_cluster_labels_are_connected_components():
    left, right = np.array([0, 1, 4]), np.array([1, 2, 5])
    labels = cluster_labels(left, right, 7)
    assert labels[0] == labels[1] == labels[2]
    assert labels[4] == labels[5] and labels[4] != labels[0]
    assert len({labels[3], labels[6], labels[0], labels[4]}) == 4


def test_betweenness_by_component_equals_networkx_on_the_whole_graph():
    """Computed one group at a time (fast for many small groups), the same numbers."""
    import random

    import networkx as nx

    from casebook.linkage.network import _betweenness

    rng = random.Random(5)
    g = nx.Graph()
    for c in range(40):
        nodes = [f"{c}-{i}" for i in range(rng.randint(1, 8))]
        g.add_nodes_from(nodes)
        g.add_edges_from(zip(nodes, nodes[1:]))
        if len(nodes) > 3:
            g.add_edge(nodes[0], nodes[-1])
    g.add_edges_from([("0-0", "1-0"), ("1-0", "2-0")])
    whole = nx.betweenness_centrality(g, normalized=True)
    mine = _betweenness(g, None, 0)
    assert mine.keys() == whole.keys()
    assert max(abs(whole[n] - mine[n]) for n in g) < 1e-12
    assert any(v > 0 for v in mine.values())
