"""Review helpers: the testimony cut into segments so each suggested fact is marked on its words,
and corrections from a form turned into the fields of a fact."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casebook.errors import InvalidInput
from casebook.model import ACCEPTED, REJECTED, SUGGESTED, Event, Fact, Record, UncertainDate
from casebook.vocab import load
from casebook.web.auth import Ctx
from casebook.web.permissions import require


@dataclass
class Segment:
    text: str
    fact_ids: tuple[int, ...] = ()
    status: str = ""


def segments(text: str, items: list[Fact | Event]) -> list[Segment]:
    """Split the text at every evidence boundary; a segment lists the facts whose words it is."""
    spans = [(i.evidence.start, min(i.evidence.end, len(text)), i) for i in items
             if i.evidence is not None and i.evidence.end > i.evidence.start
             and i.evidence.start < len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [i for s, e, i in spans if s <= a and b <= e]
        status = ""
        if covering:
            states = {i.status for i in covering}
            status = SUGGESTED if SUGGESTED in states else (ACCEPTED if ACCEPTED in states
                                                            else REJECTED)
        out.append(Segment(text[a:b], tuple(i.id for i in covering if i.id is not None), status))
    return out


def items_of(record: Record) -> list[Fact | Event]:
    """Facts and events in the order of their words in the text (unplaced ones last)."""
    items: list[Fact | Event] = [*record.facts, *record.events]
    return sorted(items, key=lambda i: (i.evidence.start if i.evidence else 10**9, i.id or 0))


def testimony_of_fact(ctx: Ctx, fact_id: int) -> int:
    return ctx.book.facts.ref(fact_id).testimony_id


def _int(value: Any, name: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        raise InvalidInput(f"{name}: {value!r} is not a whole number") from None


def _float(value: Any, name: str) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(str(value).replace(",", "").strip())
    except ValueError:
        raise InvalidInput(f"{name}: {value!r} is not a number") from None


def correction(kind: str, form: dict[str, Any]) -> dict[str, Any]:
    """The changed fields of a fact from an edit form (only what the form carries)."""
    if kind != "event":
        value = form.get("value")
        if value in (None, ""):
            raise InvalidInput("value: give the corrected value")
        number = _int(value, "value") if str(value).strip().lstrip("-").isdigit() else None
        return {"value": number if number is not None else str(value).strip()}
    data: dict[str, Any] = {}
    if form.get("type"):
        data["type"] = load("event_type").validate(str(form["type"]))
    year = _int(form.get("year"), "year")
    if year is not None or form.get("year") == "":
        month = _int(form.get("month"), "month")
        try:
            data["date"] = UncertainDate(year=year, month=month).to_dict() if year else None
        except ValueError as exc:
            raise InvalidInput(f"date: {exc}") from None
    if "place_text" in form:
        data["place_text"] = str(form.get("place_text") or "").strip() or None
    amount = _float(form.get("amount"), "amount")
    if amount is not None:
        currency = str(form.get("currency") or "CNY").strip().upper()[:3]
        data["amount"] = {"value": amount, "currency": currency, "year": year, "usd": None}
    if "notes" in form:
        data["notes"] = str(form.get("notes") or "")
    return data


def decide(ctx: Ctx, fact_id: int, action: str, form: dict[str, Any] | None = None) -> int:
    """Accept, reject, correct (and accept) or reopen one fact; returns its testimony id."""
    require(ctx.user, "review")
    ref = ctx.book.facts.ref(fact_id)
    tid = ref.testimony_id
    ctx.book.testimonies.access(tid, write=True)
    if action == "accept":
        ctx.book.facts.set_status(fact_id, ACCEPTED)
    elif action == "reject":
        ctx.book.facts.set_status(fact_id, REJECTED)
    elif action == "reopen":
        ctx.book.facts.set_status(fact_id, SUGGESTED)
    elif action == "edit":
        ctx.book.facts.set_status(fact_id, ACCEPTED, correction(ref.kind, form or {}))
    else:
        raise InvalidInput(f"action: {action!r} is not accept, reject, edit or reopen")
    return tid
