"""The statistician's view of an MSE run: model table, fitted cells, overlap, reasons, plot."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from casebook.errors import EstimationError
from casebook.estimate import estimate_population, read_table_csv
from casebook.estimate.diagnostics import overlap, why_no_estimate
from casebook.estimate.table import table_from_rows

DATA = Path(__file__).parent / "data"
runner = CliRunner()


def korea():
    return read_table_csv(DATA / "korea_palembang_3list.csv")


def test_model_table_has_every_considered_model_with_fit_statistics():
    result = estimate_population(korea())
    rows = result.models
    assert len(rows) == 8 == result.ranking.n_candidates  # all hierarchical models of order <= 2
    ok = [r for r in rows if r.status == 0]
    assert len(ok) == 6 and [r.hierarchy for r in rows if r.status] == ["[12,13]", "[12,13,23]"]
    assert [r.bic for r in ok] == sorted(r.bic for r in ok)
    top = ok[0]
    assert top.selected and top.hierarchy == "[12,23]" and round(top.bic, 4) == 57.1408
    # AIC and BIC differ by the parameter penalty only
    for r in ok:
        assert r.bic - r.aic == pytest.approx(r.n_params * (math.log(123) - 2))
        assert r.df == 7 - r.n_params  # no cell dropped in any model with an estimate here
    # deviance is twice the log-likelihood gap, so its differences are the AIC differences
    # minus the parameter penalty
    main = next(r for r in ok if r.hierarchy == "[1,2,3]")
    assert (main.deviance - top.deviance) == pytest.approx(
        (main.aic - top.aic) + 2 * (top.n_params - main.n_params))
    assert all(r.ci_low <= r.estimate <= r.ci_high for r in ok)


def test_deviance_matches_a_direct_poisson_computation():
    result = estimate_population(korea(), "main")
    y = korea().counts.astype(float)
    mu = np.array([c.fitted for c in result.fitted[:-1]])
    direct = 2 * np.sum(np.where(y > 0, y * np.log(np.where(y > 0, y, 1) / mu), 0) - (y - mu))
    (row,) = result.models
    assert row.deviance == pytest.approx(direct, rel=1e-8)
    assert row.deviance == pytest.approx(138.5548, abs=1e-3)


def test_fitted_cells_add_up_and_end_with_the_never_recorded():
    result = estimate_population(korea())
    cells = result.fitted
    assert len(cells) == 8 and cells[-1].observed is None
    assert sum(c.observed for c in cells[:-1]) == 123
    # a Poisson log-linear fit with main effects reproduces each list's total
    for i in range(3):
        on = [c for c in cells[:-1] if c.history[i]]
        assert sum(c.fitted for c in on) == pytest.approx(sum(c.observed for c in on), rel=1e-6)
    assert cells[-1].fitted == pytest.approx(result.estimate - 123)
    assert result.unseen["estimate"] == pytest.approx(34.1667, abs=1e-3)
    assert result.unseen["ci_low"] == pytest.approx(result.ci_low - 123)
    cd = next(c for c in cells if c.history == (0, 1, 1))
    assert cd.observed == 0 and cd.pearson < 0 and cd.deviance < 0


def test_stepwise_table_lists_the_models_it_fitted():
    result = estimate_population(korea(), "stepwise")
    assert result.hierarchy == "[12,3]"
    names = [r.hierarchy for r in result.models]
    assert "[12,3]" in names and "[1,2,3]" in names
    assert sum(r.selected for r in result.models) == 1


def test_overlap_and_reasons_when_lists_do_not_overlap():
    disjoint = table_from_rows(["A", "B", "C"], [((1, 0, 0), 9), ((0, 1, 0), 17), ((0, 0, 1), 10)])
    ov = overlap(disjoint)
    assert ov.sizes == {"A": 9, "B": 17, "C": 10} and ov.on_several == 0
    assert set(ov.pairs.values()) == {0}
    reasons = why_no_estimate(disjoint)
    assert any("no person is on more than one list" in r for r in reasons)
    with pytest.raises(EstimationError):
        estimate_population(disjoint)
    # a list that shares no one is named, even when the others overlap
    partly = table_from_rows(["A", "B", "C"], [((1, 0, 0), 9), ((0, 1, 0), 17), ((1, 1, 0), 4),
                                               ((0, 0, 1), 10)])
    assert any("C share no one" in r for r in why_no_estimate(partly))
    assert why_no_estimate(korea()) == []  # every pair of lists shares someone


def test_progress_is_reported_during_a_long_search():
    table = read_table_csv(DATA / "uk2013_nrm_4list.csv")
    seen = []
    estimate_population(table, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]


def test_cli_text_json_and_plot(tmp_path):
    import typer

    from casebook.cli.estimate import register

    app = typer.Typer()
    register(app)

    @app.callback()
    def _root():
        pass

    csv = str(DATA / "korea_palembang_3list.csv")
    plot = tmp_path / "models.png"
    result = runner.invoke(app, ["estimate", "mse", csv, "--plot", str(plot)])
    assert result.exit_code == 0, result.output
    text = result.output
    for expected in ("Overlap", "Model table (8 models considered, 6 with an estimate",
                     "deviance", "AIC", "BIC", "Fitted cells under [12,23]",
                     "Estimated never recorded: 34.2", "no extended MLE"):
        assert expected in text, expected
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    out = json.loads(runner.invoke(app, ["estimate", "mse", csv, "--json"]).output)
    assert len(out["model_table"]) == out["models_considered"] == 8
    for row in out["model_table"]:
        assert {"model", "terms", "df", "deviance", "aic", "bic", "estimate", "ci_low",
                "ci_high", "status"} <= set(row)
    assert out["overlap"]["pairs"][0] == {"lists": ["b", "c"], "both": 66}
    assert out["fitted_cells"][-1]["observed"] is None


def test_cli_error_shows_the_overlap_and_says_why(tmp_path):
    import typer

    from casebook.cli.estimate import register

    app = typer.Typer()
    register(app)

    @app.callback()
    def _root():
        pass

    f = tmp_path / "disjoint.csv"
    f.write_text("A,B,count\n1,0,5\n0,1,7\n")
    result = runner.invoke(app, ["estimate", "mse", str(f)])
    assert result.exit_code != 0
    assert "Overlap" in result.output
    assert isinstance(result.exception, EstimationError)
    assert "no person is on more than one list" in str(result.exception)
