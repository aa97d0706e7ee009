"""Her route on the map: origin, then every place of her journey in order, as lines with dates.

Only steps told as having happened are drawn (a denied arrest has no place on her route). A
place is a gazetteer id, or words the gazetteer resolves; one without coordinates is listed
under the map, never dropped. Consecutive steps at one place are one stop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from casebook.journey.reading import label, place_name, when
from casebook.journey.timeline import Journey
from casebook.maps.basemap import HEIGHT, WIDTH, Frame, locate, source
from casebook.maps.labels import Placer, around
from casebook.vocab import gazetteer

PLACE_SIZE = 15.0  # px, as text.place in casebook.css


@dataclass
class Stop:
    n: int
    place_id: str | None
    name: str
    what: list[str] = field(default_factory=list)  # event types (or "origin") at this stop
    dates: list[str] = field(default_factory=list)
    at: tuple[float, float] | None = None

    def caption(self, lang: str) -> str:
        what = ", ".join(dict.fromkeys(
            label("event_type", w, lang) if w != "origin" else ("출신지" if lang == "ko"
                                                                else "origin")
            for w in self.what))
        dates = ", ".join(d for d in dict.fromkeys(self.dates) if d)
        return what + (f" ({dates})" if dates else "")


@dataclass
class Route:
    stops: list[Stop]
    unplaced: list[Stop]  # places named but without coordinates: listed, not drawn

    @property
    def drawn(self) -> list[Stop]:
        return [s for s in self.stops if s.at is not None]


def _resolve(place_id: str | None, told: str | None) -> str | None:
    if place_id and place_id in gazetteer():
        return place_id
    found = gazetteer().lookup(told) if told else None
    return found.id if found else None


def route_of(journey: Journey, lang: str = "en") -> Route:
    """The stops of her route: origin first, then each counted step with a place, in order."""
    stops: list[Stop] = []
    unplaced: list[Stop] = []

    def visit(place_id: str | None, told: str | None, what: str, date: str) -> None:
        pid = _resolve(place_id, told)
        name = place_name(pid, told, lang)
        if not name:
            return
        last = stops[-1] if stops else None
        if last is not None and pid is not None and last.place_id == pid:
            last.what.append(what)
            last.dates.append(date)
            return
        at = locate(pid)
        stop = Stop(0, pid, name, [what], [date], at)
        if at is None:
            unplaced.append(stop)
        else:
            stop.n = len(stops) + 1
            stops.append(stop)

    if journey.origin:
        visit(journey.origin if journey.origin in gazetteer() else None, journey.origin,
              "origin", "")
    for step in journey.steps:
        if not step.counted:
            continue
        event = step.event
        date = when(event.date, lang)
        if event.place or event.place_text:
            visit(event.place, event.place_text, event.type, date)
        for via in event.attributes.get("via") or []:  # "by Kunming, Laos, then Thailand"
            visit(str(via), str(via), event.type, date)
    for n, stop in enumerate(unplaced, 1):
        stop.n = n
    return Route(stops, unplaced)


def _leg(frame: Frame, a: Stop, b: Stop, marker: str) -> str:
    """A gently curved line from one stop to the next (straight lines hide overlapping legs)."""
    assert a.at is not None and b.at is not None
    (x1, y1), (x2, y2) = frame.xy(*a.at), frame.xy(*b.at)
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    dx, dy = x2 - x1, y2 - y1
    cx, cy = round(mx - dy * 0.18, 1), round(my + dx * 0.18, 1)
    return (f'<path class="leg" marker-end="url(#{marker})" '
            f'd="M{x1},{y1} Q{cx},{cy} {x2},{y2}"/>')


def _cluster(stops: list[Stop], radius: float = 6.0) -> list[Stop]:
    """The stops crowded into one corner of a wide route (the most around one stop), if any."""
    best: list[Stop] = []
    for s in stops:
        assert s.at is not None
        near = [t for t in stops if t.at is not None and abs(t.at[0] - s.at[0]) <= radius
                and abs(t.at[1] - s.at[1]) <= radius]
        if len(near) > len(best):
            best = near
    return best if len(best) >= 2 else []


def _svg(frame: Frame, stops: list[Stop], lang: str, title: str, marker: str,
         inset: Frame | None = None) -> str:
    placer = Placer(WIDTH, HEIGHT)
    named = {s.place_id for s in stops if s.place_id}  # a country she passed names itself
    parts = frame.base(lang, title, skip_labels=named, placer=placer)
    if inset is not None:
        parts.append(frame.outline(inset))
    parts.append(f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="9" refY="5" '
                 'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
                 '<path class="arrowhead" d="M0,0 L10,5 L0,10 Z"/></marker></defs>')
    parts += [_leg(frame, a, b, marker) for a, b in zip(stops, stops[1:])]
    seen: dict[tuple[float, float], int] = {}
    points = []
    for stop in stops:
        assert stop.at is not None
        x, y = frame.xy(*stop.at)
        shift = seen.get((x, y), 0)
        seen[(x, y)] = shift + 1
        points.append((stop, x + shift * 14, y - shift * 14))
    for _, x, y in points:  # no name covers a numbered point
        placer.block((x - 10, y - 10, x + 10, y + 10))
    for stop, x, y in points:
        kind = "origin" if stop.what[0] == "origin" else "stop"
        tx, ty, anchor = placer.place(stop.name, PLACE_SIZE, around(x, y, 13, PLACE_SIZE))
        parts.append(f'<g class="{kind}"><title>{stop.n}. {escape(stop.name)}: '
                     f'{escape(stop.caption(lang))}</title>'
                     f'<circle cx="{x}" cy="{y}" r="10"/>'
                     f'<text class="n" x="{x}" y="{y + 4.5}">{stop.n}</text>'
                     f'<text class="place" x="{tx}" y="{ty}" text-anchor="{anchor}">'
                     f'{escape(stop.name)}</text></g>')
    parts.append(f"<desc>{escape(source())}</desc></svg>")
    return "".join(parts)


def route_svgs(route: Route, lang: str = "en") -> list[str]:
    """Her route on the basemap as SVG: the whole route, and a close-up of the stops crowded
    together when the route is long (the border region beside Laos and Thailand)."""
    drawn = route.drawn
    points = [s.at for s in drawn if s.at is not None]
    frame = Frame.around(points)
    title = "이동 경로" if lang == "ko" else "Her route"
    crowded = _cluster(drawn)
    close = None
    if crowded and frame.east - frame.west > 14 and len(crowded) < len(drawn):
        close = Frame.around([s.at for s in crowded if s.at is not None], pad=0.8,
                             min_span=4.0)
    out = [_svg(frame, drawn, lang, title, "arrow-route", inset=close)]
    if close is not None:
        out.append(_svg(close, [s for s in drawn if s.at and close.shows(*s.at)], lang,
                        "확대" if lang == "ko" else "Close-up", "arrow-close"))
    return out


def route_svg(route: Route, lang: str = "en") -> str:
    """The whole route as one SVG."""
    return route_svgs(route, lang)[0]


__all__ = ["Route", "Stop", "route_of", "route_svg", "route_svgs"]
