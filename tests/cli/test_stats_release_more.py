"""`casebook stats` and `casebook report` as a user runs them: unsafe release parameters are
refused in one line before anything is read, published numbers pass disclosure control, and a
differentially private release spends a budget that runs out."""

from __future__ import annotations

import csv
import io
import json
import math

import pytest

from casebook.errors import BadArgument, DisclosureRisk, InvalidInput
from casebook.publish.synthetic import synthetic_dataset
from casebook.publish.tables import ALL


@pytest.fixture
def rows(cli):
    path = cli.folder / "rows.json"
    path.write_text(synthetic_dataset(80, seed=12).to_json(), encoding="utf-8")
    return path


@pytest.mark.parametrize("args, where", [
    (["--k", "1"], "--k 1"), (["--round", "0"], "--round 0"), (["--epsilon", "0"], "--epsilon"),
    (["--epsilon", "11"], "--epsilon"), (["--epsilon", "nan"], "--epsilon")])
def test_unsafe_release_parameters_are_refused_in_one_line(cli, rows, args, where):
    error = cli.error("stats", "times_sold", "--publish", *args, "--dataset-json", rows)
    assert isinstance(error, BadArgument) and where in str(error)
    report = cli.folder / "r.html"
    error = cli.error("report", "--out", report, *args, "--dataset-json", rows)
    assert isinstance(error, BadArgument)
    assert not report.exists()


def test_a_low_k_is_allowed_with_a_warning(cli, rows):
    result = cli("stats", "times_sold", "--publish", "--k", "5", "--dataset-json", rows)
    assert "below the recommended 11" in result.stderr


def test_published_json_has_no_cell_below_k(cli, rows):
    out = cli("stats", "--publish", "--format", "json", "--dataset-json", rows).stdout
    tables = json.loads(out)
    assert len(tables) > 5
    counts = [c["count"] for t in tables for c in t["cells"] if c["count"] is not None]
    assert counts and all(c == 0 or c >= 11 for c in counts)
    assert any(c["count"] is None for t in tables for c in t["cells"])  # something was hidden


def test_exact_counts_warn_that_they_are_for_the_team_only(cli, rows):
    result = cli("stats", "times_sold", "--format", "csv", "--dataset-json", rows)
    assert "no disclosure control" in result.stderr
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    total = [r for r in table if r["row"] == ALL and r["column"] == ALL]
    assert total and int(total[0]["count"]) == 80


def test_an_unknown_format_names_the_option(cli, rows):
    error = cli.error("stats", "times_sold", "--format", "xml", "--dataset-json", rows)
    assert isinstance(error, InvalidInput) and "--format xml" in str(error)


def test_epsilon_on_a_dataset_file_needs_a_budget_file(cli, rows):
    error = cli.error("stats", "times_sold", "--epsilon", "1", "--dataset-json", rows)
    assert "--budget-file" in str(error)


def test_a_private_release_spends_the_budget_until_it_is_gone(cli, rows):
    budget = cli.folder / "budget.json"
    out = cli("stats", "times_sold", "--epsilon", "1.5", "--format", "json",
              "--dataset-json", rows, "--budget-file", budget).stdout
    [table] = json.loads(out)
    assert table["noise"]["epsilon"] == pytest.approx(1.5)
    ledger = json.loads(budget.read_text(encoding="utf-8"))
    assert math.isclose(sum(r["epsilon"] for r in ledger["releases"]), 1.5)
    error = cli.error("stats", "times_sold", "--epsilon", "1", "--dataset-json", rows,
                      "--budget-file", budget)
    assert isinstance(error, DisclosureRisk) and "privacy budget" in str(error)
    ledger_after = json.loads(budget.read_text(encoding="utf-8"))
    assert len(ledger_after["releases"]) == 1  # the refused release spent nothing


def test_a_missing_dataset_file_is_named(cli):
    error = cli.error("stats", "times_sold", "--dataset-json", cli.folder / "absent.json")
    assert "absent.json" in str(error)


def test_stats_on_the_casebook_count_only_consenting_testimonies(cli):
    cli.add()
    cli.add("저는 2001년에 두만강을 건넜습니다. 중개인이 저를 오천 위안에 팔았습니다.",
            "Ms. Jeon")
    out = cli("stats", "times_sold", "--format", "csv").stdout
    total = [r for r in csv.DictReader(io.StringIO(out))
             if r["row"] == ALL and r["column"] == ALL]
    assert int(total[0]["count"]) == 2
    tid = cli.add("In 2005 a broker sold me again in Yanji for 6,000 yuan.", "Ms. Ko")
    cli("consent", "withdraw", tid, "aggregate_statistics")
    out = cli("stats", "times_sold", "--format", "csv").stdout
    total = [r for r in csv.DictReader(io.StringIO(out))
             if r["row"] == ALL and r["column"] == ALL]
    assert int(total[0]["count"]) == 2  # the third withdrew: she is not counted
