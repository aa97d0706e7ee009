"""Recording a testimony from the web: pasted text or an uploaded file, held in memory only."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from casebook.errors import InvalidInput
from casebook.intake.pipeline import default_extractor, describe, parse_consent
from casebook.intake.readers import ImportItem, decode_text, read_docx, read_pdf
from casebook.model.consent import BASE_SCOPES, share_scope
from casebook.web.auth import Ctx
from casebook.web.permissions import require

UPLOAD_SUFFIXES = (".txt", ".md", ".docx", ".pdf")


def text_of_upload(name: str, data: bytes) -> tuple[str, str]:
    """(text, format) of an uploaded file, read in memory by the intake readers."""
    suffix = PurePath(name).suffix.lower()
    if suffix in (".txt", ".md", ""):
        return decode_text(data, name), "txt"
    if suffix == ".docx":
        return read_docx(data, name), "docx"
    if suffix == ".pdf":
        return read_pdf(data, name), "pdf"
    raise InvalidInput(f"{name}: upload a .txt, .md, .docx or .pdf file")


def record_testimony(ctx: Ctx, text: str, *, file_name: str | None = None, fmt: str = "txt",
                     pseudonym: str | None = None, surname: str | None = None,
                     birth_year: Any = None, sex: str | None = None,
                     interview_date: str | None = None, interview_place: str | None = None,
                     language: str | None = None, consent: list[str] | None = None,
                     share_with: list[str] | None = None,
                     restrict_to: list[int] | None = None) -> dict[str, Any]:
    """Store one testimony for the user's organisation, with extraction's suggested facts."""
    require(ctx.user, "intake")
    if not (text or "").strip():
        raise InvalidInput("text: paste the testimony or upload a file")
    scopes = [s for s in (consent or []) if s]
    unknown = [s for s in scopes if s not in BASE_SCOPES]
    if unknown:
        raise InvalidInput(f"consent: unknown scope {unknown[0]!r}")
    scopes += [share_scope(o) for o in (share_with or []) if o and o != ctx.user.organisation]
    parse_consent(scopes)  # one clear error before anything is stored
    if restrict_to:
        colleagues = {u.id for u in ctx.book.users.all(ctx.user.organisation)}
        strangers = [u for u in restrict_to if u not in colleagues]
        if strangers:
            raise InvalidInput(f"restrict_to: user {strangers[0]} is not in your organisation")
    meta = {"pseudonym": (pseudonym or "").strip() or None, "surname": surname or None,
            "birth_year": birth_year or None, "sex": sex or None,
            "interview_date": interview_date or None,
            "interview_place": interview_place or None,
            "language": language if language in ("ko", "en") else None,
            "organisation": ctx.user.organisation, "consent": scopes,
            "interviewer": ctx.user.username}
    # what the form says (and the user's own organisation) wins over the text's header
    item = ImportItem(text, file_name or "web", {k: v for k, v in meta.items() if v is not None},
                      fmt)
    testimony, person = describe(item)
    testimony.provenance["source"] = "web"
    record = default_extractor()(testimony.text, testimony.language)
    tid, created = ctx.book.testimonies.add(testimony, person, record)
    if created and restrict_to:
        ctx.book.users.restrict(tid, sorted({*restrict_to, ctx.user.id}), actor=ctx.user.username)
    n_facts = (len(record.facts) + len(record.events)) if created else 0
    return {"testimony_id": tid, "created": created, "person_id": testimony.person_id,
            "facts_suggested": n_facts}
