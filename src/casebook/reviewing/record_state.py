"""The record as it will be counted, key by key, while a testimony is being reviewed.

Statistics read ``profile(record.accepted())``; a reviewer needs to see that profile beside the
text, and for each key whether it is *accepted* (counted), *suggested* (proposed, not yet
counted), *denied* (she said it did not happen, or it is told only as planned or feared: never
counted as a fact) or *missing* (nothing coded yet). A key with accepted values can still have
suggested values waiting (``waiting``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from casebook.extract.profile import LIST_KEYS, PROFILE_KEYS, profile
from casebook.model import ACCEPTED, REJECTED, Event, Record

ACCEPTED_STATE, SUGGESTED_STATE, DENIED, MISSING = "accepted", "suggested", "denied", "missing"
STATES = (ACCEPTED_STATE, SUGGESTED_STATE, DENIED, MISSING)
COUNT_KEYS = ("times_sold", "children_in_china", "arrested_in_china", "repatriated")

# the events each profile key is read from (extract/profile.py), for denials
KEY_EVENTS: dict[str, tuple[str, ...]] = {
    "first_crossing_year": ("border_crossing",), "first_crossing_month": ("border_crossing",),
    "crossing_river": ("border_crossing",), "recruitment": ("recruitment",),
    "recruiter_relation": ("recruitment",), "times_sold": ("sale",), "sales": ("sale",),
    "exploitation": ("forced_marriage", "prostitution", "cybersex", "forced_labour"),
    "violence": ("violence",), "children_in_china": ("child_birth",),
    "arrested_in_china": ("arrest_china",), "repatriated": ("repatriation",),
    "nk_detention": ("detention_nk",), "hukou_or_id": ("registration",),
}
NOT_FACT_MOODS = {"denied", "planned", "feared", "uncertain"}


@dataclass
class KeyState:
    """One profile key: its state, the value that will be counted, and what is still waiting."""

    key: str
    state: str
    value: Any = None  # the counted (accepted) value; for "suggested", the proposed one
    waiting: list[Any] = field(default_factory=list)  # suggested values not yet accepted


def told_as_fact(event: Event) -> bool:
    """False for an event she denies, or tells only as planned, feared or uncertain."""
    mood = event.attributes.get("mood")
    if mood is not None and mood != "fact":
        return False
    return not event.attributes.get("denied")


def _stated(key: str, value: Any) -> bool:
    return value not in (None, [], "")


def record_state(record: Record) -> list[KeyState]:
    """Every profile key's state for a record holding suggested, accepted and rejected facts."""
    counted = counted_only(record)
    live = Record([f for f in record.facts if f.status != REJECTED],
                  [e for e in record.events if e.status != REJECTED], record.language)
    proposed = profile(_facts_only(live))
    out = []
    for key in PROFILE_KEYS:
        have, could = counted[key], proposed[key]
        waiting = _waiting(key, have, could)
        if _stated(key, have):
            state = DENIED if key in COUNT_KEYS and have == 0 else ACCEPTED_STATE
            out.append(KeyState(key, state, have, waiting))
        elif _stated(key, could):
            state = DENIED if key in COUNT_KEYS and could == 0 else SUGGESTED_STATE
            out.append(KeyState(key, state, could, waiting))
        elif _denied(live, key):
            out.append(KeyState(key, DENIED))
        else:
            out.append(KeyState(key, MISSING))
    return out


def _waiting(key: str, have: Any, could: Any) -> list[Any]:
    if not _stated(key, could) or could == have:
        return []
    if key in LIST_KEYS:
        return [v for v in could if v not in (have or [])]
    return [] if _stated(key, have) else [could]


def _denied(live: Record, key: str) -> bool:
    kinds = KEY_EVENTS.get(key, ())
    return any(e.type in kinds and not told_as_fact(e) for e in live.events)


def summary(states: list[KeyState]) -> dict[str, int]:
    """How many keys are in each state (the page's one-line overview)."""
    return {s: sum(k.state == s for k in states) for s in STATES}


def _facts_only(record: Record) -> Record:
    """Without events told as planned, feared or uncertain (a denial stays: the profile reads
    it as 0, "she said none")."""
    return Record(record.facts, [e for e in record.events if told_as_fact(e)
                                 or e.attributes.get("mood") in (None, "denied")],
                  record.language)


def counted_only(record: Record) -> dict[str, Any]:
    """The profile as statistics will count it (accepted facts only, told as having happened)."""
    return profile(_facts_only(Record([f for f in record.facts if f.status == ACCEPTED],
                                      [e for e in record.events if e.status == ACCEPTED],
                                      record.language)))
