"""The statistics tables: counts of persons per category, with n, missing and Wilson intervals.

A :class:`Table` is a cross-count of one variable (rows) by an optional second one (columns:
``--by FIELD`` or ``--period``). Besides each category it carries three aggregate rows — "not
stated", "stated" (the n of every proportion) and "all" — and an "all" column. Those aggregates
are exactly what a reader can add and subtract, so disclosure control (``disclosure.py``) treats
every one of them as a published number.
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from casebook.errors import InvalidInput
from casebook.publish.dataset import Dataset, PersonRow
from casebook.publish.intervals import quantiles, wilson
from casebook.publish.variables import (
    VARIABLES,
    Variable,
    by_variable,
    crossing_year,
    first_sale,
    first_sale_year,
    period_variable,
    sale_usd,
)

NOT_STATED = "not_stated"
STATED = "*stated"
ALL = "*all"

# table name -> row variable; the order is the order of reports and of `casebook stats`
TABLE_NAMES = (
    "pathway", "exploitation", "times_sold", "price_rmb", "price_usd", "age_first_sale",
    "origin_province", "province_china", "years_in_china", "children_in_china",
    "child_registration", "hukou", "arrests", "repatriations", "detention", "crossing_to_sale",
)
PRICE_TABLES = ("price_rmb", "price_usd")


@dataclass
class Table:
    """Counts of persons by ``row_var`` (× ``col_var``), with what disclosure control decided."""

    name: str
    row_var: str  # canonical variable id, e.g. "pathway" or "period:sale:5"
    row_categories: tuple[str, ...]
    counts: dict[tuple[str, str], int]  # (row code or NOT_STATED, col code or ALL) -> persons
    col_var: str | None = None
    col_categories: tuple[str, ...] = ()
    summary: dict[str, dict[str, Any]] = field(default_factory=dict)  # col group -> quantiles
    suppressed: set[tuple[str, str]] = field(default_factory=set)
    primary: set[tuple[str, str]] = field(default_factory=set)
    rounding: int | None = None
    k: int | None = None  # set once disclosure control has run
    noise: dict[str, float] | None = None  # DP mode: noise scale and 95% accuracy

    # ---- the shape of the table -------------------------------------------------------
    @property
    def row_groups(self) -> tuple[str, ...]:
        return self.row_categories + (NOT_STATED, STATED, ALL)

    @property
    def col_groups(self) -> tuple[str, ...]:
        if self.col_var is None:
            return (ALL,)
        return self.col_categories + (NOT_STATED, ALL)

    def raw(self, rg: str, cg: str) -> int:
        """The true count of a published cell (before suppression): for auditing only."""
        rows = (self.row_categories if rg == STATED else
                self.row_categories + (NOT_STATED,) if rg == ALL else (rg,))
        cols = (self.col_categories + (NOT_STATED,) if cg == ALL and self.col_var else (cg,))
        return sum(self.counts.get((r, c), 0) for r in rows for c in cols)

    def value(self, rg: str, cg: str = ALL) -> int | None:
        """What is published: ``None`` when suppressed, rounded when rounding is on."""
        if (rg, cg) in self.suppressed:
            return None
        v = self.raw(rg, cg)
        if self.rounding and self.rounding > 1:
            v = int(self.rounding * round(v / self.rounding))
        return v

    def key(self, rg: str, cg: str) -> frozenset:
        """The same number wherever it appears: a margin over these variables' groups."""
        parts = []
        if rg != ALL:
            parts.append((self.row_var, rg))
        if self.col_var is not None and cg != ALL:
            parts.append((self.col_var, cg))
        return frozenset(parts)

    def equations(self) -> list[tuple[tuple[str, str], list[tuple[str, str]]]]:
        """Additive relations a reader can use: total = sum of parts, per row and column."""
        eqs = []
        for cg in self.col_groups:
            eqs.append(((ALL, cg), [(STATED, cg), (NOT_STATED, cg)]))
            eqs.append(((STATED, cg), [(r, cg) for r in self.row_categories]))
        if self.col_var is not None:
            for rg in self.row_groups:
                eqs.append(((rg, ALL), [(rg, c) for c in self.col_categories + (NOT_STATED,)]))
        return eqs

    def variables(self) -> dict[str, tuple[str, ...]]:
        out = {self.row_var: self.row_categories + (NOT_STATED,)}
        if self.col_var is not None:
            out[self.col_var] = self.col_categories + (NOT_STATED,)
        return out

    # ---- what a reader sees ------------------------------------------------------------
    def proportion(self, rg: str, cg: str = ALL) -> dict[str, Any] | None:
        """Share with its 95% Wilson interval, among those whose answer is known.

        When that n has to stay hidden (a small "not stated" count would follow from it), the
        share is taken of everyone counted instead, and ``base`` says so.
        """
        if rg in (STATED, ALL):
            return None
        x = self.value(rg, cg)
        n, base = self.value(STATED, cg), "stated"
        if n is None or rg == NOT_STATED:
            n, base = self.value(ALL, cg), "all"
        if x is None or n is None or n <= 0 or x > n:
            return None
        lo, hi = wilson(x, n)
        return {"p": x / n, "lo": lo, "hi": hi, "n": n, "base": base}

    def to_dict(self) -> dict:
        """The published form: no raw counts of suppressed cells ever leave through this."""
        cells = []
        for rg in self.row_groups:
            for cg in self.col_groups:
                cell: dict[str, Any] = {"row": rg, "col": cg, "count": self.value(rg, cg),
                        "suppressed": (rg, cg) in self.suppressed}
                prop = self.proportion(rg, cg)
                if prop:
                    cell.update({"share": prop["p"], "ci95": [prop["lo"], prop["hi"]],
                                 "n": prop["n"], "base": prop["base"]})
                cells.append(cell)
        return {"table": self.name, "rows": self.row_var, "columns": self.col_var,
                "row_categories": list(self.row_categories),
                "col_categories": list(self.col_categories), "cells": cells,
                "summary": self.summary, "k": self.k, "rounding": self.rounding,
                "noise": self.noise}


@dataclass(frozen=True)
class Period:
    """``--period``: a width in years ("5") groups; a range ("2000-2009") restricts."""

    width: int | None = None
    start: int | None = None
    end: int | None = None

    @classmethod
    def parse(cls, text: str | None) -> Period | None:
        if not text:
            return None
        t = text.strip().lower().rstrip("y")
        if re.fullmatch(r"\d{1,2}", t):
            return cls(width=int(t))
        m = re.fullmatch(r"(\d{4})\s*[-–:]\s*(\d{4})", t)
        if m and int(m.group(1)) <= int(m.group(2)):
            return cls(start=int(m.group(1)), end=int(m.group(2)))
        raise InvalidInput(f"--period {text!r}: give a width in years (5) or a range (2000-2009)")

    def keeps(self, row: PersonRow) -> bool:
        if self.start is None:
            return True
        y = crossing_year(row)
        return y is not None and self.start <= y <= self.end  # type: ignore[operator]


def restrict(ds: Dataset, period: Period | None) -> Dataset:
    """Persons counted at all: consent to aggregate statistics, and in the period range."""
    ds = ds.for_statistics()
    if period is not None and period.start is not None:
        ds = ds.filter(period.keeps(r) for r in ds)
    return ds


@contextmanager
def no_gc():
    """Pause the cycle collector: counting creates no cycles, but with 100,000 rows in memory
    each automatic full collection rescans millions of objects (seconds per table)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Classified:
    """Each person's category for each variable, computed once and reused by every table."""

    def __init__(self, ds: Dataset):
        self.ds = ds
        self._cache: dict[str, list[str | None]] = {}

    def codes(self, name: str, fn: Callable[[PersonRow], Any]) -> list:
        if name not in self._cache:
            with no_gc():
                self._cache[name] = [fn(r) for r in self.ds.rows]
        return self._cache[name]


def _column(cl: Classified, row_var: Variable, by: str | None, period: Period | None,
            ) -> tuple[str | None, tuple[str, ...], list[str | None]]:
    """The column variable's id, categories and per-person codes (or no column at all)."""
    if by and period and period.width:
        raise InvalidInput("use --by or a --period width, not both")
    if period and period.width:
        anchor = row_var.anchor_year or crossing_year
        anchor_name = "sale" if anchor is first_sale_year else "crossing"
        years = cl.codes(f"@year:{anchor_name}", anchor)
        pv = period_variable(period.width, [y for y in years if y is not None])
        name = f"period:{anchor_name}:{period.width}"
        if name not in cl._cache:
            memo: dict = {}
            cl._cache[name] = [memo[y] if y in memo else memo.setdefault(y, pv.classify(y))
                               for y in years]
        return name, pv.categories, cl._cache[name]
    if not by:
        return None, (), []
    if by == "organisation":
        codes = cl.codes("organisation", lambda r: r.organisation)
        return "organisation", tuple(sorted({c for c in codes if c})), codes

    v = by_variable(by)
    return v.name, v.categories, cl.codes(v.name, v.classify)


def _summary(rows: list[PersonRow], name: str) -> dict[str, Any] | None:
    """Median and quartiles of the first sale price: nominal RMB, or USD of that year."""
    values = []
    for r in rows:
        s = first_sale(r)
        if s is None:
            continue
        if name == "price_rmb" and str(s.get("currency", "")).upper() in ("RMB", "CNY"):
            values.append(float(s["amount"]))
        elif name == "price_usd":
            usd = sale_usd(s)
            if usd is not None:
                values.append(usd)
    if not values:
        return None
    q1, med, q3 = quantiles(values)
    return {"n": len(values), "q1": q1, "median": med, "q3": q3,
            "unit": "RMB (nominal)" if name == "price_rmb" else "USD of the sale year"}


def compute_table(cl: Classified, name: str, by: str | None = None,
                  period: Period | None = None) -> Table:
    if name not in TABLE_NAMES:
        raise InvalidInput(f"table {name!r}: use one of {', '.join(TABLE_NAMES)}")
    var = VARIABLES[name]
    rows = cl.codes(var.name, var.classify)
    col_var, col_cats, cols = _column(cl, var, by, period)
    if col_var == var.name:
        raise InvalidInput(f"--by {by}: a table cannot be split by its own variable")
    if col_var is None:
        counts = Counter(((r or NOT_STATED), ALL) for r in rows)
    else:
        counts = Counter(((r or NOT_STATED), (c or NOT_STATED)) for r, c in zip(rows, cols))
    t = Table(name, var.name, var.categories, dict(counts), col_var, col_cats)
    if name in PRICE_TABLES:
        groups: dict[str, list[PersonRow]] = {ALL: list(cl.ds.rows)}
        for person, c in zip(cl.ds.rows, cols):
            groups.setdefault(c or NOT_STATED, []).append(person)
        for cg, members in groups.items():
            s = _summary(members, name)
            if s:
                t.summary[cg] = s
    return t


def compute_tables(ds: Dataset, names: Iterable[str] = TABLE_NAMES, by: str | None = None,
                   period: str | Period | None = None) -> list[Table]:
    """Every requested table over the persons who consented (consent is checked here)."""
    p = Period.parse(period) if isinstance(period, str) else period
    with no_gc():
        cl = Classified(restrict(ds, p))
        return [compute_table(cl, n, by, p) for n in names if n != by]  # X by X says nothing
