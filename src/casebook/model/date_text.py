"""Uncertain dates as a person types them into a form or a command: no more precise than known.

A caseworker knows "she reached the safe house in spring 2019" or "about 2018" as often as a
day. This reads the short forms people type, in English and Korean, into an
:class:`UncertainDate`; a day is checked by the standard library (``date.fromisoformat``).
Testimony text is read by ``casebook.extract.dates``, not here.

    2019-04-12, 2019-04, 2019            day, month, year
    spring 2019, 2019 spring, 2019년 봄   season
    about 2019, c. 2019, ~2019, 2019년경  approximate year
    2018-2019, 2018–2019                 range of years
    2019년 4월, 2019년 4월 12일            Korean month and day
"""

from __future__ import annotations

import datetime as dt
import re

from casebook.errors import InvalidInput
from casebook.model.dates import UncertainDate

_SEASONS = {"spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn",
            "winter": "winter",
            "봄": "spring", "여름": "summer", "가을": "autumn", "겨울": "winter"}
_YEAR = r"(?P<year>\d{4})"
_FORMS = [
    (re.compile(rf"{_YEAR}-(?P<month>\d{{1,2}})"), "month"),
    (re.compile(rf"{_YEAR}\s*년\s*(?P<month>\d{{1,2}})\s*월\s*(?P<day>\d{{1,2}})\s*일"), "day"),
    (re.compile(rf"{_YEAR}\s*년\s*(?P<month>\d{{1,2}})\s*월"), "month"),
    (re.compile(rf"(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}"), "season"),
    (re.compile(rf"{_YEAR}\s*년?\s*(?P<season>spring|summer|autumn|fall|winter|봄|여름|가을|겨울)"),
     "season"),
    (re.compile(rf"(?:about|around|approximately|circa|c\.|ca\.|~|약)\s*{_YEAR}\s*년?"), "about"),
    (re.compile(rf"{_YEAR}\s*년?\s*(?:경|쯤|무렵)"), "about"),
    (re.compile(rf"{_YEAR}\s*(?:-|–|—|~|to)\s*(?P<end>\d{{4}})\s*년?"), "range"),
    (re.compile(rf"{_YEAR}\s*년?"), "year"),
]
EXAMPLE = "2019-04-12, 2019-04, 2019, spring 2019, about 2019, 2018-2019 (or 2019년 봄, 2019년경)"


def parse_date_text(text: str | None, what: str = "date") -> UncertainDate | None:
    """The uncertain date ``text`` says, or None for an empty value.

    Anything else is refused with one line naming ``what`` and the forms it takes, never
    guessed.

    Examples:
        >>> parse_date_text("spring 2019").label()
        'spring 2019'
        >>> parse_date_text("2019년경").label()
        'about 2019'
    """
    if text is None or not str(text).strip():
        return None
    value = " ".join(str(text).strip().lower().split())
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = dt.date.fromisoformat(value)
            return UncertainDate(year=day.year, month=day.month, day=day.day, text=str(text))
        for pattern, form in _FORMS:
            m = pattern.fullmatch(value)
            if m:
                return _date(m, form, str(text))
    except ValueError as exc:
        raise InvalidInput(f"{what}: {exc}") from None
    raise InvalidInput(f"{what}: {str(text)[:40]!r} is not a date; write one of {EXAMPLE}")


def _date(m: re.Match[str], form: str, text: str) -> UncertainDate:
    year = int(m["year"])
    if form == "day":
        dt.date(year, int(m["month"]), int(m["day"]))  # 31 February raises here
        return UncertainDate(year=year, month=int(m["month"]), day=int(m["day"]), text=text)
    if form == "month":
        return UncertainDate(year=year, month=int(m["month"]), text=text)
    if form == "season":
        return UncertainDate(year=year, season=_SEASONS[m["season"]], text=text)
    if form == "about":
        return UncertainDate(year=year, approximate=True, text=text)
    if form == "range":
        return UncertainDate(year=year, end_year=int(m["end"]), text=text)
    return UncertainDate(year=year, text=text)


def parse_day(text: str | None, what: str = "date") -> dt.date | None:
    """A calendar day (YYYY-MM-DD), for what is planned rather than told: a task's due date."""
    if text is None or not str(text).strip():
        return None
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise InvalidInput(f"{what}: {str(text)[:40]!r} is not a day; write YYYY-MM-DD") from None
