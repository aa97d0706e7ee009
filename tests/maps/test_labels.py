"""Names and counts on a map do not cover each other (casebook.maps.labels)."""

from __future__ import annotations

import re

from casebook.maps.basemap import HEIGHT, WIDTH
from casebook.maps.flows import flow_svgs, flow_tables, flows
from casebook.maps.labels import Placer, along, around, text_box, text_width
from casebook.maps.route import route_of, route_svgs
from casebook.publish.disclosure import protect
from casebook.publish.tables import TABLE_NAMES, compute_tables
from tests.maps.test_maps import _cohort, journey

TEXT = re.compile(r'<text class="(place|count)" x="([\d.-]+)" y="([\d.-]+)"'
                  r'(?: text-anchor="(\w+)")?>([^<]*)</text>')
SIZE = {"place": 15.0, "count": 14.0}


def _boxes(svg: str) -> list[tuple[str, tuple[float, float, float, float]]]:
    return [(text, text_box(float(x), float(y), text, SIZE[kind], anchor or "start"))
            for kind, x, y, anchor, text in TEXT.findall(svg)]


def _overlap(a, b) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1


def test_hangul_is_wider_than_latin():
    assert text_width("평안북도", 15) > text_width("Pyong", 15)


def test_the_placer_takes_the_next_free_position():
    placer = Placer(WIDTH, HEIGHT)
    first = placer.place("Yalu River", 15, around(300, 300, 9, 15))
    second = placer.place("Liaoning", 15, around(300, 300, 9, 15))
    assert first != second
    assert not _overlap(text_box(*first[:2], "Yalu River", 15, first[2]),
                        text_box(*second[:2], "Liaoning", 15, second[2]))
    assert len(along(0, 0, 50, 50, 100, 0)) >= 5


def test_flow_map_labels_do_not_cover_each_other():
    ds = _cohort(400)
    legs = flow_tables(ds)
    protect(compute_tables(ds, TABLE_NAMES) + legs, k=11)
    for lang in ("en", "ko"):
        for svg in flow_svgs(flows(legs, lang), lang):
            boxes = _boxes(svg)
            assert len(boxes) >= 4
            clashes = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                       if _overlap(a[1], b[1])]
            assert not clashes, clashes


def test_route_names_do_not_cover_each_other_and_a_passed_country_is_named_once():
    for svg in route_svgs(route_of(journey(), "en"), "en"):
        boxes = _boxes(svg)
        clashes = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if _overlap(a[1], b[1])]
        assert not clashes, clashes
        assert svg.count(">Laos<") <= 1  # the stop names it; no country label beside it
