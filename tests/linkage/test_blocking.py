"""Blocking sized on the data: pairs counted exactly, broad rules only while affordable."""

import pyarrow as pa

from casebook.linkage.blocking import BlockingPlan, count_pairs, person_plan
from casebook.linkage.scoring import safe_duckdb


def table(names, years):
    return pa.table({"unique_id": [str(i) for i in range(len(names))], "given_key": names,
                     "birth_year": pa.array(years, pa.int32())})


def test_count_pairs_within_a_table_and_across_tables():
    con = safe_duckdb()
    t = table(["a", "a", "a", "b", "b", None], [1, 1, 2, 1, 1, 1])
    assert count_pairs(con, [t], ["given_key"]) == 3 + 1  # three a's, two b's; None never
    assert count_pairs(con, [t], ["given_key", "birth_year"]) == 1 + 1
    other = table(["a", "b", "c"], [1, 1, 1])
    assert count_pairs(con, [t, other], ["given_key"], "link_only") == 3 * 1 + 2 * 1
    assert count_pairs(con, [t, other], ["given_key", "birth_year"], "link_only") == 2 + 2


def test_broad_rules_drop_out_when_they_would_make_too_many_pairs():
    plan = BlockingPlan(broad=(("given_key",), ("birth_year",)),
                        strict=(("given_key", "birth_year"),), max_pairs_per_record=1.0)
    con = safe_duckdb()
    small = table(["a", "b", "c", "d"], [1, 1, 2, 3])  # 0 and 1 pairs: both broad rules fit
    big = table(["a"] * 6, [1, 1, 1, 2, 3, 4])  # 15 pairs on the name for 6 records: too many
    pairs = lambda t: lambda rule: count_pairs(con, [t], rule)
    assert plan.choose([4], pairs(small)) == [("given_key",), ("birth_year",),
                                              ("given_key", "birth_year")]
    assert plan.choose([6], pairs(big)) == [("birth_year",), ("given_key", "birth_year")]
    assert len(plan.resolve(con, [big])) == 2


def test_person_plan_reads_its_table():
    plan = person_plan()
    assert ("surname_key", "given_key") in plan.broad
    assert all(len(rule) >= 3 for rule in plan.strict)
    assert plan.max_pairs_per_record > 0
