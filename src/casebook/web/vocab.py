"""Labels for pages and filters, from casebook.vocab (vocabularies and the gazetteer)."""

from __future__ import annotations

import functools

from casebook.vocab import Vocabulary, gazetteer, load, names


@functools.cache
def event_types(lang: str) -> list[tuple[str, str]]:
    return [(t.code, t.label(lang)) for t in load("event_type")]


@functools.cache
def filter_places(lang: str) -> list[tuple[str, str]]:
    """Countries and provinces, then the cities of the border region: what filters offer."""
    keep = ("country", "province", "prefecture", "region", "river")
    places = [p for p in gazetteer() if p.level in keep]
    places.sort(key=lambda p: (keep.index(p.level), p.id))
    return [(p.id, p.name(lang) + ("" if p.level == "country" else f" ({p.country})"))
            for p in places]


def place_label(place_id: str | None, lang: str, fallback: str | None = None) -> str:
    if not place_id:
        return fallback or ""
    found = gazetteer().get(place_id)
    return found.name(lang) if found else (fallback or place_id)


def vocabularies() -> list[Vocabulary]:
    return [load(n) for n in names()]
