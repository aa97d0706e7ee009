"""Scenario factors, for any bounds a user could write: draws stay inside them, percentiles
rise with the quantile, and a point factor is exactly its value."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.errors import InvalidInput
from casebook.estimate.scenario import parse_scenario

bounds = st.tuples(st.floats(0.01, 1e4), st.floats(0.01, 1e4)).filter(
    lambda b: b[1] > b[0] * 1.001)


def _model(dist, low, high):
    extra = f"mode = {(low + high) / 2!r}\n" if dist == "triangular" else ""
    return parse_scenario(f'formula = "a * 2"\n[factors.a]\ndistribution = "{dist}"\n'
                          f'source = "survey"\nlow = {low!r}\nhigh = {high!r}\n{extra}')


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["uniform", "triangular"]), bounds, st.integers(0, 2**31))
def test_bounded_draws_stay_inside_their_bounds(dist, b, seed):
    low, high = b
    factor = _model(dist, low, high).factors["a"]
    draws = factor.draw(np.random.default_rng(seed), 500)
    assert draws.min() >= low and draws.max() <= high
    qs = [factor.percentile(q) for q in (0.05, 0.5, 0.95)]
    assert qs == sorted(qs) and low <= factor.central <= high


@settings(max_examples=30, deadline=None)
@given(bounds)
def test_lognormal_low_and_high_are_its_5th_and_95th_percentiles(b):
    factor = _model("lognormal", *b).factors["a"]
    assert factor.percentile(0.05) == pytest.approx(b[0], rel=1e-6)
    assert factor.percentile(0.95) == pytest.approx(b[1], rel=1e-6)


def test_a_point_factor_is_exactly_its_value_and_bad_bounds_name_the_factor():
    model = parse_scenario('formula = "a * 3 - 1"\n[factors.a]\nvalue = 0.1\nsource = "x"\n')
    assert model.central_exact() == Fraction(-7, 10)  # 0.1 * 3 - 1 exactly: no float drift
    assert model.factors["a"].draw(np.random.default_rng(0), 3).tolist() == [0.1] * 3
    with pytest.raises(InvalidInput, match="factor 'a': low must be below high"):
        _model("uniform", 5.0, 1.0)
