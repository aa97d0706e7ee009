"""Korean-aware name keys: one key for Lee, Yi, Rhee, Ri, Rhie, 이 and 리.

A North Korean woman's surname reaches a casebook in Hangul (South or North Korean spelling:
이/리, 노/로, 유/류), in McCune–Reischauer (Pak, Ch'oe, Chŏng), in Revised Romanisation (Bak,
Choe, Jeong), in the spelling of a passport or a Chinese document (Park, Choi, Jung), or in a
translator's own habit. Exact comparison would count one woman as several. So:

* ``surname_key`` maps every known spelling of a surname to one canonical key (the Revised
  Romanisation of the South Korean Hangul form, e.g. ``"i"`` for 이/리/Lee/Yi/Rhee/Ri/Rhie).
  A romanised spelling shared by two surnames (``Yu`` for 유 and 여) goes to the more common one.
* ``romanise`` turns Hangul into Revised Romanisation or McCune–Reischauer, syllable by syllable
  (no sound-change rules: good enough for comparison, not for publication).
* ``name_key`` gives a coarse phonetic key for any given name, so that Young-hee, Yeong-hui,
  Yŏng-hŭi, Yong Hi and 영희 meet; string similarity on the keys does the rest.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3

_RR_INITIAL = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "_", "j", "jj", "ch", "k",
               "t", "p", "h"]
_MR_INITIAL = ["k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "_", "ch", "tch", "ch'",
               "k'", "t'", "p'", "h"]
_RR_MEDIAL = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u",
              "wo", "we", "wi", "yu", "eu", "ui", "i"]
_MR_MEDIAL = ["a", "ae", "ya", "yae", "ŏ", "e", "yŏ", "ye", "o", "wa", "wae", "oe", "yo", "u", "wŏ",
              "we", "wi", "yu", "ŭ", "ŭi", "i"]
_RR_FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l",
             "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]

# (canonical key, Hangul spellings, romanised spellings), most common surnames first: when a
# romanised spelling belongs to two surnames, the first (more common) one keeps it.
SURNAMES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("gim", ("김",), ("kim", "gim", "ghim", "keem")),
    ("i", ("이", "리"), ("lee", "yi", "rhee", "ri", "rhie", "i", "li", "lie", "ree", "rie", "yee",
                       "reeh")),
    ("bak", ("박",), ("park", "pak", "bak", "bahk", "paik", "parc")),
    ("choe", ("최",), ("choi", "choe", "chey", "choy", "chwe", "ch'oe", "ch'oi")),
    ("jeong", ("정",), ("jung", "jeong", "chung", "chong", "jong", "cheong", "joung", "chŏng",
                       "jeung")),
    ("gang", ("강",), ("kang", "gang")),
    ("jo", ("조",), ("cho", "jo", "joe", "chough")),
    ("yun", ("윤",), ("yoon", "yun", "youn")),
    ("jang", ("장",), ("jang", "chang")),
    ("im", ("임", "림"), ("lim", "im", "rim", "yim", "leem", "lym", "rhim")),
    ("han", ("한",), ("han", "hahn")),
    ("o", ("오",), ("oh", "o", "au")),
    ("seo", ("서",), ("seo", "suh", "so", "sŏ", "sur", "suhr")),
    ("sin", ("신",), ("shin", "sin", "sheen", "shinn")),
    ("gwon", ("권",), ("kwon", "gwon", "kweon", "kwŏn", "kwun")),
    ("hwang", ("황",), ("hwang", "whang")),
    ("an", ("안",), ("ahn", "an", "ann")),
    ("song", ("송",), ("song", "soung")),
    ("yu", ("유", "류"), ("yoo", "yu", "ryu", "rhyu", "ryoo", "you", "lyu", "you", "rhyoo")),
    ("jeon", ("전",), ("jeon", "jun", "chun", "chon", "chŏn", "jon", "cheon")),
    ("hong", ("홍",), ("hong",)),
    ("go", ("고",), ("ko", "go", "koh", "goh")),
    ("mun", ("문",), ("moon", "mun", "moun")),
    ("yang", ("양", "량"), ("yang", "ryang", "lyang")),
    ("son", ("손",), ("son", "sohn")),
    ("bae", ("배",), ("bae", "pae", "bai", "pai", "bea")),
    ("baek", ("백",), ("baek", "paek", "back", "baik", "paeg")),
    ("heo", ("허",), ("heo", "hur", "huh", "hŏ", "her")),
    ("no", ("노", "로"), ("noh", "no", "roh", "ro", "rho", "noe")),
    ("nam", ("남",), ("nam", "nahm")),
    ("sim", ("심",), ("shim", "sim", "sheem")),
    ("ha", ("하",), ("ha", "hah")),
    ("ju", ("주",), ("joo", "ju", "chu", "choo", "jou")),
    ("gu", ("구",), ("koo", "gu", "ku", "goo")),
    ("gwak", ("곽",), ("kwak", "gwak", "kwack")),
    ("seong", ("성",), ("sung", "seong", "sŏng", "seung")),
    ("cha", ("차",), ("cha", "ch'a", "chah")),
    ("u", ("우",), ("woo", "u", "wu", "ou")),
    ("jin", ("진",), ("jin", "chin", "jeen")),
    ("min", ("민",), ("min", "meen")),
    ("na", ("나", "라"), ("na", "ra", "rah", "nah", "la")),
    ("ji", ("지",), ("ji", "chi", "jee", "gee")),
    ("eom", ("엄",), ("eom", "um", "uhm", "ŏm", "om")),
    ("chae", ("채",), ("chae", "ch'ae", "chai", "che")),
    ("won", ("원",), ("won", "weon", "wŏn", "one")),
    ("cheon", ("천",), ("cheon", "ch'ŏn")),
    ("bang", ("방",), ("bang", "pang")),
    ("gong", ("공",), ("kong", "gong")),
    ("hyeon", ("현",), ("hyun", "hyeon", "hyŏn", "hyon")),
    ("ham", ("함",), ("ham", "hahm")),
    ("byeon", ("변",), ("byun", "byeon", "pyŏn", "pyon", "byon", "pyun")),
    ("yeom", ("염", "렴"), ("yeom", "yum", "ryom", "yŏm", "yom", "ryeom")),
    ("yeo", ("여", "려"), ("yeo", "yŏ", "ryo", "ryeo", "yo")),
    ("chu", ("추",), ("ch'u",)),
    ("do", ("도",), ("do", "doh", "to", "toh")),
    ("so", ("소",), ()),
    ("seok", ("석",), ("seok", "suk", "sok", "sŏk", "seog")),
    ("seon", ("선",), ("sun", "seon", "sŏn")),
    ("seol", ("설",), ("seol", "sul", "sŏl", "sol")),
    ("ma", ("마",), ("ma",)),
    ("gil", ("길",), ("gil", "kil")),
    ("yeon", ("연", "련"), ("yeon", "yŏn", "ryon", "ryeon")),
    ("wi", ("위",), ("wi", "wee")),
    ("pyo", ("표",), ("pyo", "p'yo")),
    ("myeong", ("명",), ("myung", "myeong", "myŏng", "myong")),
    ("gi", ("기",), ("ki", "gi", "kee")),
    ("ban", ("반",), ("ban", "pan")),
    ("wang", ("왕",), ("wang",)),
    ("geum", ("금",), ("geum", "keum", "kum", "kŭm", "gum")),
    ("ok", ("옥",), ("ok", "ock", "og")),
    ("yuk", ("육", "륙"), ("yuk", "ryuk", "yook")),
    ("in", ("인",), ("in",)),
    ("maeng", ("맹",), ("maeng", "maing")),
    ("je", ("제",), ("je", "jae")),
    ("mo", ("모",), ("mo", "moh")),
    ("tak", ("탁",), ("tak", "t'ak", "tahk")),
    ("guk", ("국",), ("kook", "kuk", "guk", "gook")),
    ("eo", ("어",), ("eo", "uh", "ŏ")),
    ("eun", ("은",), ("eun", "ŭn", "un")),
    ("pyeon", ("편",), ("pyeon", "p'yŏn")),
    ("yong", ("용", "룡"), ("yong", "ryong", "lyong")),
    ("ye", ("예",), ("ye", "yeh")),
    ("bong", ("봉",), ("bong", "pong")),
    ("gyeong", ("경",), ("kyung", "kyeong", "gyeong", "kyŏng", "kyong")),
    ("dong", ("동",), ("dong", "tong")),
    ("sa", ("사",), ("sa",)),
    ("mok", ("목",), ("mok", "mock")),
    ("tae", ("태",), ("tae", "t'ae", "tai")),
    ("pi", ("피",), ("pi", "p'i", "pee", "phee")),
)


def _strip_marks(text: str) -> str:
    """Drop diacritics and apostrophes (ŏ → o, ch' → ch) and lower-case."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"['’‘`ʼ]", "", kept).lower()


def _build_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for key, hangul, romanised in SURNAMES:
        for spelling in (*hangul, *romanised):
            for form in {spelling.lower(), _strip_marks(spelling)}:
                lookup.setdefault(form, key)
    return lookup


_SURNAME_LOOKUP = _build_lookup()


def is_hangul(text: str) -> bool:
    """True when the text contains at least one precomposed Hangul syllable."""
    return any(HANGUL_FIRST <= ord(c) <= HANGUL_LAST for c in text)


def romanise(text: str, system: str = "rr") -> str:
    """Hangul syllables to Revised Romanisation (``rr``) or McCune–Reischauer (``mr``).

    Non-Hangul characters pass through. Syllable by syllable, without the sound-change rules
    of either system, so ``romanise("영희")`` is ``"yeonghui"`` and in MR ``"yŏnghŭi"``.
    """
    if system not in ("rr", "mr"):
        raise ValueError(f"unknown romanisation system {system!r}")
    initials = _RR_INITIAL if system == "rr" else _MR_INITIAL
    medials = _RR_MEDIAL if system == "rr" else _MR_MEDIAL
    out = []
    for char in text:
        code = ord(char) - HANGUL_FIRST
        if not 0 <= code <= HANGUL_LAST - HANGUL_FIRST:
            out.append(char)
            continue
        initial, rest = divmod(code, 21 * 28)
        medial, final = divmod(rest, 28)
        head = initials[initial].replace("_", "")
        if system == "mr" and head == "s" and medials[medial].startswith(("i", "wi")):
            head = "sh"
        out.append(head + medials[medial] + _RR_FINAL[final])
    return "".join(out)


@lru_cache(maxsize=200_000)
def surname_key(surname: str | None) -> str | None:
    """One key for every spelling of a Korean surname; unknown surnames get their name key.

    Examples:
        >>> {surname_key(s) for s in ("Lee", "Yi", "Rhee", "Ri", "Rhie", "이", "리")}
        {'i'}
        >>> {surname_key(s) for s in ("Park", "Pak", "Bak", "박")}
        {'bak'}
    """
    if not surname:
        return None
    cleaned = surname.strip().lower()
    if not cleaned:
        return None
    for form in (cleaned, _strip_marks(cleaned), re.sub(r"[\s\-.]", "", _strip_marks(cleaned))):
        if form in _SURNAME_LOOKUP:
            return _SURNAME_LOOKUP[form]
    if is_hangul(cleaned):
        first = cleaned.strip()[0]
        if first in _SURNAME_LOOKUP:  # "김씨", "리 선생"
            return _SURNAME_LOOKUP[first]
    return name_key(cleaned)


# Ordered rewrites that fold MR, RR and informal spellings of the same sounds together.
_VOWEL_REWRITES = (
    ("eui", "i"), ("yeo", "yo"), ("eo", "o"), ("ou", "o"), ("oo", "u"), ("eu", "u"),
    ("ee", "i"), ("ui", "i"), ("ae", "e"), ("ai", "e"), ("wo", "o"),
)
_CONSONANT_REWRITES = (
    ("tch", "j"), ("ch", "j"), ("ck", "g"), ("sh", "s"), ("ph", "b"), ("k", "g"), ("p", "b"),
    ("t", "d"), ("l", "r"), ("c", "g"), ("q", "g"), ("x", "s"), ("z", "j"), ("f", "b"),
    ("v", "b"), ("gg", "g"), ("bb", "b"), ("dd", "d"), ("ss", "s"), ("jj", "j"), ("rr", "r"),
)


@lru_cache(maxsize=200_000)
def name_key(name: str | None) -> str | None:
    """A coarse phonetic key for a (Korean) given name in any script or romanisation.

    Hangul is romanised first; then diacritics, spaces and hyphens go, vowel spellings that
    systems write differently are folded (eo/ŏ → o, eu/ŭ → u, oo → u, ee/ui → i) and voiced and
    voiceless consonants are merged (g/k, b/p, d/t, j/ch, r/l). Because informal spellings
    write ㅓ as "u" (Jung for 정), o and u are folded too: the key is for comparison only.

    Examples:
        >>> {name_key(n) for n in ("Young-hee", "Yeong-hui", "Yŏng-hŭi", "영희", "Yong Hee")}
        {'yunghi'}
    """
    if not name:
        return None
    text = romanise(name) if is_hangul(name) else name
    text = _strip_marks(text)
    text = re.sub(r"[^a-z]", "", text)
    if not text:
        return None
    for old, new in _VOWEL_REWRITES:
        text = text.replace(old, new)
    for old, new in _CONSONANT_REWRITES:
        text = text.replace(old, new)
    # Informal spellings write ㅓ as "u" (Jung, Sun, Hyun for 정, 선, 현): fold o and u.
    return text.replace("o", "u")


_TITLES = {
    "mr", "mrs", "ms", "miss", "madam", "uncle", "aunt", "auntie", "boss", "old", "big",
    "little", "brother", "sister", "broker", "the", "a", "old man", "sajang", "ajumma",
    "ajeossi", "ajussi", "ssi", "nim", "sensei", "teacher", "grandma", "grandpa", "lao",
    "xiao", "da", "laoban", "dage", "jie", "ge",
}
_HANGUL_TITLES = ("사장님", "사장", "아저씨", "아줌마", "선생님", "선생", "씨", "님", "할머니",
                  "언니", "오빠", "이모", "삼촌")


def _known_surname(word: str) -> str | None:
    """The surname key when ``word`` is a listed spelling of a surname, else None."""
    for form in (word, _strip_marks(word) if not is_hangul(word) else word):
        if form in _SURNAME_LOOKUP:
            return _SURNAME_LOOKUP[form]
    return None


def alias_key(alias: str | None) -> str | None:
    """Key for a broker's alias: titles dropped, a lone surname marked ``s:``, else a name key.

    "Mr. Jang", "Jang sajang", "boss Chang" and "장 사장" all give ``s:jang``; a nickname
    ("the tall one") is keyed like a name.
    """
    if not alias:
        return None
    text = alias.strip().lower()
    for title in _HANGUL_TITLES:
        text = text.replace(title, " ")
    words = [w for w in re.split(r"[\s.,\-]+", text) if w and _strip_marks(w) not in _TITLES]
    if not words:
        return None
    if len(words) == 1 and (key := _known_surname(words[0])):
        return "s:" + key
    return name_key(" ".join(words))


__all__ = ["SURNAMES", "alias_key", "is_hangul", "name_key", "romanise", "surname_key"]
