"""The journey map (bundled outline, no tiles) and the interface language."""

from __future__ import annotations

import re

import pytest

from casebook.web import i18n
from casebook.web.locale.ko_messages import KO
from casebook.web.mapping import (
    EAST,
    HEIGHT,
    NORTH,
    SOUTH,
    WEST,
    WIDTH,
    coordinates,
    journey_map,
    locate,
    project,
    stops,
)
from casebook.web.vocab import event_types, filter_places, place_label, vocabularies


def test_projection_puts_the_corners_on_the_frame():
    assert project(WEST, NORTH) == (0.0, 0.0)
    x, y = project(EAST, SOUTH)
    assert abs(x - WIDTH) <= 1 and abs(y - HEIGHT) <= 1
    yanji, seoul = project(129.5, 42.9), project(127.0, 37.6)
    assert yanji[1] < seoul[1], "north is up"


def test_every_bundled_coordinate_is_on_the_map_and_a_gazetteer_id():
    from casebook.vocab import gazetteer

    known = {p.id for p in gazetteer()}
    for place_id, (lon, lat) in coordinates().items():
        assert place_id in known, place_id
        assert WEST <= lon <= EAST and SOUTH <= lat <= NORTH, place_id


def test_a_place_without_coordinates_is_drawn_at_its_nearest_ancestor():
    musan = locate("kp-hamgyong-bukdo-musan")
    assert musan is not None
    assert locate("kp-hamgyong-bukdo-musan-some-village") == musan
    assert locate("zz-nowhere") is None and locate(None) is None


def test_stops_resolve_places_told_without_an_id():
    got = stops([(None, "Yanji", "sale"), ("kp-hamgyong-bukdo-hoeryong", None,
                                           "border_crossing"), (None, "Atlantis", "escape")],
                "en")
    assert [s.n for s in got] == [1, 2, 3]
    assert got[0].place_id == "cn-jilin-yanbian-yanji" and got[0].x is not None
    assert got[1].label.startswith("Hoery") and got[1].x is not None
    assert got[2].place_id is None and got[2].x is None and got[2].label == "Atlantis"


def test_journey_map_is_an_inline_svg_with_numbered_stops_and_a_route():
    out = journey_map([("kp-hamgyong-bukdo-hoeryong", None, "border_crossing"),
                       ("cn-jilin-yanbian-yanji", None, "sale"),
                       (None, "Somewhere unknown", "escape")], "ko")
    svg = str(out["svg"])
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert 'class="route"' in svg and svg.count("<circle") == 2
    assert "두만강" in svg and "중국" in svg
    assert [s.label for s in out["off_map"]] == ["Somewhere unknown"]


def test_two_stops_at_one_place_do_not_hide_each_other():
    svg = str(journey_map([("cn-jilin-yanbian-yanji", None, "sale"),
                           ("cn-jilin-yanbian-yanji", None, "sale")])["svg"])
    circles = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    assert len(circles) == 2 and circles[0] != circles[1]


def test_labels_are_escaped():
    out = journey_map([(None, "<script>alert(1)</script>", "escape"),
                       ("cn-jilin-yanbian-yanji", None, "<b>sale</b>")])
    svg = str(out["svg"])
    assert "<script>" not in svg and "<b>" not in svg


@pytest.mark.parametrize("header,lang", [
    ("ko-KR,ko;q=0.9,en;q=0.8", "ko"), ("en-GB,en;q=0.9", "en"), ("fr-FR,de;q=0.5", "ko"),
    ("", "ko"), (None, "ko"), ("fr, EN-us;q=0.3", "en"),
])
def test_pick_language(header, lang):
    assert i18n.pick_language(header) == lang


def test_gettext_follows_the_request_language():
    token = i18n.set_language("ko")
    try:
        assert i18n.gettext("Users") == KO["Users"] == "사용자"
        assert i18n.gettext("Users of %(org)s", org="한울") == "한울 사용자"
        i18n.set_language("en")
        assert i18n.gettext("Users") == "Users"
        i18n.set_language("xx")
        assert i18n.language() == "ko"  # an unknown language falls back to Korean
    finally:
        i18n._current.reset(token)


def test_every_korean_string_is_in_the_compiled_catalogue():
    catalogue = i18n.translations("ko")
    singular = [m for m in KO if isinstance(m, str)]
    missing = [m for m in singular if catalogue.ugettext(m) != KO[m]]
    assert not missing, missing[:5]
    for one, many in (m for m in KO if isinstance(m, tuple)):  # plural forms
        assert catalogue.ungettext(one, many, 3) != many


def test_labels_for_filters_in_both_languages():
    assert dict(event_types("en"))["sale"] and dict(event_types("ko"))["sale"] != dict(
        event_types("en"))["sale"]
    places = dict(filter_places("ko"))
    assert "kp" in places and "cn-jilin" in places
    assert place_label("cn-jilin-yanbian-yanji", "ko") == "연길"
    assert place_label("zz-unknown", "en", "as told") == "as told"
    assert place_label(None, "en") == "" and place_label("zz", "en") == "zz"
    assert "event_type" in {v.name for v in vocabularies()}
