"""What the pages and the API read, always through the user's visibility; shared by both.

Lists never carry testimony text. Text is read only through ``Casebook.get_testimony``, which
writes the read to the audit chain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, select

from casebook.errors import InvalidInput, NotFound
from casebook.model import ACCEPTED, REJECTED, SUGGESTED, Event, Fact, Person
from casebook.store.schema import consent_grants, facts, persons, testimonies
from casebook.store.search import SearchHit
from casebook.web.auth import Ctx
from casebook.web.permissions import person_access, visible_clause, visible_person_clause

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
class Row:
    """One testimony in a list: who, where from, how far reviewed; never the text."""

    id: int
    person_id: int | None
    pseudonym: str | None
    organisation: str | None
    language: str
    interview_year: int | None
    file_name: str | None
    recorded_at: dt.datetime | None
    suggested: int = 0
    accepted: int = 0

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["recorded_at"] = self.recorded_at.isoformat() if self.recorded_at else None
        return d


def _fact_counts(conn, ids: list[int]) -> dict[int, tuple[int, int]]:
    """(suggested, accepted) per testimony, for these ids only (never the whole table)."""
    if not ids:
        return {}
    rows = conn.execute(select(facts.c.testimony_id, facts.c.status, func.count())
                        .where(facts.c.testimony_id.in_(ids),
                               facts.c.status.in_([SUGGESTED, ACCEPTED]))
                        .group_by(facts.c.testimony_id, facts.c.status)).all()
    out: dict[int, list[int]] = {}
    for tid, status, n in rows:
        out.setdefault(tid, [0, 0])[0 if status == SUGGESTED else 1] = n
    return {k: (v[0], v[1]) for k, v in out.items()}


def testimony_rows(ctx: Ctx, *, limit: int = 50, offset: int = 0, waiting: bool = False,
                   person_id: int | None = None, ids: list[int] | None = None,
                   own_only: bool = False, conn=None) -> list[Row]:
    """Visible testimonies, newest first; ``waiting`` keeps those with facts to review."""
    q = (select(testimonies.c.id, testimonies.c.person_id, testimonies.c.organisation,
                testimonies.c.language, testimonies.c.interview_year, testimonies.c.file_name,
                testimonies.c.recorded_at, persons.c.pseudonym)
         .select_from(testimonies.outerjoin(persons, persons.c.id == testimonies.c.person_id))
         .where(visible_clause(ctx.user))
         .order_by(testimonies.c.id.desc()).limit(limit).offset(offset))
    if waiting:
        q = q.where(exists().where(facts.c.testimony_id == testimonies.c.id,
                                   facts.c.status == SUGGESTED))
    if own_only:
        q = q.where(testimonies.c.organisation == ctx.user.organisation)
    if person_id is not None:
        q = q.where(testimonies.c.person_id == person_id)
    if ids is not None:
        q = q.where(testimonies.c.id.in_(ids))
    if conn is None:
        with ctx.book.engine.connect() as conn:
            return testimony_rows(ctx, limit=limit, offset=offset, waiting=waiting,
                                  person_id=person_id, ids=ids, own_only=own_only, conn=conn)
    rows = conn.execute(q).all()
    counts = _fact_counts(conn, [r.id for r in rows])
    return [Row(r.id, r.person_id, r.pseudonym, r.organisation, r.language, r.interview_year,
                r.file_name, r.recorded_at, *counts.get(r.id, (0, 0))) for r in rows]


def dashboard_counts(ctx: Ctx) -> dict[str, int]:
    vis = visible_clause(ctx.user)
    with ctx.book.engine.connect() as conn:
        n_testimonies = conn.execute(select(func.count()).select_from(testimonies)
                                     .where(vis)).scalar_one()
        n_own = conn.execute(select(func.count()).select_from(testimonies).where(
            vis, testimonies.c.organisation == ctx.user.organisation)).scalar_one()
        n_persons = conn.execute(select(func.count(func.distinct(testimonies.c.person_id)))
                                 .where(vis)).scalar_one()
        by_status: dict[str, int] = dict(conn.execute(
            select(facts.c.status, func.count())
            .select_from(facts.join(testimonies, testimonies.c.id == facts.c.testimony_id))
            .where(vis, testimonies.c.organisation == ctx.user.organisation)
            .group_by(facts.c.status)).all())
        waiting = conn.execute(
            select(func.count(func.distinct(facts.c.testimony_id)))
            .select_from(facts.join(testimonies, testimonies.c.id == facts.c.testimony_id))
            .where(vis, testimonies.c.organisation == ctx.user.organisation,
                   facts.c.status == SUGGESTED)).scalar_one()
    return {"testimonies": n_testimonies, "own": n_own, "shared_with_us": n_testimonies - n_own,
            "persons": n_persons, "facts_suggested": by_status.get(SUGGESTED, 0),
            "facts_accepted": by_status.get(ACCEPTED, 0),
            "facts_rejected": by_status.get(REJECTED, 0), "testimonies_waiting": waiting}


# -- the person page ---------------------------------------------------------------------------
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
    testimonies: list[Row]
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
    from casebook.store.casebook import _person

    with ctx.book.engine.connect() as conn:  # one connection: fewer round trips on PostgreSQL
        rows = testimony_rows(ctx, person_id=person_id, limit=1000, conn=conn)
        if not rows:  # a visible testimony already proves access; else the full check
            person_access(ctx.book, ctx.user, person_id)
        person_row = conn.execute(select(persons).where(persons.c.id == person_id)).first()
        if person_row is None:
            raise NotFound(f"person {person_id}: no such person")
        page = PersonPage(_person(person_row), rows)
        ids = [r.id for r in rows]
        if not ids:
            return page
        fact_rows = conn.execute(
            select(facts, testimonies.c.language)
            .select_from(facts.join(testimonies, testimonies.c.id == facts.c.testimony_id))
            .where(facts.c.testimony_id.in_(ids), facts.c.status != REJECTED)
            .order_by(facts.c.testimony_id, facts.c.ordinal)).all()
    carried: tuple = (0, "")
    entries: list[tuple[tuple, int, TimelineEntry]] = []
    for n, r in enumerate(fact_rows):
        data = {**r.data, "status": r.status}
        if r.kind == "event":
            event = Event.from_dict(data, id=r.id)
            if event.date and event.date.year:
                carried = event.date.sort_key()
            entries.append((carried, n, TimelineEntry(event, r.testimony_id,
                                                      STAGE_OF.get(event.type, "other"),
                                                      r.language)))
        else:
            page.facts.append((r.testimony_id, Fact.from_dict(data, id=r.id)))
    # Dated events in date order; an undated one stays after the event told before it.
    page.timeline = [e for _, _, e in sorted(entries, key=lambda t: (t[0], t[1]))]
    return page


def visible_persons(ctx: Ctx, limit: int = 50, offset: int = 0) -> list[Person]:
    with ctx.book.engine.connect() as conn:
        rows = conn.execute(select(persons).where(visible_person_clause(ctx.user))
                            .order_by(persons.c.id.desc()).limit(limit).offset(offset)).all()
    from casebook.store.casebook import _person

    return [_person(r) for r in rows]


# -- search ------------------------------------------------------------------------------------
@dataclass
class Filters:
    event_type: str | None = None
    place: str | None = None  # gazetteer id; its sub-places match too
    year_from: int | None = None
    year_to: int | None = None
    language: str | None = None

    def active(self) -> bool:
        return any(v not in (None, "") for v in self.__dict__.values())


def _filter_condition(ctx: Ctx, f: Filters) -> ColumnElement[bool]:
    """The user's visibility and the filters, as one SQL condition on ``testimonies``."""
    cond = [visible_clause(ctx.user)]
    if f.language:
        cond.append(testimonies.c.language == f.language)
    conds = []
    if f.event_type:
        conds += [facts.c.kind == "event", facts.c.name == f.event_type]
    if f.place:
        conds.append((facts.c.place == f.place) | facts.c.place.like(
            f.place.replace("%", "").replace("_", r"\_") + "-%", escape="\\"))
    if f.year_from is not None:
        conds.append(facts.c.year >= f.year_from)
    if f.year_to is not None:
        conds.append(facts.c.year <= f.year_to)
    if conds:
        cond.append(testimonies.c.id.in_(
            select(facts.c.testimony_id).where(and_(*conds), facts.c.status != REJECTED)))
    return and_(*cond)


def search(ctx: Ctx, query: str, filters: Filters, limit: int = 30) -> tuple[list[SearchHit],
                                                                             list[Row]]:
    """Full-text hits (with snippets) when there is a query, else the testimonies the filters
    select. Either way only testimonies the user may see."""
    if filters.year_from and filters.year_to and filters.year_from > filters.year_to:
        raise InvalidInput("year: 'from' is after 'to'")
    query = (query or "").strip()
    if query:
        # Visibility and filters go into the SQL that checks the full-text candidates (newest
        # first), and text is read only for the hits shown. The store audits the search.
        return ctx.book.search_where(query, _filter_condition(ctx, filters), limit=limit), []
    if not filters.active():
        return [], []
    with ctx.book.engine.connect() as conn:
        ids = [r[0] for r in conn.execute(
            select(testimonies.c.id).where(_filter_condition(ctx, filters))
            .order_by(testimonies.c.id.desc()).limit(limit))]
    return [], testimony_rows(ctx, ids=ids, limit=limit)


def shared_with(ctx: Ctx, testimony_id: int) -> list[str]:
    return ctx.book.consent_of(testimony_id).shared_with()


def consent_counts(ctx: Ctx) -> dict[str, int]:
    with ctx.book.engine.connect() as conn:
        return dict(conn.execute(
            select(consent_grants.c.scope, func.count())
            .select_from(consent_grants.join(testimonies,
                                             testimonies.c.id == consent_grants.c.testimony_id))
            .where(visible_clause(ctx.user), consent_grants.c.withdrawn_on.is_(None))
            .group_by(consent_grants.c.scope)).all())
