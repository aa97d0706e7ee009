"""Place names extraction needs to recognise: Chinese provinces and North Korean home places.

When the project gazetteer (:mod:`casebook.vocab.places`) is installed it is asked first; the
short lists here keep extraction working without it and cover the spellings testimonies use.
"""

from __future__ import annotations

import re

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

NK_PLACES_EN = (
    "Musan Hoeryong Hoeryŏng Hyesan Chongjin Ch'ŏngjin Chŏngjin Chungjin Onsong Onsŏng Sinuiju Sinŭiju Kaesong Kaesŏng "
    "Hamhung Hamhŭng Kimchaek Anju Cholsan Yonsa Sinpo Pyongyang P'yŏngyang Namyang Saebyol Kyongsong Kilju Danchon "
    "Tanchon Wonsan Nampo Haeju Kanggye Manpo Samjiyon Pochon Puryong Kyongwon Undok Rason Rajin Sonbong Unggi "
    "Chagang Ryanggang Yanggang Kangwon Hamgyong Hamgyŏng Pyongan P'yŏngan Hwanghae Tumen-ri Sambong Kyongsang "
    "Hwasong Myonggan Orang Kimhyongjik Paekam Taehongdan Junggang Chunggang Unsan Kusong Jongju Sakju Uiju "
    "Sunchon Tokchon Kaechon Pyongsong Songchon Hamju Hongwon Pukchong Riwon Kowon Kumya Chonnae").split()
NK_PLACES_KO = ("무산 회령 혜산 청진 온성 신의주 개성 함흥 김책 안주 철산 연사 신포 평양 남양 새별 경성 길주 단천 "
                "원산 남포 해주 강계 만포 삼지연 보천 부령 경원 은덕 나선 라선 나진 선봉 웅기 함경북도 함경남도 "
                "양강도 자강도 평안북도 평안남도 황해북도 황해남도 강원도 함북 함남 평북 평남 량강도 운흥 "
                "대홍단 중강 삼수 갑산 풍서 백암 김형직 순천 덕천 개천 평성 성천 함주 홍원 북청 이원 고원 금야 천내").split()
_NK_EN_RE = re.compile(
    r"(?:(?:North|South)\s+)?(?:" + "|".join(re.escape(p) for p in sorted(NK_PLACES_EN, key=len, reverse=True)) +
    r")(?:\s+(?:City|County|Province|Town|Village|Gun|Si|District))?", re.I)
_NK_KO_RE = re.compile("(?:" + "|".join(sorted(NK_PLACES_KO, key=len, reverse=True)) +
                       r")(?:시|군|도|읍|리|구역)?")


def _gazetteer():
    try:
        from casebook.vocab.places import gazetteer  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        return gazetteer()
    except Exception:  # a gazetteer that cannot load must not stop extraction
        return None


def china_province(text: str) -> str | None:
    """Canonical English name of a Chinese province written in ``text`` (``"흑룡강성"`` → Heilongjiang)."""
    low = text.lower().strip()
    for name, aliases in _CHINA.items():
        if any(low.startswith(a) for a in aliases):
            return name
    if low.startswith("shangdong"):
        return "Shandong"
    return None


def nk_place(text: str) -> tuple[str, int, int] | None:
    """The North Korean place at the start of ``text`` as written, with its span in ``text``."""
    m = _NK_EN_RE.match(text) or _NK_KO_RE.match(text)
    if m:
        return m.group().strip(), m.start(), m.end()
    m = re.match(r"[A-Z][\w'’ŏŭ\-]+\s+(?:City|County)\b", text)
    if m and not china_province(m.group()):
        return m.group(), m.start(), m.end()
    return None


def find_nk_places(text: str) -> list[tuple[str, int, int]]:
    """All North Korean places named in ``text``."""
    out = [(m.group(), m.start(), m.end()) for m in _NK_EN_RE.finditer(text)]
    out += [(m.group(), m.start(), m.end()) for m in _NK_KO_RE.finditer(text)]
    return sorted(out, key=lambda x: x[1])


def place_id(text: str) -> str | None:
    """Gazetteer id of a place name, when the project gazetteer knows it."""
    g = _gazetteer()
    if g is None:
        return None
    try:
        hit = g.lookup(text)
    except Exception:
        return None
    if hit is None:
        return None
    return getattr(hit, "id", None) or (hit if isinstance(hit, str) else None)
