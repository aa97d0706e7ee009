"""The walk: a testimony's sentences in order, turned into events by the table of steps in
``extract/rules/walk.toml`` (state, view of the sentence's cues) -> handler / next state.

The table says *when* a cue becomes an event and where she is afterwards; this module holds the
views (which cues of a sentence a step looks at), the guards and the handlers (how an event is
built). A "prison" before she left is not a North Korean detention; a police arrest after her
return is not an arrest in China unless the sentence says so.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources

from casebook.errors import InvalidInput
from casebook.extract import hints, name_search, rules
from casebook.extract.cues import Context, Cue
from casebook.extract.exploitation_forms import cybersex_explains
from casebook.extract.negation import DENIED, FACT, UNREAL
from casebook.extract.numbers import amount_of
from casebook.extract.recruitment import recruitment
from casebook.extract.sales import dedupe_sales, payments, price, sales, set_buyer_purpose
from casebook.extract.story import Builder, Sentence, count_of, cues_of, lx
from casebook.model import Event, Fact, UncertainDate

STATES = ("nk0", "china", "nk", "abroad", "sk")
# on the lower-cased sentence: marr|husband|결혼|시집|남편 ignoring case (ſ is an s then)
_MARRIAGE_HINT = re.compile(r"marr|hu[sſ]band|결혼|시집|남편")
# on the lower-cased sentence
_PAPERS_HINT = re.compile(r"none|fake|false|forged|real|legal|proper|없|가짜")


def _papers_hint(s: Sentence) -> bool:
    """``_PAPERS_HINT`` in the sentence (its words found with the other stages' hint words in
    one pass; a Korean sentence asks the regex, which costs less there than the pass)."""
    low = s.text.lower()
    return bool(_PAPERS_HINT.search(low) if s.lang == "ko" else hints.families(low) & hints.PAPERS)


def _marriage_hint(s: Sentence) -> bool:
    """``_MARRIAGE_HINT`` in the sentence (as :func:`_papers_hint`)."""
    low = s.text.lower()
    return bool(_MARRIAGE_HINT.search(low) if s.lang == "ko"
                else hints.families(low) & hints.MARRIAGE)


@dataclass(frozen=True)
class Step:
    """One row of walk.toml."""

    view: str
    states: tuple[str, ...]
    event: str = ""
    to: str = ""
    when: str = ""
    unless: str = ""
    group: str = ""


@functools.cache
def steps() -> tuple[Step, ...]:
    """The walk table, validated against the views, guards and handlers of this module."""
    raw = resources.files("casebook.extract.rules").joinpath("walk.toml").read_text(
        encoding="utf-8")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"extract/rules/walk.toml: not valid TOML ({exc})") from None
    out = []
    for i, row in enumerate(data.get("step", []), 1):
        where = f"extract/rules/walk.toml step {i}"
        step = Step(row.get("view", ""), tuple(row.get("in", ["*"])), row.get("event", ""),
                    row.get("to", ""),
                    row.get("when", ""), row.get("unless", ""), row.get("group", ""))
        if step.view not in VIEWS:
            raise InvalidInput(f"{where}: unknown view {step.view!r}")
        for guard in (step.when, step.unless):
            if guard and guard not in GUARDS:
                raise InvalidInput(f"{where}: unknown guard {guard!r}")
        if step.event and step.event not in HANDLERS:
            raise InvalidInput(f"{where}: unknown event handler {step.event!r}")
        if step.to and step.to not in STATES:
            raise InvalidInput(f"{where}: unknown state {step.to!r}")
        if any(st != "*" and st not in STATES for st in step.states):
            raise InvalidInput(f"{where}: unknown state in {step.states!r}")
        out.append(step)
    return tuple(out)


@functools.cache
def _steps_by_state() -> dict[str, list[tuple[Step, set[str] | None]]]:
    """For each state, the steps that may apply in it and the cue kinds their view reads. A
    step that moves the state is followed by the steps of every state (the walk checks)."""
    out: dict[str, list[tuple[Step, set[str] | None]]] = {}
    table = steps()
    for state in STATES:
        keep, moved = [], False
        for step in table:
            if moved or "*" in step.states or state in step.states:
                keep.append((step, NEEDS.get(step.view)))
                moved = moved or bool(step.to)
        out[state] = keep
    return out


@dataclass
class Walk:
    """Where the walk stands: the state, the sentence it reads, and what it has seen."""

    b: Builder
    sents: list[Sentence]
    ctx: Context
    state: str = "nk0"
    i: int = 0
    crossings: int = 0
    first_cross_idx: int | None = None
    last_sale: tuple[int, Event] | None = None
    sale_idx: list[int] = field(default_factory=list)
    # sentence index -> id of the sale it tells
    sale_event: dict[int, int] = field(default_factory=dict)
    lead_sale_idx: list[int] = field(default_factory=list)
    told_crossing: bool = False  # the story tells her crossing (else it starts in China)
    # where the return was told in this sentence (detention after it is hers)
    rep_at: int | None = None
    cache: dict = field(default_factory=dict)  # views computed for the current sentence
    states: list[str] = field(default_factory=list)  # the state after each sentence

    # the sentence it reads, sents[i] (set with i by the walk: an attribute, not a property, as
    # the views read it some 300 times a testimony)
    s: Sentence = field(init=False)

    @property
    def prev(self) -> Sentence | None:
        return self.sents[self.i - 1] if self.i else None

    def view(self, name: str) -> list:
        if name not in self.cache:
            self.cache[name] = VIEWS[name](self)
        return self.cache[name]

    def add(self, typ: str, cue: Cue | None, confidence: float, **attributes) -> Event:
        s = self.s
        ev = self.b.ev(s, cue.start, cue.end) if cue is not None else self.b.sentence_ev(s)
        date = s.date_at(cue.start) if cue is not None else s.date
        e = Event(typ, date=date, attributes=attributes, evidence=ev, confidence=confidence)
        self.b.events.append(e)
        return e


# ----------------------------------------------------------------------------------- views

def _first(w: Walk, kind: str) -> Cue | None:
    found = cues_of(w.s, kind, None)
    return found[0] if found else None


def view_crossing(w: Walk) -> list[Cue]:
    return cues_of(w.s, "crossing")


def view_reach_china(w: Walk) -> list[Cue]:
    return cues_of(w.s, "reach_china")


def view_transit(w: Walk) -> list[Cue]:
    return cues_of(w.s, "transit")


def view_arrival(w: Walk) -> list[Cue]:
    return cues_of(w.s, "arrival")


def view_sale(w: Walk) -> list[Cue]:
    """Her sale cues; where she is in China (or about to be), a payment to whoever handed her
    over."""
    found = [c for c in cues_of(w.s, "sale") if not c.extra.get("group") or _her_before(w)]
    if not found and w.state in ("china", "nk0"):
        found = payments(w.s, w.prev)
    return found


def _her_before(w: Walk) -> bool:
    """Does the sentence before name her ("Kim crossed with a friend. They were both sold"), so
    that "they" may be her group (not "Her two cousins followed. They were sold")?"""
    prev = w.prev
    if prev is None:
        return False
    if lx(prev, "her_mention").search(prev.text):
        return True
    low = prev.text.lower()
    return name_search.first(low, [n.lower() for n in w.ctx.names]) is not None


def view_sale_denied(w: Walk) -> list[Cue]:
    s = w.s
    denied = cues_of(s, "sale", DENIED)
    nxt = w.sents[w.i + 1].text if w.i + 1 < len(w.sents) else ""
    if not denied and (lx(s, "foiled").search(s.text) or lx(s, "foiled_next").match(nxt)):
        denied = cues_of(s, "sale", UNREAL)  # "planned to sell me …, but I ran away": a foiled sale
    return denied


def view_late_price(w: Walk) -> list:
    last = w.last_sale
    if last and w.i - last[0] == 1 and last[1].amount is None:
        if lx(w.s, "sale_word").search(w.s.text) and not cues_of(w.s, "sale", None):
            return []  # "이씨는 5천 위안에 팔렸다" after her sale: another woman's price
        m = price(w.s, w.s.money, require_words=True)
        return [m] if m else []
    return []


def view_hukou(w: Walk) -> list[Cue]:
    return cues_of(w.s, "hukou", None)


def view_arrest(w: Walk) -> list[Cue]:
    c = _first(w, "arrest")
    return [c] if c is not None and c.status == FACT else []


def view_arrest_denied(w: Walk) -> list[Cue]:
    c = _first(w, "arrest")
    return [c] if c is not None and c.status == DENIED else []


def _answer(w: Walk, kind: str) -> list[dict]:
    if w.i == 0 or not w.sents[w.i - 1].text.rstrip().endswith("?") or cues_of(w.s, kind, None):
        return []
    qa = _qa_count(w.s, w.prev)
    return [qa[1]] if qa and qa[0] == kind else []


def view_answer_crossing(w: Walk) -> list[Cue]:
    """"Q: When did you leave North Korea?" / "A: In 2002.": the answer dates her crossing."""
    if w.i == 0 or cues_of(w.s, "crossing", None):
        return []
    m = lx(w.s, "answer_year").match(w.s.text)  # (a year at its start first: the cheaper test)
    if m is None or not lx(w.s, "q_crossing").search(w.sents[w.i - 1].text):
        return []
    return [Cue("crossing", m.start(), m.end(), extra={"anchor": "answer"})]


def view_answer_arrest(w: Walk) -> list[dict]:
    return _answer(w, "arrest")


def view_answer_sale(w: Walk) -> list[dict]:
    return _answer(w, "sale")


def view_repatriation(w: Walk) -> list[Cue]:
    c = _first(w, "repatriation")
    if c is None or c.status != FACT:
        return []
    # (and a second return the Korean sentence tells after "다시": see on_repatriation)
    return [c, *(x for x in cues_of(w.s, "repatriation")[1:2] if x.extra.get("again_here"))]


def view_repatriation_denied(w: Walk) -> list[Cue]:
    c = _first(w, "repatriation")
    return [c] if c is not None and c.status == DENIED else []


def view_answer_repatriation(w: Walk) -> list[dict]:
    return _answer(w, "repatriation")


def view_detention(w: Walk) -> list[Cue]:
    # ("after_return": the place the return took her, named before the verb: "…로 북송됐다")
    return [c for c in cues_of(w.s, "detention") if w.rep_at is None or c.start > w.rep_at
            or c.extra.get("after_return")]


def view_facility_in_custody(w: Walk) -> list[Cue]:
    det = view_detention(w)
    if det and w.s.lang == "ko":
        cross = [c.start for c in cues_of(w.s, "crossing")]
        if cross:  # "교화소에서 2년을 보낸 뒤 다시 탈북했다": held in North Korea before she left
            det = [c for c in det if c.start > min(cross)]
    if det and lx(w.s, "in_custody").search(w.s.text) and any(
            c.code not in ("other", "police_detention") for c in det):
        return det[:1]
    return []


def view_violence(w: Walk) -> list[Cue]:
    return cues_of(w.s, "violence")


def view_drugging(w: Walk) -> list[Cue]:
    return [c for c in cues_of(w.s, "violence") if c.code == "drugging"]


def view_exploitation(w: Walk) -> list[Cue]:
    return cues_of(w.s, "exploitation")


def view_birth(w: Walk) -> list[Cue]:
    # "we have two children" counts only where the story has taken her across (a report that
    # starts in China could be telling children she brought from the North)
    return [c for c in cues_of(w.s, "birth") if w.told_crossing or not c.extra.get("unplaced")]


def view_birth_total(w: Walk) -> list[Cue]:
    return [c for c in cues_of(w.s, "birth") if c.extra.get("total")]


def view_birth_denied(w: Walk) -> list[Cue]:
    return [c for c in cues_of(w.s, "birth", DENIED) if c.value == 0]  # "I have no children"


def view_papers_ref(w: Walk) -> list:
    s = w.s
    prev = w.sents[w.i - 1].text.rstrip() if w.i else ""
    asked = prev.endswith("?") and bool(re.search(r"\byou\b", prev, re.I))
    if not w.i or not (asked or _papers_hint(s)) or cues_of(s, "hukou", None):
        return []
    m = lx(s, "papers_ref").search(s.text)
    if m and m.groupdict().get("no") and not asked:
        return []  # "No" answers an interviewer's question about her papers, nothing else
    return [m] if m and lx(s, "papers_word").search(prev) else []


def view_vague_times(w: Walk) -> list[Cue]:
    return [c for c in w.s.cues if c.kind == "vague_times"][:1]


# the cue kinds a view reads (a view not listed is always asked: it reads words or other sentences)
NEEDS: dict[str, set[str]] = {
    "crossing": {"crossing"}, "reach_china": {"reach_china"}, "transit": {"transit"},
    "arrival": {"arrival"}, "hukou": {"hukou"},
    "sale_denied": {"sale"}, "arrest": {"arrest"}, "arrest_denied": {"arrest"},
    "repatriation": {"repatriation"}, "repatriation_denied": {"repatriation"},
    "detention": {"detention"}, "facility_in_custody": {"detention"}, "violence": {"violence"},
    "drugging": {"violence"}, "exploitation": {"exploitation"}, "birth": {"birth"},
    "birth_total": {"birth"},
    "birth_denied": {"birth"}, "vague_times": {"vague_times"},
}

VIEWS: dict[str, Callable[[Walk], list]] = {
    name[len("view_"):]: fn for name, fn in globals().items() if name.startswith("view_")}


# ---------------------------------------------------------------------------------- guards

def when_abroad(w: Walk) -> bool:
    return any(c.kind == "abroad" for c in w.s.cues)


def when_no_crossing_yet(w: Walk) -> bool:
    return w.crossings == 0


def when_crossing_ahead(w: Walk) -> bool:
    return any(c.kind == "crossing" and c.status == FACT for x in w.sents[w.i + 1:] for c in x.cues)


def when_sale(w: Walk) -> bool:
    return bool(w.view("sale"))


def when_retold_crossing(w: Walk) -> bool:
    """The crossing told a sentence or two before, told again ("… Crossed the Tumen in May")."""
    if w.crossings != 1 or w.first_cross_idx is None or lx(w.s, "again").search(w.s.text):
        return False
    if 0 < w.i - w.first_cross_idx <= 2:
        return True
    # "One woman says she defected … (her story) … she waded across": a summary's crossing, told
    # again in the story before anything else happened to her in China
    first = next((e for e in w.b.events if e.type == "border_crossing"), None)
    if first is None or first.date is not None:
        return False
    since = {e.type for e in w.b.events[w.b.events.index(first):]}
    year = w.s.date.year if w.s.date is not None else None
    if w.s.lang == "en" and year and _year_told(w, year) and not since & {"arrest_china",
                                                                          "repatriation"} and (
            "sale" not in since or w.first_cross_idx <= 2):
        # "I escaped and went to China, where I was sold" (a lede) … "She defected in 1998": the
        # undated crossing, now with its year (she was not sent back in between)
        return True
    return "river" not in first.attributes and not since & {"sale", "arrest_china",
                                                            "repatriation", "transit"}


def when_retold_return(w: Walk) -> bool:
    """"Caught by Chinese police and repatriated last year … she was arrested by Chinese police and
    sent back": the arrest and return told again (no "again", no later year, no sale or crossing
    told since the return)."""
    if lx(w.s, "again").search(w.s.text) or lx(w.s, "times").search(w.s.text):
        return False
    back = next((e for e in reversed(w.b.events) if e.type == "repatriation"
                 and not e.attributes.get("denied")), None)
    if back is None:
        return False
    d = w.s.date
    if d is not None and back.date is not None and d.year and back.date.year \
            and d.year > back.date.year:
        return False
    if w.s.lang == "ko" and not any(e.type == "arrest_china" and not e.attributes.get("denied")
                                    for e in w.b.events):
        return False  # "강제북송된 김씨는 …", "김씨는 공안에 체포돼 북송됐다": a new arrest
    return not any(e.type in ("sale", "border_crossing")
                   for e in w.b.events[w.b.events.index(back):])


def when_sold_here(w: Walk) -> bool:
    """The sentence tells her sale (a count, or none: "sold repeatedly into marriage")."""
    return when_sale(w) or any(c.kind == "vague_times" for c in w.s.cues)


def when_detention_before_crossing(w: Walk) -> bool:
    """The facility is named before the sentence's crossing ("감옥에서 나온 그녀는 다시 탈북했다",
    "after two months in the holding centre I crossed again"). In English only a named facility
    counts, or an unnamed one before a crossing told as "again" ("after a year in prison she
    escaped to China again"): a sentence may name "prisoners" or "the camp" in general beside an
    arrival."""
    cross = [c.start for c in cues_of(w.s, "crossing")]
    return bool(cross) and any(
        c.start < min(cross) and (w.s.lang == "ko" or c.code != "other" or when_again(w))
        for c in w.view("detention"))


def when_china_named(w: Walk) -> bool:
    return bool(lx(w.s, "china_word").search(w.s.text))


def when_nk_named(w: Walk) -> bool:
    return bool(lx(w.s, "nk_word").search(w.s.text)) and not when_china_named(w)


def when_nk_papers(w: Walk) -> bool:
    """"No money and no identification papers" at a North Korean station before she left: her
    North Korean papers, not her Chinese registration (unless the sentence names China)."""
    return w.state == "nk0" and bool(lx(w.s, "papers_not_chinese").search(w.s.text))


def when_born_before_return(w: Walk) -> bool:
    """"had two children before being dragged back to North Korea": the births come before the
    return the same sentence tells, so they were in China."""
    births = [c.start for c in w.view("birth")]
    back = [c.start for c in w.s.cues if c.kind == "repatriation" and c.status == FACT]
    return bool(births and back) and min(births) < min(back)


def when_born_in_china(w: Walk) -> bool:
    """A birth the sentence places in China ("아들 1명(중국 출생)", "중국에서 낳은 딸"), wherever
    a case note's list of items has left her."""
    return any(c.extra.get("in_china") for c in w.view("birth")) and not when_born_before_return(w)


def when_left_after_custody(w: Walk) -> bool:
    """"Soon after her release from jail, she went to China": custody told as what she left
    behind came before her first crossing (no arrest in China, no return). Read in this sentence
    or in the ones up to the first crossing the story tells (at most four on); not after a
    crossing or a return was told, nor when the leaving is "again"."""
    if w.crossings or any(e.type == "repatriation" for e in w.b.events):
        return False
    for s in w.sents[w.i:w.i + 5]:
        if lx(s, "left_after_custody").search(s.text):
            return not lx(s, "again").search(s.text)
        if s is not w.s and cues_of(s, "crossing"):
            return False
    return False


def when_not_sent_back(w: Walk) -> bool:
    """Custody that implies no return from China: left behind before her first crossing, or
    after being caught on the way out ("caught while crossing the river … held a month at the
    detention centre"), told in this sentence or the one before."""
    if when_left_after_custody(w) or when_detention_before_crossing(w):
        return True  # or the facility she left to cross again ("out of the camp, I crossed")
    return any(lx(s, "caught_crossing").search(s.text) for s in w.sents[max(0, w.i - 1):w.i + 1])


def when_again(w: Walk) -> bool:
    return bool(lx(w.s, "again").search(w.s.text))


GUARDS: dict[str, Callable[[Walk], bool]] = {
    name[len("when_"):]: fn for name, fn in globals().items() if name.startswith("when_")}


# -------------------------------------------------------------------------------- handlers

def on_border_crossing(w: Walk, found: list[Cue]) -> None:
    s, c = w.s, found[0]
    river = next((x.code for x in s.cues if x.kind == "river"), None)
    if river is None and w.crossings == 0:
        river = _river_near(w.sents, w.i)
    attrs: dict = {}
    if river:
        attrs["river"] = river
    if any(x.kind == "alone" for x in s.cues):
        attrs["alone"] = True
    if any(x.kind == "broker_voluntary" for x in s.cues):
        attrs["with_broker"] = True
    if c.extra.get("anchor") in ("subject", "clause"):
        attrs["agent"] = "her"  # she crossed (not "a man took me across")
    w.crossings += 1
    attrs["order"] = w.crossings
    e = w.add("border_crossing", c, 0.8, **attrs)
    if e.date is not None and e.date.year and _year_of_a_later_clause(s, c.end, e.date.year):
        e.date = None  # "she fled … after her husband starved to death in 2002": not when she fled
    if w.first_cross_idx is None:
        w.first_cross_idx = w.i
    if w.crossings == 1 and w.s.lang == "ko" and (lx(w.s, "again").search(w.s.text)
                                                  or "재탈북" in w.s.text) and (any(
            x.type == "repatriation" and not x.attributes.get("denied") for x in w.b.events)
            or any(x.kind == "repatriation" and x.status == FACT and x.start < c.start
                   for x in w.s.cues)):
        # "2010년 북송됐다가 다시 탈북했다" with no crossing told before: she left again, and
        # when she first left is not told
        e.date = None
        e.attributes["again"] = True
    if w.crossings == 1 and e.date is not None:
        e.date = _paragraph_date(w, e.date)


def _unforced_marry(b: Builder, sents: list[Sentence], e: Event) -> bool:
    """An English forced-marriage cue that is only the word "marry" ("agreed to marry him", "had
    to get married" is forced), with no force word just before it (read on its sentence)."""
    if b.lang != "en" or e.evidence is None or not lx(b.lang, "bare_marry").fullmatch(
            e.evidence.quote or ""):
        return False
    for s in sents:
        o = b.c.original(s.start)
        if o <= e.evidence.start < o + len(s.text):
            a = e.evidence.start - o
            return not lx(b.lang, "force_before").search(s.text[max(0, a - 40):a])
    return False


def _paragraph_date(w: Walk, d: UncertainDate | None) -> UncertainDate | None:
    """``d`` with the month of the dated sentence of this paragraph that tells its year ("In
    March 2004 a trader came to our market … I went with him … I woke in a shed"): the running
    date lets a month go stale after three sentences, but a dated paragraph leads into the
    crossing it ends with."""
    if d is None or not d.year or d.month:
        return d
    told = next((x.date for x in reversed(w.sents[max(0, w.i - 5):w.i])
                 if x.para == w.s.para and x.date is not None and str(d.year) in x.text), None)
    return told if told is not None and told.year == d.year and told.month else d


_AFTER_CLAUSE = re.compile(r"\b(?:after|because|since|following)\b")


def _year_of_a_later_clause(s: Sentence, cue_end: int, year: int) -> bool:
    """The year is told after the cue, inside an "after/because/since …" clause (English)."""
    at = s.text.find(str(year), cue_end)
    return s.lang == "en" and at > 0 and _AFTER_CLAUSE.search(s.text, cue_end, at) is not None


def on_crossing_detail(w: Walk, found: list[Cue]) -> None:
    e = next((x for x in w.b.events if x.type == "border_crossing"), None)
    if e is None:
        return
    d = w.s.date
    if e.date is None:
        d = _paragraph_date(w, d)
    if d is not None and (e.date is None and d.year and w.s.lang == "en" and _year_told(w, d.year)
                          or d.month and e.date is not None and e.date.year == d.year
                          and not e.date.month):
        e.date = d
    river = next((x.code for x in w.s.cues if x.kind == "river"), None) or _river_near(w.sents, w.i)
    if river and "river" not in e.attributes:
        e.attributes["river"] = river


def on_transit(w: Walk, found: list[Cue]) -> None:
    w.add("transit", found[0], 0.6)


def on_arrival(w: Walk, found: list[Cue]) -> None:
    w.add("arrival", found[0], 0.7)


def on_sale(w: Walk, found: list[Cue]) -> None:
    new = sales(w.b, w.sents, w.i, w.s, found, w.last_sale)
    if new:
        w.last_sale = (w.i, new[-1])
        if not any(e.attributes.get("lead") for e in new):
            w.sale_idx.append(w.i)
            w.sale_event[w.i] = id(new[0])
        elif not w.lead_sale_idx:
            w.lead_sale_idx.append(w.i)  # an introduction's summary: her own telling tells it again


def on_sale_denied(w: Walk, found: list[Cue]) -> None:
    for c in found:
        w.add("sale", c, 0.6, denied=True)


def on_late_price(w: Walk, found: list) -> None:
    assert w.last_sale is not None
    e = w.last_sale[1]
    e.amount = amount_of(found[0], e.date)
    set_buyer_purpose(e, w.s)


def on_answer_sale(w: Walk, found: list[dict]) -> None:
    w.add("sale", None, 0.6, **found[0])


def on_arrest_denied(w: Walk, found: list[Cue]) -> None:
    w.add("arrest_china", found[0], 0.7, denied=True)


def on_arrest_china(w: Walk, found: list) -> None:
    c = found[0]
    if isinstance(c, Cue):
        times = _times(w.s.text, c, w.s.lang)
        # "sent back three times after she was caught in China": each return, an arrest
        if not times:
            back = next((r for r in w.s.cues if r.kind == "repatriation" and r.status == c.status),
                        None)
            times = _times(w.s.text, back,
                           w.s.lang) if back is not None and lx(w.s, "caught_before").search(
                w.s.text, back.end, c.start) else {}
        w.add("arrest_china", c, 0.75, **times)
    else:  # an interview answer: its count
        w.add("arrest_china", None, 0.6, **c)


def on_repatriation_denied(w: Walk, found: list[Cue]) -> None:
    w.add("repatriation", found[0], 0.7, denied=True)


def on_repatriation(w: Walk, found: list) -> None:
    c = found[0]
    if isinstance(c, Cue):
        _arrest_by_its_return(w, c)
        e = w.add("repatriation", c, 0.8, **_times(w.s.text, c, w.s.lang))
        if c.extra.get("described"):
            e.attributes["described"] = True  # a return that introduces her (Korean reports)
        w.rep_at = c.start
        for again in found[1:2]:
            if isinstance(again, Cue) and again.extra.get("again_here"):
                # "…북송됐고, 2005년 다시 … 북송됐다": the sentence's second return
                w.add("repatriation", again, 0.7)
                w.rep_at = again.start
    else:
        w.add("repatriation", None, 0.6, **c)


def _arrest_by_its_return(w: Walk, c: Cue) -> None:
    """A return from China whose arrest is told only by what led to it ("she was reported to the
    authorities and repatriated", "one day a police car arrived. She was repatriated"): the
    Chinese authorities took her, an arrest, when no arrest is told since she last came to China
    (English, this sentence or the one before)."""
    if w.s.lang != "en" or c.status != FACT or w.state not in ("china", "nk0"):
        return
    since = next((k for k in range(len(w.b.events) - 1, -1, -1)
                  if w.b.events[k].type in ("border_crossing", "repatriation")), -1)
    if any(e.type == "arrest_china" for e in w.b.events[since + 1:]):
        return
    here = w.s.text[:c.start]
    prev = w.sents[w.i - 1].text if w.i > 0 else ""
    for text in (here, prev):
        m = lx(w.s, "authorities_act").search(text)
        if m is not None and not lx(w.s, "got_away").search(text, m.end(), m.end() + 50):
            w.add("arrest_china", None, 0.5, implied=True)
            return


def on_implied_repatriation(w: Walk, found: list[Cue]) -> None:
    w.add("repatriation", found[0], 0.55, implied=True)


def on_detention_nk(w: Walk, found: list[Cue]) -> None:
    for c in found:
        episode = [e for e in w.b.events if e.type == "detention_nk"
                   and e.attributes.get("episode") == w.crossings]
        if any(e.attributes.get("facility") == c.code for e in episode):
            continue
        if c.code == "other" and episode:
            continue  # "the camp" after a named facility is that facility
        w.add("detention_nk", c, 0.75, facility=c.code, episode=w.crossings)


def on_violence(w: Walk, found: list[Cue]) -> None:
    for c in found:
        w.add("violence", c, 0.7, kind=c.code)


_EXPLOITATION_EVENT = {"forced_marriage": "forced_marriage", "prostitution": "prostitution",
                       "cybersex": "cybersex"}


def on_exploitation(w: Walk, found: list[Cue]) -> None:
    for c in found:
        w.add(_EXPLOITATION_EVENT.get(c.code or "", "forced_labour"), c, 0.65, kind=c.code)


def _n(c: Cue) -> int:
    return int(c.value) if isinstance(c.value, (int, float)) and c.value else 1


def on_child_birth(w: Walk, found: list[Cue]) -> None:
    for c in found:
        if w.state == "nk":  # a total told from the present, after her return
            w.add("child_birth", c, 0.6, count=_n(c), total=True, what=c.extra.get("what"))
        else:
            w.add("child_birth", c, 0.7, count=_n(c), total=c.extra.get("total", False),
                  what=c.extra.get("what"), definite=c.extra.get("definite", False))


def on_child_birth_denied(w: Walk, found: list[Cue]) -> None:
    for c in found:
        w.add("child_birth", c, 0.6, denied=True, count=0)


def on_registration(w: Walk, found: list) -> None:
    for c in found:
        if isinstance(c, Cue):
            w.add("registration", c, 0.7, status=c.code)
        else:  # "I have none" / "I have a fake one" after papers were named
            k = (c.group("k") or "").lower()
            status = "none" if c.group("none") or c.groupdict().get("no") else (
                "fake" if k in ("fake", "false", "forged") else "obtained")
            w.add("registration", Cue("hukou", c.start(), c.end()), 0.6, status=status)


def on_vague_sale(w: Walk, found: list[Cue]) -> None:
    w.add("sale", None, 0.4, vague=True)


HANDLERS: dict[str, Callable[[Walk, list], None]] = {
    name[len("on_"):]: fn for name, fn in globals().items() if name.startswith("on_")}


# ------------------------------------------------------------------------------------ walk

def _reached_china_first(sents: list[Sentence]) -> bool:
    """The story tells her reaching a Chinese town before anything happened to her in China
    ("As soon as we arrived in Helong …"): it starts in North Korea."""
    for s in sents:
        told = {c.kind for c in s.cues if c.status == FACT}
        if "reach_china" in told:
            return True  # "trafficked her to China and sold her": there first, then sold
        if told & {"sale", "arrest", "repatriation", "escape", "transit", "arrival"}:
            return False
    return False


def _year_told(w: Walk, year: int) -> bool:
    """The year is written in the sentence or in the one just before it ("In November 1999 they
    suggested I go with them. As soon as we arrived in Helong …")."""
    if str(year) in w.s.text or (w.i > 0 and str(year) in w.sents[w.i - 1].text):
        return True
    # "In March 2004 a trader came to our market … I went with him … I woke in a shed across the
    # river": the dated paragraph of her story that leads into the crossing
    same = [x for x in w.sents[max(0, w.i - 5):w.i] if x.para == w.s.para]
    return any(str(year) in x.text for x in same)


def walk(b: Builder, sents: list[Sentence], ctx: Context) -> None:
    """Walk the sentences in order and turn cues into events (then the story-level steps)."""
    told_crossing = any(c.kind == "crossing" and c.status == FACT and not any(x.kind == "abroad"
                                                                              for x in s.cues)
                        for s in sents for c in s.cues) or _reached_china_first(sents)
    w = Walk(b, sents, ctx, state="nk0" if told_crossing else "china", told_crossing=told_crossing)
    for w.i in range(len(sents)):
        w.s = sents[w.i]
        cache: dict = {}
        w.cache = cache
        w.rep_at = None
        done: set[str] = set()
        present = frozenset(c.kind for c in w.s.cues)
        for group, states, view, when, unless, handler, to in _plan(w.state, present):
            if group and group in done:
                continue
            if states is not None and w.state not in states:
                continue  # the state changed earlier in this sentence
            found = cache[view] if view in cache else w.view(view)  # (w.view, one call fewer)
            if not found:
                continue
            if when is not None and not when(w):
                continue
            if unless is not None and unless(w):
                continue
            if handler is not None:
                handler(w, found)
            if to:
                w.state = to
            if group:
                done.add(group)
        w.states.append(w.state)
    _finish(w)


@functools.lru_cache(maxsize=1024)
def _plan(state: str, present: frozenset[str]) -> tuple[tuple, ...]:
    """The steps a sentence starting in ``state`` with cues of the kinds ``present`` may take, in
    table order, with their guards and handlers looked up: (group, states or None for any,
    view, when, unless, handler, to). A step whose view reads none of the present kinds is left
    out (its view would be empty)."""
    return tuple((step.group, None if "*" in step.states else frozenset(step.states), step.view,
                  GUARDS[step.when] if step.when else None,
                  GUARDS[step.unless] if step.unless else None,
                  HANDLERS[step.event] if step.event else None, step.to)
                 for step, need in _steps_by_state()[state]
                 if need is None or not need.isdisjoint(present))


def _finish(w: Walk) -> None:
    """What only the whole story tells: recruitment, sales told twice, sale purposes."""
    b, sents = w.b, w.sents
    # the story of how she was drawn in runs to her first sale after the crossing it tells in most
    # detail (a headline or a summary may tell both first): the last crossing before her first
    # return
    first_return = next((k for k, x in enumerate(sents) if cues_of(x, "repatriation")), len(sents))
    crossed = [k for k, x in enumerate(sents[:first_return])
               if any(c.extra.get("anchor") != "none" for c in cues_of(x, "crossing"))
               and not any(c.kind == "abroad" for c in x.cues)
               # "I crossed again, this time with a broker": a later journey
               and not lx(x, "again").search(x.text)]
    last_cross = crossed[-1] if crossed else w.first_cross_idx
    if not w.sale_idx:
        w.sale_idx = w.lead_sale_idx
    after_cross = [k for k in w.sale_idx if last_cross is not None and k >= last_cross]
    # a sale told before the crossing, with none after it, is the story told from its end: how she
    # came to be trafficked runs at least up to the crossing and the few sentences after it
    zone_end = after_cross[0] if after_cross else (
        max(w.sale_idx[0], min(len(sents) - 1, last_cross + 4)) if w.sale_idx
        and last_cross is not None
        else (w.sale_idx[0] if w.sale_idx else None))
    if zone_end is not None and last_cross is None and zone_end in w.sale_event:
        # no crossing told and her sale told first in a summary ("In 1998 Ji was sold …"), then
        # again in her story: how she was drawn in runs to where the story tells that sale
        first = w.sale_event[zone_end]
        for k in w.sale_idx:
            if k > zone_end and w.sale_event.get(k) != first:
                break
            if k - zone_end <= 8:
                zone_end = k
    recruitment(b, sents, zone_end, last_cross)
    dedupe_sales(b)
    real_sale = any(e.type == "sale" and not e.attributes.get("denied") for e in b.events)
    if not real_sale:
        # never sold: "her husband" alone does not make the marriage forced (a marriage she agreed
        # to), nor does a bare "to marry" / "get married" with no force word before it ("agreed to
        # marry him the next day", "does a woman have to get married when she comes?")
        b.events[:] = [e for e in b.events if not (e.type == "forced_marriage"
                                                   and e.evidence is not None
                                                   and (lx(b.lang, "husband_only").match(
                                                       e.evidence.quote or "")
                                                        or _unforced_marry(b, sents, e)))]
    told_sales = [e for e in b.events if e.type == "sale" and not e.attributes.get("denied")
                  and not e.attributes.get("summary")]
    if told_sales and all(e.attributes.get("purpose") in ("prostitution", "labour", "other")
                          for e in told_sales):
        # every sale was to a brothel, a workplace or a webcam den: "my husband" alone is the
        # husband she had at home ("my husband told me to go and send money"), not a forced one
        b.events[:] = [e for e in b.events if not (e.type == "forced_marriage"
                                                   and e.evidence is not None
                                                   and lx(b.lang,
                                                          "husband_only").match(e.evidence.quote
                                                                                or ""))]
    if not any(e.type == "prostitution" for e in b.events):
        brothel = next((e for e in b.events if e.type == "sale"
                        and e.attributes.get("purpose") == "prostitution"
                        and not e.attributes.get("denied")), None)
        if brothel is not None:  # sold to a brothel, a massage place, a karaoke bar
            b.events.append(Event("prostitution", date=brothel.date,
                                  attributes={"kind": "prostitution"},
                                  evidence=brothel.evidence, confidence=0.6))
    agreed = any(lx(s, "agreed_marriage").search(s.text) for s in sents
                 if _marriage_hint(s))
    if agreed:  # "I asked the broker to find me a husband": a marriage she agreed to is not forced
        b.events[:] = [e for e in b.events if not (e.type == "forced_marriage"
                                                   and e.evidence is not None
                                                   and (lx(b.lang, "husband_only").match(
                                                       e.evidence.quote or "")
                                                        or (not real_sale and lx(
                                                            b.lang, "marry_only").match(
                                                            e.evidence.quote or ""))))]
    priced = [e for e in b.events if e.type == "sale" and not e.attributes.get("denied")]
    if priced and not any("purpose" in e.attributes for e in priced) and w.sale_idx and any(
            lx(s, "husband_after_sale").search(s.text) for s in sents[w.sale_idx[0]:]):
        priced[0].attributes[
            "purpose"] = "marriage"  # sold, then "her Chinese husband": a marriage sale
    if not any(e.type == "forced_marriage" for e in b.events) and not agreed:
        wife = next((e for e in b.events if e.type == "sale"
                     and e.attributes.get("purpose") == "marriage"
                     and not e.attributes.get("denied")), None)
        if wife is not None:  # sold as a wife: a forced marriage even if she never says so again
            b.events.append(Event("forced_marriage", date=wife.date,
                                  attributes={"kind": "forced_marriage"},
                                  evidence=wife.evidence, confidence=0.6))
    _drop_weak_exploitation(b)
    _unpaid_sex_work(b)
    _one_sale_two_currencies(b)
    cybersex_explains(b)
    for s in sents:
        for c in s.cues:
            if c.kind == "province_now":
                b.facts.append(Fact("province_china", c.code, b.ev(s, c.start, c.end), 0.7))
                break
    if not any(f.field == "province_china" for f in b.facts):
        _last_province(w)


@functools.lru_cache(maxsize=4)
def _weak_exploitation(lang: str) -> tuple[re.Pattern[str], ...]:
    try:
        rows = rules.load(lang, "exploitation")
    except InvalidInput:
        return ()
    return tuple(rx for r in rows if r.extra.get("weak") and (rx := r.regex("third")) is not None)


def _drop_weak_exploitation(b: Builder) -> None:
    """"Sold as a sex slave" says she was exploited, not how: it stands (as ``other``) only when
    the account names no form of exploitation of hers (a row with ``weak = true``)."""
    kinds = ("forced_marriage", "prostitution", "cybersex", "forced_labour")
    weak = _weak_exploitation(b.lang)
    if not weak:
        return

    def is_weak(e: Event) -> bool:
        q = (e.evidence.quote or "").lower() if e.evidence is not None else ""
        return e.attributes.get("kind") == "other" and any(rx.search(q) for rx in weak)

    if any(e.type in kinds and not is_weak(e) for e in b.events):
        b.events[:] = [e for e in b.events if not (e.type in kinds and is_weak(e))]


# "worked … and was never paid", "임금을 받지 못했다": unpaid work, not what the work was
_UNPAID = re.compile(r"(?:임금|월급|품삯|노임|돈)\S*\s?(?:도|을|은)?\s?"
                     r"(?:안|못|없|받지\s?못|주지\s?않)|"
                     r"\b(?:never|not)\s+(?:been\s+)?paid\b|\bfor\s+(?:nothing|no\s+money)\b|"
                     r"\bunpaid\b|\bwithout\s+(?:pay|wages)\b", re.I)


def _unpaid_sex_work(b: Builder) -> None:
    """Unpaid work in an account of cybersex or prostitution is that exploitation unpaid, not
    forced labour besides it ("chatting all day and never paid")."""
    if not any(e.type in ("cybersex", "prostitution") for e in b.events):
        return
    b.events[:] = [e for e in b.events if not (
        e.type == "forced_labour" and e.evidence is not None
        and _UNPAID.search(e.evidence.quote or ""))]


# US dollars per unit, roughly, for currencies with no rate series here: enough to tell that
# "£390" and "5,000 yuan" are one price (a 40% band), never stored as a conversion
_ROUGH_USD = {"GBP": 1.6, "EUR": 1.2}


def _one_sale_two_currencies(b: Builder) -> None:
    """A report's lede gives her price in the reader's money ("sold as a wife for £390") and the
    story in yuan ("… paid 5,000 yuan"): one sale told twice, the yuan kept. Equal within 40% at
    one year's rates (the story's year, else 2010: only the ratio matters)."""
    from casebook.vocab.money import to_usd

    sales = [e for e in b.events if e.type == "sale" and e.amount is not None
             and not e.attributes.get("denied") and e.evidence is not None]
    drop = []
    for x in sales:
        if x.amount is None or x.amount.currency not in ("GBP", "USD", "EUR", "KRW"):
            continue
        for y in sales:
            if y is x or y.amount is None or y.amount.currency != "RMB" or y in drop:
                continue
            year = y.amount.year or x.amount.year or 2010
            ux = to_usd(x.amount.value, x.amount.currency, year) or (
                x.amount.value * _ROUGH_USD.get(x.amount.currency, 0))
            uy = to_usd(y.amount.value, "RMB", year)
            if ux and uy and 0.7 <= ux / uy <= 1.4 and x.evidence is not None and \
                    y.evidence is not None and x.evidence.start < y.evidence.start:
                drop.append(x)
                break
    if drop:
        b.events[:] = [e for e in b.events if all(e is not d for d in drop)]


def _last_province(w: Walk) -> None:
    """The contract's province_china when no line says where she lives now: the last Chinese
    province the story places her in, unless she went back to North Korea after it and came to
    China again to places it does not name."""
    last = None
    for k, s in enumerate(w.sents):
        on_the_way_out = any(c.kind == "abroad" for x in w.sents[k:k + 2] for c in x.cues)
        if on_the_way_out:
            # "to Yunnan and across into Vietnam": a province on her route out, not where she lived
            continue
        if w.states[k] in ("china", "abroad", "sk") or (w.states[k] == "nk0" and cues_of(s,
                                                                                         "sale")):
            for c in s.cues:
                if c.kind == "province_mention" and c.status == FACT and _tells_of_her(w, s):
                    last = (k, c)
    if last is None:
        return
    k, c = last
    later = range(k + 1, len(w.sents))
    returned = next((j for j in later if w.states[j] == "nk" and w.states[j - 1] != "nk"), None)
    if returned is not None and any(w.states[j] == "china" for j in range(returned, len(w.sents))):
        return  # back in North Korea, then in China again: where she lived last is not told
    if w.b.lang == "en" and any(cues_of(w.sents[j], "crossing") and lx(w.sents[j], "again").search(
            w.sents[j].text) for j in later):
        return  # "… I had to leave again for China": a new stay whose places are not told
    s = w.sents[k]
    w.b.facts.append(Fact("province_china", c.code, w.b.ev(s, c.start, c.end), 0.55))


def _tells_of_her(w: Walk, s: Sentence) -> bool:
    """Does the sentence speak of her (I/we, she/her, her name, "the 25-year-old woman")? A
    report's background ("towns in Liaoning are full of tales of wife sales") places nobody."""
    if w.ctx.mode != "third" or s.lang != "en":
        return True  # (Korean reports name her by other means: korean_discourse)
    low = s.text.lower()
    return bool(lx(s, "her_mention").search(s.text)) or any(
        name_search.first(low, [n.lower()]) is not None for n in w.ctx.names) or bool(
            re.search(r"\b(?:i|we|my|our|me|us)\b|\bthe\s+(?:[\w-]+\s+){0,3}?(?:woman|girl|refugee|"
                      r"defector|mother|bride|wife|survivor|victim)\b", low)) or (
            any(s is x for x in w.sents[:2]) and lx(s, "lede_her").match(low) is not None)


def _river_near(sents: list[Sentence], i: int) -> str | None:
    """The river of a crossing told over two sentences ("down to the Yalu. A boat took us
    across.")."""
    for j in (i - 1, i + 1, i - 2, i + 2):
        if 0 <= j < len(sents):
            if any(c.kind == "crossing" and c.status == FACT
                   for c in sents[j].cues) and abs(j - i) > 1:
                continue
            river = next((x.code for x in sents[j].cues if x.kind == "river"), None)
            if river:
                return river
    return None


def _times(text: str, cue: Cue | None = None, lang: str = "en") -> dict:
    """"arrested twice", "sent back three times": a stated total for the event's kind (the count
    must stand next to the cue's words: "Twice my boss paid … the third time I was sent back" is
    not two returns)."""
    # "twice captured and repatriated": the count may stand before a coordinated verb
    # (Korean puts the count before its verb: a count well after the cue counts a later verb,
    # "잡힌 일행 가운데 그녀는 세 번이나 도망쳤다")
    a, z = (0, len(text)) if cue is None else (max(0, cue.start - 30),
                                               cue.end + (12 if lang == "ko" else 35))
    m = lx(lang, "times").search(text, a, z)
    if not m:
        return {}
    if cue is not None and m.end() <= cue.start and re.search(r"\b[a-z]+(?:ed|ght|ken)\s+$",
                                                              text[:m.start()]) and not re.match(
            r"\s+(?:\w+\s+)?(?:each|every)\s+time\b", text[cue.end:]):
        # "arrested twice in China and repatriated": the count is the arrests (but "caught three
        # times and sent back each time" is three returns too)
        return {}
    if (m.group("n") or "").lower().endswith(" time") and any(
            not (x.group("n") or "").lower().endswith(" time") for x in lx(lang,
                                                                           "times").finditer(text)):
        # "Twice my boss paid a fine, but the third time I was sent back": the third arrest
        return {}
    n = count_of(lang, "times", m.group("n") or "")
    return {"total": n} if n > 1 else {}


def _qa_count(s: Sentence, prev: Sentence | None) -> tuple[str, dict] | None:
    """An interview answer to "Were you ever arrested?": "Two times." / "No, never."."""
    if prev is None or not prev.text.rstrip().endswith("?"):
        return None
    m = lx(s, "answer").match(s.text)
    if not m:
        return None
    kind = "arrest" if lx(s, "q_arrest").search(prev.text) else (
        "repatriation" if lx(s, "q_rep").search(prev.text) else (
            "sale" if lx(s, "q_sale_count").search(prev.text) else None))
    if kind is None:
        return None
    if kind == "sale":
        # "How many times were you sold?" / "Twice.": her stated total, never one more sale
        # (a yes/no question to her is read by extract.answers)
        if m.group("no") or m.groupdict().get("yes") or not m.group("n"):
            return None
        return kind, {"total": count_of(s.lang, "answer", m.group("n")), "summary": True}
    if m.group("no"):
        return kind, {"denied": True}
    if m.groupdict().get("yes"):
        # a bare "Yes." to a question about her ("Were you ever sent back?"): one, told
        asked_her = re.search(r"\byou\b", prev.text, re.I) and not re.search(
            r"\b(?:anyone|anybody|someone|others|other\s+women|people)\b", prev.text, re.I)
        return (kind, {}) if asked_her else None
    n = count_of(s.lang, "answer", m.group("n"))
    return kind, ({"total": n, "summary": True} if n > 1 else {})
