"""``book.cases``: a case per woman in an organisation's care, changed only through its history.

Every change is one transaction: the event (``model/cases.py`` checks it), the case written
whole, and an audit entry that names the case and the kind of change, never its values (her
place, notes). A referral is refused unless her consent, over all its records, shares with the
receiving organisation (``ConsentRequired``, naming the missing scope); the partner then sees
the case through ``book.as_user`` while the referral is active and her consent holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, delete, func, select, true

from casebook.errors import AlreadyExists, ConsentRequired, InvalidInput, NotFound
from casebook.model import Consent
from casebook.model.cases import (
    CLOSED,
    Case,
    CaseEvent,
    Referral,
    apply,
    changes,
    event,
    her_consent_allows,
    new_uid,
)
from casebook.model.consent import share_scope
from casebook.store.case_rows import (
    CaseSummary,
    case_id_of,
    event_uids,
    insert_case,
    insert_event,
    load_case,
    load_events,
    summaries,
    write_case,
)
from casebook.store.consent import consents_of
from casebook.store.persons import get_person
from casebook.store.schema import (
    case_consent,
    case_events,
    case_referrals,
    case_tasks,
    cases,
    organisations,
    persons,
    testimonies,
)

if TYPE_CHECKING:
    from casebook.store.casebook import Casebook


@dataclass
class CaseFilters:
    """What a case list shows: one organisation's, by status, stage, risk, caseworker."""

    organisation: str | None = None
    status: str | None = None  # a case_status code, or "active" (every status but closed)
    stage: str | None = None
    risk: str | None = None
    caseworker: str | None = None
    person_id: int | None = None
    overdue: bool = False


@dataclass
class OverdueTask:
    """A task past its due date, with the case it belongs to."""

    task_id: int
    case_id: int
    pseudonym: str
    organisation: str
    caseworker: str | None
    assignee: str | None
    kind: str
    text: str
    due: dt.date
    days_late: int

    @property
    def owner(self) -> str | None:
        """Who should act: the task's assignee, else the case's caseworker."""
        return self.assignee or self.caseworker


class Cases:
    """Open, change, list and share the cases of a casebook."""

    def __init__(self, book: Casebook) -> None:
        self._book = book

    # -- reading ---------------------------------------------------------------------------
    def get(self, case_id: int, purpose: str = "read") -> Case:
        """The whole case, her place included: an audited read."""
        with self._book.engine.begin() as conn:
            case = load_case(conn, case_id)
            self._book._audit(conn, "read_case", f"case:{case_id}", {"purpose": purpose})
        return case

    def history(self, case_id: int) -> list[CaseEvent]:
        """Every change of the case, oldest first."""
        with self._book.engine.connect() as conn:
            load_case(conn, case_id)  # NotFound for an unknown id
            return load_events(conn, case_id)

    def all(self, filters: CaseFilters | None = None, *, limit: int | None = None,
             offset: int = 0, today: dt.date | None = None) -> list[CaseSummary]:
        """Summaries (no place, no notes), most recently changed first."""
        with self._book.engine.connect() as conn:
            return summaries(conn, case_conditions(filters or CaseFilters(), today),
                             today or dt.date.today(), limit=limit, offset=offset)

    def of_person(self, person_id: int) -> list[CaseSummary]:
        """Her cases (one per organisation caring for her)."""
        return self.all(CaseFilters(person_id=person_id))

    def id_of_referral(self, referral_id: int) -> tuple[int, str]:
        """(case id, referral uid) of a referral row id."""
        with self._book.engine.connect() as conn:
            row = conn.execute(select(case_referrals.c.case_id, case_referrals.c.uid).where(
                case_referrals.c.id == referral_id)).first()
        if row is None:
            raise NotFound(f"referral {referral_id}: no such referral")
        return row.case_id, row.uid

    def id_of_task(self, task_id: int) -> tuple[int, str]:
        """(case id, task uid) of a task row id."""
        with self._book.engine.connect() as conn:
            row = conn.execute(select(case_tasks.c.case_id, case_tasks.c.uid).where(
                case_tasks.c.id == task_id)).first()
        if row is None:
            raise NotFound(f"task {task_id}: no such task")
        return row.case_id, row.uid

    def row_ids(self, case_id: int) -> dict[str, int]:
        """Row ids of the case's tasks and referrals by uid (what the CLI prints)."""
        with self._book.engine.connect() as conn:
            out = dict(conn.execute(select(case_tasks.c.uid, case_tasks.c.id)
                                    .where(case_tasks.c.case_id == case_id)).all())
            out.update(conn.execute(select(case_referrals.c.uid, case_referrals.c.id)
                                    .where(case_referrals.c.case_id == case_id)).all())
        return out

    def overdue(self, *, organisation: str | None = None, caseworker: str | None = None,
                today: dt.date | None = None) -> list[OverdueTask]:
        """Open tasks past their due date in cases not closed, oldest first; ``caseworker``
        keeps those assigned to that person (or, unassigned, in that person's cases)."""
        today = today or dt.date.today()
        where = [case_tasks.c.done_on.is_(None), case_tasks.c.due < today,
                 cases.c.status != CLOSED]
        if organisation:
            where.append(cases.c.organisation == organisation)
        if caseworker:
            where.append((case_tasks.c.assignee == caseworker)
                         | (case_tasks.c.assignee.is_(None) & (cases.c.caseworker == caseworker)))
        return self._overdue(where, today)

    def _overdue(self, where: list[Any], today: dt.date) -> list[OverdueTask]:
        q = (select(case_tasks, cases.c.organisation, cases.c.caseworker, persons.c.pseudonym)
             .select_from(case_tasks.join(cases, cases.c.id == case_tasks.c.case_id)
                          .join(persons, persons.c.id == cases.c.person_id))
             .where(*where).order_by(case_tasks.c.due, case_tasks.c.id))
        with self._book.engine.connect() as conn:
            rows = conn.execute(q).all()
        return [OverdueTask(r.id, r.case_id, r.pseudonym, r.organisation, r.caseworker,
                            r.assignee, r.kind, r.text, r.due, (today - r.due).days)
                for r in rows]

    def counts(self, organisation: str | None = None,
               today: dt.date | None = None) -> dict[str, dict[str, int]]:
        """The dashboard: cases by status; active cases by stage, risk and open need;
        overdue tasks and the cases that have them. Exact counts, for inside the organisation
        (``publish/caseload.py`` protects them for outside)."""
        with self._book.engine.connect() as conn:
            return case_counts(conn, [cases.c.organisation == organisation]
                               if organisation else [], today or dt.date.today())

    def consent_of(self, case_id: int) -> list[Consent]:
        """Every record of her consent: her testimonies' and the case's own."""
        with self._book.engine.connect() as conn:
            return her_consents(conn, load_case(conn, case_id))

    # -- opening and changing --------------------------------------------------------------
    def open(self, person_id: int, organisation: str | None = None, *,
             opened_on: dt.date | None = None, **values: Any) -> Case:
        """Open her case in ``organisation`` (default: her person record's). ``values`` are
        case fields (caseworker, status, stage, place, stage_since, risk, risk_reason,
        risk_assessed). One case per woman and organisation: reopen a closed one instead."""
        with self._book.engine.begin() as conn:
            person = get_person(conn, person_id)
            org = " ".join((organisation or person.organisation or "").split())
            if not org:
                raise InvalidInput(f"person {person_id}: her record names no organisation; "
                                   "say which organisation opens the case")
            if org != person.organisation and org not in known_organisations(conn):
                raise InvalidInput(f"organisation {org!r} is not known in this casebook; "
                                   "check the name")
            existing = conn.execute(select(cases.c.id).where(
                cases.c.person_id == person_id, cases.c.organisation == org)).scalar()
            if existing is not None:
                raise AlreadyExists(f"person {person_id} already has case {existing} in {org}; "
                                    f"update it (a closed case reopens with status open)")
            start = Case(new_uid(), person_id, org)
            given = {k: v for k, v in values.items() if v not in (None, "")}
            opening = event("open", self._book.actor, {
                **{name: pair[1] for name, pair in changes(start, given).items()},
                "opened_on": opened_on or dt.date.today()})
            case = apply(start, opening)
            case_id = insert_case(conn, case)
            insert_event(conn, case_id, opening)
            write_case(conn, case)
            self._book._audit(conn, "case_open", f"case:{case_id}",
                              {"person": person_id, "organisation": org})
        return case

    def update(self, case_id: int, **values: Any) -> Case:
        """Change case fields (status, stage, place, risk...); unchanged values are ignored."""
        def build(case: Case) -> CaseEvent | None:
            diff = changes(case, values)
            return event("update", self._book.actor, {"changes": diff}) if diff else None
        return self.change(case_id, build)

    def need(self, case_id: int, need: str, **values: Any) -> Case:
        """Record or change one need of her assessment (state, note, assessed)."""
        return self.change(case_id, lambda c: event("need", self._book.actor,
                                                    {"need": need, **values}))

    def service(self, case_id: int, uid: str | None = None, **values: Any) -> tuple[Case, str]:
        """Plan, give or cancel a service (a new one without ``uid``); returns its uid."""
        chosen = uid or new_uid()
        case = self.change(case_id, lambda c: event("service", self._book.actor,
                                                    {"uid": chosen, **values}))
        return case, chosen

    def task(self, case_id: int, uid: str | None = None, **values: Any) -> tuple[Case, str]:
        """Add a dated task (without ``uid``) or change one (done_on, due...)."""
        chosen = uid or new_uid()
        case = self.change(case_id, lambda c: event("task", self._book.actor,
                                                    {"uid": chosen, **values}))
        return case, chosen

    def note(self, case_id: int, text: str) -> Case:
        """A dated note in her history (a visit, a call)."""
        return self.change(case_id, lambda c: event("note", self._book.actor, {"text": text}))

    def grant(self, case_id: int, scope: str, on: dt.date | None = None) -> Case:
        """Record a consent scope she gave for her case (e.g. share_with:ORG)."""
        return self.change(case_id, lambda c: event(
            "consent", self._book.actor, {"scope": scope, "action": "grant", "on": on}))

    def withdraw(self, case_id: int, scope: str, on: dt.date | None = None) -> Case:
        """Withdraw a scope of her case's consent; a partner relying on it loses the case."""
        return self.change(case_id, lambda c: event(
            "consent", self._book.actor, {"scope": scope, "action": "withdraw", "on": on}))

    def refer(self, case_id: int, to: str, service: str, *, note: str | None = None,
              via: str = "casebook") -> tuple[Case, Referral]:
        """Refer her to another organisation for ``service``, if her consent shares with it.

        Refused with ``ConsentRequired`` naming the missing scope (nothing is written);
        ``via="casebook"`` needs an organisation known here, ``"export"`` any name.
        """
        to = " ".join((to or "").split())
        uid = new_uid()

        def build(case: Case) -> CaseEvent:
            return event("referral", self._book.actor,
                         {"uid": uid, "to": to, "service": service, "note": note, "via": via})

        def check(conn: Connection, case: Case) -> None:
            if via == "casebook" and to not in known_organisations(conn):
                raise InvalidInput(
                    f"--to: {to!r} is not an organisation of this casebook; check the name, or "
                    "send the referral as an encrypted export (--out FILE --recipient age1…)")
            require_consent(conn, case, to)

        try:
            case = self.change(case_id, build, check)
        except ConsentRequired:
            # the attempt is on record even though nothing was shared: which scope was missing
            with self._book.engine.begin() as conn:
                self._book._audit(conn, "case_referral_refused", f"case:{case_id}",
                                  {"to": to, "service": service, "missing": share_scope(to)})
            raise
        return case, case.referrals[uid]

    def answer(self, case_id: int, referral_uid: str, status: str,
               reason: str | None = None) -> Case:
        """Record the receiving organisation's answer (accepted, refused, completed) or the
        referring organisation's cancellation."""
        return self.change(case_id, lambda c: event(
            "referral", self._book.actor, {"uid": referral_uid, "status": status,
                                           "reason": reason}))

    def change(self, case_id: int, build: Any, check: Any = None) -> Case:
        """Apply the event ``build(case)`` makes (None: nothing to do), in one transaction
        with the case, its history and the audit entry; ``check(conn, case)`` may refuse."""
        with self._book.engine.begin() as conn:
            case = load_case(conn, case_id)
            ev = build(case)
            if ev is None:
                return case
            if ev.kind == "referral" and ev.data.get("status") and ev.data["uid"] not in \
                    case.referrals:
                raise NotFound(f"case {case_id}: no referral {str(ev.data['uid'])[:8]}")
            if ev.kind == "task" and "text" not in ev.data and ev.data["uid"] not in case.tasks:
                raise NotFound(f"case {case_id}: no task {str(ev.data['uid'])[:8]}")
            if ev.kind == "service" and "service" not in ev.data and \
                    ev.data["uid"] not in case.services:
                raise NotFound(f"case {case_id}: no service {str(ev.data['uid'])[:8]}")
            new = apply(case, ev)
            if check is not None:
                check(conn, new)
            insert_event(conn, case_id, ev)
            write_case(conn, new)
            self._book._audit(conn, f"case_{ev.kind}", f"case:{case_id}", audit_detail(ev))
        return new

    # -- field bundles ----------------------------------------------------------------------
    def bundle_item(self, case_id: int) -> dict[str, Any]:
        """The case as a field bundle carries it: identity and whole history (audited)."""
        with self._book.engine.begin() as conn:
            case = load_case(conn, case_id)
            item = {"uid": case.uid, "organisation": case.organisation,
                    "person_ref": case.person_id,
                    "events": [e.to_dict() for e in load_events(conn, case_id)]}
            self._book._audit(conn, "read_case", f"case:{case_id}", {"purpose": "field_seal"})
        return item

    def uids(self) -> dict[str, tuple[int, int]]:
        """Every case's uid -> (case id, person id), without reading the cases."""
        with self._book.engine.connect() as conn:
            return {r.uid: (r.id, r.person_id) for r in conn.execute(
                select(cases.c.uid, cases.c.id, cases.c.person_id))}

    def event_uids(self) -> dict[int, set[str]]:
        """Every case's event uids by case id (what a field seal has sent already)."""
        with self._book.engine.connect() as conn:
            out: dict[int, set[str]] = {}
            for cid, uid in conn.execute(select(case_events.c.case_id, case_events.c.uid)):
                out.setdefault(cid, set()).add(uid)
            return out

    def merge(self, item: dict[str, Any], person_id: int | None) -> tuple[int, int, list[str]]:
        """Bring a case from a field bundle in: new events are added (by uid), the case is
        rebuilt from its whole history. Returns (case id, events added, events that no longer
        apply, by uid: kept in the history but skipped)."""
        events = [CaseEvent.from_dict(e) for e in item.get("events") or []]
        with self._book.engine.begin() as conn:
            case_id = case_id_of(conn, str(item["uid"]))
            if case_id is None:
                if person_id is None:
                    raise InvalidInput(f"case {str(item['uid'])[:8]}: no person to attach it to")
                org = str(item.get("organisation") or "")
                clash = conn.execute(select(cases.c.id).where(
                    cases.c.person_id == person_id, cases.c.organisation == org)).scalar()
                if clash is not None:
                    raise AlreadyExists(f"person {person_id} already has case {clash} in {org}")
                base = Case(str(item["uid"]), person_id, org)
                case, skipped = replay_tolerant(base, events)
                case_id = insert_case(conn, case)
                fresh = events
            else:
                known = event_uids(conn, case_id)
                fresh = [e for e in events if e.uid not in known]
                if not fresh:
                    return case_id, 0, []
                current = load_case(conn, case_id)
                base = Case(current.uid, current.person_id, current.organisation, id=case_id)
                case, skipped = replay_tolerant(base, load_events(conn, case_id) + fresh)
                case.id = case_id
            for e in fresh:
                insert_event(conn, case_id, e)
            write_case(conn, case)
            self._book._audit(conn, "case_merge", f"case:{case_id}",
                              {"events": len(fresh), "skipped": len(skipped)})
        return case_id, len(fresh), skipped


# -- helpers the scoped view and the field tools share ------------------------------------------
def replay_tolerant(base: Case, events: list[CaseEvent]) -> tuple[Case, list[str]]:
    """The case after every event that still applies, oldest first; the uids of the others
    (two offices answered the same referral, say) are returned, not raised."""
    case, skipped = base, []
    for ev in sorted(events, key=lambda e: (e.at, e.uid)):
        try:
            case = apply(case, ev)
        except InvalidInput:
            skipped.append(ev.uid)
    return case, skipped


def audit_detail(ev: CaseEvent) -> dict[str, Any]:
    """What the audit log says of a change: its kind and which fields, never their values."""
    d = ev.data
    detail: dict[str, Any] = {"event": ev.uid}
    if ev.kind == "update":
        detail["fields"] = sorted(d.get("changes") or {})
    elif ev.kind == "referral":
        detail.update({k: d[k] for k in ("to", "service", "status", "via") if d.get(k)})
    elif ev.kind == "consent":
        detail.update({"scope": d.get("scope"), "action": d.get("action")})
    elif ev.kind in ("need", "service", "task"):
        detail.update({k: d[k] for k in ("need", "service", "state", "kind") if d.get(k)})
    return detail


def her_consents(conn: Connection, case: Case) -> list[Consent]:
    """Every record of her consent: each of her testimonies', and the case's own."""
    ids = list(conn.execute(select(testimonies.c.id).where(
        testimonies.c.person_id == case.person_id)).scalars())
    return [*consents_of(conn, ids).values(), case.consent]


def require_consent(conn: Connection, case: Case, organisation: str) -> None:
    """Nothing when her consent shares with ``organisation``; else ConsentRequired saying
    which scope is missing, or where she withdrew it."""
    scope = share_scope(organisation)
    records = her_consents(conn, case)
    if her_consent_allows(records, scope):
        return
    withdrawn = [c for c in records if any(g.scope == scope for g in c.grants)
                 and not c.allows(scope)]
    if withdrawn:
        raise ConsentRequired(f"case {case.id}: she withdrew {scope}; nothing was shared")
    raise ConsentRequired(f"case {case.id}: her consent lacks {scope}; record it first "
                          f"(`casebook case consent {case.id} grant '{scope}'`); "
                          "nothing was shared")


def known_organisations(conn: Connection) -> set[str]:
    """Organisations of this casebook: with users, or that recorded testimonies or cases."""
    found = set(conn.execute(select(organisations.c.code)).scalars())
    found |= {o for o in conn.execute(select(testimonies.c.organisation).distinct()).scalars()
              if o}
    found |= set(conn.execute(select(cases.c.organisation).distinct()).scalars())
    return found


def case_conditions(f: CaseFilters, today: dt.date | None = None) -> list[Any]:
    where: list[Any] = []
    if f.organisation:
        where.append(cases.c.organisation == f.organisation)
    if f.status == "active":
        where.append(cases.c.status != CLOSED)
    elif f.status:
        where.append(cases.c.status == f.status)
    for name in ("stage", "risk", "caseworker", "person_id"):
        value = getattr(f, name)
        if value not in (None, ""):
            where.append(cases.c[name] == value)
    if f.overdue:
        where.append(cases.c.id.in_(select(case_tasks.c.case_id).where(
            case_tasks.c.done_on.is_(None), case_tasks.c.due < (today or dt.date.today()))))
    return where


def case_counts(conn: Connection, where: list[Any], today: dt.date) -> dict[str, dict[str, int]]:
    """Counts for a dashboard over the cases matching ``where``."""
    active = and_(true(), *where, cases.c.status != CLOSED)

    def by(column: Any, cond: Any) -> dict[str, int]:
        rows = conn.execute(select(column, func.count()).where(cond).group_by(column)).all()
        return {(k if k is not None else "not_stated"): int(n) for k, n in rows}

    needs: dict[str, int] = {}
    for (value,) in conn.execute(select(cases.c.needs).where(active)):
        for n in value or []:
            if n.get("state") == "open":
                needs[n["need"]] = needs.get(n["need"], 0) + 1
    late = and_(active, case_tasks.c.done_on.is_(None), case_tasks.c.due < today)
    joined = case_tasks.join(cases, cases.c.id == case_tasks.c.case_id)
    overdue_tasks = conn.execute(select(func.count()).select_from(joined).where(late)).scalar()
    overdue_cases = conn.execute(select(func.count(func.distinct(case_tasks.c.case_id)))
                                 .select_from(joined).where(late)).scalar()
    per_worker: dict[str, int] = {}
    for assignee, caseworker, n in conn.execute(
            select(case_tasks.c.assignee, cases.c.caseworker, func.count())
            .select_from(joined).where(late)
            .group_by(case_tasks.c.assignee, cases.c.caseworker)):
        owner = assignee or caseworker or ""
        per_worker[owner] = per_worker.get(owner, 0) + int(n)
    return {"status": by(cases.c.status, and_(true(), *where)),
            "stage": by(cases.c.stage, active),
            "risk": by(cases.c.risk, active), "needs": needs,
            "overdue": {"tasks": int(overdue_tasks or 0), "cases": int(overdue_cases or 0)},
            "overdue_by_caseworker": {(k or "unassigned"): int(v)
                                      for k, v in per_worker.items()}}


def delete_cases(conn: Connection, case_ids: list[int]) -> set[int]:
    """Remove cases with their history, tasks, referrals and consent; returns their persons
    (the caller removes those left with no testimony and no case)."""
    if not case_ids:
        return set()
    person_ids = set(conn.execute(select(cases.c.person_id)
                                  .where(cases.c.id.in_(case_ids))).scalars())
    for table in (case_events, case_tasks, case_referrals, case_consent):
        conn.execute(delete(table).where(table.c.case_id.in_(case_ids)))
    conn.execute(delete(cases).where(cases.c.id.in_(case_ids)))
    return person_ids
