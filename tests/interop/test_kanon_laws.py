"""The laws of CTDC's k-anonymisation (``exchange.kanon.k_anonymise``) on any rows: every class
that leaves has at least k records, nothing is invented (a cell is kept or redacted), only the
columns CTDC lets it redact are redacted, and the report adds up."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.exchange.kanon import ctdc_rules, k_anonymise

RULES = ctdc_rules()
REDACTED = RULES["redacted"]
COLUMNS = ["hte_Date", "ageBroad", "vic_TypeOfExploitation", "prs_Gender", "notes_Free"]
VALUES = {"hte_Date": ["1998", "1999", "2003"], "ageBroad": ["9--17", "18--20", "21--23"],
          "vic_TypeOfExploitation": ["forced_marriage", "sexual", "labour"],
          "prs_Gender": ["Female"], "notes_Free": ["a", "b"]}

rows_strategy = st.lists(
    st.fixed_dictionaries({c: st.sampled_from(v) for c, v in VALUES.items()}),
    min_size=0, max_size=60)


def _classes(rows) -> Counter:
    return Counter(tuple(r[c] for c in COLUMNS) for r in rows)


@settings(max_examples=150)
@given(rows_strategy, st.integers(min_value=2, max_value=12))
def test_every_class_that_leaves_has_k_records_and_the_report_adds_up(rows, k):
    kept, report = k_anonymise(rows, COLUMNS, k)
    assert all(n >= k for n in _classes(kept).values())
    assert report.k == k and report.records_in == len(rows)
    assert report.records_out == len(kept) <= len(rows)
    assert report.to_dict()["left_out"] == len(rows) - len(kept)


@settings(max_examples=150)
@given(rows_strategy, st.integers(min_value=2, max_value=12))
def test_nothing_is_invented_and_only_ctdc_columns_are_redacted(rows, k):
    kept, report = k_anonymise(rows, COLUMNS, k)
    order = [c for c in RULES["suppress_order"] if c in COLUMNS]
    for r in kept:
        for c in COLUMNS:
            assert r[c] in VALUES[c] or (r[c] == REDACTED and c in order), (c, r[c])
    assert set(report.redacted) <= set(order)
    # a column outside CTDC's order is never touched: its values leave as they came
    free_in = Counter(r["notes_Free"] for r in rows)
    free_out = Counter(r["notes_Free"] for r in kept)
    assert all(free_out[v] <= free_in[v] for v in free_out)
    # the input rows are not changed in place
    assert all(REDACTED not in r.values() for r in rows)


def test_k_of_one_keeps_everything_as_it_is():
    rows = [{c: v[i % len(v)] for c, v in VALUES.items()} for i in range(7)]
    kept, report = k_anonymise(rows, COLUMNS, 1)
    assert sorted(map(sorted, (r.items() for r in kept))) == sorted(
        map(sorted, (r.items() for r in rows)))
    assert report.redacted == {} and report.records_out == 7


def test_a_lone_record_is_redacted_most_identifying_first_then_left_out():
    same = {"hte_Date": "1998", "ageBroad": "18--20", "vic_TypeOfExploitation": "sexual",
            "prs_Gender": "Female", "notes_Free": "a"}
    rows = [dict(same) for _ in range(3)] + [dict(same, hte_Date="2003")]
    kept, report = k_anonymise(rows, COLUMNS, 3)
    assert len(kept) == 3 and report.records_out == 3
    # the lone record lost its date first; still alone (its class has 1), it was left out
    assert report.redacted.get("hte_Date") == 1
    assert all(r["hte_Date"] == "1998" for r in kept)
