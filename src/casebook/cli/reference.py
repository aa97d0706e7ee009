"""Render the CLI reference (docs/cli-reference.md) from the commands' own help.

    python -m casebook.cli.reference > docs/cli-reference.md
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from typer.main import get_command
from typer.testing import CliRunner


def command_paths(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command and sub-command, depth first, by name."""
    if not getattr(command, "hidden", False):
        yield path
    for name in sorted(getattr(command, "commands", {}) or {}):
        yield from command_paths(command.commands[name], (*path, name))


def render() -> str:
    from casebook.cli.main import app

    os.environ["COLUMNS"] = "100"
    os.environ["NO_COLOR"] = "1"
    runner = CliRunner()
    out = ["# CLI reference", "",
           "Generated from the commands' own `--help` by `python -m casebook.cli.reference`; "
           "a test fails when it is out of date.", ""]
    for path in command_paths(get_command(app)):
        result = runner.invoke(app, [*path, "--help"], prog_name="casebook", color=False,
                               env={"LANGUAGE": "en"})  # the reference is in English
        text = "\n".join(line.rstrip() for line in result.output.strip().splitlines())
        out += [f"## casebook {' '.join(path)}".rstrip(), "", "```text", text, "```", ""]
    return "\n".join(out)


if __name__ == "__main__":
    print(render(), end="")
