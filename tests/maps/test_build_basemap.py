"""tools/build_basemap.py: TopoJSON decoding, clipping and simplification on small topologies
(the real package is fetched only when a developer rebuilds the basemap)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parents[2] / "tools" / "build_basemap.py"


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location("build_basemap", TOOL)
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_basemap"] = module
    spec.loader.exec_module(module)
    return module


def _topology() -> dict:
    # two squares side by side sharing one edge (arc 1): "kp" west, "cn" east; a third far away
    return {
        "type": "Topology",
        "transform": {"scale": [0.01, 0.01], "translate": [120.0, 38.0]},
        "arcs": [
            [[0, 0], [0, 300], [300, 0]],  # west, north of kp: (120,38)->(120,41)->(123,41)
            [[300, 300], [0, -300]],  # shared edge (123,41)->(123,38)
            [[300, 0], [-300, 0]],  # south of kp back to start
            [[300, 300], [300, 0], [0, -300], [-300, 0]],  # cn outline from (123,41)
            [[-11900, 0], [100, 0], [0, 100], [-100, 0], [0, -100]],  # outside the region
        ],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "id": "408", "arcs": [[0, 1, 2]],
             "properties": {"name": "North Korea"}},
            {"type": "Polygon", "id": "156", "arcs": [[3, ~1]],
             "properties": {"name": "China"}},
            {"type": "Polygon", "id": "840", "arcs": [[4]], "properties": {"name": "USA"}},
        ]}},
    }


def test_arcs_decode_from_deltas(tool):
    arcs = tool.decode_arcs(_topology())
    assert arcs[0] == [(120.0, 38.0), (120.0, 41.0), (123.0, 41.0)]
    assert arcs[1] == [(123.0, 41.0), (123.0, 38.0)]


def test_a_negative_index_reverses_the_arc(tool):
    arcs = tool.decode_arcs(_topology())
    ring = tool.ring(arcs, [3, ~1])
    assert ring[0] == ring[-1] == (123.0, 41.0) and (126.0, 38.0) in ring


def test_clip_to_the_region(tool):
    square = [(60.0, 30.0), (100.0, 30.0), (100.0, 40.0), (60.0, 40.0)]  # west of the region
    clipped = tool.clip(square)
    assert min(x for x, _ in clipped) == tool.WEST and max(x for x, _ in clipped) == 100.0
    assert tool.clip([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]) == []


def test_simplify_keeps_the_shape_and_drops_the_noise(tool):
    wiggly = [(float(i) / 10, 0.001 * (i % 2)) for i in range(101)]
    simple = tool.simplify(wiggly, 0.01)
    assert simple[0] == wiggly[0] and simple[-1] == wiggly[-1] and len(simple) == 2
    corner = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]
    assert tool.simplify(corner, 0.01) == corner


def test_build_keeps_the_route_countries_and_their_shared_border(tool, tmp_path):
    (tmp_path / tool.SOURCE).write_text(json.dumps(_topology()), encoding="utf-8")
    data = tool.build(tmp_path)
    assert [c["id"] for c in data["countries"]] == ["cn", "kp"]  # USA is not on the routes
    assert data["borders"]["cn-kp"] == [[[123.0, 41.0], [123.0, 38.0]]]
    assert "Natural Earth" in data["source"] and tool.VERSION in data["source"]
