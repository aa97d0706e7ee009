"""English cues: what one sentence of an English testimony says about her journey.

Patterns are anchored on the survivor ("I", "me", "we"; in third-person accounts also
"she", "her" and her name), so that "my friend was sold for 15,000 yuan" or "the other
girl was taken" do not become her facts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from casebook.extract.cues import Context, Cue
from casebook.extract.negation import DENIED, FACT, UNREAL, english_status
from casebook.vocab import load

_F = re.I


# her name in a third-person account is replaced, in the lower-cased sentence the patterns read,
# by this letter repeated (same length, so offsets stay exact): the patterns compile once per mode
NAME_MARK = "ǂ"
_NAME_ALT = NAME_MARK + "+"


@lru_cache(maxsize=8)
def _anchors(mode: str) -> tuple[str, str, str]:
    """Regex fragments for her as subject, as object, and as possessor."""
    if mode == "third":
        subj, obj, poss = rf"(?:I|we|she|{_NAME_ALT})", rf"(?:me|us|her|{_NAME_ALT})", rf"(?:my|our|her|{_NAME_ALT}[’']s)"
    elif mode == "named":  # another woman is "she" here: only her name points at her
        subj, obj, poss = rf"(?:I|we|{_NAME_ALT})", rf"(?:me|us|{_NAME_ALT})", rf"(?:my|our|{_NAME_ALT}[’']s)"
    else:
        subj, obj, poss = r"(?:I|we)", r"(?:me|us)", r"(?:my|our)"
    return subj, obj, poss


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


def _nk_towns() -> str:
    from casebook.extract.places import NK_PLACES_EN

    return "(?:" + "|".join(re.escape(p) for p in sorted(NK_PLACES_EN, key=len, reverse=True)) + ")"


_NK_TOWNS = _nk_towns()


@lru_cache(maxsize=8)
def _patterns(mode: str) -> dict[str, list[re.Pattern]]:
    S, O, P = _anchors(mode)  # noqa: E741 - subject, object, predicate anchors
    NKP = _NK_TOWNS
    # compiled for lower-cased text (case-sensitive matching is much faster than re.I)
    c = lambda *ps: [re.compile(_lower_pattern(p)) for p in ps]
    return {
        "sale": c(
            rf"\b{S}\b(?:\s+(?!who\b|whom\b|whose\b|which\b|that\b|wom[ae]n\b|girls?\b|friends?\b|sisters?\b)\w+){{0,4}}?\s+(?:was|were|been|being|got|get|had\s+been)\s+(?:\w+\s+){{0,2}}?"
            rf"(?P<t>re-?sold|sold|bought|purchased|traded|handed\s+over\s+for)\b",
            rf"\b(?P<t>re-?sold|sold|sell|sells|selling|bought|buy|purchased|traded|resell)\s+"
            rf"(?:(?:all|both|the\s+two|two|three|four|five|six|several|some|each|one)\s+of\s+)?{O}\b"
            # "bought me an ID card": a thing bought for her, not her
            rf"(?!(?:(?<=bought\sme)|(?<=bought\sher)|(?<=bought\sus)|(?<=buy\sme)|(?<=buy\sher))\s+(?:an?|some|new)\s+"
            rf"(?!second\b|third\b|fourth\b|\w+\s+time\b))",
            rf"\b(?P<t>paid|pay|gave|given|spent)\b[^.;]{{0,60}}?\bfor\s+(?:bringing\s+)?{O}\b",
            rf"\b{P}\s+(?P<t>price)\b",
            rf"\b{S}\b[^.;]{{0,80}}?\band\s+(?:then\s+|later\s+|was\s+)?(?P<t>re-?sold|sold)\s+(?:to|into|as|for|again|off|by)\b",
            rf"\b(?P<t>handed|passed|delivered)\s+{O}\s+(?:over\s+)?to\b[^.;]{{0,60}}\b(?:money|paid|for\s+[\d¥$])",
            rf"\b(?P<t>been\s+paid)\s+for\s+{O}\b",
            rf"\b(?:(?:heard|knew|told\s+me|said|learned)\s+the|{P})\s+(?P<t>price)\s*(?:was|:|of)\s",
            rf"(?:yuan|RMB|元|dollars|won)\s+(?P<t>for\s+{O})\b",
            r"\b(?P<t>sold|bought)\s+you\s+(?:to\s+me\s+)?for\b",
        ),
        "payment": c(
            r"\b(?P<t>paid|gave|give|given|took|handed\s+over|received|got|spent)\b(?P<rcpt>[^.;]{0,50}?)"
            r"(?=(?:[$¥]|\d[\d,]*\s*(?:yuan|RMB|元|won|dollars)|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
            r"twelve|fifteen|twenty|thirty|forty|fifty)[\w\s-]{0,25}(?:thousand|hundred)\s+(?:yuan|RMB|won|dollars)))",
        ),
        "crossing": c(
            rf"\b{S}\b[^.;]{{0,60}}?\b(?P<t>crossed|cross|waded|wade|swam|walked\s+across|walked\s+over|went\s+across|"
            rf"ran\s+across|got\s+across|came\s+across|crossing)\b",
            rf"\b{S}\b[^.;]{{0,40}}?\b(?P<t>went|walked|ran|came|got|waded|swam|crossed|escaped|fled|slipped)\b[^.;]{{0,25}}?"
            rf"\b(?:across|over)\s+(?:the\s+)?(?:frozen\s+)?(?:Tumen|Yalu|Duman|Amnok|river|border|ice)\b",
            r"\b(?:they|we|(?:the\s+(?:two|three|four)|both|all)\s+of\s+(?:us|them))\b[^.;]{0,30}?\b(?P<t>crossed|waded|swam)\s+(?:across\s+)?(?:the\s+)?(?:frozen\s+)?"
            r"(?:Tumen|Yalu|Duman|Amnok|river|border)\b",
            rf"\b(?P<t>took|brought|led|guided|carried|helped|(?:to|would)\s+(?:take|bring|lead|guide|smuggle|get))\s+{O}\s+(?:\w+\s+){{0,2}}?across\b",
            rf"\b(?P<t>(?:to|would)\s+(?:take|bring|lead|guide|smuggle|get))\s+{O}\s+over\s+(?:the\s+)?(?:Tumen|Yalu|river|border)\b",
            rf"\b{S}\b[^.;]{{0,40}}?\b(?P<t>escaped|fled|went|came|left|defected|entered|arrived|got|crossed|slipped)\s+"
            rf"(?:\w+\s+){{0,3}}?(?:to|into|in|for)\s+China\b",
            rf"\b{S}\b[^.;]{{0,30}}?\b(?P<t>left)\s+(?:North\s+Korea|the\s+North|home)\b",
            rf"\b(?P<t>brought|took|led|guided|smuggled|carried)\s+{O}\b[^.;]{{0,40}}?\b(?:across|over|into\s+China|to\s+China)\b",
            r"\b(?P<t>crossing)\s+(?:of\s+)?(?:the\s+)?(?:river|border|Tumen|Yalu)\b",
        ),
        "arrest": c(
            rf"\b{S}\b[^.;]{{0,40}}?\b(?:was|were|got|been|being)\s+(?:\w+\s+){{0,2}}?(?P<t>arrested|caught|detained|"
            rf"picked\s+up|taken\s+away|taken|apprehended|captured|seized|stopped)\b[^.;]{{0,60}}?\b(?:police|gong\s?an|"
            rf"authorities|officers?|border\s+(?:guards?|patrol)|raid|crackdown|checkpoint|inspection|public\s+security|"
            rf"detention\s+(?:centre|center|facility)|without\s+(?:papers|ID|documents))",
            rf"\b{S}\b[^.;]{{0,40}}?\b(?:was|were|got|been|being)\s+(?:\w+\s+){{0,2}}?(?P<t>arrested)\b",
            rf"\b{S}\b[^.;]{{0,40}}?\b(?:was|were|got|been)\s+(?P<t>caught|detained|picked\s+up)\s+(?:again\b|"
            rf"(?:\w+\s+){{0,5}}?and\s+(?:then\s+)?(?:was\s+)?(?:sent\s+back|repatriated|deported|handed\s+over))",
            rf"\b(?:police|policemen|policeman|gong\s?an|authorities|officers?|border\s+patrol|public\s+security)\b[^.;]{{0,60}}?\b"
            rf"(?P<t>arrested|caught|took|picked\s+up|detained|apprehended|captured|seized|grabbed|came\s+for|took\s+away|found)\s+"
            rf"(?:\w+\s+){{0,2}}?{O}\b",
            rf"\b(?P<t>arrested|caught)\s+{O}\b",
            rf"\b{S}\s+(?:was|were)\s+(?:held\s+|kept\s+|locked\s+up\s+|detained\s+)?in\s+(?:a|the)\s+(?:[\w'’-]+\s+){{0,2}}?"
            rf"(?P<t>detention\s+(?:centre|center|facility)|jail|police\s+station|lock-?up)\b",
            rf"\bpolice\b[^.;]{{0,120}}?\b(?:they|he|who|and)\s+(?P<t>took|arrested|caught|picked\s+up|detained|grabbed|found|"
            rf"took\s+away)\s+(?:\w+\s+){{0,2}}?{O}\b",
            r"\b(?:all|both|the\s+\w+|two|three|four|five|six|several|some)\s+of\s+us\b[^.;]{0,40}?\b(?:were|got)\s+"
            r"(?:\w+\s+)?(?P<t>arrested|caught|detained|taken\s+away)\b",
            rf"\b(?P<t>took|brought|taken|sent)\s+(?:{O}\s+)?(?:\w+\s+){{0,2}}?to\s+(?:a|the)\s+(?:\w+\s+){{0,2}}?"
            rf"(?:police\s+station|detention\s+(?:centre|center|facility)|public\s+security\s+(?:bureau|office))",
            rf"\b{S}\s+(?:\w+\s+){{0,2}}?(?P<t>was\s+never\s+arrested|was\s+never\s+caught|have\s+never\s+been\s+arrested|"
            rf"never\s+been\s+(?:arrested|caught)|never\s+got\s+caught)",
            rf"\b{P}\s+(?:\w+\s+)?(?P<t>arrest)\b",
        ),
        "repatriation": c(
            rf"\b{S}\b[^.;]{{0,50}}?\b(?:was|were|got|been|being)\s+(?:\w+\s+){{0,3}}?(?P<t>repatriated|deported|"
            rf"sent\s+back|returned\s+to\s+(?:North\s+Korea|the\s+North)|handed\s+(?:over\s+)?(?:back\s+)?to\s+(?:the\s+)?North|"
            rf"sent\s+to\s+North\s+Korea|forcibly\s+returned|extradited|"
            rf"(?:handed|turned)\s+over\s+(?:to|at)\s+(?:the\s+)?(?:North\s+Korean|{NKP}|border))",
            rf"\b(?P<t>repatriated|deported|sent|handed|returned|took|turned)\s+{O}\s+(?:\w+\s+){{0,2}}?"
            rf"(?:back\s+(?:to|across|over|home)|across\s+(?:the\s+)?(?:border|river|bridge)|over\s+to\s+(?:the\s+)?North|"
            rf"to\s+(?:the\s+)?North|(?:over\s+)?(?:to|at)\s+(?:the\s+)?(?:North\s+Korean|{NKP}))",
            rf"\b{P}\s+(?:\w+\s+)?(?P<t>repatriation|deportation|forced\s+return)\b",
            rf"\b{S}\b[^.;]{{0,80}}?\band\s+(?:then\s+|later\s+)?(?:was\s+|were\s+)?(?:\w+\s+)?(?P<t>repatriated|deported|"
            rf"sent\s+back\s+to\s+(?:North\s+Korea|the\s+North))\b",
            rf"\b{S}\s+(?:was|were|have|had|has)\s+(?:been\s+)?(?P<t>never\s+(?:been\s+)?(?:repatriated|sent\s+back))",
            r"\b(?:after|upon|on)\s+(?:being\s+|I\s+was\s+|she\s+was\s+)?(?P<t>repatriated|deported|sent\s+back)\b",
            r"\band\s+(?P<t>never\s+(?:been\s+)?(?:sent\s+back|repatriated|deported))",
        ),
        "escape": c(
            rf"\b{S}\b[^.;]{{0,40}}?\b(?P<t>escaped|ran\s+away|fled|got\s+away|ran\s+off)\b",
        ),
        "arrival": c(
            rf"\b{S}\b[^.;]{{0,60}}?\b(?P<t>arrived|came|reached|entered|got|made\s+it|flew)\s+(?:\w+\s+){{0,2}}?"
            rf"(?:in|to|at)\s+(?:South\s+Korea|Seoul|Incheon|Korea|Hanawon)\b",
        ),
        "transit": c(
            rf"\b{S}\b[^.;]{{0,80}}?\b(?P<t>Mongolia|Laos|Thailand|Vietnam|Cambodia|Burma|Myanmar|Bangkok|Ulaanbaatar|Kunming)\b",
        ),
    }


def _strip_b(pattern: str) -> str:
    """Drop a leading word boundary from each top-level alternative of ``pattern``."""
    parts, depth, cls, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if cls:
            cls = ch != "]"
        elif ch == "[":
            cls = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return "|".join(p[2:] if p.startswith("\\b") else p for p in parts)


def _lower_pattern(pattern: str) -> str:
    """``pattern`` for lower-cased text: literals lower-cased, escapes (``\\S``, ``\\B``) and group
    syntax (``(?P<name>``) kept."""
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i:i + 2])
            i += 2
        elif pattern.startswith("(?P", i):
            out.append("(?P")
            i += 3
        else:
            out.append(pattern[i].lower())
            i += 1
    return "".join(out)


class _Combined:
    """Several (code, pattern) pairs scanned in one pass: one alternation of named groups,
    searched again from each match's start + 1 so that overlapping matches are still seen."""

    def __init__(self, pairs: list[tuple[str, re.Pattern]]) -> None:
        self.codes = [code for code, _ in pairs]
        self.rx = re.compile("|".join(f"(?P<c{i}>{rx.pattern})" for i, (_, rx) in enumerate(pairs)), _F)
        # the fast form: lower-cased, case-sensitive, without the leading \b (which stops the regex
        # engine from skipping ahead); the word boundary is checked on each match instead
        self.fast = re.compile("|".join(f"(?P<c{i}>{_lower_pattern(_strip_b(rx.pattern))})"
                                        for i, (_, rx) in enumerate(pairs)))

    def all(self, text: str, low: str | None = None) -> list[tuple[str, int, int]]:
        """Every match (code, start, end) in code order, then text order."""
        if low is None:
            low = text.lower()
        rx = self.fast
        if len(low) != len(text):  # a rare letter whose lower case changes length: keep offsets exact
            rx, low = self.rx, text
        out = []
        pos, n = 0, len(low)
        while pos <= n:
            m = rx.search(low, pos)
            if m is None:
                break
            g = m.lastgroup
            a = m.start(g)
            if a > 0 and low[a].isalnum() and (low[a - 1].isalnum() or low[a - 1] == "_"):
                pos = m.start() + 1
                continue  # not at the start of a word
            out.append((int(g[1:]), a, m.end(g)))
            pos = m.start() + 1
        out.sort()
        return [(self.codes[i], a, b) for i, a, b in out]

    def first(self, text: str) -> list[tuple[str, int, int]]:
        """The first match of each code, in code order."""
        seen: set[str] = set()
        out = []
        for code, a, b in self.all(text):
            if code not in seen:
                seen.add(code)
                out.append((code, a, b))
        return out


_RIVER = re.compile(r"\b(Tumen|Yalu|Duman|Amnok)\b", _F)
_RIVERS = {"tumen": "Tumen", "duman": "Tumen", "yalu": "Yalu", "amnok": "Yalu"}
_ABROAD = re.compile(r"\b(?:Mongolia|Laos|Thailand|Vietnam|Cambodia|Burma|Myanmar|Mekong|Russia)\b", _F)
_ALONE = re.compile(r"\b(?:alone|by\s+myself|by\s+herself|by\s+ourselves|on\s+(?:my|her|our)\s+own|nobody\s+(?:brought|took|helped)|"
                    r"no\s+one\s+(?:brought|took|helped)|no\s+broker|without\s+(?:a\s+)?(?:broker|guide)|I\s+just\s+went)\b", _F)
_BROKER_VOLUNTARY = re.compile(
    r"\b(?:paid|hired|through|with|via|arranged|found|contacted|asked|knew)\s+(?:[\w’'-]+\s+){0,3}?(?:broker|guide|smuggler)s?\b|"
    r"\b(?:broker|guide|smuggler)s?\s+(?:was|were)\s+paid\b|"
    r"\bbroker\s+(?:took|brought|guided|led|helped)\s+(?:me|us|her)\s+(?:across|over|to)\b|"
    r"\b(?:paid|hired|asked)\s+(?:[\w’'-]+\s+){0,3}?(?:broker|guide|smuggler|man|woman)s?(?:\s+couple)?\s+to\s+"
    r"(?:take|bring|lead|guide|smuggle|get)\s+(?:me|us|her)\s+(?:across|over|to\s+China)\b", _F)

_VIOLENCE = [
    ("rape", re.compile(
        r"\b(?:rap(?:ed|e|es|ing)|gang-?raped|forced\s+(?:himself|themselves)\s+on|sexually\s+(?:assaulted|abused)|"
        r"forced\s+(?:me|her|us)\s+to\s+(?:have\s+sex|sleep\s+with)|had\s+to\s+(?:give\s+over\s+(?:my|her)\s+body|have\s+sex))\b", _F)),
    ("beating", re.compile(
        r"\b(?:beat|beaten|beating|beatings|hit|hits|hitting|punched|kicked|kicking|whipped|slapped|struck|"
        r"stabbed|beat\s+up|beaten\s+up)\b", _F)),
    ("confinement", re.compile(
        r"\b(?:locked|lock\s+(?:me|us|her)|confined|imprisoned\s+(?:me|us|her)\s+in|kept\s+(?:me|us|her)\s+(?:in|inside|locked)|"
        r"never\s+allowed\s+(?:out|to\s+(?:leave|go))|not\s+allowed\s+(?:out|to\s+(?:leave|go))|"
        r"(?:would|did|could|do|does)\s*(?:not|n[’']t)\s+(?:allow|let)\s+(?:me|us|her)\s+(?:to\s+)?(?:leave|go|out|outside)|"
        r"shut\s+(?:me\s+|us\s+|her\s+)?(?:in|inside|up)|(?:hid|took|took\s+away|kept)\s+(?:my|her)\s+shoes|"
        r"held\s+(?:me|us|her)\s+(?:captive|prisoner)|watched\s+(?:me|us|her)\s+so|"
        r"tied\s+(?:me|us|her)|bars\s+on|windows\s+had\s+bars|could\s+not\s+(?:leave|go\s+out)|cannot\s+escape|"
        r"could\s+not\s+run\s+away|watches\s+me\s+so)\b", _F)),
    ("threat_of_denunciation", re.compile(
        r"\b(?:threaten\w*|said|told|would)\b[^.;]{0,60}\b(?:report|call(?:ed)?|inform|tell|denounce|hand|turn)\w*\s+"
        r"(?:me\s+|us\s+|her\s+)?(?:to\s+|in\s+to\s+|over\s+to\s+)?(?:the\s+)?(?:police|authorities|gong\s?an|bowibu)|"
        r"\b(?:police|authorities)\s+would\s+be\s+called|"
        r"\bsend\s+(?:me|us|her)\s+back\b", _F)),
    ("drugging", re.compile(
        r"\b(?:drugged|drugs?\s+in|put\s+something\s+in|sleeping\s+pills?|lost\s+consciousness\s+after|"
        r"must\s+have\s+been\s+drugged|after\s+(?:one|a|the|two|half\s+a)\s+(?:glass|cup|bottle|drink)\b[^.]{0,40}\b"
        r"(?:lost\s+consciousness|passed\s+out|blacked\s+out|could\s*(?:not|n[’']t)\s+keep\s+(?:my|her)\s+eyes\s+open)|"
        r"(?:drank|ate)\b[^.]{0,40}\b(?:then\s+)?I\s+(?:don[’']t|do\s+not|didn[’']t|did\s+not)\s+"
        r"remember\s+anything)\b", _F)),
]
_ALONE_HINT = re.compile(r"alone|myself|herself|own|nobody|no one|broker|guide|just went")


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

_EXPLOIT = [
    ("prostitution", re.compile(
        r"\b(?:prostitut\w*|brothels?|sex\s+work\w*|sex\s+trade|bathhouse|sauna|massage\s+parlou?r|karaoke|"
        r"barbershop|hair\s+salon|xiaojie|clients?|customers?\s+(?:room|came)|have\s+sex\s+with\s+(?:men|clients|customers)|"
        r"sleep\s+with\s+(?:men|clients|customers)|go\s+out\s+with\s+(?:the\s+)?(?:men|clients|customers|guests))\b", _F)),
    ("cybersex", re.compile(r"\b(?:cybersex|webcam|web\s+cam|camera|video\s+chat|live-?stream\w*|in\s+front\s+of\s+"
                            r"(?:a|the)\s+computer|online\s+(?:clients|customers|men))\b", _F)),
    ("forced_marriage", re.compile(
        r"\b(?:forced\s+(?:to\s+)?marr\w*|forced\s+marriage|(?:his|a)\s+[“\"]?wife[”\"]?|as\s+(?:a\s+)?(?:his\s+)?(?:wife|bride)|"
        r"into\s+marriage|(?:my|her)\s+(?:Chinese\s+)?[“\"]?husband[”\"]?|married\s+(?:me\s+)?(?:to|off)|"
        r"get\s+married|to\s+marry|bride|sold\s+(?:me|her)?\s*to\s+(?:a|an)\s+(?:\w+\s+){0,2}(?:farmer|bachelor))\b", _F)),
    ("forced_labour", re.compile(
        r"\b(?:forced\s+(?:to\s+)?(?:labou?r|work)|forced\s+labou?r|without\s+(?:any\s+)?(?:pay|wages)|"
        r"never\s+(?:paid|got\s+paid)|no\s+wages|unpaid\s+(?:labou?r|work)|worked\s+(?:me|us)\s+like)\b", _F)),
    ("domestic_servitude", re.compile(
        r"\b(?:domestic\s+servitude|housemaid|unpaid\s+housework|cook(?:ed)?\s+and\s+clean(?:ed)?\s+(?:for\s+\w+\s+)?"
        r"(?:for\s+nothing|without|instead\s+of\s+paying))\b", _F)),
]

_FACILITY_EXTRA = {  # spellings and plain-English names testimonies use beside the vocabulary aliases
    "state_security_interrogation": r"bowiwon|bo\s?wi\s?bu|bowibu|state\s+security(?:\s+(?:agency|department|bureau|office))?|"
                                    r"security\s+(?:agents?|officers?|police|personnel)|"
                                    r"national\s+security\s+(?:agency|department|bureau)|security\s+(?:agency|department|bureau)|"
                                    r"\bMSS\b|secret\s+police|political\s+police",
    "police_detention": r"anjeon\s?bu|bo\s?an\s?seo|kuryujang|guryujang|people[’']?s\s+security|\bMPS\b|"
                        r"police\s+(?:station|detention|cell|jail)|detention\s+(?:cell|centre|center)\s+of\s+the\s+police",
    "holding_centre": r"jip\s?kyul\s?so|jipgyeolso|jipkyeolso|chipky[oŏ]lso|holding\s+(?:centre|center|facility|camp)|"
                      r"collection\s+(?:point|centre|center)|gathering\s+(?:place|centre|center)",
    "labour_training_camp": r"rodong\s+danryondae|rodong\s+dallyeondae|nodong\s+dan?ryeondae|nodong\s+dallyeondae|"
                            r"danryondae|dallyeondae|labou?r[\s-]+training\s+(?:camp|centre|center|unit|facility)|"
                            r"(?:forced|short-term|mobile)\s+labou?r\s+(?:camp|detention|brigade|unit)|labou?r\s+camp|"
                            r"labou?r\s+brigade|re-?education\s+through\s+labou?r",
    "kyohwaso": r"kyohwa-?so|gyohwaso|re-?education\s+camp|reeducation\s+camp|correctional\s+(?:labou?r\s+)?(?:camp|centre|center|facility)|"
                r"reform\s+through\s+labou?r|(?:regular|ordinary)\s+prison|prison\b(?!\s+camp)|penitentiary",
    "kwanliso": r"kwan-?liso|kwalliso|gwanliso|gwalliso|political\s+prison(?:\s+camp)?|total\s+control\s+zone",
}


def _facilities() -> list[tuple[str, re.Pattern]]:
    """Facility patterns: the vocabulary's English aliases plus common spellings, longest first."""
    aliases: dict[str, list[str]] = {k: [] for k in _FACILITY_EXTRA}
    for term in load("nk_detention").terms:
        if term.code in aliases:
            aliases[term.code] += [re.escape(a).replace(r"\ ", r"\s+").replace(r"\-", r"[\s-]?")
                                   for a in term.aliases_en if len(a) > 3]
    out = []
    for code in ("state_security_interrogation", "police_detention", "holding_centre", "labour_training_camp",
                 "kyohwaso", "kwanliso"):
        alts = sorted(set(aliases[code]), key=len, reverse=True) + [_FACILITY_EXTRA[code]]
        out.append((code, re.compile(r"\b(?:" + "|".join(alts) + r")", _F)))
    return out


_FACILITIES = _facilities()
# an unnamed camp or detention centre after she was sent back: "other"
_FACILITY_OTHER = re.compile(r"\b(?:(?:prison|detention|concentration|labou?r)\s+camp|camp|detention\s+(?:centre|center|facility)|"
                             r"jail|incarcerated|imprisoned)\b", _F)

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

_RECRUIT = [
    ("deception_job_offer", re.compile(
        r"\b(?:job|jobs|work|working|restaurant|factory|employment|earn\s+(?:money|more)|make\s+money|waitress|"
        r"dishwash\w*|maid|nanny|housekeeper|babysit\w*)\b[^.]{0,120}\b(?:offer\w*|promis\w*|said|told|there\s+was|"
        r"would\s+(?:get|earn|pay)|could\s+(?:earn|get|work)|arranged|needed|find\s+me|get\s+me|proposition|lie|lied|"
        r"deceiv\w*|tricked|turned\s+out)\b|"
        r"\b(?:offer\w*|promis\w*|lured|tricked|deceived|persuaded|(?:would|could)\s+(?:take|bring|get|find)\s+(?:me|us|her))\b"
        r"[^.]{0,80}\b(?:job|jobs|work|restaurant|factory|earn|money|employment|waitress|maid|nanny)\b|"
        r"\b(?:told\s+(?:me|us|her|my\s+\w+)|said)\b[^.]{0,60}\b(?:would|could|will|can|there\s+(?:was|were|is|are)|"
        r"needed|need|needs|hiring|looking\s+for|sent\s+(?:girls|women))\b"
        r"[^.]{0,60}\b(?:jobs?|work\w*|restaurants?|factory|factories|earn|money|employment|waitress\w*|maids?|nanny)\b|"
        r"\b(?:said|told\s+(?:me|us|her|my\s+\w+))\b[^.]{0,80}\b(?:restaurant|factory|farm|shop|hotel)\b[^.]{0,80}"
        r"\b(?:a|per)\s+(?:month|day)\b|"
        r"\b(?:to\s+find|looking\s+for|in\s+search\s+of|to\s+get)\s+(?:a\s+)?(?:job|work)\b[^.]{0,80}\b"
        r"(?:broker|trafficker|man|woman|he|she)\b[^.]{0,40}\b(?:sold|took|handed)|"
        # a trading lure: "told her that goods sold for three times the price in China"
        r"\b(?:told\s+(?:me|us|her)|said|offer\w*|promis\w*)\b[^.]{0,80}\b(?:goods|merchandise|trade|trading|"
        r"(?:sell|selling)\s+(?:\w+\s+){0,2}?(?:in|at)\s+(?:China|the\s+market))\b", _F)),
    ("drugged", re.compile(
        r"\b(?:drugged|sleeping\s+pill|put\s+something\s+in|(?:drink|drank|drunk|juice|food|water|soju|alcohol|wine|tea|milk|"
        r"coffee|candy|bread)\b[^.]{0,80}\b"
        r"(?:lost\s+consciousness|passed\s+out|fell\s+asleep|blacked\s+out|woke\s+up|remember\s+nothing|"
        r"do\s+not\s+remember|don[’']t\s+remember|could\s*(?:not|n[’']t)\s+keep\s+(?:my|her)\s+eyes\s+open))|"
        r"\bafter\s+(?:one|a|the|two|half\s+a)\s+(?:glass|cup|bottle|drink)\b[^.]{0,40}\b(?:lost\s+consciousness|passed\s+out|"
        r"fell\s+asleep|blacked\s+out|could\s*(?:not|n[’']t)\s+keep\s+(?:my|her)\s+eyes\s+open)", _F)),
    ("abducted", re.compile(
        r"\b(?:abduct\w*|kidnap\w*|snatched|grabbed\s+(?:me|her|us)|(?:pushed|pulled|dragged|bundled|shoved|threw|forced)\s+"
        r"(?:me|her|us)\s+into|dragged\s+(?:me|her|us)|taken\s+by\s+force|took\s+(?:me|her|us)\s+by\s+force|"
        r"put\s+(?:me|her|us)\s+in\s+(?:a|the|their)\s+(?:car|van|truck))\b", _F)),
    ("introduced_marriage", re.compile(
        r"\b(?:introduc\w*|match-?mak\w*|find\s+(?:me|her)\s+a\s+(?:husband|man)|(?:knew|know|there\s+was|found)\s+(?:a|an)\s+"
        r"(?:\w+\s+){0,4}?man\s+(?:\w+\s+){0,4}?(?:who\s+)?(?:needed|wanted|was\s+looking\s+for)\s+a\s+wife|"
        r"(?:a\s+)?man\s+in\s+(?:the\s+)?(?:next|nearby|another)\s+village\s+needed\s+a\s+wife|"
        r"arranged\s+(?:a\s+|the\s+)?marriage|marriage\s+broker|asked\s+(?:a|the)\s+(?:\w+\s+)?(?:broker|woman|man)\s+"
        r"(?:to\s+)?(?:find|for)\s+(?:me\s+)?a\s+husband)\b", _F)),
]

_RECRUIT_HINT = re.compile(r"job|work|restaurant|factory|employ|earn|money|waitress|dish|maid|nanny|offer|promis|told|said|"
                          r"drug|pill|something|drink|food|water|soju|alcohol|wine|tea|abduct|kidnap|snatch|grab|push|"
                          r"drag|forced|put|introduc|match|husband|wife|marr", re.I)
_ROLE_NOUN = r"(?:broker|brokers|trafficker|traffickers|smuggler|smugglers|middleman|middlemen|intermediary|guide|pimp|madam|gang|matchmaker)"
_RELATIONS = [
    ("neighbour_or_villager", re.compile(
        r"\b(?:neighbou?rs?|(?:woman|man|people|person|someone|lady|girl|family)\s+from\s+(?:our|my|her|the\s+same)\s+"
        r"(?:village|town|neighbou?rhood|street|area|district)|villagers?|(?:from|in)\s+(?:our|my|her)\s+village|"
        r"(?:woman|man|people|person|someone|lady|girl|family)\s+from\s+(?:the|a)\s+(?:next|neighbou?ring|nearby)\s+village|"
        r"fellow\s+villager)\b", _F)),
    ("friend", re.compile(r"\b(?:my|her|a|our)\s+(?:\w+\s+)?friends?\b|\bfriend\s+of\s+(?:mine|hers|my\s+\w+)\b", _F)),
    ("relative", re.compile(
        r"\b(?:my|her|our|your)\s+(?:own\s+)?(?:\w+[’']s\s+)?(?:aunt|uncle|cousin|relative|relatives|brother-in-law|sister-in-law|"
        r"stepmother|stepfather|in-laws?|niece|nephew|grandmother|elder\s+sister|older\s+sister|sister|brother|"
        r"husband[’']s\s+(?:cousin|brother|sister|relative))\b|\b(?:distant\s+)?relative\b", _F)),
    ("north_korean_trafficker", re.compile(
        rf"\bNorth\s+Korean\s+(?:man|woman|{_ROLE_NOUN}|men|who)\b|\b(?:a|an)\s+North\s+Korean\b(?!\s+(?:women|girls?|"
        r"refugees?|defectors?|border|soldier|guard|police|security|side|town|village|city|won|money))|"
        rf"\b{_ROLE_NOUN}\s+from\s+North\s+Korea\b|,\s+North\s+Korean,", _F)),
    ("korean_chinese_broker", re.compile(
        r"\b(?:Korean-?\s?Chinese|Chinese-?\s?Korean|ethnic\s+Korean|Joseonjok|Chosonjok)\s+(?:man|woman|men|women|couple|family|"
        rf"people|{_ROLE_NOUN})\b|\b{_ROLE_NOUN},?\s+(?:a|an|who\s+was\s+(?:a|an)?)\s*(?:Korean-?\s?Chinese|ethnic\s+Korean)\b", _F)),
    ("han_chinese_broker", re.compile(
        rf"(?<![-‐])\b(?:Han\s+Chinese|Han|Chinese)\s+{_ROLE_NOUN}\b|\b{_ROLE_NOUN},?\s+(?:a|an|who\s+was\s+(?:a|an)?)\s*Han\b|"
        r"\b(?:a|the)\s+Han(?:\s+Chinese)?\s+(?:man|woman|men)\s+(?:drove|took|led|guided|brought|handed|sold|transferred)\b", _F)),
    ("couple", re.compile(r"\b(?:a|the|young|older|old)\s+(?:[\w-]+\s+){0,2}couple\b|\bhusband\s+and\s+wife\b", _F)),
    ("stranger", re.compile(r"\b(?:strangers?|(?:a\s+)?(?:man|woman|men|people)\s+(?:I|she)\s+(?:did\s+not|didn[’']t|had\s+never)\s+"
                            r"(?:know|seen|met)|unknown\s+(?:man|men|woman)|(?:two|three|four|five|several|some)\s+(?:\w+\s+)?men\s+"
                            r"(?:\w+\s+){0,2}?(?:abducted|kidnapped|grabbed|pulled|pushed|dragged|seized|snatched|forced|took|caught))\b", _F)),
    ("other", re.compile(
        rf"\b(?:the|my|her|a|our)\s+(?:(?:restaurant|factory|karaoke|bar|shop|farm|salon|brothel)\s+)?(?:owner|boss|employer|manager|"
        r"factory\s+official|foster\s+(?:family|parents|mother|father)|policeman|police\s+officer|official)\b(?=[^.;]{0,40}\b"
        r"(?:sold|sell|handed|took\s+money|got\s+money|received))|"
        rf"\b(?:a|the|one|another|our|my|her)\s+{_ROLE_NOUN}\b", _F)),
]
_ETHNIC_DESC = re.compile(
    r"\b(?:she|he|they)\s+(?:was|were|is)\s+(?:an?\s+)?(?P<e>North\s+Korean|Korean-?\s?Chinese|ethnic\s+Korean|Han\s+Chinese|"
    r"Chinese)\b(?!\s+(?:man|woman|men|women|broker|farmer|citizen|national))|"
    r"\b(?:woman|man|lady|couple|broker)\b[^.;]{0,40},\s+(?P<e2>North\s+Korean|Korean-?\s?Chinese|Han\s+Chinese)\s*,", _F)
_VICTIM_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:was|were)\s+(?:also\s+|later\s+|then\s+)?(?:sold|bought|taken|abducted|kidnapped|"
                           r"arrested|caught|raped|married)\b")
_ROLE_NOUN_END = re.compile(_ROLE_NOUN + r"\b$", _F)
_ETHNIC_NEAR = re.compile(r"Korean-?\s?Chinese|Chinese-?\s?Korean|ethnic\s+Korean|Joseonjok|Chosonjok|Han\b|Chinese|North\s+Korean",
                          _F)
_ROLE_VERB = re.compile(
    r"\b(?:sold|sell|took|take|brought|handed|led|guided|passed|delivered|kept|held|locked|introduc\w*|"
    r"offer\w*|promis\w*|arranged|recruit\w*|deceiv\w*|lied|drugged|abduct\w*|kidnap\w*|paid|received|"
    r"waiting|picked\s+(?:me|her|us)\s+up|drove|came\s+to\s+(?:me|her)|approached|told\s+(?:me|her)|said|"
    r"broker|brokers|trafficker|traffickers|smuggler|middleman|dragged|pushed|pulled|grabbed|abducted|kidnapped|"
    r"transferred|bought|deceived|tricked|lured|persuaded|asked|got\s+money|took\s+money|gave|given|told\s+us|"
    r"came\s+to\s+(?:us|our|my)|followed)\b", _F)

_BUYER = [
    ("korean_chinese", re.compile(r"\b(?:Korean-?\s?Chinese|Chinese-?\s?Korean|ethnic\s+Korean|Joseonjok|Chosonjok)\b", _F)),
    ("north_korean", re.compile(r"\bNorth\s+Korean\s+(?:man|woman|broker|pimp)\b", _F)),
    ("han_chinese", re.compile(r"\b(?:Han(?:\s+Chinese)?|Chinese)\s+(?:\w+\s+){0,2}?(?:man|men|farmer|husband|bachelor|"
                               r"family|worker|peasant|widower|villager)\b|\bHan\s+Chinese\b", _F)),
    ("other", re.compile(r"\b(?:South\s+Korean)\s+(?:man|men|husband)\b|\b(?:pimp|madam|brothel\s+owner|woman\s+who\s+ran|"
                         r"owner)\b", _F)),
]
_PURPOSE = [
    ("prostitution", re.compile(r"\b(?:brothel|prostitut\w*|karaoke|bathhouse|sauna|massage|barbershop|bar\b|"
                                r"hair\s+salon|pimp|madam|sex\s+work|sex\s+trade)", _F)),
    ("other", re.compile(r"\b(?:cybersex|webcam|camera|video\s+chat)\b", _F)),
    ("labour", re.compile(r"\b(?:factory|labou?r|farm\s+work|to\s+work\s+on|mine)\b", _F)),
    ("marriage", re.compile(r"\b(?:wife|bride|marr\w*(?<!marriage)(?<!marriages)|marriage(?!\s+brokers?)|husband|farmer|"
                            r"bachelor|widower)\b", _F)),
]

_PROVINCE_NOW = re.compile(
    r"\b(?:I|she|we)\s+(?:now\s+|still\s+|currently\s+)?(?:live|lives|am\s+living|is\s+living|are\s+living|stay|am\s+staying|"
    r"have\s+lived|has\s+lived|have\s+been\s+living|has\s+been\s+living|settled)\b[^.;]{0,60}?\bin\s+"
    r"(?P<p>(?:Jilin|Heilongjiang|Liaoning|Shandong|Inner\s+Mongolia|Hebei|Beijing|Tianjin|Shanghai|Guangdong|"
    r"Shanxi|Shaanxi|Henan|Hubei|Hunan|Jiangsu|Zhejiang|Anhui|Fujian|Jiangxi|Sichuan|Yunnan|Guizhou|Gansu)"
    r"(?:\s+Province)?)", re.I)



_ROLE_VERB_L = re.compile(_lower_pattern(_ROLE_VERB.pattern))
_VIOLENCE_C = _Combined(_VIOLENCE)
_EXPLOIT_C = _Combined(_EXPLOIT)
_FACILITIES_C = _Combined(_FACILITIES)
_RECRUIT_C = _Combined(_RECRUIT)
_RELATIONS_C = _Combined(_RELATIONS)
_BUYER_C = _Combined(_BUYER)
_PURPOSE_C = _Combined(_PURPOSE)

def _status(sentence: str, m: re.Match) -> str:
    t0 = m.start("t") if "t" in m.re.groupindex and m.group("t") else m.start()
    t1 = m.end("t") if "t" in m.re.groupindex and m.group("t") else m.end()
    txt = m.group("t") if "t" in m.re.groupindex and m.group("t") else m.group()
    if re.search(r"\bnever\b", txt, re.I):
        return DENIED
    return english_status(sentence, t0, t1)


_HINTS = {  # cheap substring checks on the lower-cased sentence before any regex runs
    "sale": ("sold", "sell", "bought", "buy", "paid", "price", "purchas", "traded", "handed", "passed", "delivered",
             "yuan", "rmb", "元", "won", "dollar", "$", "¥"),
    "payment": ("yuan", "rmb", "元", "won", "dollar", "$", "¥", "thousand", "hundred"),
    "crossing": ("cross", "wade", "waded", "swam", "walked", "china", "left", "brought", "took", "led ", "guided",
                 "smuggl", "carried", "across", "helped", "tumen", "yalu", "duman", "amnok", "river", "border"),
    "arrest": ("arrest", "caught", "police", "detain", "detention", "gong", "apprehend", "captur", "seiz", "authorit",
               "patrol", "public security", "of us"),
    "repatriation": ("repatria", "deport", "sent", "return", "handed", "turned", "back", "extradit"),
    "escape": ("escap", "ran away", "fled", "got away", "ran off"),
    "arrival": ("korea", "seoul", "incheon", "hanawon"),
    "transit": ("mongolia", "laos", "thailand", "vietnam", "cambodia", "burma", "myanmar", "bangkok", "ulaanbaatar",
                "kunming"),
    "violence": ("rap", "forced", "sexual", "beat", "hit", "punch", "kick", "whip", "slap", "struck", "stab", "lock",
                 "shut", "shoes", "let me", "let us", "let her", "allow", "drank", "remember",
                 "confin", "imprison", "kept", "allowed", "held", "watch", "tied", "bars", "could not", "cannot",
                 "threat", "police", "authorit", "send", "drug", "pill", "put something", "consciousness",
                 "glass", "cup", "bottle", "eyes"),
    "exploitation": ("prostitut", "brothel", "sex", "bath", "sauna", "massage", "karaoke", "barber", "salon",
                     "xiaojie", "client", "customer", "cyber", "cam", "webcam", "web cam", "livestream", "video", "stream", "computer", "online",
                     "wife", "bride", "marr", "husband", "farmer", "bachelor", "labo", "work", "wage", "paid",
                     "debt", "maid", "cook", "domestic"),
    "detention": ("bowi", "bo wi", "security", "mss", "secret police", "political police", "anjeon", "boan", "bo an",
                  "kuryu", "guryu", "mps", "police", "jip", "chipk", "holding", "collection", "gathering", "rodong",
                  "nodong", "dallyeon", "danryon", "labo", "kyohwa", "gyohwa", "re-educ", "reeduc", "correction",
                  "reform", "prison", "penitent", "kwanli", "kwalli", "gwanli", "gwalli", "camp", "detain",
                  "detention", "jail", "incarcerat", "imprison", "total control"),
    "birth": ("birth", "born", "son", "daughter", "boy", "girl", "bab", "child", "kid", "twin", "pregnan"),
    "hukou": ("hukou", "hokou", "shenfen", "id", "identity", "registration", "papers", "permit", "documents"),
    "recruitment": ("job", "work", "restaurant", "factory", "employ", "earn", "money", "waitress", "dish", "maid", "hotel",
                    "shop", "farm", "month", "needed", "hiring", "profit", "sell", "glass", "cup", "bottle", "eyes", "goods", "merchandise", "trade", "trading",
                    "nanny", "offer", "promis", "drug", "pill", "something", "drink", "food", "water", "soju",
                    "alcohol", "wine", "tea", "abduct", "kidnap", "snatch", "grab", "push", "pull", "shov", "bundl", "threw",
                    "drag", "forced", "force", "put ", "lure", "trick", "deceiv", "persuad", "lie", "lied", "drank", "juice",
                    "remember",
                    "introduc", "match", "husband", "wife", "marr"),
    "buyer": ("korean", "chinese", "han", "joseonjok", "chosonjok", "pimp", "madam", "owner", "woman who ran"),
    "purpose": ("brothel", "prostitut", "karaoke", "bath", "sauna", "massage", "barber", "bar", "salon", "pimp",
                "madam", "sex", "cyber", "cam", "video", "factory", "labo", "farm", "mine", "wife", "bride", "marr",
                "husband", "farmer", "bachelor", "widow", "webcam", "livestream"),
}


_KINDS_OF: dict[str, set[str]] = {}
for _k, _words in _HINTS.items():
    for _w in _words:
        _KINDS_OF.setdefault(_w, set()).add(_k)
# Trigger words of letters only are word stems ("repatria", "kidnap"): a word of the sentence that
# starts with one triggers its kinds (looked up by prefix in a dict, much faster than one regex
# alternation of ~250 words). Phrases and signs ("ran away", "of us", "$", "元") are found by a
# small regex.
_STEMS = {w: frozenset(k) for w, k in _KINDS_OF.items() if re.fullmatch(r"[a-z]+", w)}
_STEM_LENS = sorted({len(w) for w in _STEMS})
_PHRASES = re.compile("|".join(re.escape(w) for w in sorted((w for w in _KINDS_OF if w not in _STEMS),
                                                             key=len, reverse=True)))
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=256)  # analyse and analyse_extra ask for the same sentence
def _kinds(low: str) -> frozenset[str]:
    """The cue kinds whose trigger words occur in a lower-cased sentence."""
    out: set[str] = set()
    stems, lens = _STEMS, _STEM_LENS
    for tok in set(_WORD.findall(low)):
        n = len(tok)
        for size in lens:
            if size > n:
                break
            k = stems.get(tok[:size])
            if k is not None:
                out |= k
    for w in set(_PHRASES.findall(low)):
        out |= _KINDS_OF[w]
    return frozenset(out)


def analyse(sentence: str, ctx: Context) -> list[Cue]:
    """All cues of one English sentence."""
    cues: list[Cue] = []
    low = sentence.lower()
    kinds = _kinds(low)
    pats = _patterns(ctx.mode)
    # the patterns are compiled for lower-cased text; offsets agree unless a letter changes length
    text = low if len(low) == len(sentence) else sentence
    if ctx.mode in ("third", "named") and ctx.names and text is low:
        text = low = _mark_names(low, ctx.names)
    for kind, rxs in pats.items():
        if kind not in kinds:
            continue
        seen: list[tuple[int, int]] = []
        for rx in rxs:
            for m in (rx.finditer(text) if text is low else re.finditer(rx.pattern, sentence, _F)):
                has_t = "t" in rx.groupindex and m.group("t")
                s, e = (m.start("t"), m.end("t")) if has_t else (m.start(), m.end())
                if any(a <= s < b for a, b in seen):
                    continue
                seen.append((m.start(), m.end()))
                st = _status(sentence, m)
                # "the men who sold my friend": an anchored pattern still needs her to be the patient
                cues.append(Cue(kind, s, e, status=st, extra={"match": (m.start(), m.end())}))
    her = bool(_SUBJECT_HER.search(sentence)) or (ctx.mode == "third" and bool(_her_re(ctx.names).search(sentence))) or (
        ctx.mode == "named" and bool(ctx.names) and bool(_name_re(ctx.names).search(sentence))) or (
        ctx.mode == "third" and "birth" in kinds and bool(_THEY_HAVE.search(sentence)))  # "They have a son": she and her husband
    for m in _RIVER.finditer(sentence) if ("tumen" in low or "yalu" in low or "duman" in low or "amnok" in low) else ():
        cues.append(Cue("river", m.start(), m.end(), _RIVERS[m.group(1).lower()]))
    if ("transit" in kinds) and _ABROAD.search(sentence):
        cues.append(Cue("abroad", 0, 0))
    m = _ALONE.search(sentence) if _ALONE_HINT.search(low) else None
    if m:
        cues.append(Cue("alone", m.start(), m.end()))
    m = _BROKER_VOLUNTARY.search(sentence) if ("broker" in low or "guide" in low or "smuggler" in low) else None
    if m:
        cues.append(Cue("broker_voluntary", m.start(), m.end()))
    if her:
        for code, a, b in _VIOLENCE_C.first(sentence) if ("violence" in kinds) else ():
            # "… and then I don't remember anything": the negation is part of what is told
            st = english_status(sentence, a) if code == "drugging" else english_status(sentence, a, b)
            if code == "threat_of_denunciation" and st == UNREAL:
                st = FACT  # a threat is stated with "would"/"if" by nature
            if code == "confinement" and st == DENIED and re.search(r"\b(?:not|never)\s+allowed|could\s+not|cannot|"
                                                                   r"(?:would|did|do|does)\s*(?:not|n[’']t)\s+(?:let|allow)",
                                                                   sentence[a:b], _F):
                st = FACT
            cues.append(Cue("violence", a, b, code, st))
        for code, a, b in _EXPLOIT_C.first(sentence) if ("exploitation" in kinds) else ():
            cues.append(Cue("exploitation", a, b, code, english_status(sentence, a, b)))
        if ("detention" in kinds):
            named = False
            for code, a, b in _FACILITIES_C.first(sentence):
                named = True
                cues.append(Cue("detention", a, b, code, english_status(sentence, a, b)))
            m = None if named else _FACILITY_OTHER.search(sentence)
            if m:
                cues.append(Cue("detention", m.start(), m.end(), "other", english_status(sentence, m.start(), m.end()),
                                extra={"unnamed": True}))
        for m in _BIRTH.finditer(sentence) if ("birth" in kinds) else ():
            n = 1
            g = m.groupdict()
            what = (g.get("what") or g.get("what2") or g.get("what3") or "").lower()
            if g.get("n"):
                n = 2 if g["n"].lower() == "twin" else (int(g["n"]) if g["n"].isdigit() else
                                                         {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3,
                                                          "four": 4, "five": 5}.get(g["n"].lower(), 1))
            elif what in ("twins",):
                n = 2
            elif (what in ("children", "kids", "babies", "sons", "daughters", "boys", "girls")
                  and not g.get("n")):
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
        m = _HUKOU.search(sentence) if ("hukou" in kinds) else None
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
    kinds = _kinds(low)
    recruit_hint = "recruitment" in kinds
    for code, a, b in _RECRUIT_C.first(sentence) if recruit_hint else ():
        st = english_status(sentence, a) if code == "drugged" else english_status(sentence, a, b)
        cues.append(Cue("recruitment", a, b, code, st))
    role = _ROLE_VERB_L if len(low) == len(sentence) else _ROLE_VERB
    verbs = [m.start() for m in role.finditer(low if role is _ROLE_VERB_L else sentence)] if (
        recruit_hint or "sale" in kinds or "broker" in low or "traffick" in low) else []
    if verbs:
        done: set[str] = set()
        for code, a, b in _RELATIONS_C.all(sentence):
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
    for code, a, b in _BUYER_C.first(sentence) if "buyer" in kinds else ():
        cues.append(Cue("buyer", a, b, code))
    for code, a, b in _PURPOSE_C.first(sentence) if "purpose" in kinds else ():
        cues.append(Cue("purpose", a, b, code))
    return cues


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
