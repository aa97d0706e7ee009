"""Who may do what, and which records each user can see. One table of capabilities, one query.

A testimony is visible to a user when it belongs to the user's organisation, or when the survivor
agreed to share it with that organisation (consent scope ``share_with:<organisation>``, active
today); and, if the testimony is restricted to named users, only when the user is one of them.
Changing a record (review, consent, restriction) needs the owning organisation, not a share.
"""

from __future__ import annotations

import datetime as dt
import functools

from sqlalchemy import ColumnElement, and_, exists, or_, select

from casebook.errors import NotFound, PermissionDenied
from casebook.model.consent import share_scope
from casebook.store.schema import consent_grants, persons, testimonies, testimony_restrictions
from casebook.store.users import User

ALL_ROLES = frozenset({"documenter", "reviewer", "analyst", "admin"})

CAPABILITIES: dict[str, frozenset[str]] = {
    "dashboard": ALL_ROLES,
    "read_text": frozenset({"documenter", "reviewer"}),  # analysts only with a grant
    "intake": frozenset({"documenter", "reviewer"}),
    "review": frozenset({"reviewer"}),
    "person": frozenset({"documenter", "reviewer", "analyst"}),
    "search": frozenset({"documenter", "reviewer"}),  # snippets are narrative text
    "network": frozenset({"reviewer", "analyst"}),
    "statistics": frozenset({"reviewer", "analyst"}),
    "restrict": frozenset({"reviewer", "admin"}),
    "audit": frozenset({"admin"}),
    "users": frozenset({"admin"}),
    "vocabularies": frozenset({"admin"}),
}
NARRATIVE_CAPABILITIES = {"read_text", "search"}


def can(user: User, action: str) -> bool:
    """True when the user's role (and, for analysts, a narrative grant) allows ``action``."""
    if action not in CAPABILITIES:
        raise ValueError(f"unknown capability {action!r}")
    if (action in NARRATIVE_CAPABILITIES and user.role == "analyst"
            and user.can_read_narratives):
        return True
    return user.role in CAPABILITIES[action]


def require(user: User, action: str) -> None:
    if not can(user, action):
        raise PermissionDenied(f"{action}: not allowed for the role {user.role}")


def visible_clause(user: User, today: dt.date | None = None) -> ColumnElement[bool]:
    """SQL condition on ``testimonies`` for the rows this user may see."""
    return _visible_clause(user.id, user.organisation, today or dt.date.today())


@functools.lru_cache(maxsize=512)
def _visible_clause(user_id: int, organisation: str, today: dt.date) -> ColumnElement[bool]:
    # Built once per user, organisation and day (SQL expressions are immutable): building it
    # cost about a millisecond per request. Everything it depends on is in the key.
    shared = select(consent_grants.c.testimony_id).where(
        consent_grants.c.scope == share_scope(organisation),
        consent_grants.c.granted_on <= today,
        or_(consent_grants.c.withdrawn_on.is_(None), consent_grants.c.withdrawn_on > today))
    restricted = exists().where(testimony_restrictions.c.testimony_id == testimonies.c.id)
    named = exists().where(testimony_restrictions.c.testimony_id == testimonies.c.id,
                           testimony_restrictions.c.user_id == user_id)
    return and_(or_(testimonies.c.organisation == organisation, testimonies.c.id.in_(shared)),
                or_(~restricted, named))


def visible_person_clause(user: User) -> ColumnElement[bool]:
    """SQL condition on ``persons``: she has a testimony the user may see, or is the
    organisation's own record without any testimony yet."""
    seen = exists().where(testimonies.c.person_id == persons.c.id, visible_clause(user))
    bare = and_(persons.c.organisation == user.organisation,
                ~exists().where(testimonies.c.person_id == persons.c.id))
    return or_(seen, bare)


def testimony_access(book, user: User, testimony_id: int, *, write: bool = False) -> str:
    """Check that the user may see (or change) a testimony; returns its organisation.

    An invisible testimony answers NotFound, exactly like a missing one, so ids of other
    organisations' records cannot be probed.
    """
    with book.engine.connect() as conn:
        row = conn.execute(select(testimonies.c.organisation).where(
            testimonies.c.id == testimony_id, visible_clause(user))).first()
    if row is None:
        raise NotFound(f"testimony {testimony_id}: no such testimony")
    if write and row.organisation != user.organisation:
        raise PermissionDenied(f"testimony {testimony_id}: shared with you, but only "
                               "its own organisation may change it")
    return row.organisation


def person_access(book, user: User, person_id: int) -> None:
    with book.engine.connect() as conn:
        row = conn.execute(select(persons.c.id).where(
            persons.c.id == person_id, visible_person_clause(user))).first()
    if row is None:
        raise NotFound(f"person {person_id}: no such person")


def visible_ids(book, user: User) -> set[int]:
    """Ids of every testimony the user may see (the ``allowed_ids`` of search)."""
    with book.engine.connect() as conn:
        return {r[0] for r in conn.execute(select(testimonies.c.id).where(visible_clause(user)))}
