"""The person page: her visible testimonies and facts from the store, as a journey timeline.

Who may see what is decided in the store (``ctx.book`` is the casebook as the user sees it);
this module only orders and groups what it hands over. Lists never carry testimony text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from casebook.model import Event, Fact, Person
from casebook.store import TestimonySummary
from casebook.web.auth import Ctx

# The journey in the order a survivor lives it; event types grouped into these stages.
STAGES = ("border_crossing", "sale", "exploitation", "arrest_china", "repatriation",
          "detention_nk", "escape", "transit", "arrival")
STAGE_OF = {
    "recruitment": "border_crossing", "border_crossing": "border_crossing", "sale": "sale",
    "forced_marriage": "exploitation", "prostitution": "exploitation", "cybersex": "exploitation",
    "forced_labour": "exploitation", "violence": "exploitation", "child_birth": "exploitation",
    "registration": "exploitation", "arrest_china": "arrest_china",
    "repatriation": "repatriation", "detention_nk": "detention_nk", "escape": "escape",
    "transit": "transit", "arrival": "arrival",
}


@dataclass
class TimelineEntry:
    event: Event
    testimony_id: int
    stage: str
    language: str

    def to_dict(self) -> dict[str, Any]:
        return {"testimony_id": self.testimony_id, "stage": self.stage,
                "language": self.language, **self.event.to_dict(), "id": self.event.id}


@dataclass
class PersonPage:
    person: Person
    testimonies: list[TestimonySummary]
    facts: list[tuple[int, Fact]] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)

    def stages(self) -> dict[str, int]:
        out = {s: 0 for s in STAGES}
        for e in self.timeline:
            if e.stage in out:
                out[e.stage] += 1
        return out

    def places(self) -> list[tuple[str | None, str | None, str]]:
        """(gazetteer id, as told, event type) of every event with a place, in order."""
        return [(e.event.place, e.event.place_text, e.event.type) for e in self.timeline
                if e.event.place or e.event.place_text]


def person_page(ctx: Ctx, person_id: int) -> PersonPage:
    """A survivor's record: her visible testimonies, attributes and journey, without text."""
    dossier = ctx.book.persons.dossier(person_id)
    page = PersonPage(dossier.person, dossier.testimonies)
    carried: tuple = (0, "")
    entries: list[tuple[tuple, int, TimelineEntry]] = []
    for n, (testimony_id, language, item) in enumerate(dossier.items):
        if isinstance(item, Event):
            if item.date and item.date.year:
                carried = item.date.sort_key()
            entries.append((carried, n, TimelineEntry(item, testimony_id,
                                                      STAGE_OF.get(item.type, "other"), language)))
        else:
            page.facts.append((testimony_id, item))
    # Dated events in date order; an undated one stays after the event told before it.
    page.timeline = [e for _, _, e in sorted(entries, key=lambda t: (t[0], t[1]))]
    return page
