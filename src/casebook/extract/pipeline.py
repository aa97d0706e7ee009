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
from bisect import bisect_right
from dataclasses import dataclass

from casebook.errors import InvalidInput
from casebook.extract import english, korean
from casebook.extract.clean import Cleaned, clean, paragraph_index, sentences
from casebook.extract.cues import Context, Cue
from casebook.extract.dates import Timeline, find_dates
from casebook.extract.header import KOREAN_SURNAMES, parse_header
from casebook.extract.negation import DENIED, FACT, UNREAL
from casebook.extract.numbers import Money, find_money
from casebook.extract.places import china_province_of_place, event_place, places_in
from casebook.model import Amount, Event, Evidence, Fact, Involvement, Record, UncertainDate
from casebook.vocab import to_usd

_HANGUL = re.compile(r"[가-힣]")
_BIRTH_DATE = re.compile(r"(?:\bborn|\bb\.|birth)[^.;]{0,18}$|생\s*$", re.I)
_COUNT = {"once": 1, "twice": 2, "two times": 2, "three times": 3, "four times": 4, "five times": 5, "thrice": 3,
          "2 times": 2, "3 times": 3, "4 times": 4, "5 times": 5, "두": 2, "세": 3, "네": 4, "다섯": 5}
_TIMES = re.compile(r"\b(?P<n>once|twice|thrice|(?:two|three|four|five|[2-5])\s+times)\b|(?P<k>두|세|네|다섯)\s?(?:번|차례)", re.I)
_AGAIN = re.compile(r"\b(?:again|second\s+time|third\s+time|another\s+time|once\s+more)\b|다시|또", re.I)
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    """``"ko"`` when Hangul outweighs Latin letters, else ``"en"``."""
    sample = text[:4000]
    ko = len(_HANGUL.findall(sample))
    en = len(_LATIN.findall(sample))
    return "ko" if ko > en * 0.5 else "en"


@dataclass
class _Sentence:
    start: int  # cleaned offsets
    end: int
    text: str
    para: int
    date: UncertainDate | None
    money: list[Money]
    cues: list[Cue]
    more: object = None  # zero-argument callable giving the cues asked for lazily (see _full)
    index: dict | None = None  # cues by kind, built on first use


def _full(s: _Sentence) -> _Sentence:
    """Add the lazily computed cues (recruitment, recruiters, buyer, purpose) to a sentence."""
    if s.more is not None:
        s.cues = s.cues + s.more()
        s.more = None
        s.index = None
    return s


_NOT_PRICE = re.compile(
    r"(?:a|per|each|every|a\s+single)\s+(?:month|day|week|year|night|client|customer|hour|time)|monthly|salary|wage|"
    r"debt|bribe|fine\b|fines\b|rent|fee\s+for|for\s+the\s+(?:whole\s+)?(?:trip|journey|escape)|to\s+South\s+Korea|"
    r"월급|한\s?달에|하루에|빚|뇌물|벌금|방세|한\s?방에|씩|수수료|비용", re.I)
_PRICE_WORDS = re.compile(r"paid|price|got|took|received|gave|given|for\s+(?:me|us|her)|sold|bought|받았|받고|이라고|라고|에\s?팔|에\s?사|줬|주고|"
                          r"들었|cost|worth|yuan\s+for|값", re.I)


class _Builder:
    def __init__(self, cleaned: Cleaned, lang: str) -> None:
        self.c = cleaned
        self.lang = lang
        self.events: list[Event] = []
        self.facts: list[Fact] = []

    def ev(self, s: _Sentence, a: int, b: int) -> Evidence:
        """Evidence for sentence-relative span ``[a, b)``, quoted from the ORIGINAL text."""
        os_, oe = self.c.span(s.start + a, s.start + b)
        return Evidence(os_, oe, self.c.original_text[os_:oe])

    def ev_abs(self, a: int, b: int) -> Evidence:
        os_, oe = self.c.span(a, b)
        return Evidence(os_, oe, self.c.original_text[os_:oe])

    def sentence_ev(self, s: _Sentence) -> Evidence:
        return self.ev(s, 0, len(s.text))


def _protagonist(text: str, surname: str | None) -> tuple[str, ...]:
    names: list[str] = []
    if surname and _LATIN.match(surname):
        names += [surname]
    m = re.search(r"[“\"]?(?P<first>[A-Z][a-z]+)\s+(?P<last>" + "|".join(KOREAN_SURNAMES) + r")[”\"]?\s+(?:is\s+a\s+pseudonym|"
                  r"grew\s+up|was\s+born|\(pseudonym\))", text)
    if m:
        names += [m.group("last"), f"{m.group('first')} {m.group('last')}"]
    return tuple(dict.fromkeys(names))


def extract(text: str, lang: str = "auto") -> Record:
    """Read one testimony and propose its facts and events (all *suggested*)."""
    if lang == "auto":
        lang = detect_language(text)
    cleaned = clean(text)
    t = cleaned.text
    header = parse_header(t)
    b = _Builder(cleaned, lang)
    # person facts from the header
    if header.surname:
        v, s, e = header.surname
        b.facts.append(Fact("surname", v, b.ev_abs(s, e), 0.9))
    if header.birth_year:
        v, s, e = header.birth_year
        b.facts.append(Fact("birth_year", v, b.ev_abs(s, e), 0.95))
    if header.province_china:
        v, s, e = header.province_china
        b.facts.append(Fact("province_china", v, b.ev_abs(s, e), 0.85))
    if header.origin_nk:
        v, s, e = header.origin_nk
        b.facts.append(Fact("origin_nk", v, b.ev_abs(s, e), 0.85))
    surname = header.surname[0] if header.surname else None
    module = korean if lang == "ko" else english
    if lang == "ko":
        ctx = Context("first", ())
    else:
        names = _protagonist(t, surname)
        if not surname:
            m = re.search(r"\b(?:Ms|Mrs|Miss)\.?\s+(?P<s>[A-Z][a-z]+)\b", t[:600])
            if names and len(names) >= 2:
                b.facts.append(Fact("surname", names[0], None, 0.6))
            elif m:
                b.facts.append(Fact("surname", m.group("s"), b.ev_abs(m.start("s"), m.end("s")), 0.6))
        ctx = Context(english.detect_mode(t[header.end:], names), names)
    birth_year = header.birth_year[0] if header.birth_year else None
    timeline = Timeline(birth_year)
    spans = sentences(t)
    paras = paragraph_index(t, spans)
    sents: list[_Sentence] = []
    extra = getattr(module, "analyse_extra", None)
    other = False
    for (s, e), p in zip(spans, paras):
        st = t[s:e]
        dates = find_dates(st)
        if birth_year is None:
            birth_year = _birth_from_age(st, dates, timeline, b, s)
            if birth_year:
                timeline.birth_year = birth_year
        # a header line or a birth date ("born in 1979") is not when the story happens
        story_dates = [] if (header.end and e <= header.end) else [
            d for d in dates if not (d.kind == "absolute" and _BIRTH_DATE.search(st[max(0, d.start - 25):d.start]))]
        stated = timeline.advance(story_dates)
        body = s >= header.end or header.end == 0
        sctx = ctx
        if lang != "ko" and ctx.mode == "third":
            other = english.focus(st, ctx, other)  # "Ms. Lee … she was sold": not her sale
            if other:
                sctx = Context("named", ctx.names)
        cues = module.analyse(st, sctx) if body else []
        date = stated or timeline.current()
        more = None
        if body and extra is not None:
            more = (lambda st=st, sctx=sctx: extra(st, sctx))
        sents.append(_Sentence(s, e, st, p, date, find_money(st), cues, more))
    _walk(b, sents, ctx)
    _places(b, sents, lang)
    refine = getattr(module, "refine", None)
    if refine is not None:  # language-specific, document-level corrections (Korean: out-of-order tellings)
        refine(b, sents)
    for f in module.person_facts(t, header.end, b.facts):
        f_ev = f.evidence
        if f_ev is not None:
            f.evidence = b.ev_abs(f_ev.start, f_ev.end)
        b.facts.append(f)
    return Record(b.facts, b.events, lang)


_LIVES_NOW = re.compile(r"\b(?:I|we|she)\s+(?:now\s+|still\s+|currently\s+)?(?:live|lives|am\s+living|is\s+living|"
                        r"are\s+living|have\s+been\s+living|has\s+been\s+living|have\s+lived|has\s+lived)\b", re.I)


def _places(b: _Builder, sents: list[_Sentence], lang: str) -> None:
    """Gazetteer ids for the events' places, and the province she lives in from a named town."""
    starts = [b.c.span(s.start, s.end)[0] for s in sents]
    cache: dict[int, list] = {}

    def found(k: int) -> list:
        if k not in cache:
            cache[k] = places_in(sents[k].text)
        return cache[k]

    for e in b.events:
        if e.evidence is None or e.place is not None or e.type == "recruitment":
            continue
        k = bisect_right(starts, e.evidence.start) - 1
        if k < 0:
            continue
        hit = event_place(e.type, found(k))
        if hit:
            e.place, (a, z, _) = hit[0], hit[1]
            e.place_text = sents[k].text[a:z]
    if lang == "en" and not any(f.field == "province_china" for f in b.facts):
        for s in sents:  # "I live in Yanji now" → Jilin
            m = _LIVES_NOW.search(s.text)
            if not m:
                continue
            for a, z, p in places_in(s.text[m.end():m.end() + 80]):
                prov = china_province_of_place(p)
                if prov:
                    o = s.start + m.end()
                    b.facts.append(Fact("province_china", prov, b.ev_abs(o + a, o + z), 0.6))
                    return


def _birth_from_age(st: str, dates, timeline: Timeline, b: _Builder, offset: int) -> int | None:
    """A stated age at a stated year gives her birth year ("In 1990 … she was nineteen")."""
    ages = [d for d in dates if d.kind == "age"]
    years = [d for d in dates if d.kind == "absolute" and d.year]
    if not ages:
        return None
    year = years[0].year if years else (timeline.year if timeline.month_age <= 1 else None)
    if year is None:
        return None
    a = ages[0]
    if not re.search(r"\b(?:I|she|me|her)\b|살", st[max(0, a.start - 30):a.end + 5], re.I) and "살" not in st[a.start:a.end]:
        return None
    by = year - a.age
    b.facts.append(Fact("birth_year", by, b.ev_abs(offset + a.start, offset + a.end), 0.6))
    return by


def _cues(s: _Sentence, kind: str, status: str | None = FACT) -> list[Cue]:
    if not s.cues:
        return []
    if s.index is None:
        s.index = {}
        for c in s.cues:
            s.index.setdefault(c.kind, []).append(c)
    found = s.index.get(kind, ())
    return [c for c in found if status is None or c.status == status]


def _walk(b: _Builder, sents: list[_Sentence], ctx: Context) -> None:
    """Walk the sentences in order and turn cues into events."""
    # nk0: before she first left; china; nk: back after repatriation; abroad; sk. A story that never
    # tells a crossing (an excerpt, a quote) is set in China from its first word.
    told_crossing = any(c.kind == "crossing" and c.status == FACT and not any(x.kind == "abroad" for x in s.cues)
                        for s in sents for c in s.cues)
    state = "nk0" if told_crossing else "china"
    last_sale: tuple[int, Event] | None = None
    sale_idx: list[int] = []
    first_cross_idx: int | None = None
    crossings = 0
    for i, s in enumerate(sents):
        has = {c.kind for c in s.cues if c.status == FACT}
        abroad = any(c.kind == "abroad" for c in s.cues)
        # --- border crossing / transit / arrival
        cross = _cues(s, "crossing")
        # the first crossing is recorded even when the story told a later sale first (a flashback)
        if cross and not abroad and (state in ("nk0", "nk") or crossings == 0):
            c = cross[0]
            river = next((x.code for x in s.cues if x.kind == "river"), None)
            if river is None and crossings == 0:
                river = _river_near(sents, i)
            attrs = {}
            if river:
                attrs["river"] = river
            if any(x.kind == "alone" for x in s.cues):
                attrs["alone"] = True
            if any(x.kind == "broker_voluntary" for x in s.cues):
                attrs["with_broker"] = True
            crossings += 1
            attrs["order"] = crossings
            b.events.append(Event("border_crossing", date=s.date, attributes=attrs,
                                  evidence=b.ev(s, c.start, c.end), confidence=0.8))
            state = "china"
            if first_cross_idx is None:
                first_cross_idx = i
        elif cross and abroad and state in ("china", "nk0"):
            c = cross[0]
            b.events.append(Event("transit", date=s.date, evidence=b.ev(s, c.start, c.end), confidence=0.6))
            state = "abroad"
        elif "transit" in has and state == "china":
            c = _cues(s, "transit")[0]
            b.events.append(Event("transit", date=s.date, evidence=b.ev(s, c.start, c.end), confidence=0.6))
            state = "abroad"
        if "arrival" in has and state in ("china", "abroad"):
            c = _cues(s, "arrival")[0]
            b.events.append(Event("arrival", date=s.date, evidence=b.ev(s, c.start, c.end), confidence=0.7))
            state = "sk"
        # --- sales
        sale_cues = _cues(s, "sale")
        if not sale_cues and state in ("china", "nk0"):
            sale_cues = _payments(s, sents[i - 1] if i else None)
        if sale_cues and (state == "nk" or (state == "nk0" and not any(
                c.kind == "crossing" and c.status == FACT for x in sents[i + 1:] for c in x.cues))):
            # sold at or across the border (or after an untold re-crossing): she is in China; a sale
            # told before a crossing that is still to come is a summary or a sale inside North Korea
            state = "china"
        if _cues(s, "hukou", None) and state == "nk":
            state = "china"  # Chinese papers: she is back in China
        if sale_cues:
            new = _sales(b, sents, i, s, sale_cues, last_sale)
            if new:
                last_sale = (i, new[-1])
                sale_idx.append(i)
        else:
            denied = _cues(s, "sale", DENIED)
            nxt = sents[i + 1].text if i + 1 < len(sents) else ""
            if not denied and not _HANGUL.search(s.text) and (_FOILED.search(s.text) or _FOILED_NEXT.match(nxt)):
                denied = _cues(s, "sale", UNREAL)  # "planned to sell me …, but I ran away": a foiled sale
            for c in denied:
                b.events.append(Event("sale", date=s.date, attributes={"denied": True},
                                      evidence=b.ev(s, c.start, c.end), confidence=0.6))
            # a price stated right after a sale without one: "만 위안이라고 들었어요"
            if last_sale and i - last_sale[0] == 1 and last_sale[1].amount is None:
                m = _price(s, s.money, require_words=True)
                if m:
                    last_sale[1].amount = _amount(m, last_sale[1].date)
                    _set_buyer_purpose(last_sale[1], s)
        # --- arrests, repatriations, detention
        qa = _qa_count(s, sents[i - 1] if i else None)
        for c in _cues(s, "arrest", None):
            if c.status == DENIED:
                b.events.append(Event("arrest_china", date=s.date, attributes={"denied": True},
                                      evidence=b.ev(s, c.start, c.end), confidence=0.7))
            elif c.status == FACT and (state in ("china", "nk0") or (
                    state == "nk" and re.search(r"Chinese|\bChina\b|again", s.text))):
                b.events.append(Event("arrest_china", date=s.date, attributes=_times(s.text, c),
                                      evidence=b.ev(s, c.start, c.end), confidence=0.75))
                state = "china"
            break
        else:
            if qa and qa[0] == "arrest" and state in ("china", "nk0"):
                b.events.append(Event("arrest_china", date=s.date, attributes=qa[1], evidence=b.sentence_ev(s),
                                      confidence=0.6))
        rep = _cues(s, "repatriation", None)
        rep_at = None
        for c in rep:
            if c.status == DENIED:
                b.events.append(Event("repatriation", date=s.date, attributes={"denied": True},
                                      evidence=b.ev(s, c.start, c.end), confidence=0.7))
            elif c.status == FACT and (state in ("china", "nk0") or (state == "nk" and _AGAIN.search(s.text))):
                b.events.append(Event("repatriation", date=s.date, attributes=_times(s.text, c),
                                      evidence=b.ev(s, c.start, c.end), confidence=0.8))
                state, rep_at = "nk", c.start
            break
        else:
            if qa and qa[0] == "repatriation" and state in ("china", "nk0"):
                b.events.append(Event("repatriation", date=s.date, attributes=qa[1], evidence=b.sentence_ev(s),
                                      confidence=0.6))
        det = [c for c in _cues(s, "detention") if rep_at is None or c.start > rep_at]
        if state == "china" and det and _IN_CUSTODY.search(s.text) and any(
                c.code not in ("other", "police_detention") for c in det):
            # "the bowibu in Onsong questioned me": she was sent back even if the story skips it
            c = det[0]
            b.events.append(Event("repatriation", date=s.date, attributes={"implied": True},
                                  evidence=b.ev(s, c.start, c.end), confidence=0.55))
            state = "nk"
        if state == "nk":
            for c in det:
                if any(e.type == "detention_nk" and e.attributes.get("facility") == c.code
                       and e.attributes.get("episode") == crossings for e in b.events):
                    continue
                if c.code == "other" and any(e.type == "detention_nk" and e.attributes.get("episode") == crossings
                                             for e in b.events):
                    continue  # "the camp" after a named facility is that facility
                b.events.append(Event("detention_nk", date=s.date, attributes={"facility": c.code, "episode": crossings},
                                      evidence=b.ev(s, c.start, c.end), confidence=0.75))
        # --- violence, exploitation, children, registration (in China or after she left)
        if state != "nk0" or sale_cues or any(c.code == "drugging" for c in _cues(s, "violence")):
            for c in _cues(s, "violence"):
                if state == "nk0" and not sale_cues and c.code != "drugging":
                    continue  # the drug that carried her off is part of the trafficking; other harm at home is not
                b.events.append(Event("violence", date=s.date, attributes={"kind": c.code},
                                      evidence=b.ev(s, c.start, c.end), confidence=0.7))
            if state == "nk":
                for c in _cues(s, "birth"):  # "I have a daughter": a total told from the present
                    if c.extra.get("total"):
                        b.events.append(Event("child_birth", date=s.date,
                                              attributes={"count": int(c.value or 1), "total": True,
                                                          "what": c.extra.get("what")},
                                              evidence=b.ev(s, c.start, c.end), confidence=0.6))
            if state in ("china", "abroad"):
                for c in _cues(s, "exploitation"):
                    typ = {"forced_marriage": "forced_marriage", "prostitution": "prostitution",
                           "cybersex": "cybersex"}.get(c.code, "forced_labour")
                    b.events.append(Event(typ, date=s.date, attributes={"kind": c.code},
                                          evidence=b.ev(s, c.start, c.end), confidence=0.65))
                for c in _cues(s, "birth"):
                    b.events.append(Event("child_birth", date=s.date,
                                          attributes={"count": int(c.value or 1), "total": c.extra.get("total", False),
                                                      "what": c.extra.get("what"),
                                                      "definite": c.extra.get("definite", False)},
                                          evidence=b.ev(s, c.start, c.end), confidence=0.7))
        if state != "nk0":
            for c in _cues(s, "birth", DENIED):
                if c.value == 0:  # "I have no children", "I did not get pregnant"
                    b.events.append(Event("child_birth", date=s.date, attributes={"denied": True, "count": 0},
                                          evidence=b.ev(s, c.start, c.end), confidence=0.6))
        for c in _cues(s, "hukou", None):  # Chinese papers are about China wherever the story stands
            b.events.append(Event("registration", date=s.date, attributes={"status": c.code},
                                  evidence=b.ev(s, c.start, c.end), confidence=0.7))
        m = _PAPERS_REF.search(s.text) if i and not _cues(s, "hukou", None) else None
        if m and _PAPERS_WORD.search(sents[i - 1].text):
            # "Our son has a hukou. I have none." / "I have a fake one": her papers, named before
            k = (m.group("k") or "").lower()
            status = "none" if m.group("none") else ("fake" if k in ("fake", "false", "forged") else "obtained")
            b.events.append(Event("registration", date=s.date, attributes={"status": status},
                                  evidence=b.ev(s, m.start(), m.end()), confidence=0.6))
        if any(x.kind == "vague_times" for x in s.cues):
            b.events.append(Event("sale", date=s.date, attributes={"vague": True},
                                  evidence=b.sentence_ev(s), confidence=0.4))
    after_cross = [k for k in sale_idx if first_cross_idx is not None and k >= first_cross_idx]
    _recruitment(b, sents, after_cross[0] if after_cross else (sale_idx[0] if sale_idx else None), first_cross_idx)
    _dedupe_sales(b)
    real_sale = any(e.type == "sale" and not e.attributes.get("denied") for e in b.events)
    if not real_sale and any(e.type == "sale" and e.attributes.get("denied") for e in b.events):
        # introduced and explicitly not sold: "her husband" alone does not make the marriage forced
        b.events[:] = [e for e in b.events if not (e.type == "forced_marriage" and e.evidence is not None
                                                   and _HUSBAND_ONLY.match(e.evidence.quote or ""))]
    if not any(e.type == "prostitution" for e in b.events):
        brothel = next((e for e in b.events if e.type == "sale" and e.attributes.get("purpose") == "prostitution"
                        and not e.attributes.get("denied")), None)
        if brothel is not None:  # sold to a brothel, a massage place, a karaoke bar
            b.events.append(Event("prostitution", date=brothel.date, attributes={"kind": "prostitution"},
                                  evidence=brothel.evidence, confidence=0.6))
    if not any(e.type == "forced_marriage" for e in b.events):
        wife = next((e for e in b.events if e.type == "sale" and e.attributes.get("purpose") == "marriage"
                     and not e.attributes.get("denied")), None)
        if wife is not None:  # sold as a wife: a forced marriage even if she never says so again
            b.events.append(Event("forced_marriage", date=wife.date, attributes={"kind": "forced_marriage"},
                                  evidence=wife.evidence, confidence=0.6))
    for s in sents:
        for c in s.cues:
            if c.kind == "province_now":
                b.facts.append(Fact("province_china", c.code, b.ev(s, c.start, c.end), 0.7))
                break


_HUSBAND_ONLY = re.compile(r"^(?:my|her)\s+(?:Chinese\s+)?[“\"]?husband[”\"]?$", re.I)
_PAPERS_WORD = re.compile(r"\b(?:hukou|hokou|ID\s+card|identity\s+card|residence\s+permit)\b", re.I)
_PAPERS_REF = re.compile(r"\b(?:I|she)\s+(?:have|has|had|got|bought)\s+(?:(?P<none>none|no\s+such\s+thing)|"
                         r"(?:a|an)\s+(?P<k>fake|false|forged|real|legal|proper)\s+one)\b", re.I)
_IN_CUSTODY = re.compile(r"\b(?:I|we|me|us|she|her)\b[^.;]{0,80}\b(?:sent|taken|held|detained|interrogated|questioned|"
                         r"spent|put|locked|transferred|imprisoned|served|released|beat|beaten|tortured|kept|"
                         r"investigated|sentenced|stayed)\b|\b(?:interrogated|questioned|beat|tortured|held|detained|"
                         r"investigated|sentenced|released)\s+(?:me|us|her)\b", re.I)
_Q_ARREST = re.compile(r"\b(?:arrested|caught|detained)\b", re.I)
_Q_REP = re.compile(r"\b(?:repatriated|sent\s+back|deported|returned\s+to\s+(?:North\s+Korea|the\s+North))\b", re.I)
_ANSWER = re.compile(r"^\s*(?:A\s*[:.]\s*)?(?:(?:Yes|Yeah)[,.]?\s*)?(?P<n>once|twice|thrice|(?:two|three|four|five)\s+times|one\s+time)\b|"
                     r"^\s*(?:A\s*[:.]\s*)?(?P<no>No|Never)\b", re.I)


_BUYER_HEAD = re.compile(r"(?:sold|sell|handed)\s+(?:me\s+|her\s+|us\s+)?to\s+(?:a|an|the)?\s*$|한테\s?팔|에게\s?팔", re.I)


# "I was sold to him for 20,000 yuan" right after "the owner sold me to a customer": the same sale
_ANAPHORIC_BUYER = re.compile(r"\b(?:sold|given|handed)\s+(?:me\s+|us\s+|her\s+)?to\s+(?:him|them|that\s+man|this\s+man)\b|"
                              r"\bthe\s+price\b|\bfor\s+(?:me|her)\b", re.I)


_ONWARD_SALE = re.compile(r"\b(?:re-?sold|sold)\s+(?:me|her|us)\s+(?:again\s+|on\s+)?(?:to|into)\s+(?:a|an|another)\b", re.I)


def _sellers(sents: list[_Sentence], i: int) -> tuple[list[str], bool]:
    """Who sold her in sentence ``i``: the people named in it (not as the buyer), else the last
    people named in the four sentences before ("My neighbour took me to a house. She was paid for
    me"); and whether they were named in the sale's own sentence."""
    for j in range(i, max(-1, i - 5), -1):
        s = _full(sents[j])
        codes = sorted({c.code for c in s.cues if c.kind == "relation"
                        and not _BUYER_HEAD.search(s.text[max(0, c.start - 25):c.start])})
        if codes:
            return codes, j == i
    return [], False


def _river_near(sents: list[_Sentence], i: int) -> str | None:
    """The river of a crossing told over two sentences ("down to the Yalu. A boat took us across.")."""
    for j in (i - 1, i + 1, i - 2, i + 2):
        if 0 <= j < len(sents):
            if any(c.kind == "crossing" and c.status == FACT for c in sents[j].cues) and abs(j - i) > 1:
                continue
            river = next((x.code for x in sents[j].cues if x.kind == "river"), None)
            if river:
                return river
    return None


def _times(text: str, cue: Cue | None = None) -> dict:
    """"arrested twice", "sent back three times": a stated total for the event's kind (the count
    must stand next to the cue's words: "Twice my boss paid … the third time I was sent back" is
    not two returns)."""
    a, z = (0, len(text)) if cue is None else (max(0, cue.start - 12), cue.end + 35)
    m = _TIMES.search(text, a, z)
    if not m:
        return {}
    n = _COUNT.get((m.group("n") or m.group("k") or "").lower(), 1)
    if (m.group("n") or "").lower() == "one time":
        n = 1
    return {"total": n} if n > 1 else {}


def _qa_count(s: _Sentence, prev: _Sentence | None) -> tuple[str, dict] | None:
    """An interview answer to "Were you ever arrested?": "Two times." / "No, never."."""
    if prev is None or not prev.text.rstrip().endswith("?"):
        return None
    m = _ANSWER.match(s.text)
    if not m:
        return None
    kind = "arrest" if _Q_ARREST.search(prev.text) else ("repatriation" if _Q_REP.search(prev.text) else None)
    if kind is None:
        return None
    if m.group("no"):
        return kind, {"denied": True}
    word = m.group("n").lower()
    n = 1 if word in ("once", "one time") else _COUNT.get(word, 1)
    return kind, ({"total": n, "summary": True} if n > 1 else {})


def _dedupe_sales(b: _Builder) -> None:
    """One transaction told twice (a summary before the story, or a price repeated) counts once:
    same amount and currency (year and buyer compatible), or an unpriced sale by the same seller."""
    sales = [e for e in b.events if e.type == "sale" and not e.attributes.get("denied")
             and not e.attributes.get("vague") and not e.attributes.get("summary")]
    drop: set[int] = set()
    for k, e in enumerate(sales):
        for f in sales[k + 1:]:
            if id(f) in drop or id(e) in drop or f.attributes.get("repeat"):
                continue
            if e.amount and f.amount and e.amount.value == f.amount.value and e.amount.currency == f.amount.currency:
                ye, yf = e.amount.year, f.amount.year
                be = {i.group for i in e.involvements if i.perpetrator_role == "buyer"}
                bf = {i.group for i in f.involvements if i.perpetrator_role == "buyer"}
                if (ye is None or yf is None or ye == yf) and (not be or not bf or be == bf):
                    drop.add(id(f))
            elif (e.amount is None) != (f.amount is None):
                se = set(e.attributes.get("sellers", ())) if e.attributes.get("sellers_named") else set()
                sf = set(f.attributes.get("sellers", ())) if f.attributes.get("sellers_named") else set()
                if se & sf & {"relative", "friend", "neighbour_or_villager"}:
                    drop.add(id(e) if e.amount is None else id(f))
    if drop:
        b.events[:] = [e for e in b.events if id(e) not in drop]


_FOILED = re.compile(
    r"\bbut\s+(?:\w+\s+){0,4}?(?:ran\s+away|escaped|fled|got\s+away|slipped\s+away|got\s+out|hid|refused|"
    r"was\s+rescued|were\s+rescued|(?:the\s+)?police\s+(?:came|raided|arrived))\b|"
    r"\bbefore\s+(?:he|she|they|it|that|the\s+sale)\s+could\b", re.I)
_FOILED_NEXT = re.compile(r"\W*(?:but\s+)?before\s+(?:that|it|he|she|they|the\s+sale)\s+could\b", re.I)


_OTHERS_SALE = re.compile(
    r"\b(?:my|her|our|the|a|an|one|another|other|two|three)\s+(?:\w+\s+){0,2}?(?:neighbou?rs?|friends?|sisters?|"
    r"cousins?|nieces?|girls?|wom[ae]n|others)\b[^.;]{0,40}?\b(?:was|were|had\s+been|got)\s+(?:\w+\s+)?"
    r"(?:sold|bought)\b|\b(?:went|go|going|fetched)\s+for\s+(?:about\s+|around\s+)?[\d¥$]", re.I)


_NOT_SALE_PAYMENT = re.compile(
    r"police|officer|cadre|official|village\s+(?:office|head|chief)|township|county|bureau|bribe|fine|hukou|registration|"
    r"release|let\s+(?:\w+\s+){0,3}go\b|for\s+(?:her|him|them|the\s+other)\b|each\s+child|for\s+(?:the\s+)?(?:child|children|son|daughter)|rent|debt|"
    r"\bsent\b|\bsend\b|month|wage|trip|journey|South\s+Korea|smuggl|escape|passport|doctor|hospital|school|"
    # a go-between's share of her price is part of one sale, not a second one: "got 1,000 yuan of that money"
    r"\bof\s+(?:that|the|this|her)\s+(?:money|sum|price|amount)|\b(?:share|cut|commission)\b|"
    r"공안|경찰|간부|마을에|촌에|벌금|뇌물|호구|신분증|풀려|북송\s?안|빚|월급|한\s?달|보내|여비|비용|병원|학교", re.I)


_SELF_PAYER = re.compile(r"\b(?:I|we|my\s+(?:mother|father|sister|brother|family|cousin|aunt|uncle)|our)\s+(?:\w+\s+){0,2}?"
                         r"(?:paid|gave|give|spent)|브로커(?:한테|에게)|(?:제가|저는|내가|우리\s?돈|북한\s?돈|엄마가|오빠가|언니가)", re.I)
_PAID_BY_HER_SIDE = re.compile(r"\b(?:was|were|had\s+been)\s+paid\b[^.;]{0,60}?\bby\s+(?:me|us|my|our)\b", re.I)
_THIRD_PAYER = re.compile(r"남편|남자가|남자는|농민|농부|주인|사장|그\s?집|시댁|쪽에서|시어머니|노총각|할아버지가|"
                          r"\b(?:he|the\s+man|the\s+farmer|my\s+husband|the\s+family|his\s+family|the\s+owner)\b", re.I)


def _payments(s: _Sentence, prev: _Sentence | None = None) -> list[Cue]:
    """"He paid the broker 9,000 yuan", "남편 쪽에서 아주머니한테 4천 위안을 줬더라고요": a payment to
    whoever handed her over is a sale, unless it pays police, officials, a fine, a bribe or papers."""
    out = []
    for c in s.cues:
        if c.kind != "payment" or c.status != FACT:
            continue
        if _SELF_PAYER.search(s.text[:c.end]) and not _THIRD_PAYER.search(s.text[:c.end]):
            continue  # her own (or her family's) fee to a broker is not her sale
        if _PAID_BY_HER_SIDE.search(s.text):
            continue  # "The broker was paid 500 yuan by my friend's aunt"
        if _NOT_SALE_PAYMENT.search(s.text) or (prev is not None and re.search(
                r"\b(?:paid|gave)\s+(?:them|him)\b", s.text) and re.search(r"police|raid|arrest", prev.text, re.I)):
            continue
        if not any((m.start >= c.start or _HANGUL.search(s.text)) and not m.converted and m.value >= 300
                   for m in s.money):
            continue
        out.append(Cue("sale", c.start, c.end, extra={"payment": True}))
        break
    return out


def _price(s: _Sentence, money: list[Money], require_words: bool = False) -> Money | None:
    for m in money:
        if m.converted or m.value < 50:
            continue
        window = s.text[max(0, m.start - 30):m.end + 25]
        if _NOT_PRICE.search(window):
            continue
        if require_words and not _PRICE_WORDS.search(s.text):
            continue
        return m
    return None


def _amount_only(s: _Sentence) -> bool:
    """A sentence that is little more than a price: "사천 위안이요.", "2천 위안이요."."""
    if len(s.money) != 1:
        return False
    rest = s.text[:s.money[0].start] + s.text[s.money[0].end:]
    rest = re.sub(r"중국\s?돈으로|이요|이에요|요|였어요|이었어요|정도|쯤|[\s.,!?]", "", rest)
    return len(rest) <= 4


def _amount(m: Money, date: UncertainDate | None) -> Amount:
    year = date.year if date else None
    return Amount(m.value, m.currency, year, _usd(m.value, m.currency, year))


def _usd(value: float, currency: str, year: int | None) -> float | None:
    try:
        v = to_usd(value, currency, year)
    except InvalidInput:  # a currency the rate table does not know: no dollar value
        return None
    return round(float(v), 2) if v is not None else None


def _set_buyer_purpose(e: Event, s: _Sentence, after: int = 0) -> None:
    _full(s)
    buyer = next((c for c in s.cues if c.kind == "buyer" and c.start >= after), None)
    if buyer and not any(i.role == "buyer" for i in e.involvements):
        e.involvements.append(Involvement("perpetrator", "buyer", who=s.text[buyer.start:buyer.end], group=buyer.code))
    purpose = next((c for c in s.cues if c.kind == "purpose"), None)
    if purpose and "purpose" not in e.attributes:
        e.attributes["purpose"] = purpose.code


def _sales(b: _Builder, sents: list[_Sentence], i: int, s: _Sentence, cues: list[Cue],
           last: tuple[int, Event] | None) -> list[Event]:
    """Sale events of one sentence: one per stated price, else one (merged with the sale just
    before when this sentence only tells the other side of it: "sold me … He paid 4,000")."""
    _full(s)
    prices = [m for m in s.money if not m.converted and m.value >= 50 and not _NOT_PRICE.search(
        s.text[max(0, m.start - 30):m.end + 25])]
    repeat = re.search(r"\b(?:again|re-?sold|second|another|once\s+more|third)\b|다시|또|두\s?번째|세\s?번째|되팔", s.text, re.I)
    times = re.search(r"\b(?P<n>twice|three\s+times|four\s+times|two\s+times)\b|(?P<k>두|세|네)\s?번\s?(?:이나\s?)?팔", s.text, re.I)
    first = cues[0]
    if last and 1 < i - last[0] <= 3 and not repeat and not prices and last[1].amount is not None \
            and not first.extra.get("payment") and not _ONWARD_SALE.search(s.text):
        return [last[1]]  # "…took 6,000 yuan from me … She had sold me": the same sale retold
    if last and i - last[0] <= 2 and not repeat:
        prev = last[1]
        buyer_side = re.match(r"paid|pay|gave|given|spent|bought|price|purchased|샀|사\s?갔|값|주고", s.text[first.start:first.end], re.I)
        anaphoric = bool(prices) and bool(_ANAPHORIC_BUYER.search(s.text))
        onward = _ONWARD_SALE.search(s.text) and not buyer_side  # "The broker sold me to a farmer": a new sale
        if not onward and prev.amount is None and (prices or buyer_side or first.extra.get("payment")) and (
                i - last[0] <= 1 or first.extra.get("payment") or anaphoric):
            if prices:
                prev.amount = _amount(prices[0], prev.date or s.date)
            _set_buyer_purpose(prev, s)
            return [prev]
        if prev.amount is not None and not prices and not onward:
            return [prev]
    out: list[Event] = []
    n = max(1, len(prices))
    if times and not prices:
        # "I have been sold three times": her own count, kept as a total beside the told sales
        total = {"twice": 2, "two times": 2, "three times": 3, "four times": 4, "두": 2, "세": 3, "네": 4}.get(
            (times.group("n") or times.group("k") or "").lower(), 1)
        if total > 1:
            e = Event("sale", date=s.date, attributes={"total": total, "summary": True},
                      evidence=b.ev(s, first.start, first.end), confidence=0.7)
            b.events.append(e)
            return [e]
    sellers, direct = _sellers(sents, i)
    for k in range(n):
        e = Event("sale", date=s.date, evidence=b.ev(s, first.start, first.end), confidence=0.75)
        if repeat:
            e.attributes["repeat"] = True
        if sellers:
            e.attributes["sellers"] = sellers
            e.attributes["sellers_named"] = direct
        e.involvements.append(Involvement("victim"))
        if k < len(prices):
            e.amount = _amount(prices[k], s.date)
        _set_buyer_purpose(e, s, after=first.start)
        b.events.append(e)
        out.append(e)
    if not prices:
        for j in (i + 1, i + 2, i - 1):
            if not 0 <= j < len(sents):
                continue
            other = sents[j]
            if j > i and (_cues(other, "sale", None) or any(c.kind == "payment" for c in other.cues)):
                if j == i + 1:
                    continue  # the next sentence tells its own sale; do not look past it
                continue
            if j == i + 2 and (sents[i + 1].money or _cues(sents[i + 1], "sale", None)):
                continue
            if j < i and (_cues(other, "sale", None) or any(c.kind == "payment" for c in other.cues)):
                continue
            if j < i and _OTHERS_SALE.search(other.text):
                continue  # "My neighbour was sold first, for 2,500 yuan.": someone else's price
            m = _price(other, other.money, require_words=not _amount_only(other))
            if m:
                out[-1].amount = _amount(m, out[-1].date)
                _set_buyer_purpose(out[-1], other)
                break
    if "purpose" not in out[-1].attributes and i + 1 < len(sents):
        _set_buyer_purpose(out[-1], sents[i + 1])
    return out


_ZONE_RELATIONS = ("neighbour_or_villager", "friend", "relative", "stranger", "north_korean_trafficker",
                   "korean_chinese_broker", "han_chinese_broker", "couple", "other")


def _describes_guide(zone: list[_Sentence], k: int, cross_idx: int) -> bool:
    """"A broker couple took me across the Tumen. They were Korean-Chinese.": the sentence right
    after a crossing that names who took her describes that person, not a later buyer."""
    return (k == cross_idx + 1 and k < len(zone)
            and any(c.kind == "relation" for c in _full(zone[cross_idx]).cues)
            and not any(c.kind == "sale" for c in zone[k].cues))


def _recruitment(b: _Builder, sents: list[_Sentence], first_sale: int | None, cross_idx: int | None = None) -> None:
    """How she came to be trafficked, and by whom: read from the story up to her first sale."""
    end = (first_sale + 1) if first_sale is not None else min(len(sents), 12)
    zone = sents[:end + 1]
    methods: dict[str, Evidence] = {}
    relations: dict[str, Evidence] = {}
    noun_only: set[str] = set()
    buyers_named: set[str] = set()
    crossing = next((e for e in b.events if e.type == "border_crossing"), None)
    for k, s in enumerate(zone):
        for c in _full(s).cues:
            if c.kind == "relation" and c.extra.get("desc") and (
                    (cross_idx is not None and k > cross_idx and not _describes_guide(zone, k, cross_idx))
                    or (cross_idx is None and first_sale is not None and k >= first_sale)):
                continue  # a description after she crossed is more likely her buyer's
            if c.kind == "recruitment" and c.status == FACT and c.code not in methods:
                methods[c.code] = b.ev(s, c.start, c.end)
            if c.kind == "relation" and c.code not in relations:
                # the buyer is not a recruiter: skip a relation named after "sold (me) to"
                head = s.text[max(0, c.start - 25):c.start]
                if re.search(r"(?:sold|sell|handed)\s+(?:me\s+|her\s+|us\s+)?to\s+(?:a|an|the)?\s*$|한테\s?팔|에게\s?팔", head, re.I):
                    if re.search(r"broker|trafficker|middleman|smuggler|intermediar", s.text[c.start:c.end], re.I):
                        buyers_named.add(c.code)  # "sold me to a Korean-Chinese broker"
                    continue
                relations[c.code] = b.ev(s, c.start, c.end)
                if c.extra.get("noun"):
                    noun_only.add(c.code)
            elif c.kind == "relation" and not c.extra.get("noun"):
                noun_only.discard(c.code)
    if {"korean_chinese_broker", "han_chinese_broker", "north_korean_trafficker"} & (set(relations) | buyers_named):
        for code in noun_only:  # "the broker" after "a Korean-Chinese broker" is the same person
            relations.pop(code, None)
    if crossing is not None:
        if crossing.attributes.get("alone"):
            methods.setdefault("voluntary_alone", crossing.evidence)
        elif crossing.attributes.get("with_broker"):
            methods.setdefault("voluntary_with_broker", crossing.evidence)
        elif cross_idx is not None:  # "My cousin in Seoul paid a broker" told just before or after the crossing
            for s in sents[max(0, cross_idx - 4):cross_idx + 3]:
                c = next((c for c in s.cues if c.kind == "broker_voluntary" and c.status == FACT), None)
                if c is not None:
                    methods.setdefault("voluntary_with_broker", b.ev(s, c.start, c.end))
                    break
    # an acquaintance who took money for her: a sale whose sentence names them as seller
    acq = {"friend", "neighbour_or_villager", "relative"}
    first = next((e for e in b.events if e.type == "sale" and not e.attributes.get("denied")
                  and acq & set(e.attributes.get("sellers", ()))), None)
    if first is not None and (acq & set(relations)):
        methods.setdefault("sold_by_acquaintance", first.evidence)
    if methods or relations:
        ev = next(iter(methods.values()), None) or next(iter(relations.values()))
        e = Event("recruitment", attributes={"method": sorted(methods)}, evidence=ev, confidence=0.6,
                  involvements=[Involvement("perpetrator", "recruiter", relation=r, who=relations[r].quote)
                                for r in sorted(relations) if r in _ZONE_RELATIONS])
        e.date = crossing.date if crossing else None
        b.events.insert(0, e)
