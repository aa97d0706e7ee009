"""``casebook serve`` and ``casebook user``: the web application and its accounts."""

from __future__ import annotations

import errno
import getpass
import os
import socket
import sys
from typing import Annotated, Any

import typer
from rich.table import Table

from casebook.cli.common import (
    DbOption,
    JsonOption,
    PassphraseFileOption,
    console,
    open_casebook,
    print_json,
    require_db,
)
from casebook.cli.common import passphrase as read_passphrase
from casebook.cli.i18n import gettext as _
from casebook.errors import InvalidInput
from casebook.store import Casebook

# How long an idle keep-alive connection stays open. uvicorn's default (5 s) is shorter than
# what clients assume (browsers keep idle connections for a minute or more; httpx 5 s): a
# client that reuses a connection just as the server closes it gets a reset on a request the
# server never read. Measured under load in tests/reliability/test_load.py (docs/reliability.md).
KEEP_ALIVE_SECONDS = 75

user_app = typer.Typer(help="Organisations, users and roles of the web application.",
                       no_args_is_help=True)


def serve(
    host: Annotated[str,
                    typer.Option(
                        help="Address to bind. Loopback unless you mean it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    idle_minutes: Annotated[int,
                            typer.Option(help="Log users out after this much inactivity.")] = 30,
    https: Annotated[bool, typer.Option(help="Behind TLS: Secure cookies and HSTS.")] = False,
    workers: Annotated[int, typer.Option(
        min=1, help="Worker processes (about one per CPU core); each opens the casebook.")] = 1,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Serve the web application on the casebook (SQLCipher file or PostgreSQL).

    Example: CASEBOOK_DB=team.db casebook serve --port 8000 --workers 2
    """
    import uvicorn

    from casebook.web import create_app
    from casebook.web.app import prepare_secrets

    location = require_db(db)
    port_free(host, port)
    secret_words = read_passphrase(location, passphrase_file)
    book = Casebook.open(location, secret_words, actor="web")
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print(f"[yellow]warning:[/] serving on {host}: other machines can reach this "
                      "casebook. Put it behind TLS (--https) and a firewall.")
    if book.users.count() == 0:
        console.print("[yellow]No users yet:[/] create one with `casebook user add`.")
    prepare_secrets(book)
    console.print(f"Casebook at [bold]http://{host}:{port}/[/] (Ctrl-C to stop)")
    # access_log off: request paths (search words) must not reach logs in plaintext.
    options: dict[str, Any] = dict(host=host, port=port, access_log=False, log_level="warning",
                                   server_header=False, timeout_keep_alive=KEEP_ALIVE_SECONDS)
    if workers == 1:
        uvicorn.run(create_app(book, idle_minutes=idle_minutes, https=https), **options)
        return
    book.close()
    # Workers are new processes that open the casebook themselves (casebook.web.app.
    # app_from_environment); they inherit this process's environment, in memory only.
    os.environ["CASEBOOK_DB"] = location
    if secret_words and passphrase_file is None:
        os.environ["CASEBOOK_PASSPHRASE"] = secret_words
    elif passphrase_file is not None:
        os.environ["CASEBOOK_PASSPHRASE_FILE"] = str(passphrase_file)
    os.environ["CASEBOOK_WEB_IDLE_MINUTES"] = str(idle_minutes)
    os.environ["CASEBOOK_WEB_HTTPS"] = "1" if https else "0"
    uvicorn.run("casebook.web.app:app_from_environment", factory=True, workers=workers,
                **options)


def port_free(host: str, port: int) -> None:
    """Refuse, in the user's language and before the casebook is opened, a port another server
    holds (a second `make demo`, an earlier `casebook serve` still running)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # as the web server binds: a server just stopped leaves connections in TIME_WAIT, which
        # do not hold the port; a listening server does
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
            raise InvalidInput(_("port {port} is already in use (is Casebook already running?): "
                                 "stop the other server, or choose another port with --port "
                                 "(make demo PORT=8001)").format(port=port)) from None


def _password(from_env: str | None) -> str:
    if from_env:
        value = os.environ.get(from_env)
        if not value:
            raise InvalidInput(f"${from_env} is empty")
        return value
    if not sys.stdin.isatty():
        raise InvalidInput("no password: use --password-env VAR or run in a terminal")
    first = getpass.getpass("Password for the new user: ")
    if getpass.getpass("Repeat it: ") != first:
        raise InvalidInput("the two passwords differ")
    return first


@user_app.command("add")
def user_add(
    username: Annotated[str, typer.Argument(help="Login name (no spaces).")],
    organisation: Annotated[str, typer.Option(help="Organisation (created if new).")],
    role: Annotated[str, typer.Option(help="documenter, reviewer, analyst or admin.")],
    display_name: Annotated[str | None, typer.Option(help="Name shown in the interface.")] = None,
    narratives: Annotated[bool,
                          typer.Option(help="Analysts only: may read testimony texts.")] = False,
    totp: Annotated[bool, typer.Option(help="Turn on TOTP two-factor and print the key.")] = False,
    password_env: Annotated[str | None, typer.Option(
        help="Read the password from this environment variable (else a prompt).")] = None,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None, json_out: JsonOption = False,
) -> None:
    """Add a user (and the organisation if it is new).

    Example: casebook user add mina --organisation "Hanul Documentation Centre" --role reviewer
    """

    password = _password(password_env)
    secret = None
    if totp:
        import pyotp

        secret = pyotp.random_base32()
    with open_casebook(db, passphrase_file) as book:
        user = book.users.add(username, password, organisation, role, display_name, narratives,
                               secret, create_organisation=True)
    if json_out:
        print_json({**user.to_dict(), **({"totp_secret": secret} if secret else {})})
        return
    console.print(f"Added [bold]{user.username}[/] ({user.role}) to {user.organisation}.")
    if secret:
        console.print(f"TOTP key (add it to an authenticator app, shown once): [bold]{secret}[/]")


@user_app.command("list")
def user_list(db: DbOption = None, passphrase_file: PassphraseFileOption = None,
              json_out: JsonOption = False) -> None:
    """List organisations, users and roles."""

    with open_casebook(db, passphrase_file) as book:
        users = book.users.all()
    if json_out:
        print_json([u.to_dict() for u in users])
        return
    table = Table(title="Casebook users")
    for col in ("user", "organisation", "role", "two-factor", "status"):
        table.add_column(col)
    for u in users:
        status = "active" if u.active else "deactivated"
        if u.to_dict()["locked"]:
            status += ", locked"
        table.add_row(u.username, u.organisation, u.role + (" (+narratives)" if
                      u.can_read_narratives and u.role == "analyst" else ""),
                      "yes" if u.totp_enabled else "no", status)
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.add_typer(user_app, name="user")
