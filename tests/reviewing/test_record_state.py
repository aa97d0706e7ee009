"""The whole record beside the text: accepted, suggested, denied and missing keys."""

from __future__ import annotations

from casebook.model import Amount, Event, Evidence, Fact, Record
from casebook.reviewing.record_state import record_state, summary

EV = Evidence(0, 4, "word")


def test_each_key_has_its_state():
    record = Record(
        [Fact("birth_year", 1984, EV, status="accepted"),
         Fact("surname", "Han", EV, status="suggested")],
        [Event("sale", amount=Amount(5000, "RMB"), evidence=EV, status="accepted"),
         Event("violence", attributes={"kind": "beating"}, evidence=EV, status="accepted"),
         Event("violence", attributes={"kind": "rape"}, evidence=EV, status="suggested"),
         Event("arrest_china", attributes={"denied": True}, evidence=EV, status="accepted"),
         Event("repatriation", attributes={"mood": "feared"}, evidence=EV, status="suggested"),
         Event("forced_marriage", evidence=EV, status="rejected")])
    states = {k.key: k for k in record_state(record)}
    assert states["birth_year"].state == "accepted" and states["birth_year"].value == 1984
    assert states["surname"].state == "suggested" and states["surname"].value == "Han"
    assert states["times_sold"].state == "accepted" and states["times_sold"].value == 1
    assert states["violence"].state == "accepted" and states["violence"].value == ["beating"]
    assert states["violence"].waiting == ["rape"]
    assert states["arrested_in_china"].state == "denied"  # she said she was never arrested
    assert states["repatriated"].state == "denied"  # feared, not told as having happened
    assert states["exploitation"].state == "missing"  # the only one was rejected
    assert states["origin_nk"].state == "missing"
    counts = summary(list(states.values()))
    assert sum(counts.values()) == len(states) == 18
    assert counts["accepted"] == 4 and counts["suggested"] == 1 and counts["denied"] == 2
