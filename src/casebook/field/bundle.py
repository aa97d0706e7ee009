"""Field bundles: new testimonies sealed to HQ, removed from the field machine, opened at HQ.

A field installation knows only HQ's age *public* key, so what it seals it can no longer read:
a laptop searched at a checkpoint after ``casebook field seal`` holds neither the testimonies
nor a key that opens the bundle. The bundle is age (X25519) encryption of one JSON document:
the testimonies (text, consent, facts, person) and a manifest with the SHA-256 of each
testimony's text and of each whole item. HQ decrypts, checks every hash before importing
anything, and imports idempotently: a bundle already opened, or a testimony already present
(same text hash), changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyrage import x25519

from casebook.errors import AuditChainBroken, InvalidInput, NotFound, StorageError, StoreCorrupt
from casebook.field import bundle_cases
from casebook.files import canonical, decrypt, encrypt, read_input, sha256, write_atomic
from casebook.model import Consent, Event, Fact, Person, Record, Testimony, UncertainDate
from casebook.model.records import STATUSES
from casebook.store import Casebook

FORMAT = "casebook-field-bundle"
VERSION = 2  # 2: cases travel too (a version-1 reader would have dropped them)
READABLE = (1, 2)
META_SEALED = "field.sealed"  # [{"bundle", "at", "count", "sha256": [...]}]
META_OPENED = "field.opened"  # {bundle_id: {"at", "added", "duplicates"}}
META_RECIPIENT = "field.hq_recipient"
MAX_BUNDLE_BYTES = 1 << 30
KEY_FORMAT = "casebook-hq-key"


# -- HQ key pair -------------------------------------------------------------------------------
def generate_hq_key(out: Path, passphrase: str) -> str:
    """Write a new HQ identity, itself age-encrypted to ``passphrase``; return the public key.

    The public key also goes to ``<out>.pub`` for handing to field machines.
    """
    if not passphrase:
        raise InvalidInput("field keygen: an HQ key needs a passphrase to protect it")
    identity = x25519.Identity.generate()
    public = str(identity.to_public())
    body = f"# {KEY_FORMAT} v1\n# public key: {public}\n{identity}\n".encode("ascii")
    write_atomic(out, encrypt(body, passphrase=passphrase))
    write_atomic(out.with_name(out.name + ".pub"), (public + "\n").encode("ascii"), mode=0o644)
    return public


def load_hq_identity(path: Path, passphrase: str) -> x25519.Identity:
    body = decrypt(read_input(path, 1 << 16), str(path), passphrase=passphrase)
    lines = [ln.strip() for ln in body.decode("ascii", "replace").splitlines()]
    if not lines or KEY_FORMAT not in lines[0]:
        raise InvalidInput(f"{path}: not a casebook HQ key")
    secret = next((ln for ln in lines if ln.startswith("AGE-SECRET-KEY-")), None)
    if secret is None:
        raise InvalidInput(f"{path}: the HQ key file holds no age identity")
    return x25519.Identity.from_str(secret)


# -- sealing (field side) ----------------------------------------------------------------------
@dataclass
class SealResult:
    bundle_id: str
    path: Path
    sealed: list[int] = field(default_factory=list)
    already_sealed: list[int] = field(default_factory=list)  # kept, not sealed twice
    removed: int = 0
    bytes: int = 0
    cases: list[int] = field(default_factory=list)


def _item(book: Casebook, testimony_id: int) -> dict[str, Any]:
    t = book.testimonies.get(testimony_id, purpose="field_seal")
    person = book.persons.get(t.person_id) if t.person_id else None
    record = book.facts.record(testimony_id, STATUSES)
    return {
        "sha256": t.sha256,
        "testimony": {
            "text": t.text, "language": t.language, "told_by": t.told_by,
            "interview_date": t.interview_date.to_dict() if t.interview_date else None,
            "interview_place": t.interview_place, "interviewer": t.interviewer,
            "organisation": t.organisation, "file_name": t.file_name,
            "provenance": t.provenance,
            "recorded_at": t.recorded_at.isoformat() if t.recorded_at else None,
        },
        "consent": t.consent.to_list(),
        "person_ref": t.person_id,
        "person": None if person is None else {
            "pseudonym": person.pseudonym, "surname": person.surname, "sex": person.sex,
            "birth_year": person.birth_year,
            "birth_year_approximate": person.birth_year_approximate,
            "origin_place": person.origin_place, "languages": person.languages,
            "organisation": person.organisation, "kind": person.kind,
        },
        "facts": [f.to_dict() for f in record.facts],
        "events": [e.to_dict() for e in record.events],
    }


def manifest_of(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"count": len(items),
            "items": [{"sha256_text": it["sha256"], "sha256_item": sha256(canonical(it))}
                      for it in items]}


def sealed_hashes(book: Casebook) -> set[str]:
    return {h for entry in book.meta.get(META_SEALED, []) for h in entry.get("sha256", [])}


def seal(book: Casebook, recipient: str, out: Path, *, keep_local: bool = False) -> SealResult:
    """Seal every testimony not sealed before into ``out`` and (normally) delete the local copies.

    The bundle is written and fsynced first; only then are the rows deleted, in one transaction
    that also records the bundle in ``meta`` and the audit log. A crash in between leaves the
    rows, and a second seal puts them in a new bundle, which HQ imports without duplicates.
    """
    if out.exists():
        raise InvalidInput(f"{out}: a file is already there; choose another name")
    encrypt(b"", recipients=[recipient], what="HQ public key")  # reject a bad key before reading
    report = book.audit.verify()
    if not report.ok:
        # HQ would refuse a bundle whose texts do not match their hashes, and the local copies
        # would be gone: seal nothing, delete nothing, until the casebook verifies.
        raise AuditChainBroken(f"field seal: the casebook does not verify ({len(report.problems)} "
                               "problems; run `casebook audit verify`); nothing was sealed or "
                               "deleted")
    done = sealed_hashes(book)
    chosen, skipped, items = [], [], []
    hashes = book.testimonies.hashes()
    for testimony_id, digest in hashes.items():
        if digest in done:
            skipped.append(testimony_id)
            continue
        chosen.append(testimony_id)
        items.append(_item(book, testimony_id))
    case_ids, case_items, case_events = bundle_cases.case_items(book)
    if not items and not case_items:
        raise NotFound("field seal: no new testimonies or case changes to seal"
                       + (f" ({len(skipped)} testimonies were sealed before)" if skipped else ""))
    bundle_id = uuid.uuid4().hex
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    manifest = {**manifest_of(items), "cases": bundle_cases.manifest_entries(case_items)}
    payload = {"format": FORMAT, "version": VERSION, "bundle_id": bundle_id, "created": now,
               "origin": {"actor": book.actor}, "manifest": manifest,
               "testimonies": items, "cases": case_items}
    data = encrypt(canonical(payload), recipients=[recipient], what="HQ public key")
    del payload, items, case_items
    write_atomic(out, data, mode=0o600)
    if not keep_local and sha256(out.read_bytes()) != sha256(data):
        raise StorageError(f"{out}: the bundle on disk differs from what was written; nothing "
                           "was deleted here. Check the disk and seal again")
    entry = {"bundle": bundle_id, "at": now, "count": len(chosen),
             "sha256": [hashes[tid] for tid in chosen],
             "file_sha256": sha256(data)}
    sealed_meta = [*book.meta.get(META_SEALED, []), entry]
    sealed_cases = sorted(bundle_cases.sealed_events(book) | set(case_events))
    result = SealResult(bundle_id, out, chosen, skipped, 0, len(data), case_ids)
    detail = {"reason": "field_seal", "bundle": bundle_id, "file_sha256": entry["file_sha256"]}
    if keep_local:
        book.meta.set(META_SEALED, sealed_meta)
        book.meta.set(bundle_cases.META_SEALED_CASES, sealed_cases)
        book.audit.record("field_seal", f"bundle:{bundle_id}", {**detail, "testimonies": chosen,
                                                         "cases": case_ids, "kept_local": True})
    else:
        result.removed = book.testimonies.delete(
            chosen, detail, {META_SEALED: sealed_meta,
                             bundle_cases.META_SEALED_CASES: sealed_cases}, cases=case_ids)
    return result


# -- opening (HQ side) -------------------------------------------------------------------------
@dataclass
class OpenResult:
    bundle_id: str
    already_opened: bool = False
    added: list[int] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)
    cases: list[int] = field(default_factory=list)
    case_events: int = 0  # history entries HQ did not have
    case_events_skipped: int = 0  # kept in the history but no longer applicable at HQ


def read_bundle(data: bytes, identity: x25519.Identity, name: str) -> dict[str, Any]:
    """Decrypt and check a bundle completely; every problem is reported, nothing imported."""
    plain = decrypt(data, name, identity=identity)
    try:
        payload = json.loads(plain)
    except (ValueError, UnicodeDecodeError):
        raise StoreCorrupt(f"{name}: the bundle decrypts but is not a casebook bundle") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise StoreCorrupt(f"{name}: not a casebook field bundle")
    if payload.get("version") not in READABLE:
        raise StoreCorrupt(f"{name}: bundle version {payload.get('version')!r} is not supported")
    problems: list[str] = []
    items = payload.get("testimonies")
    manifest = payload.get("manifest") or {}
    listed = manifest.get("items") or []
    try:
        uuid.UUID(hex=str(payload.get("bundle_id")))
    except ValueError:
        problems.append("the bundle id is not valid")
    if not isinstance(items,
                      list) or manifest.get("count") != len(items) or len(listed) != len(items):
        problems.append("the manifest does not list the testimonies the bundle holds")
        items = []
    for n, (item, entry) in enumerate(zip(items, listed), start=1):
        try:
            text_hash = sha256(item["testimony"]["text"].encode("utf-8"))
        except (TypeError, KeyError, AttributeError):
            problems.append(f"testimony {n} is malformed")
            continue
        if not (text_hash == item.get("sha256") == entry.get("sha256_text")):
            problems.append(f"testimony {n}: the text does not match its SHA-256")
        if sha256(canonical(item)) != entry.get("sha256_item"):
            problems.append(f"testimony {n}: consent, facts or person differ from the manifest")
    problems += bundle_cases.check(payload, manifest)
    if problems:
        raise StoreCorrupt(f"{name}: bundle failed verification: " + "; ".join(problems))
    return payload


def _from_item(item: dict[str, Any], bundle_id: str, name: str,
               n: int) -> tuple[Testimony, Person | None, Record]:
    try:
        t = item["testimony"]
        recorded = t.get("recorded_at")
        testimony = Testimony(
            text=t["text"], language=t["language"], told_by=t.get("told_by") or "self",
            interview_date=UncertainDate.from_dict(t.get("interview_date")),
            interview_place=t.get("interview_place"), interviewer=t.get("interviewer"),
            organisation=t.get("organisation"), file_name=t.get("file_name"),
            sha256=item["sha256"],
            provenance={**(t.get("provenance") or {}), "field_bundle": bundle_id},
            consent=Consent.from_list(item.get("consent") or []),
            recorded_at=dt.datetime.fromisoformat(recorded) if recorded else None,
        )
        p = item.get("person")
        person = Person(**p) if p else None
        record = Record([Fact.from_dict(f) for f in item.get("facts") or []],
                        [Event.from_dict(e) for e in item.get("events") or []], testimony.language)
    except (KeyError, TypeError, ValueError) as exc:
        raise StoreCorrupt(f"{name}: testimony {n} cannot be read ({exc})") from None
    return testimony, person, record


def open_bundle(book: Casebook, path: Path, identity: x25519.Identity) -> OpenResult:
    """Verify and import a bundle; opening the same bundle again changes nothing."""
    payload = read_bundle(read_input(path, MAX_BUNDLE_BYTES), identity, str(path))
    bundle_id = payload["bundle_id"]
    opened = dict(book.meta.get(META_OPENED, {}) or {})
    if bundle_id in opened:
        return OpenResult(bundle_id, already_opened=True)
    parsed = [_from_item(it, bundle_id, str(path), n)
              for n, it in enumerate(payload["testimonies"], start=1)]  # all readable first
    result = OpenResult(bundle_id)
    person_of = {s.id: s.person_id for s in book.testimonies.all()}
    person_map: dict[Any, int | None] = {}
    for item, (testimony, person, record) in zip(payload["testimonies"], parsed):
        ref = item.get("person_ref")
        existing = book.testimonies.find_by_hash(testimony.sha256)
        if existing is not None:
            result.duplicates.append(existing)
            person_map.setdefault(ref, person_of.get(existing))
            continue
        if person is not None and person_map.get(ref) is not None:
            person.id = person_map[ref]  # the same woman's second testimony in this bundle
        tid, created = book.testimonies.add(testimony, person, record)
        (result.added if created else result.duplicates).append(tid)
        if ref is not None:
            person_map[ref] = testimony.person_id
    result.cases, result.case_events, result.case_events_skipped = bundle_cases.import_cases(
        book, payload.get("cases") or [], person_map)
    opened[bundle_id] = {"at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                         "added": len(result.added), "duplicates": len(result.duplicates),
                         "cases": len(result.cases)}
    book.meta.set(META_OPENED, opened)
    book.audit.record("field_open", f"bundle:{bundle_id}",
               {"added": result.added, "duplicates": result.duplicates,
                "cases": result.cases, "case_events": result.case_events,
                "origin": payload.get("origin"), "created": payload.get("created")})
    return result
