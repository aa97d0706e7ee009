"""``casebook case …``: case management for the women in the organisation's care.

Every command is one change of her case's history (``book.cases``), audited; a referral goes
only where her consent shares (refused with one line and exit 2 otherwise).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from casebook.cli.common import (
    DbOption,
    ForceOption,
    JsonOption,
    PassphraseFileOption,
    console,
    err,
    export_passphrase,
    open_casebook,
    print_json,
)
from casebook.errors import BadArgument, ConsentRequired, InvalidInput

case_app = typer.Typer(
    help="Case management: her safety, needs, services, referrals and tasks, stage by stage "
         "on the route to safety.", no_args_is_help=True)

CaseId = Annotated[int, typer.Argument(help="Case id (`casebook case list`).")]
Stage = Annotated[str | None, typer.Option(
    help="Stage on the route: hiding_china, safe_house, transit_third_country, arrived, "
         "south_korea.")]
Place = Annotated[str | None, typer.Option(
    help="Where she is now: a gazetteer id or name (Kunming, Vientiane, Bangkok, Seoul…).")]
Since = Annotated[str | None, typer.Option(
    help="Since when she is at this stage: 2019-04-12, 2019-04, spring 2019, about 2019.")]
Risk = Annotated[str | None, typer.Option(help="Risk level: high, medium or low.")]
RiskReason = Annotated[str | None, typer.Option("--risk-reason",
                                                help="Why the risk is what it is (required "
                                                     "with --risk).")]
Caseworker = Annotated[str | None, typer.Option(help="Username of her caseworker.")]


def _date(text: str | None, what: str) -> Any:
    from casebook.model.date_text import parse_date_text

    try:
        return parse_date_text(text, what)
    except InvalidInput as exc:
        raise BadArgument(str(exc)) from None


def _code(vocabulary: str, value: str | None, option: str) -> str | None:
    """A vocabulary code (its English label also works), refused before opening anything."""
    from casebook.vocab import load

    if value is None:
        return None
    vocab = load(vocabulary)
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    if key in vocab:
        return key
    for term in vocab:
        if value.strip().lower() in (term.en.lower(), term.ko):
            return term.code
    raise BadArgument(f"{option}: {value!r} is not one of {', '.join(vocab.codes())}")


def _fields(**given: Any) -> dict[str, Any]:
    return {k: v for k, v in given.items() if v is not None}


def open_cmd(
    person_id: Annotated[int, typer.Argument(help="Her person id (`casebook list`).")],
    organisation: Annotated[str | None, typer.Option(
        help="Organisation caring for her (default: her record's).")] = None,
    caseworker: Caseworker = None, stage: Stage = None, place: Place = None,
    since: Since = None, risk: Risk = None, risk_reason: RiskReason = None,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None, json_out: JsonOption = False,
) -> None:
    """Open her case: one per woman and organisation.

    Example: casebook case open 12 --caseworker mina --stage safe_house --place Kunming
    --risk high --risk-reason "a buyer is looking for her"
    """
    values = _fields(caseworker=caseworker, stage=_code("case_stage", stage, "--stage"),
                     place=place, stage_since=_date(since, "--since"),
                     risk=_code("case_risk", risk, "--risk"), risk_reason=risk_reason)
    if risk and not risk_reason:
        raise BadArgument("--risk-reason: say why the risk is what it is")
    with open_casebook(db, passphrase_file) as book:
        case = book.cases.open(person_id, organisation, **values)
        pseudonym = book.persons.get(person_id).pseudonym
    if json_out:
        print_json({"case_id": case.id, "person_id": person_id, "organisation": case.organisation})
        return
    console.print(f"Opened case {case.id} for {pseudonym} ({case.organisation}).", markup=False)


def show(
    case_id: CaseId,
    history: Annotated[int, typer.Option(help="Newest history lines to show (0: all).")] = 15,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None, json_out: JsonOption = False,
) -> None:
    """Show her case: status, stage and place, risk, needs, services, referrals, tasks and
    the dated history of every change. Reading it is audited.

    Example: casebook case show 3
    """
    from casebook.cli.case_output import print_case

    with open_casebook(db, passphrase_file) as book:
        case = book.cases.get(case_id, purpose="cli_show")
        assert case.person_id is not None
        person = book.persons.get(case.person_id)
        events = book.cases.history(case_id)
        ids = book.cases.row_ids(case_id)
        mine = [t for t in book.testimonies.all() if t.person_id == case.person_id]
        scopes = sorted({s for c in book.cases.consent_of(case_id) for s in c.active_scopes()})
    if json_out:
        from casebook.model.cases import encode

        print_json({
            "case_id": case.id, "person_id": case.person_id, "pseudonym": person.pseudonym,
            "organisation": case.organisation, "caseworker": case.caseworker,
            "status": case.status, "closure_reason": case.closure_reason, "stage": case.stage,
            "place": case.place, "stage_since": encode(case.stage_since), "risk": case.risk,
            "risk_reason": case.risk_reason, "risk_assessed": encode(case.risk_assessed),
            "opened_on": encode(case.opened_on), "closed_on": encode(case.closed_on),
            "needs": {n.need: n.state for n in case.needs.values()},
            "services": [{"id": s.uid, "service": s.service, "state": s.state,
                          "outcome": s.outcome} for s in case.services.values()],
            "referrals": [{"id": ids.get(r.uid), "to": r.to, "service": r.service,
                           "status": r.status} for r in case.referrals.values()],
            "tasks": [{"id": ids.get(t.uid), "due": t.due.isoformat(), "text": t.text,
                       "done_on": encode(t.done_on), "overdue": t.overdue()}
                      for t in case.tasks.values()],
            "testimonies": [t.id for t in mine], "consent": scopes,
            "history": [e.to_dict() for e in events]})
        return
    print_case(case, person.pseudonym, events, ids, mine, scopes, history)


def update(
    case_id: CaseId,
    status: Annotated[str | None, typer.Option(
        help="open, in_transit, resettled or closed (closing needs --closure-reason).")] = None,
    closure_reason: Annotated[str | None, typer.Option(
        help="Why it is closed: resettled_stable, her_choice, lost_contact, transferred, "
             "repatriated, died, duplicate, other.")] = None,
    stage: Stage = None, place: Place = None, since: Since = None, risk: Risk = None,
    risk_reason: RiskReason = None,
    assessed: Annotated[str | None, typer.Option(
        help="When the risk was assessed (default: today, when --risk changes).")] = None,
    caseworker: Caseworker = None,
    note: Annotated[str | None, typer.Option(help="Also add a dated note.")] = None,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Change her status, stage and place, risk or caseworker; each change is dated history.

    Example: casebook case update 3 --stage transit_third_country --place Vientiane
    --status in_transit
    """
    values = _fields(status=_code("case_status", status, "--status"),
                     closure_reason=_code("case_closure", closure_reason, "--closure-reason"),
                     stage=_code("case_stage", stage, "--stage"), place=place,
                     stage_since=_date(since, "--since"), risk=_code("case_risk", risk, "--risk"),
                     risk_reason=risk_reason, risk_assessed=_date(assessed, "--assessed"),
                     caseworker=caseworker)
    if not values and not note:
        raise BadArgument("nothing to change: give --status, --stage, --place, --risk, "
                          "--caseworker or --note")
    with open_casebook(db, passphrase_file) as book:
        before = len(book.cases.history(case_id))
        if values:
            book.cases.update(case_id, **values)
        if note:
            book.cases.note(case_id, note)
        changed = len(book.cases.history(case_id)) - before
    console.print(f"Case {case_id}: {changed} change(s) recorded." if changed
                  else f"Case {case_id}: already so; nothing changed.")


def need(
    case_id: CaseId,
    need_code: Annotated[str, typer.Argument(
        metavar="NEED", help="safety, shelter, medical, reproductive_health, psychosocial, "
                             "legal_documents, children, livelihood, family_tracing.")],
    state: Annotated[str, typer.Option(help="open, met or not_needed.")] = "open",
    note: Annotated[str | None, typer.Option(help="A short note on the need.")] = None,
    assessed: Annotated[str | None, typer.Option(help="When assessed (default today).")] = None,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Record a need of her assessment, or change its state.

    Example: casebook case need 3 medical --note "untreated injury"
    """
    code = _code("case_need", need_code, "NEED")
    values = _fields(state=_code("case_need_state", state, "--state"), note=note,
                     assessed=_date(assessed, "--assessed") or _date(
                         dt.date.today().isoformat(), "today"))
    with open_casebook(db, passphrase_file) as book:
        book.cases.need(case_id, code or "", **values)
    console.print(f"Case {case_id}: need {code} is {values['state']}.")


def service(
    case_id: CaseId,
    service_code: Annotated[str, typer.Argument(
        metavar="SERVICE", help="safe_house, escort, medical_care, reproductive_care, "
                                "counselling, legal_aid, documents, child_support, education, "
                                "livelihood, basic_needs, family_tracing.")],
    state: Annotated[str, typer.Option(help="planned, given or cancelled.")] = "planned",
    on: Annotated[str | None, typer.Option(help="When planned for or given.")] = None,
    provider: Annotated[str | None, typer.Option(help="Who gives it.")] = None,
    outcome: Annotated[str | None, typer.Option(
        help="completed, partly, ongoing, declined, not_possible, referred_on.")] = None,
    for_need: Annotated[str | None, typer.Option("--need", help="The need it serves.")] = None,
    note: Annotated[str | None, typer.Option(help="A short note.")] = None,
    service_id: Annotated[str | None, typer.Option(
        "--id", help="Change this service (its id from `case show`) instead of adding one; "
                     "without it, marking a service given updates the planned one.")] = None,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Plan a service, or record it given (with an outcome) or cancelled.

    Example: casebook case service 3 medical_care --state given --on 2026-11 --outcome completed
    """
    code = _code("case_service", service_code, "SERVICE")
    values = _fields(service=code, state=_code("case_service_state", state, "--state"),
                     on=_date(on, "--on"), provider=provider,
                     outcome=_code("case_outcome", outcome, "--outcome"),
                     need=_code("case_need", for_need, "--need"), note=note)
    with open_casebook(db, passphrase_file) as book:
        uid = _service_uid(book, case_id, code, service_id, values["state"])
        _, uid = book.cases.service(case_id, uid, **values)
    console.print(f"Case {case_id}: service {code} ({uid[:8]}) {values['state']}.")


def _service_uid(book: Any, case_id: int, code: str | None, given: str | None,
                 state: str) -> str | None:
    case = book.cases.get(case_id, purpose="cli_service")
    if given:
        found = [u for u in case.services if u.startswith(given.strip().lower())]
        if len(found) != 1:
            raise BadArgument(f"--id: no single service of case {case_id} starts with {given!r}")
        return found[0]
    if state != "planned":  # giving or cancelling what was planned
        planned = [s.uid for s in case.services.values()
                   if s.service == code and s.state == "planned"]
        if planned:
            return planned[-1]
    return None


def refer(
    case_id: CaseId,
    to: Annotated[str, typer.Option("--to", help="The receiving organisation.")],
    service_code: Annotated[str, typer.Option(
        "--service", help="What she is referred for: legal (legal_aid), medical_care, "
                          "counselling, documents, …")],
    note: Annotated[str | None, typer.Option(help="What the partner should know.")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Write an age-encrypted referral file for an organisation outside this "
                      "casebook (else the partner sees it in this casebook).")] = None,
    recipient: Annotated[list[str], typer.Option(
        help="The partner's age public key (age1…), repeatable; else "
             "$CASEBOOK_EXPORT_PASSPHRASE or a prompt.")] = [],
    with_text: Annotated[bool, typer.Option(
        "--with-text", help="Include the text of the testimonies she lets the partner have "
                            "(default: accepted facts only).")] = False,
    force: ForceOption = False,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Refer her to another organisation, if her consent shares with it (share_with:ORG).

    Without that consent the referral is refused with one line and exit code 2, and nothing
    is shared. Example: casebook case refer 3 --to "Bridge of Light" --service legal
    """
    code = _code("case_service", SERVICE_ALIASES.get(service_code.lower(), service_code),
                 "--service")
    secret = None
    if out is not None:
        from casebook.files import check_output

        check_output(out, force=force)
        secret = export_passphrase(False, list(recipient), "referral file")
    with open_casebook(db, passphrase_file) as book:
        try:
            case, referral = book.cases.refer(case_id, to, code or "", note=note,
                                              via="export" if out else "casebook")
        except ConsentRequired as exc:
            # `case refer`'s contract (issue 15): refused for want of her consent exits 2
            refused = ConsentRequired(str(exc))
            refused.exit_code = 2
            raise refused from None
        referral_id = book.cases.row_ids(case_id)[referral.uid]
        if out is not None:
            from casebook.files import encrypt, write_output
            from casebook.share.referral import package, serialise

            data = encrypt(serialise(package(book, case_id, referral, with_text=with_text)),
                           recipients=list(recipient), passphrase=secret)
            write_output(out, data, force=force)
    if out is not None:
        console.print(f"Referral {referral_id}: case {case_id} to {to} for {code}, written to "
                      f"{out} (age-encrypted). Record the answer with `casebook case referral "
                      f"{referral_id} accept|refuse`.", markup=False)
        err.print("A file once sent cannot be recalled: if she withdraws her consent, tell "
                  f"{to} to delete it.", markup=False)
    else:
        console.print(f"Referral {referral_id}: case {case_id} to {to} for {code}; {to} sees "
                      "it in its referral inbox while her consent shares with it.", markup=False)


SERVICE_ALIASES = {"legal": "legal_aid", "medical": "medical_care", "psychosocial": "counselling",
                   "shelter": "safe_house", "reproductive_health": "reproductive_care",
                   "children": "child_support", "legal_documents": "documents"}


def referral_answer(
    referral_id: Annotated[int, typer.Argument(help="Referral id (`casebook case show`).")],
    answer: Annotated[str, typer.Argument(help="accept, refuse, complete or cancel.")],
    reason: Annotated[str | None, typer.Option(help="Why (needed to refuse or cancel).")] = None,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Record the receiving organisation's answer, or cancel a referral.

    Example: casebook case referral 2 accept
    """
    status = {"accept": "accepted", "refuse": "refused", "complete": "completed",
              "cancel": "cancelled"}.get(answer.strip().lower())
    if status is None:
        raise BadArgument("answer: accept, refuse, complete or cancel")
    with open_casebook(db, passphrase_file) as book:
        case_id, uid = book.cases.id_of_referral(referral_id)
        book.cases.answer(case_id, uid, status, reason)
    console.print(f"Referral {referral_id} (case {case_id}): {status}.")


def task(
    case_id: CaseId,
    text: Annotated[str | None, typer.Argument(help="What is to be done.")] = None,
    due: Annotated[str | None, typer.Option(help="Due date, YYYY-MM-DD.")] = None,
    kind: Annotated[str, typer.Option(
        help="follow_up, document_appointment, medical_appointment, move, other.")] = "follow_up",
    assignee: Annotated[str | None, typer.Option(
        help="Who does it (default: her caseworker).")] = None,
    done: Annotated[int | None, typer.Option(
        "--done", help="Mark this task (its id from `case show`) done today.")] = None,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Add a dated task (follow-up visit, document appointment, move to the next stop), or
    mark one done.

    Example: casebook case task 3 --due 2026-12-20 "visit at the safe house"
    """
    from casebook.model.date_text import parse_day

    if done is not None:
        with open_casebook(db, passphrase_file) as book:
            owner, uid = book.cases.id_of_task(done)
            if owner != case_id:
                raise BadArgument(f"--done: task {done} belongs to case {owner}, not {case_id}")
            book.cases.task(case_id, uid, done_on=dt.date.today())
        console.print(f"Task {done} of case {case_id}: done.")
        return
    if not text or not text.strip():
        raise BadArgument("TEXT: say what is to be done (or use --done TASK_ID)")
    try:
        day = parse_day(due, "--due")
    except InvalidInput as exc:
        raise BadArgument(str(exc)) from None
    if day is None:
        raise BadArgument("--due: a task needs a due date (YYYY-MM-DD)")
    with open_casebook(db, passphrase_file) as book:
        _, uid = book.cases.task(case_id, text=text, due=day,
                                 kind=_code("case_task", kind, "--kind"), assignee=assignee)
        task_id = book.cases.row_ids(case_id)[uid]
    late = " (already overdue)" if day < dt.date.today() else ""
    console.print(f"Task {task_id} of case {case_id}, due {day}{late}.")


def note_cmd(
    case_id: CaseId, text: Annotated[str, typer.Argument(help="The note.")],
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Add a dated note to her history (a visit, a call).

    Example: casebook case note 3 "called; she is well"
    """
    with open_casebook(db, passphrase_file) as book:
        book.cases.note(case_id, text)
    console.print(f"Case {case_id}: note added.")


def list_cmd(
    overdue: Annotated[bool, typer.Option(
        "--overdue", help="Overdue tasks, one list per caseworker.")] = False,
    caseworker: Annotated[str | None, typer.Option(help="Only this caseworker's.")] = None,
    status: Annotated[str | None, typer.Option(
        help="open, in_transit, resettled, closed, active (all but closed) or all "
             "(the default).")] = None,
    stage: Stage = None, risk: Risk = None,
    organisation: Annotated[str | None, typer.Option(help="Only this organisation's.")] = None,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None, json_out: JsonOption = False,
) -> None:
    """List cases (never her place), or with --overdue the tasks past their due date.

    Example: casebook case list --overdue --caseworker mina
    """
    from casebook.cli.case_output import print_list, print_overdue
    from casebook.store import CaseFilters

    filters = CaseFilters(
        organisation=organisation, caseworker=caseworker,
        status=None if status == "all" else "active" if status == "active"
        else _code("case_status", status, "--status"),
        stage=_code("case_stage", stage, "--stage"), risk=_code("case_risk", risk, "--risk"))
    with open_casebook(db, passphrase_file) as book:
        if overdue:
            late = book.cases.overdue(organisation=organisation, caseworker=caseworker)
        else:
            rows = book.cases.all(filters)
    if overdue:
        if json_out:
            print_json([{**t.__dict__, "due": t.due.isoformat(), "owner": t.owner}
                        for t in late])
        else:
            print_overdue(late)
        return
    if json_out:
        print_json([r.to_dict() for r in rows])
    else:
        print_list(rows)


def consent_cmd(
    case_id: CaseId,
    action: Annotated[str, typer.Argument(help="grant or withdraw.")],
    scope: Annotated[str, typer.Argument(help="share_with:ORG (or another consent scope).")],
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Record consent she gave for her case (e.g. share_with:ORG), or withdraw it.

    Her consent for a partner is read from her testimonies and her case together: some
    record must grant it and none may have withdrawn it. Withdrawing it takes her case out of
    the partner's view at once.
    Example: casebook case consent 3 grant "share_with:Bridge of Light"
    """
    from casebook.model.consent import check_scope

    try:
        stored = check_scope(scope)
    except ValueError as exc:
        raise BadArgument(f"{exc}; nothing was changed") from None
    if action not in ("grant", "withdraw"):
        raise BadArgument("action: grant or withdraw")
    with open_casebook(db, passphrase_file) as book:
        if action == "grant":
            book.cases.grant(case_id, stored)
        else:
            book.cases.withdraw(case_id, stored)
    console.print(f"Case {case_id}: {'granted' if action == 'grant' else 'withdrew'} {stored}.",
                  markup=False)


def dashboard(
    organisation: Annotated[str | None, typer.Option(help="Only this organisation's.")] = None,
    publish: Annotated[bool, typer.Option(
        "--publish", help="Apply disclosure control, for anything that leaves the "
                          "organisation.")] = False,
    k: Annotated[int, typer.Option("--k", help="Minimum cases per published cell.")] = 11,
    rounding: Annotated[int | None, typer.Option("--round", help="Round published counts.")] = None,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None, json_out: JsonOption = False,
) -> None:
    """Counts of cases by status, stage, risk and open need, and overdue tasks.

    Exact counts are for the team; --publish suppresses every count below k (and whatever
    would give one away). Example: casebook case dashboard --publish
    """
    from rich.table import Table

    from casebook.cli.case_output import label

    if publish and (k < 2 or (rounding is not None and rounding < 1)):
        raise BadArgument("--k must be at least 2 and --round at least 1")
    with open_casebook(db, passphrase_file) as book:
        counts = book.cases.counts(organisation)
    if publish:
        from casebook.publish.caseload import as_rows, published

        rows = as_rows(published(counts, k=k, rounding=rounding))
        if json_out:
            print_json({"k": k, "rounding": rounding, "cells": rows})
            return
        table = Table("table", "category", "active cases",
                      title=f"Case dashboard for publication (k = {k})")
        for r in rows:
            category = str(r["category"])
            name = str(r["table"])
            shown = category if category.startswith("*") or name == "case_overdue" \
                or category == "not_stated" else label(name, category)
            table.add_row(name, shown.replace("*all", "all").replace("*stated", "stated"),
                          "suppressed" if r["count"] is None else str(r["count"]))
        console.print(table)
        return
    if json_out:
        print_json(counts)
        return
    err.print("exact counts, for the team only (use --publish for anything shared)")
    for key, vocabulary in (("status", "case_status"), ("stage", "case_stage"),
                            ("risk", "case_risk"), ("needs", "case_need")):
        table = Table(key, "cases", title={"status": "All cases by status",
                                           "needs": "Open needs (active cases)"}.get(
            key, f"Active cases by {key}"))
        for code, n in sorted(counts[key].items(), key=lambda kv: -kv[1]):
            table.add_row(label(vocabulary, code) if code != "not_stated" else "not stated",
                          str(n))
        console.print(table)
    late = counts["overdue"]
    console.print(f"Overdue: {late['tasks']} tasks in {late['cases']} cases"
                  + (" (" + ", ".join(f"{w}: {n}" for w, n in sorted(
                      counts["overdue_by_caseworker"].items())) + ")" if late["tasks"] else ""))


def receive(
    file: Annotated[Path, typer.Argument(help="A referral file from `casebook case refer --out`.")],
    organisation: Annotated[str, typer.Option(
        help="Your organisation (the referral must be addressed to it).")],
    identity: Annotated[Path | None, typer.Option(
        help="Your key file (`casebook field keygen`), if it was sent to your public key; "
             "else $CASEBOOK_EXPORT_PASSPHRASE or a prompt.")] = None,
    db: DbOption = None, passphrase_file: PassphraseFileOption = None,
) -> None:
    """Open, in your casebook, the case of a woman referred to you in an encrypted file.

    Example: casebook case receive referral.age --organisation "Bridge of Light" --identity key.age
    """
    from casebook.cli.field import _secret
    from casebook.field.bundle import load_hq_identity
    from casebook.files import decrypt, read_input
    from casebook.share.referral import MAX_BYTES, read
    from casebook.share.referral import receive as receive_referral

    data = read_input(file, MAX_BYTES)
    if identity is not None:
        key = load_hq_identity(identity, _secret("CASEBOOK_HQ_KEY_PASSPHRASE",
                                                 "Key passphrase"))
        plain = decrypt(data, str(file), identity=key)
    else:
        plain = decrypt(data, str(file), passphrase=export_passphrase(False, [], "referral file"))
    payload = read(plain, str(file))
    with open_casebook(db, passphrase_file) as book:
        got = receive_referral(book, payload, organisation)
    if got.already:
        console.print(f"This referral was received before: case {got.case_id}; nothing changed.")
    else:
        console.print(f"Opened case {got.case_id} (person {got.person_id}, {got.testimonies} "
                      "testimonies she lets you have). Tell the referring organisation your "
                      "answer.", markup=False)


def register(app: typer.Typer) -> None:
    case_app.command("open")(open_cmd)
    case_app.command()(show)
    case_app.command()(update)
    case_app.command()(need)
    case_app.command()(service)
    case_app.command()(refer)
    case_app.command("referral")(referral_answer)
    case_app.command()(task)
    case_app.command("note")(note_cmd)
    case_app.command("list")(list_cmd)
    case_app.command("consent")(consent_cmd)
    case_app.command()(dashboard)
    case_app.command()(receive)
    app.add_typer(case_app, name="case")
