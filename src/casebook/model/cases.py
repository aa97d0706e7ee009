"""A woman's case in an organisation's care: safety, needs, services, referrals, tasks, and her
stage on the route to safety, as plain data.

A case is what its history says. Every change is a :class:`CaseEvent` (who, when recorded,
what), and :func:`apply` folds one event into the case, checking it against the vocabularies
(``case_status``, ``case_stage``, ``case_risk``, ``case_need``...) and the gazetteer. So the
dated history of every change is complete by construction, the store and a replay agree, and
cases opened and updated offline on a field laptop merge at HQ by event id, idempotently.

Her present location is the case's ``stage`` and ``place``: they live only in the encrypted
store; nothing built for outside the organisation (referrals, dashboards, bundles in clear)
carries them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from casebook.errors import InvalidInput
from casebook.model.consent import Consent, check_scope
from casebook.model.dates import UncertainDate

CLOSED = "closed"
ACTIVE_REFERRAL = ("pending", "accepted")  # the receiving organisation sees the case
# Fields of the case itself that an ``update`` event may change, and the vocabulary (or kind)
# of each. "place" is a gazetteer id; dates are uncertain dates; the rest is short text.
CASE_FIELDS: dict[str, str] = {
    "caseworker": "text", "status": "case_status", "closure_reason": "case_closure",
    "stage": "case_stage", "place": "place", "stage_since": "date", "risk": "case_risk",
    "risk_reason": "text", "risk_assessed": "date",
}
LOCATION_FIELDS = ("stage", "place", "stage_since")  # her present location
EVENT_KINDS = ("open", "update", "need", "service", "referral", "task", "note", "consent")
MAX_TEXT = 2000


def new_uid() -> str:
    """A random id that is the same in every casebook the record travels to."""
    return uuid.uuid4().hex


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Need:
    """One need of her assessment."""

    need: str
    state: str = "open"
    note: str | None = None
    assessed: UncertainDate | None = None


@dataclass
class Service:
    """A service of her case plan: planned, given (with an outcome) or cancelled."""

    uid: str
    service: str
    state: str = "planned"
    provider: str | None = None  # an organisation or a person, as the caseworker writes it
    on: UncertainDate | None = None  # planned for, or given on
    outcome: str | None = None
    need: str | None = None
    note: str | None = None


@dataclass
class Referral:
    """Her referral to another organisation for one service, and its answer."""

    uid: str
    to: str  # the receiving organisation's code
    service: str
    status: str = "pending"
    via: str = "casebook"  # "casebook": the partner sees it here; "export": an encrypted file
    note: str | None = None  # what the referring caseworker tells the partner
    reason: str | None = None  # why it was refused or cancelled
    sent_at: dt.datetime | None = None
    answered_at: dt.datetime | None = None
    answered_by: str | None = None

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_REFERRAL


@dataclass
class Task:
    """A dated task of the case: a follow-up, an appointment, a move."""

    uid: str
    text: str
    due: dt.date
    kind: str = "follow_up"
    assignee: str | None = None
    done_on: dt.date | None = None

    def overdue(self, today: dt.date | None = None) -> bool:
        return self.done_on is None and self.due < (today or dt.date.today())


@dataclass(frozen=True)
class CaseEvent:
    """One change of a case: what (``kind``, ``data``), by whom, recorded when."""

    uid: str
    kind: str
    at: dt.datetime
    actor: str
    data: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"uid": self.uid, "kind": self.kind, "at": self.at.isoformat(),
                "actor": self.actor, "data": self.data}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CaseEvent:
        if d.get("kind") not in EVENT_KINDS:
            raise InvalidInput(f"case event {str(d.get('uid'))[:12]}: unknown kind")
        at = dt.datetime.fromisoformat(str(d["at"]))
        return cls(str(d["uid"]), d["kind"], at if at.tzinfo else at.replace(tzinfo=dt.UTC),
                   str(d.get("actor") or "unknown"), dict(d.get("data") or {}))


@dataclass
class Case:
    """A woman's case in one organisation's care (one per woman and organisation)."""

    uid: str
    person_id: int | None
    organisation: str
    status: str = "open"
    caseworker: str | None = None
    closure_reason: str | None = None
    stage: str | None = None
    place: str | None = None  # gazetteer id
    stage_since: UncertainDate | None = None
    risk: str | None = None
    risk_reason: str | None = None
    risk_assessed: UncertainDate | None = None
    opened_on: dt.date | None = None
    closed_on: dt.date | None = None
    needs: dict[str, Need] = field(default_factory=dict)
    services: dict[str, Service] = field(default_factory=dict)
    referrals: dict[str, Referral] = field(default_factory=dict)
    tasks: dict[str, Task] = field(default_factory=dict)
    consent: Consent = field(default_factory=Consent)
    id: int | None = None
    updated_at: dt.datetime | None = None

    def overdue(self, today: dt.date | None = None) -> list[Task]:
        return sorted((t for t in self.tasks.values() if t.overdue(today)), key=lambda t: t.due)

    def open_tasks(self) -> list[Task]:
        return sorted((t for t in self.tasks.values() if t.done_on is None),
                      key=lambda t: t.due)


# -- checking values against the reference data ---------------------------------------------
def _code(vocabulary: str, value: Any, what: str) -> str:
    from casebook.vocab import load

    if not isinstance(value, str) or value not in load(vocabulary):
        codes = ", ".join(load(vocabulary).codes())
        raise InvalidInput(f"{what}: {str(value)[:40]!r} is not one of {codes}")
    return value


def _text(value: Any, what: str, required: bool = False) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput(f"{what}: required")
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{what}: must be text")
    if len(value) > MAX_TEXT:
        raise InvalidInput(f"{what}: longer than {MAX_TEXT} characters")
    return value.strip()


def _place(value: Any, what: str = "place") -> str | None:
    if value in (None, ""):
        return None
    from casebook.errors import NotFound
    from casebook.vocab import lookup, place

    try:
        return place(str(value)).id
    except (NotFound, InvalidInput, KeyError):
        found = lookup(str(value))
        if found is not None:
            return found.id
    raise InvalidInput(f"{what}: not a place of the gazetteer (give its id or a name it knows, "
                       "e.g. Kunming, Vientiane, Bangkok)")


def _udate(value: Any, what: str) -> UncertainDate | None:
    if value in (None, {}):
        return None
    if isinstance(value, UncertainDate):
        return value
    try:
        return UncertainDate.from_dict(value)
    except (TypeError, ValueError, AttributeError):  # a str or a stray value: never guessed
        raise InvalidInput(f"{what}: not a date") from None


def _day(value: Any, what: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(f"{what}: not a day (YYYY-MM-DD)") from None


def _value(name: str, value: Any) -> Any:
    kind = CASE_FIELDS[name]
    if kind == "text":
        return _text(value, name)
    if kind == "place":
        return _place(value)
    if kind == "date":
        return _udate(value, name)
    return None if value is None else _code(kind, value, name)


def encode(value: Any) -> Any:
    """A value as it is written into an event (JSON): dates as dicts or ISO strings."""
    if isinstance(value, UncertainDate):
        return value.to_dict()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


# -- the history ------------------------------------------------------------------------------
def apply(case: Case, event: CaseEvent) -> Case:
    """The case after ``event``: a new object; ``case`` is left as it was.

    Raises ``InvalidInput`` (naming the field) when the event does not fit the case or the
    vocabularies; nothing is half applied.
    """
    handler = _HANDLERS.get(event.kind)
    if handler is None:
        raise InvalidInput(f"case event: unknown kind {event.kind!r}")
    out = _copy(case)
    handler(out, event)
    _check_whole(out)
    out.updated_at = event.at
    return out


def replay(case: Case, events: Iterable[CaseEvent]) -> Case:
    """The case after every event, in the order recorded (then by id, for a stable order)."""
    for event in sorted(events, key=lambda e: (e.at, e.uid)):
        case = apply(case, event)
    return case


def _copy(case: Case) -> Case:
    return replace(case, needs={k: replace(v) for k, v in case.needs.items()},
                   services={k: replace(v) for k, v in case.services.items()},
                   referrals={k: replace(v) for k, v in case.referrals.items()},
                   tasks={k: replace(v) for k, v in case.tasks.items()})


def _check_whole(case: Case) -> None:
    if case.status == CLOSED and not case.closure_reason:
        raise InvalidInput("closure_reason: closing a case needs a reason "
                           "(one of the case_closure codes)")
    if case.status != CLOSED and case.closure_reason:
        raise InvalidInput("closure_reason: only a closed case has one")
    if case.risk and not case.risk_reason:
        raise InvalidInput("risk_reason: say why the risk is what it is")


def _open(case: Case, event: CaseEvent) -> None:
    d = event.data
    if case.opened_on is not None:
        raise InvalidInput(f"case {case.uid[:8]}: already opened")
    case.opened_on = _day(d.get("opened_on"), "opened_on") or event.at.date()
    _set_fields(case, {k: v for k, v in d.items() if k in CASE_FIELDS}, event)


def _update(case: Case, event: CaseEvent) -> None:
    changes = event.data.get("changes") or {}
    if not changes:
        raise InvalidInput("update: nothing to change")
    _set_fields(case, {name: pair[1] for name, pair in changes.items()}, event)


def _set_fields(case: Case, values: dict[str, Any], event: CaseEvent) -> None:
    for name, raw in values.items():
        if name not in CASE_FIELDS:
            raise InvalidInput(f"update: {name!r} is not a field of a case")
        setattr(case, name, _value(name, raw))
    if "status" in values:
        case.closed_on = event.at.date() if case.status == CLOSED else None


def _need(case: Case, event: CaseEvent) -> None:
    d = event.data
    code = _code("case_need", d.get("need"), "need")
    need = case.needs.get(code) or Need(code)
    if "state" in d:
        need.state = _code("case_need_state", d["state"], "need state")
    if "note" in d:
        need.note = _text(d["note"], "note")
    if "assessed" in d:
        need.assessed = _udate(d["assessed"], "assessed")
    case.needs[code] = need


def _service(case: Case, event: CaseEvent) -> None:
    d = event.data
    uid = str(d.get("uid") or "")
    current = case.services.get(uid)
    if current is None:
        current = Service(uid or new_uid(), _code("case_service", d.get("service"), "service"))
    for key in ("service", "state", "outcome", "need", "provider", "note", "on"):
        if key not in d:
            continue
        value = d[key]
        if key == "service":
            current.service = _code("case_service", value, "service")
        elif key == "state":
            current.state = _code("case_service_state", value, "service state")
        elif key == "outcome":
            current.outcome = None if value is None else _code("case_outcome", value, "outcome")
        elif key == "need":
            current.need = None if value is None else _code("case_need", value, "need")
        elif key == "on":
            current.on = _udate(value, "service date")
        else:
            setattr(current, key, _text(value, key))
    if current.outcome and current.state == "planned":
        raise InvalidInput("outcome: a planned service has no outcome yet (mark it given)")
    case.services[current.uid] = current


def _referral(case: Case, event: CaseEvent) -> None:
    d = event.data
    uid = str(d.get("uid") or "")
    current = case.referrals.get(uid)
    if current is None:
        to = _text(d.get("to"), "to", required=True)
        assert to is not None
        current = Referral(uid or new_uid(), to, _code("case_service", d.get("service"),
                                                        "service"), sent_at=event.at)
        if to == case.organisation:
            raise InvalidInput("to: a case is not referred to its own organisation")
        current.via = d.get("via") or "casebook"
        if current.via not in ("casebook", "export"):
            raise InvalidInput("via: casebook or export")
        current.note = _text(d.get("note"), "note")
    elif "status" in d:
        status = _code("case_referral_status", d["status"], "referral status")
        if status == current.status:
            raise InvalidInput(f"referral {uid[:8]}: already {status}")
        if current.status in ("refused", "completed", "cancelled"):
            raise InvalidInput(f"referral {uid[:8]}: {current.status} already; "
                               "make a new referral")
        if status == "completed" and current.status != "accepted":
            raise InvalidInput(f"referral {uid[:8]}: only an accepted referral is completed")
        if status in ("refused", "cancelled") and not _text(d.get("reason"), "reason"):
            raise InvalidInput(f"reason: say why the referral is {status}")
        current.status = status
        current.reason = _text(d.get("reason"), "reason")
        if status != "cancelled":
            current.answered_at, current.answered_by = event.at, event.actor
    case.referrals[current.uid] = current


def _task(case: Case, event: CaseEvent) -> None:
    d = event.data
    uid = str(d.get("uid") or "")
    current = case.tasks.get(uid)
    if current is None:
        due = _day(d.get("due"), "due")
        if due is None:
            raise InvalidInput("due: a task needs a due date (YYYY-MM-DD)")
        text = _text(d.get("text"), "text", required=True)
        assert text is not None
        current = Task(uid or new_uid(), text, due)
    if "due" in d:
        current.due = _day(d["due"], "due") or current.due
    if "text" in d:
        current.text = _text(d["text"], "text", required=True) or current.text
    if "kind" in d:
        current.kind = _code("case_task", d["kind"], "task kind")
    if "assignee" in d:
        current.assignee = _text(d["assignee"], "assignee")
    if "done_on" in d:
        current.done_on = _day(d["done_on"], "done_on")
    case.tasks[current.uid] = current


def _note(case: Case, event: CaseEvent) -> None:
    _text(event.data.get("text"), "note", required=True)


def _consent(case: Case, event: CaseEvent) -> None:
    d = event.data
    try:
        scope = check_scope(str(d.get("scope") or ""))
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
    on = _day(d.get("on"), "on") or event.at.date()
    if d.get("action") == "grant":
        case.consent = case.consent.grant(scope, on)
    elif d.get("action") == "withdraw":
        if not case.consent.allows(scope, on):
            raise InvalidInput(f"case consent: she does not hold {scope!r} on this case")
        case.consent = case.consent.withdraw(scope, on)
    else:
        raise InvalidInput("case consent: action is grant or withdraw")


_HANDLERS = {"open": _open, "update": _update, "need": _need, "service": _service,
             "referral": _referral, "task": _task, "note": _note, "consent": _consent}


# -- building events ----------------------------------------------------------------------------
def event(kind: str, actor: str, data: dict[str, Any], at: dt.datetime | None = None) -> CaseEvent:
    """A new event with a fresh id, recorded now; its data JSON-ready."""
    return CaseEvent(new_uid(), kind, at or now(), actor,
                     {k: encode(v) for k, v in data.items()})


def changes(case: Case, values: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for the values that differ, checked and encoded.

    Reopening a closed case clears its closure reason; changing the risk without a new reason
    or date keeps neither (a new level needs its own reason and assessment date).
    """
    out: dict[str, list[Any]] = {}
    for name, raw in values.items():
        if name not in CASE_FIELDS:
            raise InvalidInput(f"update: {name!r} is not a field of a case")
        new = _value(name, raw)
        old = getattr(case, name)
        if new != old:
            out[name] = [encode(old), encode(new)]
    if "status" in out and out["status"][1] != CLOSED and case.closure_reason:
        out.setdefault("closure_reason", [case.closure_reason, None])
    if "risk" in out:
        if "risk_reason" not in values:
            out["risk_reason"] = [case.risk_reason, None]
        today = UncertainDate(*_today_parts())
        if "risk_assessed" not in values and case.risk_assessed != today:
            out["risk_assessed"] = [encode(case.risk_assessed), today.to_dict()]
    return out


def _today_parts() -> tuple[int, int, int]:
    t = dt.date.today()
    return t.year, t.month, t.day


# -- her consent, over every source of it -------------------------------------------------------
def her_consent_allows(consents: Iterable[Consent], scope: str,
                       on: dt.date | None = None) -> bool:
    """True when some record of her consent grants ``scope`` and none has withdrawn it.

    Her consent lives on each of her testimonies and on her case. A record that never
    mentions the scope is silent; one whose grants of it are all withdrawn refuses it, and a
    refusal anywhere wins (fails closed).
    """
    granted = False
    for consent in consents:
        mentioned = [g for g in consent.grants if g.scope == scope]
        if not mentioned:
            continue
        if consent.allows(scope, on):
            granted = True
        else:
            return False
    return granted
