"""Money: currency names and US-dollar values at the year's average exchange rate.

Testimonies give prices in yuan (¥3,000 in 1998), sometimes in won or dollars. Amounts are
stored as told; the USD value is derived from ``data/exchange_rates.csv`` (IMF annual averages)
so that prices from different years can be compared. Nothing is invented: no year, no
conversion; North Korean won (no reliable rate), no conversion.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from casebook.errors import InvalidInput
from casebook.vocab.vocabulary import load

CURRENCIES = ("RMB", "USD", "KPW", "KRW")
"""Currency codes (the ``currency`` vocabulary)."""

WON_WORDS = frozenset({"won", "wons", "원"})
"""Words that mean KRW or KPW depending on where the money changed hands."""

_COLUMNS = {"RMB": "cny_per_usd", "KRW": "krw_per_usd"}


@dataclass(frozen=True)
class RateTable:
    """Units of each currency per US dollar, by year."""

    rates: dict[str, dict[int, float]]
    provisional: frozenset[int]
    source: str

    @property
    def years(self) -> tuple[int, int]:
        all_years = [y for by_year in self.rates.values() for y in by_year]
        return min(all_years), max(all_years)


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
    """True when ``year`` lies outside the table and the nearest year's rate was used."""
    provisional: bool
    """True when the rate used is a provisional (not yet final) annual average."""


@functools.cache
def rate_table() -> RateTable:
    """The bundled table (``vocab/data/exchange_rates.csv``), read once."""
    text = resources.files("casebook.vocab.data").joinpath("exchange_rates.csv").read_text("utf-8")
    comments = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    data_lines = [line for line in text.splitlines() if not line.startswith("#")]
    rows = csv.DictReader(io.StringIO("\n".join(data_lines)))
    rates: dict[str, dict[int, float]] = {code: {} for code in _COLUMNS}
    provisional = set()
    for n, row in enumerate(rows, start=2):
        try:
            year = int(row["year"])
            for code, column in _COLUMNS.items():
                rates[code][year] = float(row[column])
        except (KeyError, TypeError, ValueError):
            raise InvalidInput(f"vocab/data/exchange_rates.csv: bad data row {n}: {row}") from None
        if row.get("status") == "provisional":
            provisional.add(year)
    source = next((c.split("=", 1)[1].strip() for c in comments if c.startswith("source =")), "")
    return RateTable(rates, frozenset(provisional), source)


def convert(value: float, currency: str, year: int | None) -> Conversion | None:
    """``value`` in USD at ``year``'s average rate, or None when that cannot be said honestly.

    None when ``year`` is None (for RMB/KRW) or the currency is KPW. Years outside the table use
    the nearest year's rate and come back ``extrapolated=True``. ``currency`` may be a code or
    any name :func:`normalise_currency` knows; an unknown one is an InvalidInput.
    """
    code = _code(currency)
    if code == "USD":
        return Conversion(float(value), code, year or 0, float(value), 1.0, year or 0, False, False)
    if code == "KPW" or year is None:
        return None
    table = rate_table()
    by_year = table.rates[code]
    rate_year = year if year in by_year else min(by_year, key=lambda y: (abs(y - year), -y))
    rate = by_year[rate_year]
    return Conversion(
        value=float(value),
        currency=code,
        year=year,
        usd=float(value) / rate,
        rate=rate,
        rate_year=rate_year,
        extrapolated=rate_year != year,
        provisional=rate_year in table.provisional,
    )


def to_usd(value: float, currency: str, year: int | None) -> float | None:
    """``value`` in US dollars at ``year``'s average rate; None when not convertible.

    USD is returned as is (any year); KPW and a missing year give None. See :func:`convert`
    for the rate used and whether it was extrapolated.
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
