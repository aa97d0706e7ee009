"""Demo logins for ``make demo``: one user per role in the first organisation, a reviewer in
the second, so that sharing between organisations can be seen."""

from __future__ import annotations

import secrets

from sqlalchemy import func, select

from casebook.errors import AlreadyExists, NotFound
from casebook.store.schema import testimonies
from casebook.store.users import ROLES, Users

DEMO_PREFIX = "demo-"


def _organisations(book) -> list[str]:
    with book.engine.connect() as conn:
        rows = conn.execute(select(testimonies.c.organisation, func.count())
                            .where(testimonies.c.organisation.is_not(None))
                            .group_by(testimonies.c.organisation)
                            .order_by(func.count().desc(), testimonies.c.organisation)).all()
    return [r[0] for r in rows] or ["Demo Organisation"]


def seed_demo_users(book, password: str | None = None) -> list[tuple[str, str, str]]:
    """Create demo users (idempotent) and return ``[(username, password, role), ...]``.

    Each run sets fresh passwords (printed once by ``make demo``), unless one is given.
    The demo analyst may read narratives so that the whole application can be shown.
    """
    users = Users(book)
    orgs = _organisations(book)
    for code in orgs:
        try:
            users.organisation(code)
        except NotFound:
            users.add_organisation(code)
    plan = [(f"{DEMO_PREFIX}{role}", role, orgs[0]) for role in ROLES]
    if len(orgs) > 1:
        plan.append((f"{DEMO_PREFIX}partner", "reviewer", orgs[1]))
    out = []
    for username, role, org in plan:
        pw = password or "-".join(secrets.token_hex(3) for _ in range(3))
        existing = users.by_name(username)
        if existing is None:
            try:
                users.add(username, pw, org, role, display_name=None,
                          can_read_narratives=(role == "analyst"))
            except AlreadyExists:
                pass
        else:
            users.set_password(existing.id, pw)
        out.append((username, pw, role))
    return out
