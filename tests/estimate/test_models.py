"""Hierarchical log-linear models as sets of bit masks: closure, enumeration, notation, parsing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casebook.errors import InvalidInput
from casebook.estimate.models import (
    closure,
    count_models,
    enumerate_models,
    hierarchy_string,
    interaction_terms,
    is_hierarchical,
    members,
    model_order,
    neighbours,
    parse_model,
    popcount,
    roots,
    term_names,
)

LISTS = ["A", "B", "C", "D"]
AB, AC, BC, ABC = 0b0011, 0b0101, 0b0110, 0b0111


def test_bits():
    assert popcount(0b1011) == 3 and members(0b1010) == [1, 3]
    assert model_order(frozenset()) == 1 and model_order(frozenset({AB, ABC})) == 3


@given(st.sets(st.integers(1, 15), max_size=6))
def test_closure_is_the_smallest_hierarchical_superset(terms):
    model = closure(terms)
    assert is_hierarchical(model)
    assert {t for t in terms if popcount(t) >= 2} <= model
    assert closure(model) == model
    for t in model:  # nothing added that no requested term needs
        assert any((t & r) == t for r in terms if popcount(r) >= 2)


def test_a_triple_needs_its_three_pairs():
    assert closure([ABC]) == frozenset({ABC, AB, AC, BC})
    assert not is_hierarchical({ABC, AB})


@pytest.mark.parametrize("n,order,count", [(3, 2, 8), (4, 2, 64), (3, 5, 8), (2, 1, 1),
                                           (4, 3, 113)])
def test_enumeration_counts(n, order, count):
    models = enumerate_models(n, order)
    assert len(models) == count == len(set(models))
    assert all(is_hierarchical(m) and model_order(m) <= min(order, n - 1) for m in models)
    if count_models(n, order) != -1:
        assert count_models(n, order) == count


def test_no_saturated_model_is_enumerated():
    full = (1 << 3) - 1
    assert all(full not in m for m in enumerate_models(3, 3))


def test_interaction_terms_by_order_then_lists():
    assert interaction_terms(3, 3) == [AB, AC, BC, ABC]


@pytest.mark.parametrize("spec,expected", [
    ("main", frozenset()), ("", frozenset()), ("[]", frozenset()),
    ("[12]", frozenset({AB})), ("[12,23]", frozenset({AB, BC})),
    ("[123]", frozenset({ABC, AB, AC, BC})),
    ("A:B,B:C", frozenset({AB, BC})), ("A*B + C:A", frozenset({AB, AC})),
])
def test_parse_model(spec, expected):
    assert parse_model(spec, LISTS) == expected


@pytest.mark.parametrize("spec,message", [
    ("[15]", "between 1 and 4"), ("A:E", "unknown list 'E'"), ("[1234]", "saturated"),
    ("A:B:C:D", "saturated"),
])
def test_parse_model_errors(spec, message):
    with pytest.raises(InvalidInput, match=message):
        parse_model(spec, LISTS)


def test_bracket_notation_needs_at_most_nine_lists():
    with pytest.raises(InvalidInput, match="at most 9"):
        parse_model("[12]", [f"L{i}" for i in range(10)])


def test_notation_round_trips_through_the_parser():
    for model in enumerate_models(4, 3):
        text = hierarchy_string(model, 4)
        assert parse_model(text, LISTS) == model, text


def test_roots_and_names():
    model = frozenset({AB, AC})
    assert sorted(roots(model, 4)) == sorted([AB, AC, 0b1000])
    assert hierarchy_string(model, 4) == "[12,13,4]"
    assert term_names(frozenset({ABC, AB, AC, BC}), LISTS) == ["A:B", "A:C", "B:C", "A:B:C"]


def test_neighbours_are_hierarchical_and_one_step_away():
    model = frozenset({AB, AC})
    around = neighbours(model, 4, 3)
    assert around and len(around) == len(set(around))
    for other in around:
        assert is_hierarchical(other) and other != model
        assert len(model ^ other) == 1, (model, other)
    assert frozenset({AB}) in around and frozenset({AB, AC, BC}) in around
    all_models = set(enumerate_models(4, 3))
    assert set(around) <= all_models


def test_every_enumerated_model_is_reached_by_steps_from_main_effects():
    target = set(enumerate_models(3, 2))
    seen, frontier = {frozenset()}, [frozenset()]
    while frontier:
        nxt = [m for f in frontier for m in neighbours(f, 3, 2) if m not in seen]
        seen.update(nxt)
        frontier = nxt
    assert seen == target
