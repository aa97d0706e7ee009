"""Is a trigger word stated as fact, denied, or only planned, feared or threatened?

"He planned to sell me" and "I was not sold" must not become a sale; "I was not sold" is
still worth knowing (``times_sold`` = 0). Each check looks at the clause around the trigger:
from the last clause boundary before it to the trigger (English) or from the trigger to the
end of the clause (Korean, where negation and mood follow the verb).
"""

from __future__ import annotations

import re
from functools import lru_cache

from casebook.extract import rules

FACT, DENIED, UNREAL = "fact", "denied", "unreal"

# (rules.lead_compile: the same matches behind a look-ahead of their first characters, faster
# where a pattern starts with a word start or look-behinds; see rules.lead_form)
_EN_BOUNDARY = rules.lead_compile(
    r"[;:(\[\]“”\"]|,(?=\s)|\b(?:but|because|so|then|after|before|until|and|when|while|"
                          r"although|though|where|who|whom|which)\b", re.IGNORECASE)
_EN_DENY = rules.lead_compile(
    r"\b(?:not|never|no\s+one|nobody|neither|nor|didn[’']?t|wasn[’']?t|weren[’']?t|"
                      r"haven[’']?t|hasn[’']?t|hadn[’']?t|don[’']?t|doesn[’']?t|isn[’']?t|"
                      r"aren[’']?t|"
                      r"no\s+longer|without\s+being|unable\s+to|failed\s+to)\b|n[’']t\b",
                      re.IGNORECASE)
_EN_UNREAL = rules.fast_compile(
    r"\b(?:would|could|might|may|will|shall|should|wanted\s+to|want\s+to|wants\s+to|planned\s+to|"
    r"plans?\s+to|"
    r"planning\s+to|going\s+to|gonna|about\s+to|tried\s+to|trying\s+to|tries\s+to|threaten(?:ed|"
    r"s)?\s+to|"
    r"intend(?:ed)?\s+to|meant\s+to|wished\s+to|hoped\s+to|if|unless|whether|"
    r"afraid|feared|fear|worried|dread|dreaded|dreads|terrified|scared|in\s+case|instead\s+of|"
    r"rather\s+than|refused\s+to|think|thought|guess|suppose|(?:am|i[’']m|is|was)\s+sure|probably|"
    r"imminent|impending|looming|upcoming|awaits?|awaiting|"
    r"avoid(?:ed)?|escape(?:d)?\s+(?:being|before)|before\s+(?:he|they|she)\s+could|"
    r"heard\s+(?:that\s+)?(?:I|we|she)\s+(?:was|were|would)\s+(?:going|about)|"
    r"was\s+to\s+be|were\s+to\s+be|rumou?r|begged|pleaded|asked\s+(?:them|him|her)\s+to|"
    r"allow\s+(?:me|us)\s+to)\b", re.IGNORECASE)
_EN_KNOW = rules.fast_compile(
    r"\b(?:know|knew|remember|recall|sure)\b[^.;]{0,20}\b(?:how\s+much|the\s+price|what\s+price|"
                      r"the\s+amount|for\s+how\s+much)\b", re.IGNORECASE)


# "I was almost sold": a foiled event (told, so worth a 0); not "almost every day", and "almost
# beaten to death" was beaten
_EN_ALMOST = rules.fast_compile(
    r"\b(?:almost|nearly)\b(?!\s+(?:every|all|always|daily|each|half|twice|once|a\s+(?:year|month|"
                        r"week|decade)|one|two|three|four|five|six|ten|\d))", re.IGNORECASE)
_EN_TO_DEATH = re.compile(
    r"^\W*(?:\w+\s+){0,3}?(?:to\s+death|unconscious|senseless|half[\s-]dead)\b", re.IGNORECASE)
_EN_WOULD = re.compile(r"\bwould(?:\s+often|\s+always|\s+sometimes)?\b|\bused\s+to\b", re.I)
_EN_CONDITION = rules.fast_compile(
    r"\b(?:if|unless|threaten\w*|warned|said|told|promised|otherwise|or\s+else)\b", re.I)
# "I think we have been sold": a belief, not a told fact (its clause keeps the verb of belief)
_EN_BELIEF = rules.lead_compile(
    r"\b(?:think|thought|guess|guessed|suppose|supposed|believe|believed|imagine|imagined|assume|"
                        r"assumed|wonder|wondered|(?:am|is|was|are|were|[’']m)\s+(?:sure|certain|"
                        r"convinced))\s+(?:that\s+)?$",
                        re.I)
_EN_SUBJECT = rules.fast_compile(r"\b(?:I|we|she|he|they)\b(?=[^.;]*$)", re.IGNORECASE)
_EN_SUBORDINATOR = rules.fast_compile(r"\b(?:if|unless|whether|in\s+case|lest|so\s+that)\s*$",
                              re.IGNORECASE)


# the month, not the modal: "In May 2003 she paid a guide", "May 2001", "early May"
_EN_MONTH_MAY = rules.lead_compile(r"(?<=\S\s)May\b|\bMay(?=\s*(?:\d|,|of\b))")


@lru_cache(maxsize=1024)
def english_status(sentence: str, trigger_start: int, trigger_end: int | None = None,
                   since: int | None = None,
                   habitual: bool = False) -> str:
    """``fact``, ``denied`` or ``unreal`` for the English trigger at ``trigger_start``; with
    ``since``, the clause runs from there over commas and "and" (a list of verbs shares its mood);
    with ``habitual``, "he would beat me" is what he used to do, not a possibility (unless an "if"
    or a threat makes it one)."""
    head = _EN_MONTH_MAY.sub("   ", sentence[:trigger_start])
    cut = 0
    for m in _EN_BOUNDARY.finditer(head):
        cut = m.end()
    if since is not None:
        cut = min(cut, since)
    clause = head[cut:]
    # "Thinking she might be in China she crossed": a new subject starts the clause of the trigger
    # (but "if I was caught" keeps its "if")
    start = 0
    for m in _EN_SUBJECT.finditer(clause):
        if not _EN_SUBORDINATOR.search(clause[:m.start()]) and not _EN_BELIEF.search(
            clause[:m.start()]):
            start = m.start()
    clause = clause[start:]
    # "not sure how much they got for me": a sale happened; only its price is unknown
    if _EN_KNOW.search(sentence[max(0, trigger_start - 60):trigger_start + 5]):
        clause = _EN_KNOW.sub(" ", clause)
        clause = re.sub(r"\b(?:do|did|does)\s+not\b|\b(?:don|didn|doesn)[’']t\b", " ", clause,
                        flags=re.IGNORECASE)
    if habitual and _EN_WOULD.search(clause) and not _EN_CONDITION.search(head):
        clause = _EN_WOULD.sub(" ", clause)
    if _EN_UNREAL.search(clause):
        return UNREAL
    if _EN_ALMOST.search(clause):
        return FACT if trigger_end is not None and _EN_TO_DEATH.search(sentence[
            trigger_end:]) else DENIED
    if _EN_DENY.search(clause):
        return DENIED
    # "were not 'sold'" with the negation right after an auxiliary inside the trigger
    if trigger_end is not None and _EN_DENY.search(sentence[trigger_start:trigger_end]):
        return DENIED
    return FACT


_KO_DENY_AFTER = re.compile(
    r"^[가-힣]{0,4}?(?:지\s?(?:않|못|안)|지는\s?(?:않|못)|ㄴ\s?적\s?(?:은|이)?\s?없|적(?:은|이|"
    r"도)?\s?(?:한\s?번도\s?)?없|"
    r"(?:은|는|ㄴ)\s?적(?:은|이)?\s?(?:한\s?번도\s?)?없)")
_KO_DENY_BEFORE = re.compile(r"(?:^|\s)(?:안|못|한\s?번도)\s?$")
# "다시는 북송되지 않도록", "다시는 잡히고 싶지 않다": never again, a wish (a page cut after "다시는
# 북송" too), not an event
_KO_NEVER_AGAIN = re.compile(r"(?:^|\s)다시는\s(?:\S+\s)?$")
_KO_UNREAL_AFTER = re.compile(
    r"^[가-힣]{0,4}?(?:려고|려다|려는|려 했|려고\s?했|려고\s?한|겠|ㄹ\s?거|을\s?거|ㄹ\s?뻔|을\s?뻔|"
    r"뻔|"
    r"면\s|으면|거라|것이라|기로|자고|라고\s?협박|다고\s?협박|ㄴ다고\s?(?:했|말)|는다고|한다고|"
    r"기\s?전에|지\s?말|지도\s?모르|지도\s?모른|지도\s?몰라|지\s?않을까|지\s?않을지|"
    r"지\s?않을까\s?봐)")
# "(잡혀) 북송되는 것이 아닐까 마음 졸이며": a worry, not an event (a verb chained before it too)
_KO_WORRY = re.compile(r"[가-힣]{0,4}?(?:\s[가-힣]{1,6}?)?는\s?(?:것|게)\s?(?:이\s?)?아닐까")


# "잡혀 북송돼 맞을지도 모른다는", "체포를 당할까봐": a fear told after the event's word
# "공안에 적발돼 강제 북송되면 …": a verb chained to a condition is part of it
_KO_CHAIN_IF = re.compile(
    r"[가-힣]{0,2}(?<=[돼혀려어아워])\s(?:[^\s.,]+\s)?[^\s.,]*(?:되|돼|당하|하)면\s")
_KO_MAYBE = re.compile(r"지도\s?(?:모르|모른|몰라)|까\s?(?:봐|봐서|싶어|싶은|두려|겁|무서|걱정)")
# "이번에 또 체포되면 북송되어 …": an event told after a condition is not (yet) a fact
_KO_IF_BEFORE = re.compile(r"(?:되|돼|하|히|지|가|오|리|기|나|보|키|치|으)면\s(?:[^\s.,]+\s){0,4}$")


# a verb chain that ends in a wish: "만나 잘 살고 싶다" (up to the clause's end, no past tense)
_KO_WISH = re.compile(r"[^,.!?“”\"]{0,16}?고\s?싶")
_KO_CLAUSE_END = re.compile(r"는데|지만|니까|어서|아서")
# the words after a trigger: "될지 모르는" (one word), "될 위험이" (a word and a noun)
_KO_NEXT_WORDS = re.compile(r"\s?(?P<w>[가-힣]{1,4})(?:\s(?P<n>[가-힣]+))?")
_KO_PROSPECT_ENDINGS = ("지", "까")
_KO_PROSPECT_NOUN = re.compile(
    r"(?:경우|위험|위기|가능성|우려|계획|예정|처지)|(?:것|거)(?:이|라|야|을|으로|란)")


def _ko_prospective(after: str) -> bool:
    """A verb in the prospective form (final ㄹ: 될, 당할, 잡힐) followed by 지/까 or by a noun of
    risk or plan ("될 경우", "당할 위험", "될 것"): a possibility, not an event. "…될 때" (each
    time it happened) and "…할 수 있었다" (she managed to) are not read here."""
    m = _KO_NEXT_WORDS.match(after)
    if m is None:
        return False
    word, noun = m.group("w"), m.group("n") or ""
    if word in ("을", "를"):
        return False  # a particle ("북송을 당할"), not the verb
    for k, ch in enumerate(word):
        if (ord(ch) - 0xAC00) % 28 == 8:  # final ㄹ
            rest = word[k + 1:]
            if rest:
                return rest.startswith(_KO_PROSPECT_ENDINGS)
            return _KO_PROSPECT_NOUN.match(noun) is not None
    return False


# the end of the predicate a trigger belongs to ("…가 기다린다고| 들었다")
_KO_PREDICATE_END = re.compile(r"[고며]\s|다(?:[\s.]|$)|다는\s|지만\s|는데\s|[,.]")
_KO_CASE = re.compile(r"(?P<v>[가-힣])\s?경우(?:에는|에도|에)?\s[^.]*$")


def _ko_in_case(before: str) -> bool:
    """"잡힐 경우 매질과 …": what follows "in case it happens" is a possibility."""
    m = _KO_CASE.search(before)
    return m is not None and (ord(m.group("v")) - 0xAC00) % 28 == 8  # 될, 당할: final ㄹ


def _past(ch: str) -> bool:
    """A syllable that carries the past-tense ㅆ (건넜, 팔렸, 나섰): "건넜다고" is told, not
    planned."""
    return "가" <= ch <= "힣" and (ord(ch) - 0xAC00) % 28 == 20


# a case note's nominal denial: "북송 이력 없음", "체포·북송 없음", "인신매매 피해 없음"
_KO_NOUN_NONE = re.compile(r"(?:\s?[·ㆍ,/]\s?[가-힣]{1,4})*\s?"
                           r"(?:(?:경험|이력|전력|사실|기록|피해|경력)\s?)?"
                           r"(?:은|는|도|이)?\s?없(?:음|다|었|고|으며|어|습니다)")
# the danger of it, not it: "체포 위기 모면", "북송 위기에 처한"
_KO_DANGER = re.compile(r"\s?(?:의\s?)?(?:위기|위험|직전)")


_KO_QUOTED_IF = re.compile(r"(?:다는|라는|다고|자고|다며|단)\s")
# a case note's nominal past ("…따라감.", "…팔림", "…체포됨"): told as done
_KO_NOMINAL_DONE = re.compile(r"[^\s.,]*?(?:감|함|됨|림|짐|옴|남|섬)(?=\s?[.,/·]|\s?$)")


def korean_status(sentence: str, trigger_start: int, trigger_end: int) -> str:
    """``fact``, ``denied`` or ``unreal`` for a Korean verb trigger (negation follows it)."""
    if _KO_NOUN_NONE.match(sentence, trigger_end):
        return DENIED
    if _KO_DANGER.match(sentence, trigger_end):
        return UNREAL
    after = sentence[trigger_end:trigger_end + 16]
    before = sentence[max(0, trigger_start - 8):trigger_start]
    if _KO_UNREAL_AFTER.search(after) or _KO_CHAIN_IF.match(sentence, trigger_end):
        return UNREAL
    if "다시는" in sentence and _KO_NEVER_AGAIN.search(sentence, 0, trigger_start):
        return UNREAL
    if "아닐까" in sentence and _KO_WORRY.match(sentence, trigger_end):
        return UNREAL
    if _ko_prospective(sentence[trigger_end:trigger_end + 16]):
        return UNREAL  # "북송될지 모르는", "북송 될 위험", "체포될 경우": not (yet) an event
    wish = _KO_WISH.match(sentence, trigger_end) if "싶" in sentence else None
    if wish and not any(_past(ch) for ch in sentence[trigger_start:wish.end()]) and not \
            _KO_CLAUSE_END.search(wish.group()):
        return UNREAL  # "좋은 남자를 만나 잘 살고 싶다": a wish, not an event
    maybe = _KO_MAYBE.search(sentence, trigger_end)
    if maybe and not any(_past(ch) for ch in sentence[trigger_start:maybe.start()]):
        return UNREAL  # a fear, not an event
    cond = _KO_IF_BEFORE.search(sentence[max(0, trigger_start - 40):trigger_start])
    if cond and not any(_past(ch) for ch in sentence[trigger_start:]) and not (
            _KO_NOMINAL_DONE.match(sentence, trigger_start)
            and _KO_QUOTED_IF.search(cond.group())):
        # (a case note's "중국에 가면 잘 산다는 이웃을 따라감": the if is inside the lure she
        # heard, and the nominal verb is told as done; "잡히면 북송됨" stays a rule, not an event)
        return UNREAL  # "잡히면 … 맞았고" (past: what happened each time) stays a fact
    if "경우" in sentence and _ko_in_case(sentence[max(0, trigger_start - 40):trigger_start]):
        cut = _KO_PREDICATE_END.search(sentence, trigger_end)
        if not any(_past(ch) for ch in sentence[trigger_start:cut.end() if cut else len(
                sentence)]):
            return UNREAL  # "잡힐 경우 매질이 기다린다고 들었다": the hearing is past
    hangul = re.match(r"[가-힣]*", after)  # always matches (perhaps empty)
    word = hangul.group() if hangul else ""
    k = max(word.find("다고"), word.find("다는"))
    if k > 0 and not _past(word[k - 1]) and not word.startswith("다고"):
        return UNREAL  # reported future or threat: "잡혀간다고", "판다고"
    if k == 0 and not (trigger_end and _past(sentence[trigger_end - 1])):
        return UNREAL
    if _KO_DENY_AFTER.search(after) or _KO_DENY_BEFORE.search(before):
        return DENIED
    return FACT
