"""Case rows to the core's dataclasses and back (``model/cases.py``): the one place that knows
both shapes. A case is written whole after each change: the case row, then its tasks, referrals
and consent grants synchronised by id."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from casebook.errors import NotFound
from casebook.model import UncertainDate
from casebook.model.cases import Case, CaseEvent, Need, Referral, Service, Task
from casebook.model.consent import Consent, ConsentGrant
from casebook.store.rows import chunks, now
from casebook.store.schema import (
    case_consent,
    case_events,
    case_referrals,
    case_tasks,
    cases,
    persons,
)


@dataclass
class CaseSummary:
    """One case in a list: whose, where it stands, what waits; never her place or notes."""

    id: int
    person_id: int
    pseudonym: str
    organisation: str
    caseworker: str | None
    status: str
    stage: str | None
    risk: str | None
    opened_on: dt.date
    updated_at: dt.datetime | None
    open_tasks: int = 0
    overdue_tasks: int = 0
    open_needs: list[str] = field(default_factory=list)
    referrals: dict[str, int] = field(default_factory=dict)  # status -> count

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["opened_on"] = self.opened_on.isoformat()
        d["updated_at"] = self.updated_at.isoformat() if self.updated_at else None
        return d


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; everything here is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def _udate(value: Any) -> UncertainDate | None:
    return UncertainDate.from_dict(value) if value else None


def _udict(value: UncertainDate | None) -> dict[str, Any] | None:
    return value.to_dict() if value else None


# -- reading ---------------------------------------------------------------------------------
def case_id_of(conn: Connection, uid: str) -> int | None:
    return conn.execute(select(cases.c.id).where(cases.c.uid == uid)).scalar()


def load_case(conn: Connection, case_id: int) -> Case:
    """The whole case (NotFound for an unknown id)."""
    row = conn.execute(select(cases).where(cases.c.id == case_id)).first()
    if row is None:
        raise NotFound(f"case {case_id}: no such case")
    case = Case(
        uid=row.uid, person_id=row.person_id, organisation=row.organisation, status=row.status,
        caseworker=row.caseworker, closure_reason=row.closure_reason, stage=row.stage,
        place=row.place, stage_since=_udate(row.stage_since), risk=row.risk,
        risk_reason=row.risk_reason, risk_assessed=_udate(row.risk_assessed),
        opened_on=row.opened_on, closed_on=row.closed_on, id=row.id,
        updated_at=_aware(row.updated_at))
    for n in row.needs or []:
        case.needs[n["need"]] = Need(n["need"], n.get("state") or "open", n.get("note"),
                                     _udate(n.get("assessed")))
    for s in row.services or []:
        case.services[s["uid"]] = Service(
            s["uid"], s["service"], s.get("state") or "planned", s.get("provider"),
            _udate(s.get("on")), s.get("outcome"), s.get("need"), s.get("note"))
    for t in conn.execute(select(case_tasks).where(case_tasks.c.case_id == case_id)):
        case.tasks[t.uid] = Task(t.uid, t.text, t.due, t.kind, t.assignee, t.done_on)
    for r in conn.execute(select(case_referrals).where(case_referrals.c.case_id == case_id)):
        case.referrals[r.uid] = Referral(r.uid, r.to_organisation, r.service, r.status, r.via,
                                         r.note, r.reason, _aware(r.sent_at),
                                         _aware(r.answered_at), r.answered_by)
    grants = conn.execute(select(case_consent).where(case_consent.c.case_id == case_id)
                          .order_by(case_consent.c.id))
    case.consent = Consent(tuple(ConsentGrant(g.scope, g.granted_on, g.withdrawn_on)
                                 for g in grants))
    return case


def load_events(conn: Connection, case_id: int) -> list[CaseEvent]:
    """The history of a case, oldest first."""
    rows = conn.execute(select(case_events).where(case_events.c.case_id == case_id)
                        .order_by(case_events.c.at, case_events.c.id))
    return [CaseEvent(r.uid, r.kind, _aware(r.at) or now(), r.actor, dict(r.data))
            for r in rows]


def event_uids(conn: Connection, case_id: int) -> set[str]:
    return set(conn.execute(select(case_events.c.uid)
                            .where(case_events.c.case_id == case_id)).scalars())


def summaries(conn: Connection, where: list[Any], today: dt.date, *, limit: int | None = None,
              offset: int = 0) -> list[CaseSummary]:
    """Summaries of the cases matching ``where``, most recently changed first."""
    q = (select(cases.c.id, cases.c.person_id, persons.c.pseudonym, cases.c.organisation,
                cases.c.caseworker, cases.c.status, cases.c.stage, cases.c.risk,
                cases.c.opened_on, cases.c.updated_at, cases.c.needs)
         .select_from(cases.join(persons, persons.c.id == cases.c.person_id))
         .where(*where).order_by(cases.c.updated_at.desc(), cases.c.id.desc()).offset(offset))
    if limit is not None:
        q = q.limit(limit)
    rows = conn.execute(q).all()
    ids = [r.id for r in rows]
    tasks: dict[int, list[int]] = {}
    referrals: dict[int, dict[str, int]] = {}
    for chunk in chunks(ids):
        for t in conn.execute(select(case_tasks.c.case_id, case_tasks.c.due)
                              .where(case_tasks.c.case_id.in_(chunk),
                                     case_tasks.c.done_on.is_(None))):
            counts = tasks.setdefault(t.case_id, [0, 0])
            counts[0] += 1
            counts[1] += t.due < today
        for ref in conn.execute(select(case_referrals.c.case_id, case_referrals.c.status)
                                .where(case_referrals.c.case_id.in_(chunk))):
            per = referrals.setdefault(ref.case_id, {})
            per[ref.status] = per.get(ref.status, 0) + 1
    out = []
    for r in rows:
        open_tasks, overdue = tasks.get(r.id, (0, 0))
        out.append(CaseSummary(
            r.id, r.person_id, r.pseudonym, r.organisation, r.caseworker, r.status, r.stage,
            r.risk, r.opened_on, _aware(r.updated_at), open_tasks, overdue,
            sorted(n["need"] for n in r.needs or [] if n.get("state") == "open"),
            referrals.get(r.id, {})))
    return out


# -- writing ---------------------------------------------------------------------------------
def case_values(case: Case) -> dict[str, Any]:
    return {
        "caseworker": case.caseworker, "status": case.status,
        "closure_reason": case.closure_reason, "stage": case.stage, "place": case.place,
        "stage_since": _udict(case.stage_since), "risk": case.risk,
        "risk_reason": case.risk_reason, "risk_assessed": _udict(case.risk_assessed),
        "needs": [{"need": n.need, "state": n.state, "note": n.note,
                   "assessed": _udict(n.assessed)} for n in case.needs.values()],
        "services": [{"uid": s.uid, "service": s.service, "state": s.state,
                      "provider": s.provider, "on": _udict(s.on), "outcome": s.outcome,
                      "need": s.need, "note": s.note} for s in case.services.values()],
        "opened_on": case.opened_on, "closed_on": case.closed_on,
        "updated_at": case.updated_at or now(),
    }


def insert_case(conn: Connection, case: Case) -> int:
    values = {**case_values(case), "uid": case.uid, "person_id": case.person_id,
              "organisation": case.organisation, "created_at": now()}
    case_id = conn.execute(insert(cases).returning(cases.c.id), values).scalar_one()
    case.id = case_id
    return int(case_id)


def write_case(conn: Connection, case: Case) -> None:
    """The case row and its tasks, referrals and consent grants, as ``case`` has them."""
    assert case.id is not None
    conn.execute(update(cases).where(cases.c.id == case.id).values(case_values(case)))
    _sync(conn, case_tasks, case.id, {t.uid: {
        "kind": t.kind, "text": t.text, "due": t.due, "assignee": t.assignee,
        "done_on": t.done_on} for t in case.tasks.values()})
    _sync(conn, case_referrals, case.id, {r.uid: {
        "to_organisation": r.to, "service": r.service, "status": r.status, "via": r.via,
        "note": r.note, "reason": r.reason, "sent_at": r.sent_at or now(),
        "answered_at": r.answered_at, "answered_by": r.answered_by}
        for r in case.referrals.values()})
    conn.execute(delete(case_consent).where(case_consent.c.case_id == case.id))
    if case.consent.grants:
        conn.execute(insert(case_consent), [
            {"case_id": case.id, "scope": g.scope, "granted_on": g.granted_on,
             "withdrawn_on": g.withdrawn_on} for g in case.consent.grants])


def _sync(conn: Connection, table: Any, case_id: int, wanted: dict[str, dict[str, Any]]) -> None:
    have = {r.uid: r for r in conn.execute(select(table).where(table.c.case_id == case_id))}
    for uid, values in wanted.items():
        row = have.get(uid)
        if row is None:
            conn.execute(insert(table).values(uid=uid, case_id=case_id, **values))
        elif any(getattr(row, k) != v for k, v in values.items()):
            conn.execute(update(table).where(table.c.id == row.id).values(**values))
    gone = [have[uid].id for uid in have if uid not in wanted]
    if gone:
        conn.execute(delete(table).where(table.c.id.in_(gone)))


def insert_event(conn: Connection, case_id: int, event: CaseEvent) -> None:
    conn.execute(insert(case_events).values(uid=event.uid, case_id=case_id, kind=event.kind,
                                            at=event.at, actor=event.actor, data=event.data))
