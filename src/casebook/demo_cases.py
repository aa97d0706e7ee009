"""Demo cases: the women of the demo casebook at every stage of the route to safety.

Fictional, like the demo testimonies: a woman hiding in China, one in a safe house in Kunming,
one crossing Laos, one in immigration custody in Bangkok, women resettled in South Korea, a
closed case, and a case opened before any testimony. Dates are set from the day the demo is
built, so some follow-ups are always overdue and the dashboard has work to show. Referrals go
only where the woman's consent shares (the demo's ``share_with`` scopes), and one case shows
the refusal: its woman shares with nobody but Seoul Rescue Network.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from casebook.model import Person, UncertainDate
from casebook.model.consent import share_scope
from casebook.store import Casebook

HANUL, BRIDGE, RESCUE = "Hanul Documentation Centre", "Bridge of Light", "Seoul Rescue Network"
CASEWORKER, PARTNER = "demo-reviewer", "demo-partner"  # the demo logins (web/demo.py)


@dataclass
class DemoCase:
    """One demo case: whose (a demo pseudonym, or a new woman), where she is, what she needs."""

    pseudonym: str
    organisation: str
    fields: dict[str, Any]
    needs: dict[str, str] = field(default_factory=dict)  # need -> state
    services: list[dict[str, Any]] = field(default_factory=list)
    tasks: list[tuple[int, str, str]] = field(default_factory=list)  # (in days, kind, text)
    referrals: list[tuple[str, str, str | None]] = field(default_factory=list)  # to, what, answer
    notes: list[str] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)  # later changes, in order
    new_person: bool = False  # a case before any testimony
    case_consent: list[str] = field(default_factory=list)


def plan(today: dt.date) -> list[DemoCase]:
    year = today.year
    return [
        DemoCase("Ms. K (Kilju)", HANUL, {
            "caseworker": CASEWORKER, "stage": "hiding_china", "place": "Yanji",
            "stage_since": UncertainDate(year=year - 3, approximate=True), "risk": "high",
            "risk_reason": "the buyer's family keeps her papers and watches the house"},
            needs={"safety": "open", "children": "open", "shelter": "open"},
            tasks=[(-12, "follow_up", "call on the safe phone (every two weeks)"),
                   (10, "move", "move to the Shenyang safe house when the driver is free")],
            notes=["Her son (6) stays with the buyer's family; she will not leave without "
                   "news of him."]),
        DemoCase("Moon Ga-eun", HANUL, {
            "caseworker": CASEWORKER, "stage": "hiding_china", "place": "Shenyang",
            "stage_since": UncertainDate(year=year - 1, season="autumn"), "risk": "high",
            "risk_reason": "police checks in her district since the summer"},
            needs={"safety": "open", "shelter": "open", "medical": "open"},
            tasks=[(-2, "follow_up", "confirm she reached the meeting point")],
            referrals=[(RESCUE, "escort", None)], new_person=True,
            case_consent=[share_scope(RESCUE)],
            notes=["First contact through a church volunteer; no interview yet."]),
        DemoCase("Bae Ji-won", HANUL, {
            "caseworker": CASEWORKER, "stage": "hiding_china", "place": "Qingdao",
            "risk": "high", "risk_reason": "left the buyer's house"},
            updates=[{"stage": "safe_house", "place": "Kunming",
                      "stage_since": UncertainDate(year=year, month=today.month),
                      "risk": "medium", "risk_reason": "safe, waiting for the route to reopen"}],
            needs={"shelter": "met", "medical": "open", "reproductive_health": "open"},
            services=[{"service": "safe_house", "state": "given", "outcome": "ongoing",
                       "provider": RESCUE, "need": "shelter"},
                      {"service": "reproductive_care", "state": "planned",
                       "need": "reproductive_health", "note": "about five months pregnant"}],
            tasks=[(-6, "medical_appointment", "antenatal check at the clinic"),
                   (21, "move", "move on when the route through Laos reopens")]),
        DemoCase("Han Seol-a", HANUL, {
            "caseworker": CASEWORKER, "stage": "safe_house", "place": "Kunming",
            "risk": "medium", "risk_reason": "waiting for a guide"},
            updates=[{"stage": "transit_third_country", "place": "Luang Namtha",
                      "status": "in_transit",
                      "stage_since": UncertainDate(year=year, month=today.month),
                      "risk": "high", "risk_reason": "crossing at night; checkpoints on the "
                                                     "road south"}],
            needs={"safety": "open", "legal_documents": "open", "psychosocial": "open"},
            services=[{"service": "escort", "state": "given", "outcome": "ongoing",
                       "provider": RESCUE},
                      {"service": "counselling", "state": "given", "outcome": "ongoing"}],
            tasks=[(-3, "follow_up", "check in when she reaches Vientiane"),
                   (2, "move", "on to Bangkok with the second guide")],
            referrals=[(RESCUE, "documents", None)]),
        DemoCase("Ri Myong-ok", HANUL, {
            "caseworker": CASEWORKER, "stage": "arrived", "place": "Bangkok", "risk": "low",
            "risk_reason": "in immigration custody, waiting for transfer",
            "status": "in_transit"},
            needs={"legal_documents": "open", "psychosocial": "open"},
            tasks=[(-1, "document_appointment", "embassy interview")]),
        DemoCase("Pak Sun-hui", HANUL, {
            "caseworker": CASEWORKER, "stage": "south_korea", "place": "Seoul",
            "status": "resettled", "risk": "low", "risk_reason": "settled, working part-time"},
            needs={"legal_documents": "open", "livelihood": "open", "psychosocial": "met"},
            services=[{"service": "counselling", "state": "given", "outcome": "completed",
                       "need": "psychosocial"},
                      {"service": "livelihood", "state": "planned", "need": "livelihood"}],
            tasks=[(14, "follow_up", "visit after the job interview")],
            referrals=[(BRIDGE, "legal_aid", "accepted")]),
        DemoCase("Kim Hye-jin", HANUL, {
            "caseworker": CASEWORKER, "stage": "hiding_china", "place": "Yanji",
            "risk": "high", "risk_reason": "no safe phone"},
            updates=[{"status": "closed", "closure_reason": "lost_contact"}],
            needs={"safety": "open"}),
        DemoCase("Oh Su-jin", RESCUE, {
            "caseworker": PARTNER, "stage": "transit_third_country", "place": "Hanoi",
            "status": "in_transit", "risk": "medium",
            "risk_reason": "waiting for the next guide"},
            needs={"shelter": "open", "legal_documents": "open"},
            tasks=[(-4, "follow_up", "call the guide in Hanoi")]),
        DemoCase("Kang Sun-ok", RESCUE, {
            "caseworker": PARTNER, "stage": "south_korea", "place": "Incheon",
            "status": "resettled", "risk": "low", "risk_reason": "left Hanawon, has a flat"},
            needs={"livelihood": "open"}, tasks=[(30, "follow_up", "visit at home")]),
    ]


@dataclass
class DemoCasesResult:
    cases: dict[str, int] = field(default_factory=dict)  # pseudonym -> case id
    referrals: int = 0


def add_demo_cases(book: Casebook, today: dt.date | None = None) -> DemoCasesResult:
    """Open the demo cases in ``book`` (a demo casebook built from the bundled corpus)."""
    today = today or dt.date.today()
    people = {(p.pseudonym, p.organisation): p.id for p in book.persons.all()}
    result = DemoCasesResult()
    for code in (HANUL, BRIDGE, RESCUE):  # the referral inbox needs the partners known here
        if not any(o.code == code for o in book.users.organisations()):
            book.users.add_organisation(code)
    for spec in plan(today):
        pid = people.get((spec.pseudonym, spec.organisation))
        if spec.new_person:
            pid = book.persons.add(Person(spec.pseudonym, sex="F",
                                          organisation=spec.organisation))
        if pid is None:
            continue  # a demo corpus without this woman: leave her case out
        case = book.cases.open(pid, spec.organisation, opened_on=today - dt.timedelta(days=40),
                               **spec.fields)
        assert case.id is not None
        for update in spec.updates:
            book.cases.update(case.id, **update)
        for need, state in spec.needs.items():
            book.cases.need(case.id, need, state=state)
        for service in spec.services:
            book.cases.service(case.id, **service)
        for days, kind, text in spec.tasks:
            book.cases.task(case.id, text=text, due=today + dt.timedelta(days=days), kind=kind)
        for scope in spec.case_consent:
            book.cases.grant(case.id, scope)
        for to, wanted, answer in spec.referrals:
            _, referral = book.cases.refer(case.id, to, wanted)
            result.referrals += 1
            if answer:  # the partner's answer, recorded as the partner
                book.with_actor(f"{to} (demo)").cases.answer(case.id, referral.uid, answer)
        for text in spec.notes:
            book.cases.note(case.id, text)
        result.cases[spec.pseudonym] = case.id
    return result
