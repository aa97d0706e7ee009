"""Estimation inputs: lists from consented testimonies, and capture tables from CSV files.

An estimate must not depend on the order testimonies or rows arrive in, a woman told twice is
one person, and every bad table gets one line naming its file, line and column.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.errors import InvalidInput
from casebook.estimate.lists import list_memberships
from casebook.estimate.mse import estimate_population
from casebook.estimate.table import read_table_csv, table_from_rows
from casebook.linkage.decisions import accept
from casebook.model import Consent, ConsentedTestimony, Record


def _t(tid, person, org, interviewer="iv"):
    return ConsentedTestimony(tid, person, org, interviewer, "en", 2020, None, f"h{tid}",
                              Consent(), Record(), None)


testimony_specs = st.lists(st.tuples(st.one_of(st.none(), st.integers(1, 4)),
                                     st.sampled_from(["Hanul", "Sunrise", "Bridge", None])),
                           min_size=1, max_size=10)


@given(testimony_specs, st.randoms(use_true_random=False))
def test_memberships_do_not_depend_on_the_order_of_testimonies(specs, rnd):
    items = [_t(i + 1, p, o) for i, (p, o) in enumerate(specs)]
    shuffled = list(items)
    rnd.shuffle(shuffled)
    a = sorted(list_memberships(items, [], "organisation"))
    b = sorted(list_memberships(shuffled, [], "organisation"))
    assert a == b
    assert len(a) == sum(1 for _, o in specs if o)  # one pair per testimony naming a list
    named = [t for t in items if t.organisation]
    key_of = {t.testimony_id: k for t, (k, _) in
              zip(named, list_memberships(items, [], "organisation"), strict=True)}
    for t in named:  # a woman told twice is one person; two women are two
        for u in named:
            same = t.testimony_id == u.testimony_id or (
                t.person_id is not None and t.person_id == u.person_id)
            assert (key_of[t.testimony_id] == key_of[u.testimony_id]) == same


def test_an_accepted_link_joins_two_persons_into_one():
    items = [_t(1, 1, "Hanul"), _t(2, 2, "Sunrise"), _t(3, None, "Bridge")]
    apart = list_memberships(items, [], "organisation")
    assert len({k for k, _ in apart}) == 3
    joined = list_memberships(items, [accept(["t1", "t2"], "rev").to_dict()], "organisation")
    assert len({k for k, _ in joined}) == 2
    by_list = dict((v, k) for k, v in joined)
    assert by_list["Hanul"] == by_list["Sunrise"] != by_list["Bridge"]
    by_iv = list_memberships([_t(1, 1, "Hanul", "kim"), _t(2, 2, "Hanul", None)], [],
                             "interviewer")
    assert [v for _, v in by_iv] == ["kim"]


def test_an_unknown_list_field_is_refused():
    with pytest.raises(InvalidInput, match="--lists 'language'"):
        list_memberships([], [], "language")


ROWS = [((1, 0, 0), 40), ((0, 1, 0), 35), ((0, 0, 1), 30), ((1, 1, 0), 12), ((1, 0, 1), 9),
        ((0, 1, 1), 8), ((1, 1, 1), 3)]


@settings(max_examples=15, deadline=None)
@given(st.permutations(ROWS))
def test_the_estimate_does_not_depend_on_the_order_of_rows(rows):
    base = estimate_population(table_from_rows("ABC", ROWS), "main")
    again = estimate_population(table_from_rows("ABC", rows), "main")
    assert again.estimate == pytest.approx(base.estimate, rel=1e-9)
    assert again.n_observed == sum(c for _, c in ROWS) == base.n_observed
    assert base.estimate >= base.n_observed
    assert base.ci_low <= base.estimate <= base.ci_high


def test_repeated_histories_add_and_empty_rows_are_ignored():
    table = table_from_rows(["A", "B"], [((1, 0), 2), ((1, 0), 3), ((0, 0), 0), ((1, 1), 4)])
    assert table.rows() == [((1, 0), 5), ((1, 1), 4)]
    assert table.n_observed == 9
    assert table.with_counts(np.array([1, 1, 1])).n_observed == 3


@pytest.mark.parametrize("lists, rows, message", [
    (["A"], [((1,), 3)], "at least 2 lists"),
    (["A", "A"], [((1, 0), 3)], "distinct"),
    (["A", "B"], [((0, 0), 3)], "no list marked"),
    (["A", "B"], [((1, 0), 0)], "no observed people"),
    ([f"L{i}" for i in range(13)], [], "at most 12"),
])
def test_an_impossible_table_is_refused(lists, rows, message):
    with pytest.raises(InvalidInput, match=message):
        table_from_rows(lists, rows)


@pytest.mark.parametrize("text, message", [
    ("", "the file is empty"),
    ("A,B\n1,0\n", "no 'count' column"),
    ("A,,count\n1,0,3\n", "empty name"),
    ("A,B,count\n1,0\n", "line 2: 2 fields, expected 3"),
    ("A,B,count\n1,2,3\n", "line 2, column 'B': '2' is not 0 or 1"),
    ("A,B,count\n1,0,-1\n", "line 2, column 'count'"),
    ("A,B,count\n1,0,many\n", "'many' is not a non-negative integer"),
])
def test_a_bad_table_file_gets_one_line_naming_file_line_and_column(tmp_path, text, message):
    path = tmp_path / "lists.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput, match=message) as caught:
        read_table_csv(path)
    assert str(path) in str(caught.value)


def test_a_table_file_with_a_bom_and_blank_lines_reads(tmp_path):
    path = tmp_path / "lists.csv"
    path.write_text("\ufeffA,B,count\n1,0,4\n\n0,1,5\n1,1,2\n", encoding="utf-8")
    table = read_table_csv(path)
    assert table.lists == ("A", "B") and table.n_observed == 11
    with pytest.raises(InvalidInput, match="cannot read"):
        read_table_csv(tmp_path / "absent.csv")


@pytest.mark.parametrize("kwargs, message", [
    (dict(method="magic"), "choose one of"),
    (dict(method="fixed"), "needs a model"),
    (dict(n_boot=-1), "must be 0 or more"),
    (dict(level=1.0), "between 0 and 1"),
])
def test_bad_estimation_options_are_refused(kwargs, message):
    with pytest.raises(InvalidInput, match=message):
        estimate_population(table_from_rows("ABC", ROWS), **kwargs)
