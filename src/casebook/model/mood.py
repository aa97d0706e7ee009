"""The mood of a fact: told as having happened, or denied, planned, feared, uncertain.

"Police never caught me" is stored as an arrest event whose mood is *denied*; "they wanted to
sell me, but I ran away" as a sale that was *planned* (and *foiled*). Such an event is kept (a
reviewer must see what she said, and "never arrested" answers a question), but it is never shown
without its mood and never counted as something that happened: summaries, statistics, maps and
the network use :func:`is_fact`.

One key on the event says it: ``attributes["mood"]``. The older spelling ``denied: True`` (with
``foiled: True`` for a planned sale she escaped) is read the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

FACT, DENIED, PLANNED, FEARED, UNCERTAIN = "fact", "denied", "planned", "feared", "uncertain"
MOODS = (FACT, DENIED, PLANNED, FEARED, UNCERTAIN)
"""Every mood; anything but FACT means the event did not (or may not have) happened."""

T = TypeVar("T")


def _attributes(item: Any) -> dict[str, Any]:
    attributes = getattr(item, "attributes", None)
    if attributes is None and isinstance(item, dict):
        attributes = item.get("attributes")
    return attributes if isinstance(attributes, dict) else {}


def mood_of(item: Any) -> str:
    """The mood of an event (or of its dict form); FACT when nothing says otherwise.

    An unknown mood word reads as UNCERTAIN: a value nobody recognises must not pass as a fact.
    """
    attributes = _attributes(item)
    mood = attributes.get("mood")
    if mood in MOODS:
        return str(mood)
    if mood not in (None, ""):
        return UNCERTAIN
    if attributes.get("denied"):
        return PLANNED if attributes.get("foiled") else DENIED
    return FACT


def foiled(item: Any) -> bool:
    """A planned event that she says was prevented ("they wanted to sell me; I ran away")."""
    return bool(_attributes(item).get("foiled"))


def is_fact(item: Any) -> bool:
    """True when the event is told as having happened: only these are counted or drawn."""
    return mood_of(item) == FACT


def facts_only(items: Iterable[T]) -> list[T]:
    """The items told as having happened, in their order."""
    return [i for i in items if is_fact(i)]


def with_mood(attributes: dict[str, Any], mood: str, *, was_foiled: bool = False
              ) -> dict[str, Any]:
    """Attributes carrying ``mood`` in the one spelling new code writes (and the old key, so
    readers that only know ``denied`` still leave the event out)."""
    if mood not in MOODS:
        raise ValueError(f"unknown mood {mood!r} (one of {', '.join(MOODS)})")
    out = {k: v for k, v in attributes.items() if k not in ("mood", "denied", "foiled")}
    if mood != FACT:
        out["mood"] = mood
        out["denied"] = True
    if was_foiled:
        out["foiled"] = True
    return out


__all__ = ["DENIED", "FACT", "FEARED", "MOODS", "PLANNED", "UNCERTAIN", "facts_only", "foiled",
           "is_fact", "mood_of", "with_mood"]
