"""Synthetic survivor records with known truth, for tests and benchmarks (never real people).

Each synthetic woman (an *entity*) is told about in one to four testimonies, mostly to
different organisations, and each telling is noisy the way real ones are:

* the surname in Hangul (South or North Korean spelling: 이/리), in McCune–Reischauer, Revised
  Romanisation or a passport spelling (Lee, Yi, Rhee, Ri); sometimes only a pseudonym;
* the given name in Hangul, RR (Yeong-hui), MR with or without diacritics (Yŏng-hŭi / Yong-hui)
  or an informal spelling (Young-hee), hyphenated, spaced or run together, with typos;
* birth and crossing years off by one or two, or missing; the home town replaced by a
  neighbouring town of the same province; places, prices and dates partly remembered.

Names are drawn from common surnames (by rough frequency) and common syllables of women's
names of the relevant generations, so many different women share a name, as in reality.
Place ids are synthetic (``kp-…``, ``cn-…``); ``province_of`` maps them to provinces.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from casebook.linkage.names import SURNAMES, romanise
from casebook.linkage.records import PersonRecord

# Hangul surname (South Korean form), rough share of the population in per mille.
SURNAME_WEIGHTS = {
    "김": 215, "이": 147, "박": 84, "최": 47, "정": 44, "강": 22, "조": 21, "윤": 20, "장": 20,
    "임": 16, "한": 15, "오": 14, "서": 14, "신": 14, "권": 13, "황": 13, "안": 13, "송": 12,
    "유": 11, "전": 11, "홍": 11, "고": 9, "문": 9, "양": 9, "손": 9, "배": 8, "백": 7, "허": 6,
    "노": 5, "남": 5, "심": 5, "하": 5, "주": 4, "구": 4, "곽": 4, "성": 4, "차": 4, "우": 4,
    "진": 3, "민": 3, "나": 3, "지": 3, "엄": 3, "채": 3, "원": 3, "방": 2, "공": 2, "현": 2,
    "함": 2, "변": 2, "염": 2, "여": 2, "추": 1, "도": 1, "석": 1, "선": 1, "설": 1, "마": 1,
}
NORTH_FORMS = {"이": "리", "임": "림", "유": "류", "노": "로", "양": "량", "나": "라", "염": "렴",
               "여": "려"}
FIRST_SYLLABLES = "영미순정은혜경선옥춘명금향성진수현지화연숙애련복일남분설효민유서윤소보"
SECOND_SYLLABLES = "희자숙옥순미영화란주정애실심향련녀금선아경진임분숙희림월민숙나"
INFORMAL = {
    "영": ("young", "yong"), "희": ("hee", "hi", "heui"), "순": ("soon", "sun"),
    "정": ("jung", "chung", "jong"), "은": ("eun", "un"), "혜": ("hye", "hae"),
    "경": ("kyung", "kyong"), "선": ("sun", "son"), "옥": ("ok", "ock"), "춘": ("chun",),
    "명": ("myung", "myong"), "금": ("kum", "keum"), "성": ("sung",), "진": ("jin", "chin"),
    "수": ("soo", "su"), "현": ("hyun", "hyon"), "지": ("ji", "chi"), "연": ("yeon", "yon"),
    "숙": ("sook", "suk"), "련": ("ryon", "ryun", "lyon"), "복": ("bok", "pok"),
    "분": ("bun", "pun"), "자": ("ja", "cha"), "란": ("ran", "lan"), "주": ("joo", "ju"),
    "실": ("sil", "shil"), "심": ("sim", "shim"), "녀": ("nyo", "nyeo"), "임": ("im", "rim"),
}
# Synthetic place ids by province; the first towns of a list are the more common origins.
ORIGINS = {
    "kp-north-hamgyong": ["musan", "hoeryong", "onsong", "chongjin", "kyongwon", "saebyol",
                          "yonsa", "puryong", "kilju", "myonggan", "kimchaek", "hwasong"],
    "kp-ryanggang": ["hyesan", "samjiyon", "pochon", "kapsan", "unhung", "taehongdan",
                     "paegam", "kimjongsuk"],
    "kp-south-hamgyong": ["hamhung", "tanchon", "sinpo", "hongwon", "pukchong", "kowon"],
    "kp-north-pyongan": ["sinuiju", "sakju", "uiju", "chongju", "kusong"],
    "kp-chagang": ["kanggye", "manpo", "chasong", "huichon"],
    "kp-pyongyang": ["pyongyang"],
    "kp-south-pyongan": ["pyongsong", "nampo", "anju", "sunchon"],
    "kp-kangwon": ["wonsan", "munchon"],
    "kp-hwanghae": ["sariwon", "haeju", "kaesong"],
}
ORIGIN_WEIGHTS = {"kp-north-hamgyong": 45, "kp-ryanggang": 25, "kp-south-hamgyong": 10,
                  "kp-north-pyongan": 5, "kp-chagang": 4, "kp-pyongyang": 4,
                  "kp-south-pyongan": 3, "kp-kangwon": 2, "kp-hwanghae": 2}
CHINA_PLACES = [
    "yanji", "helong", "longjing", "tumen", "hunchun", "antu", "wangqing", "dunhua", "shenyang",
    "changchun", "harbin", "dandong", "qingdao", "beijing", "mudanjiang", "jilin", "tonghua",
    "baishan", "linjiang", "changbai", "dalian", "jiamusi", "qiqihar", "daqing", "yantai",
    "weihai", "hohhot", "kunming", "shanghai", "tianjin",
]
ORGANISATIONS = ("org-a", "org-b", "org-c", "org-d")
_PROVINCE = {f"kp-{town}": prov for prov, towns in ORIGINS.items() for town in towns}


def province_of(place: str) -> str | None:
    """Province of a synthetic place id (``kp-musan`` → ``kp-north-hamgyong``)."""
    return _PROVINCE.get(place)


@dataclass
class SyntheticData:
    records: list[PersonRecord]
    truth: dict[str, int]  # record id -> entity id

    def true_pairs(self) -> set[tuple[str, str]]:
        """Every pair of records of the same entity, smaller id first."""
        by_entity: dict[int, list[str]] = {}
        for rid, ent in self.truth.items():
            by_entity.setdefault(ent, []).append(rid)
        pairs: set[tuple[str, str]] = set()
        for ids in by_entity.values():
            ids.sort()
            pairs.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1:])
        return pairs


_SURNAME_SPELLINGS = {hangul[0]: romanised for _, hangul, romanised in SURNAMES if romanised}


class _Generator:
    def __init__(self, seed: int, pseudonym_rate: float) -> None:
        self.rng = random.Random(seed)
        self.pseudonym_rate = pseudonym_rate
        self.surnames = list(SURNAME_WEIGHTS)
        self.surname_cum = _cumulative(SURNAME_WEIGHTS.values())
        self.provinces = list(ORIGIN_WEIGHTS)
        self.province_cum = _cumulative(ORIGIN_WEIGHTS.values())

    def pick(self, items: Sequence, cum: list[float]):
        return self.rng.choices(items, cum_weights=cum)[0]

    def entity(self) -> dict:
        rng = self.rng
        province = self.pick(self.provinces, self.province_cum)
        towns = ORIGINS[province]
        town = towns[min(int(rng.expovariate(0.5)), len(towns) - 1)]
        birth = int(min(2008, max(1958, rng.gauss(1984, 9))))
        crossing = min(2024, max(1995, birth + rng.randint(14, 34)))
        places = rng.sample(CHINA_PLACES[:12] if rng.random() < 0.7 else CHINA_PLACES,
                            rng.randint(1, 4))
        return {
            "surname": self.pick(self.surnames, self.surname_cum),
            "given": rng.choice(FIRST_SYLLABLES) + rng.choice(SECOND_SYLLABLES),
            "birth": birth, "origin": f"kp-{town}", "province": province,
            "crossing": crossing, "places": [f"cn-{p}" for p in places],
            "children": rng.choice((0, 0, 1, 1, 1, 2, 2, 3)),
            "prices": [round(rng.lognormvariate(7.3, 0.7), -1) for _ in range(rng.randint(0, 3))],
            "years": sorted({crossing + rng.randint(0, 8) for _ in range(rng.randint(1, 4))}),
        }

    def surname_text(self, hangul: str) -> str | None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.04:
            return None
        if roll < 0.28:
            return NORTH_FORMS.get(hangul, hangul) if rng.random() < 0.5 else hangul
        spellings = _SURNAME_SPELLINGS.get(hangul, (romanise(hangul),))
        index = min(int(rng.expovariate(0.9)), len(spellings) - 1)
        return spellings[index].capitalize()

    def given_text(self, hangul: str) -> str | None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.04:
            return None
        if roll < 0.26:
            return hangul
        system = rng.choice(("rr", "mr", "mr_plain", "informal", "informal"))
        parts = []
        for syllable in hangul:
            if system == "informal" and syllable in INFORMAL:
                parts.append(rng.choice(INFORMAL[syllable]))
            elif system == "rr":
                parts.append(romanise(syllable))
            else:
                text = romanise(syllable, "mr")
                parts.append(text.replace("ŏ", "o").replace("ŭ", "u") if system == "mr_plain"
                             else text)
        joiner = rng.choice(("-", "-", " ", ""))
        name = parts[0].capitalize() + joiner + (parts[1].capitalize() if joiner == " "
                                                   else parts[1])
        if rng.random() < 0.05 and len(name) > 3:  # a typo: one letter dropped or doubled
            i = rng.randrange(1, len(name) - 1)
            name = name[:i] + name[i + 1:] if rng.random() < 0.5 else name[:i] + name[i] + name[i:]
        return name

    def record(self, rid: str, org: str, e: dict) -> PersonRecord:
        rng = self.rng
        pseudonym = rng.random() < self.pseudonym_rate
        surname: str | None
        given: str | None
        if pseudonym:
            surname, given = None, rng.choice(("Flower", "Spring", "Star", "Mother", "A")) + str(
                rng.randint(1, 999))
        else:
            surname, given = self.surname_text(e["surname"]), self.given_text(e["given"])
        birth = _jitter(rng, e["birth"], ((0.72, 0), (0.14, 1), (0.05, 2)))
        crossing = _jitter(rng, e["crossing"], ((0.66, 0), (0.2, 1)))
        roll = rng.random()
        if roll < 0.8:
            origin = e["origin"]
        elif roll < 0.88:
            origin = "kp-" + rng.choice(ORIGINS[e["province"]])
        else:
            origin = None
        places = [p for p in e["places"] if rng.random() < 0.7]
        if rng.random() < 0.1:
            places.append("cn-" + rng.choice(CHINA_PLACES))
        children = None if rng.random() < 0.2 else max(0, e["children"] - (rng.random() < 0.1))
        prices = [round(p * rng.uniform(0.85, 1.15), -1) for p in e["prices"] if rng.random() < 0.6]
        years = [y + (rng.random() < 0.1) * rng.choice((-1, 1)) for y in e["years"]
                 if rng.random() < 0.6]
        return PersonRecord(rid, org, f"testimony-{rid}", surname, given, pseudonym, birth, origin,
                            crossing, tuple(sorted(set(places))), children, tuple(prices),
                            tuple(str(y) for y in years))


def _cumulative(weights) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def _jitter(rng: random.Random, value: int, steps: Sequence[tuple[float, int]]) -> int | None:
    roll = rng.random()
    for share, delta in steps:
        if roll < share:
            return value + (rng.choice((-1, 1)) * delta if delta else 0)
        roll -= share
    return None


def generate(n_records: int, seed: int = 0, pseudonym_rate: float = 0.12,
             organisations: Sequence[str] = ORGANISATIONS) -> SyntheticData:
    """About ``n_records`` noisy records of about ``n_records / 1.6`` synthetic women."""
    gen = _Generator(seed, pseudonym_rate)
    rng = gen.rng
    records: list[PersonRecord] = []
    truth: dict[str, int] = {}
    entity_id = 0
    while len(records) < n_records:
        e = gen.entity()
        copies = rng.choices((1, 2, 3, 4), weights=(60, 25, 10, 5))[0]
        copies = min(copies, n_records - len(records))
        orgs = rng.sample(list(organisations), min(copies, len(organisations)))
        orgs += [rng.choice(organisations) for _ in range(copies - len(orgs))]
        for org in orgs:
            rid = f"r{len(records):07d}"
            records.append(gen.record(rid, org, e))
            truth[rid] = entity_id
        entity_id += 1
    return SyntheticData(records, truth)


__all__ = ["CHINA_PLACES", "ORIGINS", "SyntheticData", "generate", "province_of"]
