"""``casebook review``: accept, correct or reject the facts proposed for a testimony."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.panel import Panel
from rich.text import Text

from casebook.cli.common import (
    DbOption,
    JsonOption,
    PassphraseFileOption,
    console,
    open_casebook,
    print_json,
)
from casebook.corrections import context, parse_edit
from casebook.errors import InvalidInput
from casebook.model import ACCEPTED, REJECTED, SUGGESTED, Event, Fact
from casebook.store import Casebook


def _describe(item) -> str:
    if isinstance(item, Event):
        parts = [item.type.replace("_", " ")]
        if item.date:
            parts.append(item.date.label())
        if item.place_text:
            parts.append(f"in {item.place_text}")
        if item.amount:
            usd = f" (≈ ${item.amount.usd:,.0f})" if item.amount.usd else ""
            parts.append(f"for {item.amount.value:,g} {item.amount.currency}{usd}")
        for inv in item.involvements:
            if inv.role != "victim":
                parts.append(f"[{inv.perpetrator_role or inv.role}: {inv.who or inv.group or '?'}]")
        for key, value in item.attributes.items():
            parts.append(f"{key}={value}")
        return " ".join(parts)
    return f"{item.field} = {item.value}"


def review(
    testimony_id: Annotated[int, typer.Argument(help="Testimony id (see `casebook list`).")],
    accept_all: Annotated[bool,
                          typer.Option(help="Accept every suggested fact without asking.")] = False,
    accept: Annotated[list[int], typer.Option(help="Accept this fact id (repeatable).")] = [],
    reject: Annotated[list[int], typer.Option(help="Reject this fact id (repeatable).")] = [],
    db: DbOption = None, passphrase_file: PassphraseFileOption = None, json_out: JsonOption = False,
) -> None:
    """Walk through a testimony's suggested facts and accept, edit or reject each one.

    At each fact, type a (accept), e (edit, then key=value pairs), r (reject), s (skip) or q (quit).

    Only accepted facts feed statistics and reports. With --json, prints the suggested facts
    and their supporting words instead of asking.
    Example: casebook review 3    ·    casebook review 3 --accept 17 --reject 18
    """
    with open_casebook(db, passphrase_file) as book:
        testimony = book.testimonies.get(testimony_id, purpose="review")
        record = book.facts.record(testimony_id, [SUGGESTED])
        items: list[Fact | Event] = [*record.facts, *record.events]
        if json_out:
            print_json([{**i.to_dict(), "id": i.id, "kind": "event" if isinstance(i, Event)
                         else "person",
                         "words": context(testimony.text, i.evidence)[1]} for i in items])
        elif accept or reject or accept_all:
            _decide(book, testimony_id, items, accept, reject, accept_all)
        elif not items:
            console.print(f"Testimony {testimony_id} has no facts waiting for review.")
        else:
            _walk(book, testimony.text, items)


def _decide(book: Casebook, testimony_id: int, items: list[Fact | Event], accept: list[int],
            reject: list[int], accept_all: bool) -> None:
    """--accept / --reject / --accept-all: every id checked before anything changes."""
    ids = {i.id for i in items if i.id is not None}  # stored facts always have ids
    for fid in [*accept, *reject]:
        if fid not in ids:
            raise InvalidInput(f"fact {fid}: not a suggested fact of testimony {testimony_id}")
    for fid in (ids if accept_all else accept):
        book.facts.set_status(fid, ACCEPTED)
    for fid in reject:
        book.facts.set_status(fid, REJECTED)
    console.print(f"Accepted {len(ids) if accept_all else len(accept)}, rejected {len(reject)}.")


def _walk(book: Casebook, text: str, items: list[Fact | Event]) -> None:
    """Show each fact with its words and ask: accept, edit, reject, skip or quit."""
    done = {"a": 0, "e": 0, "r": 0, "s": 0}
    for n, item in enumerate(items, start=1):
        assert item.id is not None  # a fact read from the store has its id
        before, words, after = context(text, item.evidence)
        quote = Text("…" + before + " ")
        quote.append(words or "(no supporting words)", style="bold yellow" if words else "dim")
        quote.append(" " + after + "…")
        title = f"{n}/{len(items)} · fact {item.id} · confidence {item.confidence:.2f}"
        console.print(Panel(quote, subtitle=Text(_describe(item)), title=title))
        choice = _ask(book, item)
        if choice == "q":
            console.print(
                f"Stopped. {done['a']} accepted, {done['e']} edited, {done['r']} rejected.")
            return
        done[choice] += 1
    console.print(f"Done. {done['a']} accepted, {done['e']} edited and accepted, "
                  f"{done['r']} rejected, {done['s']} left for later.")


def _ask(book: Casebook, item: Fact | Event) -> str:
    """One fact's decision, asked again after an unknown key or a correction that is wrong."""
    assert item.id is not None
    while True:
        choice = typer.prompt("[a]ccept [e]dit [r]eject [s]kip [q]uit",
                              default="s").strip().lower()[:1]
        if choice == "a":
            book.facts.set_status(item.id, ACCEPTED)
        elif choice == "r":
            book.facts.set_status(item.id, REJECTED)
        elif choice == "e":
            line = typer.prompt(
                "change (e.g. year=1999 amount=3500 currency=RMB place=Yanji, or value=…)")
            try:
                book.facts.set_status(item.id, ACCEPTED, parse_edit(item, line))
            except InvalidInput as exc:
                console.print(f"[red]{exc}[/]")
                continue
        elif choice not in ("s", "q"):
            continue
        return choice


def register(app: typer.Typer) -> None:
    app.command()(review)
