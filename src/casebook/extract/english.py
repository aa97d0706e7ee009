"""English cues: what one sentence of an English testimony says about her journey.

Patterns are anchored on the survivor ("I", "me", "we"; in third-person accounts also
"she", "her" and her name), so that "my friend was sold for 15,000 yuan" or "the other
girl was taken" do not become her facts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from casebook.extract import rules
from casebook.extract.cues import Context, Cue
from casebook.extract.negation import DENIED, FACT, UNREAL, english_status

_F = re.I


# her name in a third-person account is replaced, in the lower-cased sentence the patterns read,
# by this letter repeated (same length, so offsets stay exact): the patterns compile once per mode
NAME_MARK = "ǂ"
_NAME_ALT = NAME_MARK + "+"


@lru_cache(maxsize=64)
def _mark_re(names: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:(?:ms|mrs|miss|madam)\.?\s+)?(?:"
                      + "|".join(re.escape(n.lower()) for n in sorted(names, key=len, reverse=True)) + r")\b")


def _mark_names(low: str, names: tuple[str, ...]) -> str:
    """``low`` with her name(s) replaced by :data:`NAME_MARK` letters of the same length."""
    if not names:
        return low
    return _mark_re(names).sub(lambda m: NAME_MARK * len(m.group()), low)


_OTHER_SUBJ = re.compile(
    r"\b(?:my|her|his|their|our|the|a|an|one|another|other|some|many|two|three|several)\s+(?:\w+\s+){0,2}?"
    r"(?:friend|sister|niece|aunt|cousin|daughter|mother|girl|girls|woman|women|dishwasher|sisters|"
    r"nieces|friends|others)\b", _F)


_RIVER = re.compile(r"\b(Tumen|Yalu|Duman|Amnok)\b", _F)
_RIVERS = {"tumen": "Tumen", "duman": "Tumen", "yalu": "Yalu", "amnok": "Yalu"}
_ABROAD = re.compile(r"\b(?:Mongolia|Laos|Thailand|Vietnam|Cambodia|Burma|Myanmar|Mekong|Russia)\b", _F)
@lru_cache(maxsize=64)
def _her_re(names: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:she|her" + "".join("|" + re.escape(n) for n in names) + r")\b", _F)


@lru_cache(maxsize=64)
def _name_re(names: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


_TITLE = r"(?:Ms|Mrs|Miss|Madam)\.?\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z-]+)?)"
_OTHER_WOMAN = re.compile(
    rf"^\W*(?:{_TITLE}|(?:[Hh]er|[Tt]he|[Aa]nother|[Oo]ne|[Aa])\s+(?:\w+\s+)?(?:friend|sister|cousin|niece|aunt|daughter|woman|girl|"
    r"companion|neighbou?r)\b(?:\s*,?\s+[A-Z][a-z]+(?:[\s-][A-Z]?[a-z]+)?)?)(?=[^.;]{0,60}?\b(?:was|were|had|has|is|"
    r"crossed|went|came|left|got|said|told|lived|worked|married|ran|escaped|became|gave)\b)")


_AGENT_OF_HER = re.compile(
    r"\W*(?:\w+\s+){0,6}?(?:(?:took|got|received|kept|pocketed|shared)\b[^.;]{0,30}?\b(?:money|share|cut|commission|"
    r"yuan|RMB)\b|(?:sold|handed|brought|took|led|delivered|guided)\s+her\b)", _F)


_SHE_HERSELF = re.compile(r"\W*(?:(?:as\s+for|and)\s+)?(?:she|Ms\.?\s+\w+)\s+herself\b", _F)


def focus(sentence: str, ctx: Context, other: bool) -> bool:
    """In a third-person account: is "she" in this sentence another woman? True from a sentence
    whose subject is another named woman or "her friend" until the survivor is named again."""
    if ctx.mode != "third":
        return False
    if ctx.names and _name_re(ctx.names).search(sentence):
        return False
    if _SHE_HERSELF.match(sentence):
        return False  # "She herself was sold for 3,000 yuan": back to her after another woman's story
    m = _OTHER_WOMAN.search(sentence)
    if m:
        if _AGENT_OF_HER.match(sentence, m.end()):
            return other  # "The woman from her village took part of the money": a go-between, not another victim
        return True
    return other


_THEY_HAVE = re.compile(r"^\W*they\s+(?:have|had)\s+(?:a|an|one|two|three|four|\d)\s+(?:\w+\s+)?(?:sons?|daughters?|"
                        r"children|child|boys?|girls?|babies|baby)\b", _F)
_SUBJECT_HER = re.compile(r"\b(?:me|us|I|we|my|myself)\b", _F)

_BIRTH = re.compile(
    r"\b(?:gave\s+birth\s+to|give\s+birth\s+to|had|bore|delivered|have|has)\s+(?P<n>a|an|one|two|three|four|five|twin|\d)?\s*"
    r"(?:(?:baby|little|healthy|more)\s+)?(?P<what>sons?|daughters?|boys?|girls?|babies|baby|child|children|twins|kids?)\b"
    r"|\b(?:my|our|her)\s+(?:\w+\s+)?(?P<what2>son|daughter|baby|child|boy|girl)\s+was\s+born\b"
    r"|\b(?P<what3>a\s+(?:boy|girl|son|daughter))\s+born\s+in\b"
    r"|\b(?:I|she)\s+(?:became\s+pregnant|got\s+pregnant)\b"
    r"|\b(?:I|she)\s+gave\s+birth\b", _F)
_BIRTH_PAIR = re.compile(r"\b(?:a|one)\s+(?:son|boy)\b[^.;]{0,25}?\band\s+(?:a|one)\s+(?:daughter|girl)\b|"
                         r"\b(?:a|one)\s+(?:daughter|girl)\b[^.;]{0,25}?\band\s+(?:a|one)\s+(?:son|boy)\b", _F)
_BIRTH_SUBJECT = {
    "first": re.compile(r"\b(?:I|we)\s+(?:\w+\s+){0,2}$", _F),
    "third": re.compile(r"\b(?:I|we|she|they)\s+(?:\w+\s+){0,2}$", _F),
}
_NO_CHILDREN = re.compile(
    r"\b(?:I|we|she)\s+(?:have|had|has)\s+(?:no|not\s+had\s+any)\s+(?:children|child|kids|baby)|^\W*no\s+children\b|"
    r"\b(?:I|we|she)\s+(?:did\s+not|didn[’']t|never)\s+(?:have|had)\s+(?:any\s+)?(?:children|a\s+child|a\s+baby|kids)|"
    r"\b(?:I|she)\s+(?:did\s+not|didn[’']t|never)\s+(?:get|got|become|became)\s+pregnant", _F)
_HUKOU = re.compile(r"\b(?:hukou|hokou|shenfenzheng|ID\s+card|identity\s+card|registration|papers|residence\s+permit|"
                    r"documents|ID)\b", _F)
_HUKOU_FAKE = re.compile(r"\b(?:fake|false|forged|bought|buy|purchased|someone\s+else[’']s|another\s+(?:woman|person)[’']s|"
                         r"dead\s+woman[’']s|deceased|borrowed|under\s+(?:another|a\s+different)\s+name|"
                         r"with\s+another\s+woman[’']s\s+name|illegal)\b", _F)
_HUKOU_NONE = re.compile(r"\bbut\s+(?:I|she)\s+(?:do|does|did)\s*(?:not|n[’']t)\b|"
                         r"\b(?:no|never\s+had|without|did\s+not\s+have|didn[’']t\s+have|don[’']t\s+have|"
                         r"do\s+not\s+have|not\s+have|lack|none)\b", _F)
_HUKOU_SELF = {
    "first": re.compile(r"\b(?:I|me|my|myself|for\s+me)\b", _F),
    "third": re.compile(r"\b(?:I|me|my|myself|for\s+me|she\s+(?:got|has|had|did|does|was|is|never)|her\s+own)\b", _F),
}
_HUKOU_SELF["named"] = _HUKOU_SELF["first"]
_HUKOU_OWN_NAME = re.compile(r"\bin\s+(?:my|her)\s+own\s+name\b", _F)
_HUKOU_NOT_EVEN_FAKE = re.compile(r"\bnot\s+even\s+(?:a|one)\s+(?:false|fake|forged)\b", _F)
_CHILD_ONLY = re.compile(r"\b(?:child|children|son|sons|daughter|daughters|baby|kids?|boy|girl)\b", _F)

_ETHNIC_DESC = re.compile(
    r"\b(?:she|he|they)\s+(?:was|were|is)\s+(?:an?\s+)?(?P<e>North\s+Korean|Korean-?\s?Chinese|ethnic\s+Korean|Han\s+Chinese|"
    r"Chinese)\b(?!\s+(?:man|woman|men|women|broker|farmer|citizen|national))|"
    r"\b(?:woman|man|lady|couple|broker)\b[^.;]{0,40},\s+(?P<e2>North\s+Korean|Korean-?\s?Chinese|Han\s+Chinese)\s*,", _F)
_VICTIM_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:was|were)\s+(?:also\s+|later\s+|then\s+)?(?:sold|bought|taken|abducted|kidnapped|"
                           r"arrested|caught|raped|married)\b")
_ROLE_NOUN_END = re.compile(r"(?:broker|brokers|trafficker|traffickers|smuggler|smugglers|middleman|middlemen|"
                            r"intermediary|guide|pimp|madam|gang|matchmaker)\b$", _F)
_ETHNIC_NEAR = re.compile(r"Korean-?\s?Chinese|Chinese-?\s?Korean|ethnic\s+Korean|Joseonjok|Chosonjok|Han\b|Chinese|North\s+Korean",
                          _F)
_BIRTH_HINT = re.compile(r"birth|born|son|daughter|boy|girl|bab|child|kid|twin|pregnan")
_HUKOU_HINT = re.compile(r"hukou|hokou|shenfen|\bid\b|identity|registration|papers|permit|documents")
_ROLE_VERB = re.compile(
    r"\b(?:sold|sell|took|take|brought|handed|led|guided|passed|delivered|kept|held|locked|introduc\w*|"
    r"offer\w*|promis\w*|arranged|recruit\w*|deceiv\w*|lied|drugged|abduct\w*|kidnap\w*|paid|received|"
    r"waiting|picked\s+(?:me|her|us)\s+up|drove|came\s+to\s+(?:me|her)|approached|told\s+(?:me|her)|said|"
    r"broker|brokers|trafficker|traffickers|smuggler|middleman|dragged|pushed|pulled|grabbed|abducted|kidnapped|"
    r"transferred|bought|deceived|tricked|lured|persuaded|asked|got\s+money|took\s+money|gave|given|told\s+us|"
    r"came\s+to\s+(?:us|our|my)|followed)\b", _F)

_PROVINCE_NOW = re.compile(
    r"\b(?:I|she|we)\s+(?:now\s+|still\s+|currently\s+)?(?:live|lives|am\s+living|is\s+living|are\s+living|stay|am\s+staying|"
    r"have\s+lived|has\s+lived|have\s+been\s+living|has\s+been\s+living|settled)\b[^.;]{0,60}?\bin\s+"
    r"(?P<p>(?:Jilin|Heilongjiang|Liaoning|Shandong|Inner\s+Mongolia|Hebei|Beijing|Tianjin|Shanghai|Guangdong|"
    r"Shanxi|Shaanxi|Henan|Hubei|Hunan|Jiangsu|Zhejiang|Anhui|Fujian|Jiangxi|Sichuan|Yunnan|Guizhou|Gansu)"
    r"(?:\s+Province)?)", re.I)



def _status(sentence: str, m: re.Match) -> str:
    t0 = m.start("t") if "t" in m.re.groupindex and m.group("t") else m.start()
    t1 = m.end("t") if "t" in m.re.groupindex and m.group("t") else m.end()
    txt = m.group("t") if "t" in m.re.groupindex and m.group("t") else m.group()
    if re.search(r"\bnever\b", txt, re.I):
        return DENIED
    return english_status(sentence, t0, t1)


# The cue kinds whose rows live in extract/rules/en/<kind>.toml. Event kinds: every row, every
# match (a match inside an earlier row's match is the same cue). Coded kinds: the first match of
# each code. The last four are asked for lazily (analyse_extra).
EVENT_KINDS = ("sale", "payment", "crossing", "arrest", "repatriation", "escape", "arrival", "transit")
CODED_KINDS = ("violence", "exploitation", "detention", "alone", "broker_voluntary")
LAZY_KINDS = ("recruitment", "relation", "buyer", "purpose")
_ALL_KINDS = EVENT_KINDS + CODED_KINDS + LAZY_KINDS


def _rules(mode: str) -> rules.RuleSet:
    return rules.ruleset("en", _ALL_KINDS, mode)


@lru_cache(maxsize=256)  # analyse and analyse_extra ask for the same sentence
def _candidates(marked: str, mode: str) -> dict[str, tuple[int, ...]]:
    """Rows (by index in :func:`_rules`) whose trigger words occur in the sentence, by kind."""
    rs = _rules(mode)
    out: dict[str, list[int]] = {}
    for i in rs.candidates(marked):
        out.setdefault(rs.rows[i].kind, []).append(i)
    return {k: tuple(v) for k, v in out.items()}


def kinds_in(low: str, mode: str = "first") -> frozenset[str]:
    """The cue kinds some row of which may fire on a lower-cased sentence (its triggers occur)."""
    return frozenset(_candidates(low, mode))


def _matches(kind: str, found: dict, mode: str, low: str) -> list[tuple[rules.Rule, re.Match]]:
    rs = _rules(mode)
    out = []
    for i in found.get(kind, ()):
        rx = rs.regexes[i]
        if rx is not None:
            out += [(rs.rows[i], m) for m in rx.finditer(low)]
    return out


def _first_per_code(kind: str, found: dict, mode: str, low: str) -> list[tuple[str, int, int]]:
    """(code, start, end) of the earliest match of each code, codes in row order."""
    best: dict[str, tuple[int, int]] = {}
    for rule, m in _matches(kind, found, mode, low):
        if rule.code not in best or m.start() < best[rule.code][0]:
            best[rule.code] = (m.start(), m.end())
    return [(code, a, b) for code, (a, b) in best.items()]


def analyse(sentence: str, ctx: Context) -> list[Cue]:
    """All cues of one English sentence."""
    cues: list[Cue] = []
    low = sentence.lower()
    if len(low) != len(sentence):  # a letter whose lower case changes length: keep offsets exact
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in sentence)
    marked = _mark_names(low, ctx.names) if ctx.mode in ("third", "named") and ctx.names else low
    found = _candidates(marked, ctx.mode)
    kinds = found.keys()
    for kind in EVENT_KINDS:
        if kind not in found:
            continue
        seen: list[tuple[int, int]] = []
        for _rule, m in _matches(kind, found, ctx.mode, marked):
            has_t = "t" in m.re.groupindex and m.group("t")
            s, e = (m.start("t"), m.end("t")) if has_t else (m.start(), m.end())
            if any(a <= s < b for a, b in seen):
                continue
            seen.append((m.start(), m.end()))
            cues.append(Cue(kind, s, e, status=_status(sentence, m), extra={"match": (m.start(), m.end())}))
    her = bool(_SUBJECT_HER.search(sentence)) or (ctx.mode == "third" and bool(_her_re(ctx.names).search(sentence))) or (
        ctx.mode == "named" and bool(ctx.names) and bool(_name_re(ctx.names).search(sentence))) or (
        ctx.mode == "third" and bool(_THEY_HAVE.search(sentence)))  # "They have a son": she and her husband
    for m in _RIVER.finditer(sentence) if ("tumen" in low or "yalu" in low or "duman" in low or "amnok" in low) else ():
        cues.append(Cue("river", m.start(), m.end(), _RIVERS[m.group(1).lower()]))
    if ("transit" in kinds) and _ABROAD.search(sentence):
        cues.append(Cue("abroad", 0, 0))
    for kind in ("alone", "broker_voluntary"):
        for _code, a, b in _first_per_code(kind, found, ctx.mode, low)[:1]:
            cues.append(Cue(kind, a, b))
    if her:
        for code, a, b in _first_per_code("violence", found, ctx.mode, low):
            # "… and then I don't remember anything": the negation is part of what is told
            st = english_status(sentence, a) if code == "drugging" else english_status(sentence, a, b)
            if code == "threat_of_denunciation" and st == UNREAL:
                st = FACT  # a threat is stated with "would"/"if" by nature
            if code == "confinement" and st == DENIED and re.search(r"\b(?:not|never)\s+allowed|could\s+not|cannot|"
                                                                   r"(?:would|did|do|does)\s*(?:not|n[’']t)\s+(?:let|allow)",
                                                                   sentence[a:b], _F):
                st = FACT
            cues.append(Cue("violence", a, b, code, st))
        for code, a, b in _first_per_code("exploitation", found, ctx.mode, low):
            cues.append(Cue("exploitation", a, b, code, english_status(sentence, a, b)))
        facilities = _first_per_code("detention", found, ctx.mode, low)
        named = [f for f in facilities if f[0] != "other"]
        for code, a, b in named or facilities:  # an unnamed camp only when no facility is named
            cues.append(Cue("detention", a, b, code, english_status(sentence, a, b),
                            extra={"unnamed": True} if code == "other" else {}))
        for m in _BIRTH.finditer(sentence) if _BIRTH_HINT.search(low) else ():
            n = 1
            g = m.groupdict()
            what = (g.get("what") or g.get("what2") or g.get("what3") or "").lower()
            if g.get("n"):
                n = 2 if g["n"].lower() == "twin" else (int(g["n"]) if g["n"].isdigit() else
                                                         {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3,
                                                          "four": 4, "five": 5}.get(g["n"].lower(), 1))
            elif what in ("twins",):
                n = 2
            elif what in ("children", "kids", "babies", "sons", "daughters", "boys", "girls"):
                if not g.get("n"):
                    continue
            if not what and "pregnan" in m.group().lower():
                continue
            verb = re.match(r"(?:gave|give|had|bore|delivered|have|has)\b", m.group(), _F)
            if verb and not _BIRTH_SUBJECT[ctx.mode].search(sentence[max(0, m.start() - 30):m.start()]):
                continue  # "He had a son older than me": somebody else's child
            total = bool(re.match(r"(?:have|has)\b", m.group(), _F))
            cues.append(Cue("birth", m.start(), m.end(), value=n,
                            status=english_status(sentence, m.start(), m.end()),
                            extra={"total": total, "what": what, "definite": bool(g.get("what2"))}))
        m = _BIRTH_PAIR.search(sentence)
        if m and re.search(r"\b(?:gave\s+birth|had|have|bore|born)\b", sentence, _F):
            cues = [c for c in cues if c.kind != "birth" or not (m.start() - 12 <= c.start <= m.end())]
            cues.append(Cue("birth", m.start(), m.end(), value=2, extra={"total": True, "what": "pair"}))
        m = _NO_CHILDREN.search(sentence) if ("child" in low or "pregnan" in low or "kid" in low) else None
        if m:
            cues.append(Cue("birth", m.start(), m.end(), value=0, status=DENIED, extra={"total": True, "what": ""}))
        m = _HUKOU.search(sentence) if _HUKOU_HINT.search(low) else None
        if m:
            child_only = bool(_CHILD_ONLY.search(sentence)) and not _HUKOU_SELF[ctx.mode].search(sentence)
            if not child_only:
                if _HUKOU_OWN_NAME.search(sentence):  # "a hukou in my own name", even if paid for
                    cues.append(Cue("hukou", m.start(), m.end(), "obtained"))
                elif _HUKOU_FAKE.search(sentence) and not _HUKOU_NOT_EVEN_FAKE.search(sentence):
                    cues.append(Cue("hukou", m.start(), m.end(), "fake"))
                elif _HUKOU_NONE.search(sentence):
                    cues.append(Cue("hukou", m.start(), m.end(), "none"))
                elif re.search(r"\b(?:got|get|obtained|obtain|received|acquired|registered|issued|was\s+given|gave\s+(?:me|her)|"
                               r"have\s+a|has\s+a)\b", sentence, _F):
                    cues.append(Cue("hukou", m.start(), m.end(), "obtained"))
    m = _PROVINCE_NOW.search(sentence) if "liv" in low or "stay" in low or "settled" in low else None
    if m:
        cues.append(Cue("province_now", m.start("p"), m.end("p"), re.sub(r"\s+Province$", "", m.group("p"))))
    if "times" in low:
        cues = _vague_sales(sentence, cues)
    return cues


_VAGUE_TIMES = re.compile(r"\s*(?:again\s+)?(?:several|many|a\s+few|a\s+number\s+of|countless|multiple|many\s+more)\s+"
                          r"(?:more\s+)?times\b", _F)


def _vague_sales(sentence: str, cues: list[Cue]) -> list[Cue]:
    """"She was sold several times": a count nobody can check, so the sale count becomes unknown
    (the profile's ``times_sold`` is null) instead of one more sale."""
    out = []
    for c in cues:
        if c.kind == "sale" and c.status == FACT and _VAGUE_TIMES.match(sentence, c.end):
            out.append(Cue("vague_times", c.start, c.end))
        else:
            out.append(c)
    return out


def analyse_extra(sentence: str, ctx: Context) -> list[Cue]:
    """Cues only some sentences need (recruitment, recruiters, buyer, purpose): the pipeline asks
    for them lazily, for the sentences around a sale and the start of the story."""
    cues: list[Cue] = []
    low = sentence.lower()
    if len(low) != len(sentence):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in sentence)
    marked = _mark_names(low, ctx.names) if ctx.mode in ("third", "named") and ctx.names else low
    found = _candidates(marked, ctx.mode)
    for code, a, b in _first_per_code("recruitment", found, ctx.mode, low):
        st = english_status(sentence, a) if code == "drugged" else english_status(sentence, a, b)
        cues.append(Cue("recruitment", a, b, code, st))
    verbs = [m.start() for m in _ROLE_VERB.finditer(low)] if "relation" in found else []
    if verbs:
        done: set[str] = set()
        order = {r.code: k for k, r in reversed(list(enumerate(rules.load("en", "relation"))))}
        hits = sorted(((order[r.code], m.start(), m.end(), r.code) for r, m in _matches("relation", found, ctx.mode, low)))
        for _k, a, b, code in hits:
            # the person must be near what she did: "my aunt ... sold me", "taken by a broker"
            if code in done or not any(a - 60 <= v <= b + 80 for v in verbs):
                continue
            if _VICTIM_AFTER.match(low, b):
                continue  # "My sister was sold to another man": she was a victim, not a recruiter
            noun = code == "other" and bool(_ROLE_NOUN_END.search(sentence[a:b]))
            if noun and _ETHNIC_NEAR.search(sentence[max(0, a - 40):b + 40]):
                continue
            cues.append(Cue("relation", a, b, code, extra={"noun": noun}))
            done.add(code)
    m = _ETHNIC_DESC.search(sentence) if ("korean" in low or "chinese" in low) else None
    if m:  # "She was North Korean", "a woman, Korean-Chinese, kind": who the recruiter was
        g = "e" if m.group("e") else "e2"
        word = m.group(g).lower()
        code = ("north_korean_trafficker" if word.startswith("north") else
                "han_chinese_broker" if word.startswith(("han", "chinese")) else "korean_chinese_broker")
        cues.append(Cue("relation", m.start(g), m.end(g), code, extra={"desc": True}))
    for code, a, b in _first_per_code("buyer", found, ctx.mode, low):
        cues.append(Cue("buyer", a, b, code))
    for code, a, b in _first_per_code("purpose", found, ctx.mode, low):
        cues.append(Cue("purpose", a, b, code))
    return cues


_LATIN = re.compile(r"[A-Za-z]")
_TITLE_SURNAME = re.compile(r"\b(?:Ms|Mrs|Miss)\.?\s+(?P<s>[A-Z][a-z]+)\b")


def _protagonist(text: str, surname: str | None) -> tuple[str, ...]:
    """Her names as the text writes them: the header's surname, or "Mi-ok Kim is a pseudonym"."""
    from casebook.extract.header import KOREAN_SURNAMES

    names: list[str] = []
    if surname and _LATIN.match(surname):
        names += [surname]
    m = re.search(r"[“\"]?(?P<first>[A-Z][a-z]+)\s+(?P<last>" + "|".join(KOREAN_SURNAMES) + r")[”\"]?\s+(?:is\s+a\s+pseudonym|"
                  r"grew\s+up|was\s+born|\(pseudonym\))", text)
    if m:
        names += [m.group("last"), f"{m.group('first')} {m.group('last')}"]
    return tuple(dict.fromkeys(names))


def context(text: str, header_end: int, surname: str | None) -> tuple[Context, list]:
    """Who the account is about and how it is told (first or third person), and her surname
    when the header did not give it (facts with cleaned-text spans)."""
    from casebook.model import Evidence, Fact

    names = _protagonist(text, surname)
    facts = []
    if not surname:
        m = _TITLE_SURNAME.search(text[:600])
        if names and len(names) >= 2:
            facts.append(Fact("surname", names[0], None, 0.6))
        elif m:
            facts.append(Fact("surname", m.group("s"), Evidence(m.start("s"), m.end("s")), 0.6))
    return Context(detect_mode(text[header_end:], names), names), facts


def detect_mode(text: str, names: tuple[str, ...]) -> str:
    """``first`` when the survivor tells her story herself, ``third`` when it is told about her."""
    first = len(re.findall(r"\b(?:I|me|my)\b", text))
    third = len(re.findall(r"\b(?:she|her)\b", text, re.I))
    named = sum(len(re.findall(rf"\b{re.escape(n)}\b", text)) for n in names if n)
    if named >= 3 and third + named > first * 0.5:
        return "third"
    if first >= 3 and first >= third * 0.5:
        return "first"
    return "third" if third > first else "first"


_PLACE = r"[A-Z][\w'’ŏŭĕ\-]+(?:\s+(?:City|County|Province|[A-Z][\w'’ŏŭ\-]+))*"
_ORIGIN = [
    re.compile(rf"\b(?:I\s+am|I[’']m|I\s+was|she\s+is|she\s+was|I\s+come|she\s+comes|we\s+were|we\s+are|we\s+come|"
               rf"(?:Ms|Mrs|Miss)\.?\s+[A-Z][a-z]+\s+(?:is|was|comes|came))\s+"
               rf"(?:originally\s+)?(?:from|born\s+(?:and\s+raised\s+)?in|born\s+in\s+(?:19|20)\d\d\s+in)\s+(?P<p>{_PLACE})"),
    re.compile(rf"\b(?:born|raised)\s+(?:in\s+(?:19|20)\d\d\s+)?in\s+(?P<p>{_PLACE})"),
    re.compile(rf"\b(?:I|she|we)\s+(?:grew\s+up|lived|was\s+living|were\s+living)\s+in\s+(?P<p>{_PLACE})"),
    re.compile(rf"\b(?:[Mm]y|[Hh]er|[Oo]ur)\s+(?:home\s*town|hometown|home|native\s+town|birthplace)\s+(?:is|was|of)\s+"
               rf"(?P<p>{_PLACE})"),
    re.compile(rf"\b(?:at\s+home\s+in|back\s+home\s+in|visit\s+us\s+in|my\s+(?:own\s+)?(?:village|town)\s+in|"
               rf"go\s+back\s+to|return(?:ed)?\s+home\s+to|our\s+(?:house|home)\s+in)\s+(?P<p>{_PLACE})"),
]
_BORN = re.compile(r"\b(?:I|she)\s+was\s+born\s+(?:\w+\s+){0,4}?in\s+(?P<y>19[4-9]\d|20[0-2]\d)\b")


def person_facts(text: str, header_end: int, existing: list) -> list:
    """Origin and birth year stated in the story itself (cleaned-text spans)."""
    from casebook.extract.places import nk_place
    from casebook.model import Evidence, Fact

    have = {f.field for f in existing}
    out = []
    body = text[header_end:]
    if "origin_nk" not in have:
        done = False
        for rx in _ORIGIN:
            for m in rx.finditer(body):
                place = nk_place(m.group("p"))
                if place:
                    s = header_end + m.start("p") + place[1]
                    out.append(Fact("origin_nk", place[0], Evidence(s, s + len(place[0])), 0.7))
                    done = True
                    break
            if done:
                break
    if "birth_year" not in have:
        m = _BORN.search(body)
        if m:
            s = header_end + m.start("y")
            out.append(Fact("birth_year", int(m.group("y")), Evidence(s, s + 4), 0.8))
    return out
