"""Scenario models: exact central values, distributions, sensitivity and validation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from casebook.errors import InvalidInput
from casebook.estimate.scenario import load_scenario, parse_scenario, run_scenario

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "scenarios"


def test_kfi_central_is_exactly_the_headline():
    model = load_scenario(EXAMPLES / "kfi_profit.toml")
    result = run_scenario(model, draws=20_000, seed=1)
    assert result.central == 105_000_000
    assert model.headline == 105_000_000
    # KFI chose the low end of every range it quoted, so the headline sits low in the distribution
    assert result.p05 > 0 and result.share_below_headline < 0.1
    assert result.median > model.headline
    names = [r.name for r in result.sensitivity]
    assert set(names) == {
        "people_in_china",
        "share_female",
        "share_trafficked",
        "profit_per_victim",
    }
    swings = [r.swing for r in result.sensitivity]
    assert swings == sorted(swings, reverse=True)
    assert names[-1] == "share_female"  # 70-75% barely matters
    assert any("assumptions" in line for line in result.summary_lines())


def test_every_example_factor_has_a_source():
    for path in EXAMPLES.glob("*.toml"):
        model = load_scenario(path)
        assert all(f.source for f in model.factors.values()), path


def test_prevalence_model_runs_and_is_reproducible():
    model = load_scenario(EXAMPLES / "prevalence.toml")
    a = run_scenario(model, draws=5_000, seed=3)
    b = run_scenario(model, draws=5_000, seed=3)
    assert a.central == 50_000 * 0.7 * 0.6
    assert (a.mean, a.p05, a.p95) == (b.mean, b.p05, b.p95)
    assert a.p05 < a.median < a.p95


MODEL = """
title = "test"
formula = "a * (b + c)"
[factors.a]
distribution = "beta"
proportion = 0.3
n = 200
source = "survey of 200"
[factors.b]
distribution = "triangular"
low = 1
mode = 2
high = 6
source = "guess"
[factors.c]
value = 10
source = "fixed"
"""


def test_beta_triangular_point_and_sums():
    model = parse_scenario(MODEL)
    result = run_scenario(model, draws=50_000, seed=5)
    assert result.central == pytest.approx(0.3 * (2 + 10))
    # mean of a*(b+c) with independent factors: E[a] * (E[b] + 10)
    expected = (0.3 * 200 + 1) / (200 + 2) * ((1 + 2 + 6) / 3 + 10)
    assert result.mean == pytest.approx(expected, rel=0.01)
    assert [r.name for r in result.sensitivity] == ["a", "b"]  # points have no swing


def test_lognormal_low_high_are_5th_and_95th_percentiles():
    model = parse_scenario(
        'formula = "x"\n[factors.x]\ndistribution = "lognormal"\nlow = 10\nhigh = 1000\n'
        'source = "s"\n'
    )
    result = run_scenario(model, draws=100_000, seed=9)
    assert result.central == pytest.approx(100)
    assert result.p05 == pytest.approx(10, rel=0.03)
    assert result.p95 == pytest.approx(1000, rel=0.03)


@pytest.mark.parametrize(
    "text,message",
    [
        ('formula = "a * b"\n[factors.a]\nvalue = 1\nsource = "s"\n', "undefined factor"),
        ('formula = "a"\n[factors.a]\nvalue = 1\n', "no 'source'"),
        (
            'formula = "a"\n[factors.a]\ndistribution = "uniform"\nlow = 5\nhigh = 1\n'
            'source = "s"\n',
            "low must be below high",
        ),
        ('formula = "a"\n[factors.a]\ndistribution = "gamma"\nsource = "s"\n', "not one of"),
        ('formula = "__import__(1)"\n[factors.a]\nvalue = 1\nsource = "s"\n', "may only use"),
        (
            'formula = "a"\n[factors.a]\ndistribution = "beta"\nproportion = 1.5\nn = 3\n'
            'source = "s"\n',
            "proportion",
        ),
        ("formula = ", "not valid TOML"),
    ],
)
def test_invalid_models_name_the_problem(text, message):
    with pytest.raises(InvalidInput, match=message):
        parse_scenario(text, source="m.toml")


def test_unreadable_model_file(tmp_path):
    with pytest.raises(InvalidInput, match="nope.toml"):
        load_scenario(tmp_path / "nope.toml")


def test_sensitivity_rank_correlation_sign():
    model = parse_scenario(
        'formula = "a / b"\n[factors.a]\ndistribution = "uniform"\nlow = 1\nhigh = 2\n'
        'source = "s"\n'
        '[factors.b]\ndistribution = "uniform"\nlow = 1\nhigh = 2\nsource = "s"\n'
    )
    rows = {r.name: r for r in run_scenario(model, draws=20_000, seed=2).sensitivity}
    assert rows["a"].rank_correlation > 0.5 > -0.5 > rows["b"].rank_correlation
    assert np.isclose(rows["a"].swing, rows["b"].swing, rtol=0.2)
