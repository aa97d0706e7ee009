"""Quotations for reports: only with consent, and with names, places and exact dates removed.

A quote is taken only from a survivor who allows *both* aggregate statistics and anonymous
quotation. Before it is shown, every name she is known by is replaced, place names are replaced
by their province (or "[place]"), and dates are cut to the year. Redaction is automatic and
deliberately greedy: a capitalised word found in the gazetteer is removed even when it was not a
place in that sentence.
"""

from __future__ import annotations

import re

from casebook.publish.dataset import Dataset, PersonRow
from casebook.publish.variables import (
    _NK_FALLBACK, CN_PROVINCES, NK_PROVINCES, _gazetteer_province,
)

MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
          "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_DATE_PATTERNS = [
    # 12 March 2003 / March 12, 2003 / March 2003 / 2003-03-12 / 12/03/2003
    (re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+(\d{{4}})\b", re.I),
     r"[\1]"),
    (re.compile(rf"\b(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), r"[\1]"),
    (re.compile(rf"\b(?:{MONTHS})\.?,?\s+(?:of\s+)?(\d{{4}})\b", re.I), r"[\1]"),
    (re.compile(r"\b(\d{4})[-./]\d{1,2}[-./]\d{1,2}\b"), r"[\1]"),
    (re.compile(r"\b\d{1,2}[-./]\d{1,2}[-./](\d{4})\b"), r"[\1]"),
    (re.compile(r"(\d{4})\s*년\s*\d{1,2}\s*월(?:\s*\d{1,2}\s*일)?"), r"[\1년]"),
    (re.compile(r"\d{1,2}\s*월\s*\d{1,2}\s*일"), "[날짜]"),
    (re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\b", re.I), "[date]"),
    (re.compile(rf"\b(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b", re.I), "[date]"),
]
_PLACE_WORDS = re.compile(
    r"\b(?:[A-Z][a-z'-]+\s+){1,2}(?i:village|county|town|city|district|township|ri|dong)\b"
    r"|[가-힣]{1,6}\s?(?:마을|리|군|읍|동|촌)(?=[\s,.]|$)")
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+[A-Z][a-z]+(?:-[A-Za-z]+| [A-Z][a-z]+(?:-[A-Za-z]+)?){0,2}"
                        r"|[가-힣]{1,4}\s?(?:씨|선생|아저씨|아줌마)(?=[\s,.을를이가은는의에]|$)")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:[- ][A-Z]?[a-z]+)?\b|[가-힣]{2,5}")


def _known_place(word: str) -> str | None:
    """The province of a word that is a place below province level (gazetteer, then our list)."""
    low = word.lower()
    if any(low == p.lower() for p in NK_PROVINCES + CN_PROVINCES):
        return None  # a province is coarse enough to stay
    try:
        from casebook.vocab import places

        place = places.gazetteer().lookup(word)
        if place is not None:
            if place.level in ("country", "province", "region", "river"):
                return None
            return _gazetteer_province(word)
    except Exception:  # noqa: BLE001 - the gazetteer is optional here
        pass
    return _NK_FALLBACK.get(low)


def _gazetteer_spans(text: str) -> list[tuple[int, int, str]]:
    """Places the gazetteer finds in running text, with their province (below province only)."""
    try:
        from casebook.vocab import places

        gaz = places.gazetteer()
        out = []
        for start, end, place in gaz.find_all(text):
            if getattr(place, "level", "") in ("country", "province", "region", "river"):
                continue
            prov = gaz.province_of(place)
            out.append((start, end, prov.name("en") if prov is not None else ""))
        return out
    except Exception:  # noqa: BLE001 - the gazetteer is optional here
        return []


_EXTRA_TOWNS = {"yanji": "Jilin", "tumen": "Jilin", "longjing": "Jilin", "helong": "Jilin",
                "hunchun": "Jilin", "changbai": "Jilin", "dandong": "Liaoning",
                "shenyang": "Liaoning", "harbin": "Heilongjiang", "mudanjiang": "Heilongjiang",
                "qingdao": "Shandong", "yantai": "Shandong", "changchun": "Jilin",
                "연길": "Jilin", "도문": "Jilin", "단둥": "Liaoning", "심양": "Liaoning"}


def redact(text: str, names: list[str] | tuple[str, ...] = (), lang: str = "en") -> str:
    """Remove names, villages and exact dates; towns become "[a place in <province>]"."""
    ko = lang == "ko"
    out = text
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len,
                       reverse=True):
        out = re.sub(re.escape(name), "[이름]" if ko else "[name]", out, flags=re.I)
        for part in name.split():
            if len(part) >= 3 or re.search(r"[가-힣]", part):
                out = re.sub(rf"(?<![\w가-힣]){re.escape(part)}(?![\w])", "[이름]" if ko else
                             "[name]", out, flags=re.I)
    for pattern, repl in _DATE_PATTERNS:
        out = pattern.sub(repl, out)
    out = _HONORIFIC.sub("[이름]" if ko else "[name]", out)
    for start, end, prov in sorted(_gazetteer_spans(out), reverse=True):
        from casebook.publish.labels import NK_KO

        tag = (f"[{NK_KO.get(prov, prov)} 지역]" if ko else f"[a place in {prov}]") if prov \
            else ("[장소]" if ko else "[place]")
        out = out[:start] + tag + out[end:]
    out = _PLACE_WORDS.sub("[마을]" if ko else "[village]", out)

    def place(m: re.Match) -> str:
        word = m.group(0)
        for cut in range(len(word), 1, -1):  # Korean: 회령에서 -> 회령 + particle
            stem = word[:cut]
            prov = _EXTRA_TOWNS.get(stem.lower()) or _known_place(stem)
            if prov:
                from casebook.publish.labels import NK_KO

                tag = f"[{NK_KO.get(prov, prov)} 지역]" if ko else f"[a place in {prov}]"
                return tag + word[cut:]
            if not re.search(r"[가-힣]", word):
                break
        return word

    return _CAPITALISED.sub(place, out)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?。])\s+|\n+", text) if len(s.strip()) > 25]


def quote_for(row: PersonRow, max_chars: int = 360) -> str | None:
    """One passage of her testimony: the words behind an accepted sale or recruitment if any."""
    if not row.text_for_quotes:
        return None
    chosen = None
    for ev in row.events_of("sale", "recruitment", "forced_marriage", "prostitution", "violence"):
        if ev.evidence and ev.evidence.quote and len(ev.evidence.quote) > 25:
            chosen = ev.evidence.quote
            break
    if chosen is None:
        sentences = _sentences(row.text_for_quotes)
        if not sentences:
            return None
        chosen = " ".join(sentences[:3])
    if len(chosen) > max_chars:
        chosen = chosen[:max_chars].rsplit(" ", 1)[0] + " …"
    others = [i.who for e in row.events for i in e.involvements if i.who]
    return redact(chosen, row.names + others + [row.get("surname") or ""], row.language)


def select_quotes(ds: Dataset, limit: int = 5) -> list[dict]:
    """Up to ``limit`` redacted quotes, one per survivor who allows anonymous quotation."""
    out = []
    for row in ds.for_quotation():
        q = quote_for(row)
        if q:
            out.append({"text": q, "language": row.language})
        if len(out) >= limit:
            break
    return out
