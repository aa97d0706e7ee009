"""Entry point of the ``casebook`` command: builds the Typer app and turns errors into one line.

Each area of the program keeps its commands in its own module under ``casebook.cli`` and
exposes ``register(app)``; the list below is the whole command surface.

Whatever goes wrong, the user sees one line and an exit code that says who must act
(``casebook.errors``): 1 input, 2 usage/passphrase, 3 policy, 4 storage, 70 a bug. No
traceback is printed: a traceback's messages can carry SQL parameters or testimony text.

Commands import their area (estimation, linkage, publishing, the web app) inside the command
function, on purpose: those pull in scipy, splink/DuckDB, OpenDP, WeasyPrint and FastAPI, seconds
each on a field laptop, and ``casebook --help`` or ``casebook list`` must not wait for them.
Everywhere else, imports are at the top of the module.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from casebook.cli.i18n import (
    LANGUAGES,
    N_,
    error_text,
    language_from_args,
    language_from_env,
    localise,
    speaking,
)
from casebook.cli.i18n import gettext as _
from casebook.errors import INTERNAL_EXIT, BadArgument, CasebookError
from casebook.hardening import no_core_dumps

COMMAND_MODULES = [
    "casebook.cli.records",
    "casebook.cli.demo",
    "casebook.cli.review",
    "casebook.cli.estimate",
    "casebook.cli.publish",
    "casebook.cli.link",
    "casebook.cli.field",
    "casebook.cli.case",
    "casebook.cli.extract",
    "casebook.cli.web",
    "casebook.cli.interop",
]


class LocalisedGroup(TyperGroup):
    """The command tree, in the language of this run (``--lang``, else the locale)."""

    def main(self, args: Sequence[str] | None = None, *pargs: Any, **kwargs: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        with speaking(language_from_args(argv) or language_from_env()):
            localise(self)
            return super().main(argv, *pargs, **kwargs)


app = typer.Typer(
    name="casebook",
    cls=LocalisedGroup,
    help="Casebook: encrypted testimonies, structured records, statistics and estimates.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


@app.callback()
def _options(
    lang: Annotated[str | None, typer.Option(
        "--lang", help="Language of messages and help: ko or en. Default: from the locale "
                       "(LANG).")] = None,
) -> None:
    """Casebook: encrypted testimonies, structured records, statistics and estimates."""
    if lang is not None and lang not in LANGUAGES:
        raise BadArgument(_("--lang: {value} is not a language of Casebook; use ko or en")
                          .format(value=lang))


for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(app)

err_console = Console(stderr=True, soft_wrap=True)


ERROR = N_("error:")


def _one_line(message: str) -> None:
    err_console.print(f"[bold red]{_(ERROR)}[/] {message}", highlight=False, soft_wrap=True,
                      markup=True)


def main() -> None:
    """Run the CLI; any failure becomes one red line and the exit code of its class."""
    no_core_dumps()
    command = _command_name(sys.argv[1:])
    with speaking(language_from_args(sys.argv[1:]) or language_from_env()):
        _run(command)


def _run(command: str) -> None:
    from casebook.store import translate, where_it_broke

    try:
        app()
    except CasebookError as exc:
        _one_line(_escape(error_text(str(exc))))
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _one_line(_("interrupted; what was stored before is kept"))
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the one place every other failure ends
        known = translate(exc, command)
        if known is not None:
            _one_line(_escape(str(known)))
            sys.exit(known.exit_code)
        _one_line(_("internal error in `{command}` ({where}); nothing of the records is shown. "
                    "Report this line; the casebook itself is unchanged unless the command said "
                    "otherwise.").format(command=command, where=where_it_broke(exc)))
        sys.exit(INTERNAL_EXIT)


def _command_name(args: list[str]) -> str:
    """``casebook import`` or ``casebook consent withdraw``: only names of real commands,
    never an argument (which could be search words or a name)."""
    group = typer.main.get_command(app)
    words = ["casebook"]
    for arg in args:
        if arg.startswith("-"):
            continue
        sub = getattr(group, "commands", {}).get(arg)
        if sub is None:
            break
        words.append(arg)
        group = sub
    return " ".join(words)


def _escape(text: str) -> str:
    return text.replace("[", r"\[")


if __name__ == "__main__":
    main()
