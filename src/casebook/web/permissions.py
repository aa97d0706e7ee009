"""What each role may do: one table of capabilities.

What a user may *see* (organisation, sharing consent, restrictions) is decided in the store:
``book.as_user(user)`` applies it to every query.
"""

from __future__ import annotations

from casebook.errors import PermissionDenied
from casebook.store import User

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
    # case management: her present (place, risk, needs) is for those who care for her
    "cases": frozenset({"documenter", "reviewer"}),  # see and change the organisation's cases
    "case_refer": frozenset({"reviewer"}),  # send what her consent allows to a partner
    "referrals": frozenset({"reviewer"}),  # the inbox of women referred to the organisation
    "case_dashboard": ALL_ROLES,  # counts only, never a woman
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
        allowed = ", ".join(sorted(CAPABILITIES[action]))
        raise PermissionDenied(
            f"{action}: not allowed for the role {user.role}; allowed for {allowed}")
