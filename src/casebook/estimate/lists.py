"""Lists for multiple systems estimation, from the casebook: who was recorded by whom.

A *person* is everything one woman told: testimonies under the same person record, joined by
every accepted linkage decision (``casebook link review``). A *list* is the value of a field on
each testimony (which organisation, or which interviewer, recorded her). The testimonies come
from the store's ``estimation`` read, so only those whose consent allows statistics count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from casebook.errors import InvalidInput
from casebook.linkage.cluster import clusters
from casebook.linkage.decisions import Decision, constraints
from casebook.model import ConsentedTestimony

LIST_FIELDS = ("organisation", "interviewer")


def list_memberships(testimonies: Sequence[ConsentedTestimony],
                     decisions: Iterable[dict[str, Any]], field: str) -> list[tuple[str, str]]:
    """(person key, list name) pairs, one per testimony that names a list."""
    if field not in LIST_FIELDS:
        raise InvalidInput(f"--lists {field!r}: choose one of {', '.join(LIST_FIELDS)}")
    ids = [f"t{t.testimony_id}" for t in testimonies]
    same = [(f"t{t.testimony_id}", f"p{t.person_id}") for t in testimonies
            if t.person_id is not None]
    must, _ = constraints(Decision.from_dict(d) for d in decisions)
    person_of = {m: c.id for c in clusters((), ids=ids, must_link=[*same, *must])
                 for m in c.members}
    pairs = []
    for t in testimonies:
        value = t.organisation if field == "organisation" else t.interviewer
        if value:
            pairs.append((person_of[f"t{t.testimony_id}"], value))
    return pairs
