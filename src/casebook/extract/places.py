"""Place names extraction needs to recognise: Chinese provinces and North Korean home places.

Every name comes from the gazetteer (:mod:`casebook.vocab.places`, ``vocab/data/gazetteer.toml``):
a spelling testimonies use is added there, once, and the regexes here are built from it.
"""

from __future__ import annotations

import functools
import re

from casebook.errors import NotFound
from casebook.vocab import Place, gazetteer

_HAN_CHARS = re.compile(r"[\u4e00-\u9fff]")
_HANGUL_CHARS = re.compile(r"[가-힣]")


@functools.cache
def _names(country: str, levels: tuple[str, ...], korean: bool) -> tuple[str, ...]:
    """Every spelling the gazetteer has for places of ``country`` at ``levels``, in one script
    (Latin or Hangul; Chinese characters left out), longest first."""
    out: set[str] = set()
    for p in gazetteer():
        if p.country != country or p.level not in levels:
            continue
        for n in p.names():
            if _HAN_CHARS.search(n) or bool(_HANGUL_CHARS.search(n)) != korean:
                continue
            out.add(n)
    return tuple(sorted(out, key=lambda n: (-len(n), n)))


_NK_LEVELS = ("province", "region", "city", "county", "district", "town")
NK_PLACES_EN = _names("KP", _NK_LEVELS, False)
NK_PLACES_KO = _names("KP", _NK_LEVELS, True)


def _alt(names) -> str:
    """One alternation of ``names`` factored by common prefixes (a scan then tries one character
    at most positions), spaces as any whitespace, hyphens optional."""
    root: dict = {}
    for n in names:
        node = root
        for ch in n:
            node = node.setdefault(ch, {})
        node[""] = {}

    def char(ch: str) -> str:
        return r"\s+" if ch == " " else (r"[-\s]?" if ch == "-" else re.escape(ch))

    def walk(node: dict) -> str:
        branches = [char(ch) + walk(node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return walk(root) or "(?!)"


NK_PLACE_RE = r"(?:(?:North|South)\s+)?(?:" + _alt(NK_PLACES_EN) + r")"
_NK_EN_RE = re.compile(NK_PLACE_RE
                       + r"(?:\s+(?:City|County|Province|Town|Village|Gun|Si|District))?", re.I)
_NK_KO_RE = re.compile("(?:" + _alt(NK_PLACES_KO) + r")(?:시|군|도|읍|리|구역)?")
CHINA_PROVINCE_RE = "(?:" + _alt(_names("CN", ("province",), False)) + ")"


def china_province(text: str) -> str | None:
    """Canonical English name of a Chinese province written at the start of ``text``
    (``"흑룡강성"`` → Heilongjiang, ``"Jilin Province"`` → Jilin), from the gazetteer."""
    words = text.strip().split()
    g = gazetteer()
    for k in range(min(4, len(words)), 0, -1):
        p = g.lookup(" ".join(words[:k]))
        if p is not None and p.country == "CN" and p.level == "province":
            return p.en
    return None


_SUFFIX = re.compile(
    r"(?:\s+(?:City|County|Town|Village|Gun|Si|District)|(?<=[가-힣])(?:시|군|읍|리|구역))$", re.I)
_PROVINCE = re.compile(r"Province$|^(?:North|South)\s|Chagang|Ryanggang|Yanggang|Kangwon|도$|"
                       r"^(?:함북|함남|평북|평남)$", re.I)


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
    if is_province(m.group()) and not m.group().strip().endswith("도"):
        # "Ryanggang Province Hyesan City": a province and the town in it, kept as written
        m2 = _NK_EN_RE.match(text, m.end() + 1) if text[m.end():m.end() + 1] == " " else None
        if m2 and not is_province(m2.group()):
            return text[m.start():m2.end()], m.start(), m2.end()
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
_EVENT_COUNTRY = {"border_crossing": "KP", "repatriation": "KP", "detention_nk": "KP",
                  "arrest_china": "CN",
                  "sale": "CN", "forced_marriage": "CN", "prostitution": "CN", "cybersex": "CN",
                  "forced_labour": "CN", "child_birth": "CN", "registration": "CN", "escape": "CN"}


def places_in(text: str) -> list[tuple[int, int, Place]]:
    """Gazetteer places named in ``text`` (start, end, Place); empty without a gazetteer."""
    return [(a, b, p) for a, b, p in gazetteer().find_all(text)
            if p.level not in ("country", "river")]


def event_place(
    event_type: str, found: list[tuple[int, int, Place]]
) -> tuple[str, tuple[int, int, Place]] | None:
    """(gazetteer id, (start, end, Place) as told) for an event from the places of its sentence."""
    if not found:
        return None
    want = _EVENT_COUNTRY.get(event_type)
    pick = next((f for f in found if getattr(f[2], "country", None) == want),
                None) if want else None
    if pick is None and want is None:
        pick = found[0]
    if pick is None:
        return None
    return pick[2].id, pick


_NOT_VIA = {"KP", "KR"}  # where she came from and where she arrived are events of their own


def transit_via(text: str, place: str | None) -> list[str]:
    """The further places a transit sentence names, in the order told, after the event's own
    place ("to Kunming by train, then over the mountains into Laos" → ["la"]): the stops a
    route map draws after it. Rivers, China as a country, North and South Korea are not stops."""
    out: list[str] = []
    for _a, _z, p in gazetteer().find_all(text):
        country = getattr(p, "country", None)
        if p.level == "river" or p.id == place or p.id in out or country in _NOT_VIA:
            continue
        if p.level == "country" and country == "CN":
            continue
        out.append(p.id)
    return out


def china_province_of_place(place) -> str | None:
    """English name of the Chinese province a gazetteer place lies in ("Yanji" → Jilin)."""
    if getattr(place, "country", None) != "CN":
        return None
    try:
        prov = gazetteer().province_of(place)
    except NotFound:
        return None
    return prov.en if getattr(prov, "level", "") == "province" else None


@functools.cache
def one_word_names() -> frozenset[str]:
    """Every Latin name of the gazetteer that is one lower-cased word ("liaoning", "liao-ning",
    "k'unming"): what a word-by-word reading can tell from a verb or a common word."""
    return frozenset(n.lower() for p in gazetteer() for n in p.names()
                     if _ONE_WORD.fullmatch(n.lower()))


_ONE_WORD = re.compile(r"[a-z’'-]+")


def place_regexes(lang: str) -> dict[str, str]:
    """Regex fragments of place names for extraction rules (``{NK_PLACE}``, ``{CN_PROVINCE}``),
    built from the gazetteer's names (case-insensitive inside, so rows matched on the original
    casing may use them)."""
    return dict(_place_regexes(lang))


def _alternation(names) -> str:
    return "(?i:" + _alt({n for n in names if n}) + ")"


@functools.cache
def _place_regexes(lang: str) -> tuple[tuple[str, str], ...]:
    nk: set[str] = set()
    cn: set[str] = set()
    cn_any: set[str] = set()
    for p in gazetteer():
        if p.level in ("country", "river") or (p.level == "region" and p.country != "KP"):
            continue
        names = [n for n in p.names() if (_HANGUL_RE.search(n) is not None) == (lang == "ko")
                 and not re.search(r"[\u4e00-\u9fff]", n)]
        if p.country == "KP":
            nk.update(names)
        elif p.country == "CN":
            cn_any.update(names)
            if p.level == "province":
                cn.update(names)
    return (("NK_PLACE", _alternation(nk)), ("CN_PROVINCE", _alternation(cn)), ("CN_PLACE",
                                                                                _alternation(
                                                                                    cn_any)))


_HANGUL_RE = re.compile(r"[가-힣]")
