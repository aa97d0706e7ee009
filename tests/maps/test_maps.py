"""Maps: a real (bundled) basemap, her route as lines in order, aggregate flows from protected
counts only. Nothing is fetched: the SVG references no URL."""

from __future__ import annotations

import random
import re

from casebook.journey import build
from casebook.maps import Frame, locate, route_of, route_svg, route_svgs, source
from casebook.maps.basemap import basemap
from casebook.maps.flows import flow_svgs, flow_tables, flows
from casebook.model import Consent, Event, Evidence, UncertainDate
from casebook.model.records import ACCEPTED
from casebook.publish.dataset import Dataset, PersonRow
from casebook.publish.disclosure import protect
from casebook.publish.tables import TABLE_NAMES, compute_tables
from casebook.vocab import gazetteer


def test_the_basemap_is_natural_earth_and_covers_the_routes():
    data = basemap()
    assert "Natural Earth" in source() and "world-atlas" in source()
    ids = {c["id"] for c in data["countries"]}
    assert {"kp", "cn", "kr", "ru", "mn", "la", "vn", "th", "kh", "mm"} <= ids
    kp = next(c for c in data["countries"] if c["id"] == "kp")
    assert sum(len(r) for r in kp["rings"]) > 100  # a real outline, not a sketch
    assert data["borders"]["cn-kp"]  # the Yalu-Tumen border


def test_every_gazetteer_place_can_be_located():
    missing = [p.id for p in gazetteer() if locate(p.id) is None]
    assert missing == []


def test_frame_projects_north_up_and_west_left():
    frame = Frame.around([(126.0, 41.0), (129.5, 42.9)])
    hyesan, yanji = frame.xy(128.2, 41.4), frame.xy(129.5, 42.9)
    assert yanji[0] > hyesan[0] and yanji[1] < hyesan[1]
    assert frame.shows(128.2, 41.4) and not frame.shows(100.0, 15.0)


def journey():
    events = [
        Event("border_crossing", UncertainDate(2009), place="kp-ryanggang-do-hyesan",
              evidence=Evidence(0, 1)),
        Event("sale", UncertainDate(2009), place="cn-jilin-yanbian-yanji", evidence=Evidence(2, 3)),
        Event("arrest_china", UncertainDate(2010), place="cn-jilin-yanbian-tumen",
              attributes={"denied": True}, evidence=Evidence(4, 5)),
        Event("sale", UncertainDate(2010), place_text="Nowhereville", evidence=Evidence(6, 7)),
        Event("transit", UncertainDate(2012), place="cn-yunnan-kunming",
              attributes={"via": ["la", "th"]}, evidence=Evidence(8, 9)),
    ]
    return build([(1, "en", e) for e in events], origin="무산")


def test_her_route_in_order_origin_first_denials_left_out_unknown_places_listed():
    route = route_of(journey(), "en")
    assert [s.name for s in route.stops] == ["Musan", "Hyesan", "Yanji", "Kunming", "Laos",
                                             "Thailand"]
    assert route.stops[0].what == ["origin"] and [s.n for s in route.stops] == [1, 2, 3, 4, 5, 6]
    assert "Tumen" not in [s.name for s in route.stops]  # she says she was never arrested there
    assert [s.name for s in route.unplaced] == ["Nowhereville"]


def test_route_svg_draws_lines_between_stops_on_the_basemap():
    svgs = route_svgs(route_of(journey(), "ko"), "ko")
    main = svgs[0]
    assert main.startswith("<svg") and 'class="land c-kp"' in main
    assert len(re.findall(r'class="leg"', main)) == 5  # six stops, five legs
    assert "무산" in main and "라오스" in main
    assert len(svgs) == 2  # a long route gets a close-up of the crowded border region
    assert 'class="inset"' in main
    assert "http" not in "".join(svgs).replace("http://www.w3.org/2000/svg", "")


def test_a_route_without_places_still_draws_a_map():
    svg = route_svg(route_of(build([]), "en"), "en")
    assert "<svg" in svg and 'class="leg"' not in svg


def test_the_frame_puts_its_corners_on_the_picture():
    from casebook.maps.basemap import HEIGHT, WIDTH

    frame = Frame.around([(126.0, 37.6), (129.5, 42.9)])
    assert frame.xy(frame.west, frame.north) == (0.0, 0.0)
    x, y = frame.xy(frame.east, frame.south)
    assert abs(x - WIDTH) <= 1 and abs(y - HEIGHT) <= 1
    yanji, seoul = frame.xy(129.5, 42.9), frame.xy(127.0, 37.6)
    assert yanji[1] < seoul[1], "north is up"


def test_every_gazetteer_coordinate_lies_on_the_basemap():
    countries = basemap()["countries"]
    west = min(b[0] for c in countries for b in c["boxes"])
    south = min(b[1] for c in countries for b in c["boxes"])
    east = max(b[2] for c in countries for b in c["boxes"])
    north = max(b[3] for c in countries for b in c["boxes"])
    placed = [p for p in gazetteer() if p.at is not None]
    assert len(placed) > 150
    for p in placed:
        lon, lat = p.at
        assert west <= lon <= east and south <= lat <= north, p.id


def test_a_place_without_coordinates_is_drawn_at_its_nearest_ancestor():
    village = gazetteer().get("kp-hamgyong-bukdo-hoeryong-chongori")
    assert village is not None and village.at is None  # the case this test is about
    assert locate(village.id) == locate("kp-hamgyong-bukdo-hoeryong") is not None
    assert locate("zz-nowhere") is None and locate(None) is None


def test_places_told_without_an_id_are_found_and_the_unknown_listed():
    events = [Event("sale", UncertainDate(2001), place_text="Yanji", evidence=Evidence(0, 1)),
              Event("border_crossing", UncertainDate(2000), place="kp-hamgyong-bukdo-hoeryong",
                    evidence=Evidence(2, 3)),
              Event("escape", UncertainDate(2003), place_text="Atlantis", evidence=Evidence(4, 5))]
    route = route_of(build([(1, "en", e) for e in events]), "en")
    assert [s.place_id for s in route.stops] == ["kp-hamgyong-bukdo-hoeryong",
                                                 "cn-jilin-yanbian-yanji"]
    assert [s.n for s in route.stops] == [1, 2]
    assert [(s.name, s.at) for s in route.unplaced] == [("Atlantis", None)]


def test_two_stops_at_one_place_do_not_hide_each_other():
    events = [Event("sale", UncertainDate(2001), place="cn-jilin-yanbian-yanji",
                    evidence=Evidence(0, 1)),
              Event("forced_marriage", UncertainDate(2002), place="cn-jilin-yanbian-longjing",
                    evidence=Evidence(2, 3)),
              Event("sale", UncertainDate(2003), place="cn-jilin-yanbian-yanji",
                    evidence=Evidence(4, 5))]
    route = route_of(build([(1, "en", e) for e in events]), "en")
    assert [s.n for s in route.stops] == [1, 2, 3]
    circles = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', route_svg(route, "en"))
    assert len(circles) == 3 and len(set(circles)) == 3


def test_names_are_escaped_in_the_svg():
    from casebook.maps import Route, Stop

    stop = Stop(1, None, "<script>alert(1)</script>", ["<b>sale</b>"], ["2001"], (129.5, 42.9))
    svg = route_svg(Route([stop], []), "en")
    assert "<script>" not in svg and "<b>" not in svg and "&lt;script&gt;" in svg


def _cohort(n: int, seed: int = 3) -> Dataset:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        origin = rng.choice(["회령", "무산", "혜산", "신의주"])
        river = "Tumen" if origin in ("회령", "무산") else "Yalu"
        ev = [Event("border_crossing", UncertainDate(2005), attributes={"river": river},
                    status=ACCEPTED)]
        if rng.random() < 0.6:
            ev.append(Event("transit", UncertainDate(2010), place=rng.choice(["la", "th"]),
                            status=ACCEPTED))
        ev.append(Event("transit", UncertainDate(2011), place="mn", attributes={"denied": True},
                        status=ACCEPTED))  # never counted
        rows.append(PersonRow(i, consent=Consent.of(["aggregate_statistics"]),
                              profile={"origin_nk": origin,
                                       "province_china": rng.choice(["Jilin", "Liaoning"])},
                              events=ev))
    rows.append(PersonRow("no-consent", profile={"origin_nk": "청진"}, events=[]))
    return Dataset(rows, name="cohort")


def test_flows_are_published_counts_only():
    ds = _cohort(300)
    legs = flow_tables(ds)
    protect(compute_tables(ds, TABLE_NAMES) + legs, k=11)
    found = flows(legs, "en")
    shown = {f.label: f.count for f in found if f.count}
    assert shown["North Hamgyong → Tumen River"] > 11
    assert all(c >= 11 for c in shown.values())
    assert not any("Mongolia" in label for label in shown)  # denied transits are not flows
    assert not any("South Hamgyong" in f.label or "청진" in f.label for f in found)
    total = sum(c for label, c in shown.items() if label.endswith("River"))
    assert total <= 300  # the woman without consent is in no flow
    svgs = flow_svgs(found, "en")
    assert len(svgs) == 2 and svgs[0].count('class="flow"') >= 4


def test_small_flows_are_withheld_not_drawn():
    ds = _cohort(30)
    legs = flow_tables(ds)
    protect(compute_tables(ds, TABLE_NAMES) + legs, k=11)
    found = flows(legs, "en")
    assert all(f.count is None or f.count >= 11 for f in found)
    drawn = "".join(flow_svgs(found, "en"))
    assert drawn.count('class="flow"') == sum(1 for f in found if f.count)
