"""Korean cues: what one sentence of a Korean testimony says about her journey.

The phrasings are rows of ``extract/rules/ko/<kind>.toml`` (one row per way of saying a thing,
with its own example sentences); this module decides, for each match, whether the clause is hers
(:mod:`korean_clause`), whether it is stated as fact, denied or only planned, and what the cue
carries. Korean drops the subject ("한족 남자한테 팔았어요" — someone sold me to a Han man), so a
cue is hers unless the clause names another person as its subject. Negation and mood follow the
verb ("팔리지 않았다", "팔려고 했다"); kiwipiepy's morphology finds the sale verbs by lemma and
tells
them apart from look-alikes ("팔 개월" is eight months, not a sale). The Kiwi model ships inside
the ``kiwipiepy-model`` package: nothing is downloaded. A report about her (김씨는, 그녀는) is read
after :mod:`korean_discourse` rewrites it into the first person.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from casebook.extract import rules
from casebook.extract.cues import Context, Cue
from casebook.extract.korean_clause import cx, done_to_her, done_to_others, her, sale_is_hers
from casebook.extract.korean_discourse import KoreanContext, rewrite
from casebook.extract.korean_discourse import context as _discourse_context
from casebook.extract.negation import DENIED, FACT, UNREAL, korean_status
from casebook.model import Fact

# the rule files of rules/ko/ this module reads, in the order their cues are made
EVENT_KINDS = ("crossing", "arrest", "repatriation", "escape", "transit", "arrival")
TOTAL_KINDS = ("arrest_total", "repatriation_total", "sale_total")
CODED_KINDS = ("violence", "exploitation", "detention", "recruitment", "relation", "buyer",
               "purpose")
OTHER_KINDS = ("sale", "payment", "alone", "broker_voluntary")
KINDS = OTHER_KINDS + EVENT_KINDS + TOTAL_KINDS + CODED_KINDS


@lru_cache(maxsize=1)
def kiwi():
    """The shared Kiwi analyser (loaded once, from the installed model package)."""
    from kiwipiepy import Kiwi

    return Kiwi()


@lru_cache(maxsize=1)
def _ruleset() -> rules.RuleSet:
    return rules.ruleset("ko", KINDS, "first")


@lru_cache(maxsize=1)
def _morph_rows() -> dict[str, rules.Rule]:
    """``"팔리/VV"`` → the sale row that names that lemma."""
    return {m: r for r in rules.load("ko", "sale") for m in r.morphs}


@cache
def _code_order(kind: str) -> dict[str, int]:
    return {r.code: k for k, r in reversed(list(enumerate(rules.load("ko", kind))))}


class _Found:
    """The rows of one sentence whose trigger words occur, and their matches, by kind."""

    __slots__ = ("low", "by_kind", "_matches", "_codes")

    def __init__(self, s: str) -> None:
        low = s.lower()
        self.low = low if len(low) == len(s) else s
        rs = _ruleset()
        self.by_kind: dict[str, list[tuple[rules.Rule, re.Pattern]]] = {}
        self._matches: dict[str, list] = {}
        self._codes: dict[str, dict] = {}
        for i in rs.candidates(self.low):
            row = rs.rows[i]
            if rs.regexes[i] is not None:
                self.by_kind.setdefault(row.kind, []).append((row, rs.regexes[i]))

    def matches(self, kind: str) -> list[tuple[rules.Rule, re.Match]]:
        """(row, match) of one kind, in text order (row order breaks ties)."""
        if kind not in self.by_kind:
            return []
        if kind not in self._matches:
            out = [(row, m) for row, rx in self.by_kind[kind] for m in rx.finditer(self.low)]
            self._matches[kind] = sorted(out, key=lambda x: x[1].start())
        return self._matches[kind]

    def by_code(self, kind: str) -> dict[str, list[tuple[rules.Rule, re.Match]]]:
        """Matches of a coded kind grouped by code, codes in row order, each in text order."""
        if kind not in self._codes:
            if kind not in self.by_kind:  # no row of the kind can fire (most kinds, most sentences)
                self._codes[kind] = {}
                return self._codes[kind]
            order = _code_order(kind)
            out: dict[str, list] = {}
            for row, m in self.matches(kind):
                out.setdefault(row.code, []).append((row, m))
            self._codes[kind] = dict(sorted(out.items(), key=lambda kv: order.get(kv[0], 99)))
        return self._codes[kind]


def _span(m: re.Match) -> tuple[int, int]:
    """The evidence words of a match: its (?P<t>…) group when the row has one."""
    for g in ("t", "t2"):
        if g in m.re.groupindex and m.group(g):
            return m.start(g), m.end(g)
    return m.start(), m.end()


_UNREAL_EC = {"려고", "려다", "으려고", "으려다", "면", "으면", "려면", "기로", "자고", "ᆯ까",
              "을까", "려는", "도록", "ᆯ지", "을지"}


_PROSPECT_NOUNS = {"경우", "위험", "위기", "가능성", "우려", "계획", "예정", "처지"}
_REPORTED_NONPAST = {"ᆫ다고", "는다고", "ᆫ단다", "ᆫ다", "는다"}


def _quoted_after(tokens, k: int) -> bool:
    """A sentence ending that is followed by the quotative 고 ("…버린다”고 했다")."""
    for t in tokens[k + 1:k + 3]:
        if t.tag in ("SSC", "SSO", "SS"):
            continue
        return t.tag == "JKQ" or (t.tag.startswith("EC") and t.form == "고")
    return False


def _verb_status(tokens, start: int) -> str:
    """Fact/denied/unreal of the verb token at character ``start`` (kiwi tokens of the sentence)."""
    idx = next((k for k, t in enumerate(tokens) if t.start == start), None)
    if idx is None:
        return FACT
    if idx > 0 and tokens[idx - 1].tag == "MAG" and tokens[idx - 1].form in ("안", "못"):
        return DENIED
    past = False
    for k in range(idx + 1, min(len(tokens), idx + 8)):
        t = tokens[k]
        if t.tag == "EP" and t.form == "겠":
            return UNREAL
        past = past or (t.tag == "EP" and t.form in ("었", "았", "였"))
        if not past and t.tag.startswith("E") and t.form in _REPORTED_NONPAST and (
                t.tag.startswith("EC") or _quoted_after(tokens, k)):
            return UNREAL  # "판다고 했다", "“다시 팔아 버린다”고 했다": a threat or a plan, told
        if t.tag.startswith("EC") and t.form in _UNREAL_EC:
            return UNREAL
        if t.tag == "ETM" and t.form in ("ᆯ", "을") and k + 1 < len(tokens) and (
                tokens[k + 1].form in _PROSPECT_NOUNS):
            return UNREAL  # "팔릴 위험이 있어", "팔릴 경우": a risk, not a sale
        if t.tag.startswith("EC") and t.form in ("려", "으려") and k + 1 < len(tokens) and (
                tokens[k + 1].form == "하" and tokens[k + 1].tag.startswith("VX")):
            return UNREAL  # "팔아넘기려 했지만": meant to, not did
        if t.tag == "VX" and t.form in ("않", "못하"):
            return DENIED
        # "팔 수는 없었다": could (not), not did
        if t.tag == "NNB" and t.form in ("뻔", "척", "수"):
            return UNREAL
        if t.tag == "ETN" and t.form == "기" and k + 1 < len(tokens) and tokens[k + 1].form == "전":
            return UNREAL  # "팔리기 전에 도망쳤어요"
        if t.tag == "ETN" and t.form == "기" and any(x.form in ("원하", "바라", "희망하")
                                                   for x in tokens[k + 1:k + 4]):
            return UNREAL  # "팔려가기를 원하는": a wish
        if t.tag == "NNB" and t.form == "적":
            return DENIED if any(x.form in ("없",) for x in tokens[idx + 1: idx + 10]) else FACT
        if t.tag == "NNB" and t.form in ("것", "거", "게"):
            if any(x.tag == "VCN" and x.form == "아니" for x in tokens[k + 1: k + 4]):
                return DENIED  # "팔린 게 아니에요", "팔려 온 게 아니라니까요"
            if tokens[k - 1].tag == "ETM" and tokens[k - 1].form in ("ᆯ", "을"):
                return UNREAL  # "팔 거라고 했다"
        if t.tag in ("EF", "SF"):
            break
        if t.tag.startswith("EC") and t.form not in ("지", "어", "아", "고", "어서", "아서"):
            break
    return FACT




_KIND_OF = {"arrest_total": "arrest", "repatriation_total": "repatriation", "sale_total": "sale",
            "payment": "sale",
            "escape": "crossing", "river": "crossing", "abroad": "transit"}


def context(text: str, header_end: int = 0, surname: str | None = None) -> tuple[KoreanContext,
                                                                                 list[Fact]]:
    """Who the account is about: her own telling (Korean drops the subject, so a clause with no
    other topic is hers) or a report that names her (see :mod:`korean_discourse`); and her
    surname from that report when the header did not give it (cleaned-text spans)."""
    from casebook.model import Evidence

    ctx = _discourse_context(text)
    facts = []
    if not surname and ctx.surname and ctx.surname_at:
        a, b = ctx.surname_at
        facts.append(Fact("surname", ctx.surname, Evidence(a, b), 0.75))
    return ctx, facts


_ANSWER_LABEL = re.compile(r"^\s*(?:답변|답|대답|A)\s*[:：.]\s*")


def analyse(sentence: str, ctx: Context) -> list[Cue]:
    """All cues of one Korean sentence.

    A report's sentence is first rewritten into the first person (김씨는 → 저는; offsets are
    mapped back). The previous sentence is kept on ``ctx`` (sentences arrive in order) so that
    an answer can borrow its question's topic ("[잡히신 적 있어요?] 두 번이요.") and a bare
    "잡혔어요" the police raid told just before it.
    """
    prev = getattr(ctx, "_ko_prev", "")
    rw = rewrite(sentence, ctx) if isinstance(ctx, KoreanContext) else None
    s = rw.text if rw is not None else sentence
    if _ANSWER_LABEL.match(s):  # "답변: 두 번이요.": her words after the label (offsets kept)
        s = _ANSWER_LABEL.sub(lambda m: " " * len(m.group()), s, count=1)
    ctx._ko_prev = s  # type: ignore[attr-defined]
    if cx("interviewer").match(s):
        return []
    f = _Found(s)
    cues = _analyse(s, prev, f)
    _pending_recruiter(s, f, cues, ctx)
    if isinstance(ctx, KoreanContext) and ctx.in_lead(sentence):
        # a headline or summary line ("단속에 걸려 송환, 구금."): its counted events are told
        # again in the story below it, so only what the story does not tell is kept
        cues = [c for c in cues if _KIND_OF.get(c.kind, c.kind) not in ctx.retold]
    if rw is not None:
        for c in cues:
            c.start, c.end = rw.start(c.start), rw.end(c.end)
    return cues


_LURES = ("deception_job_offer", "other", "introduced_marriage")


def _pending_recruiter(s: str, f: _Found, cues: list[Cue], ctx: Context) -> None:
    """"모르는 여자가 장마당에서 말을 걸었다. 그 여자는 … 식당 일을 준다고 했다": a person
    introduced as the subject of one sentence is the recruiter of a lure told in the next two."""
    state = getattr(ctx, "state", None)
    if state is None:
        return
    pending = state.get("recruiter")
    lure = next((c for c in cues if c.kind == "recruitment" and c.code in _LURES
                 and c.status == FACT), None)
    if pending and lure and not any(c.kind == "relation" for c in cues) and pending[1] <= 2:
        cues.append(Cue("relation", lure.start, lure.end, pending[0]))
        state["recruiter"] = None
        return
    for code, hits in f.by_code("relation").items():
        m = hits[0][1]
        if code != "couple" and re.match(r"^\S*?(?:\s\S+?)?(?:가|이|는|은|께서)\s",
                                         s[m.end():]) and not any(
                c.kind == "relation" for c in cues):
            state["recruiter"] = (code, 1)
            return
    if pending:
        state["recruiter"] = (pending[0], pending[1] + 1)


_KO_SMALL = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5}


def _ko_small(word: str) -> int:
    return int(word) if word.isdigit() else _KO_SMALL[word]


# --- sales -----------------------------------------------------------------------------------

class _Tok(NamedTuple):
    form: str
    tag: str
    start: int
    len: int


def _tokens_near_triggers(s: str) -> list[_Tok]:
    """Kiwi tokens of the words around each possible sale verb (±~20 characters, whole words).

    Analysing short windows instead of the whole sentence keeps Korean fast (Kiwi's cost grows
    with the input); a verb's negation and mood follow it within a few words.
    """
    windows: list[list[int]] = []
    money = _MONEY_WORD.search(s) is not None
    for m in cx("sale_hint").finditer(s):
        if not money and m.group().startswith("넘"):
            continue  # 넘기다 is a sale only with money in the sentence (sale.toml)
        a = s.rfind(" ", 0, max(0, m.start() - 20)) + 1
        b = s.find(" ", min(len(s), m.end() + 20))
        b = len(s) if b < 0 else b
        if windows and a <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], b)
        else:
            windows.append([a, b])
    out: list[_Tok] = []
    for a, b in windows:
        out.extend(_Tok(t.form, t.tag, t.start + a, t.len) for t in kiwi().tokenize(s[a:b]))
    return out


_MONEY_WORD = re.compile(r"돈|위안|위엔|원|달러|값")
_PASSIVE_SURFACE = re.compile(r"(?:되)?팔(?:렸|려(?!고|다|는|면)|린|림)")
_MONEY_AFTER = re.compile(r"돈|위안|위엔|원\b|값")
# her as the object ("저를", colloquial "저 팔았어요"), not the subject ("저는 호구를 샀다")
_HER_BEFORE = re.compile(r"(?<![가-힣])(?:저|나|날|우리)(?!는|가|도|의|와|랑|하고|만)(?:를|을)?\s?"
                         r"(?:\S+\s){0,3}$")
_PRICE_BEFORE = re.compile(r"(?:위안|위엔|원|달러)\S*\s?(?:\S+\s){0,2}$")
_PAID_BEFORE = re.compile(r"돈(?:을|까지)?\s?(?:주고|내고|들여)\s?$")  # "우리가 돈 주고 데려왔으니"
_HER_OBJECT_BEFORE = re.compile(r"(?:저|나|우리)를\s?(?:\S+\s){0,3}$")


# a sale named inside an indirect question ("얼마에 팔렸는지 조차 모르고", "누구에게 팔렸는지"):
# a reference to her sale, the same one the story tells
_ASKED_OF_SALE = re.compile(r"\S*?(?:렸|린|았|았던|렸던)(?:는지|은지|던지)(?=\s|도|조차|를|$)")


def _sale_verb(s: str, t: _Tok) -> rules.Rule | None:
    """The sale row whose lemma this token is, when its conditions hold."""
    row = _morph_rows().get(f"{t.form}/{t.tag}")
    if row is None:
        return None
    need = row.extra.get("needs")
    if need == "money" and not (_MONEY_AFTER.search(s[t.start:])
                                or _PRICE_BEFORE.search(s[:t.start])):
        return None  # "넘기고 돈을 받았어요", "5000위안에 넘겨졌다"
    if need == "her":
        if t.form == "살":
            # "저를 마지막으로 산 사람", "4000위안을 주고 산 여자": with her as the object or a
            # price
            # paid before it, 산 is 사다 (bought), not 살다
            if not (s.startswith("산", t.start) and (_HER_OBJECT_BEFORE.search(s[:t.start])
                                                    or _PRICE_BEFORE.search(s[:t.start]))):
                return None
        elif not (_HER_BEFORE.search(s[:t.start]) or _PRICE_BEFORE.search(s[:t.start])
                  or _PAID_BEFORE.search(s[:t.start])):
            return None
    return row


def _sales(s: str, f: _Found, cues: list[Cue]) -> None:
    tokens = _tokens_near_triggers(s)
    for t in tokens:  # sales: verb lemmas from the morphology
        row = _sale_verb(s, t)
        if row is None:
            continue
        # Kiwi reads "되팔렸다" (and, after "받고", "팔렸다") as 팔 + 려고: the written passive
        # form decides
        passive = _PASSIVE_SURFACE.match(s, t.start) if t.form in ("되팔", "팔") else None
        if not sale_is_hers(s, t.start, t.start + t.len, bool(row.extra.get("active"))
                            and not passive):
            continue
        status = korean_status(s, t.start, passive.end()) if passive else _verb_status(tokens,
                                                                                       t.start)
        extra = {"described": True} if cx("describes_her").match(s[t.start + t.len:]) else {}
        if _ASKED_OF_SALE.match(s, t.start):
            extra["retold"] = True  # "얼마에 팔렸는지도 모른다": the sale told, referred to again
        cues.append(Cue("sale", t.start, t.start + t.len, status=status, extra=extra))
    if not any(c.kind == "sale" for c in cues):
        # told with other words ("인신매매 당했다", "넘기고 돈을 받았다")
        for row, m in f.matches("sale"):
            a, b = _span(m)
            if row.extra.get("needs_her_object"):
                if not her(s, 0) or not sale_is_hers(s, a, b, True):
                    continue  # "2만 위안을 받고 언니를 … 넘겼다": her sister, not her
            elif not sale_is_hers(s, a, b, bool(row.extra.get("active"))):
                continue  # active: the verb's object must be her ("언니를 시집보냈다" is not)
            cues.append(Cue("sale", m.start() if not row.extra.get("needs_her_object") else a, b,
                            status=korean_status(s, a, b),
                            extra={"described": True} if cx("describes_her").match(s[b:]) else {}))
            break
    for _row, m in f.matches("payment")[:1]:
        a, b = _span(m)
        cues.append(Cue("payment", a, b, status=korean_status(s, a, b)))
    once = cx("only_once").search(s)
    if once and any(c.kind == "sale" for c in cues):
        # "팔린 건 그 한 번뿐이에요": a summary of the sales told, not one more
        cues[:] = [c for c in cues if c.kind != "sale"]
        cues.append(Cue("sale_total", once.start(), once.end(), value=_KO_SMALL[once.group("n")]))
    vague = cx("vague_sales").search(s)
    if vague and her(s, vague.start()) and korean_status(s, vague.start(),
                                                         vague.end()) == FACT:
        # not "여성들이 … 팔려 다니지 않게" (other women, and a wish that it stop)
        cues.append(Cue("vague_times", 0, len(s)))


# --- her journey -----------------------------------------------------------------------------

def _crossing(s: str, f: _Found, cues: list[Cue]) -> None:
    """Her crossing: the first crossing verb whose subject is her (or understood)."""
    found = [(r, m) for r, m in f.matches("crossing") if not r.extra.get("bare")]
    if not found:
        found = [(r, m) for r, m in f.matches("crossing")
                 if r.extra.get("bare") and not cx("not_river_object").search(s[:_span(m)[0]])]
    for _row, m in found:
        a, b = _span(m)
        if cx("not_a_crossing").match(s[a:]):
            continue  # "탈북한 지 10년", "탈북한 경험", "탈북민": a mention, not the event
        if cx("crossing_describes_other").match(s[b:]):
            continue  # "먼저 건너간 오빠를 그리워하며": her brother's crossing
        if her(s, a) or cx("causative_crossing").search(s):
            cues.append(Cue("crossing", a, b, None, korean_status(s, a, b)))
            return


_FLED_JUST_BEFORE = re.compile(r"도망\S*\s?(?:\S+\s)?$")


def _arrests(s: str, prev: str, f: _Found, cues: list[Cue]) -> None:
    hits = f.matches("arrest")
    for row, m in hits:
        if row.extra.get("status") == "denied" and not cx("nk_authority").search(s):
            a, b = _span(m)
            cues.append(Cue("arrest", a, b, None, DENIED))
            return
    unreal: Cue | None = None  # "체포될 경우 …, 결국 체포됐다": a possibility gives way to the fact
    for row, m in hits:
        if row.extra.get("status") == "denied" or row.extra.get("needs_police"):
            continue
        a, b = _span(m)
        if _others_described(s, b):
            continue
        cue = Cue("arrest", a, b, None, korean_status(s, a, b))
        if cue.status == UNREAL:
            unreal = unreal or cue
            continue
        cues.append(cue)
        return
    for row, m in hits:
        if not row.extra.get("needs_police"):
            continue
        a, b = _span(m)
        if (cx("police").search(s)
            or cx("police").search(prev)) and not cx("not_police").search(s[:a]) \
                and not _FLED_JUST_BEFORE.search(s[:a]):
            cue = Cue("arrest", a, b, None, korean_status(s, a, b))
            if cue.status == UNREAL:
                unreal = unreal or cue
                continue
            cues.append(cue)
            return
    if unreal is not None:
        cues.append(unreal)


_AGAIN_BETWEEN = re.compile(r"(?<![가-힣])(?:다시|또|재차)(?![가-힣])")


def _others_described(s: str, end: int) -> bool:
    """The event's verb describes other people ("체포된 탈북민들이", "북송된 여성들의"), she not
    among them."""
    return bool(cx("others_described").match(s[max(0, end - 1):])) and not cx(
        "not_only_me").search(s) and not cx("names_her").match(s[max(0, end - 1):])


_SENT_THING = re.compile(r"(?:보내|넘겨|넘기)$")


def _sent_something(s: str, at: int) -> bool:
    """The active "…에 보내/넘겨" has an object in its clause that is not her ("돈을 북한에
    보내려 하자"): a thing sent, not her return."""
    clause = re.split(r"[,.]|고\s|는데\s|지만\s|면서\s|자\s", s[:at])[-1]
    m = re.search(r"(?P<o>[가-힣]+)(?:을|를)\s(?:[^\s,]+\s){0,3}$", clause)
    if m is None:
        return False
    return not cx("her_object").match(m.group("o")) and not re.search(
        r"(?:저|나|날|우리)(?:를|을)", clause)


def _repatriations(s: str, f: _Found, cues: list[Cue]) -> None:
    hits = f.matches("repatriation")
    for row, m in hits:
        if row.extra.get("status") == "denied" and not cx("repatriation_feared").match(s[m.start()
                                                                                         + 2:]):
            cues.append(Cue("repatriation", m.start(), m.end(), None, DENIED))
            return
    unreal: Cue | None = None
    for row, m in hits:
        if row.extra.get("status") == "denied":
            continue
        a, b = _span(m)
        if cx("repatriation_feared").match(s[b:]):
            continue  # "북송될까 무서워", "송환을 피하려고"
        if _others_described(s, b):
            continue  # "북송된 탈북민들이 …": the people the clause describes
        if _SENT_THING.search(s, a, b) and s[b:b + 1] not in ("졌", "져", "지") and \
                _sent_something(s, a):
            continue  # "모은 돈을 북한에 보내려 하자": what was sent is not her
        # "…으로 북송된 김씨가": a return that introduces her, which the story may tell again
        described = {"described": True} if cx("describes_her").match(s[b:]) else {}
        cue = Cue("repatriation", a, b, None, korean_status(s, a, b), extra=described)
        if cue.status == UNREAL:
            unreal = unreal or cue  # "북송될지 모르는 …, 결국 북송됐다": the fact wins
            continue
        cues.append(cue)
        # "2003년 잡혀 북송됐고, 2005년 다시 탈북했다가 또 잡혀 북송됐다": a second return, told
        # again in the same sentence
        for row2, m2 in hits:
            a2, b2 = _span(m2)
            if a2 > b and not row2.extra.get("status") and _AGAIN_BETWEEN.search(s, b, a2) \
                    and korean_status(s, a2, b2) == FACT and her(s, a2):
                cues.append(Cue("repatriation", a2, b2, None, FACT, extra={"again_here": True}))
                break
        return
    if unreal is not None:
        cues.append(unreal)


_ASKED_RETURN = re.compile(r"북송|송환")
_ASKED_ARREST = re.compile(r"잡히|잡혀|잡힌|잡혔|체포")


_KIN_TOPIC = re.compile(r"(?<![가-힣])(?:어머니|아버지|엄마|아빠|언니|오빠|누나|동생|"
                        r"남동생|여동생|친구|딸|아들|남편|이모|고모|삼촌|사촌|여성들|"
                        r"여자들)(?:은|는|이|가|도)\s")


def _totals(s: str, prev: str, f: _Found, cues: list[Cue]) -> None:
    """Stated counts: "북송을 두 번 당했어요", "[잡히신 적 있어요?] 두 번이요."."""
    for kind in TOTAL_KINDS:
        for _row, m in f.matches(kind):
            if not her(s, m.start()) and (kind == "sale_total" or _KIN_TOPIC.search(
                    s[max(0, m.start() - 30):m.start()])):
                continue  # another's count: "친구는 두 번 팔렸다", "언니는 두 번 북송됐다"
            cues.append(Cue(kind, m.start(), m.end(),
                            value=_ko_small(m.group("n") or m.groupdict().get("n2") or "1")))
    asked = cx("interviewer").match(prev)
    none = cx("answer_none").match(s)
    if none and asked:  # "[공안에 잡히신 적은요?] 없어요."
        denied = "repatriation" if _ASKED_RETURN.search(prev) else "arrest" if _ASKED_ARREST.search(
            prev) else None
        if denied:
            cues.append(Cue(denied, none.start(), none.end(), None, DENIED))
    total = cx("answer_total").match(s)
    if total and asked:
        counted = "repatriation_total" if _ASKED_RETURN.search(prev) else \
            "arrest_total" if _ASKED_ARREST.search(prev) else None
        if counted:
            cues.append(Cue(counted, total.start(), total.end(), value=_KO_SMALL[total.group("n")]))


# a man of her story as the topic of the clause ("남편은 공안에 체포됐다", "브로커는 붙잡혀
# 북송됐다"): his arrest or return, unless she is named with him ("남편은 저와 함께 잡혔다") or
# as the next clause's subject ("…떠났고 저는 붙잡혔다")
_MAN_TOPIC = re.compile(r"(?<![가-힣])(?:남편|시아버지|시어머니|시동생|시댁|브로커|일당|조직|남자|"
                        r"남성)(?:은|는|도|들은|들도)\s(?![^.]*?(?:저를|저도|저와|저랑|저까지|"
                        r"저하고|저희|저는|제가|저만))[^.,]*$")


def _journey(s: str, prev: str, f: _Found, cues: list[Cue]) -> None:
    """Crossing, arrest, return, escape, transit, arrival: each is hers when the subject before
    its verb is (a crossing someone made her make is hers whoever the subject is)."""
    journey: list[Cue] = []
    _crossing(s, f, journey)
    _arrests(s, prev, f, journey)
    _repatriations(s, f, journey)
    for kind in ("escape", "transit", "arrival"):
        for _row, m in f.matches(kind)[:1]:
            a, b = _span(m)
            journey.append(Cue(kind, a, b, None, korean_status(s, a, b)))
    cues.extend(c for c in journey if c.kind == "crossing" or (her(s, c.start) and not (
        c.kind in ("arrest", "repatriation") and _MAN_TOPIC.search(s, 0, c.start))))


# --- what was done to her ------------------------------------------------------------------

def _violence(s: str, f: _Found, cues: list[Cue]) -> None:
    for code, hits in f.by_code("violence").items():
        for _row, m in hits:
            st = korean_status(s, m.start(), m.end())
            if code in ("threat_of_denunciation", "confinement"):
                st = FACT if st == UNREAL else st  # a threat is told with "if" and "will"
            if code == "confinement" and st == DENIED:
                st = FACT  # "못 나가게" is itself the confinement
            if code == "beating" and cx("other_husband").search(s[:m.start()]) and re.search(
                r"여자들|남들", s):
                continue
            if not her(s, m.start()) and _SUFFERED.search(s[m.start():m.end() + 12]):
                continue  # "언니가 … 고문을 당했다고 들었다": the one named suffered it
            if cx("violence_denied_after").search(s[m.end():m.end() + 16]):
                st = DENIED  # "때리거나 그런 건 없어요"
            if st == FACT and done_to_her(s, m.start()) and not done_to_others(s, m.start(),
                                                                               m.end()):
                cues.append(Cue("violence", m.start(), m.end(), code, st))
                break


_SOLD_AFTER = re.compile(r"다가\s(?:\S+\s){0,4}?\S*팔")
# a passive violence verb: its subject is the one who suffered it
_SUFFERED = re.compile(r"당했|당하|당한|당해|받았|받고|받은|겪었|겪고")


_NEARLY = re.compile(r"[^.,]{0,16}?(?:ㄹ|을|를|갈|될|할|당할|넘어갈)\s?뻔")


def _exploitation(s: str, f: _Found, cues: list[Cue]) -> None:
    for code, hits in f.by_code("exploitation").items():
        row, m = hits[0]
        if code == "forced_marriage" and cx("other_husband").search(s[max(0,
                                                                          m.start() - 6):m.end()]):
            continue  # "주인 남편": the brothel owner's husband, not hers
        sale = next((c for c in cues if c.kind == "sale" and m.start() <= c.start < m.end()), None)
        st = sale.status if sale is not None else korean_status(s, m.start(), m.end())
        if cx("command").search(s[m.end():]) or cx("whether").match(s[m.end():]) or cx(
                "offered").match(s[m.end():]):
            st = UNREAL  # "남편 얻어서 살아라" (an order), "몸을 팔든" (whether or not),
            # "매춘을 하겠느냐" (a choice put to her)
        if st == FACT and _NEARLY.match(s, m.end()):
            st = UNREAL  # "성매매 업소에 팔려갈 뻔했지만 도망쳤다"
        if not her(s, m.start()) or done_to_others(s, m.start(), m.end()):
            continue
        extra = {}
        if row.extra.get("venue"):  # a bar or hostess club: where it stands in her story decides
            escape = f.matches("escape")
            extra = {"venue": True, "before_sale": bool(_SOLD_AFTER.search(s[m.end():])),
                     "after_escape": any(e.start() < m.start() for _r, e in escape)}
        cues.append(Cue("exploitation", m.start(), m.end(), code, st, extra=extra))


_PRISONS = {"kyohwaso", "kwanliso", "labour_training_camp", "holding_centre"}
_SENT_TO = re.compile(r"\S*?(?:으로|로)\s?(?:강제\s?)?(?:북송|송환|넘겨|보내)")


def _detention(s: str, f: _Found, cues: list[Cue]) -> None:
    rep = next((m for r, m in f.matches("repatriation") if not r.extra.get("status")), None)
    named = f.by_code("detention")
    for code, hits in named.items():
        _row, m = hits[0]
        if code == "other" and set(named) & _PRISONS:
            continue  # "교화소(감옥)로", "교화소에서 … 감옥 생활": the named prison
        if rep is not None and m.start() < rep.start() and cx("chinese_facility").search(
                s[:m.start()]) and not _SENT_TO.match(s, m.end()):
            # "도문 변방대 구류장에 … 북송됐어요": a Chinese lock-up before the handover (not
            # "… 수용소를 거쳐 전거리 교화소로 북송됐다": where the return took her)
            continue
        if her(s, m.start()):
            sent = rep is not None and m.start() < rep.start() and _SENT_TO.match(s, m.end())
            cues.append(Cue("detention", m.start(), m.end(), code, FACT,
                            extra={"after_return": True} if sent else {}))


_BIRTH = re.compile(
    r"(?:(?P<n0>한|두|세|네|\d)\s?명의\s?)?(?P<what>아들|딸|아이|애기|아기|애|쌍둥이|자식|자녀)"
            r"(?:\s?(?P<n>하나|둘|셋|한\s?명|두\s?명|세\s?명|\d\s?명))?"
            r"(?:을|를|까지|도)?\s?(?:\S+\s)?(?P<t>낳|출산|태어났|태어나|(?<=중국\s)출생|(?<=중국에서\s)출생)")
_BIRTH_ALL = re.compile(r"(?P<what>아들|딸|자녀|자식|아이)\s?"
                        r"(?P<n>하나|둘|셋|한\s?명|두\s?명|세\s?명)")
# "남편과의 사이에 아들 둘을 두었다", "그 사이 자녀 둘을 뒀다": children she had there
# (not "두고 왔다", left behind)
_HAD_WITH_HIM = re.compile(r"사이(?:에|에서)?\s(?:\S+\s){0,6}?\S*(?:뒀|두었|두고\s?있)")
# "애는 둘이에요", "애가 셋이에요", "딸 하나요", "아들 하나 있어요": how many children she has
_CHILDREN_TOTAL = re.compile(
    r"(?:^|\s)(?P<what>애|아이|자녀|자식|애들|아들|딸)(?:은|는|이|가)?\s?(?P<n>하나|둘|셋|넷|"
    r"한\s?명|두\s?명|세\s?명|\d\s?명)"
                     r"\s?(?:이에요|예요|요|이\s?있|있|입니다|이었|,|\.)")
_CHILDREN_NONE = re.compile(
    r"(?:^|\s)(?:애|아이|자녀|자식|애기|아기)(?:는|도|가|은)\s?(?:하나도\s?)?(?:없|안\s?생겼)")
_HUKOU = re.compile(r"호구|신분증|호적|거민증|신분|불법\s?체류|국적(?:이|도)?\s?없|무호적|무국적")
_HUKOU_FAKE = re.compile(
    r"가짜|위조|남의|다른\s?(?:사람|여자)\s?(?:의\s?)?(?:이름|것|명의)|죽은\s?(?:사람|여자)|샀|"
    r"사서|돈\s?주고|빌려|빌린|빌렸")
_HUKOU_NONE = re.compile(r"없|못\s?(?:받|만들|얻)|안\s?(?:나왔|되)|불법\s?체류|무호적|무국적|"
                         r"(?:만들|얻|받|갖)(?:고\s?싶|으려|려고|기를\s?바라|을\s?수\s?있기를)")
# "그 남자와의 사이에서 난 아들", "중국 남성과의 사이에 난 아들", "딸은 … 남편과의 사이에서
# 태어났다",
# "중국에서 낳은 딸": a child she had there
_BORN_TO_HIM = re.compile(
    r"(?:사이에서?|중국에서|거기서|그곳에서)\s?(?:태어난|난|낳은|출산한)\s?(?:\S+\s){0,3}?"
                          r"(?P<what>아이|딸|아들|자식)|"
                          r"(?P<what2>아이|딸|아들)\S*\s(?:\S+\s){0,12}?사이에서?\s?(?:태어났|"
                          r"태어난|났)")
_HUKOU_GOT = re.compile(r"받았|만들었|생겼|나왔|얻었|올렸|등록")
_CHILD = re.compile(r"아이|애들|아들|딸|자녀|애기|아기")
_CHILD_ANY = re.compile(r"아이|애|아들|딸|자녀|자식|아기|쌍둥이")
_BIRTH_VERB = re.compile(r"낳|출산|태어")


def _births(s: str, cues: list[Cue]) -> None:
    first = _CHILD_ANY.search(s)
    if first is None or not her(s, first.start()):
        return
    m = _CHILDREN_NONE.search(s)
    if m:
        cues.append(Cue("children_none", m.start(), m.end(), value=0))
        return
    m = cx("n_children").search(s)  # "세 아이를 낳았는데"
    t = ("t" if m.group("t") else "t2") if m else ""
    if m and korean_status(s, m.start(t), m.end(t)) == FACT:
        cues.append(Cue("birth", m.start(), m.end(), value=_KO_SMALL[m.group("n") or m.group("n2")],
                        extra={"total": True, "what": m.group("what") or m.group("what2")}))
        return
    births = list(_BIRTH_ALL.finditer(s)) if _BIRTH_VERB.search(s) or _HAD_WITH_HIM.search(
        s) else []
    if births:
        n = sum(_ko_count(m.group("n")) for m in births)
        cues.append(Cue("birth", births[0].start(), births[-1].end(), value=n,
                        extra={"total": True, "what": "pair"}))
        return
    m = _CHILDREN_TOTAL.search(s)
    if m and not re.search(r"낳|출산", s[m.end():m.end() + 12]):
        cues.append(Cue("birth", m.start("what"), m.end("n"), value=_ko_count(m.group("n")),
                        extra={"total": True, "what": m.group("what")}))
        return
    m = _BORN_TO_HIM.search(s)
    if m:  # a child she had with the man she was sold to
        g = "what" if m.group("what") else "what2"
        cues.append(Cue("birth", m.start(), m.end(), value=1, extra={
            "total": False, "what": m.group(g), "in_china": m.group().startswith("중국에서")}))
        return
    m = _BIRTH.search(s)
    if m:
        n = _ko_count(m.group("n") or m.group("n0")) if (m.group("n") or m.group("n0")) else \
            (2 if m.group("what") == "쌍둥이" else 1)
        st = korean_status(s, m.start("t"), m.end("t"))
        cues.append(Cue("birth", m.start(), m.end(), value=n, status=st, extra={
            "total": False, "what": m.group("what"), "in_china": m.group("t") == "출생"}))


def _hukou(s: str, cues: list[Cue]) -> None:
    """Her Chinese papers: fake (bought, borrowed), none (or 불법 체류), obtained; not a child's."""
    m = next((x for x in _HUKOU.finditer(s) if not cx("id_check").match(s, x.end())), None)
    if m and done_to_her(s, m.start()) and not (_CHILD.search(s) and not cx("me").search(s)):
        none = _HUKOU_NONE.search(s, m.start())
        if none and cx("for_child").match(s, none.end()):
            return  # "국적도 없이 살아야 하는 두 딸에게": her daughters' papers, not hers
        if _HUKOU_FAKE.search(s):
            cues.append(Cue("hukou", m.start(), m.end(), "fake"))
        elif none:
            cues.append(Cue("hukou", m.start(), m.end(), "none"))
        elif _HUKOU_GOT.search(s[m.start():]):
            cues.append(Cue("hukou", m.start(), m.end(), "obtained"))


# --- how she was drawn in, and by whom --------------------------------------------------------

_SOLD_AFTER_INTRO = re.compile(r"[^.,]*?팔(?:려|렸|림|린|았|아)")
_QUOTE_MARK = re.compile(r"[“\"‘]")
# "돈을 벌 수 있다는 친척의 말에 속았다": told as a deception, the lure needs no place
_DECEIVED = re.compile(r"[^.]*?(?:말에|말을\s?믿고|꾐에)\s?(?:감쪽같이\s?|그만\s?)?"
                       r"(?:속았|속아|속은|넘어갔)")
_NOT_A_LIE = re.compile(r"^\S*\s?(?:건|것은)?\s?(?:아니|거짓말이\s?아니)")


# the man (or his family) who paid the broker, named just before "브로커에게 … 주고"
_PAYER_NOT_HER = re.compile(r"(?<![가-힣])(?:남자|남성|남편|사내|노총각|홀아비|시어머니|시아버지|"
                            r"시댁|주인|한족|조선족|중국인)\S*?(?:는|은|가|이)\s(?:\S+\s){0,2}?$")


def _recruitment(s: str, f: _Found, cues: list[Cue]) -> None:
    to_south = cx("to_south").search(s)
    for code, hits in f.by_code("recruitment").items():
        _row, m = hits[0]
        waiting = False
        if code in ("voluntary_alone", "voluntary_with_broker"):
            if not to_south and not (code == "voluntary_with_broker"
                                     and _PAYER_NOT_HER.search(s, 0, m.start())):
                # not "남자는 브로커에게 5천 위안을 주고 저를 샀다": the buyer paid the broker
                cues.append(Cue("recruitment", m.start(), m.end(), code, FACT))
            continue
        if code == "deception_job_offer" and not (_row.extra.get("deceived")
                                                  or cx("lure_place").search(s)
                                                  or _QUOTE_MARK.search(s)
                                                  or _DECEIVED.search(s, m.start())):
            continue  # "이웃이 같이 떡 장사를 하자고 했다": a plan at home, not a lure abroad
        heard = cx("hearsay").search(s, m.start()) if code == "deception_job_offer" else None
        if heard and not cx("person").search(s):
            continue  # "돈을 벌 수 있다는 말을 듣고 탈북했다": heard, not offered by anyone
        taken = code == "abducted" or bool(_row.extra.get("taken"))
        if _row.extra.get("taken") and any(c.kind == "sale" and c.start < m.start() for c in cues):
            continue  # "팔려 그 집으로 끌려갔다": taken to the buyer after the sale
        if taken and (not her(s, m.start()) or done_to_others(s, m.start(), m.end())):
            continue  # "그녀 아버지는 … 어디론가 끌려갔다", "여성들이 … 붙잡히는"
        waiting = code == "abducted" and any(r.extra.get("unless_lure") for r, x in hits if x is m)
        if code == "introduced_marriage" and _SOLD_AFTER_INTRO.match(s, m.end()):
            continue  # "브로커 소개로 한족 남성에게 3만 위안에 팔림": a sale, not a match
        if code == "introduced_marriage" and any(c.kind == "sale" and c.start < m.start()
                                                 for c in cues):
            # "중국에 팔려갔다 … 두 번이나 시집보내고": married off after the sale, not a match
            continue
        if taken and cx("not_abduction").search(s):
            continue  # "잡혀서 북한으로 끌려갔다": taken back by the police
        if code in ("deception_job_offer", "drugged"):
            # the lie is reported speech ("일자리 준다고 해서"): only an explicit denial cancels it
            st = DENIED if _NOT_A_LIE.match(s[m.end():]) else FACT
        else:
            st = korean_status(s, m.end() - 1, m.end())
            if st == UNREAL and _row.extra.get("lure") and cx("said_lure").match(s, m.end()) and (
                    cx("person").search(s) or f.by_code("relation")):
                # "지인이 중국에 가면 인생이 바뀐다는 말에", "잘 살 수 있을 거라는 브로커들의 말을
                # 듣고": the promise someone made her, told as reported speech
                st = FACT
        extra = {"unless_lure": True} if (code == "abducted" and waiting) or _row.extra.get(
            "taken") else {}
        if _row.extra.get("deceived"):
            extra["own_departure"] = True  # she left by her own will, and was deceived on the way
        cues.append(Cue("recruitment", m.start(), m.end(), code, st, extra=extra))
        if code == "abducted" and st == FACT and not cx("known_person").search(s):
            cues.append(Cue("relation", m.start(), m.end(), "stranger"))  # abductors nobody names
        if code == "drugged":
            cues.append(Cue("violence", m.start(), m.end(), "drugging", FACT,
                            extra={"recruitment": True}))


_SUBJECT_AFTER = re.compile(r"^\s?\S*?(?:가|이|께서|는|은)\s")
_DESCRIBED_AS = re.compile(r"^\S*\s?(?:는|은)?\s?\S*(?:였|이었)")
_WORDS_OF = re.compile(r"^\s?\S*?의\s?(?:말|꾐|꼬임|제안|소개|약속)")
_BROKER_AFTER = re.compile(r"^\S*\s?(?:브로커|중매)")
_SOLD_TO = re.compile(r"^\S*?(?:한테|에게|에(?!게))\s?(?!속)(?:\S+\s){0,4}?(?:\S+로\s)?(?:팔|시집)")
# "조선족한테| 팔려서"
_SOLD_TO_HERE = re.compile(r"^\s?(?!속)(?:\S+\s){0,4}?(?:\S+로\s)?(?:팔|시집)")
_INTRODUCED_TO = re.compile(r"^(?:를|을)\s?(?:\S+\s)?소개")
_DENOUNCED = re.compile(r"^\S*?(?:의|이|가)\s?(?:신고|밀고)")
_ACQUAINTANCE = ("neighbour_or_villager", "friend", "relative", "couple")
_SOUGHT = re.compile(r"\S{0,2}?(?:을|를)\s?(?:찾|만나|보러|보려|도우|돕)")


def _relations(s: str, f: _Found, cues: list[Cue]) -> None:
    """Everyone who recruited, moved, held or sold her: coded by relationship first, then
    ethnicity."""
    lure = next((m for code in ("deception_job_offer", "other") for _r,
                 m in f.by_code("recruitment").get(code, [])[:1]),
                # "옆집 아주머니가 공장 일이 있다고 했어요", "낯선 할머니가 '…쌀밥을 실컷 먹는다'고"
                None)
    role = cx("role")
    for code, hits in f.by_code("relation").items():
        for row, m in hits[:1]:
            # "혜산에서 왔다는 여자", a broker paid in North Korean money
            if row.extra.get("always"):
                cues.append(Cue("relation", m.start(), m.end(), code))
    if not (role.search(s) or cx("broker_noun").search(s) or lure):
        return
    taken: list[tuple[int, int]] = []
    fallback = []
    for code, hits in f.by_code("relation").items():
        for row, m in hits:
            if row.extra.get("fallback"):
                fallback.append((row, m))
                continue
            if row.extra.get("always"):
                continue
            after = s[m.end():m.end() + 30]
            broker = cx("broker_role").search(m.group()) or _BROKER_AFTER.match(after) or \
                cx("broker_role").search(s[max(0, m.start() - 10):m.start()])
            if cx("bought_her").search(s[:m.start()]):
                continue  # "저를 마지막으로 산 사람은 … 부부였어요": the buyer
            if _SOUGHT.match(s, m.end()):
                continue  # "친척을 찾으러 중국에 갔다가": the person she went to find
            end = cx("clause_end").search(s, m.end())
            clause = s[m.end():end.end() if end else len(s)]
            if not (broker or role.search(clause) or _DESCRIBED_AS.match(after)
                    or (lure and lure.start() >= m.end() and _SUBJECT_AFTER.match(after))
                    or (lure and _WORDS_OF.match(after))):
                continue  # "외삼촌은 못 찾았고": named, but did nothing to her
            if cx("others_object").search(clause):
                continue  # "그 일당은 … 여자들을 데려다 팔았다": acting on other women
            # the buyer ("한족 남자한테 팔았어요") and the man she was introduced to are not
            # recruiters
            if not broker and (_SOLD_TO.match(after) or (m.group().endswith(("한테", "에게"))
                                                         and _SOLD_TO_HERE.match(after))):
                continue
            if _INTRODUCED_TO.match(after) or _DENOUNCED.match(after):
                continue  # the man she was introduced to; the neighbours who reported her
            if code not in _ACQUAINTANCE and cx("relationship_first").search(s[max(
                0, m.start() - 12):m.start()]):
                continue  # "그 마을 조선족 아주머니": her neighbour, whatever her ethnicity
            if code != "couple" and any(a <= m.start() < b for a, b in taken):
                continue
            if not her(s, m.start()) and not cx("me").search(s):
                continue
            cues.append(Cue("relation", m.start(), m.end(), code))
            taken.append((m.start(), m.end()))
            break
    if not taken and (lure or role.search(s)):
        # a broker of no stated ethnicity: dropped when the story names him
        for row, m in fallback[:1]:
            if (her(s, m.start())
                or cx("me").search(s)) and not cx("others_object").search(s[m.end():]):
                cues.append(Cue("relation", m.start(), m.end(), row.code,
                                extra={"noun": bool(row.extra.get("noun"))}))


def _first_of(kind: str, f: _Found, cues: list[Cue]) -> None:
    for code, hits in f.by_code(kind).items():
        _row, m = hits[0]
        cues.append(Cue(kind, m.start(), m.end(), code or None))
        if not code:
            return


_RIVER = re.compile(r"(?P<r>두만강|압록강)")
_NOT_THAT_RIVER = re.compile(r"[이가]?\s?아니(?:라|고)")
# the river as a sight or a guarded line, not crossed: "압록강 건너편 마을", "두만강 경비가 삼엄"
# ("두만강 건너편에서 기다리던 조직": on the far bank, she had crossed it)
_RIVER_NOT_CROSSED = re.compile(
    r"\s?(?:(?:건너편|맞은편)(?!\s?에서)|너머(?!\s?로)|경비|국경\s?경비)")
_PROVINCE_NOW = re.compile(
    r"(?P<p>길림성|지린성|흑룡강성|헤이룽장성|요녕성|랴오닝성|산동성|산둥성|내몽골|"
    r"내몽고)\S*\s?(?:\S+\s){0,3}?"
                           r"(?:살고\s?있|거주|삽니다|살아요|살고요|지내고\s?있)")


def _analyse(s: str, prev: str, f: _Found) -> list[Cue]:
    cues: list[Cue] = []
    _sales(s, f, cues)
    _totals(s, prev, f, cues)
    _violence(s, f, cues)
    _births(s, cues)
    _journey(s, prev, f, cues)
    _exploitation(s, f, cues)
    _detention(s, f, cues)
    _hukou(s, cues)
    for m in _RIVER.finditer(s):
        if _NOT_THAT_RIVER.match(s[m.end():]) or _RIVER_NOT_CROSSED.match(s[m.end():]):
            continue  # "압록강이 아니라 두만강을", "압록강 건너편 마을을 바라보며"
        if not her(s, m.start()):
            continue  # "남동생은 두만강을 건너다 익사했다": another person's river
        if cx("not_a_crossing").match(s[m.end():].partition(" ")[2]):
            continue  # "강을 건너는 행위를 처벌": crossing in general, not hers
        cues.append(Cue("river", m.start(), m.end(), "Tumen" if m.group("r") == "두만강"
                        else "Yalu"))
    if f.matches("transit"):
        cues.append(Cue("abroad", 0, 0))
    _first_of("alone", f, cues)
    _first_of("broker_voluntary", f, cues)
    _recruitment(s, f, cues)
    _relations(s, f, cues)
    _first_of("buyer", f, cues)
    _first_of("purpose", f, cues)
    now = _PROVINCE_NOW.search(s)
    if now:
        from casebook.extract.places import china_province

        cues.append(Cue("province_now", now.start("p"), now.end("p"),
                        china_province(now.group("p"))))
    return cues


def _ko_count(s: str | None) -> int:
    if not s:
        return 1
    s = s.replace(" ", "")
    if s[0].isdigit():
        return int(s[0])
    return {"하나": 1, "한명": 1, "한": 1, "둘": 2, "두명": 2, "두": 2, "셋": 3, "세명": 3, "세": 3,
            "네": 4}.get(s, 1)


def person_facts(text: str, header_end: int, existing: list[Fact]) -> list[Fact]:
    """Origin, birth year, surname and province stated in the text (see :mod:`korean_person`)."""
    from casebook.extract.korean_person import person_facts as _person_facts

    return _person_facts(text, header_end, existing)


def refine(b, sents) -> None:
    """Document-level corrections after the walk (see :mod:`casebook.extract.korean_refine`)."""
    from casebook.extract.korean_refine import refine as _refine

    _refine(b, sents)
