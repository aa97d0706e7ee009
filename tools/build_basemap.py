"""Build the maps' basemap (package data) from Natural Earth, vendored from the npm registry.

Natural Earth (public domain) country outlines come from the npm package ``world-atlas``
(TopoJSON, ISC licence, pinned below). This script fetches that package with the ordinary npm
client, decodes the topology, keeps the countries of the routes (North Korea, China, South Korea,
Russia, Mongolia, Japan and mainland Southeast Asia), clips them to the region, simplifies them
(Douglas-Peucker) and writes ``src/casebook/maps/data/basemap.json``. Casebook reads only that
file at run time: nothing is fetched when a map is drawn.

    python tools/build_basemap.py            # npm pack world-atlas@VERSION into a temporary dir
    python tools/build_basemap.py --from DIR # an unpacked package (DIR/countries-10m.json)
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE, VERSION = "world-atlas", "2.0.2"
SOURCE = "countries-10m.json"
OUT = Path(__file__).resolve().parents[1] / "src" / "casebook" / "maps" / "data" / "basemap.json"
WEST, SOUTH, EAST, NORTH = 73.0, 4.0, 146.0, 56.0  # Xinjiang to Sakhalin
TOLERANCE = 0.03  # degrees: about 3 km, finer than any place a testimony names
# ISO 3166-1 numeric (world-atlas ids) -> gazetteer country id (or a code for the others)
COUNTRIES = {
    "408": "kp", "156": "cn", "410": "kr", "643": "ru", "496": "mn", "392": "jp",
    "418": "la", "704": "vn", "764": "th", "116": "kh", "104": "mm", "050": "bd", "356": "in",
    "524": "np", "064": "bt", "158": "tw", "458": "my", "608": "ph", "398": "kz",
}
BORDERS = {("156", "408"): "cn-kp", ("408", "643"): "kp-ru", ("408", "410"): "kp-kr"}


def npm_pack(workdir: Path) -> Path:
    subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=workdir, check=True,
                   capture_output=True)
    tgz = next(workdir.glob(f"{PACKAGE}-{VERSION}.tgz"))
    with tarfile.open(tgz) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def clip(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: a closed ring clipped to the region's rectangle."""
    def inside(p, edge):
        return {"w": p[0] >= WEST, "e": p[0] <= EAST, "s": p[1] >= SOUTH, "n": p[1] <= NORTH}[edge]

    def cross(a, b, edge):
        if edge in ("w", "e"):
            x = WEST if edge == "w" else EAST
            t = (x - a[0]) / (b[0] - a[0])
            return (x, a[1] + t * (b[1] - a[1]))
        y = SOUTH if edge == "s" else NORTH
        t = (y - a[1]) / (b[1] - a[1])
        return (a[0] + t * (b[0] - a[0]), y)

    out = points
    for edge in "wesn":
        src, out = out, []
        for i, cur in enumerate(src):
            prev = src[i - 1]
            if inside(cur, edge):
                if not inside(prev, edge):
                    out.append(cross(prev, cur, edge))
                out.append(cur)
            elif inside(prev, edge):
                out.append(cross(prev, cur, edge))
        if not out:
            return []
    return out


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker (iterative), endpoints kept."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy) or 1e-12
        best, at = 0.0, -1
        for i in range(a + 1, b):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if (dx or dy) else math.hypot(x - x1,
                                                                                        y - y1)
            if d > best:
                best, at = d, i
        if best > tolerance and at > 0:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(points, keep) if k]


def area(points: list[tuple[float, float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] +
                                                                     points[:1]))) / 2


def rounded(points: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        p = [round(x, 3), round(y, 3)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def build(package_dir: Path) -> dict:
    topology = json.loads((package_dir / SOURCE).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries = []
    used_by: dict[int, set[str]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        iso = str(geometry.get("id", "")).zfill(3)
        if iso not in COUNTRIES:
            continue
        rings = []
        for polygon in polygons_of(geometry):
            for index, indexes in enumerate(polygon):
                for i in indexes:
                    used_by.setdefault(i if i >= 0 else ~i, set()).add(iso)
                if index:  # holes: none matter at this scale
                    continue
                clipped = clip(ring(arcs, indexes))
                if len(clipped) < 3 or area(clipped) < TOLERANCE ** 2 * 4:
                    continue
                simple = simplify(clipped + clipped[:1], TOLERANCE)[:-1]
                if len(simple) >= 3:
                    rings.append(rounded(simple))
        if rings:
            countries.append({"id": COUNTRIES[iso], "name": geometry["properties"]["name"],
                              "rings": rings})
    borders: dict[str, list[list[list[float]]]] = {}
    for (a, b), name in BORDERS.items():
        lines = [simplify(arcs[i], TOLERANCE / 3) for i, users in sorted(used_by.items())
                 if users == {a, b}]
        borders[name] = [rounded(line) for line in lines if len(line) > 1]
    countries.sort(key=lambda c: c["id"])
    return {"source": f"Natural Earth 1:10m countries (public domain), from the npm package "
                      f"{PACKAGE}@{VERSION}; clipped to {WEST},{SOUTH},{EAST},{NORTH} and "
                      f"simplified to {TOLERANCE} degrees by tools/build_basemap.py",
            "bbox": [WEST, SOUTH, EAST, NORTH], "countries": countries, "borders": borders}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path,
                        help="an unpacked world-atlas package folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        package_dir = args.source or npm_pack(Path(tmp))
        data = build(package_dir)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n",
                   encoding="utf-8")
    points = sum(len(r) for c in data["countries"] for r in c["rings"])
    print(f"{OUT}: {len(data['countries'])} countries, {points} points, "
          f"{OUT.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
