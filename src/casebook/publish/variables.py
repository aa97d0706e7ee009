"""The variables statistics are counted on: each sorts a person into exactly one category.

Every variable is a *partition* of persons (one category each, or "not stated"), because the
unit of disclosure control is the person: a cell of k persons is k different women. Lists in the
profile (recruitment, exploitation, detention) are reduced to one category by a stated order of
precedence, and numbers (prices, ages, years) are put in bands; both are documented in
docs/statistics.md. Places are reduced to provinces and dates to years before anything is counted.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from casebook.errors import InvalidInput
from casebook.model import UncertainDate
from casebook.publish.dataset import PersonRow
from casebook.vocab import gazetteer, to_usd

# precedence: the first listed that she states is her category
PATHWAY_ORDER = ("abducted", "drugged", "deception_job_offer", "sold_by_acquaintance",
                 "introduced_marriage", "voluntary_with_broker", "voluntary_alone", "other")
EXPLOITATION_ORDER = ("cybersex", "prostitution", "forced_marriage", "forced_labour",
                      "domestic_servitude", "other")
DETENTION_ORDER = ("kwanliso", "kyohwaso", "labour_training_camp", "holding_centre",
                   "police_detention", "state_security_interrogation", "other")
PRICE_RMB_BANDS = ("le_2000", "2001_5000", "5001_8000", "gt_8000", "other_currency")
PRICE_USD_BANDS = ("lt_250", "250_499", "500_999", "1000_1999", "ge_2000")
AGE_BANDS = ("under_20", "20_29", "30_39", "40_plus")
YEARS_BANDS = ("lt_1", "1_2", "3_5", "6_10", "gt_10")
COUNT_BANDS = ("0", "1", "2", "3_plus")
TIMES_SOLD_BANDS = ("0", "1", "2", "3", "4_plus")
DELAY_BANDS = ("lt_1_month", "1_11_months", "1_2_years", "3_plus_years")
CHILD_REG_BANDS = ("all_registered", "some_registered", "none_registered", "no_children")

NK_PROVINCES = ("North Hamgyong", "South Hamgyong", "Ryanggang", "Chagang", "North Pyongan",
                "South Pyongan", "North Hwanghae", "South Hwanghae", "Kangwon", "Pyongyang",
                "Rason", "Nampo")
CN_PROVINCES = ("Jilin", "Heilongjiang", "Liaoning", "Shandong", "Inner Mongolia", "Hebei",
                "Beijing", "Tianjin", "Shanghai", "Guangdong", "Yunnan", "Sichuan", "other")

@lru_cache(maxsize=4096)
def province_of(text: str | None, known: tuple[str, ...] = NK_PROVINCES) -> str | None:
    """The province a place name lies in ("other" if none of ``known``), via the gazetteer."""
    if not text:
        return None
    prov = _gazetteer_province(text)
    if prov is not None:
        return prov if prov in known else "other"
    low = text.lower()
    for name in known:
        if name.lower() in low:
            return name
    for _start, _end, place in gazetteer().find_all(text):  # "a village near Musan"
        province = gazetteer().province_of(place)
        if province.level == "province":
            name = province.name("en")
            return name if name in known else "other"
    return "other"


def _gazetteer_province(text: str) -> str | None:
    """English province name from casebook.vocab's gazetteer, or None when it cannot tell."""
    gaz = gazetteer()
    place = gaz.lookup(text)
    return None if place is None else gaz.province_of(place).name("en")


@dataclass(frozen=True)
class Variable:
    """A way of sorting persons into categories; ``None`` from ``classify`` = not stated."""

    name: str
    categories: tuple[str, ...]
    classify: Callable[[PersonRow], str | None]
    anchor_year: Callable[[PersonRow], int | None] | None = None  # for --period


def _first(order: tuple[str, ...], values: list[str]) -> str | None:
    for code in order:
        if code in values:
            return code
    return "other" if values else None


def _count_band(value: Any, bands: tuple[str, ...]) -> str | None:
    if value is None:
        return None
    top = int(bands[-1].split("_")[0])
    n = int(value)
    return bands[-1] if n >= top else str(n)


def first_sale(row: PersonRow) -> dict | None:
    """The first sale of her with a stated price: one price per person, never one per sale."""
    return row.memo("first_sale", _first_sale)


def _first_sale(row: PersonRow) -> dict | None:
    sales = [s for s in row.get("sales") or [] if s.get("amount") is not None]
    if sales:
        return min(sales, key=lambda s: s.get("year") or 10**6)
    for ev in row.events_of("sale"):
        if ev.amount is not None:
            return {"amount": ev.amount.value, "currency": ev.amount.currency,
                    "year": ev.amount.year or (ev.date.year if ev.date else None),
                    "usd": ev.amount.usd}
    return None


def sale_usd(sale: dict) -> float | None:
    """USD of the sale's year from the one rate source (casebook.vocab.money), so every table
    uses today's published rates; the value stored at extraction only when the rates cannot
    convert it (a sale without a year)."""
    try:
        usd = to_usd(float(sale["amount"]), str(sale.get("currency") or ""), sale.get("year"))
    except InvalidInput:  # a currency the vocabulary does not know: unknown, not guessed
        return None
    if usd is None and sale.get("usd") is not None and sale.get("year") is None:
        return float(sale["usd"])
    return None if usd is None else float(usd)


def first_sale_year(row: PersonRow) -> int | None:
    return row.memo("first_sale_year", _first_sale_year)


def _first_sale_year(row: PersonRow) -> int | None:
    years = [s.get("year") for s in row.get("sales") or [] if s.get("year")]
    years += [e.date.year for e in row.events_of("sale") if e.date and e.date.year]
    return min(years) if years else None


def crossing_year(row: PersonRow) -> int | None:
    if row.get("first_crossing_year"):
        return int(row.get("first_crossing_year"))
    crossings = _dated(row, "border_crossing")
    return crossings[0].year if crossings else None


def _price_rmb(row: PersonRow) -> str | None:
    sale = first_sale(row)
    if sale is None:
        return None
    if str(sale.get("currency", "")).upper() not in ("RMB", "CNY"):
        return "other_currency"
    a = float(sale["amount"])
    return "le_2000" if a <= 2000 else "2001_5000" if a <= 5000 else (
        "5001_8000" if a <= 8000 else "gt_8000")


def _price_usd(row: PersonRow) -> str | None:
    sale = first_sale(row)
    usd = sale_usd(sale) if sale else None
    if usd is None:
        return None
    edges = (250, 500, 1000, 2000)
    return PRICE_USD_BANDS[sum(usd >= e for e in edges)]


def _age_first_sale(row: PersonRow) -> str | None:
    year = first_sale_year(row)
    if year is None or not row.birth_year:
        return None
    age = year - int(row.birth_year)
    return "under_20" if age < 20 else "20_29" if age < 30 else "30_39" if age < 40 else "40_plus"


def _years_in_china(row: PersonRow) -> str | None:
    start = crossing_year(row)
    ends = [e.date.year for e in row.events_of("arrival") if e.date and e.date.year]
    end = ends[0] if ends else row.interview_year
    if start is None or end is None or end < start:
        return None
    y = end - start
    return "lt_1" if y < 1 else "1_2" if y <= 2 else "3_5" if y <= 5 else (
        "6_10" if y <= 10 else "gt_10")


def _month_index(date) -> float | None:
    b = date.bounds() if date else None
    if b is None:
        return None
    mid = b[0] + (b[1] - b[0]) / 2
    return mid.year * 12 + mid.month - 1 + (mid.day - 1) / 31


def _dated(row: PersonRow, event_type: str) -> list[UncertainDate]:
    """The dates (with at least a year) of a person's events of one type, in order."""
    return [e.date for e in row.events_of(event_type) if e.date is not None and e.date.year]


def _crossing_to_sale(row: PersonRow) -> str | None:
    crossings, sales = _dated(row, "border_crossing"), _dated(row, "sale")
    if not crossings or not sales:
        return None
    c, s = crossings[0], sales[0]
    start, end = _month_index(c), _month_index(s)
    years = (s.year or 0) - (c.year or 0)  # both set: _dated keeps only dates with a year
    if (c.precision in ("day", "month", "season") and s.precision in ("day", "month", "season")
            and start is not None and end is not None):
        months = end - start
    elif years >= 2:
        months = years * 12.0
    else:  # only years, and less than two apart: the band cannot be told
        return None
    months = max(months, 0.0)
    return ("lt_1_month" if months < 1 else "1_11_months" if months < 12 else
            "1_2_years" if months < 36 else "3_plus_years")


def _child_registration(row: PersonRow) -> str | None:
    births = row.events_of("child_birth")
    n = row.get("children_in_china")
    if n is None and not births:
        return None
    if (n or len(births)) == 0:
        return "no_children"
    flags = [e.attributes.get("registered") for e in births]
    flags += [True for _ in row.events_of("registration")
              if _ is not None and _.attributes.get("subject", "child") == "child"]
    known = [f for f in flags if f is not None]
    if not known:
        return None
    if all(known):
        return "all_registered"
    return "some_registered" if any(known) else "none_registered"


VARIABLES: dict[str, Variable] = {v.name: v for v in (
    Variable("pathway", PATHWAY_ORDER,
             lambda r: _first(PATHWAY_ORDER, list(r.get("recruitment") or [])), crossing_year),
    Variable("exploitation", EXPLOITATION_ORDER,
             lambda r: _first(EXPLOITATION_ORDER, list(r.get("exploitation") or [])),
             crossing_year),
    Variable("times_sold", TIMES_SOLD_BANDS,
             lambda r: _count_band(r.get("times_sold"), TIMES_SOLD_BANDS), crossing_year),
    Variable("price_rmb", PRICE_RMB_BANDS, _price_rmb, first_sale_year),
    Variable("price_usd", PRICE_USD_BANDS, _price_usd, first_sale_year),
    Variable("age_first_sale", AGE_BANDS, _age_first_sale, first_sale_year),
    Variable("origin_province", NK_PROVINCES + ("other",),
             lambda r: province_of(r.get("origin_nk")), crossing_year),
    Variable("province_china", CN_PROVINCES,
             lambda r: province_of(r.get("province_china"), CN_PROVINCES[:-1]), crossing_year),
    Variable("years_in_china", YEARS_BANDS, _years_in_china, crossing_year),
    Variable("children_in_china", COUNT_BANDS,
             lambda r: _count_band(r.get("children_in_china"), COUNT_BANDS), crossing_year),
    Variable("child_registration", CHILD_REG_BANDS, _child_registration, crossing_year),
    Variable("hukou", ("none", "fake", "obtained"), lambda r: r.get("hukou_or_id"),
             crossing_year),
    Variable("arrests", COUNT_BANDS,
             lambda r: _count_band(r.get("arrested_in_china"), COUNT_BANDS), crossing_year),
    Variable("repatriations", COUNT_BANDS,
             lambda r: _count_band(r.get("repatriated"), COUNT_BANDS), crossing_year),
    Variable("detention", DETENTION_ORDER,
             lambda r: _first(DETENTION_ORDER, list(r.get("nk_detention") or [])),
             crossing_year),
    Variable("crossing_to_sale", DELAY_BANDS, _crossing_to_sale, crossing_year),
)}


def period_variable(width: int, years: list[int]) -> Variable:
    """Periods of ``width`` years (crossing year, or the sale year for prices) as a variable."""
    if width < 1:
        raise ValueError("a period is at least one year")
    lo = min(years) if years else 2000
    start = lo - lo % width
    hi = max(years) if years else start
    cats = tuple(f"{y}-{y + width - 1}" if width > 1 else str(y)
                 for y in range(start, hi + 1, width))

    def classify(year: int | None) -> str | None:
        if year is None:
            return None
        y0 = start + math.floor((year - start) / width) * width
        return f"{y0}-{y0 + width - 1}" if width > 1 else str(y0)

    return Variable("period", cats, classify)  # type: ignore[arg-type]


def by_variable(name: str) -> Variable:
    """A variable usable with ``--by``; organisation is added by the caller, not here."""
    if name == "period":  # one spelling for periods: --period, which also takes a range
        raise InvalidInput("--by period: periods have their own option: --period 5 (five-year "
                           "periods) or --period 2000-2009 (only those years)")
    if name not in VARIABLES:
        raise InvalidInput(f"--by {name}: unknown field; use one of {', '.join(VARIABLES)} "
                           "or organisation (periods: --period 5)")
    return VARIABLES[name]
