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


def require_db(db: str | None) -> str:
    if not db:
        raise InvalidInput("no casebook given: use --db PATH or set CASEBOOK_DB")
    return db


def first_line(path: Path, what: str = "passphrase") -> str:
    """The first line of a secret file; a missing or empty file is a clear error."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read {what} file ({exc.strerror})") from None
    if not lines or not lines[0]:
        raise InvalidInput(f"{path}: the {what} file is empty")
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
        raise WrongPassphrase(
            "no passphrase: set CASEBOOK_PASSPHRASE, use --passphrase-file, or run in a terminal")

    first = getpass.getpass("Casebook passphrase: ")
    if confirm and getpass.getpass("Repeat the passphrase: ") != first:
        raise WrongPassphrase("the two passphrases differ")
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
    err.print(f"[bold yellow]warning:[/] {path} is UNENCRYPTED: anyone who gets this file can "
              "read it. Delete it as soon as it has served its purpose.")
