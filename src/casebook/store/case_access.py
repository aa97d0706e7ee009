"""Who may see a case, as SQL conditions: decided here, once, for every query of cases.

A case is its organisation's. Another organisation sees it only while both hold: a referral to
it is waiting or accepted, and her consent shares with it (``share_with:<organisation>``).
Her consent is read from every record of it, her testimonies and the case itself, with the
rule of :func:`casebook.model.cases.her_consent_allows`: some record grants the scope and none
has withdrawn it. So withdrawing her consent anywhere takes the case out of the partner's view
at once, whatever the referral says. A partner never sees her place, notes, tasks or history
(``store/cases.py`` builds its view).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, and_, exists, or_, select

from casebook.model.cases import ACTIVE_REFERRAL
from casebook.model.consent import share_scope
from casebook.store.schema import case_consent, case_referrals, cases, consent_grants, testimonies


def _active(table, today: dt.date) -> ColumnElement[bool]:
    return and_(table.c.granted_on <= today,
                or_(table.c.withdrawn_on.is_(None), table.c.withdrawn_on > today))


def her_consent_shares(organisation: str, today: dt.date | None = None) -> ColumnElement[bool]:
    """SQL condition on ``cases``: her consent shares her record with ``organisation``."""
    today = today or dt.date.today()
    scope = share_scope(organisation)
    # aliases: the condition correlates only with ``cases``, whatever the outer query joins
    t = testimonies.alias("her_t")
    g, g2 = consent_grants.alias("her_g"), consent_grants.alias("her_g2")
    c, c2 = case_consent.alias("her_c"), case_consent.alias("her_c2")
    testimony_grants = exists().where(
        g.c.testimony_id == t.c.id, t.c.person_id == cases.c.person_id,
        g.c.scope == scope, _active(g, today))
    case_grants = exists().where(c.c.case_id == cases.c.id, c.c.scope == scope,
                                 _active(c, today))
    # a record that mentions the scope but holds no active grant of it has withdrawn it
    testimony_refuses = exists(select(t.c.id).where(
        t.c.person_id == cases.c.person_id,
        exists().where(g.c.testimony_id == t.c.id, g.c.scope == scope),
        ~exists().where(g2.c.testimony_id == t.c.id, g2.c.scope == scope,
                        _active(g2, today))))
    case_refuses = and_(
        exists().where(c2.c.case_id == cases.c.id, c2.c.scope == scope), ~case_grants)
    return and_(or_(testimony_grants, case_grants), ~testimony_refuses, ~case_refuses)


def referred_to(organisation: str) -> ColumnElement[bool]:
    """SQL condition on ``cases``: a referral to ``organisation`` is waiting or accepted."""
    r = case_referrals.alias("her_r")
    return exists().where(r.c.case_id == cases.c.id, r.c.to_organisation == organisation,
                          r.c.status.in_(ACTIVE_REFERRAL))


def shared_with(organisation: str, today: dt.date | None = None) -> ColumnElement[bool]:
    """SQL condition on ``cases``: another organisation's case that ``organisation`` may see."""
    return and_(cases.c.organisation != organisation, referred_to(organisation),
                her_consent_shares(organisation, today))


def visible_cases(organisation: str, today: dt.date | None = None) -> ColumnElement[bool]:
    """SQL condition on ``cases`` for a user of ``organisation``: its own, or shared with it."""
    return or_(cases.c.organisation == organisation, shared_with(organisation, today))
