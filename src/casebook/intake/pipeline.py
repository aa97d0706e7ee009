"""Importing files into a casebook: read, describe, extract, store — one testimony at a time.

Each testimony is stored in its own transaction, so an import that is interrupted or meets a
bad file keeps everything before it, and a file imported twice is recognised by its hash.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from casebook.errors import CasebookError, InvalidInput, StorageError
from casebook.extract import extract
from casebook.intake.readers import ImportItem, expand_paths, read_file
from casebook.intake.scans import summary as scan_summary
from casebook.intake.scans import unread_lines
from casebook.model import Consent, Person, Record, Testimony, UncertainDate, sha256_text
from casebook.model.consent import BASE_SCOPES, share_scope
from casebook.store import Casebook

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def detect_language(text: str) -> str:
    """Korean when Hangul makes up a real share of the letters, else English."""
    letters = sum(ch.isalpha() for ch in text[:20000]) or 1
    return "ko" if len(HANGUL.findall(text[:20000])) / letters > 0.3 else "en"


def parse_consent(value: Any, on: dt.date | None = None) -> Consent:
    """Consent from import metadata: a list of scopes, "a;b" text, or a dict of flags.

    A dict may carry ``share_with`` as a list of organisations.
    """
    scopes: list[str] = []
    if value is None or value == "":
        return Consent()
    if isinstance(value, str):
        scopes = [s.strip() for s in re.split(r"[;,|]", value) if s.strip()]
    elif isinstance(value, list):
        scopes = [str(s) for s in value]
    elif isinstance(value, dict):
        for key, flag in value.items():
            if key == "share_with":
                scopes += [share_scope(o) for o in (flag or [])]
            elif flag in (True, "true", "yes", "1", 1):
                scopes.append(key)
    else:
        raise InvalidInput(f"consent: cannot read {type(value).__name__} as consent scopes")
    try:
        return Consent.of(scopes, on)
    except ValueError as exc:
        raise InvalidInput(f"consent: {exc}") from None


def _int_or_none(value: Any, field_name: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"{field_name}: not a whole number") from None


def parse_interview_date(value: Any) -> UncertainDate | None:
    """"2019", "2019-05" or "2019-05-14"; coarse on purpose."""
    if value in (None, ""):
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", str(value).strip())
    if not m:
        raise InvalidInput("interview_date: not YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = (int(g) if g else None for g in m.groups())
    try:
        return UncertainDate(year=y, month=mo, day=d)
    except ValueError as exc:
        raise InvalidInput(f"interview_date: {exc}") from None


TEXT_FIELDS = ("pseudonym", "surname", "sex", "origin_place", "organisation", "interview_place",
               "interviewer", "language")


def _checked_meta(meta: dict[str, Any], name: str) -> dict[str, Any]:
    """Each text field is text (a number is taken as its digits); an object, a list or a
    true/false is refused naming the file and the field, never quoting the value."""
    out = dict(meta)
    for key in TEXT_FIELDS:
        value = out.get(key)
        if value is None or isinstance(value, str):
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            out[key] = str(value)
            continue
        kind = {dict: "an object", list: "a list", bool: "true/false"}.get(type(value), "not text")
        raise InvalidInput(f"{name}: field '{key}' must be text, not {kind}; fix the record "
                           "and import it again")
    for key, value in out.items():
        if isinstance(value, str) and "\x00" in value:
            raise InvalidInput(f"{name}: field '{key}' contains a NUL character")
    return out


def _in_file(name: str, parse: Callable[[Any], Any], value: Any) -> Any:
    try:
        return parse(value)
    except InvalidInput as exc:
        raise InvalidInput(f"{name}: {exc}") from None


TEXT_FORMATS = ("txt", "md", "docx", "pdf")  # a document with a header, not a data row


def describe(item: ImportItem, defaults: dict[str, Any] | None = None) -> tuple[Testimony, Person]:
    """Build the testimony and person a file describes. The file's metadata wins over what its
    header says (pseudonym, interview date and place, interviewer, organisation), and both win
    over the importer's defaults."""
    from casebook.intake.header import read_header

    if not unicodedata.is_normalized("NFC", item.text):
        # Hangul pasted from some Mac programs arrives as separate jamo: stored composed, so
        # search, duplicates and extraction see one form of the same words
        item = replace(item, text=unicodedata.normalize("NFC", item.text))
    header = read_header(item.text) if item.format in TEXT_FORMATS else {}
    meta = _checked_meta({**(defaults or {}), **header, **item.metadata}, item.file_name)
    language = meta.get("language") or detect_language(item.text)
    digest = sha256_text(item.text)
    person = Person(
        pseudonym=str(meta.get("pseudonym") or f"Survivor {digest[:6].upper()}"),
        surname=meta.get("surname") or None,
        sex=meta.get("sex") or None,
        birth_year=_int_or_none(meta.get("birth_year"), f"{item.file_name}: birth_year"),
        origin_place=meta.get("origin_place") or None,
        languages=[language],
        organisation=meta.get("organisation") or None,
    )
    consent_value = meta.get("consent")
    if consent_value is None:
        consent_value = [s for s in BASE_SCOPES if str(meta.get(s, "")).lower() in ("true", "yes",
                                                                                    "1")]
    testimony = Testimony(
        text=item.text, language=language,
        interview_date=_in_file(item.file_name, parse_interview_date, meta.get("interview_date")),
        interview_place=meta.get("interview_place") or None,
        interviewer=meta.get("interviewer") or None,
        organisation=meta.get("organisation") or None,
        file_name=item.file_name, sha256=digest,
        provenance={"format": item.format, "file": item.file_name,
                    "imported": dt.date.today().isoformat(), **_scan_provenance(item)},
        consent=parse_consent(consent_value),
        scan=item.scan,
    )
    return testimony, person


def _scan_provenance(item: ImportItem) -> dict[str, Any]:
    """What the record keeps of how a scan was read: the original's hash, its pages, the
    pages that could not be read (so a partial reading is never taken for the whole)."""
    scan = item.scan
    if scan is None:
        return {}
    return {"scan_sha256": scan.sha256, "pages": len(scan.pages),
            "pages_unread": [p.number for p in scan.unread],
            "ocr_languages": sorted({p.language for p in scan.pages if p.language})}


@dataclass
class ImportResult:
    added: list[int] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, one-line reason)
    # lines about files imported only in part: a scan's pages that could not be read
    notes: list[str] = field(default_factory=list)
    # The storage failure (lock, disk full, damaged file) that stopped the import, if any:
    # everything stored before it is kept, and nothing after it was tried.
    stopped: StorageError | None = None


def default_extractor() -> Callable[[str, str], Record]:
    """The extraction engine: proposes facts (status suggested) from a testimony's text."""
    return extract


BATCH = 200


def import_paths(book: Casebook, paths: Iterable[Path], *, defaults: dict[str, Any] | None = None,
                 extractor: Callable[[str, str], Record] | None = None,
                 progress: Callable[[str], None] | None = None,
                 on_page: Callable[[str, int, int], None] | None = None) -> ImportResult:
    """Import files and directories; a bad file is recorded in ``failed`` and skipped.

    ``on_page(file, pages read, pages)`` hears of each page of a scan as it is read; a scan
    with pages that could not be read is imported with the others and described in ``notes``.

    Testimonies are stored in batches of up to ``BATCH``, each batch one transaction: an
    interruption keeps every finished batch and loses no more than the one in flight.
    """
    result = ImportResult()
    pending: list[tuple[ImportItem, Testimony, Person, Record | None]] = []
    for path in expand_paths(list(paths)):
        name = safe_name(path)
        pages = (lambda done, total, _n=name: on_page(_n, done, total)) if on_page else None
        try:
            items = read_file(path, on_page=pages)
        except CasebookError as exc:
            result.failed.append((name, str(exc)))
            items = []
        except Exception as exc:  # noqa: BLE001 - one bad file never stops the others
            result.failed.append((name, _unexpected(exc, name)))
            items = []
        for item in items:
            if item.scan is not None and item.scan.unread:
                result.notes += [scan_summary(item.scan), *unread_lines(item.scan)]
            try:
                testimony, person = describe(item, defaults)
                record = extractor(testimony.text, testimony.language) if extractor else None
            except CasebookError as exc:
                result.failed.append((item.file_name, str(exc)))
                continue
            except Exception as exc:  # noqa: BLE001
                result.failed.append((item.file_name, _unexpected(exc, item.file_name)))
                continue
            pending.append((item, testimony, person, record))
            if len(pending) >= BATCH and not _flush(book, pending, result):
                return result
        if progress:
            progress(name)
    _flush(book, pending, result)
    return result


def safe_name(path: Path) -> str:
    """The path as printable text, even when the file name is not valid UTF-8."""
    from casebook.intake.readers import printable

    return printable(path)


def _unexpected(exc: Exception, name: str) -> str:
    """One line for a failure that is not a ``CasebookError``: its kind, never its message."""
    from casebook.store import translate, where_it_broke

    known = translate(exc, name)
    if known is not None:
        return str(known)
    return f"{name}: could not be read ({where_it_broke(exc)}); nothing of it was stored"


def _flush(book: Casebook, pending: list, result: ImportResult) -> bool:
    """Store the pending batch; False when a storage failure stops the import."""
    if not pending:
        return True
    try:
        outcomes = book.testimonies.add_many([(t, p, r) for _, t, p, r in pending])
    except Exception as exc:
        from casebook.store import translate

        first = pending[0][0].file_name
        where = first if len(pending) == 1 else f"{first} (and {len(pending) - 1} more)"
        known = translate(exc, where)
        if isinstance(known, StorageError):
            result.stopped = known
            result.failed.extend((item.file_name, "not stored: " + str(known))
                                 for item, *_ in pending)
            pending.clear()
            return False
        if known is None:
            raise
        result.failed.extend((item.file_name, str(known)) for item, *_ in pending)
        pending.clear()
        return True
    for (item, *_), (tid, created) in zip(pending, outcomes):
        if created:
            result.added.append(tid)
        else:
            result.duplicates.append(item.file_name)
    pending.clear()
    return True


def import_item(book: Casebook, item: ImportItem, result: ImportResult,
                defaults: dict[str, Any] | None = None,
                extractor: Callable[[str, str], Record] | None = None) -> None:
    """Import one item at once (its own transaction)."""
    testimony, person = describe(item, defaults)
    if book.testimonies.find_by_hash(testimony.sha256) is not None:
        result.duplicates.append(item.file_name)
        return
    record = extractor(testimony.text, testimony.language) if extractor else None
    _flush(book, [(item, testimony, person, record)], result)
