"""Reviewing suggested facts: the words around each fact, and corrections typed by a reviewer.

Corrections are short ``key=value`` pairs, so a reviewer never edits JSON:

    value=1979                       a person attribute (birth_year, surname, …)
    year=1999 month=3                the event's date
    amount=3500 currency=RMB         the event's amount
    place=Yanji                      the event's place as told
"""

from __future__ import annotations

import shlex
from typing import Any

from casebook.errors import InvalidInput
from casebook.model import Event, Evidence, Fact
from casebook.vocab import gazetteer, to_usd

EVENT_KEYS = {"year", "month", "day", "season", "amount", "currency", "place", "notes", "type"}


def context(text: str, evidence: Evidence | None, width: int = 80) -> tuple[str, str, str]:
    """(before, the supporting words, after) for showing a fact in its place."""
    if evidence is None:
        return "", "", ""
    before = " ".join(text[max(0, evidence.start - width):evidence.start].split())
    after = " ".join(text[evidence.end:evidence.end + width].split())
    return before, " ".join(text[evidence.start:evidence.end].split()), after


def _number(key: str, value: str) -> float | int:
    try:
        number = float(value.replace(",", ""))
    except ValueError:
        raise InvalidInput(f"{key}: {value!r} is not a number") from None
    return int(number) if number.is_integer() else number


def parse_edit(item: Fact | Event, line: str) -> dict[str, Any]:
    """Turn ``key=value`` pairs into the changes to store for this fact."""
    try:
        pairs = [p.split("=", 1) for p in shlex.split(line)]
    except ValueError as exc:
        raise InvalidInput(f"edit: {exc}") from None
    if not pairs or any(len(p) != 2 for p in pairs):
        raise InvalidInput("edit: write key=value pairs, e.g. year=1999 amount=3500 currency=RMB")
    edits = dict(pairs)
    if isinstance(item, Fact):
        if set(edits) != {"value"}:
            raise InvalidInput("edit: a person attribute takes value=…")
        raw = edits["value"]
        return {"value": _number("value", raw) if raw.lstrip("-").isdigit() else raw}
    unknown = set(edits) - EVENT_KEYS
    if unknown:
        raise InvalidInput(f"edit: unknown key(s) {', '.join(sorted(unknown))}; "
                           f"use {', '.join(sorted(EVENT_KEYS))}")
    changes: dict[str, Any] = {}
    if edits.keys() & {"year", "month", "day", "season"}:
        date = item.date.to_dict() if item.date else {}
        for key in ("year", "month", "day"):
            if key in edits:
                date[key] = int(_number(key, edits[key]))
        if "season" in edits:
            date["season"] = edits["season"]
        changes["date"] = date
    if edits.keys() & {"amount", "currency"}:
        amount = item.amount.to_dict() if item.amount else {"currency": "RMB"}
        if "amount" in edits:
            amount["value"] = _number("amount", edits["amount"])
        if "currency" in edits:
            amount["currency"] = edits["currency"].upper()
        amount["usd"] = None  # recomputed below when the rate table knows the year
        year = (changes.get("date") or {}).get("year") or (item.date.year if item.date else None)
        amount["year"] = amount.get("year") or year
        if amount.get("value") is not None:
            try:
                year = amount["year"]
                amount["usd"] = to_usd(float(amount["value"]), str(amount["currency"]),
                                       int(year) if year is not None else None)
            except InvalidInput:  # a currency the rate table does not know: no dollar value
                pass
        changes["amount"] = amount
    if "place" in edits:
        changes["place_text"] = edits["place"]
        changes["place"] = None
        found = gazetteer().lookup(edits["place"])
        changes["place"] = found.id if found else None
    if "notes" in edits:
        changes["notes"] = edits["notes"]
    if "type" in edits:
        changes["type"] = edits["type"]
    return changes
