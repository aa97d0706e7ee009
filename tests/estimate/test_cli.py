"""The ``casebook estimate`` commands through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from casebook.cli.estimate import register
from casebook.errors import EstimationError, InvalidInput

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "scenarios"
runner = CliRunner()


@pytest.fixture(scope="module")
def app():
    app = typer.Typer()
    register(app)

    @app.callback()
    def _root():  # keep "estimate" as a sub-command
        pass

    return app


def test_mse_json_shape(app):
    result = runner.invoke(app, ["estimate", "mse", str(DATA / "korea_palembang_3list.csv"),
                                 "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert {"estimate", "ci_low", "ci_high", "ci_type", "model", "method", "n_observed",
            "lists", "model_table", "fitted_cells", "overlap", "never_recorded"} <= set(out)
    assert round(out["estimate"], 4) == 157.1667
    assert out["model"] == ["b:c", "c:d"]
    assert out["method"] == "bic" and out["n_observed"] == 123 and out["lists"] == ["b", "c", "d"]
    assert out["ci_low"] < out["estimate"] < out["ci_high"]
    assert "profile likelihood" in out["ci_type"]


def test_mse_stepwise_with_bootstrap(app):
    result = runner.invoke(app, ["estimate", "mse", str(DATA / "korea_palembang_3list.csv"),
                                 "--method", "stepwise", "--bootstrap", "200", "--seed", "3",
                                 "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert round(out["estimate"], 4) == 268.7778
    assert out["ci_type"].startswith("BCa bootstrap 95% (200 replicates)")


def test_mse_text_output_lists_models(app):
    result = runner.invoke(app, ["estimate", "mse", str(DATA / "korea_palembang_3list.csv")])
    assert result.exit_code == 0
    assert "Estimated population: 157.2" in result.output
    assert "[12,23]" in result.output and "Model table" in result.output


def test_mse_fixed_model_and_multinomial_profile(app):
    args = ["estimate", "mse", str(DATA / "rcapture_hiv_rome_4list.csv"), "--model", "c1:c2",
            "--json"]
    pois = json.loads(runner.invoke(app, args).output)
    mult = json.loads(runner.invoke(app, [*args, "--profile", "multinomial"]).output)
    assert pois["method"] == "fixed" and pois["model"] == ["c1:c2"]
    assert round(pois["ci_low"]) == 10275
    assert mult["ci_low"] < pois["ci_low"] and "multinomial" in mult["ci_type"]


def test_mse_errors_are_casebook_errors(app, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("A,B\n1,0\n")
    result = runner.invoke(app, ["estimate", "mse", str(bad)])
    assert isinstance(result.exception, InvalidInput) and "count" in str(result.exception)
    result = runner.invoke(app, ["estimate", "mse", str(DATA / "korea_palembang_3list.csv"),
                                 "--model", "[12,13]"])
    assert isinstance(result.exception, EstimationError)


def test_from_casebook_needs_storage(app):
    result = runner.invoke(app, ["estimate", "mse", "--from-casebook", "--lists", "organisation"])
    assert isinstance(result.exception, InvalidInput)
    assert "casebook" in str(result.exception)
    result = runner.invoke(app, ["estimate", "mse", "--from-casebook"])
    assert "--lists" in str(result.exception)


def test_scenario_text_json_and_chart(app, tmp_path):
    chart = tmp_path / "kfi.png"
    result = runner.invoke(app, ["estimate", "scenario", str(EXAMPLES / "kfi_profit.toml"),
                                 "--draws", "5000", "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    assert "value at central inputs: 105,000,000" in result.output
    assert "Sensitivity" in result.output and "In plain words" in result.output
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    out = json.loads(runner.invoke(app, ["estimate", "scenario", str(EXAMPLES / "kfi_profit.toml"),
                                         "--draws", "5000", "--json"]).output)
    assert out["central"] == 105_000_000 and len(out["interval_90"]) == 2


def test_main_app_registers_estimate():
    from casebook.cli.main import app as main_app

    result = runner.invoke(main_app, ["estimate", "--help"])
    assert result.exit_code == 0
    assert "mse" in result.output and "scenario" in result.output
