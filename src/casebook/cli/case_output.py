"""How ``casebook case`` prints: a case, its timeline, lists, overdue tasks, the dashboard.

English labels from the vocabularies; dates as precise as they are. ``case list`` and the
dashboard never print her place: only ``case show`` does, on the screen of someone who asked
for that case (and the read is audited).
"""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table

from casebook.cli.common import console
from casebook.model.case_timeline import Entry, timeline
from casebook.model.cases import Case, CaseEvent
from casebook.vocab import load, place


def label(vocabulary: str, code: str | None) -> str:
    if not code:
        return "-"
    vocab = load(vocabulary)
    return vocab.label(code) if code in vocab else code


def place_label(place_id: str | None) -> str:
    if not place_id:
        return "-"
    try:
        return place(place_id).en
    except Exception:  # noqa: BLE001 - a place the gazetteer no longer has is shown as its id
        return place_id


def _value(kind: str, value: Any) -> str:
    if value is None or value == "":
        return "-"
    if kind == "place":
        return place_label(value)
    if kind == "date":
        return value.label()
    if kind == "text":
        return str(value)
    return label(kind, value)


def describe(e: Entry) -> str:
    """One timeline line in English."""
    if e.kind in ("open", "update"):
        parts = [f"{c.field.replace('_', ' ')}: {_value(c.kind, c.old)} → {_value(c.kind, c.new)}"
                 if e.kind == "update" else f"{c.field.replace('_', ' ')} {_value(c.kind, c.new)}"
                 for c in e.changes]
        head = "opened the case" if e.kind == "open" else "changed"
        return head + (": " + "; ".join(parts) if parts else "")
    if e.kind == "need":
        bits = [f"need {label('case_need', e.subject)}"]
        if e.state:
            bits.append(label("case_need_state", e.state).lower())
        return " ".join(bits) + (f" ({e.text})" if e.text else "")
    if e.kind == "service":
        bits = [f"service {label('case_service', e.subject) if e.subject else ''}".strip()]
        if e.state:
            bits.append(label("case_service_state", e.state).lower())
        if e.extra.get("on"):
            bits.append(e.extra["on"].label())
        if e.extra.get("provider"):
            bits.append(f"by {e.extra['provider']}")
        if e.extra.get("outcome"):
            bits.append(f"outcome {label('case_outcome', e.extra['outcome']).lower()}")
        return " ".join(bits) + (f" ({e.text})" if e.text else "")
    if e.kind == "referral":
        if e.subject:
            service = label("case_service", e.extra.get("service"))
            return f"referred to {e.subject} for {service}" + (f" ({e.text})" if e.text else "")
        return f"referral {label('case_referral_status', e.state).lower()}" + (
            f" ({e.text})" if e.text else "")
    if e.kind == "task":
        if e.state == "done":
            return f"task done on {e.extra.get('done_on')}"
        return f"task {label('case_task', e.subject) if e.subject else ''}: {e.text or ''}" + (
            f", due {e.extra['due']}" if e.extra.get("due") else "")
    if e.kind == "consent":
        return f"consent {e.state}: {e.subject}"
    return f"note: {e.text}"


def print_case(case: Case, pseudonym: str, events: list[CaseEvent], row_ids: dict[str, int],
               testimonies: list[Any], consent_scopes: list[str], history: int) -> None:
    """The whole case on the screen."""
    closed = f", closed {case.closed_on} ({label('case_closure', case.closure_reason)})" \
        if case.closed_on else ""
    console.print(f"[bold]Case {case.id}[/] · {escape(pseudonym)} · {escape(case.organisation)}"
                  f" · caseworker {escape(case.caseworker or '-')}")
    console.print(f"  status   {label('case_status', case.status)} (opened {case.opened_on}"
                  f"{closed})")
    since = f" since {case.stage_since.label()}" if case.stage_since else ""
    console.print(f"  stage    {label('case_stage', case.stage)} · "
                  f"{escape(place_label(case.place))}{since}")
    assessed = f", assessed {case.risk_assessed.label()}" if case.risk_assessed else ""
    reason = f": {escape(case.risk_reason)}" if case.risk_reason else ""
    console.print(f"  risk     {label('case_risk', case.risk)}{assessed}{reason}")
    console.print(f"  consent  {escape(', '.join(consent_scopes) or 'none recorded')}")
    if case.needs:
        console.print("  needs    " + ", ".join(
            f"{label('case_need', n.need)} ({label('case_need_state', n.state).lower()})"
            for n in sorted(case.needs.values(), key=lambda n: n.need)))
    if case.services:
        table = Table("service", "id", "state", "when", "by", "outcome", title="Services")
        for s in case.services.values():
            table.add_row(label("case_service", s.service), s.uid[:8],
                          label("case_service_state", s.state), s.on.label() if s.on else "-",
                          escape(s.provider or "-"), label("case_outcome", s.outcome))
        console.print(table)
    if case.referrals:
        table = Table("referral", "to", "service", "status", "sent", title="Referrals")
        for r in case.referrals.values():
            table.add_row(str(row_ids.get(r.uid, "?")), escape(r.to),
                          label("case_service", r.service),
                          label("case_referral_status", r.status) + (
                              f": {escape(r.reason)}" if r.reason else ""),
                          r.sent_at.date().isoformat() if r.sent_at else "-")
        console.print(table)
    if case.tasks:
        table = Table("task", "due", "kind", "who", "what", "done", title="Tasks")
        for t in sorted(case.tasks.values(), key=lambda t: t.due):
            late = t.overdue()
            table.add_row(str(row_ids.get(t.uid, "?")),
                          f"[red]{t.due} (overdue)[/]" if late else str(t.due),
                          label("case_task", t.kind), escape(t.assignee or "-"), escape(t.text),
                          str(t.done_on or "-"))
        console.print(table)
    if testimonies:
        console.print("  testimonies  " + ", ".join(
            f"#{t.id} ({t.language}{', ' + str(t.interview_year) if t.interview_year else ''})"
            for t in testimonies) + "  (her journey: `casebook show ID`)")
    lines = timeline(events)
    console.print(f"[bold]History[/] ({len(lines)} changes, newest first)")
    for e in lines[:history] if history > 0 else lines:
        console.print(f"  {e.at:%Y-%m-%d %H:%M} {escape(e.actor)}: {escape(describe(e))}")
    if 0 < history < len(lines):
        console.print(f"  … {len(lines) - history} older (--history 0 shows all)")


def print_list(rows: list[Any]) -> None:
    table = Table("case", "woman", "organisation", "caseworker", "status", "stage", "risk",
                  "tasks (late)", "open needs")
    for r in rows:
        late = f" ([red]{r.overdue_tasks}[/])" if r.overdue_tasks else ""
        table.add_row(str(r.id), escape(r.pseudonym), escape(r.organisation),
                      escape(r.caseworker or "-"), label("case_status", r.status),
                      label("case_stage", r.stage), label("case_risk", r.risk),
                      f"{r.open_tasks}{late}", str(len(r.open_needs)))
    console.print(table)
    if not rows:
        console.print("No cases match. Open one with `casebook case open PERSON_ID`.")


def print_overdue(tasks: list[Any]) -> None:
    """Overdue tasks, one table per caseworker (the assignee, else the case's caseworker)."""
    if not tasks:
        console.print("No overdue tasks.")
        return
    by_worker: dict[str, list[Any]] = {}
    for t in tasks:
        by_worker.setdefault(t.owner or "(unassigned)", []).append(t)
    for worker in sorted(by_worker):
        table = Table("task", "case", "woman", "due", "late", "kind", "what",
                      title=f"Overdue for {escape(worker)} ({len(by_worker[worker])})")
        for t in by_worker[worker]:
            late = f"{t.days_late} day{'s' if t.days_late != 1 else ''}"
            table.add_row(str(t.task_id), str(t.case_id), escape(t.pseudonym), str(t.due),
                          late, label("case_task", t.kind), escape(t.text))
        console.print(table)


def print_demo_cases(book: Any) -> None:
    """What ``casebook demo`` shows of the demo cases, and the commands to try on them."""
    rows = book.cases.all()
    if not rows:
        return
    console.print(f"\n[bold]Demo cases[/] ({len(rows)}: every stage of the route to safety)")
    print_list(rows)
    late = book.cases.overdue()
    opened = {r.person_id for r in rows}
    free = next((p.id for p in book.persons.all() if p.id not in opened and p.organisation),
                None)
    shared = next((r for r in rows if r.referrals.get("pending")), rows[0])
    console.print(f"{len(late)} overdue tasks. Try: casebook case list --overdue · "
                  f"casebook case show {shared.id}"
                  + (f" · casebook case open {free}" if free else ""))
