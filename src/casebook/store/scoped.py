"""``book.as_user(user)``: the casebook as one web user sees it.

Every read here applies the user's visibility (:mod:`casebook.store.visibility`); a testimony,
person or fact the user may not see answers NotFound, exactly like a missing one, so ids of
other organisations' records cannot be probed. Changes to a record need its own organisation.
What the user may *do* (the capability table by role) is the web's; what the user may *see*
is decided here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, and_, exists, false, func, or_, select

from casebook.errors import InvalidInput, NotFound, PermissionDenied
from casebook.model import (
    ACCEPTED,
    REJECTED,
    SUGGESTED,
    Consent,
    ConsentedTestimony,
    Event,
    Fact,
    Person,
    Record,
    Testimony,
)
from casebook.model.scans import Scan
from casebook.store.audit import AuditLog
from casebook.store.facts import FactRef, fact_ref
from casebook.store.learned import LearnedModels
from casebook.store.links import LinkDecisions
from casebook.store.persons import get_person
from casebook.store.reads import read_for
from casebook.store.rows import to_item, to_person
from casebook.store.schema import consent_grants, facts, persons, testimonies
from casebook.store.scoped_cases import VisibleCases
from casebook.store.search import SearchHit, search_where
from casebook.store.testimonies import TestimonySummary, summaries
from casebook.store.users import User, Users
from casebook.store.visibility import visible_persons, visible_testimonies

if TYPE_CHECKING:
    from casebook.store.casebook import Casebook


@dataclass
class SearchFilters:
    """Fact filters of a search; a place matches its sub-places too."""

    event_type: str | None = None
    place: str | None = None  # gazetteer id
    year_from: int | None = None
    year_to: int | None = None
    language: str | None = None

    def active(self) -> bool:
        return any(v not in (None, "") for v in self.__dict__.values())


@dataclass
class Dossier:
    """A person as a user sees her: her visible testimonies and their non-rejected facts
    (testimony id, language of that testimony, fact or event), in the order told."""

    person: Person
    testimonies: list[TestimonySummary]
    items: list[tuple[int, str, Fact | Event]] = field(default_factory=list)


class UserCasebook:
    """A casebook acting as ``user`` (audit entries carry the username) and seeing only what
    the user may see. Built per request; it remembers the access checks it has made."""

    def __init__(self, book: Casebook, user: User) -> None:
        self.user = user
        self.actor = book.actor
        self._book = book
        self._access: dict[int, str] = {}  # testimony id -> organisation, checked visible
        self.testimonies = VisibleTestimonies(self)
        self.scans = VisibleScans(self)
        self.persons = VisiblePersons(self)
        self.facts = VisibleFacts(self)
        self.consent = VisibleConsent(self)
        self.audit: AuditLog = book.audit
        self.users: Users = book.users
        self.links: LinkDecisions = book.links
        self.cases = VisibleCases(self)
        self.reviews = VisibleReviews(self)
        self.learned: LearnedModels = book.learned

    @property
    def visible(self) -> ColumnElement[bool]:
        """The SQL condition on ``testimonies`` for this user (store-internal)."""
        return visible_testimonies(self.user)

    def counts(self) -> dict[str, int]:
        """The dashboard's numbers: visible testimonies and persons; own facts by status."""
        vis, own = self.visible, testimonies.c.organisation == self.user.organisation
        with self._book.engine.connect() as conn:
            n_testimonies = conn.execute(select(func.count()).select_from(testimonies)
                                         .where(vis)).scalar_one()
            n_own = conn.execute(select(func.count()).select_from(testimonies)
                                 .where(vis, own)).scalar_one()
            n_persons = conn.execute(select(func.count(func.distinct(testimonies.c.person_id)))
                                     .where(vis)).scalar_one()
            by_status: dict[str, int] = dict(conn.execute(
                select(facts.c.status, func.count())
                .select_from(facts.join(testimonies, testimonies.c.id == facts.c.testimony_id))
                .where(vis, own).group_by(facts.c.status)).all())
            waiting = conn.execute(
                select(func.count(func.distinct(facts.c.testimony_id)))
                .select_from(facts.join(testimonies, testimonies.c.id == facts.c.testimony_id))
                .where(vis, own, facts.c.status == SUGGESTED)).scalar_one()
        return {"testimonies": n_testimonies, "own": n_own,
                "shared_with_us": n_testimonies - n_own, "persons": n_persons,
                "facts_suggested": by_status.get(SUGGESTED, 0),
                "facts_accepted": by_status.get(ACCEPTED, 0),
                "facts_rejected": by_status.get(REJECTED, 0), "testimonies_waiting": waiting}

    def read_for(self, use: str, *, partner: str | None = None, with_text: bool = False,
                 purpose: str | None = None,
                 reviewed_only: bool = False) -> list[ConsentedTestimony]:
        """The store's read for ``use`` (consent applied), limited to what the user may see."""
        return read_for(self._book, use, partner=partner, with_text=with_text,
                        purpose=purpose, visible=self.visible, reviewed_only=reviewed_only)

    def _check(self, conn: Connection | None, testimony_id: int, write: bool) -> str:
        org = self._access.get(testimony_id)
        if org is None:
            if conn is None:
                with self._book.engine.connect() as c:
                    return self._check(c, testimony_id, write)
            org = conn.execute(select(testimonies.c.organisation).where(
                testimonies.c.id == testimony_id, self.visible)).scalar()
            if org is None:
                raise NotFound(f"testimony {testimony_id}: no such testimony")
            self._access[testimony_id] = org
        if write and org != self.user.organisation:
            raise PermissionDenied(f"testimony {testimony_id}: shared with you, but only "
                                   "its own organisation may change it")
        return org


class VisibleScans:
    """The scanned originals of the testimonies a user may see."""

    def __init__(self, scope: UserCasebook) -> None:
        self._scope = scope
        self._book = scope._book

    def get(self, testimony_id: int, purpose: str = "read") -> Scan | None:
        """The scan a testimony was read from (None if typed), an audited read, if the user
        may see the testimony; else NotFound, as for its text."""
        self._scope._check(None, testimony_id, False)
        return self._book.scans.get(testimony_id, purpose)


class VisibleTestimonies:
    """The testimonies a user may see."""

    def __init__(self, scope: UserCasebook) -> None:
        self._scope = scope
        self._book = scope._book

    def access(self, testimony_id: int, *, write: bool = False) -> str:
        """The testimony's organisation if the user may see it (and, with ``write``, change
        it); else NotFound (or PermissionDenied for a testimony only shared with the user)."""
        return self._scope._check(None, testimony_id, write)

    def get(self, testimony_id: int, purpose: str = "read") -> Testimony:
        """Its text, an audited read, if the user may see it."""
        self.access(testimony_id)
        return self._book.testimonies.get(testimony_id, purpose)

    def add(self, testimony: Testimony, person: Person | None = None,
            record: Record | None = None) -> tuple[int, bool]:
        """Record a testimony (the caller sets the user's organisation on it)."""
        return self._book.testimonies.add(testimony, person, record)

    def all(self, *, limit: int = 50, offset: int = 0, waiting: bool = False,
            person_id: int | None = None, ids: list[int] | None = None,
            own_only: bool = False, conn: Connection | None = None) -> list[TestimonySummary]:
        """Visible testimonies, newest first; ``waiting`` keeps those with facts to review."""
        where: list[ColumnElement[bool]] = [self._scope.visible]
        if waiting:
            where.append(exists().where(facts.c.testimony_id == testimonies.c.id,
                                        facts.c.status == SUGGESTED))
        if own_only:
            where.append(testimonies.c.organisation == self._scope.user.organisation)
        if person_id is not None:
            where.append(testimonies.c.person_id == person_id)
        if ids is not None:
            where.append(testimonies.c.id.in_(ids))
        if conn is None:
            with self._book.engine.connect() as conn:
                return summaries(conn, where, newest_first=True, limit=limit, offset=offset)
        return summaries(conn, where, newest_first=True, limit=limit, offset=offset)

    def search(self, query: str, filters: SearchFilters | None = None,
               limit: int = 30) -> tuple[list[SearchHit], list[TestimonySummary]]:
        """Full-text hits (with snippets) when there is a query, else the testimonies the
        filters select. Either way only testimonies the user may see; a text search is audited."""
        filters = filters or SearchFilters()
        if filters.year_from and filters.year_to and filters.year_from > filters.year_to:
            raise InvalidInput("year: 'from' is after 'to'")
        query = (query or "").strip()
        where = self._condition(filters)
        if query:
            # Visibility and filters go into the SQL that checks the full-text candidates
            # (newest first), and text is read only for the hits shown.
            with self._book.engine.begin() as conn:
                hits = search_where(conn, query, where, limit)
                self._book._audit(conn, "search", None, {"results": len(hits)})
            return hits, []
        if not filters.active():
            return [], []
        with self._book.engine.connect() as conn:
            ids = [r[0] for r in conn.execute(select(testimonies.c.id).where(where)
                                              .order_by(testimonies.c.id.desc()).limit(limit))]
        return [], self.all(ids=ids, limit=limit)

    def _condition(self, f: SearchFilters) -> ColumnElement[bool]:
        cond = [self._scope.visible]
        if f.language:
            cond.append(testimonies.c.language == f.language)
        conds = []
        if f.event_type:  # she was arrested: a denied or only feared arrest does not match
            conds += [facts.c.kind == "event", facts.c.name == f.event_type, _told_as_fact()]
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


def _told_as_fact() -> ColumnElement[bool]:
    """SQL for casebook.model.mood.is_fact on a stored event (mood absent or "fact", and not
    the older ``denied: true``)."""
    mood = facts.c.data[("attributes", "mood")].as_string()
    denied = facts.c.data[("attributes", "denied")].as_boolean()
    return and_(or_(mood.is_(None), mood == "fact"), or_(denied.is_(None), denied == false()))


class VisiblePersons:
    """The persons a user may see."""

    def __init__(self, scope: UserCasebook) -> None:
        self._scope = scope
        self._book = scope._book

    def access(self, person_id: int) -> None:
        """Nothing if the user may see this person; else NotFound, like an unknown id."""
        with self._book.engine.connect() as conn:
            self._access(conn, person_id)

    def _access(self, conn: Connection, person_id: int) -> None:
        row = conn.execute(select(persons.c.id).where(
            persons.c.id == person_id, visible_persons(self._scope.user))).first()
        if row is None:
            raise NotFound(f"person {person_id}: no such person")

    def all(self, limit: int = 50, offset: int = 0) -> list[Person]:
        """Visible persons, newest first."""
        with self._book.engine.connect() as conn:
            rows = conn.execute(select(persons).where(visible_persons(self._scope.user))
                                .order_by(persons.c.id.desc()).limit(limit).offset(offset)).all()
        return [to_person(r) for r in rows]

    def ids(self) -> set[int]:
        """Ids of the persons with a testimony the user may see."""
        with self._book.engine.connect() as conn:
            return {p for p in conn.execute(select(testimonies.c.person_id).where(
                self._scope.visible, testimonies.c.person_id.is_not(None))).scalars()}

    def dossier(self, person_id: int) -> Dossier:
        """Her visible testimonies and their non-rejected facts, without text."""
        with self._book.engine.connect() as conn:  # one connection: fewer round trips
            rows = self._scope.testimonies.all(person_id=person_id, limit=1000, conn=conn)
            if not rows:  # a visible testimony already proves access; else the full check
                self._access(conn, person_id)
            found = Dossier(get_person(conn, person_id), rows)
            ids = [r.id for r in rows]
            if not ids:
                return found
            fact_rows = conn.execute(
                select(facts, testimonies.c.language)
                .select_from(facts.join(testimonies, testimonies.c.id == facts.c.testimony_id))
                .where(facts.c.testimony_id.in_(ids), facts.c.status != REJECTED)
                .order_by(facts.c.testimony_id, facts.c.ordinal)).all()
        found.items = [(r.testimony_id, r.language, to_item(r)) for r in fact_rows]
        return found


class VisibleFacts:
    """Facts of the testimonies a user may see; changes need the owning organisation."""

    def __init__(self, scope: UserCasebook) -> None:
        self._scope = scope
        self._book = scope._book

    def ref(self, fact_id: int) -> FactRef:
        """Where a fact the user may see belongs (NotFound otherwise)."""
        with self._book.engine.connect() as conn:
            ref = fact_ref(conn, fact_id)
            self._scope._check(conn, ref.testimony_id, False)
        return ref

    def record(self, testimony_id: int,
               statuses: Iterable[str] = (SUGGESTED, ACCEPTED)) -> Record:
        """The facts of a testimony the user may see."""
        self._scope._check(None, testimony_id, False)
        return self._book.facts.record(testimony_id, statuses)

    def add(self, testimony_id: int, item: Fact | Event) -> int:
        """Add a fact from the words to a testimony of the user's own organisation."""
        self._scope._check(None, testimony_id, True)
        return self._book.facts.add(testimony_id, item)

    def set_status(self, fact_id: int, status: str, data: dict[str, Any] | None = None) -> int:
        """Accept, reject or correct a fact of the user's own organisation; returns its
        testimony id."""
        ref = self.ref(fact_id)
        self._scope._check(None, ref.testimony_id, True)
        self._book.facts.set_status(fact_id, status, data)
        return ref.testimony_id


class VisibleReviews:
    """Review state of the testimonies a user may see; closing needs the owning organisation."""

    def __init__(self, scope: UserCasebook) -> None:
        self._scope = scope
        self._book = scope._book

    def state(self, testimony_id: int) -> str:
        """reviewed, in_progress or untouched."""
        self._scope._check(None, testimony_id, False)
        return self._book.reviews.state(testimony_id)

    def close(self, testimony_id: int) -> None:
        """Mark a testimony of the user's own organisation reviewed."""
        self._scope._check(None, testimony_id, True)
        self._book.reviews.close(testimony_id)

    def reopen(self, testimony_id: int) -> None:
        """Open its review again."""
        self._scope._check(None, testimony_id, True)
        self._book.reviews.reopen(testimony_id)


class VisibleConsent:
    """Consent of the testimonies a user may see; changes need the owning organisation."""

    def __init__(self, scope: UserCasebook) -> None:
        self._scope = scope
        self._book = scope._book

    def of(self, testimony_id: int) -> Consent:
        """The consent of a testimony the user may see."""
        self._scope._check(None, testimony_id, False)
        return self._book.consent.of(testimony_id)

    def grant(self, testimony_id: int, scope: str, on: dt.date | None = None) -> str:
        """Record a scope on a testimony of the user's own organisation."""
        self._scope._check(None, testimony_id, True)
        return self._book.consent.grant(testimony_id, scope, on)

    def withdraw(self, testimony_id: int, scope: str, on: dt.date | None = None) -> str:
        """Withdraw a scope on a testimony of the user's own organisation."""
        self._scope._check(None, testimony_id, True)
        return self._book.consent.withdraw(testimony_id, scope, on)

    def counts(self) -> dict[str, int]:
        """Active grants per scope among visible testimonies."""
        with self._book.engine.connect() as conn:
            return dict(conn.execute(
                select(consent_grants.c.scope, func.count())
                .select_from(consent_grants.join(
                    testimonies, testimonies.c.id == consent_grants.c.testimony_id))
                .where(self._scope.visible, consent_grants.c.withdrawn_on.is_(None))
                .group_by(consent_grants.c.scope)).all())
