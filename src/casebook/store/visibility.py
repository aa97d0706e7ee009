"""Which records a web user may see, as SQL conditions: decided here, once, for every query.

A testimony is visible to a user when it belongs to the user's organisation, or when the survivor
agreed to share it with that organisation (consent scope ``share_with:<organisation>``, active
today); and, if the testimony is restricted to named users, only when the user is one of them.
Changing a record (review, consent, restriction) needs the owning organisation, not a share.
A person is visible when one of her testimonies is, or when she is the organisation's own record
without any testimony yet.
"""

from __future__ import annotations

import datetime as dt
import functools

from sqlalchemy import ColumnElement, and_, exists, or_, select

from casebook.model.consent import share_scope
from casebook.store.schema import consent_grants, persons, testimonies, testimony_restrictions
from casebook.store.users import User


def visible_testimonies(user: User, today: dt.date | None = None) -> ColumnElement[bool]:
    """SQL condition on ``testimonies`` for the rows this user may see."""
    return _visible(user.id, user.organisation, today or dt.date.today())


@functools.lru_cache(maxsize=512)
def _visible(user_id: int, organisation: str, today: dt.date) -> ColumnElement[bool]:
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


def visible_persons(user: User) -> ColumnElement[bool]:
    """SQL condition on ``persons``: she has a testimony the user may see, or is the
    organisation's own record without any testimony yet."""
    seen = exists().where(testimonies.c.person_id == persons.c.id, visible_testimonies(user))
    bare = and_(persons.c.organisation == user.organisation,
                ~exists().where(testimonies.c.person_id == persons.c.id))
    return or_(seen, bare)
