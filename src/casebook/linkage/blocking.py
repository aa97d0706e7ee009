"""Blocking: which pairs are compared at all.

Comparing every pair of a million records is half a trillion comparisons; blocking keeps only
pairs that agree on some cheap key. A pair is compared when it agrees on ANY of the rules, so
each rule can be strict as long as together they catch nearly every true match: a woman whose
name was never written down (pseudonym only) is still caught by origin + birth + crossing year,
and one whose birth year is wrong by her full name.

Rules are Splink blocking rules (``block_on`` columns or SQL on ``l.``/``r.``), run on DuckDB or
Spark alike.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from casebook.linkage.records import PERPETRATOR, PERSON

RULES_FILE = Path(__file__).with_name("blocking.toml")


@dataclass(frozen=True)
class BlockingPlan:
    """Rules chosen on the data: broad ones while they stay affordable, strict ones always.

    The number of pairs a rule makes is counted exactly (a GROUP BY on its keys) before any
    pair is formed, so the choice follows the data, not a guess from the number of records.
    """

    broad: tuple[tuple[str, ...], ...]
    strict: tuple[tuple[str, ...], ...]
    max_pairs_per_record: float

    def choose(self, counts: Sequence[int], pairs_of: Callable[[Sequence[str]], int]
               ) -> list[tuple[str, ...]]:
        """Broad rules within the budget, then every strict rule (duplicates dropped)."""
        budget = self.max_pairs_per_record * sum(counts)
        chosen = [rule for rule in self.broad if pairs_of(rule) <= budget]
        return chosen + [rule for rule in self.strict if rule not in chosen]

    def resolve(self, con: duckdb.DuckDBPyConnection, tables: Sequence[pa.Table],
                link_type: str = "dedupe_only") -> list[Any]:
        """Splink ``block_on`` rules for these tables."""
        from splink import block_on

        def pairs_of(rule: Sequence[str]) -> int:
            return count_pairs(con, tables, rule, link_type)

        return [block_on(*rule) for rule in self.choose([t.num_rows for t in tables], pairs_of)]


def count_pairs(con: duckdb.DuckDBPyConnection, tables: Sequence[pa.Table],
                columns: Sequence[str], link_type: str = "dedupe_only") -> int:
    """How many pairs agree on every one of ``columns`` (none missing): within the table when
    deduplicating, across tables when linking."""
    keys = ", ".join(f'"{c}"' for c in columns)
    present = " AND ".join(f'"{c}" IS NOT NULL' for c in columns)
    names = [f"__cb_block_{i}" for i in range(len(tables))]
    for name, table in zip(names, tables, strict=True):
        con.register(name, table.select(list(columns)))
    try:
        union = " UNION ALL ".join(f"SELECT {keys}, {i} AS src FROM {name} WHERE {present}"
                                   for i, name in enumerate(names))
        if link_type == "link_only":
            sql = (f"SELECT sum((s * s - q) / 2) FROM (SELECT sum(n) AS s, sum(n * n) AS q FROM "
                   f"(SELECT {keys}, src, count(*) AS n FROM ({union}) GROUP BY ALL) "
                   f"GROUP BY {keys})")
        else:
            sql = (f"SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*) AS n FROM ({union}) "
                   f"GROUP BY {keys})")
        rows = con.execute(sql).fetchall()
    finally:
        for name in names:
            con.unregister(name)
    return int(rows[0][0] or 0) if rows else 0


def person_plan(path: Path = RULES_FILE) -> BlockingPlan:
    data = tomllib.loads(path.read_text(encoding="utf-8"))["person"]
    return BlockingPlan(tuple(tuple(r) for r in data["broad"]),
                        tuple(tuple(r) for r in data["strict"]),
                        float(data["max_pairs_per_record"]))


def person_blocking_rules() -> BlockingPlan:
    """Person rules (``blocking.toml``): full name; given name + birth year; surname + birth
    year + origin; origin + birth + crossing year; given name + origin; origin + crossing year
    + children while each stays within budget; a name plus one or two agreeing fields always.
    """
    return person_plan()


def person_training_rules() -> list[Any]:
    """EM blocks: each trains the comparisons it does not block on (names, then the rest)."""
    from splink import block_on  # heavy (splink, ~0.7 s): only when linking

    return [block_on("origin", "crossing_year"), block_on("given_key", "birth_year")]


def person_certain_rules() -> list[Any]:
    """Near-certain matches, used to estimate how often two random records match."""
    from splink import block_on  # heavy (splink, ~0.7 s): only when linking

    return [block_on("surname_key", "given_key", "birth_year", "origin")]


def perpetrator_blocking_rules() -> list[Any]:
    """A shared alias key, or a shared place within two years."""
    return [
        "list_has_any(l.alias_keys, r.alias_keys)",
        "list_has_any(l.places, r.places) AND list_has_any(l.years, r.years_wide)",
    ]


BLOCKING_RULES = {PERSON: person_blocking_rules, PERPETRATOR: perpetrator_blocking_rules}

__all__ = [
    "BLOCKING_RULES", "BlockingPlan", "count_pairs", "perpetrator_blocking_rules",
    "person_blocking_rules", "person_certain_rules", "person_plan", "person_training_rules",
]
