"""Place linkage: the same village told four ways ("Hoeryong", "Hoeryŏng", "Heoryung", 회령).

The gazetteer resolves the places it knows; testimonies also name villages it does not know
("Sinhung-ri", "Sinhŭng village"), and extraction leaves those unresolved in
``Event.place_text``. This module proposes which place mentions are one place, as
:class:`~casebook.linkage.scoring.Pair` objects, so the ordinary clustering and the review log
(``casebook link review --kind place``) work on them unchanged.

* A *mention* is one distinct place as told (free text, with the gazetteer id when it
  resolved), from accepted events and from the person's origin. Its id is where it was first
  told (``t3e1``: testimony 3, event 1; ``t3o``: the origin of testimony 3), so ids stay put
  between runs and review decisions keep pointing at the same mentions.
* ``place_key`` folds spellings: Hangul is romanised; diacritics, apostrophes, hyphens and
  administrative suffixes (-ri, -dong, -gun, village, county...) go; initial r/l/n follow the
  South Korean rules (Ryanggang / Yanggang); McCune–Reischauer and Revised Romanisation
  vowels and consonants are merged (ŏ/eo/o, ch'/ch/j, k/g, p/b, t/d, r/l) as for given names.
* Two mentions are scored by Jaro–Winkler similarity of their keys, or through a gazetteer
  entry that both resolve to or closely resemble. When both resolved to a place whose
  province is known, the provinces must agree: Sinhung-ri in two provinces is two villages.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from casebook.errors import InvalidInput, NotFound
from casebook.extract import profile
from casebook.linkage.names import _CONSONANT_REWRITES, _VOWEL_REWRITES, is_hangul, romanise
from casebook.linkage.scoring import Pair
from casebook.model import ConsentedTestimony
from casebook.vocab.places import gazetteer

if TYPE_CHECKING:
    from casebook.vocab.places import PlaceWords

PLACE = "place"

_HAN = re.compile(r"[\u4e00-\u9fff]")
_SPLIT = re.compile(r"[\s\-‐‑–—_.,/]+")

# similarity -> probability: 0.5 at MIDPOINT, steep around it (hand-set; see docs/linkage.md)
MIDPOINT, STEEPNESS = 0.88, 40.0
SAME_GAZETTEER_PLACE = 0.99
SUGGEST_AT = 0.9  # lowest similarity at which a gazetteer entry is proposed for a mention


@dataclass(frozen=True)
class PlaceMention:
    """One distinct place as told, with where it was told (``sources``) and how often."""

    id: str
    text: str
    place: str | None = None  # gazetteer id when extraction or lookup resolved it
    province: str | None = None  # gazetteer id of its province, when resolved
    sources: tuple[str, ...] = ()
    count: int = 1
    suggested: str | None = None  # closest gazetteer entry for an unresolved mention


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"['’‘`ʼ´]", "", kept).casefold()


def _strip_hangul_suffix(text: str) -> str:
    from casebook.vocab.places import gazetteer

    text = re.sub(r"\s+", "", text)
    for suffix in gazetteer().place_words.ko:
        if text.endswith(suffix) and len(text) - len(suffix) >= 2:
            return text[: -len(suffix)]
    return text


def _place_words() -> PlaceWords:
    """Words that only say what kind of place a name is: the gazetteer's ``[place_words]``."""
    from casebook.vocab.places import gazetteer

    return gazetteer().place_words


@lru_cache(maxsize=100_000)
def place_key(text: str | None) -> str:
    """A coarse phonetic key for a place name in any script or romanisation ("" if none).

    >>> {place_key(t) for t in ("Hoeryŏng", "Hoeryeong", "Hoeryong-si", "회령")}
    {'hueryung'}
    """
    if not text or not text.strip():
        return ""
    text = text.split(",", 1)[0].strip()  # "Sinhung-ri, Ryanggang": the qualifier is not the name
    if _HAN.search(text) and not is_hangul(text):
        found = gazetteer().lookup(text)
        if found is None:  # an unknown Chinese name: compare as written
            return re.sub(r"\s+", "", text)
        text = found.en
    if is_hangul(text):
        text = romanise(_strip_hangul_suffix(text))
    kinds = _place_words()
    words = [w for w in _SPLIT.split(_strip_marks(text)) if w]
    while len(words) > 1 and words[-1] in kinds.words:
        words.pop()
    while len(words) > 1 and words[0] == "the":
        words.pop(0)
    key = re.sub(r"[^a-z]", "", "".join(words))
    for suffix in kinds.glued:
        if key.endswith(suffix) and len(key) - len(suffix) >= 4:
            key = key[: -len(suffix)]
            break
    # North Korean initial ㄹ/ㄴ: Ryanggang = Yanggang, Rodong = Nodong, Nyongbyon = Yongbyon
    key = re.sub(r"^[rln](?=[iy])", "", key)
    key = re.sub(r"^[rl]", "n", key)
    for old, new in _VOWEL_REWRITES:
        key = key.replace(old, new)
    for old, new in _CONSONANT_REWRITES:
        key = key.replace(old, new)
    return key.replace("o", "u")


def jaro_winkler(a: str, b: str) -> float:
    """Jaro–Winkler similarity (prefix scale 0.1, up to four characters)."""
    if a == b:
        return 1.0 if a else 0.0
    if not a or not b:
        return 0.0
    window = max(len(a), len(b)) // 2 - 1
    used = [False] * len(b)
    matched_a = []
    for i, ch in enumerate(a):
        for j in range(max(0, i - window), min(len(b), i + window + 1)):
            if not used[j] and b[j] == ch:
                used[j] = True
                matched_a.append(ch)
                break
    m = len(matched_a)
    if m == 0:
        return 0.0
    matched_b = [b[j] for j in range(len(b)) if used[j]]
    transpositions = sum(x != y for x, y in zip(matched_a, matched_b)) / 2
    jaro = (m / len(a) + m / len(b) + (m - transpositions) / m) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4]):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)


def probability(similarity: float) -> float:
    """Turn a key similarity into a match probability (0.5 at ``MIDPOINT``)."""
    if similarity >= 1.0:
        return 1.0
    return 1.0 / (1.0 + math.exp(-STEEPNESS * (similarity - MIDPOINT)))


@lru_cache(maxsize=1)
def _gazetteer_keys() -> dict[str, tuple[tuple[str, str], ...]]:
    """(key, place id) of every gazetteer spelling, bucketed by the key's first letter."""
    buckets: dict[str, set[tuple[str, str]]] = {}
    for p in gazetteer():
        if p.level in ("country", "region"):
            continue
        for name in p.names():
            key = place_key(name)
            if key:
                buckets.setdefault(key[0], set()).add((key, p.id))
    return {k: tuple(sorted(v)) for k, v in buckets.items()}


def suggest_place(text: str, at_least: float = SUGGEST_AT) -> tuple[str, float] | None:
    """The gazetteer entry whose spelling is closest to ``text`` (id, similarity), if close.

    For a mention the gazetteer does not resolve: "Hoeryung-ri" is probably Hoeryong.
    """
    key = place_key(text)
    if not key:
        return None
    best: tuple[str, float] | None = None
    for other, place_id in _gazetteer_keys().get(key[0], ()):
        if abs(len(other) - len(key)) > 3:
            continue
        s = jaro_winkler(key, other)
        if s >= at_least and (best is None or s > best[1] or (s == best[1] and place_id < best[0])):
            best = (place_id, s)
    return best


def _province(place_id: str | None) -> str | None:
    if not place_id:
        return None
    try:
        province = gazetteer().province_of(place_id)
    except NotFound:
        return None
    return province.id if province.level == "province" else None


def mention(id: str, text: str, place: str | None = None, sources: Iterable[str] = (),
            count: int = 1) -> PlaceMention:
    """A mention with its place resolved (given id, else gazetteer lookup) or suggested."""
    gaz = gazetteer()
    if place is not None and place not in gaz:
        place = None
    if place is None:
        found = gaz.lookup(text)
        place = found.id if found else None
    suggested, province = None, _province(place)
    if place is None:
        close = suggest_place(text)
        suggested = close[0] if close else None
        if "," in text:  # "Sinhung-ri, Ryanggang Province": an unknown village, a known province
            qualifiers = [_province(p.id) for _, _, p in gaz.find_all(text.split(",", 1)[1])]
            province = next((q for q in qualifiers if q), None)
    return PlaceMention(id, text, place, province, tuple(sources), count, suggested)


def _gazetteer_similarity(a: PlaceMention, b: PlaceMention) -> float:
    """How well both mentions meet at one gazetteer entry (1 when both resolved to it)."""
    if a.place and b.place:
        return 1.0 if a.place == b.place else 0.0
    target = a.place or b.place or (a.suggested if a.suggested == b.suggested else None)
    if target is None:
        return 0.0

    keys = [k for k in (place_key(n) for n in gazetteer().place(target).names()) if k]

    def side(m: PlaceMention) -> float:
        if m.place == target:
            return 1.0
        own = place_key(m.text)
        return max((jaro_winkler(own, k) for k in keys), default=0.0)

    return min(side(a), side(b))


def score_place_pair(a: PlaceMention, b: PlaceMention) -> Pair | None:
    """The pair's probability and evidence, or None when provinces or places rule it out."""
    if a.province and b.province and a.province != b.province:
        return None
    if a.place and b.place and a.place != b.place:
        return None  # two different gazetteer entries are two places
    left, right = (a, b) if a.id <= b.id else (b, a)
    spelling = jaro_winkler(place_key(a.text), place_key(b.text))
    via = _gazetteer_similarity(a, b)
    if a.place and a.place == b.place:
        p = SAME_GAZETTEER_PLACE if spelling < 1.0 else 1.0
    else:
        p = probability(max(spelling, via))
    weights = {"spelling": spelling, "gazetteer": via}
    if a.province and b.province:
        weights["same_province"] = 1.0
    odds = min(max(p, 1e-6), 1 - 1e-6)
    return Pair(left.id, right.id, p, math.log2(odds / (1 - odds)), weights)


def score_place_pairs(mentions: Iterable[PlaceMention], threshold: float = 0.5) -> list[Pair]:
    """Every pair of mentions at or above ``threshold``, best first (all pairs are compared:
    a casebook's distinct places number in the hundreds, not millions)."""
    items = sorted(mentions, key=lambda m: m.id)
    ids = [m.id for m in items]
    if len(ids) != len(set(ids)):
        raise InvalidInput("place mentions: duplicate mention id")
    pairs = []
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            pair = score_place_pair(a, b)
            if pair is not None and pair.probability >= threshold:
                pairs.append(pair)
    pairs.sort(key=lambda p: (-p.probability, p.left, p.right))
    return pairs


def _fold_told(text: str) -> str:
    return " ".join(text.split()).casefold()


def place_mentions(testimonies: Iterable[ConsentedTestimony]) -> list[PlaceMention]:
    """One mention per distinct place as told in accepted events and origins."""

    told: dict[tuple[str, str | None], dict] = {}

    def add(where: str, tid: int, text: str | None, place: str | None) -> None:
        if not text or not text.strip():
            if not place:
                return
            text = place  # resolved but not kept as told: the id stands in
        entry = told.setdefault((_fold_told(text), place), {
            "id": where, "text": text.strip(), "place": place, "sources": []})
        if f"testimony:{tid}" not in entry["sources"]:
            entry["sources"].append(f"testimony:{tid}")
        entry["count"] = entry.get("count", 0) + 1

    for t in sorted(testimonies, key=lambda t: t.testimony_id):
        tid, record, person = t.testimony_id, t.record, t.person
        origin = (person.origin_place if person and person.origin_place
                  else profile(record).get("origin_nk"))
        if origin:
            add(f"t{tid}o", tid, origin, None)
        for n, event in enumerate(record.events):
            if event.place_text or event.place:
                add(f"t{tid}e{n}", tid, event.place_text, event.place)
    return [mention(e["id"], e["text"], e["place"], e["sources"], e["count"])
            for e in told.values()]


def load_mentions_json(path: Path | str) -> list[PlaceMention]:
    """Mentions from a dev JSON list of ``{"id", "text", "place"?}`` (never real places)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"{path}: not a JSON list of place mentions ({exc})") from None
    if isinstance(data, dict):
        data = data.get("records")
    if not isinstance(data, list):
        raise InvalidInput(f"{path}: expected a list of place mentions")
    try:
        out = [mention(str(item["id"]), str(item["text"]), item.get("place")) for item in data]
    except (KeyError, TypeError) as exc:
        raise InvalidInput(f"{path}: each mention needs id and text ({exc})") from None
    if len({m.id for m in out}) != len(out):
        raise InvalidInput(f"{path}: duplicate mention id")
    return out


__all__ = [
    "PLACE", "PlaceMention", "jaro_winkler", "load_mentions_json", "mention", "place_key",
    "place_mentions", "probability", "score_place_pair", "score_place_pairs", "suggest_place",
]
