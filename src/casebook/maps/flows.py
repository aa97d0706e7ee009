"""The aggregate flow map: origin provinces -> crossing points -> provinces of sale in China ->
transit countries, drawn from published counts only.

Each leg is a cross-table of persons (one category each, as every statistics table), so it goes
through the same disclosure control as the statistics tables it is published with: the tables
share their margins (the persons from North Hamgyong are one number wherever they appear), and
:func:`casebook.publish.disclosure.protect` suppresses them together. Only what survives is
drawn; a suppressed flow is said to be withheld, and a place without coordinates is listed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape

from casebook.maps.basemap import HEIGHT, WIDTH, Frame, locate, source
from casebook.maps.labels import Placer, along, around
from casebook.publish.dataset import Dataset, PersonRow
from casebook.publish.tables import NOT_STATED, Classified, Table, restrict
from casebook.publish.variables import CN_PROVINCES, VARIABLES, Variable
from casebook.vocab import gazetteer

PLACE_SIZE, COUNT_SIZE = 15.0, 14.0  # px, as text.place and text.count in casebook.css
CROSSINGS = ("river-tumen", "river-yalu", "other")
TRANSIT = ("mn", "vn", "la", "th", "kh", "mm", "other")


def _crossing_point(row: PersonRow) -> str | None:
    """The river of her first crossing (where she crossed, by the river it lies on)."""
    crossings = row.events_of("border_crossing")
    if not crossings:
        return None
    first = crossings[0]
    gaz = gazetteer()
    told = str(first.attributes.get("river") or "").strip()
    if told:
        river = next((p for p in (gaz.lookup(f"{told} River"), gaz.lookup(told))
                      if p is not None and p.level == "river"), None)  # "Tumen": not the city
        return river.id if river is not None and river.id in CROSSINGS else "other"
    place = gaz.get(first.place) if first.place else None
    return "other" if place is not None else None


def _transit_country(row: PersonRow) -> str | None:
    """The first country outside China and North Korea she was taken through."""
    gaz = gazetteer()
    for event in row.events_of("transit", "escape", "arrival"):
        for pid in [event.place, *(event.attributes.get("via") or [])]:
            place = gaz.get(pid) if pid else None
            country = gaz.country_of(place) if place is not None else None
            if country is not None and country.id not in ("cn", "kp", "kr"):
                return country.id if country.id in TRANSIT else "other"
    return None


CROSSING_POINT = Variable("crossing_point", CROSSINGS, _crossing_point)
TRANSIT_COUNTRY = Variable("transit_country", TRANSIT, _transit_country)
LEGS = ((VARIABLES["origin_province"], CROSSING_POINT),
        (CROSSING_POINT, VARIABLES["province_china"]),
        (VARIABLES["province_china"], TRANSIT_COUNTRY))


def flow_tables(ds: Dataset) -> list[Table]:
    """One cross-table per leg, over the persons who consented to statistics."""
    cl = Classified(restrict(ds, None))
    out = []
    for a, b in LEGS:
        rows, cols = cl.codes(a.name, a.classify), cl.codes(b.name, b.classify)
        counts = Counter(((r or NOT_STATED), (c or NOT_STATED)) for r, c in zip(rows, cols))
        out.append(Table(f"flow:{a.name}:{b.name}", a.name, a.categories, dict(counts),
                         b.name, b.categories))
    return out


def _place_of(variable: str, code: str) -> str | None:
    """The gazetteer id a category stands for on the map (None: not drawable)."""
    if code in ("other", NOT_STATED):
        return None
    if variable in ("crossing_point", "transit_country"):
        return code
    if variable == "province_china" and code not in CN_PROVINCES:
        return None
    country = "CN" if variable == "province_china" else "KP"
    provinces = [p for p in gazetteer() if p.level == "province" and p.country == country
                 and p.en == code]  # "Jilin" the province, not the city
    if provinces:
        return provinces[0].id
    found = gazetteer().lookup(code)
    return found.id if found else None


def category_label(variable: str, code: str, lang: str) -> str:
    pid = _place_of(variable, code)
    place = gazetteer().get(pid) if pid else None
    if place is not None:
        return place.name(lang)
    if code == "other":
        return "기타" if lang == "ko" else "other"
    return code


@dataclass(frozen=True)
class Flow:
    source: str  # "variable:code"
    target: str
    count: int | None  # None: withheld by disclosure control
    label: str


def flows(tables: list[Table], lang: str = "en") -> list[Flow]:
    """Every flow between two stated categories, with its published count (None if withheld)."""
    out = []
    for t in tables:
        assert t.col_var is not None
        for r in t.row_categories:
            for c in t.col_categories:
                if t.raw(r, c) == 0 and (r, c) not in t.suppressed:
                    continue
                value = t.value(r, c)
                if value == 0:
                    continue
                out.append(Flow(f"{t.row_var}:{r}", f"{t.col_var}:{c}", value,
                                f"{category_label(t.row_var, r, lang)} → "
                                f"{category_label(t.col_var, c, lang)}"))
    return out


def _at(node: str) -> tuple[float, float] | None:
    variable, code = node.split(":", 1)
    pid = _place_of(variable, code)
    return locate(pid) if pid else None


def _flow_svg(shown: list[Flow], lang: str, title: str, top: int) -> str:
    points = [p for f in shown for p in (_at(f.source), _at(f.target)) if p is not None]
    frame = Frame.around(points or [(125.0, 40.0), (102.0, 20.0)], pad=0.8)
    named = {f.source.split(":", 1)[1] for f in shown} | {f.target.split(":", 1)[1]
                                                           for f in shown}
    placer = Placer(WIDTH, HEIGHT)
    parts = frame.base(lang, title, skip_labels=named, placer=placer)
    nodes: dict[str, tuple[float, float]] = {}
    curves = []
    for f in sorted(shown, key=lambda f: -(f.count or 0)):
        a, b = _at(f.source), _at(f.target)
        assert a is not None and b is not None and f.count is not None
        (x1, y1), (x2, y2) = frame.xy(*a), frame.xy(*b)
        nodes[f.source], nodes[f.target] = (x1, y1), (x2, y2)
        cx, cy = round((x1 + x2) / 2 - (y2 - y1) * 0.15, 1), round((y1 + y2) / 2 + (x2 - x1)
                                                                    * 0.15, 1)
        width = round(2 + 10 * f.count / top, 1)
        parts.append(f'<path class="flow" stroke-width="{width}" '
                     f'd="M{x1},{y1} Q{cx},{cy} {x2},{y2}"><title>{escape(f.label)}: '
                     f'{f.count}</title></path>')
        curves.append((f.count, (x1, y1, cx, cy, x2, y2)))
    for x, y in nodes.values():  # the points first: no label covers one
        placer.block((x - 7, y - 7, x + 7, y + 7))
    for node, (x, y) in nodes.items():  # then the names, then the counts around them
        variable, code = node.split(":", 1)
        name = category_label(variable, code, lang)
        tx, ty, anchor = placer.place(name, PLACE_SIZE, around(x, y, 9, PLACE_SIZE))
        parts.append(f'<g class="node"><circle cx="{x}" cy="{y}" r="6"/><text class="place" '
                     f'x="{tx}" y="{ty}" text-anchor="{anchor}">{escape(name)}</text></g>')
    for count, curve in curves:
        mx, my, _ = placer.place(str(count), COUNT_SIZE, along(*curve))
        parts.append(f'<text class="count" x="{mx}" y="{my}" text-anchor="middle">{count}'
                     '</text>')
    parts.append(f"<desc>{escape(source())}</desc></svg>")
    return "".join(parts)


def flow_svgs(found: list[Flow], lang: str = "en") -> list[str]:
    """The published flows on the basemap, line width by count and the count on each line: one
    map into China (origin -> river -> province), one onwards (province -> transit country)."""
    shown = [f for f in found if f.count and _at(f.source) and _at(f.target)]
    into = [f for f in shown if not f.source.startswith("province_china:")]
    onwards = [f for f in shown if f.source.startswith("province_china:")]
    ko = lang == "ko"
    top = max((f.count or 0 for f in shown), default=1)  # one scale for both maps
    out = [_flow_svg(into, lang, "중국으로" if ko else "Into China", top)]
    if onwards:
        out.append(_flow_svg(onwards, lang, "제3국으로" if ko else "Onwards", top))
    return out


__all__ = ["CROSSING_POINT", "LEGS", "TRANSIT_COUNTRY", "Flow", "category_label", "flow_svgs",
           "flow_tables", "flows"]
