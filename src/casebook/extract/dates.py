"""Dates as survivors tell them: exact ("in February 1998"), partial ("the spring of 1999",
"2005년 가을"), relative ("a year later", "after one week", "the following spring", "이듬해")
and by age ("at the age of 20", "스무 살 때") once a birth year is known.

:func:`find_dates` reads one sentence; :class:`Timeline` carries the last stated date through
the narrative so that relative expressions and undated events get a year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casebook.extract import hints, name_search, rules
from casebook.extract.numbers import korean_native_number, small_number, words_to_number
from casebook.model import UncertainDate

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
SEASONS = {"spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn",
           "winter": "winter", "봄": "spring", "여름": "summer", "가을": "autumn", "겨울": "winter"}
_YEAR = r"(?P<year>19[4-9]\d|20[0-3]\d)"
_MONTH_NAMES = r"(?P<month>january|february|march|april|may|june|july|august|september|october|" \
               r"november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_SEASON = r"(?P<season>spring|summer|autumn|fall|winter)"
_QUAL = r"(?:(?P<qual>early|late|mid|middle|end|beginning|start)(?:[\s-]+of)?\s+(?:the\s+)?)?"

_EN_ABS = [
    re.compile(rf"\b{_QUAL}{_MONTH_NAMES}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?,?\s+(?:of\s+)?{_YEAR}\b",
               re.I),
    re.compile(rf"\b{_QUAL}(?:the\s+)?{_SEASON}\s+(?:of\s+)?{_YEAR}\b", re.I),
    re.compile(rf"\b{_YEAR}\s*,?\s*in\s+the\s+{_SEASON}\b", re.I),
    re.compile(rf"\b(?:the\s+)?{_QUAL}{_YEAR}s?\b", re.I),
]
_KO_ABS = re.compile(
    rf"{_YEAR}\s?년(?!대)(?:도)?\s?(?:(?P<kmonth>1[0-2]|[1-9])\s?월|(?P<kseason>봄|여름|가을|겨울)|"
    r"(?P<kqual>초|말|초반|말경|중반|늦게|끝무렵))?")
# "20067월": a year and a month run together where 년 was lost ("2006" + "7월")
_KO_GLUED = re.compile(r"(?<!\d)(?P<year>(?:19[4-9]|20[0-3])\d)(?P<kmonth>1[0-2]|[1-9])\s?월")
# "2005, 그녀는 …", "20167, 그녀는 …": a year (and month) whose 년/월 a web page lost, before a
# comma and a Korean word
_KO_BARE = re.compile(
    r"(?<![\d.,])(?P<year>(?:19[4-9]|20[0-3])\d)(?P<kmonth>1[0-2]|[1-9])?(?=,\s?[가-힣])")
_KO_DOT = re.compile(r"(?<![\d.])(?P<year>(?:19[4-9]|20[0-3])\d)\.\s?(?P<kmonth>1[0-2]|0?[1-9])"
                     r"(?:\.(?!\d)|(?=\.\s?\d)|(?=\s?[가-힣]))")
_KO_YY = re.compile(r"(?<!\d)(?P<yy>[0-9]\d)\s?년(?:도)?\s?(?:(?P<kmonth>1[0-2]|[1-9])\s?월|"
                    r"(?P<kseason>봄|여름|가을|겨울))")

_NUMW = (r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
         r"half\s+a|a\s+few|few|several)")
_UNIT = r"(?P<unit>years?|months?|weeks?|days?)"
_EN_REL = [
    re.compile(rf"\b{_NUMW}\s+(?:and\s+a\s+half\s+)?{_UNIT}\s+(?:later|after(?:wards)?)\b", re.I),
    re.compile(rf"\bafter\s+(?:about\s+|around\s+|nearly\s+|almost\s+)?{_NUMW}\s+{_UNIT}\b", re.I),
    re.compile(
        r"\b(?:the\s+)?(?P<next>following|next)\s+(?P<unit>year|spring|summer|autumn|fall|winter|"
        r"month)\b",
               re.I),
]
_KO_REL = [
    re.compile(
        r"(?P<n>\d+|일|이|삼|사|오|한|두|세|네|다섯|여섯)\s?(?P<unit>년|해|달|개월|주일?|"
        r"일)\s?(?:반\s?)?(?:쯤\s?)?(?:후|뒤|만에|지나서|지나)"),
    re.compile(r"(?P<next>이듬해|다음\s?해|그\s?다음\s?해|다음\s?날|이튿날)"),
]
# (rules.lead_compile: the same matches behind a look-ahead of their first characters, faster
# where a pattern starts with a word start or look-behinds; see rules.lead_form)
_EN_AGE = rules.lead_compile(
    r"\b(?:at\s+the\s+age\s+of\s+|aged\s+|at\s+age\s+|when\s+(?:I|she)\s+was\s+|"
    r"at\s+(?=\d{1,2}\s+years?\s+old\b)|^at\s+(?=\d{1,2}\s*,\s*(?:I|she)\b)|(?:I|"
    r"she)\s+was\s+(?:only\s+|just\s+)?|"
    r"you\s+were\s+(?:only\s+|just\s+)?)"  # an interviewer's "You were 28 years old when …"
    r"(?P<age>\d{1,2}|[a-z]+(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine)\b)?)"
    r"(?P<yo>\s+years?(?:\s+old)?|\s*-year-old)?\b", re.I)
_KO_AGE = re.compile(
    r"(?P<age>\d{1,2}|스무|스물|서른|마흔|열)\s?(?P<age2>한|두|세|네|다섯|여섯|일곱|여덟|"
    r"아홉)?\s?살")


_EN_ABS_L = [rules.lead_compile(rx.pattern) for rx in _EN_ABS]
_EN_REL_L = [re.compile(rx.pattern) for rx in _EN_REL]
_REL_HINT = re.compile(r"later|after|following|next")
_DIGIT = re.compile(r"\d")
_YEARISH = re.compile(r"(?:19[4-9]|20[0-3])\d")
# the literal words one of which each pattern of _EN_REL_L needs
_REL_WORDS = (("later", "after"), ("after",), ("following", "next"))
_HANGUL_CH = re.compile(r"[가-힣]")
# "in July", "in early December": a month without a year, set in the running year
_EN_MONTH_ONLY = rules.fast_compile(
    r"\b(?:[Ii]n|[Bb]y|[Dd]uring|[Uu]ntil|[Ss]ince|[Tt]hat|[Ee]nd\s+of|[Bb]eginning\s+of|[Ll]ate|"
    r"[Ee]arly|[Mm]id-?)\s+"
    r"(?:(?:early|late|mid-?)\s*)?(?P<month>January|February|March|April|May|June|July|August|"
    r"September|October|"
    r"November|December)\b(?!\s*,?\s*(?:\d|of\s+\d))")
_MONTH_HINT = re.compile(
    r"January|February|March|April|May|June|July|August|September|October|November|December")
# (each branch starts with a letter, its word start checked behind it: the search skips to the
# positions where one of those letters stands, several times faster than a leading \b)
_AGE_HINT = re.compile(r"age(?<!\wage)|aged|years?\s+old|at(?<!\wat)\s+\d\d\s*,|"
                       r"w(?<!\ww)(?:as|ere)\s+(?:only\s+|just\s+)?(?:\d|one|two|three|four|"
                       r"five|six|seven|eight|nine|ten|"
                       r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
                       r"nineteen|twenty|thirty|"
                       r"forty|fifty|sixty|seventy)")


@dataclass(frozen=True)
class DateMention:
    """One date expression in a sentence (absolute, relative, or an age)."""

    start: int
    end: int
    year: int | None = None
    month: int | None = None
    season: str | None = None
    approximate: bool = False
    delta_years: float = 0.0  # relative: this many years after the anchor
    delta_months: float = 0.0
    next_season: str | None = None  # "the following spring"
    age: int | None = None
    kind: str = "absolute"  # absolute | relative | age | month (a month in the running year)

    def date(self) -> UncertainDate | None:
        if self.year is None:
            return None
        return UncertainDate(year=self.year, month=self.month,
                             season=None if self.month else self.season,
                             approximate=self.approximate)


def _en_num(s: str) -> float:
    s = s.lower().strip()
    if s.isdigit():
        return float(s)
    if s in ("a", "an", "one"):
        return 1.0
    if s.startswith("half"):
        return 0.5
    if s in ("a few", "few", "several"):
        return 2.0
    return float(words_to_number(s) or 1)


def find_dates(text: str) -> list[DateMention]:
    """Date expressions of one sentence, in order, without overlaps."""
    out: list[DateMention] = []

    def free(s: int, e: int) -> bool:
        return not any(d.start < e and s < d.end for d in out)

    low = text.lower()
    # (an ASCII sentence has no Hangul: isascii() is a flag the string carries, not a scan)
    wide = not text.isascii()
    has_hangul = wide and _HANGUL_CH.search(text) is not None
    if has_hangul:  # (a Korean sentence: its few hint regexes cost less than the hint pass)
        has_digit = _DIGIT.search(text) is not None
        months = _MONTH_HINT.search(text) is not None
        later = _REL_HINT.search(low) is not None
    else:  # the hint words of several stages, found in one pass
        hint = hints.families(low)
        # an ASCII digit is found with the hint words; only a sentence with other characters
        # may hold another digit
        has_digit = bool(hint & hints.DIGIT) or wide and _DIGIT.search(text) is not None
        # (a month the hint finds in the casing is in the lower-cased sentence)
        months = bool(hint & hints.MONTH) and _MONTH_HINT.search(text) is not None
        later = bool(hint & hints.TIME_ORDER)  # (_REL_HINT's words)
    # the English patterns are all lower-case literals: match them case-sensitively on the
    # lower-cased sentence (much faster than re.I; offsets agree unless a letter changes length)
    src, abs_rx, rel_rx = (low, _EN_ABS_L, _EN_REL_L) if len(low) == len(text) else (text, _EN_ABS,
                                                                                     _EN_REL)
    # a Korean case note's "2019.3." / "2019. 3." (year and month; a day after it is ignored)
    for m in _KO_DOT.finditer(text) if has_digit and has_hangul and "." in text else ():
        out.append(DateMention(m.start(), m.end(), int(m.group("year")), int(m.group("kmonth"))))
    # (every absolute date has a year)
    for rx in abs_rx if has_digit and _YEARISH.search(text) else ():
        for m in rx.finditer(src):
            if not free(m.start(), m.end()):
                continue
            g = m.groupdict()
            if rx is abs_rx[-1] and m.group().lower().endswith("s") and text[m.end() - 1] == "s":
                out.append(DateMention(m.start(), m.end(), int(g["year"]), approximate=True,
                                       kind="decade"))
                continue
            month = MONTHS.get((g.get("month") or "").lower().rstrip("."))
            if month == 5 and g.get("month", "").lower() == "may" and not re.match(
                    r"may\s*,?\s*(?:of\s+)?\d{4}", m.group()[m.group().lower().find("may"):], re.I):
                month = None
            season = SEASONS.get((g.get("season") or "").lower())
            qual = (g.get("qual") or "").lower()
            out.append(DateMention(m.start(), m.end(), int(g["year"]), month, season,
                                   approximate=bool(qual) and not month and not season))
    for m in _KO_ABS.finditer(text) if has_digit and has_hangul else ():
        if free(m.start(), m.end()):
            month = int(m.group("kmonth")) if m.group("kmonth") else None
            out.append(DateMention(m.start(), m.end(), int(m.group("year")), month,
                                   SEASONS.get(m.group("kseason") or ""),
                                   approximate=bool(m.group("kqual"))))
    for m in _KO_GLUED.finditer(text) if has_digit and has_hangul else ():
        if free(m.start(), m.end()):
            out.append(DateMention(m.start(), m.end(), int(m.group("year")),
                                   int(m.group("kmonth"))))
    for m in _KO_BARE.finditer(text) if has_digit and has_hangul else ():
        if free(m.start(), m.end()):
            out.append(DateMention(m.start(), m.end(), int(m.group("year")),
                                   int(m.group("kmonth")) if m.group("kmonth") else None))
    for m in _KO_YY.finditer(text) if has_digit and has_hangul else ():
        if free(m.start(), m.end()):
            yy = int(m.group("yy"))
            year = 1900 + yy if yy >= 40 else 2000 + yy
            month = int(m.group("kmonth")) if m.group("kmonth") else None
            out.append(DateMention(m.start(), m.end(), year, month, SEASONS.get(m.group("kseason")
                                                                                or "")))
    for m in _EN_MONTH_ONLY.finditer(text) if months else ():
        if free(m.start(), m.end()):
            out.append(DateMention(m.start(), m.end(), month=MONTHS[m.group("month").lower()],
                                   kind="month"))
    for rx, words in zip(rel_rx, _REL_WORDS) if later else ():
        if src is low and not any(w in low for w in words):
            continue  # (the row's words are not in the sentence)
        for m in rx.finditer(src):
            if not free(m.start(), m.end()):
                continue
            g = m.groupdict()
            unit = g["unit"].lower()
            if g.get("next"):
                if unit == "year":
                    out.append(DateMention(m.start(), m.end(), delta_years=1, kind="relative"))
                elif unit == "month":
                    out.append(DateMention(m.start(), m.end(), delta_months=1, kind="relative"))
                else:
                    out.append(DateMention(m.start(), m.end(), next_season=SEASONS[unit],
                                           kind="relative"))
                continue
            n = _en_num(g["n"])
            if "and a half" in m.group().lower():
                n += 0.5
            out.append(_rel(m.start(), m.end(), n, unit))
    for rx in _KO_REL if has_hangul else ():
        for m in rx.finditer(text):
            if not free(m.start(), m.end()):
                continue
            g = m.groupdict()
            if g.get("next"):
                word = g["next"].replace(" ", "")
                out.append(DateMention(m.start(), m.end(), delta_years=0 if "날" in word else 1,
                                       kind="relative"))
                continue
            n = small_number(g["n"]) or 1
            unit = {"년": "year", "해": "year", "달": "month", "개월": "month", "주": "week",
                    "주일": "week", "일": "day"}[g["unit"]]
            nn = float(n) + (0.5 if "반" in m.group() else 0)
            out.append(_rel(m.start(), m.end(), nn, unit))
    # (each of _AGE_HINT's alternatives starts with "a", "y" or "w": a sentence of other
    # letters, a Korean one, is not searched)
    for m in _EN_AGE.finditer(text) if (not wide or "a" in low or "w" in low or "y" in low) and \
            _AGE_HINT.search(low) else ():
        age = age_value(m.group("age"))
        if age is None or not 8 <= age <= 70 or not free(m.start(), m.end()):
            continue
        if not m.group("yo") and not re.match(r"at\s+the\s+age|aged|at\s+(?:age|\d)", m.group(),
                                              re.I):
            # "I was 14" needs "years old" or a clear age context to count
            tail = text[m.end():m.end() + 12].lower()
            if not re.match(r"\s*(?:,|and|when|at the time|then|\.|\])", tail):
                continue
        out.append(DateMention(m.start(), m.end(), age=age, kind="age"))
    for m in _KO_AGE.finditer(text) if "살" in text else ():
        base = m.group("age")
        age = int(base) if base.isdigit() else korean_native_number(base + (m.group("age2") or ""))
        if age and 8 <= age <= 70 and free(m.start(), m.end()):
            out.append(DateMention(m.start(), m.end(), age=age, kind="age"))
    out.sort(key=lambda d: d.start)
    if len(out) > 1:  # "escaped in 2007 after two years of hiding": the years before it, not after
        out = [d for k, d in enumerate(out) if not (
            d.kind == "relative" and any(x.kind == "absolute" and x.year and not _CLAUSE_CUT.search(
                low, x.end, d.start) for x in out[:k])
            and _SPAN_BEFORE.match(low, d.start) and _OF_AFTER.match(low, d.end))]
    return _ranges(out, low) if len(out) > 1 else out


# "the hungry years (1996 to 1999)", "from 1997-2000", "between 1996 and 1998": a span of years;
# "in 1996 or 1997": she is not sure which (no single year either)
_RANGE_JOIN = re.compile(r"\s*(?:to|till|until|-|–|—|and|or)\s*$")


def _ranges(out: list[DateMention], low: str) -> list[DateMention]:
    """Two bare years joined as a span become one ``range`` mention: no single year of it is
    when the next event happened (the running date forgets its year)."""
    merged: list[DateMention] = []
    for d in out:
        prev = merged[-1] if merged else None
        if (prev is not None and prev.kind == "absolute" and d.kind == "absolute" and prev.year
                and d.year and not prev.month and not d.month and prev.year < d.year
                and d.end - d.start == 4 and prev.end - prev.start <= 8
                and _RANGE_JOIN.match(low[prev.end:d.start])
                and (low[prev.end:d.start].strip() != "and"
                     or low[max(0, prev.start - 8):prev.start].rstrip().endswith("between"))):
            merged[-1] = DateMention(prev.start, d.end, prev.year, approximate=True, kind="range")
            continue
        merged.append(d)
    return merged


_SPAN_BEFORE = re.compile(r"after\b")
_OF_AFTER = re.compile(r"\s+(?:of|spent)\b")
_CLAUSE_CUT = re.compile(r"[,;:]|\b(?:and|then|but)\b")


def age_value(s: str) -> int | None:
    s = s.strip().lower()
    if s.isdigit():
        return int(s)
    v = words_to_number(s)
    return v if v and v > 1 else None


def _rel(start: int, end: int, n: float, unit: str) -> DateMention:
    unit = unit.rstrip("s")
    if unit == "year":
        return DateMention(start, end, delta_years=n, kind="relative")
    if unit == "month":
        return DateMention(start, end, delta_months=n, kind="relative")
    if unit == "week":
        return DateMention(start, end, delta_months=n / 4.3, kind="relative")
    return DateMention(start, end, delta_months=n / 30.0, kind="relative")


class Timeline:
    """The narrative's running date: the last stated one, moved on by relative expressions."""

    def __init__(self, birth_year: int | None = None) -> None:
        self.birth_year = birth_year
        self.year: int | None = None
        self.month: int | None = None
        self.season: str | None = None
        self.month_age = 0  # sentences since the month/season was stated
        self._last: tuple[tuple, UncertainDate | None] = ((), None)
        self.marks: list[tuple[int, UncertainDate | None]] = []

    def advance(self, mentions: list[DateMention]) -> UncertainDate | None:
        """Read one sentence's date mentions; return the date the sentence is set at."""
        stated: UncertainDate | None = None
        self.marks = []  # (start, running date) of each date told in the sentence
        self.month_age += 1
        # "In March 2000, at age 19, I …": the age restates the dated moment (keep its month)
        years = {d.year for d in mentions if d.kind == "absolute" and d.year}
        # a stated year wins over an age in the same sentence ("2005, 18살 되던 해에"): the age
        # gives the year only through a birth year that may be wrong by one or more
        told_year = any(d.kind == "absolute" and d.year for d in mentions)
        for d in mentions:
            if d.kind == "age" and self.birth_year and d.age is not None and any(
                    abs(self.birth_year + d.age - y) <= 1 for y in years):
                continue
            if d.kind == "absolute" and d.year:
                self.year, self.month, self.season = d.year, d.month, d.season
                self.month_age = 0
                stated = d.date()
                self.marks.append((d.start, stated))
            elif d.kind == "range":
                self.year, self.month, self.season = None, None, None
                stated = None
            elif d.kind == "month" and self.year is not None:
                self.month, self.season = d.month, None
                self.month_age = 0
                stated = self.current()
            elif d.kind == "age" and self.birth_year and d.age is not None and not told_year:
                self.year, self.month, self.season = self.birth_year + d.age, None, None
                self.month_age = 0
                stated = UncertainDate(year=self.year)
            elif d.kind == "relative" and self.year is not None:
                if d.next_season:
                    self.year += 1 if (d.next_season != "winter") else 0
                    self.month, self.season = None, d.next_season
                else:
                    total = (self.month or 6) - 1 + d.delta_months + 12 * d.delta_years
                    self.year += int(total // 12)
                    self.month = int(total % 12) + 1 if self.month and d.delta_months else None
                    if d.delta_years and not d.delta_months:
                        self.month = None
                    self.season = None if self.month else (self.season if not d.delta_years
                                                           else None)
                self.month_age = 0
                stated = self.current()
                self.marks.append((d.start, stated))
        return stated

    def current(self, fresh_only: bool = False) -> UncertainDate | None:
        """The running date; months and seasons go stale after three sentences."""
        if self.year is None:
            return None
        keep_month = self.month_age <= 3
        if fresh_only and self.month_age > 3:
            return UncertainDate(year=self.year)
        key = (self.year, self.month, self.season, keep_month)
        # the same date for each sentence until it moves (dates are frozen)
        if key != self._last[0]:
            self._last = (key, UncertainDate(
                year=self.year, month=self.month if keep_month else None,
                season=None if (self.month and keep_month) or not keep_month else self.season))
        return self._last[1]


def age_beside_name(st: str, names: list[str]) -> tuple[int, int, int] | None:
    """(start, end, age) of her age told beside one of her ``names`` in a sentence ("Kim was 17
    when …", "Aged 17 when Kim …", "then 16-year-old Kim", "Kim … at the age of 16"), the first
    way that matches. Her names are found by string search and the words around them by fixed
    patterns: no regex pattern holds her name (see :mod:`casebook.extract.name_search`)."""
    hit = name_search.followed(st, names, _NAME_WAS_AGE)  # "Kim was 17 when …"
    if hit is not None:
        return hit[0], hit[1].end(), int(hit[1].group("a"))
    m = _AGED_WHEN.match(st)  # a sentence opening on her age then: "Aged 17 when she crossed …"
    if m is not None:
        she = _SHE.match(st, m.end())
        z = she.end() if she else name_search.at(st, m.end(), names)
        if z >= 0:
            return 0, z, int(m.group("a"))
    # her age then, beside her name in the sentence that dates it: "In 2007 then 16-year-old
    # Park crossed …", "Park went to China in 2014 at the age of 16" (not "the 48-year-old
    # Park said": her age now)
    for m in _THEN_AGED.finditer(st):
        z = _name_after_words(st, m.end(), names)
        if z >= 0:
            return m.start(), z, int(m.group("a"))
    hit = name_search.followed(st, names, _AT_THE_AGE)
    if hit is not None:
        return hit[0], hit[1].end(), int(hit[1].group("a"))
    return None


_NAME_WAS_AGE = re.compile(
    r"(?:\s*\([^)]{1,30}\))?"  # "Kim (a pseudonym)"
    r"(?:,\s+(?:now\s+)?\d{1,2},)?\s+was\s+"  # "Kim, 41, was 22 when …"
    r"(?:only\s+|just\s+|then\s+)?(?:an?\s+)?(?P<a>\d{1,2})"
    r"(?:(?P<yo>[\s-]years?[\s-]old)\b|(?=\s+(?:when|at\s+the\s+time)\b))")
_AGED_WHEN = re.compile(r"\W*(?:[Aa]ged|[Oo]nly|[Jj]ust)\s+(?P<a>\d{1,2})\s+"
                        r"(?:when|at\s+the\s+time)\s+")
_SHE = re.compile(r"she\b")
_THEN_AGED = re.compile(r"\b[Tt]hen\s+(?:an?\s+)?(?P<a>\d{1,2})[\s-]years?[\s-]old\s+")
_A_WORD = re.compile(r"[\w-]+\s+")
_AT_THE_AGE = re.compile(r"\s+(?!said\b|says\b|told\b|recalls\b|recalled\b)"
                         r"[^.;,]{0,60}?\bat\s+the\s+age\s+of\s+(?P<a>\d{1,2})\b")


def _name_after_words(st: str, i: int, names: list[str]) -> int:
    """The end of one of ``names`` standing at ``i`` or after one or two words (the fewest
    first, as ``(?:[\\w-]+\\s+){0,2}?(?:names)\\b``); -1 if none."""
    for _k in range(3):
        z = name_search.at(st, i, names)
        if z >= 0:
            return z
        w = _A_WORD.match(st, i)
        if w is None:
            return -1
        i = w.end()
    return -1
