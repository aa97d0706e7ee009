"""Consent as data: what a survivor agreed to, when, and whether she has taken it back.

Every output of Casebook asks :func:`Consent.allows` before it uses a testimony.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

AGGREGATE_STATISTICS = "aggregate_statistics"
ANONYMOUS_QUOTATION = "anonymous_quotation"
LEGAL_PROCEEDINGS = "legal_proceedings"
SHARE_WITH = "share_with"
BASE_SCOPES = (AGGREGATE_STATISTICS, ANONYMOUS_QUOTATION, LEGAL_PROCEEDINGS)


def share_scope(organisation: str) -> str:
    """The scope that lets an organisation receive this record: ``share_with:<organisation>``."""
    return f"{SHARE_WITH}:{organisation.strip()}"


# The short names ``casebook list`` prints, and the spellings people type for each scope.
SHORT_NAMES = {AGGREGATE_STATISTICS: "stats", ANONYMOUS_QUOTATION: "quote",
               LEGAL_PROCEEDINGS: "legal"}
ALIASES = {
    **{short: scope for scope, short in SHORT_NAMES.items()},
    "statistics": AGGREGATE_STATISTICS, "aggregate": AGGREGATE_STATISTICS,
    "quotation": ANONYMOUS_QUOTATION, "legal_use": LEGAL_PROCEEDINGS,
}
SHARE_PREFIXES = (SHARE_WITH + ":", "share:")


def short_name(scope: str) -> str:
    """``stats`` for ``aggregate_statistics``; a share scope is shown whole."""
    return SHORT_NAMES.get(scope, scope)


def check_scope(scope: str) -> str:
    """The scope in its stored spelling, if it is one Casebook knows; else ``ValueError``.

    Accepts the short names ``casebook list`` prints (``stats``, ``quote``, ``legal``), any
    case, and ``-`` or a space for ``_``. Anything else is refused, never guessed: a mistyped
    scope must not be recorded as granted or withdrawn.
    """
    text = scope.strip()
    lowered = text.lower()
    for prefix in SHARE_PREFIXES:
        if lowered.startswith(prefix):
            organisation = " ".join(text[len(prefix):].split())
            if organisation:
                return f"{SHARE_WITH}:{organisation}"
    key = lowered.replace("-", "_").replace(" ", "_")
    if key in BASE_SCOPES:
        return key
    if key in ALIASES:
        return ALIASES[key]
    raise ValueError(
        f"unknown consent scope {scope!r}: use one of {', '.join(BASE_SCOPES)} "
        f"(or {', '.join(SHORT_NAMES.values())}) or {SHARE_WITH}:<organisation>"
    )


def held_scope(consent: Consent, scope: str, on: dt.date | None = None) -> str | None:
    """The active scope of ``consent`` that ``scope`` names, or None.

    A partner's name matches whatever its case and spacing, so withdrawing
    ``share_with:bridge of light`` withdraws the grant to "Bridge of Light".
    """
    wanted = check_scope(scope)
    active = consent.active_scopes(on)
    if wanted in active:
        return wanted
    if wanted.startswith(SHARE_WITH + ":"):
        fold = wanted.casefold()
        for held in active:
            if held.casefold() == fold:
                return held
    return None


@dataclass(frozen=True)
class ConsentGrant:
    """One scope she agreed to, on a date, possibly withdrawn later."""

    scope: str
    granted_on: dt.date
    withdrawn_on: dt.date | None = None

    def __post_init__(self) -> None:
        if check_scope(self.scope) != self.scope:
            object.__setattr__(self, "scope", check_scope(self.scope))

    def active(self, on: dt.date | None = None) -> bool:
        on = on or dt.date.today()
        if self.granted_on > on:
            return False
        return self.withdrawn_on is None or self.withdrawn_on > on


@dataclass(frozen=True)
class Consent:
    """All the grants attached to one testimony."""

    grants: tuple[ConsentGrant, ...] = field(default_factory=tuple)

    def allows(self, scope: str, on: dt.date | None = None) -> bool:
        return any(g.scope == scope and g.active(on) for g in self.grants)

    def active_scopes(self, on: dt.date | None = None) -> list[str]:
        return sorted({g.scope for g in self.grants if g.active(on)})

    def shared_with(self, on: dt.date | None = None) -> list[str]:
        prefix = SHARE_WITH + ":"
        return [s[len(prefix):] for s in self.active_scopes(on) if s.startswith(prefix)]

    def grant(self, scope: str, on: dt.date | None = None) -> Consent:
        if self.allows(scope, on):
            return self
        return Consent(self.grants + (ConsentGrant(scope, on or dt.date.today()),))

    def withdraw(self, scope: str, on: dt.date | None = None) -> Consent:
        """Withdraw a scope; the history stays, so audits can show what was allowed when."""
        on = on or dt.date.today()
        return Consent(tuple(
            replace(g, withdrawn_on=on) if g.scope == scope and g.withdrawn_on is None else g
            for g in self.grants
        ))

    @classmethod
    def of(cls, scopes: list[str], on: dt.date | None = None) -> Consent:
        on = on or dt.date.today()
        return cls(tuple(ConsentGrant(check_scope(s), on) for s in dict.fromkeys(scopes)))

    def to_list(self) -> list[dict]:
        return [
            {"scope": g.scope, "granted_on": g.granted_on.isoformat(),
             "withdrawn_on": g.withdrawn_on.isoformat() if g.withdrawn_on else None}
            for g in self.grants
        ]

    @classmethod
    def from_list(cls, rows: list[dict]) -> Consent:
        return cls(tuple(
            ConsentGrant(
                r["scope"], dt.date.fromisoformat(r["granted_on"]),
                dt.date.fromisoformat(r["withdrawn_on"]) if r.get("withdrawn_on") else None,
            )
            for r in rows
        ))
