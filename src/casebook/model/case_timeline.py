"""A case's history as lines a person reads: what changed, from what to what, by whom, when.

The edges phrase them (the web in Korean or English through its catalogues, the CLI in
English); this module decides what each event says, so both tell the same history. Values are
codes, gazetteer ids and dates: the caller labels them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from casebook.model.cases import CaseEvent
from casebook.model.dates import UncertainDate

# what kind of value each field of a case holds, for labelling (vocabulary, place or date)
FIELD_KINDS = {"status": "case_status", "closure_reason": "case_closure", "stage": "case_stage",
               "risk": "case_risk", "place": "place", "stage_since": "date",
               "risk_assessed": "date", "caseworker": "text", "risk_reason": "text"}


@dataclass
class Change:
    field: str
    kind: str  # a vocabulary name, "place", "date" or "text"
    old: Any
    new: Any


@dataclass
class Entry:
    """One line of the timeline."""

    at: dt.datetime
    actor: str
    kind: str  # the event's kind: open, update, need, service, referral, task, note, consent
    subject: str | None = None  # the need, service or task kind; the partner of a referral
    state: str | None = None  # the need/service/referral state the event set
    text: str | None = None  # a note, a task's text, a refusal's reason
    changes: list[Change] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def _value(kind: str, raw: Any) -> Any:
    if kind == "date":
        return UncertainDate.from_dict(raw) if isinstance(raw, dict) else None
    return raw


def entry(event: CaseEvent, *, with_location: bool = True) -> Entry:
    """The timeline line of one event; ``with_location=False`` leaves out her place and
    stage (for anything read outside the organisation)."""
    d = event.data
    out = Entry(event.at, event.actor, event.kind)
    if event.kind in ("open", "update"):
        pairs = (d.get("changes") or {}) if event.kind == "update" else {
            k: [None, v] for k, v in d.items() if k in FIELD_KINDS}
        for name, (old, new) in pairs.items():
            if not with_location and name in ("place", "stage", "stage_since"):
                continue
            kind = FIELD_KINDS.get(name, "text")
            out.changes.append(Change(name, kind, _value(kind, old), _value(kind, new)))
    elif event.kind == "need":
        out.subject, out.state, out.text = d.get("need"), d.get("state"), d.get("note")
    elif event.kind == "service":
        out.subject, out.state, out.text = d.get("service"), d.get("state"), d.get("note")
        out.extra = {k: d[k] for k in ("provider", "outcome") if d.get(k)}
        if isinstance(d.get("on"), dict):
            out.extra["on"] = UncertainDate.from_dict(d["on"])
    elif event.kind == "referral":
        out.subject = d.get("to")
        out.state = d.get("status") or "pending"
        out.text = d.get("reason") or d.get("note")
        if d.get("service"):
            out.extra["service"] = d["service"]
    elif event.kind == "task":
        out.subject, out.text = d.get("kind"), d.get("text")
        if d.get("due"):
            out.extra["due"] = d["due"]
        if d.get("done_on"):
            out.state, out.extra["done_on"] = "done", d["done_on"]
    elif event.kind == "note":
        out.text = d.get("text")
    elif event.kind == "consent":
        out.subject, out.state = d.get("scope"), d.get("action")
    return out


def timeline(events: list[CaseEvent], *, newest_first: bool = True,
             with_location: bool = True) -> list[Entry]:
    lines = [entry(e, with_location=with_location) for e in events]
    lines.sort(key=lambda e: e.at, reverse=newest_first)
    return lines
