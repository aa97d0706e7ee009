"""A referral for an organisation that does not share this casebook: one age-encrypted file.

The package carries what the receiving organisation needs to act and her consent allows: the
referral (service, note), her pseudonym and year of birth, the case's status, stage and risk
level, her open needs, and her testimonies whose consent shares with that organisation (the
store's ``referral`` read: accepted facts; their text only when asked for). Never her place,
the caseworker's notes, tasks or history. The receiving casebook reads it with
:func:`receive`, which opens her case there; its answer is recorded in the sending casebook.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from casebook.errors import InvalidInput, StoreCorrupt
from casebook.model import Consent, Event, Fact, Person, Record, Testimony, UncertainDate
from casebook.model.cases import Referral
from casebook.store import Casebook

FORMAT = "casebook-referral"
VERSION = 1
MAX_BYTES = 64 << 20
META_RECEIVED = "cases.referrals_received"  # referral uid -> {"case", "person"}


def package(book: Casebook, case_id: int, referral: Referral, *,
            with_text: bool = False) -> dict[str, Any]:
    """What the file for ``referral`` of case ``case_id`` holds (reads audited)."""
    case = book.cases.get(case_id, purpose="referral")
    assert case.person_id is not None
    person = book.persons.get(case.person_id)
    mine = [t for t in book.read_for("referral", partner=referral.to)
            if t.person_id == case.person_id]
    testimonies = []
    for t in mine:
        text = book.testimonies.get(t.testimony_id, purpose="referral").text if with_text \
            else None
        testimonies.append({
            "sha256": t.sha256, "language": t.language, "interview_year": t.interview_year,
            "organisation": t.organisation, "consent": t.consent.to_list(),
            "facts": [f.to_dict() for f in t.record.facts],
            "events": [e.to_dict() for e in t.record.events],
            **({"text": text} if text is not None else {})})
    book.audit.record("referral_export", f"case:{case_id}",
                      {"referral": referral.uid, "to": referral.to,
                       "testimonies": len(testimonies), "text": with_text})
    return {
        "format": FORMAT, "version": VERSION,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "referral": {"uid": referral.uid, "from": case.organisation, "to": referral.to,
                     "service": referral.service, "note": referral.note,
                     "sent_at": referral.sent_at.isoformat() if referral.sent_at else None},
        "case": {"uid": case.uid, "status": case.status, "stage": case.stage,
                 "risk": case.risk,
                 "needs": sorted(n.need for n in case.needs.values() if n.state == "open")},
        "person": {"pseudonym": person.pseudonym, "sex": person.sex,
                   "birth_year": person.birth_year,
                   "birth_year_approximate": person.birth_year_approximate,
                   "languages": person.languages},
        "testimonies": testimonies,
    }


def serialise(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")


def read(data: bytes, name: str) -> dict[str, Any]:
    """A decrypted package, checked whole before anything is stored."""
    try:
        payload = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise StoreCorrupt(f"{name}: decrypts, but is not a casebook referral") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise StoreCorrupt(f"{name}: not a casebook referral")
    if payload.get("version") != VERSION:
        raise StoreCorrupt(f"{name}: referral version {payload.get('version')!r} is not known")
    for key in ("referral", "case", "person"):
        if not isinstance(payload.get(key), dict):
            raise StoreCorrupt(f"{name}: the referral has no {key}")
    if not isinstance(payload.get("testimonies"), list):
        raise StoreCorrupt(f"{name}: the referral's testimonies are not a list")
    return payload


@dataclass
class Received:
    case_id: int
    person_id: int
    testimonies: int
    already: bool = False


def receive(book: Casebook, payload: dict[str, Any], organisation: str) -> Received:
    """Open her case in the receiving casebook from a package addressed to ``organisation``:
    her person, the testimonies she let it have (with their consent), the case with her
    needs and the service asked for, planned. Receiving the same package again adds nothing."""
    ref = payload["referral"]
    if str(ref.get("to") or "").strip() != organisation.strip():
        raise InvalidInput(f"this referral is addressed to {ref.get('to')!r}, not to "
                           f"{organisation!r}")
    received = dict(book.meta.get(META_RECEIVED, {}) or {})
    if ref.get("uid") in received:
        known = received[ref["uid"]]
        return Received(known["case"], known["person"], 0, already=True)
    p = payload["person"]
    try:
        person = Person(str(p["pseudonym"]), sex=p.get("sex"), birth_year=p.get("birth_year"),
                        birth_year_approximate=bool(p.get("birth_year_approximate")),
                        languages=list(p.get("languages") or []), organisation=organisation)
        entries = [_testimony(t, ref) for t in payload["testimonies"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise StoreCorrupt(f"referral {str(ref.get('uid'))[:8]}: cannot be read ({exc})") \
            from None
    person_id = book.persons.add(person)
    added = 0
    for testimony, record in entries:
        testimony.person_id = person_id
        _, created = book.testimonies.add(testimony, None, record)
        added += created
    case = book.cases.open(person_id, organisation, stage=payload["case"].get("stage"),
                           risk=payload["case"].get("risk"),
                           risk_reason="as assessed by the referring organisation"
                           if payload["case"].get("risk") else None)
    assert case.id is not None
    for need in payload["case"].get("needs") or []:
        book.cases.need(case.id, need)
    book.cases.service(case.id, service=ref["service"], state="planned", provider=organisation)
    book.cases.note(case.id, f"Referred by {ref.get('from')} for {ref['service']}"
                             + (f": {ref['note']}" if ref.get("note") else ""))
    received[ref["uid"]] = {"case": case.id, "person": person_id}
    book.meta.set(META_RECEIVED, received)
    return Received(case.id, person_id, added)


def _testimony(item: dict[str, Any], ref: dict[str, Any]) -> tuple[Testimony, Record]:
    text = item.get("text") or ("(text not shared: accepted facts of a testimony received "
                                f"with a referral, {item['sha256'][:12]})")
    testimony = Testimony(
        text=text, language=item["language"], organisation=item.get("organisation"),
        interview_date=UncertainDate(year=item["interview_year"])
        if item.get("interview_year") else None,
        provenance={"referral": ref["uid"], "from": ref.get("from"),
                    "sha256_original": item["sha256"]},
        consent=Consent.from_list(item.get("consent") or []))
    record = Record([Fact.from_dict(f) for f in item.get("facts") or []],
                    [Event.from_dict(e) for e in item.get("events") or []], item["language"])
    return testimony, record
