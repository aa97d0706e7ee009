"""A cue: one thing a sentence says, found by a language module, before it becomes a fact.

The English and Korean modules only find cues (a kind, a code, a span and whether it is stated
as fact, denied or only planned); :mod:`casebook.extract.pipeline` turns cues into events,
dates and facts the same way for both languages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casebook.extract.negation import FACT


@dataclass
class Cue:
    kind: str  # sale, crossing, arrest, repatriation, detention, violence, exploitation, birth,
    #            hukou, recruitment, relation, buyer, purpose, escape, transit, arrival,
    #            river, alone, children_total, province_now, origin, surname, birth_year
    start: int  # offsets within the sentence
    end: int
    code: str | None = None
    status: str = FACT
    value: object = None
    extra: dict = field(default_factory=dict)


@dataclass
class Context:
    """What a language module needs to know about the whole testimony."""

    mode: str = "first"  # first: "I" is the survivor; third: "she"/her name is
    names: tuple[str, ...] = ()
    # spans inside quotation marks (document, then sentence offsets)
    quotes: tuple[tuple[int, int], ...] = ()
