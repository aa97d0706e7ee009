"""Gazetteer: North Korean, Chinese and transit places with every spelling testimonies use.

One place has many names: McCune-Reischauer with or without breves (Hoeryŏng / Hoeryong),
Revised Romanisation (Hoeryeong), misspellings (Heoryung), Korean (회령, 회령시) and Chinese
(延吉, 延吉市). Records store the stable ``id``; everything else resolves to it through
:meth:`Gazetteer.lookup` (one field value) or :meth:`Gazetteer.find_all` (running text).
:meth:`Gazetteer.province_of` coarsens a place for publication.

Matching is insensitive to case, diacritics, apostrophes, hyphens and spaces. Administrative
suffixes are optional ("X Province", "X-do", "X City", 회령시, 吉林省). Korean spellings that
are also ordinary words (통화 "phone call") are matched in running text only with a suffix;
the list is data (``[scan]`` in ``gazetteer.toml``).
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources

from casebook.errors import InvalidInput, NotFound

LEVELS = (
    "country",
    "province",
    "region",
    "prefecture",
    "city",
    "county",
    "district",
    "town",
    "river",
)
"""Place levels, coarsest first (region and river sit outside the administrative chain)."""

_RANK = {level: i for i, level in enumerate(LEVELS)}

# Characters dropped by fold(): separators and apostrophes of every kind.
_DROP = re.compile(r"[\s\-‐‑‒–—_'’‘ʼ`´.,()·]+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HAN = re.compile(r"[\u4e00-\u9fff]")

# Suffixes lookup() may strip, longest first, and the minimum length of what remains.
_LATIN_SUFFIXES = (
    "autonomousprefecture",
    "directlygovernedcity",
    "autonomousregion",
    "municipality",
    "specialcity",
    "prefecture",
    "provinces",
    "province",
    "district",
    "county",
    "region",
    "sheng",
    "city",
    "xian",
    "shi",
    "gun",
    "kun",
    "si",
    "do",
)
_KO_SUFFIXES = (
    "노동자구",
    "로동자구",
    "특별시",
    "직할시",
    "자치주",
    "자치현",
    "자치구",
    "구역",
    "시",
    "군",
    "도",
    "성",
    "현",
    "주",
    "구",
    "읍",
    "리",
)
_ZH_SUFFIXES = (
    "朝鲜族自治州",
    "自治州",
    "自治县",
    "自治区",
    "市",
    "省",
    "县",
    "州",
    "区",
    "镇",
    "郡",
    "道",
)

# Suffix a Korean / Chinese name takes at each level when written in full.
_KO_LEVEL_SUFFIX = {
    "KP": {"province": "시", "city": "시", "county": "군", "district": "구역", "town": "노동자구"},
    "CN": {"province": "시", "prefecture": "주", "city": "시", "county": "현"},
}
_ZH_LEVEL_SUFFIX = {
    "KP": {"province": "市", "city": "市", "county": "郡"},
    "CN": {"province": "市", "prefecture": "州", "city": "市", "county": "县"},
}
_FULL_PROVINCE_KO = ("도", "성")  # 함경북도, 길림성: already suffixed, do not add 시
_FULL_PROVINCE_ZH = ("道", "省", "自治区")


@dataclass(frozen=True)
class PlaceWords:
    """Words that only say what kind of place a name is (``[place_words]`` in the data)."""

    words: frozenset[str] = frozenset()  # trailing romanised words: village, county, ri...
    glued: tuple[str, ...] = ()  # the same written onto the name ("Namyangri")
    ko: tuple[str, ...] = ()  # Korean endings, longest first where it matters


@dataclass(frozen=True)
class Place:
    """A place in the gazetteer. ``id`` is what records store."""

    id: str
    country: str
    level: str
    en: str
    ko: str
    parent: str | None = None
    zh: str | None = None
    spellings: tuple[str, ...] = ()
    at: tuple[float, float] | None = None  # (longitude, latitude) that stands for it on a map

    def name(self, lang: str = "en") -> str:
        """The label in ``lang`` ("en", "ko", "zh"); falls back to English."""
        if lang == "ko":
            return self.ko
        if lang == "zh" and self.zh:
            return self.zh
        return self.en

    def names(self) -> tuple[str, ...]:
        """Every written form from the data (labels first)."""
        return tuple(n for n in (self.en, self.ko, self.zh, *self.spellings) if n)


def fold(text: str) -> str:
    """The matching key of a name: no case, diacritics, apostrophes, hyphens or spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _DROP.sub("", unicodedata.normalize("NFC", stripped).casefold())


def _light(text: str) -> str:
    """Like fold() but keeping word breaks (as one space) and apostrophes: the scan form."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )
    stripped = re.sub(r"['’‘ʼ`´]", "'", stripped.casefold())
    return re.sub(r"[\s\-‐‑‒–—_.]+", " ", stripped).strip()


def _fold_table() -> dict[int, str]:
    """Length-preserving translation for scanning: accented Latin → base letter, quotes → '."""
    table: dict[int, str] = {}
    for cp in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        base = "".join(
            c for c in unicodedata.normalize("NFKD", chr(cp)) if not unicodedata.combining(c)
        )
        if len(base) == 1 and base.isascii() and base.isalpha():
            table[cp] = base
    for quote in "’‘ʼ`´":
        table[ord(quote)] = "'"
    return table


_SCAN_TABLE = _fold_table()
_SCAN_CHARS = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_SCAN_TABLE)) + "]")


def _scan_form(text: str) -> str:
    """``text`` with accents and curly quotes replaced one-for-one (offsets unchanged)."""
    if text.isascii():
        return text
    return _SCAN_CHARS.sub(lambda m: _SCAN_TABLE[ord(m.group())], text)


def _strip_suffix(key: str) -> Iterator[str]:
    """Shorter keys obtained by removing one administrative suffix."""
    suffixes: tuple[str, ...]
    if _HANGUL.search(key):
        suffixes, minimum = _KO_SUFFIXES, 2
    elif _HAN.search(key):
        suffixes, minimum = _ZH_SUFFIXES, 2
    else:
        suffixes, minimum = _LATIN_SUFFIXES, 3
    for suffix in suffixes:
        if key.endswith(suffix) and len(key) - len(suffix) >= minimum:
            yield key[: -len(suffix)]


def _generated_forms(place: Place) -> set[str]:
    """Suffixed and unsuffixed Korean/Chinese variants not written in the data."""
    out: set[str] = set()
    ko_suffix = _KO_LEVEL_SUFFIX.get(place.country, {}).get(place.level)
    zh_suffix = _ZH_LEVEL_SUFFIX.get(place.country, {}).get(place.level)
    for name in place.names():
        if _HANGUL.search(name):
            stripped = [
                name[: -len(s)]
                for s in _KO_SUFFIXES
                if name.endswith(s) and len(name) - len(s) >= 2
            ]
            out.update(stripped)
            if (
                ko_suffix
                and not stripped
                and not (place.level == "province" and name.endswith(_FULL_PROVINCE_KO))
            ):
                out.add(name + ko_suffix)
        elif _HAN.search(name):
            stripped = [
                name[: -len(s)]
                for s in _ZH_SUFFIXES
                if name.endswith(s) and len(name) - len(s) >= 2
            ]
            out.update(stripped)
            if zh_suffix and not stripped and not name.endswith(_FULL_PROVINCE_ZH):
                out.add(name + zh_suffix)
    return out


class Gazetteer:
    """All places, indexed by id and by every folded spelling."""

    def __init__(
        self,
        places: Iterable[Place],
        exclude_ko: Iterable[str] = (),
        not_before: Mapping[str, Iterable[str]] | None = None,
        after_the: Mapping[str, str] | None = None,
        place_words: PlaceWords | None = None,
    ) -> None:
        self.places: tuple[Place, ...] = tuple(places)
        self.place_words = place_words or PlaceWords()
        self._by_id: dict[str, Place] = {}
        for p in self.places:
            if p.id in self._by_id:
                raise InvalidInput(f"gazetteer: place id {p.id!r} appears twice")
            if p.level not in _RANK:
                raise InvalidInput(f"gazetteer: place {p.id!r} has unknown level {p.level!r}")
            self._by_id[p.id] = p
        for p in self.places:
            if p.parent is not None and p.parent not in self._by_id:
                raise InvalidInput(f"gazetteer: place {p.id!r} has unknown parent {p.parent!r}")
        self._exclude_ko = frozenset(exclude_ko)
        self._not_before = {k: tuple(v) for k, v in (not_before or {}).items()}
        self._after_the = {}
        for source, target in (after_the or {}).items():
            if source not in self._by_id or target not in self._by_id:
                raise InvalidInput(
                    f"gazetteer: [scan.after_the] names unknown place {source!r} or {target!r}"
                )
            self._after_the[source] = self._by_id[target]
        self._keys = self._index()
        self._scanner = self._compile()

    # ------------------------------------------------------------------ indexes
    def _index(self) -> dict[str, Place]:
        explicit: dict[str, Place] = {}
        for p in self.places:
            for name in p.names():
                key = fold(name)
                other = explicit.get(key)
                if other is not None and other.id != p.id:
                    raise InvalidInput(
                        f"gazetteer: spelling {name!r} names both {other.id!r} and {p.id!r}"
                    )
                explicit[key] = p
        generated: dict[str, Place] = {}
        for p in self.places:
            for name in _generated_forms(p):
                key = fold(name)
                if key in explicit:
                    continue
                other = generated.get(key)
                if other is None or _RANK[p.level] < _RANK[other.level]:
                    generated[key] = p
        return {**generated, **explicit}

    def _scan_forms(self) -> set[str]:
        forms: set[str] = set()
        for p in self.places:
            for name in (*p.names(), *_generated_forms(p)):
                forms.add(_light(name))
        return forms

    def _compile(self) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
        """One regex per script, run on lowercased text: a single combined, case-insensitive
        regex was eight times slower (2026-11 measurement, docs/benchmarks/vocab.md)."""
        latin, hangul, han = [], [], []
        for form in self._scan_forms():
            if _HANGUL.search(form):
                hangul.append(form)
            elif _HAN.search(form):
                han.append(form)
            elif form.isascii():
                latin.append(form)
        # Each regex opens with a lookahead on the possible first characters: the regex engine
        # then rejects most positions with one set test instead of trying every trie branch.
        latin_re = re.compile(
            _first_chars(latin) + r"(?<![a-z0-9])(?:" + _trie_regex(latin) + r")"
            r"(?:[ \t]+(?:provinces?|prefecture|county|city|district)|-(?:do|si|gun|kun|shi))?"
            r"(?![a-z0-9])"
        )
        hangul_re = re.compile(
            _first_chars(hangul) + r"(?<![\uac00-\ud7a3])(?:" + _trie_regex(hangul) + ")"
        )
        han_re = re.compile(_first_chars(han) + "(?:" + _trie_regex(han) + ")")
        return latin_re, hangul_re, han_re

    # ------------------------------------------------------------------ queries
    def __iter__(self) -> Iterator[Place]:
        return iter(self.places)

    def __len__(self) -> int:
        return len(self.places)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._by_id

    def place(self, place_id: str) -> Place:
        """The place with this id; NotFound when there is none."""
        try:
            return self._by_id[place_id]
        except KeyError:
            raise NotFound(f"gazetteer: no place with id {place_id!r}") from None

    def get(self, place_id: str | None) -> Place | None:
        return self._by_id.get(place_id) if place_id else None

    def lookup(self, text: str | None) -> Place | None:
        """The place a field value names ("Hoeryŏng", "회령시", "North Hamgyong Province"), or None.

        Also accepts a place id, and "Hoeryong, North Hamgyong" (the first part is used).
        """
        if not text or not text.strip():
            return None
        text = text.strip()
        if text in self._by_id:
            return self._by_id[text]
        found = self._lookup_key(fold(text))
        if found is None:
            found = self._narrowest(text)
        if found is None and "," in text:
            found = self._lookup_key(fold(text.split(",", 1)[0]))
        return found

    def _narrowest(self, text: str) -> Place | None:
        """"양강도 혜산", "Chongjin, North Hamgyong", "North Hamgyong Province, Chongjin": the
        place inside all the others the value names (None unless they nest)."""
        named = {p.id: p for _, _, p in self.find_all(text)}
        if len(named) < 2:
            return None
        for p in named.values():
            if all(q is p or q in self.ancestors(p) for q in named.values()):
                return p
        return None

    def _lookup_key(self, key: str) -> Place | None:
        if not key:
            return None
        if key.startswith("the") and key not in self._keys:
            key = key[3:]
        found = self._keys.get(key)
        if found is not None:
            return found
        for shorter in _strip_suffix(key):
            found = self._keys.get(shorter)
            if found is not None:
                return found
        return None

    def find_all(self, text: str) -> list[tuple[int, int, Place]]:
        """Every place named in ``text`` as (start, end, place), leftmost-longest, in order.

        Latin names must stand as whole words and, unless the whole text is lowercase, start
        with a capital; "the Tumen" is the river ([scan.after_the] in the data). Korean names
        must start a word (particles may follow: 회령에서); Chinese names may appear anywhere.
        """
        if not text:
            return []
        scanned = _scan_form(text)
        lowered = scanned.lower()
        if len(lowered) != len(scanned):  # a few characters lowercase to two; keep offsets
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in scanned)
        latin_re, hangul_re, han_re = self._scanner
        hits: list[tuple[int, int, Place]] = []
        # In normally cased text a lowercase word is not a name ("fine china", "lao" ...).
        cased = lowered != scanned
        for m in latin_re.finditer(lowered):
            start, end = m.span()
            if cased and not scanned[start].isupper():
                continue
            self._add_hit(hits, start, end, m.group())
            if (hits and hits[-1][0] == start and hits[-1][2].id in self._after_the
                    and lowered.endswith("the ", 0, start)):
                hits[-1] = (start, end, self._after_the[hits[-1][2].id])
        wide = not lowered.isascii()  # (an ASCII text has no Hangul or Han: no search)
        if wide and _HANGUL.search(lowered):
            for m in hangul_re.finditer(lowered):
                start, end = m.span()
                if not self._skip_korean(m.group(), lowered, end):
                    self._add_hit(hits, start, end, m.group())
        if wide and _HAN.search(lowered):
            for m in han_re.finditer(lowered):
                self._add_hit(hits, *m.span(), m.group())
        hits.sort(key=lambda h: h[0])
        return hits

    def _add_hit(self, hits: list, start: int, end: int, matched: str) -> None:
        place = self._lookup_key(fold(matched))
        if place is not None:
            hits.append((start, end, place))

    def _skip_korean(self, matched: str, text: str, end: int) -> bool:
        bare = re.sub(r"\s+", "", matched)
        if bare in self._exclude_ko:
            return True
        following = self._not_before.get(bare, ())
        return any(text.startswith(f, end) for f in following)

    def ancestors(self, place: Place | str) -> list[Place]:
        """Parents of ``place``, nearest first."""
        p = self._resolve(place)
        chain = []
        while p.parent is not None:
            p = self._by_id[p.parent]
            chain.append(p)
        return chain

    def province_of(self, place: Place | str) -> Place:
        """Coarsen for publication (``place``: a Place, an id or a name).

        The province (or province-level city) of a North Korean or Chinese place; the country of
        any other place. Countries, provinces, regions and border rivers are returned unchanged.
        """
        p = self._resolve(place)
        if p.level in ("country", "region", "river"):
            return p
        if p.country not in ("KP", "CN"):
            return self._by_id.get(p.country.lower(), p)
        if p.level == "province":
            return p
        for ancestor in self.ancestors(p):
            if ancestor.level == "province":
                return ancestor
        return self._by_id.get(p.country.lower(), p)

    def country_of(self, place: Place | str) -> Place | None:
        return self._by_id.get(self._resolve(place).country.lower())

    def _resolve(self, place: Place | str) -> Place:
        """A Place from a Place, an id, or any spelling lookup() knows; NotFound otherwise."""
        if isinstance(place, Place):
            return place
        found = self._by_id.get(place) or self.lookup(place)
        if found is None:
            raise NotFound(f"gazetteer: no place with id or name {place!r}")
        return found


def _trie_regex(words: Iterable[str]) -> str:
    """One regex alternation, factored by common prefixes, that prefers the longest word.

    A flat alternation of ~1,000 names makes the regex engine try each name at each position;
    a trie lets it fail after one character at almost every position.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_regex(trie) or "(?!)"


def _first_chars(words: Iterable[str]) -> str:
    """A lookahead admitting only the first characters of ``words``."""
    firsts = sorted({w[0] for w in words if w})
    return "(?=[" + "".join(re.escape(c) for c in firsts) + "])" if firsts else "(?!)"


def _node_regex(node: dict) -> str:
    ends = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        branches.append(_char_regex(ch) + _node_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        body = "(?:" + body + ")?"
    return body


def _char_regex(ch: str) -> str:
    if ch == " ":
        return r"[\s\-‐‑–—]*"
    if ch == "'":
        return "'?"
    return re.escape(ch)


def _point(entry: Mapping) -> tuple[float, float] | None:
    at = entry.get("at")
    if at is None:
        return None
    if (not isinstance(at, list) or len(at) != 2
            or not -180 <= at[0] <= 180 or not -90 <= at[1] <= 90):
        raise InvalidInput(f"vocab/data/gazetteer.toml: place {entry.get('id', '?')!r}: "
                           "at must be [longitude, latitude]")
    return float(at[0]), float(at[1])


@functools.cache
def gazetteer() -> Gazetteer:
    """The bundled gazetteer (``vocab/data/gazetteer.toml``), built once."""
    raw = resources.files("casebook.vocab.data").joinpath("gazetteer.toml").read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput(f"vocab/data/gazetteer.toml: not valid TOML ({exc})") from None
    places = []
    for entry in data.get("place", []):
        try:
            places.append(
                Place(
                    id=entry["id"],
                    country=entry["country"],
                    level=entry["level"],
                    en=entry["en"],
                    ko=entry["ko"],
                    parent=entry.get("parent"),
                    zh=entry.get("zh"),
                    spellings=tuple(entry.get("spellings", ())),
                    at=_point(entry),
                )
            )
        except KeyError as exc:
            raise InvalidInput(
                f"vocab/data/gazetteer.toml: place {entry.get('id', '?')!r} lacks {exc.args[0]!r}"
            ) from None
    scan = data.get("scan", {})
    kinds = data.get("place_words", {})
    words = PlaceWords(frozenset(kinds.get("words", ())), tuple(kinds.get("glued", ())),
                       tuple(kinds.get("ko", ())))
    return Gazetteer(
        places, scan.get("exclude_ko", ()), scan.get("not_before", {}), scan.get("after_the", {}),
        words,
    )


def lookup(text: str | None) -> Place | None:
    """Shortcut for ``gazetteer().lookup(text)``."""
    return gazetteer().lookup(text)


def find_all(text: str) -> list[tuple[int, int, Place]]:
    """Shortcut for ``gazetteer().find_all(text)``."""
    return gazetteer().find_all(text)


def province_of(place: Place | str) -> Place:
    """Shortcut for ``gazetteer().province_of(place)``."""
    return gazetteer().province_of(place)


def place(place_id: str) -> Place:
    """Shortcut for ``gazetteer().place(place_id)``."""
    return gazetteer().place(place_id)
