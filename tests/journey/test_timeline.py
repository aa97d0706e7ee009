"""Her journey in the order she told it: years order it, the words order each year; the same
event told twice is one step with both clauses; untold years are gaps; denials count nothing."""

from __future__ import annotations

from casebook.journey import Gap, build
from casebook.model import Amount, Event, Evidence, Involvement, UncertainDate

TEXT = ("In 2018 a woman from our town promised me work. In August 2018 we crossed the Tumen "
        "at night. A broker sold me to a farmer for 20,000 yuan. He sold me, yes, for 20,000 "
        "yuan, I saw the money. The police never caught me. In 2021 I reached Laos.")


def at(word: str, nth: int = 0) -> Evidence:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return Evidence.of(TEXT, start, start + len(word))


def ev(kind: str, date: UncertainDate | None, word: str, nth: int = 0, **kw) -> Event:
    return Event(kind, date=date, evidence=at(word, nth), **kw)


def story() -> list[Event]:
    # stored out of narrative order, as extraction may leave them
    return [
        ev("border_crossing", UncertainDate(2018, 8), "crossed", place="river-tumen"),
        ev("recruitment", UncertainDate(2018), "promised"),
        ev("sale", UncertainDate(2018), "sold", amount=Amount(20000, "RMB", 2018),
           involvements=[Involvement("perpetrator", "buyer", group="han_chinese")]),
        ev("sale", UncertainDate(2018), "sold", 1, amount=Amount(20000, "RMB", 2018)),
        ev("arrest_china", UncertainDate(2018), "caught", attributes={"denied": True}),
        ev("transit", UncertainDate(2021), "Laos", place="la"),
    ]


def test_a_bare_year_told_first_stays_first():
    journey = build([(1, "en", e) for e in story()])
    types = [s.event.type for s in journey.steps]
    assert types == ["recruitment", "border_crossing", "sale", "arrest_china", "transit"]


def test_the_same_sale_told_twice_is_one_step_with_both_clauses():
    journey = build([(1, "en", e) for e in story()], lambda _tid: TEXT)
    sale = next(s for s in journey.steps if s.event.type == "sale")
    assert len(sale.tellings) == 2
    assert sale.tellings[0].words == "A broker sold me to a farmer for 20,000 yuan."
    assert sale.tellings[1].words.startswith("He sold me, yes")
    assert all(len(t.words) > 10 for s in journey.steps for t in s.tellings)  # never a syllable


def test_different_sales_stay_apart():
    a = ev("sale", UncertainDate(2018), "sold", amount=Amount(20000, "RMB", 2018))
    b = ev("sale", UncertainDate(2018), "sold", 1, amount=Amount(9000, "RMB", 2018))
    c = ev("sale", UncertainDate(2018), "sold", 1, attributes={"repeat": True})
    buyer1 = ev("sale", UncertainDate(2018), "sold",
                involvements=[Involvement("perpetrator", "buyer", group="han_chinese")])
    buyer2 = ev("sale", UncertainDate(2018), "sold", 1,
                involvements=[Involvement("perpetrator", "buyer", group="korean_chinese")])
    assert len(build([(1, "en", a), (1, "en", b)]).steps) == 2
    assert len(build([(1, "en", a), (1, "en", c)]).steps) == 2
    assert len(build([(1, "en", buyer1), (1, "en", buyer2)]).steps) == 2


def test_a_denial_is_never_merged_with_the_event_nor_counted():
    happened = ev("arrest_china", UncertainDate(2019), "caught")
    denied = ev("arrest_china", UncertainDate(2019), "caught", attributes={"denied": True})
    journey = build([(1, "en", happened), (1, "en", denied)])
    assert len(journey.steps) == 2
    only_denied = build([(1, "en", e) for e in story()])
    arrests = next(c for c in only_denied.summary() if c.stage == "arrest_china")
    assert (arrests.count, arrests.not_happened) == (0, 1)
    sales = next(c for c in only_denied.summary() if c.stage == "sale")
    assert sales.count == 1  # the sale told twice is one sale


def test_untold_years_are_a_gap():
    entries = build([(1, "en", e) for e in story()]).entries()
    gaps = [e for e in entries if isinstance(e, Gap)]
    assert gaps == [Gap(2019, 2020)] and gaps[0].years == 2


def test_a_flashback_moves_with_its_year():
    arrival = Event("arrival", UncertainDate(2010), evidence=Evidence(0, 5, "x"))
    crossing = Event("border_crossing", UncertainDate(2005), evidence=Evidence(10, 15, "y"))
    steps = build([(1, "en", arrival), (1, "en", crossing)]).steps
    assert [s.event.type for s in steps] == ["border_crossing", "arrival"]


def test_two_testimonies_interleave_by_month_within_a_year():
    one = [Event("border_crossing", UncertainDate(2003, 3), evidence=Evidence(0, 1)),
           Event("arrest_china", UncertainDate(2003, 11), evidence=Evidence(5, 6))]
    two = [Event("sale", UncertainDate(2003, 6), evidence=Evidence(0, 1))]
    steps = build([(1, "ko", e) for e in one] + [(2, "en", e) for e in two]).steps
    assert [s.event.type for s in steps] == ["border_crossing", "sale", "arrest_china"]


def test_the_same_event_in_two_testimonies_is_one_step():
    a = Event("sale", UncertainDate(2003), place="cn-jilin", evidence=Evidence(0, 1))
    b = Event("sale", UncertainDate(2003, 6), place="cn-jilin-yanbian-yanji",
              evidence=Evidence(3, 4))
    steps = build([(1, "ko", a), (2, "en", b)]).steps
    assert len(steps) == 1 and steps[0].testimony_ids == [1, 2]
    assert steps[0].event.date == UncertainDate(2003, 6)  # the finer date of the two


def test_undated_events_before_the_first_date_take_its_year():
    first = Event("recruitment", None, evidence=Evidence(0, 1))
    second = Event("border_crossing", UncertainDate(2007), evidence=Evidence(5, 6))
    later = Event("arrival", UncertainDate(2001), evidence=Evidence(9, 10))  # a flashback
    steps = build([(1, "en", e) for e in (first, second, later)]).steps
    assert [s.event.type for s in steps] == ["arrival", "recruitment", "border_crossing"]
