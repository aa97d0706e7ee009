"""Uncertain dates as survivors tell them: "spring 1998", "about 2003", "2001–2002".

A testimony rarely gives a day. We keep what was said (year, month, day, season,
"about", a range) and its precision, and derive sortable bounds from it, instead of
inventing a day that nobody stated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}
SEASONS_KO = {"spring": "봄", "summer": "여름", "autumn": "가을", "winter": "겨울"}
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
PRECISIONS = ("day", "month", "season", "year", "approximate_year", "range", "unknown")


@dataclass(frozen=True)
class UncertainDate:
    """A date known only to some precision.

    Examples:
        >>> UncertainDate(year=1998, month=2).precision
        'month'
        >>> UncertainDate(year=2003, approximate=True).label()
        'about 2003'
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: str | None = None
    approximate: bool = False
    end_year: int | None = None
    text: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1-12, not {self.month}")
        if self.season is not None and self.season not in SEASON_MONTHS:
            raise ValueError(f"season must be one of {sorted(SEASON_MONTHS)}, not {self.season!r}")
        if self.day is not None:
            if self.year is None or self.month is None:
                raise ValueError("a day needs a year and a month")
            dt.date(self.year, self.month, self.day)  # raises on 31 February
        if self.end_year is not None and self.year is not None and self.end_year < self.year:
            raise ValueError("a date range cannot end before it starts")

    @property
    def precision(self) -> str:
        if self.year is None:
            return "unknown"
        if self.end_year is not None and self.end_year != self.year:
            return "range"
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        if self.season is not None:
            return "season"
        return "approximate_year" if self.approximate else "year"

    def bounds(self) -> tuple[dt.date, dt.date] | None:
        """Earliest and latest calendar day this date can mean, for sorting and overlap."""
        if self.year is None:
            return None
        if self.day is not None and self.month is not None:
            d = dt.date(self.year, self.month, self.day)
            return d, d
        if self.month is not None:
            start = dt.date(self.year, self.month, 1)
            nxt = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return start, nxt - dt.timedelta(days=1)
        if self.season is not None:
            first, last = SEASON_MONTHS[self.season]
            end_year = self.year + 1 if last < first else self.year
            end = dt.date(end_year + (last == 12), last % 12 + 1, 1) - dt.timedelta(days=1)
            return dt.date(self.year, first, 1), end
        slack = 1 if self.approximate else 0
        last_year = self.end_year if self.end_year is not None else self.year
        return dt.date(self.year - slack, 1, 1), dt.date(last_year + slack, 12, 31)

    def sort_key(self) -> tuple[int, str]:
        b = self.bounds()
        return (b[0].toordinal(), b[1].isoformat()) if b else (10**9, "")

    def label(self, lang: str = "en") -> str:
        """Human reading of the date, as precise as it is and no more (``lang``: en or ko)."""
        return date_label(self, lang)

    def as_text(self) -> str:
        """The date written as a form accepts it back (``2019-04``, ``spring 2019``)."""
        return date_text(self)

    def coarsened(self) -> UncertainDate:
        """Year only: what may appear in anything published."""
        return UncertainDate(year=self.year, approximate=self.approximate, end_year=self.end_year)

    def to_dict(self) -> dict:
        return {
            "year": self.year, "month": self.month, "day": self.day, "season": self.season,
            "approximate": self.approximate, "end_year": self.end_year,
            "precision": self.precision, "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict | None) -> UncertainDate | None:
        if not data:
            return None
        keys = ("year", "month", "day", "season", "approximate", "end_year", "text")
        return cls(**{k: data[k] for k in keys if data.get(k) is not None})


def date_label(date: UncertainDate | None, lang: str = "en") -> str:
    """An uncertain date as precise as it is and no more, in English or Korean; None is unknown.

    For reading: "February 1998", "1998년 2월". A form field takes :func:`date_text` instead."""
    ko = lang == "ko"
    if date is None or date.year is None:
        return "날짜 미상" if ko else "date unknown"
    if date.precision == "range":
        return f"{date.year}–{date.end_year}" + ("년" if ko else "")
    if date.day is not None and date.month is not None:
        if ko:
            return f"{date.year}년 {date.month}월 {date.day}일"
        return f"{date.day} {MONTHS_EN[date.month - 1]} {date.year}"
    if date.month is not None:
        return f"{date.year}년 {date.month}월" if ko else f"{MONTHS_EN[date.month - 1]} {date.year}"
    if date.season is not None:
        return f"{date.year}년 {SEASONS_KO[date.season]}" if ko else f"{date.season} {date.year}"
    if ko:
        return f"{date.year}년경" if date.approximate else f"{date.year}년"
    return f"about {date.year}" if date.approximate else str(date.year)


def date_text(date: UncertainDate | None) -> str:
    """The date as the date parser reads it back (``2019-04-12``, ``2019-04``, ``spring 2019``,
    ``about 2019``, ``2018-2019``): what an edit form shows in its field."""
    if date is None or date.year is None:
        return ""
    if date.precision == "range":
        return f"{date.year}-{date.end_year}"
    if date.day is not None and date.month is not None:
        return f"{date.year:04d}-{date.month:02d}-{date.day:02d}"
    if date.month is not None:
        return f"{date.year:04d}-{date.month:02d}"
    if date.season is not None:
        return f"{date.season} {date.year}"
    return f"about {date.year}" if date.approximate else str(date.year)
