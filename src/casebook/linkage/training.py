"""Training: u from random pairs in one pass, then Splink's prior estimate and EM for m.

u (how often two *different* women fall into a comparison level) is the share of random
pairs in that level, since random pairs are almost all non-matches. Splink 5 estimates it one
comparison at a time, in ten chunks, rebuilding the cross product of its sample and
concatenating string keys for every pair in each chunk: on FEBRL4 that was 8 s of a 10 s run.
Here one query over the same kind of sample (about ``max_pairs`` pairs of distinct records)
grades every comparison at once and counts each level; the counts go back into the
comparison levels as their u before the linker is built, so Splink's EM (which keeps u fixed)
and prediction use them unchanged.

A level that no sampled pair reached keeps its documented prior u, as Splink keeps an
unobserved level's value.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa

ROW, SOURCE = "__cb_row", "__cb_source"


def case_sql(comp: dict[str, Any]) -> str:
    """The comparison's levels as one CASE: -1 for the null level, then k-1 … 0 (Splink's
    comparison vector values)."""
    levels = comp["comparison_levels"]
    parts, value = [], len([lv for lv in levels if not lv.get("is_null_level")]) - 1
    for lv in levels:
        cond = lv["sql_condition"]
        if lv.get("is_null_level"):
            parts.append(f"WHEN {cond} THEN -1")
        elif cond.strip().upper() == "ELSE":
            parts.append(f"ELSE {value}")
            value -= 1
        else:
            parts.append(f"WHEN {cond} THEN {value}")
            value -= 1
    return "CASE " + " ".join(parts) + " END"


def sample_sizes(counts: Sequence[int], max_pairs: float, link_type: str) -> list[int]:
    """Records to sample from each table so that the compared pairs number about
    ``max_pairs``: k(k-1)/2 within one table, k_a·k_b across two (each table in proportion)."""
    total = sum(counts)
    if link_type == "dedupe_only" or len(counts) == 1:
        k = math.ceil(0.5 * (math.sqrt(8 * max_pairs + 1) + 1))
        return [min(c, math.ceil(k * c / total)) for c in counts]
    cross = sum(a * b for i, a in enumerate(counts) for b in counts[i + 1:])
    share = min(1.0, math.sqrt(max_pairs / cross)) if cross else 1.0
    return [min(c, math.ceil(c * share)) for c in counts]


def estimate_u(con: duckdb.DuckDBPyConnection, tables: Sequence[pa.Table],
               comparisons: Sequence[dict[str, Any]], *, link_type: str = "dedupe_only",
               max_pairs: float = 5e5, seed: int = 42) -> list[dict[str, Any]]:
    """Copies of ``comparisons`` whose levels carry u estimated from random pairs.

    Pairs are of distinct records; with ``link_type='link_only'`` only of records from
    different tables. Each comparison grades the distinct values of its columns in the
    sample once, weighted by how many sampled records carry them (a sample of 1,400 records
    has a few hundred distinct given names, so a fraction of the pairs is graded). Sampling
    is seeded, so a run is repeatable.
    """
    sizes = sample_sizes([t.num_rows for t in tables], max_pairs, link_type)
    names = [f"__cb_u_{i}" for i in range(len(tables))]
    parts = []
    for i, (name, table, k) in enumerate(zip(names, tables, sizes)):
        con.register(name, table)
        parts.append(f"(SELECT *, {i} AS {SOURCE} FROM {name} "
                     f"USING SAMPLE {k} ROWS (reservoir, {seed + i}))")
    out = []
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE __cb_u_sample AS "
                    f"SELECT * FROM ({' UNION ALL BY NAME '.join(parts)})")
        for comp in comparisons:
            out.append(_with_u(comp, _level_counts(con, comp, link_type)))
    finally:
        con.execute("DROP TABLE IF EXISTS __cb_u_sample")
        for name in names:
            con.unregister(name)
    return out


def _level_counts(con: duckdb.DuckDBPyConnection, comp: dict[str, Any],
                  link_type: str) -> list[float]:
    """Pairs of sampled records in each non-null level, by comparison vector value."""
    cols = columns_of(comp)
    keys = ", ".join(f'"{c}"' for c in cols)
    side = ", ".join(f'l."{c}" AS "{c}_l", r."{c}" AS "{c}_r"' for c in cols)
    same = " AND ".join(f'l."{c}" IS NOT DISTINCT FROM r."{c}"' for c in cols)
    if link_type == "link_only":
        # records of different tables: every pair of distinct values across sources
        pair_rule, weight = f"l.{SOURCE} < r.{SOURCE}", "l.n * r.n"
    else:
        # ordered pairs of different records: a value meets itself n·(n-1) times
        pair_rule = "true"
        weight = f"l.n * r.n - CASE WHEN {same} THEN l.n ELSE 0 END"
    group_source = f"{SOURCE}, " if link_type == "link_only" else ""
    k = _n_levels(comp)
    rows = con.execute(
        f"WITH v AS (SELECT {group_source}{keys}, count(*) AS n FROM __cb_u_sample "
        f"GROUP BY ALL), pairs AS (SELECT {side}, {weight} AS w FROM v l JOIN v r "
        f"ON {pair_rule}) SELECT {case_sql(comp)} AS g, sum(w) FROM pairs GROUP BY g"
    ).fetchall()
    counts = [0.0] * k
    for g, w in rows:
        if g is not None and g >= 0:
            counts[g] = float(w or 0)
    return counts


def columns_of(comp: dict[str, Any]) -> list[str]:
    """The input columns a comparison's SQL reads (``"<col>_l"`` / ``"<col>_r"``)."""
    found: list[str] = []
    for lv in comp["comparison_levels"]:
        for col in re.findall(r'"([A-Za-z0-9_]+)_[lr]"', lv["sql_condition"]):
            if col not in found:
                found.append(col)
    return found


def _n_levels(comp: dict[str, Any]) -> int:
    return sum(1 for lv in comp["comparison_levels"] if not lv.get("is_null_level"))


def _with_u(comp: dict[str, Any], counts: Sequence[float]) -> dict[str, Any]:
    """Set each non-null level's u to its share of the graded (non-null) pairs."""
    graded = sum(counts)
    comp = copy.deepcopy(comp)
    value = len(counts) - 1
    for lv in comp["comparison_levels"]:
        if lv.get("is_null_level"):
            continue
        n = counts[value]  # counts are indexed by comparison vector value
        if graded and n:
            lv["u_probability"] = n / graded
        value -= 1
    return comp


def train(linker: Any, training_rules: Sequence[Any], certain_rules: Sequence[Any],
          certain_rules_recall: float) -> None:
    """Prior match rate from near-certain rules, then m by EM on each training block."""
    if certain_rules:
        linker.training.estimate_probability_two_random_records_match(
            list(certain_rules), recall=certain_rules_recall)
    for rule in training_rules:
        linker.training.estimate_parameters_using_expectation_maximisation(rule)


__all__ = ["case_sql", "columns_of", "estimate_u", "sample_sizes", "train"]
