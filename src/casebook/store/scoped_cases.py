"""``book.as_user(user).cases``: the cases one web user may see and change.

A user works on the cases of their own organisation. Another organisation's case is seen only
through a referral to the user's organisation, while her consent shares with it
(``case_access.py``), and then only as a :class:`SharedCase`: her pseudonym, status, stage,
risk, needs and the referrals to that organisation; never her place, notes, tasks or history.
Anything else answers NotFound, like an id that does not exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from casebook.errors import InvalidInput, NotFound, PermissionDenied
from casebook.model.cases import ACTIVE_REFERRAL, Case, CaseEvent, Need, Referral
from casebook.store.case_access import shared_with, visible_cases
from casebook.store.case_rows import CaseSummary, load_case
from casebook.store.cases import CaseFilters, OverdueTask, case_conditions, case_counts
from casebook.store.schema import case_referrals, cases, persons

if TYPE_CHECKING:
    from casebook.store.scoped import UserCasebook

PARTNER_ANSWERS = ("accepted", "refused", "completed")


@dataclass
class SharedCase:
    """Another organisation's case as the partner it was referred to sees it."""

    id: int
    person_id: int
    pseudonym: str
    organisation: str  # the referring organisation
    status: str
    stage: str | None
    risk: str | None
    needs: list[Need] = field(default_factory=list)
    referrals: list[tuple[int, Referral]] = field(default_factory=list)  # (row id, referral)


@dataclass
class CasePage:
    """What a case page shows to its own organisation: the case (her place included: an
    audited read), her pseudonym, history, the row ids of its tasks and referrals, her
    testimonies the user may see, and the organisations her consent shares with."""

    case: Case
    pseudonym: str
    events: list[CaseEvent]
    row_ids: dict[str, int]
    testimonies: list[Any]
    consent_scopes: list[str]
    shares_with: list[str]


@dataclass
class InboxItem:
    """A referral to the user's organisation, with what it may know of her."""

    referral_id: int
    case_id: int
    pseudonym: str
    from_organisation: str
    service: str
    status: str
    sent_at: dt.datetime | None
    note: str | None
    stage: str | None
    risk: str | None


class VisibleCases:
    """Cases of the user's organisation, and referrals to it that her consent allows."""

    def __init__(self, scope: UserCasebook) -> None:
        self._scope = scope
        self._book = scope._book
        self._org = scope.user.organisation

    # -- the organisation's own cases ------------------------------------------------------
    def all(self, filters: CaseFilters | None = None, *, limit: int | None = 200,
             offset: int = 0) -> list[CaseSummary]:
        """The organisation's cases (filters as ``book.cases.all``)."""
        f = filters or CaseFilters()
        f.organisation = self._org
        return self._book.cases.all(f, limit=limit, offset=offset)

    def own(self, case_id: int) -> None:
        """Nothing if the case is the user's organisation's; NotFound if the user may not see
        it at all; PermissionDenied for a case only referred to the organisation."""
        with self._book.engine.connect() as conn:
            org = conn.execute(select(cases.c.organisation).where(
                cases.c.id == case_id, visible_cases(self._org))).scalar()
        if org is None:
            raise NotFound(f"case {case_id}: no such case")
        if org != self._org:
            raise PermissionDenied(f"case {case_id}: referred to your organisation; only "
                                   f"{org} may change it")

    def get(self, case_id: int) -> Case:
        """The whole case (an audited read) of the user's own organisation."""
        self.own(case_id)
        return self._book.cases.get(case_id)

    def view(self, case_id: int) -> Case | SharedCase:
        """The case as this user may see it: whole if it is the organisation's, else shared."""
        try:
            return self.get(case_id)
        except PermissionDenied:
            return self.shared(case_id)

    def page(self, case_id: int) -> CasePage:
        """Everything the case page shows, for a case of the user's organisation."""
        from casebook.model.cases import her_consent_allows
        from casebook.model.consent import SHARE_WITH

        case = self.get(case_id)
        assert case.person_id is not None
        records = self._book.cases.consent_of(case_id)
        scopes = sorted({s for c in records for s in c.active_scopes()})
        partners = sorted({s.split(":", 1)[1] for s in scopes if s.startswith(SHARE_WITH + ":")
                           and her_consent_allows(records, s)})
        with self._book.engine.connect() as conn:
            pseudonym = conn.execute(select(persons.c.pseudonym).where(
                persons.c.id == case.person_id)).scalar_one()
        return CasePage(case, pseudonym, self._book.cases.history(case_id),
                        self._book.cases.row_ids(case_id),
                        self._scope.testimonies.all(person_id=case.person_id, limit=100),
                        scopes, partners)

    def history(self, case_id: int) -> list[CaseEvent]:
        self.own(case_id)
        return self._book.cases.history(case_id)

    def row_ids(self, case_id: int) -> dict[str, int]:
        self.own(case_id)
        return self._book.cases.row_ids(case_id)

    def open(self, person_id: int, **values: Any) -> Case:
        """Open her case in the user's organisation (she must be visible to the user)."""
        self._scope.persons.access(person_id)
        return self._book.cases.open(person_id, self._org, **values)

    def update(self, case_id: int, **values: Any) -> Case:
        self.own(case_id)
        return self._book.cases.update(case_id, **values)

    def need(self, case_id: int, need: str, **values: Any) -> Case:
        self.own(case_id)
        return self._book.cases.need(case_id, need, **values)

    def service(self, case_id: int, uid: str | None = None,
                **values: Any) -> tuple[Case, str]:
        self.own(case_id)
        return self._book.cases.service(case_id, uid, **values)

    def task(self, case_id: int, uid: str | None = None, **values: Any) -> tuple[Case, str]:
        self.own(case_id)
        return self._book.cases.task(case_id, uid, **values)

    def task_done(self, task_id: int, on: dt.date | None = None) -> int:
        """Mark a task of an own case done; returns its case id."""
        case_id, uid = self._book.cases.id_of_task(task_id)
        self.own(case_id)
        self._book.cases.task(case_id, uid, done_on=on or dt.date.today())
        return case_id

    def note(self, case_id: int, text: str) -> Case:
        self.own(case_id)
        return self._book.cases.note(case_id, text)

    def grant(self, case_id: int, scope: str) -> Case:
        self.own(case_id)
        return self._book.cases.grant(case_id, scope)

    def withdraw(self, case_id: int, scope: str) -> Case:
        self.own(case_id)
        return self._book.cases.withdraw(case_id, scope)

    def refer(self, case_id: int, to: str, service: str, *,
              note: str | None = None) -> tuple[Case, Referral]:
        self.own(case_id)
        return self._book.cases.refer(case_id, to, service, note=note)

    def cancel(self, referral_id: int, reason: str) -> int:
        """Withdraw a referral the organisation made; returns its case id."""
        case_id, uid = self._book.cases.id_of_referral(referral_id)
        self.own(case_id)
        self._book.cases.answer(case_id, uid, "cancelled", reason)
        return case_id

    def overdue(self, caseworker: str | None = None,
                today: dt.date | None = None) -> list[OverdueTask]:
        return self._book.cases.overdue(organisation=self._org, caseworker=caseworker,
                                        today=today)

    def counts(self, today: dt.date | None = None) -> dict[str, dict[str, int]]:
        with self._book.engine.connect() as conn:
            return case_counts(conn, case_conditions(CaseFilters(organisation=self._org)),
                               today or dt.date.today())

    # -- referrals to the organisation -----------------------------------------------------
    def shared(self, case_id: int) -> SharedCase:
        """Another organisation's case referred here, while her consent allows (audited)."""
        with self._book.engine.begin() as conn:
            row = conn.execute(select(cases.c.id).where(
                cases.c.id == case_id, shared_with(self._org))).first()
            if row is None:
                raise NotFound(f"case {case_id}: no such case")
            case = load_case(conn, case_id)
            ids = dict(conn.execute(select(case_referrals.c.uid, case_referrals.c.id).where(
                case_referrals.c.case_id == case_id,
                case_referrals.c.to_organisation == self._org)).all())
            pseudonym = conn.execute(select(persons.c.pseudonym).where(
                persons.c.id == case.person_id)).scalar_one()
            self._book._audit(conn, "read_case", f"case:{case_id}",
                              {"purpose": "referral", "organisation": self._org})
        assert case.person_id is not None and case.id is not None
        return SharedCase(case.id, case.person_id, pseudonym, case.organisation, case.status,
                          case.stage, case.risk, sorted(case.needs.values(),
                                                        key=lambda n: n.need),
                          [(ids[r.uid], r) for r in case.referrals.values() if r.uid in ids])

    def inbox(self, *, waiting_only: bool = False) -> list[InboxItem]:
        """Referrals to the organisation that are waiting or accepted, whose case her consent
        still shares with it; a referral answered, completed or cancelled ends the access."""
        statuses = ("pending",) if waiting_only else ACTIVE_REFERRAL
        q = (select(case_referrals, cases.c.organisation, cases.c.stage, cases.c.risk,
                    persons.c.pseudonym)
             .select_from(case_referrals.join(cases, cases.c.id == case_referrals.c.case_id)
                          .join(persons, persons.c.id == cases.c.person_id))
             .where(case_referrals.c.to_organisation == self._org,
                    case_referrals.c.status.in_(statuses), shared_with(self._org))
             .order_by(case_referrals.c.sent_at.desc(), case_referrals.c.id.desc()))
        with self._book.engine.connect() as conn:
            rows = conn.execute(q).all()
        return [InboxItem(r.id, r.case_id, r.pseudonym, r.organisation, r.service, r.status,
                          r.sent_at, r.note, r.stage, r.risk) for r in rows]

    def answer(self, referral_id: int, status: str, reason: str | None = None) -> int:
        """The receiving organisation's answer to a referral; returns the case id."""
        if status not in PARTNER_ANSWERS:
            raise InvalidInput(f"answer: one of {', '.join(PARTNER_ANSWERS)}")
        case_id, uid = self._book.cases.id_of_referral(referral_id)
        with self._book.engine.connect() as conn:
            to = conn.execute(select(case_referrals.c.to_organisation).where(
                case_referrals.c.id == referral_id)).scalar()
            seen = conn.execute(select(cases.c.id).where(
                cases.c.id == case_id, shared_with(self._org))).first()
        if to != self._org or seen is None:
            raise NotFound(f"referral {referral_id}: no such referral")
        self._book.cases.answer(case_id, uid, status, reason)
        return case_id
