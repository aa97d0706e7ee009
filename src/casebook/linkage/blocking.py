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

from typing import Any

from casebook.linkage.records import PERPETRATOR, PERSON

LARGE = 150_000  # above this many records, rules gain a key so pair counts stay linear-ish


def person_blocking_rules(n_records: int = 0) -> list[Any]:
    """Rules for person records; collections above ``LARGE`` get stricter rules.

    Small: full name; given name + birth year; surname + birth year + origin; origin + birth
    year + crossing year; given name + origin; origin + crossing year + children.
    Large: every rule also agrees on a year or the origin, since with a million records a
    common full name (Kim Young-hee) alone would make tens of millions of pairs.
    """
    from splink import block_on

    if n_records <= LARGE:
        return [
            block_on("surname_key", "given_key"),
            block_on("given_key", "birth_year"),
            block_on("surname_key", "birth_year", "origin"),
            block_on("origin", "birth_year", "crossing_year"),
            block_on("given_key", "origin"),
            block_on("origin", "crossing_year", "children"),
        ]
    return [
        block_on("surname_key", "given_key", "birth_year"),
        block_on("surname_key", "given_key", "origin"),
        block_on("surname_key", "given_key", "crossing_year"),
        block_on("given_key", "birth_year", "crossing_year"),
        block_on("surname_key", "birth_year", "origin", "crossing_year"),
        block_on("origin", "birth_year", "crossing_year", "children"),
    ]


def person_training_rules() -> list[Any]:
    """EM blocks: each trains the comparisons it does not block on (names, then the rest)."""
    from splink import block_on

    return [block_on("origin", "crossing_year"), block_on("given_key", "birth_year")]


def person_certain_rules() -> list[Any]:
    """Near-certain matches, used to estimate how often two random records match."""
    from splink import block_on

    return [block_on("surname_key", "given_key", "birth_year", "origin")]


def perpetrator_blocking_rules() -> list[Any]:
    """A shared alias key, or a shared place within two years."""
    return [
        "list_has_any(l.alias_keys, r.alias_keys)",
        "list_has_any(l.places, r.places) AND list_has_any(l.years, r.years_wide)",
    ]


BLOCKING_RULES = {PERSON: person_blocking_rules, PERPETRATOR: perpetrator_blocking_rules}

__all__ = [
    "BLOCKING_RULES", "person_blocking_rules", "person_certain_rules", "person_training_rules",
    "perpetrator_blocking_rules",
]
