"""Cases in field bundles: a field worker opens and updates cases offline and seals them to HQ
with the testimonies (``bundle.py``).

A case travels as its identity (a random uid), its woman and its whole history; HQ adds the
events it does not have yet and rebuilds the case from all of them (``book.cases.merge``), so a
case sealed twice, or changed at HQ meanwhile, merges without duplicates. Events that no longer
apply at HQ (a referral HQ has already answered) are kept in the history, not applied, and
counted in the result. Each case's item hash is in the bundle's manifest like a testimony's.
"""

from __future__ import annotations

from typing import Any

from casebook.files import canonical, sha256
from casebook.model import Person
from casebook.store import Casebook

META_SEALED_CASES = "field.sealed_case_events"  # event uids already sealed from here


def sealed_events(book: Casebook) -> set[str]:
    return set(book.meta.get(META_SEALED_CASES, []) or [])


def case_items(book: Casebook) -> tuple[list[int], list[dict[str, Any]], list[str]]:
    """(case ids, bundle items, their event uids) of the cases with changes not sealed yet."""
    done = sealed_events(book)
    ids, items, uids = [], [], []
    for case_id, events in sorted(book.cases.event_uids().items()):
        if events <= done:
            continue
        item = book.cases.bundle_item(case_id)
        person = book.persons.get(item["person_ref"])
        item["person"] = {"pseudonym": person.pseudonym, "surname": person.surname,
                          "sex": person.sex, "birth_year": person.birth_year,
                          "birth_year_approximate": person.birth_year_approximate,
                          "origin_place": person.origin_place, "languages": person.languages,
                          "organisation": person.organisation, "kind": person.kind}
        ids.append(case_id)
        items.append(item)
        uids.extend(sorted(events))
    return ids, items, uids


def manifest_entries(items: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{"uid": it["uid"], "sha256_item": sha256(canonical(it))} for it in items]


def check(payload: dict[str, Any], manifest: dict[str, Any]) -> list[str]:
    """Problems of the bundle's cases against its manifest (empty when they agree)."""
    items = payload.get("cases") or []
    listed = manifest.get("cases") or []
    if not isinstance(items, list) or len(items) != len(listed):
        return ["the manifest does not list the cases the bundle holds"]
    problems = []
    for n, (item, entry) in enumerate(zip(items, listed), start=1):
        if not isinstance(item, dict) or sha256(canonical(item)) != entry.get("sha256_item") \
                or item.get("uid") != entry.get("uid"):
            problems.append(f"case {n}: its history differs from the manifest")
    return problems


def import_cases(book: Casebook, items: list[dict[str, Any]],
                 person_map: dict[Any, int | None]) -> tuple[list[int], int, int]:
    """Merge the bundle's cases: (case ids, events added, events kept but not applied)."""
    ids, added, skipped = [], 0, 0
    known = book.cases.uids()
    for item in items:
        existing = known.get(item["uid"])
        person_id = existing[1] if existing else person_map.get(item.get("person_ref"))
        if person_id is None:
            person = Person(**item["person"])
            person_id = book.persons.add(person)
            person_map[item.get("person_ref")] = person_id
        case_id, n_added, n_skipped = book.cases.merge(item, person_id)
        ids.append(case_id)
        added += n_added
        skipped += len(n_skipped)
    return ids, added, skipped
