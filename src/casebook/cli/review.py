"""``casebook review``: accept, correct or reject the facts proposed for a testimony."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
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
from casebook.cli.i18n import gettext as _
from casebook.cli.labels import describe
from casebook.corrections import context, parse_edit
from casebook.errors import BadArgument, InvalidInput
from casebook.model import ACCEPTED, REJECTED, SUGGESTED, Event, Fact
from casebook.reviewing.additions import addition, parse
from casebook.reviewing.learn import MIN_EXAMPLES, suggest_open
from casebook.reviewing.learn import learn as train_model
from casebook.reviewing.learning import MODEL_NAME, SWITCHED_ON
from casebook.reviewing.words import locate, occurrences
from casebook.store import Casebook


def review(
    testimony_id: Annotated[int, typer.Argument(help="Testimony id (see `casebook list`).")],
    accept_all: Annotated[bool,
                          typer.Option(help="Accept every suggested fact without asking.")] = False,
    accept: Annotated[list[int], typer.Option(help="Accept this fact id (repeatable).")] = [],
    reject: Annotated[list[int], typer.Option(help="Reject this fact id (repeatable).")] = [],
    add: Annotated[list[str], typer.Option(
        "--add", help="Add a fact the extractor missed: KEY=VALUE (a profile key, e.g. "
        "exploitation=forced_marriage) or an event type and its fields ('sale amount=3000 "
        "currency=RMB year=1999'). Needs --words; repeatable.")] = [],
    said: Annotated[list[str], typer.Option(
        "--words", help="The exact words of the text the --add rests on (one per --add, "
                        "in order).")] = [],
    occurrence: Annotated[list[int], typer.Option(
        "--occurrence", help="Which time the --words stand in the text when they stand more "
                             "than once (1 = first); one for each such --add, in order.")] = [],
    close: Annotated[bool, typer.Option(
        "--done", help="Close the testimony's review (it counts as reviewed).")] = False,
    reopen: Annotated[bool, typer.Option("--reopen", help="Open a closed review again.")] = False,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None, json_out: JsonOption = False,
) -> None:
    """Walk through a testimony's suggested facts and accept, edit or reject each one.

    At each fact, type a (accept), e (edit, then key=value pairs), r (reject), s (skip) or q (quit).

    Only accepted facts feed statistics and reports. With --json, prints the suggested facts
    and their supporting words instead of asking. --add stores a fact the extractor missed,
    accepted, with the given words as its evidence; --done closes the review.
    Example: casebook review 3    ·    casebook review 3 --accept 17 --reject 18
    Example: casebook review 3 --add exploitation=forced_marriage --words "married me to a farmer"
    """
    if reopen and close:
        raise BadArgument("--done and --reopen: choose one")
    with open_casebook(db, passphrase_file) as book:
        if reopen:
            book.reviews.reopen(testimony_id)
            console.print(f"Testimony {testimony_id}: review open again.")
            return
        testimony = book.testimonies.get(testimony_id, purpose="review")
        if add or said:
            added = additions_of(testimony_id, testimony.text, testimony.language, add, said,
                                 occurrence)
            new_ids = [book.facts.add(testimony_id, item) for item in added]
            if json_out and not close:
                print_json([{**i.to_dict(), "id": fid}
                            for i, fid in zip(added, new_ids, strict=True)])
            else:
                console.print(f"Added {len(new_ids)} fact(s) to testimony {testimony_id} "
                              f"(ids {', '.join(map(str, new_ids))}), accepted.")
            if not (close or accept or reject or accept_all):
                return
        if close and not (accept or reject or accept_all):
            book.reviews.close(testimony_id)
            console.print(f"Testimony {testimony_id}: review closed (reviewed).")
            return
        record = book.facts.record(testimony_id, [SUGGESTED])
        items: list[Fact | Event] = [*record.facts, *record.events]
        if json_out:
            print_json([{**i.to_dict(), "id": i.id, "kind": "event" if isinstance(i, Event)
                         else "person",
                         "words": context(testimony.text, i.evidence)[1]} for i in items])
        elif accept or reject or accept_all:
            _decide(book, testimony_id, items, accept, reject, accept_all)
            if close:
                book.reviews.close(testimony_id)
                console.print(f"Testimony {testimony_id}: review closed (reviewed).")
        elif not items:
            console.print(_("Testimony {id} has no facts waiting for review.")
                          .format(id=testimony_id))
        else:
            _walk(book, testimony.text, items)


def _decide(book: Casebook, testimony_id: int, items: list[Fact | Event], accept: list[int],
            reject: list[int], accept_all: bool) -> None:
    """--accept / --reject / --accept-all: every id checked before anything changes."""
    ids = {i.id for i in items if i.id is not None}  # stored facts always have ids
    for fid in [*accept, *reject]:
        if fid not in ids:
            raise InvalidInput(_("fact {fact}: not a suggested fact of testimony {id}")
                               .format(fact=fid, id=testimony_id))
    for fid in (ids if accept_all else accept):
        book.facts.set_status(fid, ACCEPTED)
    for fid in reject:
        book.facts.set_status(fid, REJECTED)
    console.print(_("Accepted {accepted}, rejected {rejected}.").format(
        accepted=len(ids) if accept_all else len(accept), rejected=len(reject)))


def _walk(book: Casebook, text: str, items: list[Fact | Event]) -> None:
    """Show each fact with its words and ask: accept, edit, reject, skip or quit."""
    done = {"a": 0, "e": 0, "r": 0, "s": 0}
    for n, item in enumerate(items, start=1):
        assert item.id is not None  # a fact read from the store has its id
        before, words, after = context(text, item.evidence)
        quote = Text("…" + before + " ")
        quote.append(words or _("(no supporting words)"),
                     style="bold yellow" if words else "dim")
        quote.append(" " + after + "…")
        title = _("{n}/{total} · fact {id} · confidence {confidence}").format(
            n=n, total=len(items), id=item.id, confidence=f"{item.confidence:.2f}")
        console.print(Panel(quote, subtitle=Text(describe(item)), title=title))
        choice = _ask(book, item)
        if choice == "q":
            console.print(_("Stopped. {a} accepted, {e} edited, {r} rejected.").format(**done))
            return
        done[choice] += 1
    console.print(_("Done. {a} accepted, {e} edited and accepted, {r} rejected, {s} left for "
                    "later.").format(**done))


def _ask(book: Casebook, item: Fact | Event) -> str:
    """One fact's decision, asked again after an unknown key or a correction that is wrong."""
    assert item.id is not None
    while True:
        choice = typer.prompt(_("[a]ccept [e]dit [r]eject [s]kip [q]uit"),
                              default="s").strip().lower()[:1]
        if choice == "a":
            book.facts.set_status(item.id, ACCEPTED)
        elif choice == "r":
            book.facts.set_status(item.id, REJECTED)
        elif choice == "e":
            line = typer.prompt(_("change (e.g. year=1999 amount=3500 currency=RMB "
                                  "place=Yanji, or value=…)"))
            try:
                book.facts.set_status(item.id, ACCEPTED, parse_edit(item, line))
            except InvalidInput as exc:
                console.print(f"[red]{escape(str(exc))}[/]")
                continue
        elif choice not in ("s", "q"):
            continue
        return choice


def additions_of(testimony_id: int, text: str, language: str, add: list[str],
                 words: list[str], occurrence: list[int]) -> list[Fact | Event]:
    """Every --add checked before any is stored: all of them, or (on an error) none."""
    if len(add) != len(words):
        raise BadArgument(f"testimony {testimony_id}: give one --words for each --add "
                          f"({len(add)} --add, {len(words)} --words)")
    items: list[Fact | Event] = []
    left = list(occurrence)  # taken in order by the words that stand more than once
    for line, said in zip(add, words, strict=True):
        key, fields = parse(line)
        which = left.pop(0) if left and len(occurrences(text, said)) > 1 else None
        evidence = locate(text, said, testimony_id, which)
        items.append(addition(key, fields, evidence, language))
    if left:
        raise BadArgument(f"testimony {testimony_id}: {len(occurrence)} --occurrence given but "
                          f"only {len(occurrence) - len(left)} --words stand more than once")
    return items


def learn(
    apply: Annotated[bool | None, typer.Option(
        "--apply/--no-apply", help="After training, store the model's suggestions (marked "
        "learned) in every testimony whose review is not closed. Default: "
        + ("on" if SWITCHED_ON else "off (docs/extraction.md: no reliable gain in F1 yet)")
        + ".")] = None,
    min_examples: Annotated[int, typer.Option(
        help="Reviewed testimonies needed before a model is trained.")] = MIN_EXAMPLES,
    forget: Annotated[bool, typer.Option(
        "--forget", help="Delete the learned model (its suggestions stay, for review).")] = False,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None, json_out: JsonOption = False,
) -> None:
    """Train suggestions on the reviewers' decisions (closed reviews only); --apply uses them.

    Every accepted, corrected, rejected and added fact of a reviewed testimony is an example.
    The model proposes answers the rules missed (stored as suggestions marked learned, with the
    sentence they rest on) and lowers the confidence of suggestions reviewers usually reject.
    It lives inside the encrypted casebook; nothing is written anywhere else.
    Example: casebook learn    ·    casebook learn --apply    ·    casebook learn --forget
    """
    with open_casebook(db, passphrase_file) as book:
        if forget:
            gone = book.learned.forget(MODEL_NAME)
            console.print("Learned model deleted." if gone else "There was no learned model.")
            return
        model = train_model(book, min_examples)
        applied = suggest_open(book, model) if (SWITCHED_ON if apply is None else apply) else []
        summary = {**model.info(), "testimonies": len(applied),
                   "suggested": sum(len(a.proposed) for a in applied),
                   "demoted": sum(len(a.demoted) for a in applied)}
        if json_out:
            print_json(summary)
            return
        console.print(f"Learned from {model.examples} reviewed testimonies: {len(model.labels)} "
                      f"answer(s) it can propose, {len(model.demoted)} rule answer(s) demoted.")
        if applied:
            console.print(f"Applied to {len(applied)} open testimonies: "
                          f"{summary['suggested']} learned suggestion(s) to review, "
                          f"{summary['demoted']} suggestion(s) given a low confidence.")
        else:
            console.print("Not applied (--apply stores its suggestions for review).")


def register(app: typer.Typer) -> None:
    app.command()(review)
    app.command()(learn)
