"""The person page: her visible testimonies and facts from the store, as a journey.

Who may see what is decided in the store (``ctx.book`` is the casebook as the user sees it);
the order of her story, merged retellings and how each fact reads are
:mod:`casebook.journey`'s. Lists never carry testimony text; the clauses behind each step are
cut from texts only for users who may read them (each read is audited by the store).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from casebook.journey import Journey, build, stages
from casebook.journey.timeline import Step
from casebook.model import Event, Fact, Person
from casebook.store import TestimonySummary
from casebook.web.auth import Ctx

STAGES = stages()[1:]


@dataclass
class PersonPage:
    person: Person
    testimonies: list[TestimonySummary]
    facts: list[tuple[int, Fact]] = field(default_factory=list)
    journey: Journey = field(default_factory=Journey)

    @property
    def timeline(self) -> list[Step]:
        return self.journey.steps

    def origin(self) -> str | None:
        """Where she comes from: the person record, else an accepted or suggested fact."""
        if self.person.origin_place:
            return self.person.origin_place
        return next((str(f.value) for _, f in self.facts if f.field == "origin_nk" and f.value),
                    None)


def step_dict(step: Step, lang: str, quotes: bool) -> dict[str, Any]:
    """A step for the API: the combined event, how it reads, and each telling."""
    reading = step.reading(lang)
    return {**step.event.to_dict(), "id": step.event.id, "stage": step.stage,
            "mood": step.mood, "counted": step.counted, "reads": reading.text(),
            "testimony_id": step.tellings[0].testimony_id,
            "language": step.tellings[0].language,
            "evidence": None, "tellings": [
                {"testimony_id": t.testimony_id, "fact_id": t.event.id,
                 **({"words": t.words} if quotes else {})} for t in step.tellings]}


def person_page(ctx: Ctx, person_id: int, *, with_clauses: bool = False) -> PersonPage:
    """A survivor's record: her visible testimonies, attributes and journey.

    ``with_clauses`` reads her testimonies' texts (audited) so each step shows its clause.
    """
    dossier = ctx.book.persons.dossier(person_id)
    page = PersonPage(dossier.person, dossier.testimonies)
    events = []
    for testimony_id, language, item in dossier.items:
        if isinstance(item, Event):
            events.append((testimony_id, language, item))
        else:
            page.facts.append((testimony_id, item))
    texts: dict[int, str | None] = {}

    def text_of(tid: int) -> str | None:
        if tid not in texts:
            texts[tid] = ctx.book.testimonies.get(tid, purpose="person page").text
        return texts[tid]

    page.journey = build(events, text_of if with_clauses else None, origin=page.origin())
    return page
