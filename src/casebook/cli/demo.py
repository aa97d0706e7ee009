"""``casebook demo``: build the demo casebook and show what Casebook does with it."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress
from rich.table import Table

from casebook.cli.common import console
from casebook.cli.web import serve as serve_command
from casebook.demo import build
from casebook.store import Casebook


def demo(
    out: Annotated[Path,
                   typer.Option(help="Where to write the demo casebook.")] = Path(
                       "demo/casebook.db"),
    corpus: Annotated[Path,
                      typer.Option(help="Folder with testimonies/ and corpus.jsonl.")] = Path(
                          "demo"),
    serve: Annotated[bool,
                     typer.Option(help="Then serve it in the web app with demo logins.")] = False,
    port: Annotated[int, typer.Option(help="Port for --serve (loopback only).")] = 8000,
) -> None:
    """Build the encrypted demo casebook from the bundled fictional testimonies.

    The passphrase is $CASEBOOK_PASSPHRASE when set, else a new one is generated and printed.
    Example: CASEBOOK_PASSPHRASE=demo casebook demo
    """

    with Progress(console=console, transient=True) as bar:
        files = len(list((corpus / "testimonies").glob("*.txt")))
        task = bar.add_task("building the demo casebook", total=files)
        result = build(out, corpus, os.environ.get("CASEBOOK_PASSPHRASE"),
                       progress=lambda _n: bar.advance(task))
    with Casebook.open(str(out), result.passphrase, actor="demo") as book:
        rows = book.testimonies.all()
        counts = book.count()
    table = Table(title=f"Demo casebook {out}", show_footer=True)
    table.add_column("organisation", footer="all")
    table.add_column("testimonies", justify="right", footer=str(len(rows)))
    table.add_column("Korean", justify="right", footer=str(sum(r.language == 'ko' for r in rows)))
    table.add_column("English", justify="right", footer=str(sum(r.language == 'en' for r in rows)))
    table.add_column("facts accepted", justify="right", footer=str(counts["facts_accepted"]))
    table.add_column("consent to statistics", justify="right",
                     footer=str(sum('aggregate_statistics' in r.consent for r in rows)))
    by_org = Counter(r.organisation or "(none)" for r in rows)
    for org in sorted(by_org):
        mine = [r for r in rows if (r.organisation or "(none)") == org]
        table.add_row(org, str(len(mine)), str(sum(r.language == "ko" for r in mine)),
                      str(sum(r.language == "en" for r in mine)),
                      str(sum(r.facts_accepted for r in mine)),
                      str(sum("aggregate_statistics" in r.consent for r in mine)))
    console.print(table)
    if result.imported.failed:
        for _name, reason in result.imported.failed:
            console.print(f"[red]skipped[/] {reason}")
    for query, hits in result.searches.items():
        console.print(f"\n[bold]casebook search {query}[/] — {len(hits)} shown")
        for h in hits:
            snippet = h.snippet.replace("[", r"\[").replace("⟦", "[bold yellow]").replace("⟧",
                                                                                          "[/]")
            console.print(f"  [cyan]#{h.testimony_id}[/] {h.pseudonym} ({h.language}): {snippet}")
    with Casebook.open(str(out), result.passphrase, actor="demo") as book:
        from casebook.cli.case_output import print_demo_cases

        print_demo_cases(book)
    console.print(f"\nDemo casebook: [bold]{out}[/] (key file {out}.key)")
    if result.generated_passphrase:
        console.print(f"Passphrase (generated, shown once): [bold]{result.passphrase}[/]")
    else:
        console.print("Passphrase: the value of CASEBOOK_PASSPHRASE")
    console.print(f"Try: CASEBOOK_DB={out} casebook list")
    if serve:
        _serve(out, result.passphrase, port)


def _serve(out: Path, passphrase: str, port: int) -> None:
    """Create demo logins, print them, and serve the demo casebook on loopback."""
    from casebook.web import seed_demo_users

    with Casebook.open(str(out), passphrase, actor="demo") as book:
        logins = seed_demo_users(book)
    table = Table(title="Demo logins (fictional data; passwords are new each run)")
    for column in ("user", "password", "role"):
        table.add_column(column)
    for username, password, role in logins:
        table.add_row(username, password, role)
    console.print(table)
    os.environ["CASEBOOK_PASSPHRASE"] = passphrase  # this process only, for the server to open it
    serve_command(port=port, db=str(out), passphrase_file=None)


def register(app: typer.Typer) -> None:
    app.command()(demo)
