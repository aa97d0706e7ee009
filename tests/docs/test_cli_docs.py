"""docs/cli.md is a session that must work as written, and every command must be documented."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "cli.md"


def _session() -> list[tuple[str, list[str]]]:
    block = re.search(r"```console\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif line.startswith("# shows: "):
            steps[-1][1].append(line[len("# shows: "):])
    return steps


def test_cli_session_in_docs_runs(tmp_path):
    shutil.copytree(REPO / "demo" / "testimonies", tmp_path / "testimonies")
    env = {**os.environ, "CASEBOOK_FAST_KDF": "1", "COLUMNS": "200"}
    steps = _session()
    assert len(steps) >= 10
    for command, expected in steps:
        words = shlex.split(command)
        if words[0] == "export":
            for assignment in words[1:]:
                key, value = assignment.split("=", 1)
                env[key] = value
            continue
        assert words[0] == "casebook", command
        result = subprocess.run([sys.executable, "-m", "casebook.cli.main", *words[1:]],
                                cwd=tmp_path, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"{command}\n{result.stderr}"
        for text in expected:
            assert text in result.stdout + result.stderr, f"{command}: expected {text!r}"


def test_cli_reference_is_current():
    from casebook.cli.reference import render

    reference = REPO / "docs" / "cli-reference.md"
    assert reference.read_text(encoding="utf-8") == render(), (
        "docs/cli-reference.md is out of date: "
        "run `.venv/bin/python -m casebook.cli.reference > docs/cli-reference.md`")
