import json

import networkx as nx
from typer.testing import CliRunner

from casebook.cli.main import app
from casebook.linkage import synthetic
from casebook.linkage.network import brokers, build_graph, groups, write_graph
from casebook.linkage.records import record_to_dict
from casebook.model.records import ACCEPTED, SUGGESTED, Event, Involvement

runner = CliRunner()


def sale(place, broker_id, status=ACCEPTED, role="broker"):
    return Event("sale", place=place, status=status, involvements=[
        Involvement("victim"), Involvement("perpetrator", role, "Mr. X", person_id=broker_id)])


def events():
    return [
        ("v1", sale("cn-yanji", 1)), ("v2", sale("cn-yanji", 2)),
        ("v2", sale("cn-harbin", 3, role="buyer")), ("v3", sale("cn-harbin", 3, role="buyer")),
        ("v4", sale("cn-dandong", 9)), ("v5", sale("cn-shenyang", 7, status=SUGGESTED)),
        ("v6", sale("cn-qingdao", 11)),
    ]


def test_graph_groups_and_bridging_broker():
    graph = build_graph(events(), {"2": "B", "1": "B"})  # 1 and 2 linked as one broker
    assert "perpetrator:B" in graph and "perpetrator:7" not in graph  # suggested event ignored
    found = groups(graph)
    assert [len(g.perpetrators) for g in found] == [2, 1, 1]
    assert found[0].victims == 3 and "place:cn-harbin" in found[0].places
    assert graph.nodes["perpetrator:3"]["role"] == "buyer"
    # broker 9 also sells v3 (no place told): the only link from the Dandong group
    graph = build_graph(events() + [("v3", Event("sale", status=ACCEPTED, involvements=[
        Involvement("perpetrator", "broker", person_id=9)]))], {"2": "B", "1": "B"})
    assert len(groups(graph)) == 2
    top = {b["node"]: b for b in brokers(graph)}
    assert top["perpetrator:9"]["cut_point"]
    assert top["perpetrator:9"]["betweenness"] > top["perpetrator:B"]["betweenness"]


def test_exports_round_trip(tmp_path):
    graph = build_graph(events())
    write_graph(graph, tmp_path / "g.graphml", "graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_nodes() == graph.number_of_nodes()
    write_graph(graph, tmp_path / "g.json", "json")
    data = json.loads((tmp_path / "g.json").read_text())
    assert {"nodes", "links", "groups", "brokers"} <= set(data)


def test_cli_link_encode_match_and_network(tmp_path):
    data = synthetic.generate(120, seed=8, organisations=("a", "b"), pseudonym_rate=0.0)
    for org in "ab":
        (tmp_path / f"{org}.json").write_text(json.dumps(
            [record_to_dict(r) for r in data.records if r.organisation == org]))
    (tmp_path / "secret").write_text("s" * 40)
    result = runner.invoke(app, ["link", "--json", "--records-json", str(tmp_path / "a.json")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["kind"] == "person"
    for org in "ab":
        result = runner.invoke(app, ["link", "encode", "--secret-file", str(tmp_path / "secret"),
                                     "--out", str(tmp_path / f"{org}.clk"), "--label", org,
                                     "--plaintext",
                                     "--records-json", str(tmp_path / f"{org}.json")])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["link", "match", str(tmp_path / "a.clk"), str(tmp_path / "b.clk"),
                                 "--overlap", str(tmp_path / "ov.csv")])
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "ov.csv").read_text().splitlines()
    assert lines[0] == "a,b,count" and len(lines) == 4
    (tmp_path / "events.json").write_text(json.dumps({"events": [
        {"victim": v, "event": e.to_dict()} for v, e in events()]}))
    result = runner.invoke(app, ["network", "--format", "graphml", "--out",
                                 str(tmp_path / "n.graphml"), "--events-json",
                                 str(tmp_path / "events.json"), "--plaintext", "--k", "2"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "n.graphml").exists()


def test_secret_never_on_the_command_line():
    result = runner.invoke(app, ["link", "encode", "--help"])
    assert "--secret-file" in result.output and "--secret " not in result.output
