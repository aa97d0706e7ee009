"""Comparison: which features two records are compared on, and how agreement is graded.

Records are first flattened into a feature table (one row per record, keys precomputed in
Python so the engine only compares), then each comparison grades a pair into levels, from
"agrees exactly" to "disagrees", plus a null level when either side does not say. The levels
carry prior m and u probabilities (how often true matches / non-matches fall in the level) so
that a small casebook, too small to train on, still gets sensible scores.

The comparisons are Splink comparison dicts (SQL conditions on ``<column>_l``/``<column>_r``),
so the same definitions run on DuckDB here and on Spark for very large collections.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Callable, Sequence
from typing import Any

import pyarrow as pa

from casebook.errors import NotFound
from casebook.linkage.names import alias_key, name_key, surname_key
from casebook.linkage.records import PERPETRATOR, PERSON, PerpetratorRecord, PersonRecord
from casebook.vocab import province_of as gazetteer_province_of

PRICE_STEP = 1.25  # sale prices within one step (25 %) of each other count as "close"


def _null_level(condition: str) -> dict[str, Any]:
    return {"sql_condition": condition, "label_for_charts": "missing", "is_null_level": True}


def level(condition: str, label: str, m: float, u: float, **extra: Any) -> dict[str, Any]:
    """One comparison level with its prior m and u probabilities."""
    return {"sql_condition": condition, "label_for_charts": label,
            "m_probability": m, "u_probability": u, **extra}


def comparison(name: str, null_if: str, levels: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return {"output_column_name": name, "comparison_levels": [_null_level(null_if), *levels]}


def both_null(column: str) -> str:
    return f'"{column}_l" IS NULL OR "{column}_r" IS NULL'


def empty_list(column: str) -> str:
    return (f'"{column}_l" IS NULL OR "{column}_r" IS NULL '
            f'OR len("{column}_l") = 0 OR len("{column}_r") = 0')


def name_comparison(column: str, m_exact: float, u_exact: float, tf: bool = True) -> dict:
    """Exact key, close key (Jaro–Winkler on the phonetic key), different."""
    exact = level(f'"{column}_l" = "{column}_r"', "same key", m_exact, u_exact,
                  **({"tf_adjustment_column": column, "tf_adjustment_weight": 1.0} if tf else {}))
    return comparison(column, both_null(column), [
        exact,
        level(f'jaro_winkler_similarity("{column}_l", "{column}_r") >= 0.9', "JW >= 0.9",
              0.12, 0.01),
        level(f'jaro_winkler_similarity("{column}_l", "{column}_r") >= 0.75', "JW >= 0.75",
              0.08, 0.06),
        level("ELSE", "different", max(1 - m_exact - 0.2, 0.02), 1 - u_exact - 0.07),
    ])


def one_edit_level(column: str, m: float, u: float, guard: float = 0.7) -> dict[str, Any]:
    """"One typo apart": Damerau–Levenshtein distance <= 1, computed only where Jaro–Winkler
    is already >= ``guard``.

    Damerau–Levenshtein is a full dynamic programme (about 1 µs a pair on DuckDB), Jaro–Winkler
    about 30 times cheaper. Nearly every pair that reaches this level, the random pairs that
    u is estimated from above all, is far apart, so the cheap test goes first and the costly
    one runs on a few per cent of pairs. The order is forced with CASE: DuckDB reorders the
    two sides of an ``AND`` and then computes the costly side for every pair. One edit in a
    string of five or more characters keeps Jaro–Winkler above 0.7 (tests check it on 20,000
    random edits), so the level only differs from plain distance <= 1 on very short strings,
    where one edit ("12" / "21") says little anyway.
    """
    return level(f'CASE WHEN jaro_winkler_similarity("{column}_l", "{column}_r") >= {guard} '
                 f'THEN damerau_levenshtein("{column}_l", "{column}_r") <= 1 ELSE false END',
                 "one edit", m, u)


def year_comparison(column: str, exact: tuple[float, float], near: Sequence[tuple[int, float,
                                                                                  float]],
                    ) -> dict:
    """Same year, then within each tolerance in ``near`` (years, m, u), then different."""
    levels = [level(f'"{column}_l" = "{column}_r"', "same year", *exact)]
    m_left, u_left = 1 - exact[0], 1 - exact[1]
    for years, m, u in near:
        levels.append(level(f'abs("{column}_l" - "{column}_r") <= {years}', f"within {years}", m,
                            u))
        m_left, u_left = m_left - m, u_left - u
    levels.append(level("ELSE", "different", max(m_left, 0.01), max(u_left, 0.01)))
    return comparison(column, both_null(column), levels)


def place_comparison(column: str, province_column: str | None) -> dict:
    levels = [level(f'"{column}_l" = "{column}_r"', "same place", 0.75, 0.06)]
    if province_column:
        levels.append(level(f'"{province_column}_l" = "{province_column}_r"', "same province",
                            0.12, 0.2))
    levels.append(level("ELSE", "different", 0.13, 0.74 if province_column else 0.94))
    return comparison(column, both_null(column), levels)


def overlap_comparison(column: str, wide_column: str | None, strong: tuple[float, float],
                       near: tuple[float, float], label: str) -> dict:
    """Lists that share an element; ``wide_column`` holds each element with its neighbours."""
    levels = [level(f'list_has_any("{column}_l", "{column}_r")', f"shared {label}", *strong)]
    if wide_column:
        levels.append(level(f'list_has_any("{column}_l", "{wide_column}_r")', f"close {label}",
                            *near))
    m_used = strong[0] + (near[0] if wide_column else 0)
    u_used = strong[1] + (near[1] if wide_column else 0)
    levels.append(level("ELSE", "none shared", max(1 - m_used, 0.01), max(1 - u_used, 0.01)))
    return comparison(column, empty_list(column), levels)


def _price_buckets(prices: Sequence[float]) -> tuple[list[int], list[int]]:
    buckets = sorted({round(math.log(p) / math.log(PRICE_STEP)) for p in prices if p and p > 0})
    wide = sorted({b + d for b in buckets for d in (-1, 0, 1)})
    return buckets, wide


def _years(dates: Sequence[str]) -> tuple[list[int], list[int]]:
    years = sorted({int(d[:4]) for d in dates if d and d[:4].isdigit()})
    return years, sorted({y + d for y in years for d in (-1, 0, 1)})


def default_province_of() -> Callable[[str], str | None]:
    """The gazetteer's province of a place id or name; None for a place it does not know."""

    def safe(place: str) -> str | None:
        try:
            return gazetteer_province_of(place).id
        except NotFound:  # an id the gazetteer does not know: no province, not an error
            return None

    return safe


def person_features(records: Sequence[PersonRecord],
                    province_of: Callable[[str], str | None] | None = None) -> pa.Table:
    """The comparison columns of person records, as an in-memory Arrow table."""
    province_of = province_of or default_province_of()
    cols: dict[str, list] = {k: [] for k in (
        "unique_id", "organisation", "surname_key", "given_key", "birth_year", "origin",
        "origin_province", "crossing_year", "places", "children", "price_buckets",
        "price_buckets_wide", "event_years", "event_years_wide")}
    for r in records:
        cols["unique_id"].append(r.id)
        cols["organisation"].append(r.organisation or None)
        cols["surname_key"].append(surname_key(r.surname))
        cols["given_key"].append(None if r.name_is_pseudonym else name_key(r.given_name))
        cols["birth_year"].append(r.birth_year)
        cols["origin"].append(r.origin)
        cols["origin_province"].append(province_of(r.origin) if r.origin else None)
        cols["crossing_year"].append(r.crossing_year)
        cols["places"].append(sorted(set(r.places)))
        cols["children"].append(r.children)
        buckets, wide = _price_buckets(r.sale_prices)
        cols["price_buckets"].append(buckets)
        cols["price_buckets_wide"].append(wide)
        years, years_wide = _years(r.dates)
        cols["event_years"].append(years)
        cols["event_years_wide"].append(years_wide)
    schema = pa.schema([
        ("unique_id", pa.string()), ("organisation", pa.string()), ("surname_key", pa.string()),
        ("given_key", pa.string()), ("birth_year", pa.int32()), ("origin", pa.string()),
        ("origin_province", pa.string()), ("crossing_year", pa.int32()),
        ("places", pa.list_(pa.string())), ("children", pa.int32()),
        ("price_buckets", pa.list_(pa.int32())), ("price_buckets_wide", pa.list_(pa.int32())),
        ("event_years", pa.list_(pa.int32())), ("event_years_wide", pa.list_(pa.int32())),
    ])
    return pa.table(cols, schema=schema)


def person_comparisons() -> list[dict[str, Any]]:
    """Name (Korean-aware), birth year, origin, crossing year, places, children, prices, dates."""
    return [
        name_comparison("surname_key", 0.75, 0.08),
        name_comparison("given_key", 0.6, 0.004),
        year_comparison("birth_year", (0.55, 0.025), [(1, 0.25, 0.05), (3, 0.12, 0.1)]),
        place_comparison("origin", "origin_province"),
        year_comparison("crossing_year", (0.6, 0.07), [(1, 0.28, 0.14)]),
        overlap_comparison("places", None, (0.75, 0.15), (0, 0), "place"),
        year_comparison("children", (0.75, 0.35), [(1, 0.18, 0.35)]),
        overlap_comparison("price_buckets", "price_buckets_wide", (0.45, 0.1), (0.3, 0.2),
                           "price"),
        overlap_comparison("event_years", "event_years_wide", (0.7, 0.2), (0.2, 0.2),
                           "year"),
    ]


def perpetrator_features(records: Sequence[PerpetratorRecord]) -> pa.Table:
    cols: dict[str, list] = {k: [] for k in (
        "unique_id", "organisation", "alias_keys", "alias_surnames", "role", "places",
        "years", "years_wide")}
    for r in records:
        keys = sorted({k for a in r.aliases if (k := alias_key(a))})
        cols["unique_id"].append(r.id)
        cols["organisation"].append(r.organisation or None)
        cols["alias_keys"].append(keys)
        cols["alias_surnames"].append(sorted({k for k in keys if k.startswith("s:")}))
        cols["role"].append(r.role)
        cols["places"].append(sorted(set(r.places)))
        years = sorted(set(r.years))
        cols["years"].append(years)
        cols["years_wide"].append(sorted({y + d for y in years for d in (-2, -1, 0, 1, 2)}))
    schema = pa.schema([
        ("unique_id", pa.string()), ("organisation", pa.string()),
        ("alias_keys", pa.list_(pa.string())), ("alias_surnames", pa.list_(pa.string())),
        ("role", pa.string()), ("places", pa.list_(pa.string())),
        ("years", pa.list_(pa.int32())), ("years_wide", pa.list_(pa.int32())),
    ])
    return pa.table(cols, schema=schema)


def perpetrator_comparisons() -> list[dict[str, Any]]:
    """Brokers are compared on alias, role, place and time; an alias alone is never enough."""
    return [
        overlap_comparison("alias_keys", None, (0.7, 0.01), (0, 0), "alias"),
        comparison("role", both_null("role"), [
            level('"role_l" = "role_r"', "same role", 0.8, 0.3),
            level("ELSE", "different", 0.2, 0.7),
        ]),
        overlap_comparison("places", None, (0.8, 0.05), (0, 0), "place"),
        overlap_comparison("years", "years_wide", (0.5, 0.08), (0.4, 0.25), "year"),
    ]


# The comparisons are written in DuckDB's SQL; these functions have other names on Spark
# (Splink's jar provides jaro_winkler and damerau_levenshtein there), whose SQL also quotes
# identifiers with backticks (a double-quoted word is a string literal).
IDENTIFIER_QUOTES = {"duckdb": '"', "spark": "`"}
DIALECT_FUNCTIONS: dict[str, dict[str, str]] = {
    "duckdb": {},
    "spark": {"jaro_winkler_similarity": "jaro_winkler", "list_has_any": "arrays_overlap",
              "len": "size"},
}


def sql_for_dialect(sql: str, dialect: str) -> str:
    """DuckDB SQL with its functions renamed for ``dialect`` (``duckdb``, ``spark``)."""
    try:
        names = DIALECT_FUNCTIONS[dialect]
    except KeyError:
        raise ValueError(f"no SQL dialect {dialect!r}") from None
    quote = IDENTIFIER_QUOTES[dialect]
    sql = re.sub(r'"([A-Za-z_][A-Za-z0-9_]*)"', lambda m: quote + m.group(1) + quote, sql)
    if not names:
        return sql
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\s*\(")
    return pattern.sub(lambda m: names[m.group(1)] + "(", sql)


def for_dialect(comparisons: Sequence[dict[str, Any]], dialect: str) -> list[dict[str, Any]]:
    """The comparisons with their SQL renamed for ``dialect``; m, u and the rest unchanged."""
    out = []
    for comp in comparisons:
        comp = copy.deepcopy(comp)
        for lv in comp.get("comparison_levels", []):
            lv["sql_condition"] = sql_for_dialect(lv["sql_condition"], dialect)
        out.append(comp)
    return out


FEATURES = {PERSON: person_features, PERPETRATOR: perpetrator_features}
COMPARISONS = {PERSON: person_comparisons, PERPETRATOR: perpetrator_comparisons}

__all__ = [
    "COMPARISONS", "DIALECT_FUNCTIONS", "FEATURES", "comparison", "for_dialect", "level",
    "name_comparison", "one_edit_level", "overlap_comparison", "perpetrator_comparisons",
    "perpetrator_features", "person_comparisons", "person_features", "place_comparison",
    "sql_for_dialect", "year_comparison",
]
