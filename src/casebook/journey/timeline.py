"""Her journey as she told it: events in narrative order within a year, each told once.

Why not sort by date: a testimony dates most events only to a year, and a bare "2018" sorts
before "2018-08" although she told it after. So each testimony keeps the order of its words
(the evidence spans); years order the story across flashbacks, and several testimonies are
interleaved within a year by month where they give one. The same event told twice (twice in
one testimony, or in two) becomes one step with every clause that supports it. Steps follow the
stages origin -> crossing -> sales -> exploitation -> arrests and returns -> detention ->
escape -> transit -> arrival; years nobody told about are shown as gaps.
"""

from __future__ import annotations

import functools
import heapq
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

from casebook.journey.clauses import clause
from casebook.journey.reading import Reading, label, read_event
from casebook.model import Event
from casebook.model.mood import FACT, mood_of
from casebook.vocab import gazetteer


@functools.cache
def _table() -> dict[str, Any]:
    data = resources.files("casebook.journey").joinpath("stages.toml").read_text("utf-8")
    return tomllib.loads(data)


def stages() -> tuple[str, ...]:
    """Stage codes in journey order, origin first."""
    return tuple(_table()["order"])


def stage_of(event_type: str) -> str:
    return str(_table()["stage_of"].get(event_type, "other"))


def stage_label(stage: str, lang: str) -> str:
    own = _table()["label"].get("ko" if lang == "ko" else "en", {})
    return str(own.get(stage) or label("event_type", stage, lang))


@dataclass(frozen=True)
class Telling:
    """One telling of a step: which testimony, the event as extracted, its clause."""

    testimony_id: int
    language: str
    event: Event
    words: str = ""  # the supporting clause (or the stored quote when no text was read)


@dataclass
class Step:
    """One event of her journey, told once or several times."""

    event: Event  # the tellings combined: details any telling gave
    stage: str
    tellings: list[Telling] = field(default_factory=list)
    year: int | None = None

    @property
    def mood(self) -> str:
        return mood_of(self.event)

    @property
    def counted(self) -> bool:
        return self.mood == FACT

    @property
    def testimony_ids(self) -> list[int]:
        return sorted({t.testimony_id for t in self.tellings})

    def reading(self, lang: str) -> Reading:
        return read_event(self.event, lang)


@dataclass(frozen=True)
class Gap:
    """Years between two told steps that nobody told about."""

    first_year: int
    last_year: int

    @property
    def years(self) -> int:
        return self.last_year - self.first_year + 1


@dataclass(frozen=True)
class StageCount:
    stage: str
    count: int  # steps told as having happened
    not_happened: int  # steps told as denied, planned, feared or uncertain


@dataclass
class Journey:
    steps: list[Step] = field(default_factory=list)
    origin: str | None = None  # where she is from, as told or a gazetteer id

    def entries(self) -> list[Step | Gap]:
        """Steps with the gaps between them (two or more years apart: the years between)."""
        out: list[Step | Gap] = []
        last: int | None = None
        for step in self.steps:
            if step.year is not None:
                if last is not None and step.year - last >= 2:
                    out.append(Gap(last + 1, step.year - 1))
                last = step.year if last is None else max(last, step.year)
            out.append(step)
        return out

    def summary(self) -> list[StageCount]:
        """Per stage after origin: how many steps happened, how many were told as not."""
        out = []
        counted_types = _table()["summary"]
        for stage in stages()[1:]:
            types = counted_types.get(stage, [stage])
            mine = [s for s in self.steps if s.event.type in types]
            out.append(StageCount(stage, sum(s.counted for s in mine),
                                  sum(not s.counted for s in mine)))
        return out

    def counted(self) -> list[Step]:
        return [s for s in self.steps if s.counted]


Item = tuple[int, str, Event]  # (testimony id, language, event) in the order they were stored


def _narrative(events: list[tuple[int, Event]]) -> list[tuple[int, Event]]:
    """A testimony's events in the order of their words (an unplaced one after the one before)."""
    keyed = []
    at = -1
    for n, event in events:
        if event.evidence is not None:
            at = event.evidence.start
        keyed.append(((at, n), n, event))
    keyed.sort(key=lambda k: k[0])
    return [(n, e) for _, n, e in keyed]


def _years(events: list[Event]) -> list[int | None]:
    """Each event's year: its own, else the year told before it, else the first year told."""
    own = [e.date.year if e.date and e.date.year else None for e in events]
    first = next((y for y in own if y is not None), None)
    out, carried = [], first
    for y in own:
        carried = y if y is not None else carried
        out.append(carried)
    return out


def _month(event: Event) -> int | None:
    bounds = event.date.bounds() if event.date else None
    if bounds is None or event.date is None or event.date.precision in (
            "year", "approximate_year", "range", "unknown"):
        return None
    return bounds[0].month


def _ancestors(place_id: str) -> set[str]:
    gaz = gazetteer()
    if place_id not in gaz:
        return set()
    return {p.id for p in gaz.ancestors(place_id)}


def _places_agree(a: Event, b: Event) -> bool:
    if not a.place or not b.place or a.place == b.place:
        if a.place or b.place or not (a.place_text and b.place_text):
            return True
        return a.place_text.strip().lower() == b.place_text.strip().lower()
    return a.place in _ancestors(b.place) or b.place in _ancestors(a.place)


def _dates_agree(a: Event, b: Event) -> bool:
    if not a.date or not b.date or not a.date.year or not b.date.year:
        return True
    if a.date.year != b.date.year:
        return False
    for key in ("month", "season", "day"):
        x, y = getattr(a.date, key), getattr(b.date, key)
        if x is not None and y is not None and x != y:
            return False
    return True


def _coded(event: Event) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for inv in event.involvements:
        role = inv.perpetrator_role
        code = inv.group or inv.relation
        if role and code:
            out.setdefault(role, set()).add(code)
    return out


def _values(value: Any) -> set[str]:
    if value in (None, "", [], ()):
        return set()
    return {str(v) for v in value} if isinstance(value, list | tuple | set) else {str(value)}


def same_event(a: Event, b: Event) -> bool:
    """True when ``b`` can be the same event as ``a`` told again: nothing either gives differs."""
    rules = _table()["merge"]
    if a.type != b.type or mood_of(a) != mood_of(b):
        return False
    if any(b.attributes.get(k) for k in rules["never_merge_if"]):
        return False
    if not (_dates_agree(a, b) and _places_agree(a, b)):
        return False
    if a.amount and b.amount and (a.amount.value, a.amount.currency) != (b.amount.value,
                                                                         b.amount.currency):
        return False
    for key in rules["distinct_if_different"]:
        x, y = _values(a.attributes.get(key)), _values(b.attributes.get(key))
        if x and y and not x & y:
            return False
    ca, cb = _coded(a), _coded(b)
    return all(not (ca[r] and cb[r]) or bool(ca[r] & cb[r]) for r in ca.keys() & cb.keys())


def _finer(a: Any, b: Any) -> Any:
    return a if a not in (None, "", [], {}) else b


def combine(a: Event, b: Event) -> Event:
    """One event from two tellings: the first's details, completed by the second's."""
    date = a.date
    if b.date and (not date or (date.precision in ("year", "approximate_year", "unknown")
                                and b.date.precision not in ("year", "approximate_year"))):
        date = b.date
    involvements = list(a.involvements)
    for inv in b.involvements:
        if inv not in involvements:
            involvements.append(inv)
    return replace(a, date=date, place=_finer(a.place, b.place),
                   place_text=_finer(a.place_text, b.place_text),
                   amount=a.amount or b.amount, involvements=involvements,
                   attributes={**b.attributes, **a.attributes})


def _words(text_of: Callable[[int], str | None], testimony_id: int, event: Event) -> str:
    if event.evidence is None:
        return ""
    text = text_of(testimony_id)
    if text:
        return clause(text, event.evidence.start, event.evidence.end) or event.evidence.quote
    return event.evidence.quote


def build(items: Iterable[Item], text_of: Callable[[int], str | None] | None = None,
          origin: str | None = None) -> Journey:
    """Her journey from the events of her testimonies (rejected ones already left out).

    ``text_of(testimony_id)`` gives a testimony's text when the reader may see it, so each step
    shows the clause that supports it; without it the stored words are shown.
    """
    text_of = text_of or (lambda _tid: None)
    by_testimony: dict[int, list[tuple[int, Event]]] = {}
    language: dict[int, str] = {}
    for n, (tid, lang, event) in enumerate(items):
        by_testimony.setdefault(tid, []).append((n, event))
        language[tid] = lang
    sequences = []
    for order, (tid, events) in enumerate(by_testimony.items()):
        told = _narrative(events)
        years = _years([e for _, e in told])
        seq = []
        month = 0
        for pos, ((_n, event), year) in enumerate(zip(told, years)):
            month = _month(event) or (month if pos else 0)
            seq.append((year, order, pos, month, tid, event))
        # a flashback to an earlier year moves with its year; within a year the words' order
        seq.sort(key=lambda s: (s[0] is None, s[0] or 0, s[2]))
        sequences.append(seq)
    merged = heapq.merge(*sequences, key=lambda s: (s[0] is None, s[0] or 0, s[3], s[1]))
    steps: list[Step] = []
    for year, _order, _pos, _month_key, tid, event in merged:
        telling = Telling(tid, language[tid], event, _words(text_of, tid, event))
        stage = stage_of(event.type)
        target = None
        for step in reversed(steps):
            if step.stage != stage:
                break
            if same_event(step.event, event):
                target = step
                break
        if target is not None:
            target.event = combine(target.event, event)
            target.tellings.append(telling)
        else:
            steps.append(Step(event, stage, [telling], year))
    return Journey(steps, origin)


__all__ = ["Gap", "Journey", "StageCount", "Step", "Telling", "build", "combine", "same_event",
           "stage_label", "stage_of", "stages"]
