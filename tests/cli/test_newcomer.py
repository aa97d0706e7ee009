"""A newcomer's first commands: `casebook init PATH`, `casebook demo` anywhere and kept between
runs, labels instead of Python reprs in the review panel, one spelling for periods."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casebook.cli.i18n import speaking
from casebook.cli.labels import describe, value_label
from casebook.cli.main import app
from casebook.errors import BadArgument, InvalidInput
from casebook.model import Event, Fact, Involvement
from casebook.publish.variables import by_variable

ENGLISH = {"LANG": "C.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}


def test_init_takes_the_casebook_as_an_argument(tmp_path):
    target = tmp_path / "team.db"
    result = CliRunner().invoke(app, ["init", str(target)],
                                env={**ENGLISH, "CASEBOOK_PASSPHRASE": "correct horse",
                                     "CASEBOOK_DB": ""})
    assert result.exit_code == 0, result.output
    assert target.exists() and Path(f"{target}.key").exists()


def test_init_refuses_two_different_casebooks(tmp_path):
    result = CliRunner().invoke(app, ["init", str(tmp_path / "a.db"), "--db",
                                      str(tmp_path / "b.db")],
                                env={**ENGLISH, "CASEBOOK_PASSPHRASE": "x" * 12})
    assert isinstance(result.exception, BadArgument)
    assert not (tmp_path / "a.db").exists() and not (tmp_path / "b.db").exists()


def test_init_path_wins_over_the_environment(tmp_path):
    result = CliRunner().invoke(app, ["init", str(tmp_path / "mine.db")],
                                env={**ENGLISH, "CASEBOOK_PASSPHRASE": "x" * 12,
                                     "CASEBOOK_DB": str(tmp_path / "theirs.db")})
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mine.db").exists() and not (tmp_path / "theirs.db").exists()


def test_by_period_points_at_the_one_period_option():
    with pytest.raises(InvalidInput, match=r"--period 5"):
        by_variable("period")
    with pytest.raises(InvalidInput) as unknown:
        by_variable("colour")
    assert "or period" not in str(unknown.value)  # no longer suggests what it then refuses


def test_review_panel_shows_labels_not_reprs():
    event = Event(type="recruitment", place_text="Musan",
                  involvements=[Involvement(role="perpetrator", perpetrator_role="recruiter",
                                            who="a neighbour")],
                  attributes={"method": ["abducted", "deception_job_offer"],
                              "places": ("kp-hamgyong-bukdo-musan",), "denied": True})
    line = describe(event)
    assert "[Recruiter: a neighbour]" in line
    for repr_mark in ("[", "'", "(", "True"):
        assert repr_mark not in line.replace("[Recruiter: a neighbour]", ""), line
    assert "abducted" not in line  # the code, shown as its label
    assert "Musan" in line
    with speaking("ko"):
        korean = describe(event)
        assert "예" in korean and "모집책" in korean
    assert describe(Fact(field="birth_year", value=1979)) == "birth year: 1979"
    assert value_label("origin_nk", "kp-hamgyong-bukdo-musan") != "kp-hamgyong-bukdo-musan"


def _demo(cwd: Path, *args: str, env: dict[str, str] | None = None):
    full = {k: v for k, v in os.environ.items()
            if k not in ("CASEBOOK_PASSPHRASE", "CASEBOOK_DB")}
    full.update(ENGLISH)
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "casebook.cli.main", "demo", *args], cwd=cwd,
                          env=full, capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_demo_from_an_empty_directory_then_kept_then_rebuilt(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    first = _demo(empty, "--out", "X")
    assert first.returncode == 0, first.stderr
    assert "Passphrase (generated)" in first.stdout
    kept = empty / "X.passphrase"
    assert kept.stat().st_mode & 0o077 == 0  # only its owner can read it
    secret, key = kept.read_text(), (empty / "X.key").read_bytes()
    assert "40" in first.stdout  # the forty bundled testimonies

    again = _demo(empty, "--out", "X")
    assert again.returncode == 0, again.stderr
    assert "kept from the last run" in again.stdout
    assert kept.read_text() == secret and (empty / "X.key").read_bytes() == key

    rebuilt = _demo(empty, "--out", "X", "--rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert kept.read_text() != secret


def test_demo_without_its_passphrase_says_what_to_do(tmp_path):
    (tmp_path / "X").write_bytes(b"not a casebook")
    result = _demo(tmp_path, "--out", "X")
    assert result.returncode == 1
    assert "--rebuild" in result.stderr and "CASEBOOK_PASSPHRASE" in result.stderr
    assert (tmp_path / "X").read_bytes() == b"not a casebook"  # nothing replaced unasked
