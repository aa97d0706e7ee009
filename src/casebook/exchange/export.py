"""Exports of records: consent-checked, and encrypted (age format) unless asked otherwise.

An export for a partner contains only testimonies whose survivor agreed to share with that
partner; an export for legal proceedings only those that allow legal use. An export with no
purpose is the organisation's own copy, of every testimony that still has some consent: a
survivor who has withdrawn every scope appears in no export (backups still hold her record
until she is deleted).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from casebook.errors import InvalidInput
from casebook.journey import read_event
from casebook.model import LEGAL_PROCEEDINGS, Event, share_scope
from casebook.model.mood import is_fact, mood_of
from casebook.store import Casebook

CSV_FIELDS = ["testimony_id", "person_id", "pseudonym", "surname", "birth_year", "organisation",
              "language", "interview_year", "file_name", "sha256", "consent", "facts_accepted",
              "events_happened", "events_not_happened", "text"]


@dataclass
class ExportRequest:
    format: str = "json"  # json or csv
    for_organisation: str | None = None
    purpose: str | None = None  # "legal" or None
    include_text: bool = True


def required_scope(request: ExportRequest) -> str | None:
    if request.for_organisation:
        return share_scope(request.for_organisation)
    if request.purpose == "legal":
        return LEGAL_PROCEEDINGS
    if request.purpose not in (None, "internal"):
        raise InvalidInput(f"--purpose: {request.purpose!r} is not 'legal' or 'internal'")
    return None


def collect(book: Casebook, request: ExportRequest) -> list[dict[str, Any]]:
    """The rows the export may contain: the store's ``export`` (or ``legal``) read, consent
    checked testimony by testimony, text read (and audited) only when asked for."""
    required_scope(request)  # an unknown purpose is an error before anything is read
    use = "legal" if request.purpose == "legal" and not request.for_organisation else "export"
    rows = []
    for t in book.read_for(use, partner=request.for_organisation,
                           with_text=request.include_text, purpose="export"):
        person = t.person
        row: dict[str, Any] = {
            "testimony_id": t.testimony_id, "person_id": t.person_id,
            "pseudonym": person.pseudonym if person else None,
            "surname": person.surname if person else None,
            "birth_year": person.birth_year if person else None,
            "organisation": t.organisation, "language": t.language,
            "interview_year": t.interview_year, "file_name": t.file_name,
            "consent": t.consent.to_list(),
            "facts_accepted": [*(f.to_dict() for f in t.record.facts),
                               *(_event_out(e) for e in t.record.events)],
        }
        if request.include_text:
            row["sha256"], row["text"] = t.sha256, t.text
        rows.append(row)
    book.audit.record("export", None, {"rows": len(rows), "scope": required_scope(request),
                                       "format": request.format, "text": request.include_text})
    return rows


def _event_out(event: Event) -> dict[str, Any]:
    """An event as exported: with its mood spelt out and how it reads, so that a partner's
    system never takes "never arrested" for an arrest."""
    return {**event.to_dict(), "mood": mood_of(event), "happened": is_fact(event),
            "reads": read_event(event, "en").text()}


def serialise(rows: list[dict[str, Any]], fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps({"format": "casebook-export", "version": 1, "testimonies": rows},
                          ensure_ascii=False, indent=1, default=str).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row,
                             "consent": ";".join(c["scope"] for c in row["consent"]
                                                 if not c["withdrawn_on"]),
                             "facts_accepted": len(row["facts_accepted"]),
                             "events_happened": sum(f.get("happened") is True
                                                    for f in row["facts_accepted"]),
                             "events_not_happened": sum(f.get("happened") is False
                                                        for f in row["facts_accepted"])})
        return buf.getvalue().encode("utf-8")
    raise InvalidInput(f"--format: {fmt!r} is not json or csv")
