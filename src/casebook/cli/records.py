"""Commands on the casebook: init, add, import, list, show, search, consent, export, audit."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from casebook.cli import interop
from casebook.cli.common import (
    DbOption,
    ForceOption,
    JsonOption,
    PassphraseFileOption,
    console,
    err,
    open_casebook,
    passphrase,
    print_json,
    require_db,
    styled,
)
from casebook.cli.i18n import current
from casebook.cli.i18n import gettext as _
from casebook.errors import BadArgument, InvalidInput, WrongPassphrase
from casebook.exchange.export import ExportRequest, collect, serialise
from casebook.files import check_output, encrypt, write_output
from casebook.intake.pipeline import (
    default_extractor,
    describe,
    import_paths,
    parse_consent,
    parse_interview_date,
)
from casebook.intake.readers import ImportItem, expand_paths, read_file
from casebook.model.consent import check_scope
from casebook.model.dates import date_label
from casebook.store import Casebook

audit_app = typer.Typer(help="Check the hash-chained audit log.", no_args_is_help=True)
consent_app = typer.Typer(help="Grant or withdraw a survivor's consent for one testimony.",
                          no_args_is_help=True)


def init(
    ctx: typer.Context,
    path: Annotated[str | None, typer.Argument(
        help="The casebook to create (a file, or a postgresql:// URL); the same as --db.")] = None,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Create a new encrypted casebook.

    Example: casebook init team.db    ·    CASEBOOK_DB=team.db casebook init
    """
    given = ctx.get_parameter_source("db")
    if path and db and path != db and given is not None and given.name == "COMMANDLINE":
        raise BadArgument(_("give the casebook once: {path} or --db {db}, not both")
                          .format(path=path, db=db))
    location = require_db(path or db)
    book = Casebook.create(location, passphrase(location, passphrase_file, confirm=True))
    book.close()
    if book.key_path:
        console.print(_("Created encrypted casebook {path} with key file {key} — keep both; lose "
                        "the key file and the passphrase, and the data is gone.").format(
                            path=f"[bold]{escape(location)}[/]",
                            key=f"[bold]{escape(str(book.key_path))}[/]"))
    else:
        console.print(_("Created casebook schema in PostgreSQL at {where}")
                      .format(where=escape(location.split('@')[-1])))


def add(
    text_file: Annotated[Path,
                         typer.Argument(help="The testimony as a text file ('-' for stdin).")],
    pseudonym: Annotated[str, typer.Option(
        help="Pseudonym of the survivor (never her real name); asked for when omitted.",
        prompt="Pseudonym (never her real name)")],
    surname: Annotated[str | None,
                       typer.Option(help="Surname as told (often a pseudonym).")] = None,
    birth_year: Annotated[int | None, typer.Option(help="Birth year, if known.")] = None,
    organisation: Annotated[str | None, typer.Option(help="Organisation recording it.")] = None,
    interviewer: Annotated[str | None, typer.Option(help="Interviewer code.")] = None,
    interview_date: Annotated[str | None, typer.Option(help="YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    interview_place: Annotated[str | None, typer.Option(help="City or country only.")] = None,
    language: Annotated[str | None, typer.Option(help="en or ko (detected if omitted).")] = None,
    consent: Annotated[list[str], typer.Option(
        help="Consent scope (repeatable): aggregate_statistics, anonymous_quotation, "
             "legal_proceedings, share_with:ORG.")] = [],
    extract: Annotated[bool, typer.Option(help="Propose facts from the text for review.")] = True,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None, json_out: JsonOption = False,
) -> None:
    """Add one testimony with its person and consent.

    Example: casebook add interview.txt --pseudonym "Ms. Baek" --consent aggregate_statistics
    """
    text = sys.stdin.read() if str(text_file) == "-" else _read_text(text_file)
    if not consent and sys.stdin.isatty():
        consent = _ask_consent()
    meta = {"pseudonym": pseudonym, "surname": surname, "birth_year": birth_year,
            "organisation": organisation, "interviewer": interviewer,
            "interview_date": interview_date, "interview_place": interview_place,
            "language": language, "consent": list(consent)}
    parse_consent(list(consent)), parse_interview_date(interview_date)  # fail before unlocking
    given = {k: v for k, v in meta.items() if v not in (None, [])}  # wins over the header
    item = ImportItem(text, text_file.name if str(text_file) != "-" else "stdin", given, "txt")
    testimony, person = describe(item)
    with open_casebook(db, passphrase_file) as book:
        extractor = default_extractor() if extract else None
        record = extractor(testimony.text, testimony.language) if extractor else None
        tid, created = book.testimonies.add(testimony, person, record)
    if json_out:
        print_json({"testimony_id": tid, "created": created})
    elif created:
        if record:
            console.print(_("Added testimony {id} ({pseudonym}) with {n} suggested facts").format(
                id=tid, pseudonym=escape(person.pseudonym),
                n=len(record.facts) + len(record.events)))
        else:
            console.print(_("Added testimony {id} ({pseudonym})").format(
                id=tid, pseudonym=escape(person.pseudonym)))
    else:
        console.print(_("Already in the casebook as testimony {id}; nothing added.").format(id=tid))


def _ask_consent() -> list[str]:
    """Ask, scope by scope, what the survivor agreed to (at a terminal, when no --consent)."""
    questions = {
        "aggregate_statistics": _("Counted (anonymously) in statistics?"),
        "anonymous_quotation": _("Quoted anonymously in reports?"),
        "legal_proceedings": _("Used in legal proceedings?"),
    }
    scopes = [scope for scope, q in questions.items() if typer.confirm(q, default=False)]
    partners = typer.prompt(_("Organisations she agreed to share with (comma-separated, or "
                              "empty)"), default="", show_default=False)
    scopes += [f"share_with:{p.strip()}" for p in partners.split(",") if p.strip()]
    return scopes


def _read_text(path: Path) -> str:
    return read_file(path)[0].text


def import_(
    paths: Annotated[list[Path],
                     typer.Argument(
                         help="Files or folders: txt, md, docx, pdf, json, jsonl, csv; "
                              "scans (pdf, png, jpg, tif) read by OCR; "
                              "coding sheets xlsx, ods, csv.")],
    organisation: Annotated[str | None,
                            typer.Option(help="Organisation for files that do not say.")] = None,
    consent: Annotated[list[str],
                       typer.Option(
                           help="Consent scope for files that do not say (repeatable).")] = [],
    extract: Annotated[bool,
                       typer.Option(help="Propose facts for review (stored as suggested).")] = True,
    map_path: interop.MapOption = None, plan: interop.PlanOption = False,
    format: interop.FormatOption = "auto", sheet: interop.SheetOption = None,
    header_row: interop.HeaderRowOption = None, split: interop.SplitOption = False,
    yes: interop.YesOption = False,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None, json_out: JsonOption = False,
) -> None:
    """Import testimonies from files; duplicates (same text) are skipped, bad files reported.

    Coding sheets (.xlsx, .ods, .csv) and Uwazi CSVs import with a mapping (--plan proposes
    one), HTCDS rows with --format htcds, a report of many accounts with --split.

    Example: casebook import interviews/ --organisation "Hanul Documentation Centre"
    Example: casebook import coding.xlsx --plan   (then: --map coding.mapping.toml)
    """
    if consent:  # a bad --consent is one line, before any file is read
        try:
            parse_consent(list(consent))
        except InvalidInput as exc:
            raise BadArgument(f"--consent: {exc}") from None
    if interop.wants_interop(list(paths), map_path, plan, format, split):
        _import_interop(list(paths), map_path, plan, format, sheet, header_row, split, yes,
                        organisation, list(consent), extract, db, passphrase_file, json_out)
        return
    files = expand_paths(list(paths))
    if not files:
        raise InvalidInput(_("import: no readable files found in {paths}")
                           .format(paths=", ".join(map(str, paths))))
    defaults = {"organisation": organisation, "consent": list(consent) or None}
    defaults = {k: v for k, v in defaults.items() if v}
    with open_casebook(db, passphrase_file) as book:
        extractor = default_extractor() if extract else None
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      console=err, transient=True, disable=json_out) as bar:
            task = bar.add_task(_("importing"), total=len(files))
            pages = bar.add_task("pages", total=None, visible=False)

            def on_page(name: str, done: int, total: int) -> None:  # a scan, page by page
                bar.update(pages, completed=done, total=total, visible=done < total,
                           description=_("reading {name}").format(name=escape(name)))

            result = import_paths(book, files, defaults=defaults, extractor=extractor,
                                  progress=lambda _p: bar.advance(task), on_page=on_page)
    if json_out:
        print_json({"added": result.added, "duplicates": result.duplicates,
                    "failed": [{"file": f, "error": e} for f, e in result.failed],
                    "partly_read": result.notes,
                    "stopped": str(result.stopped) if result.stopped else None})
    else:
        summary = _("Imported {added} testimonies; {duplicates} already present; {failed} failed")
        console.print(summary.format(added=len(result.added), duplicates=len(result.duplicates),
                                     failed=len(result.failed))
                      + (_("; stopped, {n} files given.").format(n=len(files)) if result.stopped
                         else "."))
        for note in result.notes:
            err.print(styled("yellow", _("partly read")) + " " + escape(note))
        shown = [r for _file, r in result.failed if not r.startswith("not stored: ")]
        for reason in shown:
            err.print(styled("red", _("skipped")) + " " + escape(reason))
    if result.stopped is not None:
        raise result.stopped
    if result.failed and not result.added and not result.duplicates:
        raise typer.Exit(1)


def _import_interop(paths: list[Path], map_path: Path | None, plan: bool, fmt: str,
                    sheet: str | None, header_row: int | None, split: bool, yes: bool,
                    organisation: str | None, consent: list[str], extract: bool, db: str | None,
                    passphrase_file: Path | None, json_out: bool) -> None:
    if plan:
        for path in paths:
            interop.plan(path, map_path, fmt, sheet, header_row, json_out)
        return
    defaults = {k: v for k, v in {"organisation": organisation,
                                  "consent": consent or None}.items() if v}
    parse_consent(consent)  # fail before unlocking
    if split:
        found = [(path, *interop.split_preview(path)) for path in paths]
        interop.confirm_split(sum(len(a) for *_, a in found), yes)
        with open_casebook(db, passphrase_file) as book:
            extractor = default_extractor() if extract else None
            results = [interop.store_split(book, p, text, accounts, defaults, extractor)
                       for p, text, accounts in found]
        added = sum(len(r.added) for r in results)
        dups = sum(len(r.duplicates) for r in results)
        if json_out:
            print_json({"added": [i for r in results for i in r.added], "duplicates": dups})
        else:
            console.print(_("Imported {added} testimonies; {duplicates} already present.")
                          .format(added=added, duplicates=dups))
        return
    with open_casebook(db, passphrase_file) as book:
        extractor = default_extractor() if extract else None
        summaries = interop.import_files(book, paths, map_path, fmt, sheet, header_row,
                                         defaults, extractor)
    interop.print_summaries(summaries, json_out)


def list_(
    organisation: Annotated[str | None, typer.Option(help="Only this organisation's.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 200,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None, json_out: JsonOption = False,
) -> None:
    """List testimonies (never their text).

    Example: casebook list --json
    """
    from casebook.model.consent import short_name

    with open_casebook(db, passphrase_file) as book:
        rows = book.testimonies.all(limit=limit, organisation=organisation)
    if json_out:
        print_json([r.__dict__ for r in rows])
        return
    table = Table(_("id"), _("person"), _("organisation"), _("lang"), _("year"), _("facts ✓/?"),
                  _("review"), _("consent"))
    for r in rows:
        table.add_row(str(r.id), r.pseudonym or "", r.organisation or "", r.language,
                      str(r.interview_year or ""), f"{r.facts_accepted}/{r.facts_suggested}",
                      _(r.review.replace("_", " ")), ", ".join(short_name(s) for s in r.consent))
    console.print(table)


def show(
    testimony_id: Annotated[int, typer.Argument(help="Testimony id (see `casebook list`).")],
    text: Annotated[bool, typer.Option(help="Print the testimony's text too.")] = True,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None, json_out: JsonOption = False,
) -> None:
    """Show one testimony: person, consent, facts and (optionally) the text. The read is audited.

    Example: casebook show 3 --no-text
    """
    with open_casebook(db, passphrase_file) as book:
        t = book.testimonies.get(testimony_id, purpose="show")
        person = book.persons.get(t.person_id) if t.person_id else None
        record = book.facts.record(testimony_id, ["suggested", "accepted", "rejected"])

    from casebook.journey import clause, read
    from casebook.model import Event, Fact
    from casebook.model.mood import mood_of

    lang = "ko" if t.language == "ko" else "en"

    def words(item) -> str:
        ev = item.evidence
        return (clause(t.text, ev.start, ev.end) or ev.quote) if ev else ""

    if json_out:
        print_json({
            "id": t.id, "person": person.__dict__ if person else None, "language": t.language,
            "organisation": t.organisation, "interviewer": t.interviewer,
            "interview_date": t.interview_date.to_dict() if t.interview_date else None,
            "file_name": t.file_name, "sha256": t.sha256, "consent": t.consent.to_list(),
            "facts": [f.to_dict() | {"id": f.id, "reads": read(f, "en").text()}
                      for f in record.facts],
            "events": [e.to_dict() | {"id": e.id, "mood": mood_of(e),
                                      "reads": read(e, "en").text()} for e in record.events],
            **({"text": t.text} if text else {}),
        })
        return
    heading = " · ".join([
        _("Testimony {id}").format(id=t.id) + " — "
        + (escape(person.pseudonym) if person else _("no person")),
        escape(t.organisation or "?"), t.language,
        date_label(t.interview_date, current())])
    console.print(f"[bold]{heading}[/]")
    console.print(_("consent:") + " " + (", ".join(t.consent.active_scopes())
                                         or styled("red", _("none"))))
    # how each fact reads is casebook.journey's (a denial says so), in the interface language,
    # and in Korean too when she told it in Korean
    ui = "ko" if current() == "ko" else "en"
    table = Table(_("id"), _("status"), _("fact"), _("words"))
    items: list[Fact | Event] = [*record.facts, *record.events]
    for item in items:
        reading = read(item, ui)
        fact = escape(reading.text())
        if lang == "ko" and ui != "ko":
            fact += "\n" + escape(read(item, "ko").text())
        if not reading.counted:  # a denial is never printed as the event it denies
            fact = f"[yellow]{escape(reading.headline)}[/]" + fact[len(escape(reading.headline)):]
        table.add_row(str(item.id), _(item.status), fact, escape(words(item)))
    if record.facts or record.events:
        console.print(table)
    if text:
        console.rule()
        console.print(t.text, markup=False)


def search(
    query: Annotated[str,
                     typer.Argument(help="Words to find (Korean or English); \"quote\" phrases.")],
    limit: Annotated[int, typer.Option(help="At most this many results.")] = 20,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None, json_out: JsonOption = False,
) -> None:
    """Search testimonies in Korean and English, with snippets.

    A place or a vocabulary term also finds its other names: 연길 finds Yanji and 延吉,
    bowibu finds 보위부 (they are listed as "also searched"); a "quoted phrase" is searched
    as written.

    Example: casebook search 연길   ·   casebook search "sold me"
    """
    from casebook.vocab.other_names import parse

    with open_casebook(db, passphrase_file) as book:
        hits = book.testimonies.search(query, limit)
    also = parse(query).also()
    if json_out:
        print_json([h.__dict__ for h in hits])
        return
    if also:
        console.print(_("also searched:") + " " + ", ".join(also), markup=False, style="dim")
    if not hits:
        console.print((_("No testimony contains {query} or its other names.") if also
                       else _("No testimony contains {query}.")).format(query=escape(repr(query))))
    for h in hits:
        snippet = h.snippet.replace("[", r"\[").replace("⟦", "[bold yellow]").replace("⟧", "[/]")
        console.print(f"[cyan]#{h.testimony_id}[/] {h.pseudonym or ''} ({h.language}): {snippet}")


def export(
    out: Annotated[Path, typer.Option("--out", help="File to write (.age when encrypted).")],
    format: Annotated[str, typer.Option(
        help="json, csv, htcds (HTCDS victim rows; k-anonymised with --for) "
             "or uwazi (Uwazi CSV).")] = "json",
    for_organisation: Annotated[str | None, typer.Option(
        "--for",
        help="Partner organisation: only testimonies whose consent allows sharing "
             "with it.")] = None,
    purpose: Annotated[str | None,
                       typer.Option(help="'legal': only testimonies allowing legal use.")] = None,
    text: Annotated[bool, typer.Option(help="Include the testimonies' text.")] = True,
    recipient: Annotated[list[str],
                         typer.Option(
                             help="age public key (age1…) to encrypt to (repeatable).")] = [],
    plaintext: Annotated[bool,
                         typer.Option(
                             help="Write UNENCRYPTED (you must ask for it explicitly).")] = False,
    force: ForceOption = False,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Export records as JSON, CSV, HTCDS or Uwazi CSV — encrypted with age unless --plaintext.

    Without --recipient, the export is encrypted to $CASEBOOK_EXPORT_PASSPHRASE (or a prompt).
    Example: casebook export --out share.json.age --for "Bridge of Light" --recipient age1…
    """
    request = ExportRequest(format, for_organisation, purpose, text)
    exchange = format in ("htcds", "uwazi")
    if not exchange:
        serialise([], format)  # reject a bad --format before unlocking
    check_output(out, force=force)  # and an output that would replace the casebook, or a file
    export_passphrase = None
    if not plaintext and not recipient:
        export_passphrase = os.environ.get("CASEBOOK_EXPORT_PASSPHRASE")
        if not export_passphrase:
            if not sys.stdin.isatty():
                raise WrongPassphrase(_("an encrypted export needs --recipient, "
                                        "CASEBOOK_EXPORT_PASSPHRASE, or a terminal to ask in"))

            export_passphrase = getpass.getpass(_("Passphrase for the export: "))
    with open_casebook(db, passphrase_file) as book:
        if exchange:
            data, what = interop.export_bytes(book, format, request)
        else:
            rows = collect(book, request)
            data, what = serialise(rows, format), f"{len(rows)} testimonies"
    if plaintext:
        err.print(styled("bold yellow", _("warning:")) + " "
                  + _("writing an UNENCRYPTED export: anyone who gets this file can read it. "
                      "Delete it as soon as it has served its purpose."))
    else:
        data = encrypt(data, recipients=list(recipient), passphrase=export_passphrase)
    write_output(out, data, force=force)  # 0600: only its owner can read it
    console.print(_("Wrote {what} to {path} ({how}).").format(
        what=what, path=out, how=_("PLAINTEXT") if plaintext else _("age-encrypted")),
        markup=False)


def audit_verify(db: DbOption = None, passphrase_file: PassphraseFileOption = None,
                 json_out: JsonOption = False) -> None:
    """Check every audit entry: finds edited, removed or reordered entries.

    Example: casebook audit verify
    """
    with open_casebook(db, passphrase_file) as book:
        report = book.audit.verify()
    if json_out:
        print_json({"ok": report.ok, "entries": report.entries, "problems": report.problems})
    elif report.ok:
        console.print(styled("green", _("Audit chain intact")) + ": "
                      + _("{n} entries.").format(n=report.entries))
    else:
        for p in report.problems:
            err.print(styled("red", _("audit:")) + f" {escape(p)}")
    if not report.ok:
        raise typer.Exit(1)


def audit_log(limit: Annotated[int, typer.Option(help="Newest entries to show.")] = 30,
              db: DbOption = None, passphrase_file: PassphraseFileOption = None,
              json_out: JsonOption = False) -> None:
    """Show the newest audit entries (who did what, when).

    Example: casebook audit log --limit 10
    """
    with open_casebook(db, passphrase_file) as book:
        rows = book.audit.entries(limit)
    if json_out:
        print_json(rows)
        return
    table = Table(_("seq"), _("when"), _("who"), _("action"), _("target"))
    for r in rows:
        table.add_row(str(r["seq"]), r["at"][:19], r["actor"], r["action"], r["target"] or "")
    console.print(table)


def consent_withdraw(
    testimony_id: Annotated[int, typer.Argument(help="Testimony id.")],
    scope: Annotated[str, typer.Argument(
        help="Scope to withdraw: aggregate_statistics (stats), anonymous_quotation (quote), "
             "legal_proceedings (legal) or share_with:ORG. Only a scope she holds.")],
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Withdraw consent: from now on every output leaves this testimony out of that use.

    A scope she does not hold, or a mistyped one, is refused (exit 2) and nothing changes.
    Example: casebook consent withdraw 4 aggregate_statistics
    """
    _scope_or_exit(scope)
    with open_casebook(db, passphrase_file) as book:
        withdrawn = book.consent.withdraw(testimony_id, scope)
    console.print(_("Withdrew {scope} for testimony {id}.").format(scope=withdrawn,
                                                                    id=testimony_id),
                  markup=False)


def consent_grant(
    testimony_id: Annotated[int, typer.Argument(help="Testimony id.")],
    scope: Annotated[str, typer.Argument(
        help="Scope to grant: aggregate_statistics (stats), anonymous_quotation (quote), "
             "legal_proceedings (legal) or share_with:ORG.")],
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Record a consent scope the survivor has given.

    Example: casebook consent grant 4 anonymous_quotation
    """
    _scope_or_exit(scope)
    with open_casebook(db, passphrase_file) as book:
        granted = book.consent.grant(testimony_id, scope)
    console.print(_("Granted {scope} for testimony {id}.").format(scope=granted, id=testimony_id),
                  markup=False)


def _scope_or_exit(scope: str) -> str:
    """The scope's stored spelling; an unknown one is a usage error before anything is opened."""

    try:
        return check_scope(scope)
    except ValueError as exc:
        raise BadArgument(_("{problem}; nothing was changed").format(problem=exc)) from None


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(add)
    app.command("import")(import_)
    app.command("list")(list_)
    app.command()(show)
    app.command()(search)
    app.command()(export)
    audit_app.command("verify")(audit_verify)
    audit_app.command("log")(audit_log)
    app.add_typer(audit_app, name="audit")
    consent_app.command("withdraw")(consent_withdraw)
    consent_app.command("grant")(consent_grant)
    app.add_typer(consent_app, name="consent")
