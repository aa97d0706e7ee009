"""A real basemap, offline: Natural Earth country outlines drawn as SVG on the server.

``data/basemap.json`` is built from Natural Earth (public domain) by ``tools/build_basemap.py``
from the npm package ``world-atlas`` and shipped with the package: nothing is fetched when a map
is drawn, and the page needs no script (the CSP stays ``'self'``). A :class:`Frame` fits an
extent of longitude and latitude into a fixed-size SVG in the Mercator projection, and draws the
countries it shows, the North Korea-China border (the Yalu and Tumen rivers) and country names.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from html import escape
from importlib import resources
from typing import Any

from casebook.maps.labels import Placer, text_box
from casebook.vocab import gazetteer

WIDTH, HEIGHT = 640.0, 520.0
COUNTRY_SIZE = 17.0  # px, as .country-label in casebook.css
LABELLED = ("kp", "cn", "kr", "ru", "mn", "jp", "la", "vn", "th", "kh", "mm")


@functools.cache
def basemap() -> dict[str, Any]:
    raw = resources.files("casebook.maps").joinpath("data/basemap.json").read_text("utf-8")
    data = json.loads(raw)
    for country in data["countries"]:
        country["boxes"] = [_box(ring) for ring in country["rings"]]
    return data


def source() -> str:
    """Where the outlines come from (printed under every map)."""
    return str(basemap()["source"])


def _box(points: list[list[float]]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def mercator_y(lat: float) -> float:
    lat = max(-85.0, min(85.0, lat))
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def locate(place_id: str | None) -> tuple[float, float] | None:
    """(longitude, latitude) of a gazetteer place, or of its nearest ancestor with one."""
    gaz = gazetteer()
    place = gaz.get(place_id) if place_id else None
    while place is not None:
        if place.at is not None:
            return place.at
        place = gaz.get(place.parent) if place.parent else None
    return None


@dataclass(frozen=True)
class Frame:
    """An extent (degrees) fitted into WIDTH x HEIGHT pixels, Mercator, north up."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def around(cls, points: list[tuple[float, float]], pad: float = 1.2,
               min_span: float = 7.0) -> Frame:
        """The smallest frame of this shape that shows every point with a margin."""
        if not points:
            points = [(127.0, 41.0)]
        span = max(max(p[0] for p in points) - min(p[0] for p in points),
                   max(p[1] for p in points) - min(p[1] for p in points))
        pad = max(pad, span * 0.1)
        west = min(p[0] for p in points) - pad
        east = max(p[0] for p in points) + pad
        south = min(p[1] for p in points) - pad
        north = max(p[1] for p in points) + pad
        if east - west < min_span:
            mid = (east + west) / 2
            west, east = mid - min_span / 2, mid + min_span / 2
        # widen in x or y so that the projected box has the frame's aspect ratio
        ys, yn = mercator_y(south), mercator_y(north)
        if (east - west) / (yn - ys) < WIDTH / HEIGHT:
            mid, half = (east + west) / 2, (yn - ys) * WIDTH / HEIGHT / 2
            west, east = mid - half, mid + half
        else:
            mid, half = (ys + yn) / 2, (east - west) * HEIGHT / WIDTH / 2
            south, north = _inverse_y(mid - half), _inverse_y(mid + half)
        return cls(west, south, east, north)

    @property
    def scale(self) -> float:
        return WIDTH / (self.east - self.west)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.west) * self.scale
        y = (mercator_y(self.north) - mercator_y(lat)) * self.scale
        return round(x, 1), round(y, 1)

    def shows(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    def _overlaps(self, box: tuple[float, float, float, float]) -> bool:
        return not (box[2] < self.west or box[0] > self.east or box[3] < self.south
                    or box[1] > self.north)

    def outline(self, other: Frame) -> str:
        """A dashed rectangle showing where another (smaller) frame lies on this one."""
        x1, y1 = self.xy(other.west, other.north)
        x2, y2 = self.xy(other.east, other.south)
        return (f'<rect class="inset" x="{x1}" y="{y1}" width="{round(x2 - x1, 1)}" '
                f'height="{round(y2 - y1, 1)}"/>')

    def path(self, points: list[list[float]], close: bool) -> str:
        xy = [self.xy(lon, lat) for lon, lat in points]
        return "M" + "L".join(f"{x},{y}" for x, y in xy) + ("Z" if close else "")

    def base(self, lang: str, label: str, skip_labels: set[str] | frozenset[str] = frozenset(),
             placer: Placer | None = None) -> list[str]:
        """The opening of the SVG: sea, countries, the border rivers, country names (whose
        boxes ``placer`` keeps, so that the names placed later go around them)."""
        parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} '
                 f'{HEIGHT:.0f}" class="map" role="img" aria-label="{escape(label)}">',
                 f'<rect class="sea" x="0" y="0" width="{WIDTH:.0f}" height="{HEIGHT:.0f}"/>']
        data = basemap()
        for country in data["countries"]:
            rings = [r for r, box in zip(country["rings"], country["boxes"])
                     if self._overlaps(box)]
            if rings:
                d = "".join(self.path(r, True) for r in rings)
                parts.append(f'<path class="land c-{escape(country["id"])}" d="{d}"/>')
        for name, lines in data["borders"].items():
            for line in lines:
                parts.append(f'<path class="border b-{escape(name)}" '
                             f'd="{self.path(line, False)}"/>')
        gaz = gazetteer()
        for code in LABELLED:
            if code in skip_labels:  # a country drawn as a point names itself
                continue
            place = gaz.get(code)
            if place is None or place.at is None or not self.shows(*place.at):
                continue
            x, y = self.xy(*place.at)
            x = min(max(x, 70.0), WIDTH - 70.0)  # a name at the edge stays whole
            if placer is not None:
                placer.block(text_box(x, y, place.name(lang), COUNTRY_SIZE, "middle"))
            parts.append(f'<text class="country-label" x="{x}" y="{y}">'
                         f'{escape(place.name(lang))}</text>')
        return parts


def _inverse_y(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


__all__ = ["HEIGHT", "WIDTH", "Frame", "basemap", "locate", "mercator_y", "source"]
