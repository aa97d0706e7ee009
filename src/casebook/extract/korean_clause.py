"""Whose clause it is, in a Korean sentence: hers, or another person's.

Korean drops the subject ("한족 남자한테 팔았어요": someone sold me to a Han man), so a clause is
hers unless another person is named as its subject or topic before the verb ("언니 하나는 …
팔려 갔대요", "어머니가 먼저 국경을 넘었다"). When both she and another person are named, the one
named last before the verb decides. The words are rows of ``rules/ko/context.toml``.
"""

from __future__ import annotations

import re
from functools import cache

from casebook.extract import rules


@cache
def cx(code: str) -> re.Pattern[str]:
    """A Korean context word list (``rules/ko/context.toml``) by name."""
    return rules.by_code("ko", "context", code)


def her(sentence: str, trigger: int) -> bool:
    """Is the clause at ``trigger`` about her? The subject named last before it decides: her
    (저는, 제가, a rewritten 김씨는) or another person (언니는, 어머니가, 여성들이); no subject is
    hers."""
    head = sentence[:trigger]
    others = list(cx("other_topic").finditer(head))
    if not others:
        return True
    other = others[-1]
    mes = list(cx("me").finditer(head))
    if mes and mes[-1].start() >= other.start():
        return True
    after = cx("me").search(sentence[trigger:trigger + 12])
    if (after and not _QUOTED.search(sentence, trigger, trigger + after.end())) or cx(
            "not_only_me").search(head):
        return True  # "저를 포함해서 세 명이 잡혔어요", not "언니가 팔려갔다고 저는 말했다"
    if mes and _WITH_ME.search(mes[-1].group()) and other.start() - mes[-1].end() <= 1:
        return True  # "저와 딸은 … 각각 팔려갔다": she and the other, together
    said = _SAID_AND.search(head, other.end()) if _SUBJECT_MARK.search(other.group()) else None
    if said and other.group().strip()[:-1] not in head[said.end():]:
        # "동네 여성이 중국에 가자고 해 따라나섰다가 팔렸다": the other only said it (not "언니가
        # 가겠다고 해서 언니만 팔려갔다")
        return True
    # "동네 언니들이 … 같이 건넜어요": she went with them; "같이 일하던 언니 하나는 …" is about the
    # other woman
    return bool(cx("together").search(head[other.end():]))


_WITH_ME = re.compile(r"(?:저|나)(?:와|랑|하고)$")
# the other person as a subject (이/가), whose clause ends in reported speech before the verb:
# what follows is hers
_SUBJECT_MARK = re.compile(r"(?:이|가)\s?$")
_SAID_AND = re.compile(r"(?:다|자|라|냐)고\s?(?:해서|해|하여|하길래|하니까|하니|하자|하기에)\s")
_QUOTED = re.compile(r"[다라]고\s")
_OBJECT = re.compile(r"(?P<o>[가-힣]+)(?:을|를|도)\s(?:[^\s,]+\s){0,4}$")
_CLAUSE_CUT = re.compile(r"[,.]|고\s|는데\s|지만\s|면서\s")
_HER_AS_OBJECT = re.compile(r"(?:저|나|날|우리)(?:를|을)")


def sale_is_hers(s: str, at: int, end: int, active: bool) -> bool:
    """A sale verb that tells her sale: not another woman's ("팔려나오는 여자들이 많아요"), and for
    an active verb not the sale of a thing or of others ("들쭉을 팔아", "여성들을 팔아먹는")."""
    if not her(s, at):
        return False
    # from the verb's last syllable on, so that "인신매매된| 여성 9명" is read as one relative
    # clause
    if cx("others_described").match(s[max(0, end - 1):]) and not cx("not_only_me").search(s) \
            and not cx("names_her").match(s[max(0, end - 1):]):
        return False  # not "팔려간 탈북여성 김모(34)씨는" (she, named), "… 팔려간 여성이다"
    if active:
        clause = _CLAUSE_CUT.split(s[:at])[-1]
        m = _OBJECT.search(clause)
        if m and not cx("her_object").match(m.group("o")) and not _HER_AS_OBJECT.search(clause):
            return False
    return True


_TOPIC_ONLY = re.compile(r"(?:는|은|도|들은)$")


def done_to_her(sentence: str, trigger: int) -> bool:
    """Violence: "그 부부 중 여자가 바늘로 찔렀어요" (a subject doing it) is against her; "언니는
    맞았어요" is not."""
    if her(sentence, trigger):
        return True
    topics = list(cx("other_topic").finditer(sentence[:trigger]))
    return bool(topics) and not _TOPIC_ONLY.search(topics[-1].group())


def done_to_others(sentence: str, trigger: int, end: int) -> bool:
    """"이들은 북한 여성들을 감금시킨 뒤", "감금당하고 … 착취를 받는 여성들의": other women, not
    her."""
    clause = _CLAUSE_CUT.split(sentence[:trigger])[-1]
    if cx("others_object").search(clause) and not _HER_AS_OBJECT.search(clause):
        return True
    return bool(cx("describes_women").match(sentence[end:]))
