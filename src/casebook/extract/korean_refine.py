"""Document-level corrections for Korean testimonies, run after the sentence walk.

Korean interviews tell things out of order and in pieces: the river is named in the sentence
after the crossing ("혼자 강을 건넜어요. 두만강이요."), the month two sentences later, a count
is given as an answer ("[잡히신 적 있어요?] 두 번이요."), a memo at the end says "호구 없음",
and the same sale is told twice (a summary first, then the story). Each step here fixes one
such pattern on the events the walk produced; none looks beyond the cues and dates already found.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right

from casebook.extract import rules
from casebook.extract.dates import find_dates
from casebook.extract.korean_clause import cx
from casebook.extract.negation import FACT, UNREAL
from casebook.extract.numbers import amount_of
from casebook.model import Event, Involvement, UncertainDate

_MONTH_ONLY = re.compile(r"(?<![\d년])\s?(?P<m>1[0-2]|[1-9])\s?월(?:이었|이에|이요|에|쯤|경|말|초)")
_AGAIN = re.compile(r"다시|또|이번에는|두\s?번째|세\s?번째")
_QUOTED = re.compile(r"[\"“”]")
# "다른 한족에게 팔렸다": sold to someone else, a new sale (not the last one told again)
_ANOTHER_BUYER = re.compile(r"다른\s?(?:\S+\s)?(?:남자|남성|사람|집|곳|데|한족|중국인|농촌|마을)")


def refine(b, sents) -> None:
    """Apply every correction to builder ``b``'s events (``sents``: the walked sentences)."""
    spans = [b.ev(s, 0, len(s.text)) for s in sents]
    starts = [sp.start for sp in spans]
    # sentences in order, none overlapping the next: the one holding a position is found by
    # bisection (else by a scan)
    ordered = all(x.end <= y.start and x.start < y.start for x, y in zip(spans, spans[1:]))

    def index_of(ev: Event) -> int | None:
        if ev.evidence is None:
            return None
        at = ev.evidence.start
        if ordered:
            k = bisect_right(starts, at) - 1
            return k if k >= 0 and at < max(spans[k].end, spans[k].start + 1) else None
        return next((k for k, sp in enumerate(spans)
                     if sp.start <= at < max(sp.end, sp.start + 1)), None)

    _undated_age(b)
    _flashback_before_crossing(b, sents, index_of)
    _range_is_not_the_crossing(b, sents, index_of)
    _birth_is_not_the_crossing(b, sents, index_of)
    _first_crossing(b, sents, index_of)
    _month_without_year(b, sents, index_of)
    _described_return(b)  # (before the totals: a return that introduces her is not one more)
    _stated_totals(b, sents)
    _detention_after_counted_return(b, sents, index_of)
    _children_none(b, sents)
    _late_registration(b, sents)
    _drugging(b, sents)
    _buyers_before_the_verb(b, sents, index_of)
    _sellers(b, sents, index_of)
    _late_price(b, sents, index_of)
    _described_sales(b, sents, index_of)
    _described_return(b)
    _implied_within_total(b)
    _arrest_told_twice(b, sents, index_of)
    _retold_sales(b, sents, index_of)
    _price_told_later(b, sents, index_of)
    _sold_by_acquaintance(b, sents)
    _how_she_left(b, sents, index_of)
    _generic_trafficker_named(b, sents)
    _introduced_not_sold(b)
    _exploitation_needs_a_sale(b, sents, index_of)
    _clause_evidence(b, sents, index_of)
    _foiled_sale(b, sents)


def _cue(s, kind: str, status: str | None = FACT):
    return [c for c in s.cues if c.kind == kind and (status is None or c.status == status)]


def _first_crossing(b, sents, index_of) -> None:
    crossings = sorted((e for e in b.events if e.type == "border_crossing"),
                       key=lambda e: e.attributes.get("order", 99))
    first = crossings[0] if crossings else None
    if first is None:
        # a story told from its end ("그 사람은 저를 5천 위안 주고 샀어요") starts in China, so the
        # walk
        # skipped the crossing told afterwards; the first stated crossing is still her first
        for s in sents:
            c = next(iter(_cue(s, "crossing")), None)
            if c and not any(x.kind == "abroad" for x in s.cues) and not _AGAIN.search(s.text):
                first = Event("border_crossing", date=s.date, attributes={"order": 1},
                              evidence=b.ev(s, c.start, c.end), confidence=0.7)
                b.events.append(first)
                break
    if first is None:
        return
    k = index_of(first)
    if k is None:
        return
    if not first.attributes.get("river"):
        for j in sorted(range(max(0, k - 2), min(len(sents), k + 3)), key=lambda j: (abs(j - k),
                                                                                     j < k)):
            river = next((c.code for c in sents[j].cues if c.kind == "river"), None)
            if river and not any(x.kind == "abroad" for x in sents[j].cues):
                first.attributes["river"] = river
                break
        else:  # the crossing retold a little later, now with its river
            for j in range(k + 3, min(len(sents), k + 5)):
                river = next((c.code for c in sents[j].cues if c.kind == "river"), None)
                if river and _cue(sents[j], "crossing") and not any(x.kind == "abroad"
                                                                    for x in sents[j].cues):
                    first.attributes["river"] = river
                    break
    if not any(x.year for x in find_dates(sents[k].text)):
        # "…두만강을 넘었다가 붙잡혀 팔려갔던 박씨의 경우는 …. 박씨는 98년 11월 두만강을 건넜다.": a
        # crossing told first without its year and retold just after with it (no return between)
        # further on only when told as her first ("그는 2007년 처음 두만강을 건넜다")
        for j in range(k + 1, len(sents)):
            if _cue(sents[j], "repatriation") or _cue(sents[j], "arrest"):
                break
            first_time = rules.by_code("ko", "context", "first_time")
            if j >= k + 5 and not first_time.search(sents[j].text):
                continue
            c = next((x for x in _cue(sents[j], "crossing") if x.status == FACT), None)
            if c is not None and any(x.year
                                     for x in find_dates(sents[j].text)) and not _AGAIN.search(
                                         sents[j].text):
                first.date = sents[j].date_at(c.start)
                break
    d = first.date
    if d is not None and d.year is not None and d.month is None:
        month = None
        for j in range(k, min(len(sents), k + 4)):  # "4월이었을 거예요" told just after
            if j > k and (_cue(sents[j], "sale") or _cue(sents[j], "arrest")):
                break
            m = _MONTH_ONLY.search(sents[j].text)
            if m and not any(x.year for x in find_dates(sents[j].text)):
                month = int(m.group("m"))
                break
        if month is None:
            # "처음은 1999년 1월이에요." a few sentences before
            for j in range(k - 1, max(-1, k - 4), -1):
                hit = next((x for x in find_dates(sents[j].text) if x.year == d.year and x.month),
                           None)
                if hit:
                    month = hit.month
                    break
        if month is not None:
            first.date = UncertainDate(year=d.year, month=month, approximate=d.approximate)


_STORY_EVENT = ("crossing", "sale", "arrest", "repatriation")
_SHORT_DELTA = re.compile(
    r"(?:\d+|한|두|세|일|이|삼)\s?(?:주일?|일)\s?(?:쯤\s?)?(?:후|뒤|만에)|(?:며칠|이틀|사흘|나흘|"
    r"닷새|열흘|보름)\s?(?:후|뒤|만에)|"
                          r"이튿날|다음\s?날|"
                          r"그로부터|곧바로|바로")
_MONTH_BARE = re.compile(r"(?<![\d년])(?<!년\s)(?P<m>1[0-2]|[1-9])\s?월(?!\s?(?:급|세|분|달))")


# "2005년 탈북했다. 당시 그녀는 19살이었다": an age tied to the moment just told
_AGE_THEN = re.compile(r"(?:당시|그\s?때)(?:에)?\s"
                       r"(?:(?:그녀|저|제|나|내|[가-힣]{1,3}\s?씨)(?:는|가|의)?\s)?"
                       r"(?:나이(?:는|가)?\s)?\S{1,4}\s?(?:살|세)(?:이었|였|이던|였던|의)")


def _undated_age(b) -> None:
    """"38살 송모 씨는 2009년 북한을 떠났다": her age now, beside a year, is not her age in that
    year; only an age tied to the year ("열아홉 살이던 2011년", "2004년 16세 때") gives a birth year
    (that one is read in :mod:`korean_person`)."""
    from casebook.extract.korean_person import _AGE_AT_YEAR

    keep = []
    for f in b.facts:
        ev = f.evidence
        if f.field == "birth_year" and ev is not None and re.search(r"살|세", ev.quote or ""):
            around = b.c.original_text[max(0, ev.start - 30):ev.end + 30]
            if not _AGE_AT_YEAR.search(around) and not _AGE_THEN.search(around):
                continue
        keep.append(f)
    b.facts[:] = keep


def _years(text: str) -> list:
    return [d for d in find_dates(text) if d.kind == "absolute" and d.year]


def _flashback_before_crossing(b, sents, index_of) -> None:
    """"2004년 3월 … 권했다. 1999년 아버지가 … 세상을 떠난 뒤 … 살아오던 터였다. 그녀는 닷새 뒤 …
    건넜다": a year told as background (no event in its sentence) between a dated scene and the
    crossing that continues it is a flashback; the crossing keeps the scene's date."""
    first = min((e for e in b.events if e.type == "border_crossing"),
                key=lambda e: e.attributes.get("order", 99),
                default=None)
    k = index_of(first) if first is not None else None
    if first is None or k is None or _years(sents[k].text) or not _SHORT_DELTA.search(sents[
        k].text):
        return  # only a crossing told as following a scene ("1주일 뒤") continues that scene
    dated = [j for j in range(max(0, k - 8), k) if _years(sents[j].text)]
    if len(dated) < 2:
        return
    j1, j0 = dated[-1], dated[-2]
    y1, y0 = _years(sents[j1].text)[0], _years(sents[j0].text)[0]
    if y1.year >= y0.year or any(_cue(sents[j1], kind, None) for kind in _STORY_EVENT):
        return
    first.date = UncertainDate(year=y0.year, month=y0.month, season=y0.season,
                               approximate=y0.approximate)


_RANGE = re.compile(
    r"(?:19|20)\d\d\s?년(?:\s?\d{1,2}\s?월)?\s?부터\s?(?:(?:19|"
    r"20)\d\d\s?년)?(?:\s?\d{1,2}\s?월)?\s?까지")


def _range_is_not_the_crossing(b, sents, index_of) -> None:
    """"2005년부터 2011년까지 지린성에 살았던 송 씨는 '…탈북했는데…'": a span of years is how
    long something lasted, not when she crossed."""
    first = min((e for e in b.events if e.type == "border_crossing"),
                key=lambda e: e.attributes.get("order", 99),
                default=None)
    k = index_of(first) if first is not None else None
    if first is None or k is None:
        return
    text = sents[k].text
    if _RANGE.search(text) and not _RANGE.sub(" ", text).count("년"):
        first.date = None


_BIRTH_YEAR = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s?년(?!대)(?:생|도?에?\s?(?:\S+\s){0,4}?\S*?(?:태어|출생))")


def _birth_is_not_the_crossing(b, sents, index_of) -> None:
    """"1971년 양강도 갑산군에서 태어난 송 씨는 … 탈북했다": the year she was born does not date
    a crossing told after it without a year of its own."""
    first = min((e for e in b.events if e.type == "border_crossing"),
                key=lambda e: e.attributes.get("order", 99),
                default=None)
    k = index_of(first) if first is not None else None
    if first is None or k is None or first.date is None or first.date.year is None:
        return
    for j in range(k, -1, -1):
        years = _years(sents[j].text)
        if not years:
            continue
        if j == k and not _BIRTH_YEAR.search(sents[j].text):
            return  # the crossing's own sentence gives its year
        born = {int(m.group("y")) for m in _BIRTH_YEAR.finditer(sents[j].text)}
        if first.date.year in born and all(y.year in born for y in years):
            first.date = None
        return


def _month_without_year(b, sents, index_of) -> None:
    """"지난해 2월 중국 싼허로 넘어 온", "지난해 7월 초 … 그로부터 1주일 후 … 건넜고": the month of
    the
    crossing when the report gives no year (relative years are not resolved)."""
    first = min((e for e in b.events if e.type == "border_crossing"),
                key=lambda e: e.attributes.get("order", 99),
                default=None)
    k = index_of(first) if first is not None else None
    if first is None or k is None or (first.date is not None and first.date.month is not None):
        return
    year = first.date.year if first.date is not None else None
    m = _MONTH_BARE.search(sents[k].text)
    if m is None and _SHORT_DELTA.search(sents[k].text):
        for j in (k - 1, k - 2):
            if j >= 0 and not any(_cue(sents[j], kind) for kind in _STORY_EVENT):
                m = _MONTH_BARE.search(sents[j].text)
                if m:
                    break
    if m is not None and (year is None or not _years(sents[k].text)):
        first.date = UncertainDate(year=year, month=int(m.group("m")))


def _stated_totals(b, sents) -> None:
    """A stated count wins over the told events when it is larger ("북송을 두 번 당했어요")."""
    for total_kind, event_type in (("arrest_total", "arrest_china"), ("repatriation_total",
                                                                      "repatriation"),
                                   ("sale_total", "sale")):
        best = None
        for s in sents:
            for c in s.cues:
                if c.kind == total_kind and (best is None or c.value > best[1].value):
                    best = (s, c)
        if best is None:
            continue
        s, c = best
        real = [e for e in b.events if e.type == event_type and not e.attributes.get("denied")
                and not e.attributes.get("vague")]
        for _ in range(int(c.value) - len(real)):
            b.events.append(Event(event_type, date=None, attributes={"stated_total": int(c.value)},
                                  evidence=b.ev(s, c.start, c.end), confidence=0.6))
        if real or c.value:
            b.events[:] = [e for e in b.events if not (e.type == event_type
                                                       and e.attributes.get("denied"))]


def _children_none(b, sents) -> None:
    if any(e.type == "child_birth" for e in b.events):
        return
    for s in sents:
        c = next(iter(_cue(s, "children_none")), None)
        if c:
            b.events.append(Event("child_birth", attributes={"count": 0, "total": True,
                                                             "what": "none"},
                                  evidence=b.ev(s, c.start, c.end), confidence=0.6))
            return


def _late_registration(b, sents) -> None:
    """Her papers, when only a closing note says so ("[면담자 메모: … 호구는 없었다고 함.]")."""
    if any(e.type == "registration" for e in b.events):
        return
    for s in reversed(sents):
        c = next(iter(_cue(s, "hukou", None)), None)
        if c and c.code:
            b.events.append(Event("registration", date=s.date, attributes={"status": c.code},
                                  evidence=b.ev(s, c.start, c.end), confidence=0.55))
            return


def _drugging(b, sents) -> None:
    """Being drugged to be taken away is violence against her, even while still at home."""
    if any(e.type == "violence" and e.attributes.get("kind") == "drugging" for e in b.events):
        return
    if not any(e.type == "recruitment" and "drugged" in (e.attributes.get("method") or [])
               for e in b.events):
        return
    for s in sents:
        c = next((x for x in s.cues if x.kind == "violence" and x.code == "drugging"), None)
        if c:
            b.events.append(Event("violence", date=s.date, attributes={"kind": "drugging"},
                                  evidence=b.ev(s, c.start, c.end), confidence=0.65))
            return


def _described_sales(b, sents, index_of) -> None:
    """"농촌에 팔려가 힘들게 살던 송씨가 … 송씨는 건너자마자 팔렸다": a sale that
    introduces her (a clause before her name) is the sale the story tells, not one more."""
    sales = [e for e in b.events if e.type == "sale" and not any(
        e.attributes.get(k) for k in ("denied", "vague", "summary", "stated_total"))]
    described = []
    for e in sales:
        k = index_of(e)
        cue = _cue_of(b, sents, index_of, e, "sale") if k is not None else None
        if cue is not None and cue.extra.get("described"):
            described.append(e)
    told = [e for e in sales if e not in described]
    if not described or not told:
        return
    for e in described:
        if e.amount is not None and told[0].amount is None:
            told[0].amount = e.amount
    b.events[:] = [e for e in b.events if not any(e is d for d in described)]


def _described_return(b) -> None:
    """"…에서 회령으로 북송된 강씨가 …. 강씨는 … 잡혀 북송되었다": the return that introduces her
    is the one the story tells later (no crossing between them, unless it is told before any
    crossing: then it sums up the story), not one more."""
    told = [e for e in b.events if e.type in ("repatriation", "border_crossing")
            and not e.attributes.get("denied")]
    drop = []
    for k, e in enumerate(told):
        if e.type == "repatriation" and e.attributes.get("described"):
            # before any crossing it can only be a summary of a return told later
            summary = not any(f.type == "border_crossing" for f in told[:k])
            for f in told[k + 1:]:
                if f.type == "border_crossing" and not summary:
                    break
                if not f.attributes.get("described") and not f.attributes.get("stated_total"):
                    drop.append(e)  # (a count's added returns are not a telling of one)
                    break
    if drop:
        b.events[:] = [e for e in b.events if not any(e is d for d in drop)]


def _implied_within_total(b) -> None:
    """"북송을 두 번 당했어요. … 2002년에 … 북송됐어요. … 교화소 3년 받았어요.": a return implied by
    the facility she was held in is one of the returns her stated total already counts, not one
    more."""
    reps = [e for e in b.events if e.type == "repatriation" and not e.attributes.get("denied")]
    total = max((int(e.attributes.get("total") or e.attributes.get("stated_total") or 0)
                 for e in reps), default=0)
    extra = len([e for e in reps if not e.attributes.get("summary")]) - total
    if not total or extra <= 0:
        return
    implied = [e for e in reps if e.attributes.get("implied")][:extra]
    b.events[:] = [e for e in b.events if not any(e is x for x in implied)]


def _arrest_told_twice(b, sents, index_of) -> None:
    """"단속에 걸림. 2011년 5월 체포.": an arrest told again in the next sentence or the one after
    (no return, sale or crossing between them, no 다시/또, no later year) is the same arrest."""
    kept: list[tuple[int, Event]] = []
    drop: list[Event] = []
    for e in b.events:
        if e.type != "arrest_china" or e.attributes.get("denied") or e.attributes.get("total"):
            if e.type in ("repatriation", "sale", "border_crossing"):
                kept = []  # something happened between two arrests: they are two
            continue
        k = index_of(e)
        if k is None:
            continue
        if kept and 0 < k - kept[-1][0] <= 2 and not _AGAIN.search(sents[k].text) and not (
                e.date and kept[-1][1].date and e.date.year and kept[-1][1].date.year
                and e.date.year != kept[-1][1].date.year):
            drop.append(e)
            continue
        kept.append((k, e))
    if drop:
        b.events[:] = [e for e in b.events if not any(e is d for d in drop)]


def _retold_sales(b, sents, index_of) -> None:
    """One sale told twice (a summary, then the story; or the buyer quoted: "사천 위안 주고 산
    거니까")
    is one sale: the same price again, or a sale verb inside a quotation after a priced sale."""
    seen: dict[tuple[float, str], Event] = {}
    keep: list[Event] = []
    priced_before = False
    last: tuple[int, Event] | None = None
    for e in b.events:
        if e.type != "sale" or e.attributes.get("denied") or e.attributes.get(
            "vague") or e.attributes.get("stated_total"):
            keep.append(e)
            continue
        if e.amount is not None:
            key = (float(e.amount.value), e.amount.currency)
            if key in seen:
                kept = seen[key]  # keep what the retelling adds: its seller, its buyer
                known = {(i.perpetrator_role, i.relation, i.group) for i in kept.involvements}
                kept.involvements += [i for i in e.involvements if i.role != "victim"
                                      and (i.perpetrator_role, i.relation, i.group) not in known]
                continue
            seen[key] = e
            priced_before = True
        else:
            k = index_of(e)
            if priced_before and k is not None and e.evidence is not None:
                s = sents[k]
                a = e.evidence.start - b.ev(s, 0, 0).start
                if len(_QUOTED.findall(s.text[:a])) % 2 == 1:
                    continue
            if last is not None and k is not None and 0 < k - last[0] <= 2 and not _AGAIN.search(
                sents[k].text) and not _ANOTHER_BUYER.search(sents[k].text):
                # "…팔아넘겼어요. 얼마에 팔렸는지는 몰라요. 저를 산 사람은 …": one sale, told in
                # pieces
                prev = last[1]
                known = {(i.perpetrator_role, i.relation, i.group) for i in prev.involvements}
                prev.involvements += [i for i in e.involvements if i.role != "victim"
                                      and (i.perpetrator_role, i.relation, i.group) not in known]
                for key, value in e.attributes.items():
                    prev.attributes.setdefault(key, value)
                last = (k, prev)
                continue
        k = index_of(e)
        if k is not None:
            last = (k, e)
        keep.append(e)
    b.events[:] = keep


_RESALE = re.compile(
    r"(?:다시|또|재차|두\s?번째로?|세\s?번째로?|다른\s?(?:곳|데|사람|집|남자)(?:으로|로|에|에게|"
    r"한테)?)\s?"
                     r"(?:\S+\s){0,2}?$|되$")


_HEARSAY = re.compile(
    r"알게\s?(?:됐|되었)|듣고|들었|들으니|다고\s?했|라고\s?했|더라고|였대|이었대|했대")
_PRICE_UNKNOWN = re.compile(
    r"얼마(?:를|에|나)?\s?(?:받았|팔렸|줬|받고)\S*\s?(?:는지는?|지)?\s?(?:몰라|모르|모릅)")


def _price_told_later(b, sents, index_of) -> None:
    """"…외딴 마을로 팔려 간 송 씨는 … 나중에 '1만 위안 주고 데려왔다'는 말을 들었다": a price told
    later, for a sale with no mark of a new one next to its verb (다시, 또, 다른 곳으로, 되팔), is
    the price of the sale already told."""
    sales = [e for e in b.events if e.type == "sale" and not any(
        e.attributes.get(k) for k in ("denied", "vague", "summary", "stated_total"))]
    drop = set()
    for e, f in zip(sales, sales[1:]):
        if e.amount is not None or f.amount is None or id(e) in drop:
            continue
        ke, kf = index_of(e), index_of(f)
        if ke is None or kf is None or not 0 < kf - ke <= 6 or f.evidence is None:
            continue
        s = sents[kf]
        at = f.evidence.start - b.ev(s, 0, 0).start
        if _RESALE.search(s.text[max(0, at - 16):at]):
            continue
        quoted = len(_QUOTED.findall(s.text[:at])) % 2 == 1 or re.search(r"[“‘]", s.text[:at])
        if not (quoted or _HEARSAY.search(s.text)) or _PRICE_UNKNOWN.search(
                " ".join(x.text for x in sents[ke:ke + 2])):
            # only a retelling (quoted, heard, learnt) repeats a sale; "얼마 받았는지 몰라요" says
            # it had no price
            continue
        e.amount = f.amount
        known = {(i.perpetrator_role, i.relation, i.group) for i in e.involvements}
        e.involvements += [i for i in f.involvements if i.role != "victim"
                           and (i.perpetrator_role, i.relation, i.group) not in known]
        drop.add(id(f))
    if drop:
        b.events[:] = [e for e in b.events if id(e) not in drop]


def _buyers_before_the_verb(b, sents, index_of) -> None:
    """Korean names the buyer before the verb ("한족 농민한테 팔았어요"); the walk looks after
    it."""
    from casebook.model import Involvement

    for e in b.events:
        if e.type != "sale" or any(i.perpetrator_role == "buyer" for i in e.involvements):
            continue
        k = index_of(e)
        if k is None or e.evidence is None:
            continue
        s = sents[k]
        at = e.evidence.start - b.ev(s, 0, 0).start
        # the nearest buyer named before the verb, as the recipient ("…한테", "…에게")
        best = None
        for c in s.cues:
            if c.kind == "buyer" and c.end <= at and re.match(r"^[^.,]{0,12}?(?:한테|에게)",
                                                              s.text[c.end:at]):
                best = c if best is None or c.start > best.start else best
        if best is not None:
            e.involvements.append(Involvement("perpetrator", "buyer",
                                              who=s.text[best.start:best.end], group=best.code))


def _sellers(b, sents, index_of) -> None:
    """Who sold her at each sale, named in the sale's sentence or the one that introduces the seller
    ("중매쟁이는 조선족 여자였어요. 그 여자가 저를 … 팔았어요"). A sale merged with an earlier
    telling at the same price is found by its price."""
    from casebook.model import Involvement

    sales = [e for e in b.events if e.type == "sale" and not e.attributes.get("denied")]
    by_sentence = {index_of(e): e for e in sales}
    for k, s in enumerate(sents):
        if not _cue(s, "sale"):
            continue
        e = by_sentence.get(k)
        if e is None:
            price = next((m for m in s.money if not m.converted and m.value >= 50), None)
            e = next((x for x in sales if price is not None and x.amount is not None
                      and (float(x.amount.value), x.amount.currency) == (price.value,
                                                                         price.currency)), None)
        if e is None:
            continue
        near = [s] + ([sents[k - 1]] if k and not _cue(sents[k - 1], "sale", None) else [])
        have = {i.relation for i in e.involvements if i.relation}
        for t in near:
            for c in t.cues:
                if c.kind == "relation" and c.code not in have:
                    e.involvements.append(Involvement("perpetrator", "seller", relation=c.code,
                                                      who=t.text[c.start:c.end]))
                    have.add(c.code)


_ACQ = {"friend", "neighbour_or_villager", "relative"}
_ANAPHOR = re.compile(
    r"(?:그|이)\s?(?:아저씨|아주머니|아줌마|언니|오빠|친구|할머니|할아버지|고모|이모|삼촌)(?:가|이|"
    r"는|은)\s")


def _sold_by_acquaintance(b, sents) -> None:
    """The neighbour, friend or relative who brought her is the one who took the money
    ("그 아저씨가 저를 … 넘기고 돈을 받았어요", "고모가 저를 판 거예요")."""
    rec = next((e for e in b.events if e.type == "recruitment"), None)
    methods = (rec.attributes.get("method") or []) if rec is not None else []
    if rec is not None and not any(c.kind == "relation" and c.code == "north_korean_trafficker"
                                   for s in sents
                                   for c in s.cues):
        # an acquaintance is North Korean only when met at home (decided in _how_she_left), not a
        # villager in China who sold her on
        rec.involvements = [i for i in rec.involvements if i.relation != "north_korean_trafficker"]
    if rec is not None and "introduced_marriage" in methods and "sold_by_acquaintance" in methods:
        # a matchmaker paid by the husband's side is an introduced marriage, paid for or not
        rec.attributes["method"] = [m for m in methods if m != "sold_by_acquaintance"]
        return
    if rec is None or {"sold_by_acquaintance", "introduced_marriage"} & set(methods):
        return
    acq = {i.relation for i in rec.involvements if i.relation} & _ACQ
    if not acq:
        return
    for s in sents:
        sale = _cue(s, "sale")
        if not sale:
            continue
        head = s.text[:sale[0].start]
        named = any(c.kind == "relation" and c.code in acq and c.start < sale[0].start
                    for c in s.cues)
        if named or _ANAPHOR.search(head):
            rec.attributes["method"] = sorted(set(rec.attributes.get("method")
                                                  or []) | {"sold_by_acquaintance"})
            return


_LURE_CODES = {"deception_job_offer", "introduced_marriage", "drugged", "abducted"}
# told before her crossing, these do not make it someone else's doing
_AFTER_OK = {"voluntary_alone", "abducted"}
_LURE_AFTER = {"deception_job_offer", "introduced_marriage", "drugged"}
_AWAY = re.compile(r"탈북|탈출|도망|빠져나|혼자|스스로|제\s?발로")
_ACQ_PERSON = re.compile(
    r"(?:그|이)\s?(?:아저씨|아주머니|아줌마|언니|오빠|친구|할머니|할아버지|고모|이모|삼촌)|"
                         r"(?<![가-힣])(?:아저씨|아주머니|아줌마|친구|고모|이모|삼촌)(?:가|는|이|"
                         r"은)\s")
_ACQ_WORDS = re.compile(r"친구|동네|이웃|마을|옆집|친척|고모|이모|삼촌|사촌|외삼촌|언니")


def _led_over(sents, k: int, crossing_idx: list[int], first_sale: int | None) -> bool:
    """A later telling of the same first crossing (an interview retelling the report's summary,
    not "다시") names someone who brought her over before the verb: "(…) 친척 소개로 아들과
    같이 탈북했다"."""
    told_again = [j for j in crossing_idx if j > k and (first_sale is None or j < first_sale)
                  and not _AGAIN.search(sents[j].text)]
    for j in told_again:
        s = sents[j]
        if any(c.kind in ("sale", "arrest", "repatriation") for c in s.cues):
            continue
        went = max(c.start for c in s.cues if c.kind == "crossing")
        if any(c.kind == "relation" and c.start < went for c in s.cues):
            return True
    return False


def _recruitment_event(b) -> Event:
    rec = next((e for e in b.events if e.type == "recruitment"), None)
    if rec is None:
        rec = Event("recruitment", attributes={"method": []}, confidence=0.55)
        b.events.insert(0, rec)
    return rec


def _how_she_left(b, sents, index_of) -> None:
    """Korean reports tell how she left in a word: "탈북했다", "북한을 탈출했다" with no broker or
    lure
    before it is `voluntary_alone` (a lure or trafficker met after the crossing does not change
    that). A lure with no money in it (`other`) gives way to a named one. A neighbour, friend or
    relative from home who lured or led her, when a sale followed, sold her (`sold_by_acquaintance`)
    and, being North Korean, is a `north_korean_trafficker`. A broker of no stated ethnicity named
    beside a known recruiter is that recruiter."""
    rec = next((e for e in b.events if e.type == "recruitment"), None)
    methods = set((rec.attributes.get("method") or []) if rec is not None else [])
    sales = [e for e in b.events if e.type == "sale" and not any(e.attributes.get(k)
                                                                 for k in ("denied", "vague"))]
    crossing_idx = [k for k, s in enumerate(sents) if _cue(s, "crossing")]
    sale_idx = sorted(k for k in (index_of(e) for e in sales) if k is not None)
    # the first sale after she crossed (a story may open on its last sale)
    first_sale = next((k for k in sale_idx if not crossing_idx or k >= crossing_idx[0]), sale_idx[0]
                      if sale_idx else None)
    # voluntary_alone: her first crossing, with no lure, broker or recruiter before it (nor a lure
    # or someone she knew told just after it: "두만강을 건넜어요. 옆집 아저씨가 같이 가자고 했어요")
    for k in crossing_idx[:1]:
        if first_sale is not None and k > first_sale and not _AWAY.search(sents[k].text):
            break
        c = _cue(sents[k], "crossing")[0]
        before = [x for j in range(k + 1) for x in sents[j].cues
                  if (j < k or x.start < c.start) and ((x.kind == "recruitment"
                                                        and x.code not in _AFTER_OK)
                                                     or x.kind == "relation")]
        after = [x for j in range(k, min(len(sents), k + 3)) for x in sents[j].cues
                 if (j > k or x.start > c.start) and x.status == FACT and ((
                     x.kind == "recruitment" and x.code in _LURE_AFTER
                     and not x.extra.get("own_departure"))
                                                    or (x.kind == "relation" and x.code in _ACQ))]
        if not before and not after and "voluntary_with_broker" not in methods and not (
                _led_over(sents, k, crossing_idx, first_sale)):
            rec = _recruitment_event(b)
            methods.add("voluntary_alone")
    # traffickers waiting for her at the end of a lure or of the broker she paid: not an abduction
    for code in ("abducted", "other"):
        if code in methods and methods & ({"deception_job_offer", "other", "introduced_marriage",
                                          "voluntary_with_broker"} - {code}):
            waiting = [c for s in sents for c in s.cues if c.kind == "recruitment"
                       and c.code == code]
            if waiting and all(c.extra.get("unless_lure") for c in waiting):
                # she was lured, or paid a broker, to the traffickers who were waiting for her
                methods.discard(code)
    if "other" in methods and methods & _LURE_CODES:
        methods.discard("other")
    # an acquaintance from home who handed her over
    zone = sents[:(first_sale + 1) if first_sale is not None else len(sents)]
    acq = [(k, c) for k, s in enumerate(zone) for c in s.cues if c.kind == "relation"
           and c.code in _ACQ]
    if sales and acq and "introduced_marriage" not in methods:
        text = " ".join(s.text for s in zone)
        # she followed or was taken by the person (a lure alone is not a handover)
        led = any(re.search(r"따라|데려|넘기|넘겨|배신|팔아", sents[k].text) for k,
                  _ in acq) or any(
            _ACQ_PERSON.search(x.text) and re.search(r"따라|넘기|넘겨|데려|팔아", x.text)
            for x in zone)
        if led or "배신" in text:
            methods.add("sold_by_acquaintance")
            first_cross = crossing_idx[0] if crossing_idx else None
            # someone she knew before she crossed, or crossed with ("동창과 같이 다시 강을 건넜다")
            from_home = first_cross is None or any(k <= first_cross + 2 for k, _ in acq) or any(
                _ACQ_WORDS.search(sents[k].text) for k in range(first_cross + 1)) or any(
                _ACQ_WORDS.search(sents[k].text) and re.search(r"함께|같이", sents[k].text)
                for k in crossing_idx)
            if from_home:
                rec = _recruitment_event(b)
                if not any(i.relation == "north_korean_trafficker" for i in rec.involvements):
                    rec.involvements.append(Involvement("perpetrator", "recruiter",
                                                        relation="north_korean_trafficker"))
    if rec is not None:
        rec.attributes["method"] = sorted(methods)
    # "브로커" alone beside a recruiter the story names: the same person
    specific = {c.code for s in sents for c in s.cues if c.kind == "relation"
                and not c.extra.get("noun")}
    # (only a recruiter on her recruitment: an uncle who raised her children is nobody's broker)
    recruiters = {i.relation for e in b.events if e.type == "recruitment" for i in e.involvements}
    if "other" not in specific and specific & recruiters:
        for e in b.events:
            if e.type in ("recruitment", "sale"):
                e.involvements = [i for i in e.involvements if i.relation != "other"]


_GENERIC_TRAFFICKER = re.compile(r"^(?:중국\s?)?인신매매\s?(?:범|업자|꾼|상)")
_ETHNIC_CODE = {"조선족": "korean_chinese_broker", "한족": "han_chinese_broker"}


def _generic_trafficker_named(b, sents) -> None:
    """"조선족 인신매매범들이 살고 있다 … 인신매매범들에게 붙잡혔다", "인신매매업자에 팔린 … 그
    조선족은 인신매매업자였다": the trafficker the story names without his ethnicity is the one
    it names with it (`other` beside `korean_chinese_broker` would be a second person). A ring
    or a broker of another noun stays `other`."""
    generic = [s.text[c.start:c.end] for s in sents for c in s.cues
               if c.kind == "relation" and c.code == "other"]
    if not generic or not all(_GENERIC_TRAFFICKER.match(g) for g in generic):
        return
    nouns = {_GENERIC_TRAFFICKER.match(g).group()[-1] for g in generic}  # type: ignore[union-attr]
    codes = set()
    for s in sents:
        for m in cx("ethnic_trafficker").finditer(s.text):  # "조선족 인신매매범"
            if (m.group("n") or m.group("n2"))[-1] in nouns:
                codes.add(_ETHNIC_CODE[m.group("e") or m.group("e2")])
    if len(codes) != 1:
        return
    code = codes.pop()
    for e in b.events:
        if e.type in ("recruitment", "sale") and any(i.relation == "other"
                                                     for i in e.involvements):
            named = any(i.relation == code for i in e.involvements)
            first = next(i for i in e.involvements if i.relation == "other")
            e.involvements = [i for i in e.involvements if i.relation != "other"] + (
                [] if named else [dataclasses.replace(first, relation=code)])


def _introduced_not_sold(b) -> None:
    """"저는 팔린 게 아니에요": a marriage she says she was not sold into is not coded as forced."""
    sales = [e for e in b.events if e.type == "sale"]
    if sales and all(e.attributes.get("denied") for e in sales):
        b.events[:] = [e for e in b.events if e.type != "forced_marriage"]





_FORCED_UNION = re.compile(
    r"강제\s?(?:로\s?)?(?:결혼|시집|혼인)|결혼(?:을)?\s?강요|억지로\s?(?:결혼|시집)|(?:결혼|"
    r"시집)(?:을)?\s?(?:시켰|보냈)")
# (a "포주" who runs a webcam den, or "사이버 매춘", is the webcam work itself)
_SEX_WORK = re.compile(r"손님|2차|몸을\s?팔|(?<!사이버\s)(?<!사이버)매춘|윤락|성\s?접대")


def _cue_of(b, sents, index_of, e: Event, kind: str):
    """The cue an event was made from (same sentence, same span)."""
    k = index_of(e)
    if k is None or e.evidence is None:
        return None
    s = sents[k]
    return next((c for c in s.cues if c.kind == kind
                 and b.ev(s, c.start, c.end).start == e.evidence.start), None)


_HER_MAN = re.compile(r"(?:저의|제|내|그녀의|중국인|한족)\s?남편|시어머니|시아버지|시댁|"
                     r"중국인\s?남성의\s?(?:폭력|협박|감시|구타)|"
                     # the man she was sold to, living with her or beating her: "늙은 남자와 사는
                     # 것이 싫어", "그 남자와 살면서", "자신을 폭행하는 중국남자의 부모까지"
                     r"(?:남자|남성|영감|홀아비|노총각)(?:와|과|랑|하고)\s(?:\S+\s){0,2}?"
                     r"(?:사는|살|살았|살아|살며|살면서|지내|지냈)|"
                     r"(?:자신|저|나)(?:을|를)\s(?:\S+\s)?(?:폭행|때리|구타)\S*\s(?:\S+\s)?"
                     r"(?:중국|한족|조선족)?(?:남자|남성)")


def _exploitation_needs_a_sale(b, sents, index_of) -> None:
    """What the marriage, the bar or the sex work was, read over the whole story: a marriage is
    forced when she was sold (or it was forced on her), not when she "시집을 가게 됐다"; a sold
    woman who bore children in China was made to live as a wife; a bar or hostess club is
    `other` unless sex work is named, and not when it is work before her sale or after her escape;
    "성매매" in a webcam story is the cybersex already coded."""
    sold = any(e.type == "sale" and not any(e.attributes.get(k) for k in ("denied", "vague"))
               for e in b.events)
    kinds = {e.attributes.get("kind") for e in b.events if e.type in ("forced_marriage",
                                                                      "prostitution", "cybersex",
                                                                           "forced_labour")}
    text = " ".join(s.text for s in sents)
    keep = []
    for e in b.events:
        quote = e.evidence.quote if e.evidence is not None else ""
        if e.type == "forced_marriage" and not sold and not _FORCED_UNION.search(quote
                                                                                 or "") and not any(
                _FORCED_UNION.search(s.text) for s in sents):
            continue
        cue = _cue_of(b, sents, index_of, e, "exploitation") if e.type == "forced_labour" else None
        if cue is not None and cue.extra.get("venue") and (
                not sold or kinds & {"prostitution", "cybersex"} or cue.extra.get("before_sale")
                or cue.extra.get("after_escape")):
            continue
        if e.type == "prostitution" and "cybersex" in kinds and not _SEX_WORK.search(text):
            continue
        keep.append(e)
    b.events[:] = keep
    first_sale = next((k for k, s in enumerate(sents) if _cue(s, "sale")), None)
    after = " ".join(s.text for s in sents[first_sale:]) if first_sale is not None else ""
    if sold and not {"forced_marriage", "prostitution", "cybersex",
                     "forced_labour"} & kinds and (any(
            e.type == "child_birth" and not e.attributes.get("denied") and e.attributes.get("count",
                                                                                            1)
            for e in b.events) or _HER_MAN.search(after)):
        # a sold woman with a husband, in-laws or "the Chinese man" who beat or threatened her lived
        # as a wife
        sale = next(e for e in b.events if e.type == "sale" and not e.attributes.get("denied"))
        b.events.append(Event("forced_marriage", date=sale.date,
                              attributes={"kind": "forced_marriage"},
                              evidence=sale.evidence, confidence=0.55))


# a word that ends a Korean clause: a connective ending ("건넜고", "탈출했지만", "사왔는데")
_CONNECTIVE = re.compile(r"(?:고|며|지만|는데|은데|ㄴ데|면서|다가|니까|어서|아서|여서|해서|면)$")


def _clause_evidence(b, sents, index_of) -> None:
    """Evidence is the clause that tells the fact ("조선족 브로커를 거쳐 지린성의 외딴 마을로
    팔려 간"), not the syllable the rule fired on ("산", "왔")."""
    for e in b.events:
        k = index_of(e)
        if k is None or e.evidence is None:
            continue
        s = sents[k]
        base = b.ev(s, 0, 0).start
        a, z = e.evidence.start - base, e.evidence.end - base
        if not 0 <= a < z <= len(s.text) or z - a >= 12:
            continue
        start, end = 0, len(s.text)
        for m in re.finditer(r"\S+", s.text):
            word = m.group().rstrip(".,!?”\"')")
            if m.end() <= a and (_CONNECTIVE.search(word) or m.group()[-1:] in ",;:"):
                start = m.end() + 1
            if m.end() >= z and (_CONNECTIVE.search(word) or m.group()[-1:] in ",;:"):
                end = m.start() + len(word)
                break
        start = min(start, a)
        end = max(end, z)
        if end - start > 160:  # a long sentence with no clause ending: the words around the cue
            start, end = max(start, a - 60), min(end, z + 60)
        e.evidence = b.ev(s, start, end)


_GOT_AWAY = re.compile(r"도망|탈출|빠져나|구해|안\s?팔렸|팔리지\s?않")


def _foiled_sale(b, sents) -> None:
    """"팔 거라고 했어요. … 팔리기 전에 도망쳤어요": a planned sale she escaped is times_sold 0."""
    if any(e.type == "sale" for e in b.events):
        return
    for k, s in enumerate(sents):
        c = next((x for x in s.cues if x.kind == "sale" and x.status == UNREAL), None)
        if c is None:
            continue
        after = s.text[c.end:] + " " + (sents[k + 1].text if k + 1 < len(sents) else "")
        if _GOT_AWAY.search(after):
            b.events.append(Event("sale", date=s.date, attributes={"denied": True, "foiled": True},
                                  evidence=b.ev(s, c.start, c.end), confidence=0.6))
            return


def _detention_after_counted_return(b, sents, index_of) -> None:
    """"북송을 두 번 당했어요" … "또 잡혔어요. … 교화소 2년 받았어요": when a return is only
    counted,
    the North Korean facilities named after the last arrest belong to it."""
    reps = [e for e in b.events if e.type == "repatriation" and not e.attributes.get("denied")]
    stated = max((int(e.attributes.get("stated_total") or e.attributes.get("total") or 0)
                  for e in reps), default=0)
    told = [e for e in reps if not (e.attributes.get("stated_total") or e.attributes.get("total"))]
    if stated <= len(told):
        return
    arrests = [index_of(e) for e in b.events if e.type == "arrest_china"
               and not e.attributes.get("denied")]
    arrests = [k for k in arrests if k is not None]
    if not arrests:
        return
    episode = max((e.attributes.get("episode", 0) for e in b.events if e.type == "detention_nk"),
                  default=0) + 1
    have = set()
    for k in range(max(arrests) + 1, min(len(sents), max(arrests) + 6)):
        s = sents[k]
        if _cue(s, "crossing") or _cue(s, "transit"):
            break
        for c in _cue(s, "detention"):
            if c.code not in have:
                have.add(c.code)
                b.events.append(Event("detention_nk", date=s.date, attributes={"facility": c.code,
                                                                               "episode": episode},
                                      evidence=b.ev(s, c.start, c.end), confidence=0.6))


_REPORTED = re.compile(
    r"대요|래요|라고|이래|였대|이었대|들으니|들었|했대|이었어요|였어요|이요|예요|이에요")


def _late_price(b, sents, index_of) -> None:
    """"…넘기고 돈을 받았어요. 나중에 들으니까 5천 위안이었대요.": the price of the sale just
    told."""
    for e in b.events:
        if e.type != "sale" or e.amount is not None or e.attributes.get(
            "denied") or e.attributes.get("vague"):
            continue
        k = index_of(e)
        if k is None or k + 1 >= len(sents):
            continue
        nxt = sents[k + 1]
        prices = [m for m in nxt.money if not m.converted and m.value >= 300]
        if len(prices) != 1 or _cue(nxt, "sale", None) or not _REPORTED.search(nxt.text) \
                or re.search(r"월급|한\s?달|하루|씩|벌금|뇌물|빚|비용|수수료", nxt.text):
            continue
        e.amount = amount_of(prices[0], e.date or nxt.date)
