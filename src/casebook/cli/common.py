"""What every command shares: where the casebook is, how it is unlocked, how output looks."""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from casebook.cli.i18n import N_
from casebook.cli.i18n import gettext as _
from casebook.errors import InvalidInput, WrongPassphrase
from casebook.store import Casebook, is_postgres

console = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[str | None, typer.Option(
    "--db", envvar="CASEBOOK_DB",
    help="Casebook file (SQLCipher) or postgresql:// URL. Default: $CASEBOOK_DB.")]
PassphraseFileOption = Annotated[Path | None, typer.Option(
    "--passphrase-file", envvar="CASEBOOK_PASSPHRASE_FILE",
    help="Read the passphrase from this file (first line). "
         "Otherwise $CASEBOOK_PASSPHRASE or a prompt.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
ForceOption = Annotated[bool, typer.Option(
    "--force", help="Replace an existing output file (never the casebook or its key).")]


def styled(style: str, text: str) -> str:
    """``text`` in a Rich style (a translated word stays outside the f-string, where the
    catalogue builder can find it)."""
    return f"[{style}]{text}[/]"


def require_db(db: str | None) -> str:
    if not db:
        raise InvalidInput(_("no casebook given: use --db PATH or set CASEBOOK_DB"))
    return db


PASSPHRASE = N_("passphrase")
SECRET = N_("secret")  # cli/field.py reads its secret files with first_line too


def first_line(path: Path, what: str = PASSPHRASE) -> str:
    """The first line of a secret file; a missing or empty file is a clear error."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InvalidInput(_("{path}: cannot read {what} file ({reason})").format(
            path=path, what=_(what), reason=exc.strerror)) from None
    if not lines or not lines[0]:
        raise InvalidInput(_("{path}: the {what} file is empty").format(path=path, what=_(what)))
    return lines[0]


def passphrase(db: str, passphrase_file: Path | None, *, confirm: bool = False) -> str | None:
    """The passphrase from a file, the environment, or an interactive prompt — never from argv."""
    if is_postgres(db):
        return None
    if passphrase_file is not None:
        return first_line(passphrase_file)
    env = os.environ.get("CASEBOOK_PASSPHRASE")
    if env:
        return env
    if not sys.stdin.isatty():
        raise WrongPassphrase(_("no passphrase: set CASEBOOK_PASSPHRASE, use --passphrase-file, "
                                "or run in a terminal"))

    first = getpass.getpass(_("Casebook passphrase: "))
    if confirm and getpass.getpass(_("Repeat the passphrase: ")) != first:
        raise WrongPassphrase(_("the two passphrases differ"))
    return first


def open_casebook(db: str | None, passphrase_file: Path | None) -> Casebook:
    location = require_db(db)
    return Casebook.open(location, passphrase(location, passphrase_file))


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def export_passphrase(plaintext: bool, recipients: list[str], what: str = "export") -> str | None:
    """The passphrase an encrypted output is sealed with when no --recipient is given:
    ``$CASEBOOK_EXPORT_PASSPHRASE`` or a prompt. None for --plaintext or recipients."""
    if plaintext or recipients:
        return None
    secret = os.environ.get("CASEBOOK_EXPORT_PASSPHRASE")
    if secret:
        return secret
    if not sys.stdin.isatty():
        raise WrongPassphrase(f"an encrypted {what} needs --recipient, "
                              "CASEBOOK_EXPORT_PASSPHRASE, or a terminal to ask in "
                              "(or --plaintext, if you really mean it)")
    import getpass

    return getpass.getpass(f"Passphrase for the {what}: ")


def plaintext_warning(path: Path) -> None:
    err.print(styled("bold yellow", _("warning:")) + " "
              + _("{path} is UNENCRYPTED: anyone who gets this file can read it. Delete it as "
                  "soon as it has served its purpose.").format(path=path))
