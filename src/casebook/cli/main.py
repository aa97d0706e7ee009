"""Entry point of the ``casebook`` command: builds the Typer app and turns errors into one line.

Each area of the program keeps its commands in its own module under ``casebook.cli`` and
exposes ``register(app)``; the list below is the whole command surface.

Commands import their area (estimation, linkage, publishing, the web app) inside the command
function, on purpose: those pull in scipy, splink/DuckDB, OpenDP, WeasyPrint and FastAPI, seconds
each on a field laptop, and ``casebook --help`` or ``casebook list`` must not wait for them.
Everywhere else, imports are at the top of the module.
"""

from __future__ import annotations

import importlib
import sys

import typer
from rich.console import Console

from casebook.errors import CasebookError

COMMAND_MODULES = [
    "casebook.cli.records",
    "casebook.cli.demo",
    "casebook.cli.review",
    "casebook.cli.estimate",
    "casebook.cli.publish",
    "casebook.cli.link",
    "casebook.cli.field",
    "casebook.cli.extract",
    "casebook.cli.web",
]

app = typer.Typer(
    name="casebook",
    help="Casebook: encrypted testimonies, structured records, statistics and estimates.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(app)

err_console = Console(stderr=True)


def main() -> None:
    """Run the CLI; a ``CasebookError`` becomes one red line and its exit code."""
    try:
        app()
    except CasebookError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
