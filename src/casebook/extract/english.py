"""English cues: what one sentence of an English testimony says about her journey.

Patterns are anchored on the survivor ("I", "me", "we"; in third-person accounts also
"she", "her" and her name), so that "my friend was sold for 15,000 yuan" or "the other
girl was taken" do not become her facts.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from casebook.extract import discourse, hints, name_search, rules
from casebook.extract.cues import Context, Cue
from casebook.extract.literal_gate import gate_of, may_match
from casebook.extract.negation import DENIED, FACT, UNREAL, english_status
from casebook.extract.places import NK_PLACE_RE, china_province, is_province

_F = re.IGNORECASE


def _by_first_letter(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled in :func:`rules.first_letter_form` (the same matches, faster)."""
    fast = rules.first_letter_form(pattern, bool(flags & re.IGNORECASE))
    if fast == pattern:
        return re.compile(pattern, flags)
    return re.compile(fast, flags & ~re.IGNORECASE)


# her name in a third-person account is replaced, in the lower-cased sentence the patterns read,
# by this letter repeated (same length, so offsets stay exact): the patterns compile once per mode
NAME_MARK = "ǂ"
_NAME_ALT = NAME_MARK + "+"


_NAME_TITLE = re.compile(r"\b(?:ms|mrs|miss|madam)\.?\s+")


def _mark_names(low: str, names: tuple[str, ...]) -> str:
    """``low`` with her name(s) replaced by :data:`NAME_MARK` letters of the same length (a
    title before a name with it; the longest name first). Found by string search: no pattern
    holds her name (:mod:`casebook.extract.name_search`)."""
    if not names:
        return low
    ns = [n.lower() for n in sorted(names, key=len, reverse=True)]
    if not any(n and n in low for n in ns):
        return low
    out = low
    for a, b in name_search.spans(low, ns, title=_NAME_TITLE):
        out = out[:a] + NAME_MARK * (b - a) + out[b:]
    return out


_OTHER_SUBJ = _by_first_letter(
    r"\b(?:my|her|his|their|our|the|a|an|one|another|other|some|many|two|three|"
    r"several)\s+(?:\w+\s+){0,2}?"
    r"(?:friend|sister|niece|aunt|cousin|daughter|mother|girl|girls|woman|women|dishwasher|sisters|"
    r"nieces|friends|others)\b", _F)


# (rules.lead_compile: the same matches behind a look-ahead of their first characters, faster
# where a pattern starts with a word start or look-behinds; see rules.lead_form)
_RIVER = rules.lead_compile(r"\b(Tumen|Yalu|Duman|Amnok|Tomen|Tuman|Amrok)\b", _F)
_NOT_THE_RIVER = re.compile(
    r"\s*(?:,\s*jilin|city\b|border\s+(?:crossing|checkpoint|post)|bridge\b|customs\b|"
                            r"detention\b|railway\b|station\b)", _F)
_RIVERS = {"tumen": "Tumen", "duman": "Tumen", "yalu": "Yalu", "amnok": "Yalu", "tomen": "Tumen",
           "tuman": "Tumen", "amrok": "Yalu"}  # and the other romanisations
_ABROAD = rules.lead_compile(
    r"\b(?:(?<!inner\s)(?<!Inner\s)Mongolia|Laos|Thailand|Vietnam|Cambodia|Burma|Myanmar|Mekong|"
    r"Russia)\b", _F)
_SHE_OR_HER = re.compile(r"\b(?:she|her)\b", _F)


def _her_in(sentence: str, names: tuple[str, ...]) -> bool:
    """"she", "her" or one of her names (any case) as a whole word in ``sentence``."""
    return bool(_SHE_OR_HER.search(sentence)) or name_search.first(
        sentence.lower(), [n.lower() for n in names]) is not None


def _named_in(sentence: str, names: tuple[str, ...]) -> bool:
    """One of her names, as written, as a whole word in ``sentence``."""
    return name_search.first(sentence, names) is not None


_TITLE = r"(?:Ms|Mrs|Miss|Madam)\.?\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z-]+)?)"
_OTHER_WOMAN = re.compile(
    rf"^\W*(?:{_TITLE}|(?:[Hh]er|[Tt]he|[Aa]nother|[Oo]ne|[Aa])\s+(?:\w+\s+)?(?:friend|sister|"
    r"cousin|niece|aunt|daughter|woman|girl|"
    r"companion|"
    r"neighbou?r)\b(?:\s*,?\s+[A-Z][a-z]+(?:[\s-][A-Z]?[a-z]+)?)?)(?=[^.;]{0,60}?\b(?:was|were|had|"
    r"has|is|"
    r"crossed|went|came|left|got|said|told|lived|worked|married|ran|escaped|became|gave)\b)")


_THE_WOMAN = re.compile(r"^\W*[Tt]he\s+(?:(?!friend|sister|cousin|niece|aunt|daughter|"
                        r"companion|neighbou?r)\w+\s+)?(?:woman|girl)\W*$")


# another woman brought in by her full name and an apposition that says so ("Choi Mi-ran, 41,
# another defector, …", "Lee Ok, a neighbour from Musan, …"); not a helper, an official or a man
_OTHER_NAMED = re.compile(
    r"^\W*(?P<name>[A-Z][a-z]+(?:[\s-][A-Z]?[a-z]+){1,2})\s*,\s*(?:(?:aged\s+)?\d{1,2}\s*,\s*)?"
    r"(?:a|an|another|her|now|who|the)\b(?![^,.;]{0,40}\b(?:pastor|activist|director|founder|"
    r"missionary|broker|professor|official|researcher|spokes\w+|head|chairman|lawyer|reporter|"
    r"journalist|man|husband|father|son|brother|uncle|priest|minister|worker|farmer|buyer|"
    r"trafficker|smuggler|guide|officer|soldier|guard|driver|owner|boss|agent|policeman)\b)"
    r"(?=[^.;]{0,40}\b(?:woman|girl|mother|wife|sister|daughter|defector|refugee|survivor|"
    r"neighbou?r|friend|niece|aunt|cousin|escapee|victim|widow|bride)\b)")


_AGENT_OF_HER = re.compile(
    r"\W*(?:\w+\s+){0,6}?(?:(?:took|got|received|kept|pocketed|shared)\b[^.;]{0,30}?\b(?:money|"
    r"share|cut|commission|"
    r"yuan|RMB)\b|(?:sold|handed|brought|took|led|delivered|guided)\s+her\b)", _F)


_SHE_HERSELF = re.compile(r"\W*(?:(?:as\s+for|and)\s+)?(?:she|Ms\.?\s+\w+)\s+herself\b", _F)


def focus(sentence: str, ctx: Context, other: bool) -> bool:
    """In a third-person account: is "she" in this sentence another woman? True from a sentence
    whose subject is another named woman or "her friend" until the survivor is named again."""
    if ctx.mode != "third":
        return False
    if ctx.names and _named_in(sentence, ctx.names):
        return False
    named = _OTHER_NAMED.match(sentence)
    if named and not set(re.split(r"[\s-]", named.group("name"))) & {
            w for n in ctx.names for w in re.split(r"[\s-]", n)} and any(
                t in discourse._surnames() for t in re.split(r"[\s-]", named.group("name"))):
        return True  # "Choi Mi-ran, 41, another defector, …": another woman's story begins
    if _SHE_HERSELF.match(sentence):
        # "She herself was sold for 3,000 yuan": back to her after another woman's story
        return False
    m = _OTHER_WOMAN.search(sentence)
    if m:
        if _THE_WOMAN.match(m.group()):
            # "Mrs. Baek crossed in 2004. The woman was sold …": a definite "the woman" goes on
            # with whoever the story is following (her, unless another woman came in)
            return other
        if _AGENT_OF_HER.match(sentence, m.end()):
            # "The woman from her village took part of the money": a go-between, not another victim
            return other
        return True
    return other


_I_OUTSIDE = _by_first_letter(r"\b(?:I|me|my|myself)\b")  # (not "we": "Today we meet Ms. Go")


def lead(sentence: str, ctx: Context, state: str) -> tuple[bool, str]:
    """In a first-person account, the introduction before she speaks is about her in the third
    person ("Today we meet Ms. Go, who was sold to a husband in China. She …"): is this sentence
    such a line (it names her, or says "she" after a line that named her)? ``state`` is "" before
    she is named, "named" after, "told" once her own telling has started (a first-person word
    outside quotation marks)."""
    if ctx.mode != "first" or state == "told" or not ctx.names:
        return False, state
    plain = sentence
    for a, b in reversed(ctx.quotes):
        plain = plain[:a] + " " * (b - a) + plain[b:]
    if _I_OUTSIDE.search(plain):
        return False, "told"
    if _named_in(sentence, ctx.names):
        return True, "named"
    return state == "named" and bool(_SHE_WORD.search(plain)), state


_SHE_WORD = _by_first_letter(r"\b(?:she|her)\b", _F)
# a transcript's speaker label: "JANE DOE, REPORTER:", "KIM MI-RA, DEFECTOR (Translation):"
_LABEL = re.compile(r"^\s*(?P<who>[A-Z][A-Z'’.\- ]{1,40}[A-Z])(?:\s*,[^:\n]{0,60})?\s*:\s+")


def speaker(sentence: str, ctx: Context, current: str) -> tuple[str, int]:
    """In a third-person report laid out as a transcript, who speaks: "her" after a label with
    her name (her "I" is then her own, though no quotation mark says so), "other" after anyone
    else's label, else whoever spoke before; and where the words after the label start."""
    m = _LABEL.match(sentence)
    if not m:
        return current, 0
    label = m.group("who").split()
    mine = any(n.upper() in label or n.upper() == m.group("who") for n in ctx.names)
    return ("her" if mine else "other"), m.end()


_INTERVIEWER = _by_first_letter(r"\b(?:you|your|yourself)\b", _F)


def _question(sentence: str) -> bool:
    """An interviewer's question ("Can you introduce yourself?") tells nothing of hers."""
    return sentence.rstrip().endswith("?") and _INTERVIEWER.search(sentence) is not None


_BORN_IN_CHINA = re.compile(
    r"^\W*(?P<n>a|an|one|two|three|four|five|\d)\s+(?:\w+\s+)?(?P<what>children|child|sons?|"
                            r"daughters?|kids?|boys?|girls?)\s+(?:were\s+|"
                            r"was\s+)?born\s+in\s+China\b", _F)
_THEY_HAVE = re.compile(
    r"(?:^\W*(?:(?:together|later|soon|then|in\s+\d{4}|the\s+next\s+year),?\s+)?|"
    r"[,;]?\s\b(?:because|since|as|and\s+now|now\s+that)\s+)they\s+(?:have|"
    r"had)\s+(?:a|an|one|two|three|four|\d)\s+(?:\w+\s+)?(?:sons?|daughters?|"
                        r"children|child|boys?|girls?|babies|baby)\b", _F)
_SUBJECT_HER = _by_first_letter(r"\b(?:me|us|I|we|my|our|myself|ourselves)\b", _F)

_BIRTH = rules.lead_compile(
    # ("gave birth in secret to a son", "gave birth there to twins": a few words before "to")
    # ("gave a birth to", "after bearing two children": the article and the gerund as written)
    r"\b(?:(?:gave|give|giving)\s+(?:a\s+)?birth(?:\s+(?!to\b)\w+){0,3}?\s+to|had|delivered|"
    r"have|has|"
    r"(?:bore|borne|bearing)(?:\s+(?:him|the\s+(?:farmer|man)|(?:her|the)\s+(?:chinese\s+)?"
    r"husband))?)\s+"
    r"(?P<n>a|an|one|two|three|four|five|twin|\d)?\s*"
    r"(?:(?:baby|little|healthy|more|teenage|young|infant|[a-z]+-(?:year|month)-old)\s+)?"
    r"(?P<what>sons?|daughters?|"
    r"boys?|girls?|babies|baby|child|"
    r"children|twins|kids?)\b"
    r"|\b(?:my|our|her)\s+(?:\w+\s+)?(?P<what2>son|daughter|baby|child|boy|girl)\s+was\s+born\b"
    r"|\b(?P<what3>a\s+(?:boy|girl|son|daughter))\s+born\s+in\b"
    r"|\b(?:I|she)\s+(?:became\s+pregnant|got\s+pregnant)\b"
    r"|\b(?:I|she)\s+gave\s+birth\b(?!\s+to\s+(?:a|an|one|two|three|four|five|twins?|\d)\b)"
    # "the daughter she had with her Chinese husband", "the son I bore there"
    r"|\b(?:the|a|their|her|my|our)\s+(?:\w+\s+){0,2}?(?P<what4>son|daughter|baby|child|boy|"
    r"girl)\s+(?:whom\s+|that\s+)?"
    r"(?:she|I|ǂ+)\s+(?:had|bore|delivered|gave\s+birth\s+to)\b"
    # "their young son, born in China's Heilongjiang province"
    r"|\b(?:their|her|my|our)\s+(?:\w+\s+){0,2}?(?P<what5>son|daughter|baby|child|boy|"
    r"girl),?\s+(?:who\s+was\s+)?born\s+"
    r"(?:in|there|here)\b", _F)
_CHINA_CHILD = re.compile(
    r"\bwith\s+(?:him|that\s+man|the\s+(?:man|farmer)|(?:my|her)\s+(?:chinese\s+)?husband)\b|"
    r"\bchinese\b|\bwho\s+(?:had\s+)?(?:bought|purchased)\s+(?:her|me)\b|"
                          r"\bin\s+china\b|\bborn\s+(?:here|there|in\s+china)\b|\bhis\s+(?:son|"
                          r"daughter|child|children)\b|"
                          r"\b(?:he|the\s+man|my\s+husband)\s+(?:and\s+I|and\s+she)\b|\bthere\b",
                          _F)
_BIRTH_PAIR = rules.lead_compile(
    r"\b(?:a|one)\s+(?:son|boy)\b[^.;]{0,25}?\band\s+(?:a|one)\s+(?:daughter|girl)\b|"
                         r"\b(?:a|one)\s+(?:daughter|girl)\b[^.;]{0,25}?\band\s+(?:a|one)\s+(?:son|"
                         r"boy)\b", _F)
_BIRTH_SUBJECT = {
    "first": re.compile(r"\b(?:I|we)\s+(?:\w+\s+){0,2}$", _F),
    "third": re.compile(r"\b(?:I|we|she|they)\s+(?:\w+\s+){0,2}$", _F),
}
_BIRTH_SUBJECT["named"] = _BIRTH_SUBJECT["first"]
_NO_CHILDREN = re.compile(
    r"\b(?:I|we|she)\s+(?:have|had|has)\s+(?:no|not\s+had\s+any)\s+(?:children|child|kids|baby)|"
    r"^\W*no\s+children\b|"
    r"\b(?:I|we|she)\s+(?:did\s+not|didn[’']t|never)\s+(?:have|had)\s+(?:any\s+)?(?:children|"
    r"a\s+child|a\s+baby|kids)|"
    r"\b(?:I|she)\s+(?:did\s+not|didn[’']t|never)\s+(?:get|got|become|became)\s+pregnant", _F)
_MY_NOT_CHILD = (r"my(?!\s+(?:[\w-]+\s+)?(?:child|children|son|sons|daughter|daughters|baby|"
                 r"kids?)\b)")
_HUKOU_SELF = {  # ("my son's hukou" is the child's: "my" before a child is not her)
    "first": re.compile(rf"\b(?:I|me|{_MY_NOT_CHILD}|myself|for\s+me)\b", _F),
    "third": re.compile(
        rf"\b(?:I|me|{_MY_NOT_CHILD}|myself|for\s+me|(?:she|ǂ+)\s+(?:got|has|had|did|does|was|is|"
        r"never)|her\s+own)\b",
        _F),
}
_HUKOU_SELF["named"] = _HUKOU_SELF["first"]
_CHILD_ONLY = _by_first_letter(
    r"\b(?:child|children|son|sons|daughter|daughters|baby|kids?|boy|girl)\b",
                         _F)

_ETHNIC_DESC = rules.lead_compile(
    r"\b(?:she|he|they)\s+(?:was|were|is)\s+(?:an?\s+)?(?P<e>North\s+Korean|Korean-?\s?Chinese|"
    r"ethnic\s+Korean|Han\s+Chinese|"
    r"Chinese)\b(?!\s+(?:man|woman|men|women|broker|farmer|citizen|national))|"
    r"\b(?:woman|man|lady|couple|broker)\b[^.;]{0,40},\s+(?P<e2>North\s+Korean|Korean-?\s?Chinese|"
    r"Han\s+Chinese)\s*,", _F)
_VICTIM_AFTER = re.compile(
    r",?\s+(?:\w+,?\s+)?(?:was|were|had\s+been|has\s+been)\s+(?:also\s+|later\s+|then\s+)?"
    r"(?:sold|bought|taken|abducted|"
    r"kidnapped|"
                           r"arrested|caught|raped|married)\b")
_ROLE_NOUN_END = re.compile(
    r"(?:broker|brokers|trafficker|traffickers|smuggler|smugglers|middleman|middlemen|"
                            r"intermediary|guide|pimp|madam|gang|matchmaker)\b$", _F)
_ETHNIC_NEAR = rules.lead_compile(
    r"Korean-?\s?Chinese|Chinese-?\s?Korean|ethnic\s+Korean|Joseonjok|Chosonjok|Chosunjok|Choseonjok|Josunjok|Chaoxianzu|\bHan\b|"
    r"North\s+Korean(?!\s+(?:border|side|town|village|city|government|authorities|police|"
    r"soldiers?|guards?|regime))",
                          _F)
_BIRTH_HINT = re.compile(r"birth|born|son|daughter|boy|girl|bab|child|kid|twin|pregnan")
_ROLE_VERB = _by_first_letter(
    r"\b(?:sold|sell|took|take|taking|brought|handed|led|guided|passed|delivered|kept|held|locked|"
    r"introduc\w*|"
    r"offer\w*|promis\w*|arrang\w*|recruit\w*|deceiv\w*|lied|drugged|abduct\w*|kidnap\w*|paid|"
    r"received|"
    r"waiting|picked\s+(?:me|her|us)\s+up|drove|came\s+to\s+(?:me|her)|approached|told\s+(?:me|"
    r"her)|said|"
    r"broker|brokers|trafficker|traffickers|smuggler|middleman|dragged|pushed|pulled|grabbed|"
    r"abducted|kidnapped|"
    r"transferred|bought|deceived|tricked|lured|persuaded|asked|got\s+money|took\s+money|gave|"
    r"given|told\s+us|"
    r"came\s+to\s+(?:us|our|my)|followed|caught|seized|trapped|captured|invited|suggested|talking|"
    r"chatting|met|"
    r"approached|courier|smuggle\w*|fell\s+into)\b", _F)

_PROVINCE_NOW = _by_first_letter(
    r"\b(?:I|she|we)\s+(?:now\s+|still\s+|currently\s+)?(?:live|lives|am\s+living|is\s+living|"
    r"are\s+living|stay|am\s+staying|"
    r"have\s+lived|has\s+lived|have\s+been\s+living|has\s+been\s+living|"
    r"settled)\b[^.;]{0,60}?\bin\s+"
    r"(?P<p>(?:Jilin|Heilongjiang|Liaoning|Shandong|Inner\s+Mongolia|Hebei|Beijing|Tianjin|"
    r"Shanghai|Guangdong|"
    r"Shanxi|Shaanxi|Henan|Hubei|Hunan|Jiangsu|Zhejiang|Anhui|Fujian|Jiangxi|Sichuan|Yunnan|"
    r"Guizhou|Gansu)"
    r"(?:\s+Province)?)", re.IGNORECASE)



_NEVER = _by_first_letter(r"\bnever\b", re.IGNORECASE)
_UNPAID = re.compile(r"\b(?:never|not)\s+(?:\w+\s+)?(?:paid|given\s+(?:any\s+)?(?:money|wages|"
                     r"pay))\b|"
                     r"\bwithout\s+being\s+paid\b",
                     re.IGNORECASE)


def _status(sentence: str, m: re.Match) -> str:
    t0 = m.start("t") if "t" in m.re.groupindex and m.group("t") else m.start()
    t1 = m.end("t") if "t" in m.re.groupindex and m.group("t") else m.end()
    txt = m.group("t") if "t" in m.re.groupindex and m.group("t") else m.group()
    if _NEVER.search(txt):
        return DENIED
    return english_status(sentence, t0, t1)


# The cue kinds whose rows live in extract/rules/en/<kind>.toml. Event kinds: every row, every
# match (a match inside an earlier row's match is the same cue). Coded kinds: the first match of
# each code. The last four are asked for lazily (analyse_extra).
EVENT_KINDS = ("sale", "payment", "crossing", "arrest", "repatriation", "escape", "arrival",
               "transit", "reach_china")
CODED_KINDS = ("violence", "exploitation", "detention", "alone", "broker_voluntary", "hukou",
               "province_mention")
LAZY_KINDS = ("recruitment", "relation", "buyer", "purpose")
_ALL_KINDS = EVENT_KINDS + CODED_KINDS + LAZY_KINDS


_RULESETS: dict[str, rules.RuleSet] = {}


def _rules(mode: str) -> rules.RuleSet:
    rs = _RULESETS.get(mode)
    if rs is None:
        rs = _RULESETS[mode] = rules.ruleset("en", _ALL_KINDS, mode)
    return rs


@lru_cache(maxsize=256)  # analyse and analyse_extra ask for the same sentence
def _candidates(marked: str, mode: str) -> dict[str, tuple[int, ...]]:
    """Rows (by index in :func:`_rules`) whose trigger words occur in the sentence, by kind."""
    rs = _rules(mode)
    out: dict[str, list[int]] = {}
    every, run = rs.scan(marked)
    for i in every:  # (a kind is present when a trigger of its occurs: "transit" in found)
        out.setdefault(rs.rows[i].kind, [])
    for i in run:  # its rows, those whose regex can match
        out[rs.rows[i].kind].append(i)
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
    if kind not in found:
        return []
    rs = _rules(mode)
    best: dict[str, tuple[int, int]] = {}
    for i in found[kind]:
        rx = rs.regexes[i]
        # (a row's first match is its earliest: the rest of its matches are not needed)
        m = rx.search(low) if rx is not None else None
        if m is not None:
            code = rs.rows[i].code
            if code not in best or m.start() < best[code][0]:
                best[code] = (m.start(), m.end())
    return [(code, a, b) for code, (a, b) in best.items()]


# a sale told as known, learnt or background: "I realized I was sold", "they told her she had been
# sold", "the broker who sold me" (the same sale as one told before, unless it is the first)
_REPORTED = re.compile(
    r"\b(?:think|thought|realized|realised|learned|learnt|found\s+out|knew|know|discovered|heard|"
                       r"understood|was\s+told|were\s+told|told\s+(?:me|her|us|ǂ+)|say|said|says|"
                       r"explained)\b"
                       r"(?:\s+\w+){0,2}?\s+(?:that\s+)?(?:i|we|she|ǂ+)?\s*(?:had\s+)?(?:been\s+|"
                       r"was\s+|were\s+)?$|"
                       r"\b(?:who|that|which)\s+(?:had\s+)?$|"
                       # "the village she had been sold to": a sale named in passing, told before
                       r"\b(?:the|a|an|his|her|my)\s+(?:[\w-]+\s+){0,2}?[a-z]+\s+(?:i|we|she|"
                       r"ǂ+)\s+had\s+been\s+$|"
                       # "Where I was sold, the boss kept a guard", "the house where I was sold":
                       # the place of a sale, named as a noun
                       r"(?:^\W*|\b(?:the|a)\s+(?:place|house|village|town|home|family)\s+)"
                       r"where\s+(?:i|we|she|ǂ+)\s+(?:had\s+been|was|were)\s+$")


@lru_cache(maxsize=1)
def _retold() -> re.Pattern[str]:
    return rules.by_code("en", "context", "sale_retold")


@cache
def _context(code: str) -> re.Pattern[str]:
    """English context words by name (``rules/en/context.toml``)."""
    return rules.by_code("en", "context", code)


# an infinitive before a sale verb: what someone meant to do or what may happen ("targets to be
# sold"), not what was done (but "only to be sold", "went on to sell me" tell it happened)
_FEAR = _by_first_letter(r"\b(?:dread\w*|fear\w*|afraid|worr\w*|terrified|scared)\b", _F)
_FEARED = _by_first_letter(r"\b(?:dread\w*|fear\w*|afraid|worr\w*|terrified|"
                     r"scared)\s+(?:that\b[^.;]*|(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,2}?\s+)"
                     r"\b(?:will|would|could|might)\b"
                     r"[^.;]*$", _F)
_THREAT_WORD = _by_first_letter(
    r"\b(?:threat\w*|warn\w*|told|said|says|shouted|if\s+(?:i|she|you))\b",
                          _F)
# a conditional whose list of verbs runs on to the facility ("would be sent back and sent to …")
_WOULD_LIST = _by_first_letter(r"\b(?:would|could|might)\s+(?:be|face|risk)\b[^.;:]*$", _F)
# her own telling ("Kim says she lived in fear …", "she said"): a reporting verb, not a threat
_HER_SAYS = _by_first_letter(r"\b(?:she|i|ǂ+)\s+(?:says|said|told\s+\w+|tells)\b")
_TO_SELL = rules.lead_compile(r"(?<!\bonly\s)(?<!\bon\s)(?<!\bmanaged\s)\bto\s+(?:be\s+|get\s+)?$")
_CONTRACTION = re.compile(r"['’](?:d|ve|ll|re|m)\b|['’]s(?=\s+(?:been|being|not)\b)")
_FIRST_PERSON = _by_first_letter(r"\b(?:i|me|my|myself|we|us|our|ourselves)\b")
_SHE = _by_first_letter(r"\b(?:she|her|herself)\b")


_NAMESAKE = re.compile(r"ǂ+(?=\s+\w)")


def _namesakes(marked: str, sentence: str, ctx: Context) -> str:
    """Her bare surname before another given name ("Kim Yu Bin", her sister): not her."""
    out = marked
    for m in _NAMESAKE.finditer(marked):
        nxt = re.match(r"\s+([A-Z][a-z]+)", sentence[m.end():])
        if nxt is None or nxt.group(1).lower() in discourse.NOT_GIVEN:
            continue
        if any(n.lower().startswith(sentence[m.start():m.end()].lower() + " "
                                    + nxt.group(1).lower())
               for n in ctx.names):
            continue  # her own full name, marked in part
        out = out[:m.start()] + discourse.NOT_HER_I * (m.end() - m.start()) + out[m.end():]
    return out


def _marked(low: str, ctx: Context, sentence: str = "") -> str:
    """The lower-cased sentence the rules read: an editor's brackets as spaces ("I came [to
    China]"); her name as ǂ letters; in a third-person account, a reporter's "I"/"we" outside
    quotation marks and a "she" inside her quoted words (someone else) made unreadable letter for
    letter, so offsets stay exact.

    (Remembered for one reading, :func:`_mark_memo`: analyse_extra marks the sentences around a
    sale again, as analyse did.)"""
    return _mark_memo(low, ctx.mode, ctx.names, ctx.quotes, sentence)


@lru_cache(maxsize=256)  # a memo of the testimony's sentences: emptied after each extract()
def _mark_memo(low: str, mode: str, names: tuple[str, ...], quotes: tuple[tuple[int, int], ...],
               sentence: str) -> str:
    """:func:`_marked` of a context given by its fields (a Context is not hashable)."""
    ctx = Context(mode, names, quotes)
    if "[" in low:
        low = low.replace("[", " ").replace("]", " ")
    if "'" in low or "’" in low:  # "she'd been sold", "I've been sold": the auxiliary as spaces
        low = _CONTRACTION.sub(lambda m: " " * len(m.group()), low)
    if ctx.mode not in ("third", "named"):
        return low
    out = _mark_names(low, ctx.names) if ctx.names else low
    if sentence and NAME_MARK in out and len(sentence) == len(out):
        out = _namesakes(out, sentence, ctx)
    if ctx.mode == "third":
        chars = list(out)
        quoted = ctx.quotes

        def inside(a: int) -> bool:
            return any(s <= a < e for s, e in quoted)

        for m in rules.by_code("en", "context", "her_title").finditer(out):
            # "the 24-year-old woman was sold": the report's title for her
            if not inside(m.start()):
                chars[m.start():m.end()] = discourse.NAME_MARK * (m.end() - m.start())

        for m in _FIRST_PERSON.finditer(out):
            if not inside(m.start()):
                chars[m.start():m.end()] = discourse.NOT_HER_I * (m.end() - m.start())
        for m in _SHE.finditer(out):
            if inside(m.start()):
                chars[m.start():m.end()] = discourse.NOT_HER_I * (m.end() - m.start())
        out = "".join(chars)
    return out


# in a report, she (or her family) pays: her own fee to a broker, not the price of her
_SHE_PAYS = re.compile(r"(?:^|[,;]\s*|\b(?:and|then|so)\s+)(?:she|ǂ+|her\s+(?:mother|father|"
                       r"sister|brother|family|cousin|aunt|uncle|relatives))(?:\s*,[^,]{1,40},)?"
                       r"\s+(?:(?!was\b|were\b|been\b|being\b|is\b)\w+\s+){0,2}?$")


# the place she was held named by a relative clause: told as a fact inside a condition
_HELD_WHERE = re.compile(
    r"\b(?:in\s+which|where|that)\s+(?:i|we|she|ǂ+)\s+(?:was|were|had\s+been)\s")


def _analyse(sentence: str, ctx: Context) -> list[Cue]:
    """All cues of one English sentence (its subject written)."""
    cues: list[Cue] = []
    if _question(sentence):
        return cues
    low = sentence.lower()
    if len(low) != len(sentence):  # a letter whose lower case changes length: keep offsets exact
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in sentence)
    marked = _marked(low, ctx, sentence)
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
            extra: dict[str, object] = {"match": (m.start(), m.end()), "anchor": _rule.anchor}
            if kind == "sale" and _REPORTED.search(marked[max(0, m.start() - 60):s]):
                extra["reported"] = True  # "I realized I was sold", "the men who sold me"
            elif kind == "sale" and any(r.start() <= s < r.end()
                                        for r in _retold().finditer(marked)):
                # "it hurt that I was being sold": told again, if told before
                extra["retold"] = True
            status = _status(sentence, m)
            if kind in ("sale", "payment") and status == FACT and _TO_SELL.search(marked, 0, s):
                # "took me to the towns to sell me", "willing to pay … for me": an aim
                status = UNREAL
            if kind == "payment" and ctx.mode == "third" and _SHE_PAYS.search(marked, 0, s):
                extra["by_her"] = True  # "Kim paid a broker 3,000 yuan to take her across"
            cues.append(Cue(kind, s, e, status=status, extra=extra))
    hint = hints.families(low)  # (_BIRTH_HINT's words and the word tests below: one pass)
    births = bool(hint & hints.BIRTH)
    # is she in the sentence at all (only asked when a cue below may need it: a birth, or a row
    # of these kinds that can match)
    her = bool(births or found.get("violence") or found.get("exploitation")
               or found.get("detention") or found.get("hukou")) and (
        bool(_SUBJECT_HER.search(sentence)) or (ctx.mode == "third"
                                                and _her_in(sentence, ctx.names)) or (
            ctx.mode == "named" and bool(ctx.names)
            and _named_in(sentence, ctx.names)) or (
            # "They have a son": she and her husband
            ctx.mode == "third" and bool(_THEY_HAVE.search(sentence))))
    for m in _RIVER.finditer(sentence) if hint & hints.RIVER else ():
        if _NOT_THE_RIVER.match(sentence, m.end()):
            continue  # Tumen the city ("in Tumen, Jilin Province"), a checkpoint or a bridge
        cues.append(Cue("river", m.start(), m.end(), _RIVERS[m.group(1).lower()]))
    if ("transit" in kinds) and _ABROAD.search(sentence):
        cues.append(Cue("abroad", 0, 0))
    for kind in ("alone", "broker_voluntary"):
        for _code, a, b in _first_per_code(kind, found, ctx.mode, low)[:1]:
            cues.append(Cue(kind, a, b))
    if her:
        # (on the sentence with her name marked: "threatened to report Kim", "locked Kim in")
        for code, a, b in _first_per_code("violence", found, ctx.mode, marked):
            # "… and then I don't remember anything": the negation is part of what is told
            # a threat's words hold its condition ("…that if I did not obey, he would report me"):
            # a "not" inside them is the condition's, not a denial of the threat
            st = english_status(sentence, a, habitual=True) if code in (
                "drugging", "threat_of_denunciation") else english_status(sentence, a, b,
                                                                          habitual=True)
            if code == "threat_of_denunciation" and st == UNREAL and not (
                    _FEAR.search(sentence, 0, a) and not _THREAT_WORD.search(
                        _HER_SAYS.sub(" ", marked))):
                # a threat is stated with "would"/"if" by nature (but her dread of it is no threat)
                st = FACT
            if st == FACT and _FEARED.search(sentence, 0, a):
                # "the dread that the police will arrest her and send her back to be tortured"
                st = UNREAL
            if code == "confinement" and st == DENIED and re.search(
                r"\b(?:not|never)\s+(?:even\s+|ever\s+|once\s+)?allowed|\bnever\s+(?:let|allow(?:ed)?)\b|"
                r"could\s+not|cannot|"
                                                                   r"(?:would|did|do|"
                                                                   r"does)\s*(?:not|"
                                                                   r"n[’']t)\s+(?:let|allow)",
                                                                   sentence[a:b], _F):
                st = FACT
            if code == "confinement" and st in (UNREAL, DENIED) and _HELD_WHERE.search(
                    marked, a, b):
                # "…if she left the room in which she was imprisoned": the room is real (the
                # condition or the denial is the main clause's)
                st = FACT
            cues.append(Cue("violence", a, b, code, st))
        for code, a, b in _first_per_code("exploitation", found, ctx.mode, low):
            st = english_status(sentence, a, b, habitual=True)
            if code == "forced_labour" and st == DENIED and _UNPAID.search(sentence, a, b):
                # "worked in his fields and was never paid": the denial is of the pay
                st = english_status(sentence, a, habitual=True)
            cues.append(Cue("exploitation", a, b, code, st))
        facilities = _first_per_code("detention", found, ctx.mode, low)
        named = [f for f in facilities if f[0] != "other"]
        for code, a, b in named or facilities:  # an unnamed camp only when no facility is named
            st = english_status(sentence, a, b)
            if st == FACT and _WOULD_LIST.search(sentence, 0, a):
                st = UNREAL  # "if caught, she would be sent back and sent to a labour camp"
            cues.append(Cue("detention", a, b, code, st,
                            extra={"unnamed": True} if code == "other" else {}))
        for m in _BIRTH.finditer(sentence) if births else ():
            n = 1
            g = m.groupdict()
            what = (g.get("what") or g.get("what2") or g.get("what3") or g.get("what4")
                    or g.get("what5") or "").lower()
            if g.get("n"):
                n = 2 if g["n"].lower() == "twin" else (int(g["n"]) if g["n"].isdigit() else
                                                         {"a": 1, "an": 1, "one": 1, "two": 2,
                                                          "three": 3,
                                                          "four": 4, "five": 5}.get(g["n"].lower(),
                                                                                    1))
            elif what in ("twins",):
                n = 2
            elif what in ("children", "kids", "babies", "sons", "daughters", "boys",
                          "girls") and not g.get("n"):
                continue
            if not what and "pregnan" in m.group().lower():
                continue
            verb = re.match(r"(?:gave|give|giving|had|bore|borne|bearing|delivered|have|has)\b",
                            m.group(), _F)
            if verb and not _BIRTH_SUBJECT[ctx.mode].search(sentence[max(
                0, m.start() - 30):m.start()]) and not (
                    _her_clause(marked, m.start(), ctx)):
                continue  # "He had a son older than me": somebody else's child
            total = bool(re.match(r"(?:have|has)\b", m.group(), _F))
            # "we have two children": where born?
            unplaced = total and not _CHINA_CHILD.search(sentence)
            cues.append(Cue("birth", m.start(), m.end(), value=n,
                            status=english_status(sentence, m.start(), m.end()),
                            extra={"total": total, "what": what, "unplaced": unplaced,
                                   "definite": bool(g.get("what2") or g.get("what4")
                                                    or g.get("what5"))}))
    if births and not her:
        born = _BORN_IN_CHINA.match(sentence)
        if born:  # a case note's "Two children born in China."
            n = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}.get(
                born.group("n").lower(), int(born.group("n")) if born.group("n").isdigit() else 1)
            cues.append(Cue("birth", born.start(), born.end(), value=n,
                            extra={"total": True, "what": born.group("what").lower(),
                                   "unplaced": False}))
    if her:
        pair = _BIRTH_PAIR.search(sentence) if births else None
        if pair and re.search(r"\b(?:gave\s+birth|had|have|bore|born)\b", sentence, _F):
            cues = [c for c in cues if c.kind != "birth"
                    or not (pair.start() - 12 <= c.start <= pair.end())]
            cues.append(Cue("birth", pair.start(), pair.end(), value=2, extra={"total": True,
                                                                               "what": "pair"}))
        none = _NO_CHILDREN.search(sentence) if births and ("child" in low or "pregnan" in low
                                                            or "kid" in low) else None
        if none:
            cues.append(Cue("birth", none.start(), none.end(), value=0, status=DENIED,
                            extra={"total": True, "what": ""}))
        papers = _matches("hukou", found, ctx.mode, marked)
        if papers and not (_CHILD_ONLY.search(sentence) and not _HUKOU_SELF[ctx.mode].search(
                marked if ctx.mode == "third" else sentence)):  # ("Kim has no hukou", marked)
            rule, m = papers[0]  # the first row that fires decides (rows are ordered by precedence)
            cues.append(Cue("hukou", m.start(), m.end(), rule.code))
    for _rule, m in _matches("province_mention", found, ctx.mode, low):
        prov = _town_province(sentence[m.start():m.end()]) if _rule.extra.get("town") else \
            china_province(sentence[m.start():m.end()])
        # "sold to a farmer in Shandong province": where she lived (the walk keeps the last)
        if prov:
            cues.append(Cue("province_mention", m.start(), m.end(), prov))
    now = _PROVINCE_NOW.search(sentence) if hint & hints.LIVES else None
    if now:
        cues.append(Cue("province_now", now.start("p"), now.end("p"), re.sub(r"\s+Province$", "",
                                                                             now.group("p"))))
    if hint & hints.REPEATED:
        cues = _vague_sales(sentence, cues)
    return _hers(_coordinated_mood(cues, sentence), marked, ctx, sentence)


# "afraid of being arrested and repatriated", "would have been sent back and tortured", "never
# beaten or raped": a verb joined straight to the one before shares its mood
_JOINED = re.compile(
    r"\s*,?\s*(?:and|or|nor)\s+(?:then\s+)?(?:(?:be|been|being|get|got|getting)\s+)?$", _F)
_MOODED = ("arrest", "repatriation", "violence", "sale", "detention", "exploitation")
# a fear or risk of a chain of passives: "in fear of being caught and sent back"
_FEARED_CHAIN = _by_first_letter(
    r"\b(?:fear(?:ed|s|ful)?|afraid|scared|terrified|worried|dread\w*|risk\w*)\s+(?:of\s+)?"
    r"(?:being|getting)\s+(?:\w+\s+){1,3}?(?:and|or)\s+(?:then\s+)?(?:be\s+|being\s+)?$", _F)
_FEARED_CHAIN_GATE = gate_of(_FEARED_CHAIN.pattern)


def _coordinated_mood(cues: list[Cue], sentence: str) -> list[Cue]:
    """A told event joined by "and"/"or" right after an unreal or denied one takes its mood (the
    clause splitter cuts at "and", so the second verb would otherwise read as a fact)."""
    mooded = sorted((c for c in cues if c.kind in _MOODED), key=lambda c: c.start)
    # (a chain needs "being" or "getting": most sentences with a cue have neither)
    feared = bool(mooded) and may_match(_FEARED_CHAIN_GATE, sentence)
    for c in mooded if feared else ():
        if c.status == FACT and _FEARED_CHAIN.search(sentence, max(0, c.start - 80), c.start):
            c.status = UNREAL  # "in fear of being caught and sent back": both are feared
    for prev, c in zip(mooded, mooded[1:]):
        if c.status == FACT and prev.status in (UNREAL, DENIED) and prev.end <= c.start \
                and _JOINED.match(sentence[prev.end:c.start]):
            c.status = prev.status
    return cues


_ABOUT_HER = {"sale", "crossing", "arrest", "repatriation", "escape", "arrival", "transit",
              "violence", "province_mention",
              "exploitation", "vague_times", "detention"}
# her, in a clause about someone else: "me", "my shoes" (but "my mother" is someone else)
# her name, not her name's relative ("ǂ's sister was beaten" is the sister)
_NAME_HERS = (r"(?<!ǂ)ǂ+(?!ǂ)(?![’']s\s+(?:[\w-]+\s+){0,2}?" + rules.expand("en", "{PERSON_NOUN}")
              + r"\b)")
_HER_MENTION = rules.lead_compile(
    r"\b(?:i|me|myself|we|us|ourselves)\b|" + _NAME_HERS + r"|\b(?:my|our)\b(?!\s+(?:[\w-]+\s+)"
    r"{0,2}?" + rules.expand("en", "{PERSON_NOUN}") + r"\b)")
_HER_MENTION_THIRD = rules.lead_compile(  # ("women like her are sold": people in general)
    r"\b(?:i|me|myself|we|us|she|herself)\b|" + _NAME_HERS + r"|(?<!\blike\s)\b(?:her|my|our)\b"
    r"(?!\s+(?:[\w-]+\s+){0,2}?" + rules.expand("en", "{PERSON_NOUN}") + r"\b)")


# her as the subject again after someone else in the same clause ("before she met her husband
# she was captured"): the event after it is hers
_HER_AGAIN = _by_first_letter(
    r"\b(?:she|ǂ+|i|we)\s+(?:\w+\s+)?(?:was|were|had\s+been|got)\s+(?:\w+\s+)?$")
# people other than her named in a sentence whose "they" was sold ("her daughters … they")
_OTHER_GROUP = _by_first_letter(
    r"\b(?:my|her|his|their|the\s+other|other|some|many|most)\s+(?:[\w-]+\s+)?(?:sisters|"
    r"daughters|sons|children|friends|girls|women|nieces|cousins|brothers|relatives|parents)\b")
_OTHER_PATIENT = re.compile(
    r"\s*\b(?:them|others|(?:my|her|his|their|the|a|an|ten|two|three|four|five|several|some|many|"
                            r"all|most)\s+(?:of\s+)?(?:[\w-]+\s+){0,2}?"
                            + rules.expand("en", "{PERSON_NOUN}") + r")\b")
@lru_cache(maxsize=4)
def _someone_else(mode: str) -> re.Pattern[str]:
    """Words that may make a clause someone else's: he, a person noun, a relative pronoun, a verb
    of seeing (and in a first-person account, "she")."""
    she = "|she" if mode == "first" else ""
    return _by_first_letter(r"\b(?:he|his|him" + she
                            + r"|who|whom|which|that|saw|see|seen|watched|witnessed|heard|"
                            + rules.expand("en", "{PERSON_NOUN}")[3:-1] + r")\b")


_SOLD_PASSIVE = _by_first_letter(
    r"\b(?:was|were|been|got|be|being)\s+(?:\w+\s+)?(?:re-?sold|sold|bought|traded)\b")


# people in general as the subject of a passive inside her clause ("she had heard of North Korean
# women being sold to farmers"): their event, not hers (not "she and other women were sold")
# (the word start and the words' first letters are tested before the look-behinds: zero-width
# tests at one place, so the same matches, but most places now fail on the first, cheap test
# instead of after every look-behind: ~2x faster here, ~6x for _GENERIC_LIST)
_GENERIC_PASSIVE = re.compile(
    r"\b(?=[wgrdbpokc])(?<!\bother\s)(?<!\band\s)(?:wom[ae]n|girls|refugees|defectors|brides|"
    r"wives|people|others|koreans|children)\s+(?:being|are|were|get|got|who\s+(?:are|were|had\s+been)|"
    r"(?:are|were)\s+being)\s+(?:\w+ly\s+)?$")


# the same, with the verbs listed ("the number of women who are tricked, abducted or sold")
_GENERIC_LIST = re.compile(
    r"\b(?=[wgrdbpokc])(?<!\band\s)(?<!\bother\s)(?<!\bboth\s)(?<!\btwo\s)(?<!\bthree\s)"
    r"(?<!\bfour\s)(?<!\bfive\s)(?<!\bsix\s)(?<!\bour\s)(?<!\bher\s)(?<!\bmy\s)(?:wom[ae]n|girls|"
    r"refugees|defectors|brides|wives|people|others|koreans|children)\s+(?:who\s+)?(?:are|were|get|got|being|have\s+been|"
    r"had\s+been)\s+"
    r"(?:[a-z-]+,\s+){1,3}(?:(?:or|and)\s+)?$")


def _done_to(c: Cue) -> bool:
    """A lure done to someone ("my younger sister was kidnapped by traffickers"): hers only when
    the clause names her (lures told by what someone said stay: "a woman said there was work")."""
    return c.kind == "recruitment" and c.code in ("abducted", "drugged")


def _her_clause(marked: str, pos: int, ctx: Context) -> bool:
    """Is the clause at ``pos`` about her ("… moved in with him and gave birth to a daughter")?"""
    cl = discourse.clause_at(discourse.clauses(marked, ctx.mode), pos)
    return cl is not None and cl.who == discourse.HER


def _hers(cues: list[Cue], marked: str, ctx: Context, sentence: str = "") -> list[Cue]:
    """Drop the cues of a clause about someone else ("…my uncle, who was later caught and sent
    back", "I watched a girl being beaten") unless the words tie the event to her."""
    if not any((c.kind in _ABOUT_HER or _done_to(c)) and c.extra.get("anchor") != "object"
               for c in cues):
        return cues  # nothing to check: no cue, or each names her as the one it happened to
    if not _someone_else(ctx.mode).search(marked) and not any(c.extra.get("anchor") == "clause"
                                                              for c in cues):
        return cues  # nobody else is named: every clause is hers
    cs = discourse.clauses(marked, ctx.mode)
    if len(cs) <= 1 and (not cs or cs[
        0].who != discourse.OTHER) and "saw" not in marked and "watch" not in marked \
            and "witness" not in marked and "heard" not in marked and not any(
                c.extra.get("anchor") == "clause" for c in cues):
        return cues
    her = _HER_MENTION_THIRD if ctx.mode == "third" else _HER_MENTION
    # a clause telling someone else's sale: its money is not her price ("My mum was sold for $65")
    others = tuple((c.start, c.end) for c in cs if c.who == discourse.OTHER
                   and not her.search(marked, c.start, c.end)
                   and _SOLD_PASSIVE.search(marked, c.start, c.end))
    out = []
    for c in cues:
        if c.kind not in _ABOUT_HER and not _done_to(c):
            out.append(c)
            continue
        cl = discourse.clause_at(cs, c.start)
        if cl is None:
            out.append(c)
            continue
        if discourse.perceived(marked, c.start, cl, cs) or _GENERIC_PASSIVE.search(
                marked, max(cl.start, c.start - 60), c.start) or _GENERIC_LIST.search(
                    marked, max(0, c.start - 80), c.start):
            continue
        if not cl.explicit and c.status == FACT and sentence and c.kind not in ("violence",
                                                                                "exploitation"):
            # "she would be arrested, imprisoned, sent back": the mood of the clause the list hangs
            # on
            head = cs.index(cl)
            while head > 0 and not cs[head].explicit:
                head -= 1
            if english_status(sentence, c.start, since=cs[head].start) == UNREAL:
                c.status = UNREAL
        anchor = c.extra.get("anchor", "none")
        if anchor == "object":
            out.append(c)
            continue
        if anchor == "clause":  # the row has no anchor of its own: the clause must be about her
            patient = _OTHER_PATIENT.search(marked, cl.start, c.start)
            if patient and marked[cl.start:patient.start()].strip(" ,;:") \
                    and not discourse.apposed(marked, c.start) \
                    and not _HER_AGAIN.search(marked, cl.start, c.start):
                continue  # "she tricked her friends into being sold": they were sold
            if cl.who == discourse.HER or (cl.group and her.search(marked, 0, cl.start)):
                head = cs.index(cl)
                while head > 0 and not cs[head].explicit:
                    head -= 1
                if cs[head].lede:
                    # a report's opening summary ("A North Korean woman who was sold …"): a sale
                    # her story may tell again (other events wait for her story)
                    if c.kind != "sale":
                        continue
                    c.extra["lead"] = True
                out.append(c)  # (or "when they fell … after crossing": a group she was in)
            elif cl.group and ctx.mode == "third" and c.kind == "sale" and c.status == FACT \
                    and not _OTHER_GROUP.search(marked, 0, c.start):
                # "They had been sold for sex …", "they were both sold to a farmer": in a story
                # told about her, a group sold is her and those she went with (not "her sisters";
                # the walk asks the sentence before to name her)
                c.extra["group"] = True
                out.append(c)
            continue
        if cl.who == discourse.OTHER:
            if c.kind == "province_mention" and any(
                    x.kind == "birth" and x.status == FACT and 0 <= c.start - x.end <= 60
                    for x in cues):
                # "their young son, born in … Heilongjiang province": where her child was born,
                # she lived
                out.append(c)
                continue
            if anchor == "subject":
                a = c.extra.get("match", (c.start, c.end))[0]
                if discourse.clause_at(cs, a) is cl:
                    out.append(c)  # her subject is in the same clause
                continue
            nxt = cs[cs.index(cl) + 1].end if cs.index(cl) + 1 < len(cs) else cl.end
            if (c.kind in ("violence", "exploitation") or _done_to(c)) and (
                    her.search(marked, cl.start, nxt) or (
                    her.search(marked) and not cl.generic and not _OTHER_PATIENT.match(marked,
                                                                                       c.end))):
                # "my husband beat me", "brokers beat and raped her", "he was violent … I was
                # afraid"
                out.append(c)
            continue
        out.append(c)
    if others:
        for c in out:
            if c.kind in ("sale", "payment"):
                c.extra["not_hers"] = others
    return out


_VAGUE_TIMES = re.compile(
    # ("bought and sold like an animal many times": the count may come a few words on)
    r"\s*(?:(?:and\s+(?:re-?sold|sold|bought|traded)|like\s+(?:an?\s+)?\w+|again)\s+){0,3}"
    r"(?:(?:several|many|a\s+few|a\s+number\s+of|countless|multiple|many\s+more)\s+"
                          r"(?:more\s+)?times\b|repeatedly\b|over\s+and\s+over\b|"
                          r"again\s+and\s+again\b)", _F)


def _vague_sales(sentence: str, cues: list[Cue]) -> list[Cue]:
    """"She was sold several times", "the several times she was sold": a count nobody can check,
    so the sale count becomes unknown (the profile's ``times_sold`` is null) instead of one more
    sale."""
    out = []
    before = _context("vague_times_before")  # "the several times she was "
    for c in cues:
        if c.kind == "sale" and c.status == FACT and (
                _VAGUE_TIMES.match(sentence, c.end)
                or before.search(sentence, max(0, c.start - 50), c.start)):
            out.append(Cue("vague_times", c.start, c.end))
        else:
            out.append(c)
    return out


@lru_cache(maxsize=1)
def _relation_order() -> dict[str, int]:
    """The first row of each relation code: an earlier row wins a tie."""
    return {r.code: k for k, r in reversed(list(enumerate(rules.load("en", "relation"))))}


def _analyse_extra(sentence: str, ctx: Context) -> list[Cue]:
    """Cues only some sentences need (recruitment, recruiters, buyer, purpose)."""
    cues: list[Cue] = []
    if _question(sentence):
        return cues
    low = sentence.lower()
    if len(low) != len(sentence):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in sentence)
    marked = _marked(low, ctx, sentence)
    found = _candidates(marked, ctx.mode)
    for code, a, b in _first_per_code("recruitment", found, ctx.mode, low):
        st = english_status(sentence, a) if code == "drugged" else english_status(sentence, a, b)
        cues.append(Cue("recruitment", a, b, code, st))
    if any(_done_to(c) for c in cues):
        cues = _hers(cues, marked, ctx, sentence)  # "my younger sister was kidnapped"
    verbs = [m.start() for m in _ROLE_VERB.finditer(low)] if found.get("relation") else []
    if verbs:
        done: set[str] = set()
        order = _relation_order()
        hits = sorted(((order[r.code], m.start(), m.end(), r.code) for r, m in _matches("relation",
                                                                                        found,
                                                                                        ctx.mode,
                                                                                        marked)))
        for _k, a, b, code in hits:
            # the person must be near what she did: "my aunt ... sold me", "taken by a broker"
            if code in done or not any(a - 60 <= v <= b + 80 for v in verbs):
                continue
            if _VICTIM_AFTER.match(low, b):
                continue  # "My sister was sold to another man": she was a victim, not a recruiter
            if code in _KIN_CODES and (
                    _context("kin_destination").search(low, max(0, a - 20), a)
                    or _context("kin_beside_her").search(marked, max(0, a - 20), a)):
                # "offered to guide her to her relatives": where she was going; "Kim and her
                # sister crossed …": who went with her, not who moved her
                continue
            if code in _KIN_CODES and _COMPANION.search(low, max(0, a - 60),
                                                        a) and not _ACTS_ON_HER.match(marked, b):
                # "I crossed with my uncle, who was caught": he went with her, he did not move her
                continue
            if code in _KIN_ONLY_ACTING and not (
                    _KIN_ACTS.match(marked, b) or _BY_KIN.search(marked, max(0, a - 12), a)
                    or any(c.kind == "recruitment" and c.code in _KIN_LURES for c in cues)):
                # "my sister and I", "she tricked her friends", "asking where my sister was": a
                # sister or a friend is a recruiter only when she acts on her or lures her
                continue
            noun = code == "other" and bool(_ROLE_NOUN_END.search(sentence[a:b]))
            if noun and _ETHNIC_NEAR.search(sentence[max(0, a - 40):b + 40]):
                continue
            cues.append(Cue("relation", a, b, code, extra={"noun": noun}))
            done.add(code)
    m = _ETHNIC_DESC.search(sentence) if ("korean" in low or "chinese" in low) else None
    if m and m.group("e") and m.group("e").lower().startswith("north") \
            and _context("reason_before").search(sentence, max(0, m.start() - 12), m.start()):
        # "… arrested because she was a North Korean": the reason something was done to her is
        # her own nationality, not a recruiter's ("A woman came … She was North Korean" is)
        m = None
    if m:  # "She was North Korean", "a woman, Korean-Chinese, kind": who the recruiter was
        g = "e" if m.group("e") else "e2"
        word = m.group(g).lower()
        code = ("north_korean_trafficker" if word.startswith("north") else
                "han_chinese_broker" if word.startswith(("han", "chinese"))
                else "korean_chinese_broker")
        cues.append(Cue("relation", m.start(g), m.end(g), code, extra={"desc": True}))
    for code, a, b in _first_per_code("buyer", found, ctx.mode, low):
        cues.append(Cue("buyer", a, b, code))
    for code, a, b in _first_per_code("purpose", found, ctx.mode, low):
        cues.append(Cue("purpose", a, b, code))
    return cues


_KIN_CODES = ("relative", "friend", "neighbour_or_villager")
_COMPANION = re.compile(
    r"\b(?:crossed|went|fled|left|escaped|came|travell?ed|set\s+(?:off|out)|ran\s+away|walked|"
                        r"swam|waded|defected|headed|hid)\b(?:\s+[\w’'-]+){0,4}?\s+with\s+$")
_KIN_ONLY_ACTING = ("relative", "friend")
_KIN_LURES = ("deception_job_offer", "other", "drugged", "introduced_marriage")
_KIN_ACTS = re.compile(
    r"[^.;?!]{0,60}?\b(?:(?:sold|sell|sells|selling|took|take|takes|taking|led|lead|brought|bring|"
    r"handed|hand|delivered|deliver|introduced|introduce|guided|guide|lured|lure|tricked|trick|"
    r"deceived|deceive|promised|promise|offered|offer|drugged|locked|persuaded|persuade|"
    r"convinced|invited|invite|arranged\s+for|smuggled|smuggle|passed|sent|talked)\s+"
    r"(?:me|us|her|ǂ+)|(?:took|received|got|kept|pocketed|counted)\s+(?:the\s+|my\s+|her\s+)?"
    r"(?:[\d,.]+|money|cash|payment|fee)|(?:was|were)\s+paid)\b")
# "paid my friend 5,000 yuan", "sold by my aunt": the acquaintance took the money or did it
_BY_KIN = _by_first_letter(r"\b(?:by|through|via|gave|paid|pay|pays|giving|paying)\s+$")
_ACTS_ON_HER = re.compile(
    r"[^.;]{0,60}?\b(?:sold|took|led|brought|handed|delivered|introduced|guided|lured|tricked|"
                          r"deceived|promised|offered|drugged|locked)\s+(?:me|us|her|ǂ+)\b")
# a note that leaves her out as the subject: "Crossed the Tumen in 2011.", "Sold to a farmer for
# 25,000 yuan.", "Forcibly returned 2014." (NGO case notes, an interview's short answers)
_BARE_START = re.compile(
    r"^[\s\W]*(?:(?:Later|Then|Soon|Eventually|Finally|Forcibly|Again|Subsequently|Allegedly|"
    r"Reportedly|Twice|"
    r"Once)\s+)?(?P<v>[A-Za-z][a-z]*(?:-[a-z]+)?ed|(?i:sold|resold|re-sold|left|fled|caught|held|"
    r"sent|taken|gave|"
    r"bore|ran|went|bought|beaten|kept|brought|met|got|spent|became|fell|lived|"
    r"had))\b(?!\s+(?:by\s+)?(?:the|a|an|this|that|"
    r"these|those)?\s*(?:report|study|survey|interviews?|data|findings|table|figure|survey|"
    r"numbers?)\b)")
_NOT_VERBS = frozenset(["Indeed", "United", "Hundred", "Red", "Bed", "Need", "Seed", "Speed",
                        "Feed", "Shed",
                        "Sacred", "Naked", "Wicked", "Aged", "Based", "Related", "Ted", "Ned", "Fr"
                                                                      "ed", "Alfred",
                        "Compared", "Asked", "Translated", "Edited", "Updated", "Posted", "Publish"
                                             "ed", "Added",
                        "Reported", "Contributed", "Signed", "Dated", "Named", "Titled", "Entitle"
                                    "d"])


# verbs a note uses in the passive ("Sold to a farmer", "Arrested in 2015"), unless an object
# follows
_PASSIVE = frozenset(["sold", "resold", "re-sold", "bought", "arrested", "caught", "detained",
                      "held", "taken", "sent",
                      "repatriated", "returned", "deported", "beaten", "raped", "trafficked", "lur"
                      "ed", "tricked",
                      "forced", "interrogated", "imprisoned", "jailed", "kidnapped", "abducted", ""
                                "drugged",
                      "introduced", "handed", "transferred", "smuggled", "locked", "confined", "de"
                                              "ceived",
                      "recaptured", "captured", "questioned", "tortured", "fined", "released", "re"
                      "settled"])
_OBJECT_NEXT = re.compile(
    r"\s+(?:the|a|an|her|his|their|my|our|him|them|me|us|two|three|several|some|many|\d)\b",
                          re.IGNORECASE)


def _implied(sentence: str, ctx: Context) -> str:
    """The subject a note leaves out: "She " ("Crossed the Tumen in 2011."), "She was " ("Sold to
    a farmer for 25,000 yuan."), "I "/"I was " in a first-person account, else ""."""
    if ctx.mode not in ("first", "third"):
        return ""
    return _implied_in(sentence, ctx.mode)


@lru_cache(maxsize=256)  # analyse and analyse_extra ask for the same sentence
def _implied_in(sentence: str, mode: str) -> str:
    m = _BARE_START.match(sentence)
    if not m or m.group("v").capitalize() in _NOT_VERBS or not sentence[m.start():m.start("v")
                                                                        + 1].lstrip(
            " \t\n\"“‘'([-–—*•")[:1].isupper():
        return ""
    passive = m.group("v").lower() in _PASSIVE and not _OBJECT_NEXT.match(sentence, m.end())
    if mode == "first":
        return "I was " if passive else "I "
    return "She was " if passive else "She "


def _shifted(cues: list[Cue], k: int) -> list[Cue]:
    """Cues read on the sentence with ``k`` letters put before it, at their places in the "
    "sentence."""
    def at(x: int) -> int:
        return max(0, x - k)

    for c in cues:
        c.start, c.end = at(c.start), max(at(c.end), at(c.start) + 1)
        if "match" in c.extra:
            a, b = c.extra["match"]
            c.extra["match"] = (at(a), at(b))
        if "not_hers" in c.extra:
            c.extra["not_hers"] = tuple((at(a), at(b)) for a, b in c.extra["not_hers"])
    return cues


def _with_subject(fn, sentence: str, ctx: Context) -> list[Cue]:
    pre = _implied(sentence, ctx)
    if not pre:
        return fn(sentence, ctx)
    moved = Context(ctx.mode, ctx.names, tuple((a + len(pre), b + len(pre)) for a, b in ctx.quotes))
    return _shifted(fn(pre + sentence, moved), len(pre))


def analyse(sentence: str, ctx: Context) -> list[Cue]:
    """All cues of one English sentence (a subject a note leaves out is read as her)."""
    return _with_subject(_analyse, sentence, ctx)


def analyse_extra(sentence: str, ctx: Context) -> list[Cue]:
    """Cues only some sentences need (recruitment, recruiters, buyer, purpose): the pipeline asks
    for them lazily, for the sentences around a sale and the start of the story."""
    return _with_subject(_analyse_extra, sentence, ctx)


_UNNAMED = ("the woman", "The woman", "this woman", "This woman")
# a relative who speaks in a report about her ("…,” her brother said): his "I" is not hers
_KIN = r"(?:brother|father|husband|son|uncle|mother|sister|daughter|cousin|friend|aunt)s?"
_OTHER_SPEAKER = re.compile(
    r"[”\"]?\s*,?\s*(?:(?:said|says|told|added|explained)\s+(?:the|a|an|one)\s+(?!woman\b)"
                            r"[a-z]+|(?:the|a|an|one)\s+(?!woman\b)(?:[\w-]+\s+){0,8}?(?:said|"
                            r"says|told|added)\b|(?:said|says|told|added|explained|recalled)\s+"
                            r"(?:he|his\s+[\w-]+|her\s+" + _KIN + r")\b|(?:he|his\s+[\w-]+|her\s+"
                            + _KIN + r")\s+(?:said|says|told|added|explained|recalled)\b)")
_TITLE_SURNAME = _by_first_letter(r"\b(?:Ms|Mrs|Miss|MS|MRS)\.?\s*(?P<s>[A-Z][a-z]+)\b")


def context(text: str, header_end: int, surname: str | None) -> tuple[Context, list]:
    """Who the account is about and how it is told (first or third person, what is quoted), and
    her surname when the header did not give it (facts with cleaned-text spans)."""
    from casebook.model import Evidence, Fact

    person = discourse.protagonist(text)
    names: tuple[str, ...] = ((surname,) if surname and surname.isascii() else ()) + (person.names
                                                                                      if person
                                                                                      else ())
    # a quotation someone else speaks ("…,” said the source) is not her words: "she" in it is her
    quotes = [q for q in discourse.quote_spans(text) if not _OTHER_SPEAKER.match(text, q[1])]
    body = text[header_end:]
    mode = discourse.narration(body, names, [(max(0, a - header_end), b - header_end) for a,
                                             b in quotes
                                              if b > header_end])
    facts = []
    if not surname:
        m = _TITLE_SURNAME.search(text[:600])
        opening = _opening(text)
        if person and person.surname and (mode == "third" or person.start < opening
                                          or _name_line(text, person) or _speaker(text, person)):
            facts.append(Fact("surname", person.surname, Evidence(person.start, person.end), 0.6))
        elif m:
            facts.append(Fact("surname", m.group("s"), Evidence(m.start("s"), m.end("s")), 0.6))
    if mode == "first" and person and not surname and not facts:
        # a name deep in a first-person story is someone else's ("another woman there, Kim")
        names = ()
    if mode == "third" and not names:
        names = _UNNAMED  # a report about a woman it never names: "the woman" is her
    return Context(mode, tuple(dict.fromkeys(names)), tuple(quotes)), facts


_TITLE_LINE = re.compile(r"[^\n]{1,100}\n\s*")
_SENTENCE_END = re.compile(r"[.!?]\s*$")


def _opening(text: str) -> int:
    """Where the opening paragraph ends (at most 300 characters in), after its title lines (a
    running title and a headline above it, as text taken from a PDF page has them; a date line
    and a salutation may follow: "May 2, 2021", "Dear friends,")."""
    title = 0
    for _ in range(4):
        skip = _TITLE_LINE.match(text, title)
        if not skip or _SENTENCE_END.search(skip.group().strip()):
            break
        title = skip.end()
    end = text.find("\n\n", title)
    return min(300 + title, (len(text) if end < 0 else end) + 1)


def _speaker(text: str, person: discourse.Person) -> bool:
    """Her full name as the teller of the quoted story ("This is how Jo Eun describes …")."""
    full = [n for n in person.names if " " in n]
    return bool(full) and name_search.followed(text, full, _TELLS, lead="") is not None


_TELLS = re.compile(r"\s+(?:describes|described|recalls|recalled|recounts|recounted|remembers|"
                    r"explains|explained|said|says|told)\b")


def _name_line(text: str, person: discourse.Person) -> bool:
    """Her name alone on a short line near the top (a testimony's byline: "Yonglim Choi")."""
    a = text.rfind("\n", 0, person.start) + 1
    z = text.find("\n", person.end)
    line = text[a:len(text) if z < 0 else z].strip()
    return person.start < 400 and len(line) <= 40 and not re.search(r"[.!?]$", line)


def detect_mode(text: str, names: tuple[str, ...]) -> str:
    """``first`` when the survivor tells her story herself, ``third`` when it is told about her."""
    return discourse.narration(text, names, discourse.quote_spans(text))


_PLACE = r"[A-Z][\w'’ŏŭĕ\-]+(?:\s+(?:City|County|Province|[A-Z][\w'’ŏŭ\-]+))*"
_ORIGIN = [  # (in first_letter_form where they start with words)
    _by_first_letter(
        r"\b(?:I\s+am|I[’']m|I\s+was|[Ss]he\s+is|[Ss]he\s+was|I\s+come|[Ss]he\s+comes|[Ss]he\s+hails|"
        r"[Ww]e\s+were|[Ww]e\s+are|[Ww]e\s+come|[Ss]he\s+came|"
               rf"M(?:s|rs|iss)\.?\s+[A-Z][a-z]+\s+(?:is|was|comes|came))\s+"
               r"(?:originally\s+)?(?:from|born\s+(?:and\s+raised\s+)?in|born\s+in\s+(?:19|"
               rf"20)\d\d\s+in)\s+(?P<p>{_PLACE})"),
    _by_first_letter(rf"\b(?:born|raised)\s+(?:(?:in\s+)?(?:19|20)\d\d\s+)?in\s+(?P<p>{_PLACE})"),
    # "Originally from Chongjin, she …", "a 30-year-old woman from Hoeryong", "a native of Musan"
    _by_first_letter(rf"(?:^|[.!?]\s+|\n)(?:[Oo]riginally\s+from|[Aa]\s+native\s+of(?![^,.]{{0,40}},\s+"
                     rf"(?:her|his|the|a|an|he|they)\b))\s+(?P<p>{_PLACE})"),
    # a case note's verbless line "From Musan, North Hamgyong." (not "From Hyesan, she crossed")
    _by_first_letter(rf"(?:^|[.!?:]\s+|\n)From\s+(?P<p>{_PLACE})(?:,\s+[A-Z][\w\s-]{{2,30}}?)?"
                     r"\s*(?:[.;]|$)"),
    # (an apposition to a name: "a woman from Musan" alone may be anyone she met)
    _by_first_letter(rf"\b[A-Z][a-z]+,\s+(?:(?:aged\s+)?\d{{1,2}},\s+)?(?:from|"
                     rf"(?:hails|comes|came)\s+(?:originally\s+)?from|"
                     rf"who\s+(?:is|was|comes|came)\s+(?:originally\s+)?from|"
               rf"an?\s+(?:[\w-]+\s+){{0,2}}?(?:native\s+of|(?:woman|mother|girl|defector|"
               rf"refugee)\s+(?:originally\s+)?from))\s+(?P<p>{_PLACE})"),
    _by_first_letter(
        rf"\b(?:I|she|we)\s+(?:grew\s+up|lived|was\s+living|were\s+living)\s+in\s+(?P<p>{_PLACE})"),
    # "Kim grew up in Hyesan": a name (not "He", "They") as the subject
    _by_first_letter(rf"\b(?!He\b|They\b|It\b|There\b)[A-Z][a-z]+(?:-[a-z]+)?\s+grew\s+up\s+"
                     rf"in\s+(?P<p>{_PLACE})"),
    _by_first_letter(rf"\b(?:I|she|we)\s+spent\s+(?:my|her|our)\s+(?:whole\s+|early\s+)?"
                     rf"(?:childhood|"
               rf"youth|early\s+years|"
               rf"school\s+years)\s+in\s+(?P<p>{_PLACE})"),
    _by_first_letter(
        r"\b(?:[Mm]y|[Hh]er|[Oo]ur)\s+(?:home\s*town|hometown|home|native\s+town|"
        r"birthplace)(?:\s+(?:is|was|of|was\s+in)\s+|\s*,\s+)"
               rf"(?P<p>{_PLACE})"),
    _by_first_letter(
        r"\b(?:at\s+home\s+in|back\s+home\s+in|visit\s+us\s+in|my\s+(?:own\s+)?(?:village|"
        r"town)\s+in|"
               r"go\s+back\s+to|return(?:ed)?\s+home\s+to|our\s+(?:house|"
               rf"home)\s+in)\s+(?P<p>{_PLACE})"),
]
# a literal one of which every match of the _ORIGIN pattern at the same place holds (a pattern
# whose words are not in the text is not run)
_ORIGIN_WORDS = (("from", "born"), ("born", "raised"), ("riginally", "native"), ("From",),
                 ("from", "native"),
                 ("grew", "lived", "living"), ("grew",), ("spent",),
                 ("home", "native", "birthplace"),
                 ("home", "visit", "village", "town", "back", "house"))
_BORN = re.compile(r"(?:\b(?:I|[Ss]he)|^[^\n,]{0,60}?[A-Z][a-z]+(?:-[a-z]+)?\s*,\s+who)"
                   r"\s+was\s+born\s+"
                   r"(?:\w+\s+){0,4}?"
                   r"in\s+(?P<y>19[4-9]\d|20[0-2]\d)\b|"
                   r"^[^\n]{0,60}?(?:[A-Z][a-z]+|\))\s*,\s+born\s+(?:in\s+)?(?P<y2>19[4-9]\d|"
                   r"20[0-2]\d)\b|"
                   # a report's opening participle: "Born in 1979 in Musan, Lee crossed …" (not
                   # "Born in 1950, her mother …")
                   r"(?:^|[.!?]\s+)Born\s+(?:\w+\s+){0,3}?in\s+(?P<y3>19[4-9]\d|20[0-2]\d)\b"
                   r"[^.,;]{0,40},\s+(?!her\b|his\b|their\b|the\b|a\b|an\b|he\b|they\b)"
                   r"(?:she\b|[A-Z])", re.M)


@lru_cache(maxsize=1)
def _then_province() -> re.Pattern:
    return re.compile(r"(?:,\s+|\s+in\s+)(?P<p>" + NK_PLACE_RE + r"(?:\s+[Pp]rovince)?)(?!\w)")


def _with_province(name: str, text: str, end: int) -> str:
    """The home town with the province written right after it, as written ("Musan, North
    Hamgyong Province", "Onsong in North Hamgyong province"); the town alone otherwise (and
    when the town is a province itself, or a clause follows: "Hyesan, a city in …")."""
    if is_province(name):
        return name
    m = _then_province().match(text, end)
    if not m or not is_province(m.group("p")):
        return name
    return text[end - len(name):m.end()]


def person_facts(text: str, header_end: int, existing: list) -> list:
    """Origin and birth year stated in the story itself (cleaned-text spans)."""
    from casebook.extract.places import nk_place
    from casebook.model import Evidence, Fact

    # (a birth year worked out from an age gives way to one she states)
    have = {f.field for f in existing if not (f.field == "birth_year" and f.confidence < 0.7)}
    out = []
    body = text[header_end:]
    if "origin_nk" not in have:
        done = False
        for rx, words in zip(_ORIGIN, _ORIGIN_WORDS):
            if not any(w in body for w in words):
                continue
            for m in rx.finditer(body):
                place = nk_place(m.group("p"))
                if place:
                    s = header_end + m.start("p") + place[1]
                    name = _with_province(place[0], text, s + len(place[0]))
                    out.append(Fact("origin_nk", name, Evidence(s, s + len(name)), 0.7))
                    done = True
                    break
            if done:
                break
    if "birth_year" not in have:
        # (every match has "born")
        born, at = (_BORN.search(body) if "born" in body or "Born" in body else None), header_end
        if born is None:
            born, at = (_BORN.search(text) if "born" in text or "Born" in text else None), 0
        if born:  # "I was born … in 1985", a case note's "Ms. Han (pseudonym), born 1985"
            g = next(x for x in ("y", "y2", "y3") if born.group(x))
            s = at + born.start(g)
            out.append(Fact("birth_year", int(born.group(g)), Evidence(s, s + 4), 0.8))
    return out


def _town_province(words: str) -> str | None:
    """The province of the last Chinese town named in ``words`` ("back to Yanji" → Jilin)."""
    from casebook.extract.places import china_province_of_place, places_in

    towns = [p for _a, _z, p in places_in(words) if getattr(p, "country", None) == "CN"]
    return china_province_of_place(towns[-1]) if towns else None

