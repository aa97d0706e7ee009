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

import pyrage
from pyrage import passphrase as age_passphrase
from pyrage import x25519

from casebook.errors import InvalidInput, WrongPassphrase
from casebook.model import LEGAL_PROCEEDINGS, share_scope
from casebook.store import Casebook

CSV_FIELDS = ["testimony_id", "person_id", "pseudonym", "surname", "birth_year", "organisation",
              "language", "interview_year", "file_name", "sha256", "consent", "facts_accepted",
              "text"]


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
    """The rows the export may contain, consent checked one testimony at a time."""
    scope = required_scope(request)
    rows = []
    summaries = book.testimonies()
    consents = book.consents([s.id for s in summaries])
    people = {p.id: p for p in book.persons()}
    for summary in summaries:
        consent = consents[summary.id]
        if scope is not None and not consent.allows(scope):
            continue
        if not consent.active_scopes():  # she withdrew everything: she leaves every export
            continue
        person = people.get(summary.person_id)
        accepted = book.record(summary.id, ["accepted"])
        row: dict[str, Any] = {
            "testimony_id": summary.id, "person_id": summary.person_id,
            "pseudonym": person.pseudonym if person else None,
            "surname": person.surname if person else None,
            "birth_year": person.birth_year if person else None,
            "organisation": summary.organisation, "language": summary.language,
            "interview_year": summary.interview_year, "file_name": summary.file_name,
            "consent": consent.to_list(),
            "facts_accepted": [*(f.to_dict() for f in accepted.facts),
                               *(e.to_dict() for e in accepted.events)],
        }
        if request.include_text:
            t = book.get_testimony(summary.id, purpose="export")
            row["sha256"], row["text"] = t.sha256, t.text
        rows.append(row)
    book.audit("export", None, {"rows": len(rows), "scope": scope, "format": request.format,
                                "text": request.include_text})
    return rows


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
                             "facts_accepted": len(row["facts_accepted"])})
        return buf.getvalue().encode("utf-8")
    raise InvalidInput(f"--format: {fmt!r} is not json or csv")


def encrypt(data: bytes, *, recipients: list[str] | None = None,
            passphrase: str | None = None) -> bytes:
    """age encryption to public keys (age1…) or to a passphrase (scrypt)."""
    if recipients:
        try:
            keys = [x25519.Recipient.from_str(r.strip()) for r in recipients]
        except pyrage.RecipientError:
            raise InvalidInput("--recipient: not an age public key (age1…)") from None
        return pyrage.encrypt(data, keys)
    if passphrase:
        return age_passphrase.encrypt(data, passphrase)
    raise InvalidInput("an encrypted export needs --recipient or an export passphrase")


def decrypt(data: bytes, *, identity: str | None = None, passphrase: str | None = None) -> bytes:
    try:
        if identity:
            return pyrage.decrypt(data, [x25519.Identity.from_str(identity.strip())])
        return age_passphrase.decrypt(data, passphrase or "")
    except (pyrage.DecryptError, pyrage.IdentityError):
        raise WrongPassphrase("cannot decrypt the export with that key or passphrase") from None
