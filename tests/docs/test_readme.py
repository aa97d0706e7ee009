"""The README's demo commands work as printed in `make shell` after `make demo`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")
# These wait for a person (review, link review) or serve until stopped; the tests of their own
# commands cover them.
INTERACTIVE = ("casebook review", "casebook link review", "casebook serve")


def _demo_block() -> list[str]:
    block = next(b for b in re.findall(r"```sh\n(.*?)```", README, re.S)
                 if b.startswith("make shell"))
    return [line.split("  #")[0].strip() for line in block.splitlines()
            if line.startswith("casebook")]


def test_make_shell_sets_what_the_readme_says():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    shell = makefile.split("\nshell:", 1)[1].split("\n\n", 1)[0]
    assert '$(CURDIR)/$(BIN):$$PATH' in shell  # casebook on the PATH
    assert 'CASEBOOK_DB="$(DEMO_DB)"' in shell
    assert 'CASEBOOK_PASSPHRASE_FILE="$(DEMO_DB).passphrase"' in shell
    assert "DEMO_DB ?= demo/casebook.db" in makefile


@pytest.mark.slow
def test_readme_demo_commands_work_as_printed(tmp_path):
    bin_dir = Path(sys.executable).parent
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEBOOK_")}
    env.update({"PATH": f"{bin_dir}:{env.get('PATH', '')}", "CASEBOOK_FAST_KDF": "1",
                "LANG": "C.UTF-8", "LANGUAGE": "", "COLUMNS": "200"})
    built = subprocess.run(["casebook", "demo", "--out", "demo/casebook.db"], cwd=tmp_path,
                           env=env, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    env.update({"CASEBOOK_DB": "demo/casebook.db",  # what `make shell` sets
                "CASEBOOK_PASSPHRASE_FILE": "demo/casebook.db.passphrase"})
    commands = [c for c in _demo_block() if not c.startswith(INTERACTIVE)]
    assert len(commands) >= 8
    for command in commands:
        done = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{command}: {done.stderr}"
        assert done.stdout.strip() or (tmp_path / "report.html").exists(), command
    assert (tmp_path / "report.pdf").exists()
