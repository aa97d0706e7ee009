"""Person facts a Korean testimony states in its header or story: surname, birth year, home town,
and the Chinese province she lives in when the interview took place in China."""

from __future__ import annotations

import re

from casebook.extract import name_search
from casebook.extract.places import NK_PLACES_KO
from casebook.model import Fact

_ORIGIN = re.compile(
    r"(?:고향은|고향이)\s?(?P<p>[가-힣]+(?:\s[가-힣]+)?)|"
    r"(?P<p2>[가-힣]+(?:\s[가-힣]+)?)(?:에서\s?(?:나서|태어나|태어났|자랐|나고|왔|살았|살다)|"
    r"\s?사람이|\s?출신|에\s?살았)")
_BORN = re.compile(
    # "1988년 9월에 태어난", and a page that glues the month to the year: "19889월 … 태어난"
    r"(?P<y>19[4-9]\d|20[0-2]\d)(?:\s?년(?!대|\s?(?:초반|중반|후반))(?:에|도에)?|"
    r"(?:1[0-2]|[1-9])\s?월(?:에)?)\s?"
    r"(?:(?:\S+\s){0,3}?\S*에서\s)?(?:태어났|"
    r"태어나|태어난|출생|생(?!활|각|겼|기|산|존|일|명))|"
                   r"(?P<y2>19[4-9]\d|20[0-2]\d)\s?년(?!대)\s(?:\S+\s){1,3}?(?:출생|태생)|"
                   r"(?<![\d.])(?P<y3>[4-9]\d)\s?년생")  # "91년생": born in 1991
_CHILD_NEAR = re.compile(r"(?:아들|딸|애|아이|자녀|동생|남편|큰애|작은애)\S*\s?(?:\S+\s?){0,2}$")
# Hangul surnames, for "박○○", "윤씨", "저는 강순옥이에요", "리명옥 (가명)"
_KO_SURNAMES = set("김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남"
                   "심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설"
                   "마길연위표명기반왕금옥육인맹제모탁국어은편용예봉경사부가복태"
                   "목형피두감음빈동온호범좌라리림량려로")
_SURNAME_RES = (
    re.compile(r"(?:^|[\s:—\-/(])(?P<s>[가-힣])○○"),
    re.compile(r"(?:구술자|이름)\s?[:：]\s?(?P<s>[가-힣])[가-힣]{1,2}\s?\(가명\)"),
    re.compile(r"(?:^|\s)(?P<s>[가-힣])씨[,.\s](?!\s?성을\s?가진\s(?:\S+\s)?(?:브로커|남성|남자|남편|사내|"
               r"중국인|한족|조선족|인신매매))"),
    re.compile(r"저는\s(?P<s>[가-힣])[가-힣]{1,2}(?:이에요|예요|입니다|이라고\s?합니다)"),
    # "…한국에 온 탈북자 채민경이라고 합니다", "제 이름은 박은주입니다": she introduces herself
    re.compile(
        r"(?:탈북자|탈북민|탈북\s?여성|제\s?이름은)\s(?P<s>[가-힣])[가-힣]{1,2}(?:이라고|라고|"
        r"이에요|예요|입니다)"),
    # a name line over a first-person letter: "탁영숙 (51세)"
    re.compile(
        r"(?:^|\n)(?!어머니|아버지|할머니|할아버지)(?P<s>[가-힣])[가-힣]{2}\s?\((?:\d{1,2}\s?(?:세|"
        r"살)|가명)"),
    # a case note's profile line: "(엄마 김영희, 30대 여성, 함경북도, …)"
    re.compile(r"(?:^|[\s(,])(?P<s>[가-힣])[가-힣]{2}\s?,\s?(?:\d0대|\d{2}\s?(?:세|살))\s?(?:여성|여)\b"),
    # a testimony's byline: "송미란 2005년 입국"
    re.compile(r"(?:^|\n)\s*(?P<s>[가-힣])[가-힣]{2}\s(?:19|20)\d\d\s?년\s?(?:입국|탈북)"),
    # she introduces herself after a few words: "저는 올해 서른이 되는 한미숙이라고 합니다",
    # "저는 스무 살의 처녀 한미숙 입니다"
    re.compile(r"저는\s(?:\S+\s){0,5}?(?P<s>[가-힣])[가-힣]{2}(?:이)?라고\s?(?:합니다|해요)"),
    re.compile(r"저는\s(?:\S+\s){0,4}?(?:처녀|여성|여자|엄마)\s(?P<s>[가-힣])[가-힣]{2}\s?"
               r"(?:이에요|예요|입니다)"),
    # a church page's title for her: "탈북 자매 한미숙 간증", "한미숙 자매(30세, 가명)는"
    re.compile(r"(?:탈북\S*|자매|성도)\s(?P<s>[가-힣])[가-힣]{2}\s(?:간증|수기|이야기)"),
    re.compile(r"(?:^|\s)(?P<s>[가-힣])[가-힣]{2}\s?(?:자매|성도)\s?\("),
)
_INTERVIEW_PLACE = re.compile(r"면담|거주|인근|근처")

# her home as written, province and town together: "함경북도 회령 출신인", "북한 양강도 태생",
# "고향은 함북 무산", "(양강도) 혜산에서 왔습니다" (an editor's bracket is not part of it)
_NK_PROVINCE = (r"(?:함경북도|함경남도|양강도|량강도|자강도|평안북도|평안남도|"
                r"황해북도|황해남도|강원도|함경도|평안도|황해도|함북|함남|평북|평남)")
_NK_TOWN = "(?:" + "|".join(sorted(NK_PLACES_KO, key=len, reverse=True)) + r")(?:시|군|읍|구역)?"
# a third word only when it names a mine, a village or a district ("황해남도 태탄군 지촌광산")
_NK_WRITTEN = (rf"(?:{_NK_PROVINCE}(?:\s?(?:\([^)]*\))?\s?(?:{_NK_TOWN}|"
               r"[가-힣]{1,4}(?:시|군|구역|동|읍)|(?!작은|어느|외딴|시골|산골|조그만)[가-힣]{2,3})"
               rf"(?:\s[가-힣]{{1,5}}(?:광산|리|동|읍|구역|노동자구|로동자구))?)?|{_NK_TOWN})")
_HOME = re.compile(
    rf"(?<![가-힣])(?P<p>{_NK_WRITTEN})(?:\s?\([^)]*\))?(?:\s[가-힣]+){{0,2}}?\s?(?:출신|태생|출생|"
    r"에서\s?(?:\S+\s)?(?:태어|나서|나고|자랐|자란|출생))|"
    rf"(?:고향(?:은|이|인|\s*[:：])|(?:출신(?:지)?|출생지)\s*[:：])\s?(?:북한\s)?(?P<p2>{_NK_WRITTEN})|"
    rf"(?<![가-힣(])(?P<p3>{_NK_WRITTEN})(?:에서\s?왔(?:습니다|어요|다|고)|\s?사람(?:이에요|입니다|"
    r"이다|이고|이었))(?![가-힣])|"
    rf"(?<![가-힣(])(?P<p4>{_NK_WRITTEN})(?:이|가)\s?고향|"  # "양강도 혜산이 고향으로"
    # a case note's profile line: "(엄마 김영희, 30대 여성, 함경북도, 아들 …)"
    rf"(?:\d0대|\d{{2}}\s?(?:세|살))\s?여성\s?,\s?(?P<p6>{_NK_WRITTEN})(?=\s?[,)])|"
    # "함경북도 무산에 살던 그녀는": where she lived before she left, said of her
    rf"(?<![가-힣(])(?P<p5>{_NK_WRITTEN})에\s?살던\s(?:그녀|저|나|"
    rf"(?P<who>[가-힣])[가-힣]{{0,2}}\s?씨)(?:는|가)\s|"
    # "저는 함경북도 청진시에 살다가 …", "박씨는 … 혜산에 살고 있었다": said of her, before she left
    rf"(?:저는|나는|그녀는|(?P<who2>[가-힣])[가-힣]{{0,2}}\s?씨는)\s(?:\S+\s){{0,3}}?"
    rf"(?P<p7>{_NK_WRITTEN})에\s?살(?:다가|고\s?있었|았)")
# "함경북도 출신 두 젊은 여성", "청진 출신의 남성 탈북자": the home of a group or of a man, not hers
# another person as the clause's subject just before a home town: "그녀의 남편은 함경북도 청진 출신"
_RELATIVE_BEFORE = re.compile(
    r"(?:남편|어머니|아버지|엄마|아빠|언니|오빠|누나|형|동생|남동생|여동생|친구|브로커|시어머니|"
    r"아들|딸|부모|부모님|이모|고모|삼촌|외삼촌|사촌)(?:은|는|이|가|도)\s(?:[^\s.]+\s){0,2}$")
_OTHERS_HOME = re.compile(
    r"(?:인|의)?\s(?:(?:두|세|네|다섯|여섯|일곱|여덟|\d+)\s?(?:명의?\s)?(?:\S+\s)?(?:여성|여자|"
    r"사람|탈북)|(?:\S+\s)?\S*(?:남성|남자|여성들|여자들|사람들|탈북자들|탈북민들)(?![가-힣]))")
# an age at a dated moment: "열아홉 살이던 2011년 봄", "16세가 되던 2004년", "2002년 9세 때"
_AGE = (r"(?P<a>\d{1,2}|(?:열|스물|스무|서른|마흔)?\s?(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉)?|"
        r"열|스물|스무|서른|마흔)")
_AGE_AT_YEAR = re.compile(
    rf"{_AGE}\s?(?:살|세)(?:이던|이었던|였던|가\s?되던|이\s?되던|\s?되던|인|때인)\s"
    # "당시 19세였던 그녀는 2006년": she, named between the age and the year; "27살 되던
    # 해(2011년)"
    r"(?:(?:그녀|저|제가|나|내가|[가-힣]{1,3}\s?씨)(?:는|가)?\s|해\s?\()?(?P<y>19[4-9]\d|"
    r"20[0-2]\d)\s?년|"
    rf"(?P<y2>19[4-9]\d|20[0-2]\d)\s?년\s?(?:\S+\s)?(?P<a2>\d{{1,2}}|(?:열|스물|스무|서른|"
    r"마흔)\s?(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉)?)"
    rf"\s?(?:살|세)\s?(?:때|무렵|나이에|의\s?나이(?:에|로)|에|이던|였던|이었|였)|"
    # a two-digit year of the 1940s-90s: "96년에 8살", "98년 스무 살 때"
    rf"(?<![\d.])(?P<y3>[4-9]\d)\s?년(?:도)?(?:에|에는)?\s(?P<a3>\d{{1,2}})\s?(?:살|세)"
    rf"(?![가-힣]*\s?(?:이|가)\s?(?:되|넘))")
# a Chinese province she was in: "지린(吉林) 성의 외딴 마을로 팔려 간", "랴오닝성 단둥의 … 갇혀",
# "헤이룽장성에서 살던"; the last one the report places her in is the profile's province
_PROVINCE_KO = re.compile(
    r"(?P<p>길림|지린|흑룡강|헤이룽장|요녕|랴오닝|료녕|산동|산둥|하북|허베이|내몽골|내몽고|하남|"
    r"허난|호북|후베이|"
                          r"호남|후난|강소|장쑤|절강|저장|광동|광둥|운남|윈난|안휘|안후이|복건|"
                          r"푸젠|사천|쓰촨|귀주|구이저우|"
                          r"감숙|간쑤|산서|산시|섬서|해남|하이난|청해|칭하이|강서|장시)"
                          r"(?:\s?\([^)]*\))?\s?(?:성|자치구)(?![가-힣]{0,1}(?:부|시장))")
# (a place she was held or moved in custody: "…성 단둥 변방대에 구류돼", "…성 장춘으로 이송돼")
_NOT_HER_PROVINCE = re.compile(
    r"^\S*\s?(?:을|를)?\s?거쳐|^\S*\s?출신|^\S*\s?(?:에서\s?온|사람|남자|여자)(?:\s|이|가|은|는)|"
    r"^[^.,]{0,24}?(?:변방|구류|수감|구치소|구금|이송|호송|압송)")


# a page's publication stamp ("승인 : 2010. 06. 01.", "입력 2016.07.01"), and her age in the
# bracket after her name ("방영희 씨(29·가명)", "방모(29.여) 씨"): the age on that date
_STAMP_YEAR = re.compile(
    r"(?:승인|입력|등록|작성|게재|발행)(?:일)?\s?:?\s?(?P<y>(?:19|20)\d\d)\s?[.\-/년]")
_AGE_BRACKET = re.compile(r"(?:[가-힣]{0,2}|\s?모)\s?(?:씨|양)?\s?\("
                          r"(?:가명\s?[·,]\s?|여\s?[·,.]\s?)?(?P<a>\d{1,2})(?:세|살)?(?=[·,.)])")


# a page's bare date line near its top ("2014.05.20", "작성자 2019-11-03 09:15"): prose dates
# are written "2014년 5월"
_DATE_LINE = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)[.\-/]\s?\d{1,2}[.\-/]\s?\d{1,2}(?![\d])"
                        r"|^\s*(?:(?:입력|승인|등록|작성|게재|발행|기사)\S*\s?:?\s?)?(?P<y2>(?:19|20)\d\d)년\s?"
                        r"\d{1,2}월\s?\d{1,2}일(?:\s?\(?[월화수목금토일]요?일?\)?)?(?:\s?\d{1,2}:\d\d)?\s*$",
                        re.M)
# "올해 50세인 박○○ 씨", "올 30살의 박씨": her age this year, the page's year
_NOW_BEFORE = re.compile(r"(?:(?<![가-힣])올(?:해)?|현재|지금)\s?(?:나이\s?)?$")
_AGE_THIS_YEAR = re.compile(
    r"(?<![가-힣])올(?:해)?\s(?:나이\s)?(?P<a>\d{1,2})\s?(?:세|살)(?:인|의|이며|이고|로|이던)?\s"
    r"(?!(?:\S+\s)?(?:아들|딸|아이|자녀|남편|동생|손자|손녀))")


def _age_this_year(text: str) -> Fact | None:
    """Birth year from "올해 N세" in a report dated by its page (none without a date line)."""
    from casebook.model import Evidence

    stamp = _STAMP_YEAR.search(text[:400]) or _DATE_LINE.search(text[:400])
    m = _AGE_THIS_YEAR.search(text)
    if stamp is None or m is None or _CHILD_NEAR.search(text[max(0, m.start() - 16):m.start()]):
        return None
    return Fact("birth_year", int(stamp.group("y") or stamp.group("y2")) - int(m.group("a")),
                Evidence(m.start("a"), m.end("a")), 0.5)


def _age_at_publication(text: str, existing: list[Fact]):
    """Birth year from her age in a report dated by its publication stamp (none without both)."""
    from casebook.model import Evidence

    surname = next((f.value for f in existing if f.field == "surname"), None)
    stamp = _STAMP_YEAR.search(text[:400]) or _DATE_LINE.search(text[:400])
    if not surname or stamp is None:
        return _age_this_year(text)
    hit = name_search.followed(text, [str(surname)], _AGE_BRACKET, lead="hangul")
    m = hit[1] if hit else None  # (her surname by string search: no pattern holds it)
    if m is None:
        return _age_this_year(text)
    return Fact("birth_year", int(stamp.group("y") or stamp.group("y2")) - int(m.group("a")),
                Evidence(m.start("a"), m.end("a")), 0.5)


def person_facts(text: str, header_end: int, existing: list[Fact]) -> list[Fact]:
    """Origin and birth year stated in the story itself (cleaned-text spans)."""
    from casebook.extract.places import nk_place
    from casebook.model import Evidence

    have = {f.field for f in existing}
    out: list[Fact] = []
    body = text[header_end:]
    # her home as written wins over the header's town ("고향: 함경북도 회령" is 함경북도 회령)
    surname = next((f.value for f in existing if f.field == "surname"), None)
    # "…에 살던 박 씨는": her home only when 박 is the woman the report is about
    home = next((m for m in _HOME.finditer(text) if all(
        not m.group(w) or m.group(w) == surname for w in ("who", "who2"))
                 and not _OTHERS_HOME.match(text, m.end())
                 and not _RELATIVE_BEFORE.search(text[max(0, m.start() - 24):m.start()])), None)
    if home:
        g = next(x for x in ("p", "p2", "p3", "p4", "p5", "p6", "p7") if home.group(x))
        out.append(Fact("origin_nk", home.group(g), Evidence(home.start(g), home.end(g)), 0.9))
    if "origin_nk" not in have and not home:
        for m in _ORIGIN.finditer(body):
            if _RELATIVE_BEFORE.search(body[max(0, m.start() - 24):m.start()]):
                continue  # "그녀의 남편은 청진 출신이다": his home, not hers
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
            g = next(x for x in ("y", "y2", "y3") if m.group(x))
            s = header_end + m.start(g)
            year = int(m.group(g)) + (1900 if g == "y3" else 0)
            out.append(Fact("birth_year", year, Evidence(s, s + len(m.group(g))), 0.8))
            break
        else:
            for m in _AGE_AT_YEAR.finditer(body):
                age = _age(m.group("a") or m.group("a2") or m.group("a3"))
                if age is None or _CHILD_NEAR.search(body[max(0, m.start() - 16):m.start()]):
                    continue
                if _NOW_BEFORE.search(body[max(0, m.start() - 8):m.start()]):
                    continue  # "올해 45세인 박씨는 2001년 탈북했다": her age now, not in 2001
                year = int(m.group("y") or m.group("y2") or 1900 + int(m.group("y3")))
                s = header_end + m.start()
                out.append(Fact("birth_year", year - age, Evidence(s, header_end + m.end()), 0.7))
                break
            else:
                fact = _age_at_publication(text, existing)
                if fact is not None:
                    out.append(fact)
    if "surname" not in have:
        top = text[:max(header_end, 400)]
        for rx in _SURNAME_RES:
            hit = rx.search(top)
            if hit and hit.group("s") in _KO_SURNAMES:
                out.append(Fact("surname", hit.group("s"), Evidence(hit.start("s"), hit.end("s")),
                                0.75))
                break
    if "province_china" not in have:
        fact = _interview_province(text[:max(header_end, 300)]) or _last_province(
            text, header_end, surname if isinstance(surname, str) else None)
        if fact is not None:
            out.append(fact)
    return out


def _age(word: str) -> int | None:
    from casebook.extract.numbers import korean_native_number

    w = word.replace(" ", "")
    if w.isdigit():
        return int(w) if 5 <= int(w) <= 80 else None
    return korean_native_number(w.replace("스무", "스물"))


# a relative or another woman as the clause's subject: "함께 온 언니는 산둥성으로 팔려갔다"
_KIN_SUBJECT = re.compile(
    r"(?<![가-힣])(?:어머니|아버지|엄마|아빠|언니|오빠|누나|동생|남동생|여동생|친구|딸|아들|이모|고모|"
    r"삼촌|사촌|여성들|여자들|친구들)(?:은|는|이|가|도)\s")
_HER_SUBJECT = re.compile(r"(?<![가-힣])(?:그녀|저|제|나|내|이\s여성)(?:는|가|도)\s")


# another titled woman as the subject: "김씨와 함께 팔려간 박모씨는 … 산둥성으로 넘겨졌다"
_TITLED_SUBJECT = re.compile(r"(?<![가-힣A-Za-z])(?P<s>[가-힣A-Z])\s?(?:모|○○)?\s?"
                             r"(?:\([^()]{0,12}\))?\s?씨(?:는|가|도)\s")


def _others_clause(text: str, at: int, surname: str | None = None) -> bool:
    head = text[max(text.rfind(".", 0, at), text.rfind("\n", 0, at), 0):at]
    kin = list(_KIN_SUBJECT.finditer(head)) + [
        m for m in _TITLED_SUBJECT.finditer(head) if surname and m.group("s") != surname]
    kin.sort(key=lambda m: m.start())
    if not kin:
        return False
    mine = list(_HER_SUBJECT.finditer(head)) + [
        m for m in _TITLED_SUBJECT.finditer(head) if not surname or m.group("s") == surname]
    mine.sort(key=lambda m: m.start())
    return not mine or mine[-1].start() < kin[-1].start()


def _last_province(text: str, header_end: int, surname: str | None = None) -> Fact | None:
    """The last Chinese province the story places her in ("…성의 외딴 마을로 팔려 간", "…성에
    거주했던"): the contract's province when she has since left China. A province she passed
    through, or that describes a person ("흑룡강성에서 온 남자"), does not count."""
    from casebook.extract.places import china_province
    from casebook.model import Evidence

    last = None
    for m in _PROVINCE_KO.finditer(text, header_end):
        if _NOT_HER_PROVINCE.search(text[m.end():m.end() + 30]) or _others_clause(text, m.start(),
                                                                                   surname):
            continue
        last = m
    # (a city or prefecture alone gives no province: "하얼빈의 한 농가로 팔려 간", "연변" — the
    # coders of s7-ko, s8-ko and the real accounts leave it null when no province is named)
    if last is None:
        return None
    name = china_province(last.group("p"))
    if name is None:
        return None
    return Fact("province_china", name, Evidence(last.start(), last.end()), 0.6)


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
