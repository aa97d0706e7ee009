"""Undo what PDF extraction does to a testimony, keeping a map back to the original text.

PDF text arrives with words hyphen-broken across lines, page numbers, running headers,
photo captions, boxed sidebars and table rows interleaved with the story. A price table next
to a testimony must not become her price, so those lines are dropped before anything is read.
Evidence spans must still point at the ORIGINAL text, so every kept character remembers where
it came from (:meth:`Cleaned.original`).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from casebook.extract import rules

_RULE = re.compile(r"^\s*[_\-=─━—~]{5,}\s*$|^\s*[┌└╔╚+][─━═\-]{5,}[┐┘╗╝+]\s*$")
_BOX_SIDE = re.compile(r"^\s*[│║|].*[│║|]\s*$")  # a line inside a drawn box: "│ text │"
_PAGE_NUM = re.compile(r"^\s*(?:[-–—]\s*)?(?:page\s+|p\.\s*)?\d{1,4}(?:\s*[-–—])?\s*$", re.I)
_HEADER_NUM = re.compile(
    r"^\s*(?:\d{1,4}\s{2,}\S.{0,90}|\S.{0,90}?\s{2,}\d{1,4}(?:\s{2,}.{0,90})?)\s*$")
_CAPTION = re.compile(
    r"^\s*[\[(]?\s*(?:photo(?:graph)?s?\b|caption\b|figure\s*\d|fig\.\s*\d|image\b|source:|"
    r"table\s*\d|credit:|licensed under|available at:|사진|그림\s*\d|표\s*\d|출처:)", re.I)
# a web page's story line that opens with a photo credit ("[사진=연합뉴스] 탈북 여성 김모씨는 …"):
# the story, not a caption
_KO_STORY_AFTER_MARK = re.compile(r"^\s*[\[(]?\s*사진[^\])]{0,20}[\])]\s*\S[^\n]{20,}[다요]\.?\s*$")
# (?:\.\s?){4,}|…{2,}|·{4,} as a test: each branch starting with its sign is several times faster
_LEADER_END = re.compile(r"(?:\.(?:\s?\.){3}|……|····)[.…·\s]*\d{1,4}\s*$")  # "Part 2 ..... 14"
_TABLE_ROW = re.compile(r"^\s*[^.!?。]{0,70}?\s(?:\d{1,3}(?:\.\d+)?%?)\s*$")
_FOOTNOTE = re.compile(r"^\s*\d{1,3}\s{1,3}\S.*(?:available online|op\. cit|ibid|pp?\.\s*\d|"
                       r"\(\w+[^)]*:\s*\d{4}\)|accessed)", re.I)
_SENT_END = re.compile(r"[.!?。\"”’)\]:…]\s*$|[다요음죠까네]\s*$")
_WS_INNER = re.compile(r"[ \t\u00a0]{2,}")
# a footnote reference printed as a superscript arrives as digits glued to the punctuation after
# a word ("… for 3,000 yuan.12 Then …", "…팔렸다.7 그"): it would join two sentences and read as
# a number. A number after a digit ("2,000.50", "1,000") is not one.
_NOTE_REF = r"(?<=[^\W\d_][.!?;:])\d{1,3}(?=\s|$)|(?<=[^\W\d_][.!?,][”’\"])\d{1,3}(?=\s|$)"
# (?P<lig>…): a typesetting ligature ("ﬂed", "ﬁrst") a PDF's text layer kept as one character,
# spelt out by its Unicode compatibility form
_INNER = rules.lead_compile(rf"(?P<ws>[ \t\u00a0]{{2,}})|(?P<lig>[\ufb00-\ufb06])|{_NOTE_REF}")
# a cheap test for whether a line has anything _INNER would change (most lines have not)
# (one character class first, then what must follow it: a scan skips to those characters)
_INNER_HINT = re.compile(r"[ \t\u00a0\ufb00-\ufb06.!?;:,](?:(?<=[ \t\u00a0])[ \t\u00a0]|"
                         r"(?<=[\ufb00-\ufb06])|(?<=[.!?;:,])[”’\"]?\d)")
_DIGITS = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")


def _inner_hint(body: str) -> bool:
    """``_INNER_HINT.search(body)``, without the search where it cannot match: an ASCII line with
    no tab has no no-break space or ligature, its only run of spaces is two spaces, and a
    footnote reference needs a digit."""
    if body.isascii() and "\t" not in body and "  " not in body and _DIGIT.search(body) is None:
        return False
    return _INNER_HINT.search(body) is not None
_NOTE_MARK = re.compile(r"\s*[¹²³⁴⁵⁶⁷⁸⁹*†‡]")
# a line-end hyphen: ASCII, or the Unicode hyphen / soft hyphen that typesetting programs write
_HYPHENS = "-\u2010\u2011\u00ad"
_HANGUL = re.compile(r"[가-힣]")
# a line that starts a form field or a speaker's turn ("Birth date: 1969", "고향: 회령", "Q: …")
_LABEL_START = re.compile(r"[A-Z가-힣][\w ().'’-]{0,29}[:：]\s")
_ANSWER = re.compile(r"(?:A|Answer|답|대답)\s?[:：.]\s")


@dataclass
class Cleaned:
    """Cleaned text plus a piecewise map from cleaned offsets to original offsets."""

    text: str
    original_text: str
    _clean_starts: list[int] = field(default_factory=list)
    _orig_starts: list[int] = field(default_factory=list)

    def original(self, pos: int) -> int:
        """Offset in the original text of cleaned offset ``pos`` (an end offset maps too)."""
        if not self._clean_starts:
            return pos
        i = bisect.bisect_right(self._clean_starts, pos) - 1
        if i < 0:
            return 0
        return min(self._orig_starts[i] + (pos - self._clean_starts[i]), len(self.original_text))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of cleaned ``[start, end)``."""
        if end <= start:
            s = self.original(start)
            return s, s
        return self.original(start), self.original(end - 1) + 1


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.clean_starts: list[int] = []
        self.orig_starts: list[int] = []
        self.length = 0

    def add(self, s: str, orig_start: int) -> None:
        if not s:
            return
        self.clean_starts.append(self.length)
        self.orig_starts.append(orig_start)
        self.parts.append(s)
        self.length += len(s)

    def last_char(self) -> str:
        return self.parts[-1][-1] if self.parts else ""


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line.rstrip("\r")))
        pos += len(line) + 1
    return out


def _drop_lines(lines: list[tuple[int, str]], wide: int | None) -> list[bool]:
    """Which lines are PDF debris: page furniture, captions, boxes, tables, footnotes."""
    n = len(lines)
    drop = [False] * n
    # in hard-wrapped text a full line ending on a number ("sold for 3" + "8,000 yuan") is prose
    full = 0.8 * wide if wide else 10**6
    norm = Counter(_DIGITS.sub("#", ln.strip().lower()) for _, ln in lines
                   if 0 < len(ln.strip()) < 80)
    rules = [k for k, (_, ln) in enumerate(lines) if _RULE.match(ln)]
    for a, b in zip(rules, rules[1:]):
        if b - a <= 15:  # a box between two rules: sidebar, caption or table
            for k in range(a, b + 1):
                drop[k] = True
    i = 0
    while i < n:
        ln = lines[i][1]
        if drop[i]:
            i += 1
            continue
        s = ln.strip()
        if not s:
            i += 1
            continue
        if _RULE.match(ln) or _BOX_SIDE.match(ln):
            drop[i] = True
            i += 1
            continue
        if _NOTE_MARK.match(ln) and i > 0 and (not lines[i - 1][1].strip()
                                                             or drop[i - 1]):
            j = i  # a footnote: to the next blank line
            while j < n and lines[j][1].strip():
                drop[j] = True
                j += 1
            i = j
            continue
        # (the page-number, contents, footnote and table patterns each need a digit: most lines
        # have none, and are not searched for them)
        digit = _DIGIT.search(ln) is not None
        if digit and (_PAGE_NUM.match(ln) or len(s) < 100 and _HEADER_NUM.match(
                ln) and not _SENT_END.search(
            s.rstrip("0123456789 ")) and len(_WS_INNER.findall(s)) <= 2):
            # (a justified line read from a PDF has wide gaps between most of its words: not a
            # running title beside its page number)
            drop[i] = True
        elif len(s) < 80 and norm[_DIGITS.sub("#", s.lower()) if digit else s.lower()] >= 3 \
                and len(s.split()) <= 10:
            drop[i] = True  # a running header repeated on every page
        elif _CAPTION.match(ln) and not (not wide and _KO_STORY_AFTER_MARK.match(ln)):
            # the caption runs to the next blank line (in hard-wrapped text; a web page's caption
            # is its one line: the next lines are the story)
            j = i
            while j < n and lines[j][1].strip() and (wide or j == i):
                drop[j] = True
                j += 1
            i = j
            continue
        elif digit and (_LEADER_END.search(s) or _FOOTNOTE.match(ln)):
            # (a contents line ends on its page number; a line with an ellipsis in it is prose)
            drop[i] = True
        elif digit and _TABLE_ROW.match(ln) and len(s.split()) <= 10 and _printed(
                s) < full and not re.search(r"(?:19|20)\d\d\s*$", s):
            prev_blank = i == 0 or not lines[i - 1][1].strip() or drop[i - 1]
            nxt = lines[i + 1][1] if i + 1 < n else ""
            if prev_blank or not nxt.strip() or _TABLE_ROW.match(nxt):
                drop[i] = True
        i += 1
    return drop


_WIDE = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uff60]")


def _printed(line: str) -> int:
    """A line's printed width in Latin letters (a Korean or Chinese character is two, a run of
    spaces one)."""
    if "  " in line or "\t" in line:
        line = _WS_INNER.sub(" ", line)
    return len(line) if line.isascii() else len(line) + len(_WIDE.findall(line))


def _wrap_width(lines: list[tuple[int, str]]) -> int | None:
    """The width a PDF's text was wrapped at, if it was hard-wrapped; else None.

    Text read from a PDF comes one printed line per text line, often with no blank line between
    paragraphs, so a paragraph's end shows only as a short last line. A text is taken as
    hard-wrapped when many of its lines are about as long as its longest and almost none is
    much longer (a web page or a typed testimony has one paragraph per line, of very different
    lengths). The test is by the lines' own lengths, so it holds for any font, column or
    language.
    """
    if len(lines) < 8:
        return None
    sizes = sorted(_printed(ln.strip()) for _, ln in lines if ln.strip())
    if len(sizes) < 8:
        return None
    width = sizes[(len(sizes) * 9) // 10]
    if width > 140:
        return None
    full = sum(1 for n in sizes if 0.8 * width <= n <= 1.1 * width)
    over = sum(1 for n in sizes if n > 1.15 * width)
    return width if full >= 0.4 * len(sizes) and over <= 0.1 * len(sizes) else None


def _province_word(word: str) -> bool:
    """Whether ``word`` is a whole North Korean or Chinese province name ("자강도", "길림성")."""
    from casebook.extract.places import china_province, is_province, nk_place

    found = nk_place(word)
    whole_nk = found is not None and found[2] == len(word) and is_province(word)
    return whole_nk or (word.endswith("성") and china_province(word) is not None)


def _word_goes_on(b: _Builder, body: str) -> bool:
    """Whether a hard-wrapped line ends inside a Korean word that the next line finishes.

    Korean is typeset by syllable, so a printed line may end inside a word ("인신매매 당" +
    "했고"); joining with a space would cut it. The spacing model of Kiwi (the Korean analyser
    the extractor already uses) decides on the few syllables around the join.
    """
    tail = "".join(b.parts[-4:])[-8:]
    if not (_HANGUL.match(body[0]) and (_HANGUL.match(tail[-1:]) or tail[-1:].isdigit())):
        return False
    last = tail.rsplit(" ", 1)[-1]
    if _province_word(last):
        return False  # "자강도" + "희천시": a province is written apart from the town after it
    from casebook.extract.korean import kiwi  # loaded only for hard-wrapped Korean text

    head = body[:8]
    spaced = kiwi().space(tail + head, reset_whitespace=False)
    before = len(tail.replace(" ", ""))  # letters before the join
    seen = 0
    for ch in spaced:
        if seen == before:
            return ch != " "
        if ch != " ":
            seen += 1
    return True


# a Korean case note's items, one a line with no full stop: the next line starts with a bullet
# or a year ("- 2004년 두만강 도강", "2010.3. 북송"), or the line ends in a nominal verb form
# ("…팔려 감", "…체포됨", "…출산"); a news script's line breaks inside a sentence end in a
# particle or a modifier and stay joined
_KO_ITEM_NEXT = re.compile(r"[-•·○●▲△■□◆◇※▶][ \t]*[^\n]{0,8}[가-힣]"
                           r"|(?:19[4-9]|20[0-3])\d\s?(?:년|\.\s?\d)")
_KO_ITEM_END = re.compile(r"(?:[가-힣](?:함|됨|림|짐|옴)|(?:없|있|받|었|았|였|했|됐|왔|갔)음"
                          r"|(?:\s|[려겨])감"
                          r"|도강|도하|출산|입국|수감|석방)$")
_KO_NEXT = re.compile(r"[가-힣0-9]")


def _ko_item_break(last: str, body: str) -> bool:
    if not last or not ("\uac00" <= last[-1] <= "\ud7a3" or last[-1] in ")○"):
        return False
    return bool(_KO_ITEM_NEXT.match(body) or (_KO_ITEM_END.search(last) and _KO_NEXT.match(body)))


def clean(text: str) -> Cleaned:
    """Return the readable story with paragraph breaks (``"\\n\\n"``) and an offset map.

    Lines inside a paragraph are joined with a space; a word broken with a hyphen at a line
    end ("vil-" + "lage") is joined without it; a paragraph cut by a page break (no sentence
    end, next one starts in lower case) is rejoined. In hard-wrapped text (see
    :func:`_wrap_width`) a short line ends its paragraph unless the next line goes on in lower
    case, a line starting with a form label starts one, and a Korean word cut at the line end
    is joined (:func:`_word_goes_on`).
    """
    text = text.replace("\r\n", "\n")
    lines = _lines(text)
    width = _wrap_width(lines)  # page furniture counted too: a few short lines change nothing
    drop = _drop_lines(lines, width)
    prev_len = 0
    last_line = ""
    b = _Builder()
    para_open = False
    pending_break: int | None = None  # original offset of a paragraph break not yet written
    for (start, line), dropped in zip(lines, drop):
        if dropped:
            continue
        stripped = line.strip()
        if not stripped:
            if para_open:
                pending_break = start
            continue
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        if para_open and pending_break is not None:
            prev = b.last_char()
            if body[0].islower() and not _SENT_END.search(prev):
                b.add(" ", pending_break)  # paragraph cut by a page break
            else:
                b.add("\n\n", pending_break)
            pending_break = None
        elif para_open:
            prev = b.last_char()
            if width and (prev_len < 0.75 * width and not body[0].islower()
                          or _LABEL_START.match(body)):
                b.add("\n\n", start - 1)  # a short last line: the paragraph ended
            elif not width and not body[0].islower() and _printed(body) >= 100 and (
                    len(last_line) < 60 or _printed(last_line) >= 100 and _SENT_END.search(prev)
            ) and not _ANSWER.match(body):
                # not hard-wrapped: a web page's paragraphs each on one line, longer than a
                # printed line, the first perhaps under a title or form lines (a question and
                # its answer stay together)
                b.add("\n\n", start - 1)
            elif width and _word_goes_on(b, body):
                pass  # a Korean word wrapped in the middle: joined without a space
            elif prev in _HYPHENS and len(b.parts[-1]) >= 2 and b.parts[-1][-2].isalpha() and body[
                0].islower():
                # de-hyphenate: drop the hyphen we just wrote
                last = b.parts[-1][:-1]
                b.length -= 1
                if last:
                    b.parts[-1] = last
                else:
                    b.parts.pop()
                    b.clean_starts.pop()
                    b.orig_starts.pop()
            elif prev in "-\u2010" and b.parts[-1][-2:-1].isalnum() and body[0].isalnum():
                pass  # a compound broken after its hyphen ("Korean-" + "Chinese"): kept whole
            elif _ko_item_break(last_line, body):
                b.add("\n", start - 1)  # a case note's items, one a line: each its own sentence
            else:
                b.add(" ", start - 1)
        # collapse inner runs of spaces, spell out ligatures, drop footnote references
        pos = 0
        for m in _INNER.finditer(body) if _inner_hint(body) else ():
            b.add(body[pos:m.start()], start + lead + pos)
            lig = m.group("lig")
            b.add(" " if m.group("ws") else unicodedata.normalize("NFKC", lig) if lig else "",
                  start + lead + m.start())
            pos = m.end()
        b.add(body[pos:], start + lead + pos)
        para_open = True
        prev_len = _printed(body) if width else 0
        last_line = body
    return Cleaned("".join(b.parts), text, b.clean_starts, b.orig_starts)


# (rules.lead_compile: the same matches behind a look-ahead of their first characters, faster
# where a pattern starts with a word start or look-behinds; see rules.lead_form)
_ABBREV = rules.lead_compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Mt|No|Nos|vs|etc|approx|p|pp|Jan|Feb|Mar|Apr|Jun|Jul|"
                     r"Aug|Sep|Sept|Oct|Nov|Dec|U\.S|e\.g|i\.e|cf|al)|\b[A-Z])\.$")
# Korean case notes also end an item with " / ", or with a line break that :func:`clean` keeps
# as a single "\n" (see _KO_ITEM_BREAK)
_SPLIT = re.compile(r"(?<=[.!?。…])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9가-힣\"“‘(\[])|\n\n+")
# (searched only in a text with "/ " or a lone "\n" in it: kept out of _SPLIT, which runs on every
# text)
_KO_SLASH = re.compile(r"(?<=[가-힣])[ \t]*(?=/[ \t]+[가-힣0-9])|(?<=\))[ \t]+(?=/[ \t]+[가-힣])")
_LONE_NL = re.compile(r"(?<!\n)\n(?!\n)")


# a Korean case note's date "2019.3. 강제북송", "2019. 3. 북송": not a sentence end
_KO_DOT_DATE = re.compile(r"(?<![\d.])(?:19[4-9]|20[0-3])\d\.(?:\s?(?:1[0-2]|0?[1-9])\.)?$")
_KO_AFTER_DATE = re.compile(r"[가-힣]|(?:1[0-2]|0?[1-9])\.\s?[가-힣]")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of cleaned text; paragraph breaks always end a sentence."""
    spans: list[tuple[int, int]] = []
    start = 0
    found: Iterable[re.Match[str]] = _SPLIT.finditer(text)
    extra = [*(_KO_SLASH.finditer(text) if "/ " in text else ()),
             *(_LONE_NL.finditer(text) if "\n" in text.replace("\n\n", "") else ())]
    if extra:
        found = sorted([*found, *extra], key=lambda x: x.start())
    for m in found:
        cut, gap = m.start(), m.group()
        if not gap.strip() and "\n" not in gap:
            head = text[max(start, cut - 12):cut]
            if _ABBREV.search(head.rstrip("\"”’)]")) or (
                    head[-2:-1].isdigit() and _KO_DOT_DATE.search(head)
                    and _KO_AFTER_DATE.match(text, m.end())):
                continue
        seg = text[start:m.end()]
        if seg.strip():
            s = start + (len(seg) - len(seg.lstrip()))
            e = start + len(seg.rstrip())
            spans.append((s, e))
        start = m.end()
    seg = text[start:]
    if seg.strip():
        s = start + (len(seg) - len(seg.lstrip()))
        spans.append((s, start + len(seg.rstrip())))
    return spans


def paragraph_index(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """The paragraph number of each sentence span."""
    breaks = [m.start() for m in re.finditer(r"\n\n", text)]
    return [bisect.bisect_right(breaks, s) for s, _ in spans]
