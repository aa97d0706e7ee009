"""Who a Korean sentence is about: the survivor, told in the first or the third person.

A survivor's own interview says 저/제가/나는; a news report or an NGO case note names her once
(윤서진(가명·27)씨, 고은별(가명·18) 양, 송 모(30대) 씨, K(40) 씨, 탈북 여성 B씨) and then
calls her 김씨, 박 양, 그녀, 그 or 이 여성. The cue rules of :mod:`casebook.extract.korean` are
written for the first person, so each sentence of a third-person account is rewritten before they
run: her references become 저/제가/저를 (with an offset map back to the original sentence), and
other women named with a title (장 씨) become 그 여자, a topic the rules already keep off her
record. A case note with no subject at all ("중국 농촌에 3천 위안에 팔려 감") needs nothing:
a clause without another topic is hers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from casebook.extract.cues import Context
from casebook.extract.korean_clause import cx

# Hangul surnames (one syllable), for titled names in reports
SURNAMES = frozenset("김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남"
                     "심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설"
                     "마길연위표명기반왕금옥육인맹제탁국어은편용예봉경사부가복태목"
                     "형피두감음빈동온호범좌라리림량려로")
_BOUND = r"(?<![가-힣A-Za-z0-9])"
# the given name after a surname: two syllables or a mask ("김영희 씨", "김모 씨", "김○○ 씨");
# a bare two-syllable name before 씨/양 ("은주씨", "현아 양") is a given name, not surname + one
_GIVEN = r"(?:[가-힣]{2}|\s?모|○○|◯◯|OO|00|xx|XX|\*\*|○|◯)"
_PAREN = r"\([^()]{0,30}\)"
_TITLE_END = r"(?=[은는이가을를의에도와과만께:\s,.·”\"’')\]]|말고|$)"
# 윤서진(가명·여·27)씨, 고 양, 송모 씨, 송 모 씨, 송 모(30대) 씨, K(40) 씨, B씨
_TITLED = re.compile(_BOUND + r"(?P<s>[가-힣]|[A-Z])(?P<g>" + _GIVEN + r")?\s?(?P<par>" + _PAREN +
                     r")?\s?(?P<t>씨|양|여사)(?!강|측|국|쪽|자|식|말|손|도)(?P<par2>\((?:여|남|가명|"
                     r"\d)[^()]{0,24}\))?" + _TITLE_END)
# "서진씨는": a woman called by her given name once the report has named her in full
_GIVEN_TITLED = re.compile(_BOUND + r"(?P<g>[가-힣]{2})\s?씨" + _TITLE_END)
# 나은실(가명), 문00(탈북 여성/36살): a full name with an editor's bracket, as a speaker label
_BRACKETED = re.compile(_BOUND
                        + r"(?P<s>[가-힣])(?P<g>[가-힣]{1,2}|○○|◯◯|OO|00)\s?\((?:가명|익명|탈북|여|"
                          r"\d)")
# "홍 씨 성을 가진 여성", "홍씨 성을 가진"
_SURNAME_OF = re.compile(_BOUND + r"(?P<s>[가-힣])\s?씨\s?성을\s?가진"
                         r"(?!\s(?:\S+\s)?(?:브로커|남성|남자|남편|사내|중국인|한족|조선족|"
                         r"인신매매))")
_PARTICLE = (r"(?P<p>에게는|에게도|에게서|에게|에겐|한테|께서|께|와는|과는|"
             r"는|은|가|이|를|을|의|도|와|과|만)?")
_FIRST_FORM = {None: "저", "는": "저는", "은": "저는", "가": "제가", "이": "제가", "께서": "제가",
               "를": "저를",
               "을": "저를", "의": "저의", "도": "저도", "와": "저와", "과": "저와", "와는": "저와",
               "과는": "저와",
               "만": "저만", "에게": "저에게", "에게는": "저에게", "에게도": "저에게",
               "에겐": "저에게",
               "한테": "저한테", "께": "저에게", "에게서": "저에게서"}
_OTHER_FORM = {None: "그 여자", "는": "그 여자는", "은": "그 여자는", "가": "그 여자가",
               "이": "그 여자가",
               "께서": "그 여자가", "를": "그 여자를", "을": "그 여자를", "의": "그 여자의",
               "도": "그 여자도",
               "와": "그 여자와", "과": "그 여자와", "와는": "그 여자와", "과는": "그 여자와",
               "만": "그 여자만",
               "에게": "그 여자에게", "에게는": "그 여자에게", "에게도": "그 여자에게",
               "에겐": "그 여자에게",
               "한테": "그 여자한테", "께": "그 여자에게", "에게서": "그 여자에게서"}
# another man named with a title ("한족 농민 왕철(가명·52)씨가"): his acts on her stay hers
_MAN_FORM = {k: v.replace("그 여자", "그 남자") for k, v in _OTHER_FORM.items()}
_MALE_NEAR = re.compile(
    r"(?:남성|남자|사내|남편|아저씨|총각|노총각|홀아비|농민|농부|오빠|아버지|목사|한족\s?남|·\s?남|"
    r"\(남)")
# her, once the report has named her: 그녀, 이 여성, 이 탈북 여성
_SHE = re.compile(_BOUND + r"(?:그녀|이\s(?:탈북\s|북한\s)?여성)" + _PARTICLE + r"(?![가-힣])")
# 그 (he or she, in reports): hers unless a man was the subject just before
_HE_SHE = re.compile(_BOUND + r"그(?P<p>는|가|를|의|에게는|에게|에겐|한테|도|와)(?![가-힣])")
_MALE_SUBJECT = re.compile(
    r"(?:남자|남성|브로커|남편|사장|인신매매범|사내|아저씨|직원|기자|목사|중개업자|대방|주인|"
                           r"노총각|농민|농부|할아버지|아버지|오빠|경찰|공안|업주|"
                           r"포주)(?:들)?(?:가|이|는|은|께서)\s")
# the unnamed woman a report opens on: "…에게 넘겨진 20대 북한 여성은"
_OPENING_WOMAN = re.compile(r"(?:북한|탈북)\s?(?:여성|여인|처녀)" + _PARTICLE + r"(?=\s)")
# quoted speech, to tell a first-person narrative from a report that quotes her
_QUOTE = re.compile(r"[“\"][^“”\"]*[”\"]|‘[^‘’]*’|'[^']*'")
_ME = re.compile(r"(?:^|\s)(?:저는|제가|저를|저도|나는|내가|나를|저희|우리는|우리가)(?=\s)")


@dataclass
class KoreanContext(Context):
    """Context for a Korean testimony: whether it is told in the third person, and her name."""

    surname: str | None = None  # Hangul surname of the survivor, when a report names her
    surname_at: tuple[int, int] | None = None  # its span in the text given to :func:`context`
    initial: str | None = None  # the letter or surname the report calls her by (김, L, A)
    others: frozenset[str] = frozenset()  # initials of other titled people (장 씨)
    given: str | None = None  # her given name, when the report calls her by it (서진씨)
    others_given: frozenset[str] = frozenset()  # other people's given names (철씨)
    men: frozenset[str] = frozenset()  # initials and given names of the other people who are men
    opening: bool = False  # an unnamed woman the report opens on is her
    bare: bool = False  # a report about one unnamed woman called "여성" throughout
    lead: tuple[str, ...] = ()  # headline and summary lines the story then tells in full
    retold: frozenset[str] = frozenset()  # event kinds the story after the lead tells again
    state: dict = field(default_factory=dict)

    def in_lead(self, sentence: str) -> bool:
        """Is this sentence (they arrive in order) part of the opening headline/summary?"""
        k = self.state.get("lead_at", 0)
        if sentence in self.lead[k:]:  # header lines the pipeline skips are passed over
            self.state["lead_at"] = self.lead.index(sentence, k) + 1
            return True
        self.state["lead_at"] = len(self.lead)
        return False


# who tells the story rather than lives it: "구호 활동을 하는 민 모 씨", "관계자 민씨", "민씨에
# 따르면"
_INFORMANT_BEFORE = re.compile(
    r"(?:관계자|활동가|활동을\s?하(?:고\s?있)?는|단체를\s?(?:꾸리|운영하|이끄)는|목사|선교사|대표|"
    r"소장|기자|교수|소식통|변호사|연구원|"
                               r"의원|이사장|단장|사무국장|간사)\s?(?:인\s?)?$")
_INFORMANT_AFTER = re.compile(r"^\s?(?:에\s?따르면|의\s?말에\s?따르면)")
_GIVEN2 = re.compile(r"[가-힣]{2}")
# a relative of the named person, herself named next: "…씨의 언니 순복 씨는", "…씨의 딸 미나(19)는"
_KIN_NAMED_AFTER = re.compile(r"의\s?(?:친|큰|작은|둘째|막내)?\s?"
                              r"(?:여동생|남동생|동생|언니|누나|딸|아들|어머니|엄마|조카|며느리|"
                              r"아내|부인)"
                              r"\s(?:[가-힣]{2,3}\s?(?:씨|양)|[가-힣]{2,3}\s?\((?:가명|\d))")


# kin and common words that look like a surname and a given name before a bracket: "엄마(45)는"
_NOT_A_NAME = re.compile(
    r"엄마|아빠|언니|오빠|누나|남편|아내|아들|동생|조카|이모(?!\s?(?:씨|\(\d|\(여))|고모|삼촌|할머|"
    r"할아|아이|여성|남성|남자|여자|"
                         r"사람|소녀|소년|주민|당시|현재|정도|최근|이후|이번|지난|모두|한편")


def _mentions(text: str) -> list[tuple[str, int, int, int, str | None]]:
    """(initial, start of initial, end of mention, weight, given name) of every titled name in
    ``text``; an informant ("관계자 민 모 씨", "민씨에 따르면") has weight 0."""
    out = []
    for m in _TITLED.finditer(text):
        s = m.group("s")
        if (not s.isascii() and s not in SURNAMES) or _NOT_A_NAME.match(text, m.start("s")):
            continue
        if m.group("t") == "양" and not (m.group("g")
                                        or m.group("par")) and not re.match(r"[은는이가을를의에]",
                                                                            text[m.end():m.end()
                                                                                 + 1]):
            continue  # a bare "X 양" needs a particle to be a title (박 양은)
        g = m.group("g")
        weight = 2 if (g or m.group("par") or m.group("par2")) else 1
        if _INFORMANT_BEFORE.search(text[max(0,
                                             m.start() - 16):m.start()]) or _INFORMANT_AFTER.match(
                                                 text[m.end():]):
            weight = 0
        if _KIN_NAMED_AFTER.match(text, m.end()):
            continue  # "오 씨의 언니 순복 씨": the report is about the sister, not about 오
        out.append((s, m.start("s"), m.end(), weight, g if g and _GIVEN2.fullmatch(g) else None))
    for rx in (_BRACKETED, _SURNAME_OF):
        for m in rx.finditer(text):
            if m.group("s") in SURNAMES and not _NOT_A_NAME.match(text, m.start("s")):
                g = m.groupdict().get("g")
                out.append((m.group("s"), m.start("s"), m.end(), 2, g if g and _GIVEN2.fullmatch(g)
                            else None))
    return out


# a sentence that ends on a finite verb (a story), not on a noun (a headline, a case note)
_FINITE = re.compile(r"(?:다|요|죠|까|네|니다)\s*[.!?…]*[”\"’')\]]*\s*$")
# the kinds of counted events a story tells, to know what a summary line would count twice
_RETOLD = {
    "crossing": re.compile(r"건너|건넜|건넌|넘어|넘었|탈북|탈출|도강|밀입국"),
    "sale": re.compile(r"팔려|팔렸|팔린|팔아|팔았|인신매매\s?(?:당|돼|되)|사\s?왔|샀"),
    "arrest": re.compile(r"잡혀|잡혔|잡힌|붙잡|체포"),
    "repatriation": re.compile(r"북송|송환|북한으로\s?(?:\S+\s)?(?:보내|넘겨|끌려)"),
    "transit": re.compile(r"라오스|태국|베트남|캄보디아|(?<!내)몽골|미얀마"),
    "arrival": re.compile(r"한국|입국|하나원"),
}


def _lead(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The opening lines that end on a noun (headline, summary), when a story told in full
    sentences follows them, and which counted kinds of event that story tells again."""
    from casebook.extract.clean import sentences

    spans = sentences(text)
    lead: list[str] = []
    for a, b in spans:
        if _FINITE.search(text[a:b]):
            break
        lead.append(text[a:b])
    if not lead or len(lead) == len(spans):
        return (), frozenset()  # no headline, or a case note in nominal style throughout
    story = _QUOTE.sub(" ", text[spans[len(lead)][0]:])
    return tuple(lead), frozenset(kind for kind, rx in _RETOLD.items() if rx.search(story))


def context(text: str) -> KoreanContext:
    """Read the whole testimony once: is it a report about her, and what is she called."""
    mentions = _mentions(text)
    unquoted = _QUOTE.sub(" ", text)
    me = len(_ME.findall(unquoted))
    she = len(_SHE.findall(unquoted))
    titled: Counter[str] = Counter()
    first_at: dict[str, tuple[int, int]] = {}
    given: dict[str, str] = {}
    for s, a, _, w, g in mentions:
        titled[s] += w
        first_at.setdefault(s, (a, a + 1))
        if g:
            given.setdefault(s, g)
    # "선희씨" once 오선희 is named: her given name, not a woman surnamed 선
    names = set(given.values())
    mentions = [m for m in mentions if text[m[1]:m[1] + 2] not in names]
    titled = Counter()
    for s, _a, _b, w, _g in mentions:
        titled[s] += w
    titled = Counter({s: n for s, n in titled.items() if n > 0}) or titled
    third = bool(titled) and sum(titled.values()) + she > me or (not me and she > 0)
    # no name, no 그녀, no 저: the woman the report calls "여성" is she (not a first-person
    # account's other woman: a clause with no subject is hers either way)
    bare = not titled and not me and not she and bool(cx("bare_woman").search(unquoted))
    ctx = KoreanContext("third" if third or bare else "first", ())
    ctx.bare = bare
    ctx.lead, ctx.retold = _lead(text)
    if not third:
        return ctx
    # a man named as such ("남성 탈북자 구영철씨", "구씨(남·40)") is never the woman the report is
    # about
    man = {m[0] for m in mentions if _MAN_BEFORE.search(text[max(0, m[1] - 12):m[1]])
           or _MAN_AFTER.match(text, m[1], m[2] + 1)}
    if titled and not set(titled) <= man:
        best = max((kv for kv in titled.items() if kv[0] not in man),
                   key=lambda kv: (kv[1], -first_at[kv[0]][0]))[0]
        ctx.initial = best
        ctx.others = frozenset(s for s in {m[0] for m in mentions} if s != best)
        ctx.given = given.get(best)
        ctx.others_given = frozenset(g for s, g in given.items() if s != best)
        male = {s for s, a, b, _w, _g in mentions if s != best
                and _MALE_NEAR.search(_SENTENCE_CUT.split(text[max(0, a - 12):a])[-1]
                                      + text[a:b])}
        ctx.men = frozenset(male | {given[s] for s in male if s in given})
        if best in SURNAMES:
            ctx.surname, ctx.surname_at = best, first_at[best]
    else:
        ctx.opening = not bare  # (a bare report's woman is read sentence by sentence)
        ctx.others = frozenset(man)
        ctx.men = frozenset(man | {given[s] for s in man if s in given})
    return ctx


# words before a name count only from its own sentence ("…남성에게 팔렸다. 이씨는" is not a man)
_SENTENCE_CUT = re.compile(r"[.!?]\s|\n")
_MAN_BEFORE = re.compile(r"(?:남성|남자|청년|아저씨)\s?(?:탈북자|탈북민|주민)?\s?$")
_MAN_AFTER = re.compile(r"[^()]{0,4}\((?:남|[^()]{0,8}·\s?남)")


_LAST_WORD = re.compile(r"([가-힣]+)[^가-힣]*$")
# the predicate a report quotes: "…팔려갔다고 한다", "…북송되었다며"
_REPORTED_VERB = re.compile(r"[가-힣]+(?:다고|다며|다면서|다는)(?=\s)")


def _told_as_past(sentence: str) -> bool:
    """A sentence that tells what happened (its last predicate in the past: "팔려가게 되었죠",
    "…것으로 알려졌다"), not what women in general go through ("…농촌 남성과 살게 된다",
    "여성은 보통 …")."""
    if cx("generic").search(sentence):  # "여성은 보통 …"
        return False
    words = [m.group(1) for m in _LAST_WORD.finditer(sentence)] + [
        m.group() for m in _REPORTED_VERB.finditer(sentence)]
    # (a past ㅆ: 었, 았, 했, 됐, 졌 …; not the stem 있 of "늘고 있다")
    return any((ord(ch) - 0xAC00) % 28 == 20 and ch != "있" for w in words for ch in w)


class Rewrite:
    """A sentence rewritten into the first person, with a map of offsets back to the original."""

    __slots__ = ("text", "_map")

    def __init__(self, original: str, edits: list[tuple[int, int, str]]) -> None:
        parts: list[str] = []
        pos: list[int] = []
        at = 0
        for a, b, new in sorted(edits):
            if a < at:
                continue
            parts.append(original[at:a])
            pos.extend(range(at, a))
            parts.append(new)
            # every character of the replacement points at the start of what it replaced, the
            # last one at its end (so a span ending on it ends where the reference ended)
            pos.extend([a] * (len(new) - 1) + [max(a, b - 1)])
            at = b
        parts.append(original[at:])
        pos.extend(range(at, len(original)))
        pos.append(len(original))
        self.text = "".join(parts)
        self._map = pos

    def start(self, i: int) -> int:
        return self._map[min(i, len(self._map) - 1)]

    def end(self, i: int) -> int:
        if i <= 0:
            return 0
        return min(self._map[min(i - 1, len(self._map) - 1)] + 1, self._map[-1])


def rewrite(sentence: str, ctx: KoreanContext) -> Rewrite | None:
    """The sentence with her third-person references in the first person (None: nothing to do)."""
    if ctx.mode != "third":
        return None
    edits: list[tuple[int, int, str]] = []
    hers = False
    for m in _TITLED.finditer(sentence):
        s = m.group("s")
        if s != ctx.initial and s not in ctx.others:
            continue
        if sentence[m.start():m.start() + 2] in (ctx.given, *ctx.others_given):
            continue  # "선희씨는": her given name, read below
        p = re.match(_PARTICLE, sentence[m.end():])
        pp = p.group("p") if p else None
        end = m.end() + (len(pp) if pp else 0)
        if s == ctx.initial:
            edits.append((m.start(), end, _FIRST_FORM[pp]))
            hers = True
        else:
            edits.append((m.start(), end, (_MAN_FORM if s in ctx.men else _OTHER_FORM)[pp]))
    for m in _GIVEN_TITLED.finditer(sentence):
        g = m.group("g")
        if g not in (ctx.given, *ctx.others_given) or any(a <= m.start() < b for a, b, _ in edits):
            continue
        p = re.match(_PARTICLE, sentence[m.end():])
        pp = p.group("p") if p else None
        end = m.end() + (len(pp) if pp else 0)
        form = _FIRST_FORM if g == ctx.given else _MAN_FORM if g in ctx.men else _OTHER_FORM
        edits.append((m.start(), end, form[pp]))
        hers = hers or g == ctx.given
    for rx in (_BRACKETED,):
        for m in rx.finditer(sentence):
            if m.group("s") == ctx.initial and not any(a <= m.start() < b for a, b, _ in edits):
                close = sentence.find(")", m.end())
                end = close + 1 if close >= 0 else m.end()
                edits.append((m.start(), end, "저"))
                hers = True
    for m in _SHE.finditer(sentence):
        edits.append((m.start(), m.end(), _FIRST_FORM[m.group("p")]))
        hers = True
    if ctx.bare and _told_as_past(sentence):
        for m in cx("bare_woman").finditer(sentence):
            edits.append((m.start(), m.end(), _FIRST_FORM[m.group("p")]))
            hers = True
    if ctx.opening and not ctx.state.get("opened"):
        woman = _OPENING_WOMAN.search(sentence)
        if woman:
            edits.append((woman.start(), woman.end(), _FIRST_FORM[woman.group("p")]))
            ctx.state["opened"] = True
            hers = True
    prev_male = ctx.state.get("male_subject", False)
    for m in _HE_SHE.finditer(sentence):
        head = sentence[:m.start()]
        if m.group("p") in ("는", "가", "도", "와"):
            if prev_male and not hers and not _MALE_SUBJECT.search(head):
                continue  # "트럭 운전사가 … 다가왔다. 그는 … 권했다": the man
        elif not (_MALE_SUBJECT.search(head) or not prev_male):
            continue
        edits.append((m.start(), m.end(), _FIRST_FORM[m.group("p")]))
    ctx.state["male_subject"] = bool(_MALE_SUBJECT.search(sentence)) and not (
        hers and re.search(r"(?:저는|제가)", "".join(e[2] for e in edits)))
    if not edits:
        return None
    return Rewrite(sentence, edits)
