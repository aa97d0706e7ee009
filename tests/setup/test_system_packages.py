"""The README's two commands set everything up: the Debian-package step of the Makefile."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "debian-packages.sh"
TOOLS = ("sh", "awk", "dpkg-query", "id", "dirname", "cat")


def _run(tmp_path: Path, listing: str, *groups: str) -> subprocess.CompletedProcess[str]:
    """The script on a package list of our own, as a user who is not root and has no sudo."""
    if os.geteuid() == 0:  # pytest's tmp_path is private to root; `nobody` must read this one
        tmp_path = Path(tempfile.mkdtemp(prefix="casebook-deps-"))
        tmp_path.chmod(0o755)
    packages = tmp_path / "packages.txt"
    packages.write_text(listing, encoding="utf-8")
    bin_dir = tmp_path / "bin"  # the tools the script needs, and no sudo
    bin_dir.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        assert found, tool
        (bin_dir / tool).symlink_to(found)
    env = {"PATH": str(bin_dir), "DEBIAN_PACKAGES": str(packages)}
    command = [str(SCRIPT), *groups]
    if os.geteuid() == 0:
        runuser = shutil.which("runuser") or "runuser"
        command = [runuser, "-u", "nobody", "--", "/usr/bin/env", f"PATH={bin_dir}",
                   f"DEBIAN_PACKAGES={packages}", *command]
    try:
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60,
                              stdin=subprocess.DEVNULL)
    finally:
        if os.geteuid() == 0:
            shutil.rmtree(tmp_path)


pytestmark = pytest.mark.skipif(shutil.which("dpkg-query") is None,
                                reason="not a Debian system: no dpkg-query")

LISTING = """# [run] set-up
dpkg
casebook-no-such-package-a
# [test] tests
casebook-no-such-package-b
"""


def test_missing_packages_without_root_say_the_exact_command_and_fail(tmp_path):
    done = _run(tmp_path, LISTING, "run", "test")
    assert done.returncode == 1
    assert ("sudo apt-get update && sudo apt-get install -y casebook-no-such-package-a "
            "casebook-no-such-package-b") in done.stderr
    assert " dpkg" not in done.stderr.split("install -y")[1]  # installed ones are not asked for


def test_a_group_asks_only_for_its_own_packages(tmp_path):
    done = _run(tmp_path, LISTING, "run")
    assert done.returncode == 1
    assert "casebook-no-such-package-a" in done.stderr
    assert "casebook-no-such-package-b" not in done.stderr


def test_nothing_missing_prints_nothing(tmp_path):
    done = _run(tmp_path, "# [run] x\ndpkg\n# [test] y\ncasebook-no-such-package-b\n", "run")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_the_repository_list_has_both_groups_and_known_package_names():
    text = (REPO / "debian-packages.txt").read_text(encoding="utf-8")
    groups = re.findall(r"^# \[([a-z]+)\]", text, re.MULTILINE)
    assert groups == ["run", "test"]
    names = [line.split()[0] for line in text.splitlines() if line and not line.startswith("#")]
    assert "python3-venv" in names and "postgresql" in names
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9.+-]+", n) for n in names)


def test_ci_runs_exactly_the_readme_test_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    test_line = next(line for line in first_block.splitlines() if line.startswith("make test"))
    command = test_line.split("#")[0].strip()
    assert command == "make test"
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in ci.splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert command in commands
    assert not any("apt-get" in line for line in commands)  # the Makefile does it, not CI
