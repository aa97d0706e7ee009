"""u from random pairs in one pass; the guarded one-edit level; SQL for Spark."""

import random

import duckdb
import pyarrow as pa
import pytest

from casebook.linkage import synthetic
from casebook.linkage.compare import (
    comparison,
    for_dialect,
    level,
    one_edit_level,
    person_comparisons,
    sql_for_dialect,
)
from casebook.linkage.scoring import features_for, predict, safe_duckdb, spec_for
from casebook.linkage.training import case_sql, columns_of, estimate_u, sample_sizes


def one_edit(rng: random.Random, s: str, alphabet: str) -> str:
    i, op = rng.randrange(len(s)), rng.randrange(4)
    if op == 0:
        return s[:i] + rng.choice(alphabet) + s[i + 1:]
    if op == 1:
        return s[:i] + rng.choice(alphabet) + s[i:]
    if op == 2:
        return s[:i] + s[i + 1:]
    i = min(i, len(s) - 2)
    return s[:i] + s[i + 1] + s[i] + s[i + 2:]


def test_guarded_one_edit_level_equals_edit_distance_on_four_characters_or_more():
    rng = random.Random(5)
    rows = []
    for _ in range(20_000):
        alphabet = rng.choice(("01", "0123456789", "abcdefghijklmnopqrstuvwxyz", "aab"))
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(5, 12)))
        # one edit of a five-plus string, or a random other string
        t = one_edit(rng, s, alphabet) if rng.random() < 0.7 else "".join(
            rng.choice(alphabet) for _ in range(rng.randint(4, 12)))
        rows.append((s, t))
    con = duckdb.connect()
    con.register("p", pa.table({"x_l": [a for a, _ in rows], "x_r": [b for _, b in rows]}))
    guarded = one_edit_level("x", 0.1, 0.01)["sql_condition"]
    differ = con.execute(
        f"SELECT count(*) FILTER (WHERE ({guarded}) <> (damerau_levenshtein(x_l, x_r) <= 1)), "
        "count(*) FILTER (WHERE damerau_levenshtein(x_l, x_r) <= 1) FROM p").fetchone()
    assert differ[1] > 10_000  # most pairs really are one edit apart
    assert differ[0] == 0


def test_case_sql_numbers_levels_like_splink_and_reads_its_columns():
    comp = comparison("x", '"x_l" IS NULL OR "x_r" IS NULL', [
        level('"x_l" = "x_r"', "same", 0.9, 0.1), level("ELSE", "different", 0.1, 0.9)])
    assert case_sql(comp) == ('CASE WHEN "x_l" IS NULL OR "x_r" IS NULL THEN -1 '
                              'WHEN "x_l" = "x_r" THEN 1 ELSE 0 END')
    assert columns_of(person_comparisons()[3]) == ["origin", "origin_province"]


def test_sample_sizes_give_about_max_pairs():
    (k,) = sample_sizes([100_000], 5e5, "dedupe_only")
    assert abs(k * (k - 1) / 2 - 5e5) / 5e5 < 0.01
    a, b = sample_sizes([4_000, 16_000], 1e6, "link_only")
    assert abs(a * b - 1e6) / 1e6 < 0.01 and b == 4 * a
    assert sample_sizes([10, 20], 1e6, "link_only") == [10, 20]  # everything, when small


def test_u_is_the_share_of_random_pairs_in_each_level():
    # 60 records: value "a" x 30, "b" x 20, "c" x 10; every pair is compared (max_pairs big)
    values = ["a"] * 30 + ["b"] * 20 + ["c"] * 10
    table = pa.table({"unique_id": [str(i) for i in range(60)], "x": values})
    comp = comparison("x", '"x_l" IS NULL OR "x_r" IS NULL', [
        level('"x_l" = "x_r"', "same", 0.9, 0.5), level("ELSE", "different", 0.1, 0.5)])
    (out,) = estimate_u(safe_duckdb(), [table], [comp], max_pairs=1e6)
    same = (30 * 29 + 20 * 19 + 10 * 9) / 2 / (60 * 59 / 2)
    levels = [lv for lv in out["comparison_levels"] if not lv.get("is_null_level")]
    assert levels[0]["u_probability"] == pytest.approx(same)
    assert levels[1]["u_probability"] == pytest.approx(1 - same)
    assert levels[0]["m_probability"] == 0.9  # m untouched: EM's job
    assert comp["comparison_levels"][1]["u_probability"] == 0.5  # the input is not changed


def test_link_only_u_counts_only_pairs_across_tables():
    left = pa.table({"unique_id": ["l1", "l2"], "x": ["a", "a"]})
    right = pa.table({"unique_id": ["r1", "r2", "r3", "r4"], "x": ["a", "b", "b", "b"]})
    comp = comparison("x", '"x_l" IS NULL OR "x_r" IS NULL', [
        level('"x_l" = "x_r"', "same", 0.9, 0.5), level("ELSE", "different", 0.1, 0.5)])
    (out,) = estimate_u(safe_duckdb(), [left, right], [comp], link_type="link_only")
    # 8 cross pairs, 2 agree (l1-r1, l2-r1); the l1-l2 pair (same table) does not count
    assert out["comparison_levels"][1]["u_probability"] == pytest.approx(2 / 8)


def test_trained_model_still_links_synthetic_records_well():
    data = synthetic.generate(6_000, seed=3)
    table = features_for(data.records, "person", synthetic.province_of)
    res = predict(table, spec_for("person", 6_000), 0.5, train=True, threads=2)
    found = set(zip(res.column("unique_id_l").to_pylist(), res.column("unique_id_r").to_pylist()))
    found = {(min(a, b), max(a, b)) for a, b in found}
    true = data.true_pairs()
    precision, recall = len(found & true) / len(found), len(found & true) / len(true)
    assert precision > 0.85 and recall > 0.6


def test_sql_for_spark_quotes_with_backticks_and_renames_functions():
    sql = ('CASE WHEN jaro_winkler_similarity("a_l", "a_r") >= 0.7 THEN '
           'damerau_levenshtein("a_l", "a_r") <= 1 ELSE false END OR list_has_any("p_l", "p_r")'
           ' OR len("p_l") = 0 OR length("a_l") = 1')
    out = sql_for_dialect(sql, "spark")
    assert out == ('CASE WHEN jaro_winkler(`a_l`, `a_r`) >= 0.7 THEN '
                   'damerau_levenshtein(`a_l`, `a_r`) <= 1 ELSE false END OR '
                   'arrays_overlap(`p_l`, `p_r`) OR size(`p_l`) = 0 OR length(`a_l`) = 1')
    assert sql_for_dialect(sql, "duckdb") == sql
    with pytest.raises(ValueError):
        sql_for_dialect(sql, "oracle")
    comps = for_dialect(person_comparisons(), "spark")
    assert all('"' not in lv["sql_condition"] for c in comps for lv in c["comparison_levels"])
    assert '"' in person_comparisons()[0]["comparison_levels"][1]["sql_condition"]
