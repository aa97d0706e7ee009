"""Person facts a Korean testimony states in its header or story: surname, birth year, home town,
and the Chinese province she lives in when the interview took place in China."""

from __future__ import annotations

import re

from casebook.model import Fact

_ORIGIN = re.compile(r"(?:고향은|고향이)\s?(?P<p>[가-힣]+(?:\s[가-힣]+)?)|(?P<p2>[가-힣]+(?:\s[가-힣]+)?)(?:에서\s?(?:나서|태어나|태어났|자랐|나고|왔|살았|살다)|\s?사람이|\s?출신|에\s?살았)")
_BORN = re.compile(r"(?P<y>19[4-9]\d|20[0-2]\d)\s?년(?:에|도에)?\s?(?:(?:\S+\s){0,3}?\S*에서\s)?(?:태어났|태어나|출생|생(?!활|각|겼|기|산|존|일|명))")
_CHILD_NEAR = re.compile(r"(?:아들|딸|애|아이|자녀|동생|남편|큰애|작은애)\S*\s?(?:\S+\s?){0,2}$")
# Hangul surnames, for "박○○", "윤씨", "저는 강순옥이에요", "리명옥 (가명)"
_KO_SURNAMES = set("김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예봉경사부가복태목형피두감음빈동온호범좌라리림량려로")
_SURNAME_RES = (
    re.compile(r"(?:^|[\s:—\-/(])(?P<s>[가-힣])○○"),
    re.compile(r"(?:구술자|이름)\s?[:：]\s?(?P<s>[가-힣])[가-힣]{1,2}\s?\(가명\)"),
    re.compile(r"(?:^|\s)(?P<s>[가-힣])씨[,.\s]"),
    re.compile(r"저는\s(?P<s>[가-힣])[가-힣]{1,2}(?:이에요|예요|입니다|이라고\s?합니다)"),
)
_INTERVIEW_PLACE = re.compile(r"면담|거주|인근|근처")


def person_facts(text: str, header_end: int, existing: list[Fact]) -> list[Fact]:
    """Origin and birth year stated in the story itself (cleaned-text spans)."""
    from casebook.extract.places import nk_place
    from casebook.model import Evidence

    have = {f.field for f in existing}
    out: list[Fact] = []
    body = text[header_end:]
    if "origin_nk" not in have:
        for m in _ORIGIN.finditer(body):
            g = "p" if m.group("p") else "p2"
            text_g = m.group(g)
            place = nk_place(text_g)
            off = 0
            if not place and " " in text_g:
                off = text_g.rindex(" ") + 1
                place = nk_place(text_g[off:])
            if place:
                s = header_end + m.start(g) + off + place[1]
                out.append(Fact("origin_nk", place[0], Evidence(s, s + len(place[0])), 0.7))
                break
    if "birth_year" not in have:
        for m in _BORN.finditer(body):
            if _CHILD_NEAR.search(body[max(0, m.start() - 16):m.start()]):
                continue  # "아들 하나 있어요, 2004년생": her son's year
            s = header_end + m.start("y")
            out.append(Fact("birth_year", int(m.group("y")), Evidence(s, s + 4), 0.8))
            break
    if "surname" not in have:
        top = text[:max(header_end, 400)]
        for rx in _SURNAME_RES:
            m = rx.search(top)
            if m and m.group("s") in _KO_SURNAMES:
                out.append(Fact("surname", m.group("s"), Evidence(m.start("s"), m.end("s")), 0.75))
                break
    if "province_china" not in have:
        fact = _interview_province(text[:max(header_end, 300)])
        if fact is not None:
            out.append(fact)
    return out


def _interview_province(top: str) -> Fact | None:
    """Where she lives now, from a header that places the interview in China ("길림성 화룡 인근",
    "연길 인근에서 면담"); an interview in Seoul or Bangkok gives nothing."""
    from casebook.model import Evidence
    from casebook.vocab.places import find_all, province_of

    for line in top.splitlines()[:6]:
        if not _INTERVIEW_PLACE.search(line):
            continue
        for a, b, place in find_all(line):
            if place.country != "CN":
                continue
            prov = province_of(place)
            if prov.level == "province" and prov.en:
                start = top.index(line) + a
                return Fact("province_china", prov.en, Evidence(start, start + (b - a)), 0.6)
    return None
