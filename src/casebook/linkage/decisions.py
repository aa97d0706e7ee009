"""Review decisions: a person, not the model, says whether two testimonies are one woman.

Decisions form an append-only log. Nothing is ever merged in place: clusters are recomputed
from the scored pairs and the log, so every source record survives, and undoing a decision is
one more entry (``revoke``) rather than an edit. When two decisions disagree about a pair of
records, the later one wins.

* ``accept(records)``: these records are one person (confirmed links).
* ``not_same(records)``: no two of these records are the same person.
* ``split(groups)``: the candidate cluster is several people; records in different groups are
  not the same (each group stays a candidate until accepted).
* ``revoke(decision)``: withdraw an earlier decision (revoking a revoke restores it).
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from casebook.errors import InvalidInput
from casebook.linkage.cluster import Cluster, clusters
from casebook.linkage.scoring import Pair

ACCEPT, NOT_SAME, SPLIT, REVOKE = "accept", "not_same", "split", "revoke"
ACTIONS = (ACCEPT, NOT_SAME, SPLIT, REVOKE)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Decision:
    """One reviewer's decision about some records, with who and when."""

    action: str
    who: str
    records: tuple[str, ...] = ()  # accept / not_same
    groups: tuple[tuple[str, ...], ...] = ()  # split
    revokes: str | None = None  # revoke: the id of the decision withdrawn
    when: dt.datetime = field(default_factory=_now)
    note: str = ""
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise InvalidInput(f"decision action must be one of {', '.join(ACTIONS)}")
        if not self.who:
            raise InvalidInput("decision: who made it is required")
        if self.action in (ACCEPT, NOT_SAME) and len(set(self.records)) < 2:
            raise InvalidInput(f"{self.action} needs at least two different records")
        if self.action == SPLIT:
            flat = [r for g in self.groups for r in g]
            if len(self.groups) < 2 or any(not g for g in self.groups):
                raise InvalidInput("split needs at least two non-empty groups")
            if len(flat) != len(set(flat)):
                raise InvalidInput("split: a record appears in more than one group")
        if self.action == REVOKE and not self.revokes:
            raise InvalidInput("revoke needs the id of the decision it withdraws")

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "action": self.action, "who": self.who,
                "when": self.when.isoformat(), "records": list(self.records),
                "groups": [list(g) for g in self.groups], "revokes": self.revokes,
                "note": self.note}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Decision:
        return cls(action=data["action"], who=data["who"],
                   records=tuple(data.get("records") or ()),
                   groups=tuple(tuple(g) for g in data.get("groups") or ()),
                   revokes=data.get("revokes"), when=dt.datetime.fromisoformat(data["when"]),
                   note=data.get("note", ""), id=data["id"])


def accept(records: Sequence[str], who: str, note: str = "", when: dt.datetime | None = None
           ) -> Decision:
    return Decision(ACCEPT, who, tuple(records), note=note, when=when or _now())


def not_same(records: Sequence[str], who: str, note: str = "", when: dt.datetime | None = None
             ) -> Decision:
    return Decision(NOT_SAME, who, tuple(records), note=note, when=when or _now())


def split(groups: Sequence[Sequence[str]], who: str, note: str = "",
          when: dt.datetime | None = None) -> Decision:
    return Decision(SPLIT, who, groups=tuple(tuple(g) for g in groups), note=note,
                    when=when or _now())


def revoke(decision: Decision | str, who: str, note: str = "", when: dt.datetime | None = None
           ) -> Decision:
    target = decision.id if isinstance(decision, Decision) else decision
    return Decision(REVOKE, who, revokes=target, note=note, when=when or _now())


def in_force(decisions: Iterable[Decision]) -> list[Decision]:
    """The decisions not (currently) revoked, oldest first."""
    ordered = sorted(decisions, key=lambda d: (d.when, d.id))
    revoked: set[str] = set()
    for d in reversed(ordered):  # a later revoke decides about everything earlier
        if d.action == REVOKE and d.id not in revoked:
            revoked.add(d.revokes)  # type: ignore[arg-type]
    return [d for d in ordered if d.action != REVOKE and d.id not in revoked]


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def constraints(decisions: Iterable[Decision]) -> tuple[list[tuple[str, str]], list[tuple[str,
                                                                                          str]]]:
    """(must-link, cannot-link) record pairs; for each pair the latest decision wins.

    Must-links come back newest first, so that when confirmed links contradict each other
    through a chain, the newest is kept.
    """
    latest: dict[tuple[str, str], tuple[str, int]] = {}
    for order, d in enumerate(in_force(decisions)):
        if d.action == ACCEPT:
            for a, b in itertools.combinations(sorted(set(d.records)), 2):
                latest[_key(a, b)] = (ACCEPT, order)
        elif d.action == NOT_SAME:
            for a, b in itertools.combinations(sorted(set(d.records)), 2):
                latest[_key(a, b)] = (NOT_SAME, order)
        else:
            for g1, g2 in itertools.combinations(d.groups, 2):
                for a in g1:
                    for b in g2:
                        latest[_key(a, b)] = (NOT_SAME, order)
    must = sorted((k for k, (act, _) in latest.items() if act == ACCEPT),
                  key=lambda k: -latest[k][1])
    cannot = [k for k, (act, _) in latest.items() if act == NOT_SAME]
    return must, cannot


def apply_decisions(pairs: Iterable[Pair], decisions: Iterable[Decision], threshold: float = 0.5,
                    ids: Iterable[str] = ()) -> list[Cluster]:
    """Clusters as the reviewers left them: confirmed links, then model pairs, never
    joining records someone said are different. Recomputed from scratch every time, so
    revoking a decision restores exactly the clusters without it."""
    must, cannot = constraints(decisions)
    return clusters(pairs, threshold, ids, must_link=must, cannot_link=cannot)


__all__ = [
    "ACCEPT", "ACTIONS", "Decision", "NOT_SAME", "REVOKE", "SPLIT", "accept", "apply_decisions",
    "constraints", "in_force", "not_same", "revoke", "split",
]
