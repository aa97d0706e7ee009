"""From a testimony's text to a :class:`~casebook.model.Record`: cues become events and facts.

The steps: clean PDF debris (keeping an offset map), read the header, split sentences, find
each sentence's dates, money and cues (English or Korean module), then walk the story in
order. A small state machine knows where she is (still in North Korea, in China, back in North
Korea after a repatriation, on the way to a third country), so that a "prison" before she left
is not a North Korean detention after repatriation and a "police" arrest in North Korea is not
an arrest in China. Every event and fact carries the original-text span that supports it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

from casebook.extract import (
    answers,
    discourse,
    english,
    hints,
    korean,
    name_search,
    negation,
    rules,
)
from casebook.extract.clean import clean, paragraph_index, sentences
from casebook.extract.cues import Context
from casebook.extract.dates import DateMention, Timeline, age_beside_name, age_value, find_dates
from casebook.extract.header import parse_header
from casebook.extract.headline import headline_price
from casebook.extract.literal_gate import gate_of, may_match
from casebook.extract.numbers import find_money
from casebook.extract.places import china_province_of_place, event_place, places_in, transit_via
from casebook.extract.story import Builder, Sentence, lx
from casebook.extract.walk import walk
from casebook.model import Fact, Record

_HANGUL = re.compile(r"[가-힣]")
# a page's publication stamp ("승인 : 2010. 06. 01. 09:36", "입력 2016.07.01"): not when the story
# happens
_STAMP = re.compile(
    r"(?:승인|입력|수정|등록|작성|게재|발행|posted|updated|published)\s?(?:일)?\s?:?\s?$", re.I)
# every byte but the Latin letters' (UTF-8 writes every other character with bytes >= 0x80)
_NOT_LATIN = bytes(c for c in range(256) if not (65 <= c <= 90 or 97 <= c <= 122))
# her age as reports give it (for _named_age)
_AGE_DIGITS = re.compile(
    r"\d{1,2}[\s-]years?[\s-]old|\bwas\s+(?:only\s+|just\s+|then\s+)?\d{1,2}\b|\bage\s+of\s+\d")
# the reporter or the NGO speaking of itself outside any quotation ("the woman we helped")
_REPORTER_WE = rules.fast_compile(r"\b(?:we|our)\b", re.IGNORECASE)
# a lede sentence that may be about her before it names her ("In 2005, a young woman fled …")
_SOMEONE = rules.fast_compile(
    r"\b(?:she|her|wom[ae]n|girls?|refugees?|defectors?|mothers?|wives|wife|"
                      r"brides?|daughters?|survivors?|victims?)\b", re.IGNORECASE)


def detect_language(text: str) -> str:
    """``"ko"`` when Hangul outweighs Latin letters, else ``"en"``."""
    sample = text[:4000]
    ko = len(_HANGUL.findall(sample))
    # (the count of [A-Za-z] letters, without a list of thousands of them)
    en = len(sample.encode("utf-8", "surrogatepass").translate(None, _NOT_LATIN))
    return "ko" if ko > en * 0.5 else "en"


# memos keyed by a testimony's words (a sentence, a noun phrase, her names): they serve one
# reading and are emptied after it, so that no testimony's words stay in memory past its call
_TEXT_MEMOS = (english._candidates, english._mark_memo, english._implied_in,
               discourse._clauses, discourse._who_of, discourse._is_place,
               negation.english_status, hints.families)


def extract(text: str, lang: str = "auto") -> Record:
    """Read one testimony and propose its facts and events (all *suggested*).

    Offsets refer to the text in Unicode's composed form (NFC), the form intake stores: Hangul
    in separate jamo (as some Mac programs paste it) matches none of the rules.
    """
    try:
        return _extract(text, lang)
    finally:
        for memo in _TEXT_MEMOS:
            memo.cache_clear()


def _extract(text: str, lang: str) -> Record:
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if lang == "auto":
        lang = detect_language(text)
    cleaned = clean(text)
    t = cleaned.text
    header = parse_header(t)
    b = Builder(cleaned, lang)
    # person facts from the header
    if header.surname:
        v, s, e = header.surname
        b.facts.append(Fact("surname", v, b.ev_abs(s, e), 0.9))
    if header.birth_year:
        year, s, e = header.birth_year
        b.facts.append(Fact("birth_year", year, b.ev_abs(s, e), 0.95))
    if header.province_china:
        v, s, e = header.province_china
        b.facts.append(Fact("province_china", v, b.ev_abs(s, e), 0.85))
    if header.origin_nk:
        v, s, e = header.origin_nk
        b.facts.append(Fact("origin_nk", v, b.ev_abs(s, e), 0.85))
    surname = header.surname[0] if header.surname else None
    module = korean if lang == "ko" else english
    # who the story is about, and how it is told
    ctx, found = module.context(t, header.end, surname)
    for f in found:
        if f.evidence is not None:
            f.evidence = b.ev_abs(f.evidence.start, f.evidence.end)
        b.facts.append(f)
    birth_year = header.birth_year[0] if header.birth_year else None
    timeline = Timeline(birth_year)
    spans = sentences(t)
    # a sentence that runs on from the header lines: the story starts where the header ends
    if header.end:
        spans = [part for a, z in spans for part in (
            [(a, header.end), (header.end + len(t[header.end:z]) - len(t[header.end:z].lstrip()),
                               z)]
            if a < header.end < z and t[header.end:z].strip() else [(a, z)])]
    paras = paragraph_index(t, spans)
    named_at = _first_named(t, ctx) if lang == "en" else -1
    sents: list[Sentence] = []
    extra = getattr(module, "analyse_extra", None)
    focus = getattr(module, "focus", None)
    lead = getattr(module, "lead", None)
    other, told = False, ""
    asked = ""  # the sentence before, when it was a question (an answer may borrow it)
    speaker = getattr(module, "speaker", None)
    voice, voice_para = "", -1  # who speaks in a transcript, in which paragraph
    undated: tuple[int, int, int] | None = None  # her age at an undated event (age, span)
    born = lx(lang, "birth_date_before")  # (looked up once: the same lexicon for every sentence)
    for (s, e), p in zip(spans, paras):
        st = t[s:e]
        dates = find_dates(st)
        if birth_year is None:
            named_age = _named_age(st, ctx) if lang == "en" else None
            birth_year = _birth_from_age(st, dates + [named_age] if named_age else dates,
                                         timeline, b, s, lang, named_age)
            if birth_year is None and header.interview_year:
                birth_year = _birth_from_present_age(st, header.interview_year, b, s)
            if birth_year:
                timeline.birth_year = birth_year
            elif lang == "en" and undated is None:
                undated = _undated_age(st, dates, named_age, s)
        # a header line or a birth date ("born in 1979") is not when the story happens
        story_dates = [] if (header.end and e <= header.end) else [
            d for d in dates if not (d.kind == "absolute"
                                     and (born.search(st[max(0, d.start - 25):d.start])
                                                               or _STAMP.search(st[max(
                                                                   0, d.start - 12):d.start])))]
        body = s >= header.end or header.end == 0
        quoted = tuple((max(a, s) - s, min(z, e) - s) for a, z in ctx.quotes if a < e and z > s)
        # (the Korean module keeps notes on ctx)
        sctx = Context(ctx.mode, ctx.names, quoted) if ctx.quotes else ctx
        if speaker is not None and ctx.mode == "third":
            voice, cut = speaker(st, ctx, voice if p == voice_para else "")
            voice_para = p
            if voice == "her":  # her turn in a transcript: her words, as if quoted
                quoted = ((cut, len(st)),) + quoted
                sctx = Context(ctx.mode, ctx.names, quoted)
        if focus is not None and ctx.mode == "third":
            other = focus(st, ctx, other)  # "Ms. Lee … she was sold": not her sale
            if other:
                sctx = Context("named", ctx.names, quoted)
        if lead is not None and ctx.mode == "first" and told != "told":
            intro, told = lead(st, sctx, told)
            if intro:  # the lines that bring her in, before she speaks: read as told about her
                sctx = Context("third", ctx.names, quoted)
        else:
            intro = False
        cues = module.analyse(st, sctx) if body else []
        borrow = None
        if asked and body and lang == "en":
            # "Q: Were you sold to a Chinese man?" / "A: Yes, for 5,000 yuan."
            own = Context("first", ctx.names, ())
            # (arrests and returns are counted by the walk, papers answered there too)
            have = {c.kind for c in cues} | {"arrest", "repatriation", "hukou"}
            cues += [c for c in answers.borrowed(st, asked, lambda x, o=own: module.analyse(x, o))
                     if c.kind not in have]
            if extra is not None and any(c.kind == "sale" for c in cues):
                borrow = (asked, own)  # its buyer and purpose too ("… to a Chinese man?")
        asked = st if st.rstrip().endswith("?") else ""
        if intro:
            for c in cues:
                c.extra["lead"] = True  # a summary of what her own telling will tell again
        if e <= named_at and not cues and not _SOMEONE.search(st):
            story_dates = []  # a lede's frame before she is named ("In 2011 the country was …")
        elif named_at >= 0 and not cues and _REPORTER_WE.search(st) and not quoted:
            story_dates = []  # the reporter's own time ("a woman we helped from 2012 to 2015")
        stated = timeline.advance(story_dates)
        # two years in one sentence ("1998년 탈북해 … 2003년 한국에 온"): each event takes the one
        # told before it
        at = tuple((d.start, d.date()) for d in story_dates if d.kind == "absolute" and d.year)
        if len(timeline.marks) > len(at) >= 1:
            # "2002년 … 건너간 뒤 이듬해 팔려갔다": a later year told relative to the first;
            # English tells it after the verb, so it dates its clause ("I crossed in 2002 and
            # was sold the following year")
            at = tuple(timeline.marks) if lang == "ko" else tuple(
                (_clause_start(st, a), d) for a, d in timeline.marks)
        date = stated or timeline.current()
        more = None
        if body and extra is not None:
            more = _extra_cues(extra, st, sctx, borrow)
        sents.append(Sentence(s, e, st, p, date, find_money(st), cues, more, lang=lang,
                              dates=at if len(at) > 1 else ()))
    walk(b, sents, ctx)
    if undated is not None and not any(f.field == "birth_year" for f in b.facts):
        _birth_at_crossing(b, undated)
    _places(b, sents, lang)
    refine = getattr(module, "refine", None)
    # language-specific, document-level corrections (Korean: out-of-order tellings)
    if refine is not None:
        refine(b, sents)
    headline_price(b, t, lang)  # "A Life Sold for 2 Million Yuan" and no price below
    for f in module.person_facts(t, header.end, b.facts):
        f_ev = f.evidence
        if f_ev is not None:
            f.evidence = b.ev_abs(f_ev.start, f_ev.end)
        b.facts.append(f)
    return Record(_without_nested(b.facts), b.events, lang)


def _first_named(t: str, ctx: Context) -> int:
    """Where a report first names her: the years of a lede sentence written before that which
    tells no event and speaks of no woman ("In 2011 the country was rated …") frame the report,
    not her story, so they do not date it. -1 when she is not named (or it is her own telling)."""
    if ctx.mode != "third" or not ctx.names:
        return -1
    hit = name_search.first(t, [n for n in ctx.names if len(n) > 2], "token", "token")
    return hit[0] if hit else -1


def _without_nested(facts: list[Fact]) -> list[Fact]:
    """One proposal per told attribute: "양강도 혜산" and the "혜산" inside it are one origin.

    A fact whose words lie inside another's words for the same field is dropped (the longer
    telling stays: it carries the province too)."""
    def inside(f: Fact, g: Fact) -> bool:
        a, b = f.evidence, g.evidence
        return (f is not g and f.field == g.field and a is not None and b is not None
                and b.start <= a.start and a.end <= b.end
                and (b.end - b.start, g.confidence) > (a.end - a.start, f.confidence))
    return [f for f in facts if not any(inside(f, g) for g in facts)]


def _places(b: Builder, sents: list[Sentence], lang: str) -> None:
    """Gazetteer ids for the events' places, and the province she lives in from a named town."""
    starts = [b.c.original(s.start) for s in sents]  # (where each one's span starts)
    cache: dict[int, list] = {}

    def found(k: int) -> list:
        if k not in cache:
            cache[k] = places_in(sents[k].text)
        return cache[k]

    for e in b.events:
        if e.evidence is None or e.type == "recruitment":
            continue
        k = bisect_right(starts, e.evidence.start) - 1
        if k < 0:
            continue
        if e.place is None:
            hit = event_place(e.type, found(k))
            if hit:
                e.place, (a, z, _) = hit[0], hit[1]
                e.place_text = sents[k].text[a:z]
        if e.type == "transit" and "via" not in e.attributes:  # Kunming, then Laos, Thailand
            via = transit_via(sents[k].text, e.place)
            if via:
                e.attributes["via"] = via
    if not any(f.field == "province_china" and f.confidence >= 0.6 for f in b.facts):
        # (beats the last province the story placed her in: "sold to a man in Liaoning …
        # now I live in Qingdao")
        for s in sents:  # "I live in Yanji now" → Jilin
            rx = lx(s, "lives_now")
            # (most sentences hold none of the words every match holds: the search is skipped)
            m = rx.search(s.text) if may_match(gate_of(rx.pattern), s.text) else None
            if not m:
                continue
            for a, z, p in places_in(s.text[m.end():m.end() + 80]):
                prov = china_province_of_place(p)
                if prov:
                    o = s.start + m.end()
                    b.facts.append(Fact("province_china", prov, b.ev_abs(o + a, o + z), 0.6))
                    return


def _extra_cues(extra, st: str, sctx: Context, borrow: tuple[str, Context] | None):
    """The lazily read cues of a sentence (recruitment, recruiters, buyer, purpose); an answer
    takes its question's too ("Were you sold to a Chinese man?" / "Yes.": the buyer)."""
    if borrow is None:
        return lambda: extra(st, sctx)
    asked, own = borrow
    return lambda: extra(st, sctx) + answers.borrowed(st, asked, lambda x: extra(x, own))


_CLAUSE_CUT = re.compile(r"[;,]\s+|\s+(?:and|but|then|before|after|until|when)\s+")


def _clause_start(st: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts (after the last "and", comma or semicolon)."""
    cut = 0
    for m in _CLAUSE_CUT.finditer(st, 0, pos):
        cut = m.end()
    return cut


def _named_age(st: str, ctx: Context) -> DateMention | None:
    """Her age told with her name as the subject, as reports do ("Kim was 17 when she was sold
    in 2003", "Kim was an 18-year-old girl"); not "the 48-year-old Kim said", her age now."""
    if ctx.mode != "third" or not ctx.names or not (_AGE_DIGITS.search(st) or "ged " in st):
        return None
    names = [n for n in ctx.names if len(n) > 2]
    if not names:
        return None
    hit = age_beside_name(st, names)
    if hit is None:
        return None
    a, z, age = hit
    return DateMention(a, z, age=age, kind="age") if 8 <= age <= 70 else None


_TRAFFICKED_AT = rules.fast_compile(
    r"\b(?:sold|trafficked|crossed|fled|fleeing|escaped|left\s+(?:north\s+"
                            r"korea|home)|lured|kidnapped|abducted)\b", re.IGNORECASE)


def _undated_age(st: str, dates, named: DateMention | None, offset: int
                 ) -> tuple[int, int, int] | None:
    """Her age at the events that took her to China, told with no year ("I was sold for $260, at
    the age of 13"): kept until the story dates her crossing."""
    ages = [d for d in dates if d.kind == "age"] + ([named] if named else [])
    if not ages or not _TRAFFICKED_AT.search(st) or any(d.kind == "absolute" for d in dates):
        return None
    a = ages[0]
    who = lx("en", "age_subject")
    if a is not named and not who.search(st[max(0, a.start - 30):a.end + 5]):
        return None
    return (a.age, offset + a.start, offset + a.end) if a.age is not None else None


def _birth_at_crossing(b: Builder, undated: tuple[int, int, int]) -> None:
    """"Trafficked at the age of 13 … crossed the Yalu in 2007": her age at the trafficking and
    the year of her first crossing give her birth year (the contract's stated age at a dated
    moment; low confidence, the reviewer checks it)."""
    first = next((e for e in b.events if e.type == "border_crossing"
                  and e.attributes.get("order") == 1), None)
    if first is None or first.date is None or not first.date.year:
        return
    age, start, end = undated
    b.facts.append(Fact("birth_year", first.date.year - age, b.ev_abs(start, end), 0.5))


# her age now, as she tells it at the interview ("I am 34 years old", "저는 올해 서른네 살")
_PRESENT_AGE = rules.fast_compile(
    r"\b(?:I\s+am|I['’]m|I\s+turned|I\s+have\s+just\s+turned)\s+(?:now\s+)?"
    r"(?P<en>\d{1,2}|[a-z]+(?:-[a-z]+)?)(?=\s+years?\s+old\b|\s+now\b|\s+this\s+year\b|\s*[.,;])"
    r"|(?:올해|현재|지금)\s?(?:나이\s?)?(?P<ko>\d{1,2})\s?(?:살|세)")


def _birth_from_present_age(st: str, interview_year: int, b: Builder, offset: int) -> int | None:
    """Her age now and the interview's year (stated in the header) give her birth year."""
    m = _PRESENT_AGE.search(st)
    if not m:
        return None
    g = "en" if m.group("en") else "ko"
    age = age_value(m.group(g))
    if age is None or not 12 <= age <= 90:
        return None
    by = interview_year - age
    b.facts.append(Fact("birth_year", by, b.ev_abs(offset + m.start(g), offset + m.end(g)), 0.6))
    return by


_AGE_NOW = re.compile(r"(?:(?<![가-힣])올(?:해)?|현재|지금|\bnow)\s?(?:나이\s?)?$", re.I)


def _birth_from_age(st: str, dates, timeline: Timeline, b: Builder, offset: int,
                    lang: str, named: DateMention | None = None) -> int | None:
    """A stated age at a stated year gives her birth year ("In 1990 … she was nineteen");
    ``named``: an age told with her name as the subject (hers without a pronoun)."""
    ages = [d for d in dates if d.kind == "age"]
    years = [d for d in dates if d.kind == "absolute" and d.year]
    if not ages:
        return None
    # the story's year when it was just told, or when the age is tied to it ("I was 30 years
    # old at the time", "그때 나이 서른")
    tied = re.search(r"\bat\s+(?:the|that)\s+time\b|그\s?때|당시", st) is not None
    year = years[0].year if years else (timeline.year if timeline.month_age <= 1 or tied
                                        else None)
    if year is None:
        return None
    a = named if named is not None and named in ages else ages[0]
    if _AGE_NOW.search(st[max(0, a.start - 8):a.start]):
        return None  # "올해 45세인 박씨는 2001년 탈북했다": her age now, not in 2001
    who = lx(lang, "age_subject")
    if a is not named and not who.search(st[max(0, a.start - 30):a.end + 5]) and not who.search(
            st[a.start:a.end]):
        return None
    if a.age is None:
        return None
    by = year - a.age
    b.facts.append(Fact("birth_year", by, b.ev_abs(offset + a.start, offset + a.end), 0.6))
    return by
