"""Place names extraction needs to recognise: Chinese provinces and North Korean home places.

When the project gazetteer (:mod:`casebook.vocab.places`) is installed it is asked first; the
short lists here keep extraction working without it and cover the spellings testimonies use.
"""

from __future__ import annotations

import re

from casebook.errors import NotFound
from casebook.vocab import gazetteer

_CHINA = {
    "Jilin": ("jilin", "kirin", "길림", "지린", "吉林"),
    "Heilongjiang": ("heilongjiang", "heilungkiang", "흑룡강", "헤이룽장", "黑龙江"),
    "Liaoning": ("liaoning", "요녕", "랴오닝", "辽宁"),
    "Shandong": ("shandong", "shangdong", "산동", "산둥", "山东"),
    "Inner Mongolia": ("inner mongolia", "내몽골", "내몽고", "内蒙古"),
    "Hebei": ("hebei", "하북", "허베이"),
    "Beijing": ("beijing", "북경", "베이징"),
    "Tianjin": ("tianjin", "천진", "톈진"),
    "Shanghai": ("shanghai", "상해", "상하이"),
    "Guangdong": ("guangdong", "광동", "광둥"),
    "Yunnan": ("yunnan", "운남", "윈난"),
    "Zhejiang": ("zhejiang", "절강", "저장"),
    "Jiangsu": ("jiangsu", "강소", "장쑤"),
    "Henan": ("henan", "하남", "허난"),
    "Shanxi": ("shanxi",), "Shaanxi": ("shaanxi",), "Hubei": ("hubei",), "Hunan": ("hunan",),
    "Anhui": ("anhui",), "Fujian": ("fujian",), "Jiangxi": ("jiangxi",), "Sichuan": ("sichuan",),
    "Guizhou": ("guizhou",), "Gansu": ("gansu",),
}
CHINA_PROVINCE_RE = (r"(?:Jilin|Heilongjiang|Liaoning|Shandong|Shangdong|Inner\s+Mongolia|Hebei|Beijing|Tianjin|"
                     r"Shanghai|Guangdong|Yunnan|Zhejiang|Jiangsu|Henan|Shanxi|Shaanxi|Hubei|Hunan|Anhui|Fujian|"
                     r"Jiangxi|Sichuan|Guizhou|Gansu)")

NK_PLACES_EN = ["Musan", "Hoeryong", "Hoeryŏng", "Hyesan", "Chongjin", "Ch'ŏngjin", "Chŏngjin", "Chungjin", "Onsong", "Onsŏng", "Sinuiju", "Sinŭiju", "Kaesong", "Kaesŏng", "Hamhung", "Hamhŭng", "Kimchaek", "Anju", "Cholsan", "Yonsa", "Sinpo", "Pyongyang", "P'yŏngyang", "Namyang", "Saebyol", "Kyongsong", "Kilju", "Danchon", "Tanchon", "Wonsan", "Nampo", "Haeju", "Kanggye", "Manpo", "Samjiyon", "Pochon", "Puryong", "Kyongwon", "Undok", "Rason", "Rajin", "Sonbong", "Unggi", "Chagang", "Ryanggang", "Yanggang", "Kangwon", "Hamgyong", "Hamgyŏng", "Pyongan", "P'yŏngan", "Hwanghae", "Tumen-ri", "Sambong", "Kyongsang", "Hwasong", "Myonggan", "Orang", "Kimhyongjik", "Paekam", "Taehongdan", "Junggang", "Chunggang", "Unsan", "Kusong", "Jongju", "Sakju", "Uiju", "Sunchon", "Tokchon", "Kaechon", "Pyongsong", "Songchon", "Hamju", "Hongwon", "Pukchong", "Riwon", "Kowon", "Kumya", "Chonnae"]
NK_PLACES_KO = ["무산", "회령", "혜산", "청진", "온성", "신의주", "개성", "함흥", "김책", "안주", "철산", "연사", "신포", "평양", "남양", "새별", "경성", "길주", "단천", "원산", "남포", "해주", "강계", "만포", "삼지연", "보천", "부령", "경원", "은덕", "나선", "라선", "나진", "선봉", "웅기", "함경북도", "함경남도", "양강도", "자강도", "평안북도", "평안남도", "황해북도", "황해남도", "강원도", "함북", "함남", "평북", "평남", "량강도", "운흥", "대홍단", "중강", "삼수", "갑산", "풍서", "백암", "김형직", "순천", "덕천", "개천", "평성", "성천", "함주", "홍원", "북청", "이원", "고원", "금야", "천내"]
NK_PLACE_RE = (r"(?:(?:North|South)\s+)?(?:" + "|".join(re.escape(p) for p in sorted(NK_PLACES_EN, key=len, reverse=True))
               + r")")
_NK_EN_RE = re.compile(
    r"(?:(?:North|South)\s+)?(?:" + "|".join(re.escape(p) for p in sorted(NK_PLACES_EN, key=len, reverse=True)) +
    r")(?:\s+(?:City|County|Province|Town|Village|Gun|Si|District))?", re.I)
_NK_KO_RE = re.compile("(?:" + "|".join(sorted(NK_PLACES_KO, key=len, reverse=True)) +
                       r")(?:시|군|도|읍|리|구역)?")


def china_province(text: str) -> str | None:
    """Canonical English name of a Chinese province written in ``text`` (``"흑룡강성"`` → Heilongjiang)."""
    low = text.lower().strip()
    for name, aliases in _CHINA.items():
        if any(low.startswith(a) for a in aliases):
            return name
    if low.startswith("shangdong"):
        return "Shandong"
    return None


_SUFFIX = re.compile(r"(?:\s+(?:City|County|Town|Village|Gun|Si|District)|(?<=[가-힣])(?:시|군|읍|리|구역))$", re.I)
_PROVINCE = re.compile(r"Province$|^(?:North|South)\s|Chagang|Ryanggang|Yanggang|Kangwon|도$|^(?:함북|함남|평북|평남)$", re.I)


def base_name(place: str) -> str:
    """"Musan County" → "Musan", "무산군" → "무산", "Chagang Province" → "Chagang"."""
    p = _SUFFIX.sub("", place.strip())
    if not re.search(r"^(?:North|South)\s", p) and not p.endswith("도"):
        p = re.sub(r"\s+Province$", "", p)
    return p


def is_province(place: str) -> bool:
    return bool(_PROVINCE.search(place.strip()))


def nk_place(text: str) -> tuple[str, int, int] | None:
    """The North Korean place at the start of ``text`` (base name, as written) and its span."""
    m = _NK_EN_RE.match(text) or _NK_KO_RE.match(text)
    if not m:
        m = re.match(r"[A-Z][\w'’ŏŭ\-]+\s+(?:City|County)\b", text)
        if not m or china_province(m.group()):
            return None
    name = base_name(m.group())
    if is_province(m.group()) and m.group().strip().endswith("도"):
        # "함경북도 회령": prefer the city that follows the province
        rest = text[m.end():]
        m2 = re.match(r"\s+([가-힣]{2,4}?)(?:시|군|읍)?(?=\s|$|[,.]|출신|에서|사람)", rest)
        if m2 and not rest.lstrip().startswith(("출신", "사람")):
            s0 = m.end() + m2.start(1)
            return m2.group(1), s0, s0 + len(m2.group(1))
    return name, m.start(), m.start() + len(name)


def find_nk_places(text: str) -> list[tuple[str, int, int]]:
    """All North Korean places named in ``text`` (base names)."""
    out = [(base_name(m.group()), m.start(), m.end()) for m in _NK_EN_RE.finditer(text)]
    out += [(base_name(m.group()), m.start(), m.end()) for m in _NK_KO_RE.finditer(text)]
    return sorted(out, key=lambda x: x[1])


def place_id(text: str) -> str | None:
    """Gazetteer id of a place name, when the project gazetteer knows it."""
    hit = gazetteer().lookup(text)
    return hit.id if hit is not None else None


# which country an event's place should be in, when a sentence names places on both sides
_EVENT_COUNTRY = {"border_crossing": "KP", "repatriation": "KP", "detention_nk": "KP", "arrest_china": "CN",
                  "sale": "CN", "forced_marriage": "CN", "prostitution": "CN", "cybersex": "CN",
                  "forced_labour": "CN", "child_birth": "CN", "registration": "CN", "escape": "CN"}


def places_in(text: str) -> list[tuple[int, int, object]]:
    """Gazetteer places named in ``text`` (start, end, Place); empty without a gazetteer."""
    return [(a, b, p) for a, b, p in gazetteer().find_all(text)
            if p.level not in ("country", "river")]


def event_place(event_type: str, found: list[tuple[int, int, object]]) -> tuple[str, str] | None:
    """(gazetteer id, words as told) for an event from the places of its sentence."""
    if not found:
        return None
    want = _EVENT_COUNTRY.get(event_type)
    pick = next((f for f in found if getattr(f[2], "country", None) == want), None) if want else None
    if pick is None and want is None:
        pick = found[0]
    if pick is None:
        return None
    return pick[2].id, pick


def china_province_of_place(place) -> str | None:
    """English name of the Chinese province a gazetteer place lies in ("Yanji" → Jilin)."""
    if getattr(place, "country", None) != "CN":
        return None
    try:
        prov = gazetteer().province_of(place)
    except NotFound:
        return None
    return prov.en if getattr(prov, "level", "") == "province" else None
