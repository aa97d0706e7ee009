"""The journey map: places on a bundled, hand-drawn outline of Korea and Northeast China.

No tiles and no network: ``static/map/outline.geojson`` (coarse coastlines, the border rivers,
the demarcation line) and ``static/map/places.json`` (approximate coordinates of gazetteer ids)
are drawn into an inline SVG on the server. A place without its own coordinates is shown at
its nearest ancestor (``kp-hamgyong-bukdo-musan`` → ``kp-hamgyong-bukdo``).
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from casebook.vocab import gazetteer
from casebook.web.vocab import place_label

MAP_DIR = Path(__file__).parent / "static" / "map"
WEST, SOUTH, EAST, NORTH = 115.0, 33.0, 135.0, 50.0
SCALE = 34.0  # pixels per degree of latitude
COS = math.cos(math.radians((SOUTH + NORTH) / 2))
WIDTH = round((EAST - WEST) * SCALE * COS)
HEIGHT = round((NORTH - SOUTH) * SCALE)
LABELS = {"en": {"china": "China", "korea_n": "North Korea", "korea_s": "South Korea",
                 "russia": "Russia", "tumen": "Tumen", "yalu": "Yalu"},
          "ko": {"china": "중국", "korea_n": "북한", "korea_s": "한국", "russia": "러시아",
                 "tumen": "두만강", "yalu": "압록강"}}


def project(lon: float, lat: float) -> tuple[float, float]:
    return round((lon - WEST) * SCALE * COS, 1), round((NORTH - lat) * SCALE, 1)


@functools.cache
def _outline() -> dict:
    return json.loads((MAP_DIR / "outline.geojson").read_text(encoding="utf-8"))


@functools.cache
def coordinates() -> dict[str, tuple[float, float]]:
    raw = json.loads((MAP_DIR / "places.json").read_text(encoding="utf-8"))
    return {k: (float(v[0]), float(v[1])) for k, v in raw.items()}


def locate(place_id: str | None) -> tuple[float, float] | None:
    """Coordinates of a gazetteer id or of its nearest ancestor; None when unknown."""
    coords = coordinates()
    while place_id:
        if place_id in coords:
            return coords[place_id]
        place_id = place_id.rsplit("-", 1)[0] if "-" in place_id else None
    return None


def _lookup(told: str | None) -> str | None:
    """A gazetteer id for a place only named as told (extraction may leave the id empty)."""
    if not told:
        return None
    found = gazetteer().lookup(told)
    return found.id if found else None


def _path(points: list[list[float]], close: bool) -> str:
    xy = [project(lon, lat) for lon, lat in points]
    return "M" + " L".join(f"{x},{y}" for x, y in xy) + (" Z" if close else "")


@dataclass
class Stop:
    n: int
    place_id: str | None
    label: str
    event_type: str
    x: float | None
    y: float | None


def stops(places: list[tuple[str | None, str | None, str]], lang: str) -> list[Stop]:
    out = []
    for n, (pid, told, etype) in enumerate(places, 1):
        pid = pid or _lookup(told)
        at = locate(pid)
        inside = at is not None and WEST <= at[0] <= EAST and SOUTH <= at[1] <= NORTH
        x, y = project(*at) if at is not None and inside else (None, None)
        out.append(Stop(n, pid, place_label(pid, lang, told), etype, x, y))
    return out


def journey_map(places: list[tuple[str | None, str | None, str]], lang: str = "en") -> dict:
    """The SVG (as Markup) and the list of stops, numbered in the order of the journey."""
    labels = LABELS.get(lang, LABELS["en"])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'class="map" role="img" aria-label="{escape(labels["korea_n"])} / '
             f'{escape(labels["china"])}">',
             f'<rect class="sea" x="0" y="0" width="{WIDTH}" height="{HEIGHT}"/>']
    for feat in _outline()["features"]:
        kind, name = feat["properties"]["kind"], feat["properties"]["name"]
        geom = feat["geometry"]
        if geom["type"] == "Polygon":
            parts.append(f'<path class="land {name}" d="{_path(geom["coordinates"][0], True)}"/>')
        else:
            parts.append(f'<path class="{kind} {name}" d="{_path(geom["coordinates"], False)}"/>')
    for key, lon, lat in (("china", 122.5, 45.5), ("korea_n", 126.4, 40.3),
                          ("korea_s", 127.6, 36.4), ("russia", 132.2, 46.8),
                          ("tumen", 129.6, 42.05), ("yalu", 125.0, 40.75)):
        x, y = project(lon, lat)
        cls = "river-label" if key in ("tumen", "yalu") else "country-label"
        parts.append(f'<text class="{cls}" x="{x}" y="{y}">{escape(labels[key])}</text>')
    journey = stops(places, lang)
    drawn = [s for s in journey if s.x is not None and s.y is not None]
    if len(drawn) > 1:
        d = "M" + " L".join(f"{s.x},{s.y}" for s in drawn)
        parts.append(f'<path class="route" d="{d}"/>')
    seen: dict[tuple[float, float], int] = {}
    for s in drawn:
        assert s.x is not None and s.y is not None  # drawn holds only placed stops
        k = (s.x, s.y)
        shift = seen.get(k, 0)
        seen[k] = shift + 1
        x, y = s.x + shift * 9, s.y - shift * 9
        parts.append(f'<g class="stop t-{escape(s.event_type)}"><title>{s.n}. '
                     f'{escape(s.label)}</title><circle cx="{x}" cy="{y}" r="7"/>'
                     f'<text x="{x}" y="{y + 3.5}">{s.n}</text></g>')
    parts.append("</svg>")
    return {"svg": Markup("".join(parts)), "stops": journey,
            "off_map": [s for s in journey if s.x is None]}
