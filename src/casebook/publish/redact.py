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
from casebook.publish.labels import NK_KO
from casebook.publish.variables import (
    CN_PROVINCES,
    NK_PROVINCES,
    _gazetteer_province,
)
from casebook.text import literal
from casebook.vocab import gazetteer

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
_HONORIFIC = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+[A-Z][a-z]+(?:-[A-Za-z]+| [A-Z][a-z]+(?:-[A-Za-z]+)?){0,2}"
                        r"|[가-힣]{1,4}\s?(?:씨|선생|아저씨|아줌마)(?=[\s,.을를이가은는의에]|$)")
_HANGUL = re.compile(r"[가-힣]")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:[- ][A-Z]?[a-z]+)?\b|[가-힣]{2,5}")


def _known_place(word: str) -> str | None:
    """The province of a word that is a place below province level, from the gazetteer."""
    low = word.lower()
    if any(low == p.lower() for p in NK_PROVINCES + CN_PROVINCES):
        return None  # a province is coarse enough to stay
    place = gazetteer().lookup(word)  # a gazetteer that cannot load raises: never fail open
    if place is not None:
        if place.level in ("country", "province", "region", "river"):
            return None
        return _gazetteer_province(word)
    return None


def _gazetteer_spans(text: str) -> list[tuple[int, int, str]]:
    """Places the gazetteer finds in running text, with their province (below province only)."""
    gaz = gazetteer()  # a gazetteer that cannot load raises: towns are never left unredacted
    out = []
    for start, end, place in gaz.find_all(text):
        if place.level in ("country", "province", "region", "river"):
            continue
        out.append((start, end, gaz.province_of(place).name("en")))
    return out


def _word(c: str) -> bool:
    """``\\w`` of ``re`` (letters and digits of any script, and "_")."""
    return c.isalnum() or c == "_"


def _alone(text: str, start: int, end: int) -> bool:
    """``(?<![\\w가-힣])…(?![\\w])``: no letter or digit (or Hangul) touches the part."""
    before = start > 0 and (_word(text[start - 1]) or "가" <= text[start - 1] <= "힣")
    return not before and not (end < len(text) and _word(text[end]))


def redact_names(text: str, names: list[str] | tuple[str, ...] = (), ko: bool = False) -> str:
    """Each of her names (longest first), in any case, then each part of it that stands alone.

    Found by ``casebook.text.literal`` (what ``re.sub(re.escape(name), …, flags=re.I)`` found,
    compared on random texts in ``tests/publish/test_redact_names_like_re.py``), never by a
    pattern built from her name: ``re`` would keep it in memory for the life of the process.
    """
    tag = "[이름]" if ko else "[name]"
    out = text
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len,
                       reverse=True):
        out = literal.replace(out, [name], tag)
        for part in name.split():
            if len(part) >= 3 or _HANGUL.search(part):
                out = literal.replace(out, [part], tag, edge=_alone)
    return out


def redact(text: str, names: list[str] | tuple[str, ...] = (), lang: str = "en") -> str:
    """Remove names, villages and exact dates; towns become "[a place in <province>]"."""
    ko = lang == "ko"
    out = redact_names(text, names, ko)
    for pattern, repl in _DATE_PATTERNS:
        out = pattern.sub(repl, out)
    out = _HONORIFIC.sub("[이름]" if ko else "[name]", out)
    for start, end, prov in sorted(_gazetteer_spans(out), reverse=True):
        tag = (f"[{NK_KO.get(prov, prov)} 지역]" if ko else f"[a place in {prov}]") if prov \
            else ("[장소]" if ko else "[place]")
        out = out[:start] + tag + out[end:]
    out = _PLACE_WORDS.sub("[마을]" if ko else "[village]", out)

    def place(m: re.Match) -> str:
        word = m.group(0)
        for cut in range(len(word), 1, -1):  # Korean: 회령에서 -> 회령 + particle
            stem = word[:cut]
            prov = _known_place(stem)
            if prov:
                tag = f"[{NK_KO.get(prov, prov)} 지역]" if ko else f"[a place in {prov}]"
                return tag + word[cut:]
            if not re.search(r"[가-힣]", word):
                break
        return word

    return _CAPITALISED.sub(place, out)


_HEADER = re.compile(
    r"^\s*(?:interview\w*|transcript|name|born|date|place|testimony|구술자|면담\w*|출생|고향|"
    r"증언자|이름)\b[^\n]*[:：\-]|\((?:pseudonym|가명)\)", re.I | re.M)
_QUESTION = re.compile(r"\[[^\]]*\]")
# a full stop after Mr/Mrs/Ms/Dr/Mx ends a title, not a sentence ("the broker Mr. Jang sold me")
_SENTENCE_END = re.compile(r"(?<=[.!?。])(?<!Mr\.)(?<!Mrs\.)(?<!Ms\.)(?<!Dr\.)(?<!Mx\.)\s+|\n+")


def _body_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs that are her words (not headers or questions)."""
    spans, pos = [], 0
    for para in re.split(r"(\n\s*\n)", text):
        start, pos = pos, pos + len(para)
        stripped = para.strip()
        if not stripped or _HEADER.search(para) or _QUESTION.fullmatch(stripped):
            continue
        spans.append((start, pos))
    return spans


def _sentences_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return [(a, b) for a, b in out
            if len(text[a:b].strip()) > 25 and not _ASKED.match(text[a:b])]


_ASKED = re.compile(r"\s*(?:Q|Question|질문|문)\s*[:：.]|.*\?\s*$", re.S)
_GENERIC = re.compile(
    r"\b(?:man|men|woman|women|broker|buyer|husband|owner|police|chinese|korean|farmer|"
    r"trafficker|neighbou?r|friend|aunt|uncle|mother|father|family|villager|boss|someone)\b"
    r"|남자|여자|브로커|한족|조선족|공안|남편|농민|사장|이웃|친구"
    r"|이모|삼촌|어머니|아버지|가족", re.I)


def _names_to_remove(row: PersonRow) -> list[str]:
    """Her names, and the perpetrators' as told, but not descriptions ("a Han Chinese man")."""
    told = row.told_names  # from every event she told, whatever its mood or review status
    return row.names + [w for w in told if not _GENERIC.search(w)] + [row.get("surname") or ""]


def quote_for(row: PersonRow, max_chars: int = 360) -> str | None:
    """One passage of her own words: the sentences behind an accepted sale or recruitment if
    any, else the opening of her account; headers and interviewer questions are never quoted."""
    text = row.text_for_quotes
    if not text:
        return None
    sentences = [sp for a, b in _body_spans(text) for sp in _sentences_of(text, a, b)]
    if not sentences:
        return None
    first = 0
    for ev in row.events_of("sale", "recruitment", "forced_marriage", "prostitution", "violence"):
        if ev.evidence is None:
            continue
        hits = [i for i, (a, b) in enumerate(sentences) if a <= ev.evidence.start < b]
        if hits:
            first = hits[0]
            break
    chosen = ""
    for a, b in sentences[first:first + 3]:
        piece = _QUESTION.sub("", text[a:b]).strip()
        if chosen and len(chosen) + len(piece) > max_chars:
            break
        chosen = f"{chosen} {piece}".strip()
    if len(chosen) > max_chars:
        chosen = chosen[:max_chars].rsplit(" ", 1)[0] + " …"
    return redact(chosen, _names_to_remove(row), row.language)


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
