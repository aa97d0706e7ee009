"""Disclosure control for everything published: minimum cell size, complementary suppression, audit.

The rule: no published number counts fewer than ``k`` persons (default 11, the CTDC practice),
and no hidden number can be worked out from the published ones. "Worked out" is checked, not
assumed: :func:`attack` plays the reader who knows every published cell of a set of tables
(each table alone, and every pair that shares a variable) and solves linear programmes for the
smallest and largest value each hidden cell could have. A hidden cell is safe only when that
range is at least ``k`` wide (a hidden cell that is truly empty exposes no one and needs no
range). Suppression grows until every hidden cell is safe.

A number that appears in several tables (the total of persons, the count of a category in a
one-way table and in the same table split by period) is the same margin and gets one decision,
so it cannot be read from one table while hidden in another.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np

from casebook.errors import DisclosureRisk
from casebook.publish.tables import ALL, NOT_STATED, STATED, Table, no_gc

DEFAULT_K = 11
Key = frozenset


@dataclass
class Interval:
    lo: float
    hi: float
    true: int

    @property
    def width(self) -> float:
        return self.hi - self.lo


def _cells(tables: list[Table]) -> dict[Key, int]:
    values: dict[Key, int] = {}
    for t in tables:
        for rg in t.row_groups:
            for cg in t.col_groups:
                key, v = t.key(rg, cg), t.raw(rg, cg)
                if values.setdefault(key, v) != v:
                    raise RuntimeError(f"tables disagree on {sorted(key)}: not one population")
    return values


def attack(tables: list[Table], hidden: set[Key], known: dict[Key, int] | None = None,
           only: set[Key] | None = None, stop_at: float | None = None,
           ) -> dict[Key, Interval]:
    """Feasible range of each hidden cell given every other cell of these tables.

    With ``stop_at``, a range already known to be at least that wide is not refined (the
    interval returned is then an inner bound, enough to call the cell safe).

    The unknowns are the counts of every combination of the tables' variables (what the
    attacker would like to know); each published cell is a sum of some of them; all are >= 0.
    """
    from scipy.optimize import linprog  # heavy (scipy, ~1 s): only for the LP audit

    variables: dict[str, tuple[str, ...]] = {}
    for t in tables:
        variables.update(t.variables())
    names = list(variables)
    shape = [len(variables[n]) for n in names]
    size = int(np.prod(shape))
    grids = np.indices(shape).reshape(len(shape), size)
    values = known if known is not None else _cells(tables)

    def mask(key: Key) -> np.ndarray:
        m = np.ones(size, dtype=bool)
        for var, group in key:
            cats = variables[var]
            idx = grids[names.index(var)]
            if group == STATED:
                m &= idx != cats.index(NOT_STATED)
            elif "|" in group:  # a joined group of a coarser table: the sum of its parts
                m &= np.isin(idx, [cats.index(g) for g in group.split("|")])
            else:
                m &= idx == cats.index(group)
        return m

    keys = {t.key(rg, cg) for t in tables for rg in t.row_groups for cg in t.col_groups}
    published = [k for k in keys if k not in hidden]
    targets = sorted(keys & hidden & (only if only is not None else hidden), key=sorted)
    masks = {key: mask(key).astype(float) for key in targets}
    a_eq = np.array([mask(k) for k in published], dtype=float).reshape(len(published), size)
    b_eq = np.array([values[k] for k in published], dtype=float)
    # every LP solution is a filling the attacker cannot rule out: it widens what is known
    seen = {key: [float(values[key]), float(values[key])] for key in targets}
    exact: dict[Key, list[float | None]] = {key: [None, None] for key in targets}

    def solve(key: Key, sign: float) -> None:
        res = linprog(-sign * masks[key], A_eq=a_eq if len(published) else None,
                      b_eq=b_eq if len(published) else None, bounds=(0, None), method="highs")
        if res.status == 3:  # unbounded: nothing limits this cell from above
            exact[key][1] = seen[key][1] = float("inf")
            return
        if res.status != 0:
            raise RuntimeError(f"audit LP failed ({res.message}) for {sorted(key)}")
        exact[key][0 if sign < 0 else 1] = -sign * res.fun
        for other, m in masks.items():
            v = float(m @ res.x)
            seen[other][0] = min(seen[other][0], v)
            seen[other][1] = max(seen[other][1], v)

    for key in targets:
        if stop_at is not None and seen[key][1] - seen[key][0] >= stop_at:
            continue
        solve(key, 1.0)
        if stop_at is not None and seen[key][1] - seen[key][0] >= stop_at:
            continue
        solve(key, -1.0)
    out: dict[Key, Interval] = {}
    for key in targets:
        lo, hi = exact[key]
        out[key] = Interval(seen[key][0] if lo is None else lo,
                            seen[key][1] if hi is None else hi, values[key])
    return out


def audit_groups(tables: list[Table], hidden: set[Key] | None = None) -> list[list[Table]]:
    """What a reader can combine: each table, and every pair of tables sharing a variable.

    A pair adds nothing to its two tables when every margin over the shared variables is
    published: given that margin, any filling of one table fits any filling of the other
    (build the joint as conditionally independent). Such pairs are skipped when ``hidden``
    is given; all sharing pairs are returned otherwise.
    """
    groups = [[t] for t in tables]
    for a, b in itertools.combinations(tables, 2):
        shared = set(a.variables()) & set(b.variables())
        if not shared:
            continue
        if hidden is not None:
            separator = {t.key(rg, cg) for t in (a, b) for rg in t.row_groups
                         for cg in t.col_groups}
            separator = {key for key in separator if {v for v, _ in key} <= shared}
            if not separator & hidden:
                continue
        groups.append([a, b])
    return groups


def _equations(tables: list[Table]) -> list[tuple[Key, list[Key]]]:
    eqs = []
    for t in tables:
        for total, parts in t.equations():
            eqs.append((t.key(*total), [t.key(*p) for p in parts]))
    return eqs


def _suppress_one_more(eq_members: list[Key], total: Key, hidden: set[Key],
                       values: dict[Key, int]) -> bool:
    """Hide the smallest non-zero part still shown (or the total when no part is left)."""
    shown = [p for p in eq_members if p not in hidden]
    if not shown:
        if total not in hidden:
            hidden.add(total)
            return True
        return False
    nonzero = [p for p in shown if values[p] > 0] or shown
    hidden.add(min(nonzero, key=lambda p: (values[p], sorted(p))))
    return True


AuditCache = dict
"""Audit results of one publication (``protect(..., audit_cache={})``): the same tables with the
same hidden cells give the same ranges, so trying several groupings of one page solves each
linear programme once. Keyed by table identity: never keep one beyond the tables it audited."""


def protect(tables: list[Table], k: int = DEFAULT_K, rounding: int | None = None,
            audit_cache: AuditCache | None = None) -> list[Table]:
    """Primary and complementary suppression over tables published together, audited by LP.

    ``audit_cache``: share the LP audit's results between calls on the same table objects
    (choose_grouping's fine, coarse and mixed tries of one page)."""
    if k < 2:
        raise ValueError("k must be at least 2")

    with no_gc():
        return _protect(tables, k, rounding, audit_cache)


def _protect(tables: list[Table], k: int, rounding: int | None,
             cache: AuditCache | None = None) -> list[Table]:
    values = _cells(tables)
    hidden = {key for key, v in values.items() if 0 < v < k}
    primary = set(hidden)
    eqs = _equations(tables)
    wide: set[tuple[int, Key]] = set()  # (group, cell) found safe: stays safe as more is hidden
    while True:
        changed = True
        while changed:  # a line with exactly one hidden member gives it away by subtraction
            changed = False
            for total, parts in eqs:
                members = [total] + parts
                if sum(m in hidden for m in members) == 1:
                    changed |= _suppress_one_more(parts, total, hidden, values)
        narrow = _narrow_cells(tables, hidden, values, k, wide, cache)
        if not narrow:
            break
        touched: set[int] = set()  # one fix per line per round: the others may now be wide
        for key in narrow:
            lines = [i for i, (total, parts) in enumerate(eqs) if key == total or key in parts]
            if not touched & set(lines):
                _widen(key, lines, eqs, tables, hidden, values, touched)
    for t in tables:
        t.k, t.rounding = k, rounding
        t.suppressed = {(rg, cg) for rg in t.row_groups for cg in t.col_groups
                        if t.key(rg, cg) in hidden}
        t.primary = {(rg, cg) for (rg, cg) in t.suppressed if t.key(rg, cg) in primary}
        _protect_summary(t, k, rounding)
    return tables


def _widen(key: Key, lines: list[int], eqs, tables: list[Table], hidden: set[Key],
           values: dict[Key, int], touched: set[int]) -> None:
    """Hide one more cell next to a hidden cell that is pinned too narrowly.

    Preference: a part of one of its lines; then a total other than the grand total; then the
    smallest shown cell of the same tables. The grand total is hidden only as the last resort,
    because hiding it removes the denominator of every share in every table.
    """
    grand: frozenset = frozenset()
    for i in lines:
        total, parts = eqs[i]
        shown = [p for p in parts if p not in hidden]
        if shown:
            _suppress_one_more(parts, total, hidden, values)
            touched.add(i)
            return
    for i in lines:
        total = eqs[i][0]
        if total not in hidden and total != grand:
            hidden.add(total)
            touched.add(i)
            return
    mine = {t.key(rg, cg) for t in tables if key in
            {t.key(r, c) for r in t.row_groups for c in t.col_groups}
            for rg in t.row_groups for cg in t.col_groups}
    shown = [m for m in mine if m not in hidden and values[m] > 0 and m != grand]
    zeros = [m for m in mine if m not in hidden and values[m] == 0]
    if shown:
        hidden.add(min(shown, key=lambda m: (values[m], sorted(m))))
    elif grand not in hidden:
        hidden.add(grand)
    elif zeros:  # a shown 0 is information too: with it hidden nothing pins the cell
        hidden.update(zeros)
    else:  # pragma: no cover - with every cell hidden no cell has a finite range
        raise RuntimeError(f"audit: {sorted(key)} narrow with every cell hidden")


def _narrow_cells(tables: list[Table], hidden: set[Key], values: dict[Key, int], k: int,
                  wide: set | None = None, cache: AuditCache | None = None) -> list[Key]:
    """Hidden cells that some table or pair of tables pins to a range narrower than k."""
    narrow: dict[Key, None] = {}
    wide = set() if wide is None else wide
    for group in audit_groups(tables, hidden):
        gid = tuple(id(t) for t in group)
        keys = {t.key(rg, cg) for t in group for rg in t.row_groups for cg in t.col_groups}
        todo = {key for key in keys & hidden if (gid, key) not in wide and values[key] > 0}
        if not todo:
            continue
        asked = (gid, frozenset(keys & hidden), frozenset(todo), k)
        found = cache.get(asked) if cache is not None else None
        if found is None:
            found = attack(group, hidden, values, only=todo, stop_at=k)
            if cache is not None:
                cache[asked] = found
        for key, iv in found.items():
            if iv.width < k - 1e-6 and iv.hi > 1e-9:  # a cell pinned to 0 exposes nobody
                narrow[key] = None
            else:
                wide.add((gid, key))
    return list(narrow)


def _protect_summary(t: Table, k: int, rounding: int | None) -> None:
    """Quantiles only for groups of at least k priced persons, rounded to a coarse unit."""
    safe = {}
    for cg, s in t.summary.items():
        shown = t.value(ALL, cg) if cg in t.col_groups else None
        if shown is None or s["n"] < k:
            continue
        unit = 100 if "RMB" in s["unit"] else 10
        rounded: dict[str, Any] = {q: unit * round(s[q] / unit)
                                   for q in ("q1", "median", "q3", "median_lo", "median_hi")
                                   if q in s}
        safe[cg] = rounded
        safe[cg]["unit"] = s["unit"]
    t.summary = safe


def check_published(tables: list[Table], k: int = DEFAULT_K) -> None:
    """Raise if any shown cell counts 1..k-1 persons or any hidden cell can be narrowed below k."""
    for t in tables:
        for rg in t.row_groups:
            for cg in t.col_groups:
                v = t.value(rg, cg)
                if v is not None and 0 < t.raw(rg, cg) < k:
                    raise DisclosureRisk(f"table {t.name}: cell {rg}/{cg} shows {v} < k={k}")
    values = _cells(tables)
    hidden = {t.key(*c) for t in tables for c in t.suppressed}
    bad = _narrow_cells(tables, hidden, values, k)
    if bad:
        raise DisclosureRisk(f"{len(bad)} hidden cells can be narrowed below k={k}")
