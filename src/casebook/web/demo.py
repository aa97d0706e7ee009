"""Demo logins for ``make demo``: one user per role in the first organisation, a reviewer in
the second, so that sharing between organisations can be seen."""

from __future__ import annotations

import secrets

from casebook.errors import AlreadyExists, NotFound
from casebook.store import ROLES, Casebook

DEMO_PREFIX = "demo-"


def seed_demo_users(book: Casebook, password: str | None = None) -> list[tuple[str, str, str]]:
    """Create demo users (idempotent) and return ``[(username, password, role), ...]``.

    Each run sets fresh passwords (printed once by ``make demo``), unless one is given.
    The demo analyst may read narratives so that the whole application can be shown.
    """
    users = book.users
    orgs = book.testimonies.organisations() or ["Demo Organisation"]
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
