"""``casebook demo``: build the demo casebook and show what Casebook does with it."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from casebook.cli.common import console, styled
from casebook.cli.i18n import gettext as _
from casebook.cli.web import port_free
from casebook.cli.web import serve as serve_command
from casebook.demo import DEMO_CORPUS, keep, passphrase_file_for
from casebook.store import Casebook


def demo(
    out: Annotated[Path,
                   typer.Option(help="Where to write the demo casebook.")] = Path(
                       "demo/casebook.db"),
    corpus: Annotated[Path | None, typer.Option(
        help="Folder with testimonies/ and corpus.jsonl. Default: the fictional testimonies "
             "installed with Casebook.")] = None,
    rebuild: Annotated[bool, typer.Option(
        help="Build the demo casebook anew (new passphrase) even when it exists.")] = False,
    serve: Annotated[bool,
                     typer.Option(help="Then serve it in the web app with demo logins.")] = False,
    port: Annotated[int, typer.Option(help="Port for --serve (loopback only).")] = 8000,
) -> None:
    """Build the encrypted demo casebook from the bundled fictional testimonies.

    A demo casebook already at --out is kept and opened again (with CASEBOOK_PASSPHRASE, or the
    generated passphrase kept beside it in OUT.passphrase); --rebuild builds it anew.
    Example: casebook demo --out demo.db
    """
    corpus = corpus or DEMO_CORPUS
    if serve:
        port_free("127.0.0.1", port)  # say so now, not after building the casebook
    with Progress(console=console, transient=True) as bar:
        files = len(list((corpus / "testimonies").glob("*.txt")))
        task = bar.add_task(_("building the demo casebook"), total=files)
        result = keep(out, corpus, os.environ.get("CASEBOOK_PASSPHRASE"), rebuild=rebuild,
                      progress=lambda _n: bar.advance(task))
    with Casebook.open(str(out), result.passphrase, actor="demo") as book:
        rows = book.testimonies.all()
        counts = book.count()
    table = Table(title=_("Demo casebook {path}").format(path=out), show_footer=True)
    table.add_column(_("organisation"), footer=_("all"))
    table.add_column(_("testimonies"), justify="right", footer=str(len(rows)))
    table.add_column(_("Korean"), justify="right",
                     footer=str(sum(r.language == 'ko' for r in rows)))
    table.add_column(_("English"), justify="right",
                     footer=str(sum(r.language == 'en' for r in rows)))
    table.add_column(_("facts accepted"), justify="right", footer=str(counts["facts_accepted"]))
    table.add_column(_("consent to statistics"), justify="right",
                     footer=str(sum('aggregate_statistics' in r.consent for r in rows)))
    none = _("(none)")
    by_org = Counter(r.organisation or none for r in rows)
    for org in sorted(by_org):
        mine = [r for r in rows if (r.organisation or none) == org]
        table.add_row(org, str(len(mine)), str(sum(r.language == "ko" for r in mine)),
                      str(sum(r.language == "en" for r in mine)),
                      str(sum(r.facts_accepted for r in mine)),
                      str(sum("aggregate_statistics" in r.consent for r in mine)))
    console.print(table)
    if result.synthetic_persons:
        console.print(_("Of these, {records} records are a synthetic cohort of {persons} "
                        "fictional persons (pseudonyms 'S-0001 (synthetic · 합성)'), generated "
                        "from the figures of the seed reports so that statistics, estimates and "
                        "linkage have something to show (docs/demo-corpus.md). The 40 written "
                        "testimonies are the rest.").format(records=result.synthetic_records,
                                                            persons=result.synthetic_persons))
    for _name, reason in result.imported.failed:
        console.print(styled("red", _("skipped")) + f" {escape(reason)}")
    for query, hits in result.searches.items():
        console.print(f"\n[bold]casebook search {query}[/] — "
                      + _("{n} shown").format(n=len(hits)))
        for h in hits:
            snippet = h.snippet.replace("[", r"\[").replace("⟦", "[bold yellow]").replace(
                "⟧", "[/]")
            console.print(f"  [cyan]#{h.testimony_id}[/] {h.pseudonym} ({h.language}): {snippet}")
    with Casebook.open(str(out), result.passphrase, actor="demo") as book:
        from casebook.cli.case_output import print_demo_cases

        print_demo_cases(book)
    kept = passphrase_file_for(out)
    console.print("\n" + (_("Demo casebook (kept from the last run; --rebuild builds it anew): "
                            "{path}") if result.reused else _("Demo casebook: {path}"))
                  .format(path=f"[bold]{out}[/]") + " " + _("(key file {path})").format(
                      path=f"{out}.key"))
    if result.generated_passphrase:
        console.print(_("Passphrase (generated): {secret}. Kept in {path} for the next run: the "
                        "demo is fictional; never keep a real casebook's passphrase beside it.")
                      .format(secret=f"[bold]{result.passphrase}[/]", path=kept))
    elif result.reused and kept.is_file() and not os.environ.get("CASEBOOK_PASSPHRASE"):
        console.print(_("Passphrase: in {path}").format(path=kept))
    else:
        console.print(_("Passphrase: the value of CASEBOOK_PASSPHRASE"))
    env = f"CASEBOOK_DB={shlex.quote(str(out))}"
    if kept.is_file() and not os.environ.get("CASEBOOK_PASSPHRASE"):
        env += f" CASEBOOK_PASSPHRASE_FILE={shlex.quote(str(kept))}"
    console.print(_("Try: {command}").format(command=f"{env} {program()} list"), markup=False,
                  soft_wrap=True)
    if program() != "casebook" and Path("Makefile").is_file():
        console.print(_("Or: make shell (casebook on the PATH, opened on the demo casebook)"))
    if serve:
        _serve(out, result.passphrase, port)


def program() -> str:
    """How to call this very ``casebook`` from here: its name when the PATH finds it, else its
    path (a virtual environment that is not activated)."""
    running = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    found = shutil.which("casebook")
    if running is None or running.name != "casebook" or (
            found is not None and Path(found).resolve() == running):
        return "casebook"
    try:
        return str(running.relative_to(Path.cwd()))
    except ValueError:
        return str(running)


def _serve(out: Path, passphrase: str, port: int) -> None:
    """Create demo logins, print them, and serve the demo casebook on loopback."""
    from casebook.web import seed_demo_users

    with Casebook.open(str(out), passphrase, actor="demo") as book:
        logins = seed_demo_users(book)
    table = Table(title=_("Demo logins (fictional data; passwords are new each run)"))
    for column in (_("user"), _("password"), _("role")):
        table.add_column(column)
    for username, password, role in logins:
        table.add_row(username, password, role)
    console.print(table)
    os.environ["CASEBOOK_PASSPHRASE"] = passphrase  # this process only, for the server to open it
    serve_command(port=port, db=str(out), passphrase_file=None)


def register(app: typer.Typer) -> None:
    app.command()(demo)
