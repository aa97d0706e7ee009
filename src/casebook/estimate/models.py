"""Hierarchical log-linear models over capture histories.

A model is the set of its interaction terms (bitmasks of two or more lists); the intercept and
all main effects are always present. Hierarchical means every sub-term of size >= 2 of a term is
in the model too. Models are written the way the reference R packages write them, by their
maximal terms with 1-based list numbers: ``[12,23]`` has the pairs 1:2 and 2:3 and main effects;
``[12,3]`` is pair 1:2 plus main effects; ``[1,2,3]`` is main effects only.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence

from casebook.errors import InvalidInput

Model = frozenset[int]

MAIN_EFFECTS: Model = frozenset()


def popcount(mask: int) -> int:
    return bin(mask).count("1")


def members(mask: int) -> list[int]:
    """0-based list indices in a term."""
    return [i for i in range(mask.bit_length()) if (mask >> i) & 1]


def model_order(model: Model) -> int:
    """Highest interaction order in the model (1 for main effects only)."""
    return max((popcount(term) for term in model), default=1)


def sub_terms(term: int) -> list[int]:
    """Immediate sub-terms (one list removed) that are themselves interactions."""
    if popcount(term) <= 2:
        return []
    return [term & ~(1 << i) for i in members(term)]


def is_hierarchical(model: Iterable[int]) -> bool:
    model = set(model)
    return all(popcount(term) >= 2 and all(s in model for s in sub_terms(term)) for term in model)


def closure(terms: Iterable[int]) -> Model:
    """The smallest hierarchical model containing the given interaction terms."""
    out: set[int] = set()
    stack = [t for t in terms if popcount(t) >= 2]
    while stack:
        term = stack.pop()
        if term not in out:
            out.add(term)
            stack.extend(sub_terms(term))
    return frozenset(out)


def roots(model: Model, n_lists: int) -> list[int]:
    """Maximal terms, including main effects of lists not covered by any interaction."""
    covered = 0
    for term in model:
        covered |= term
    maximal = [t for t in model if not any(o != t and (o & t) == t for o in model)]
    singles = [1 << i for i in range(n_lists) if not (covered >> i) & 1]
    return maximal + singles


def hierarchy_string(model: Model, n_lists: int) -> str:
    """Reference-package notation, e.g. ``[12,23]`` (roots ordered as the R packages do)."""
    def weight(term: int) -> float:
        idx = [i + 1 for i in members(term)]
        return len(idx) + sum(0.5**i for i in idx)

    parts = sorted(roots(model, n_lists), key=weight, reverse=True)
    return "[" + ",".join("".join(str(i + 1) for i in members(t)) for t in parts) + "]"


def term_name(term: int, lists: Sequence[str]) -> str:
    return ":".join(lists[i] for i in members(term))


def term_names(model: Model, lists: Sequence[str]) -> list[str]:
    """Interaction terms as ``A:B`` strings, lowest order first, then in list order."""
    ordered = sorted(model, key=lambda t: (popcount(t), members(t)))
    return [term_name(t, lists) for t in ordered]


def parse_model(spec: str, lists: Sequence[str]) -> Model:
    """Read ``main``, ``[12,23]`` or ``A:B,B:C`` (list names) into a hierarchical model."""
    n = len(lists)
    text = spec.strip()
    if text.lower() in ("", "main", "[]"):
        return MAIN_EFFECTS
    terms: list[int] = []
    if re.fullmatch(r"\[[0-9,\s]*\]", text):
        if n > 9:
            raise InvalidInput(
                f"model {spec!r}: the [12,23] notation needs at most 9 lists; use names")
        for part in text[1:-1].split(","):
            part = part.strip()
            if not part:
                continue
            idx = {int(ch) for ch in part}
            if any(i < 1 or i > n for i in idx):
                raise InvalidInput(f"model {spec!r}: list numbers must be between 1 and {n}")
            terms.append(sum(1 << (i - 1) for i in idx))
    else:
        position = {name: i for i, name in enumerate(lists)}
        for part in re.split(r"[,+]", text):
            part = part.strip()
            if not part:
                continue
            names = [p.strip() for p in re.split(r"[:*×]", part) if p.strip()]
            unknown = [p for p in names if p not in position]
            if unknown:
                raise InvalidInput(
                    f"model {spec!r}: unknown list {unknown[0]!r} (lists: {', '.join(lists)})"
                )
            terms.append(sum(1 << position[p] for p in names))
    full = (1 << n) - 1
    if any(t == full for t in terms if popcount(t) >= 2) and n >= 2:
        raise InvalidInput(
            f"model {spec!r}: the {n}-way term makes the model saturated; no estimate")
    return closure(terms)


def interaction_terms(n_lists: int, max_order: int) -> list[int]:
    """All interaction masks of order 2..max_order, by order then list order."""
    out = []
    for k in range(2, max_order + 1):
        for combo in itertools.combinations(range(n_lists), k):
            out.append(sum(1 << i for i in combo))
    return out


def enumerate_models(n_lists: int, max_order: int) -> list[Model]:
    """Every hierarchical model with all main effects and interactions up to ``max_order``.

    Built level by level: any set of pairs, then any set of triples whose pairs are all present,
    and so on. ``max_order`` is capped at ``n_lists - 1`` (the saturated model has no estimate).
    """
    max_order = min(max_order, n_lists - 1)
    by_order = {k: [t for t in interaction_terms(n_lists, k) if popcount(t) == k]
                for k in range(2, max_order + 1)}

    def extend(current: frozenset[int], level: int) -> Iterable[Model]:
        if level > max_order:
            yield current
            return
        eligible = [t for t in by_order[level] if all(s in current for s in sub_terms(t))]
        for r in range(len(eligible) + 1):
            for chosen in itertools.combinations(eligible, r):
                yield from extend(current | frozenset(chosen), level + 1)

    if max_order < 2:
        return [MAIN_EFFECTS]
    return list(extend(frozenset(), 2))


def count_models(n_lists: int, max_order: int) -> int:
    """Number of models ``enumerate_models`` would produce, without building them (when cheap)."""
    max_order = min(max_order, n_lists - 1)
    if max_order < 2:
        return 1
    if max_order == 2:
        return 2 ** (n_lists * (n_lists - 1) // 2)
    return len(enumerate_models(n_lists, max_order)) if n_lists <= 5 else -1


def neighbours(model: Model, n_lists: int, max_order: int) -> list[Model]:
    """Models one step away: drop a maximal interaction, or add a term whose sub-terms are in."""
    out = []
    maximal = [t for t in model if not any(o != t and (o & t) == t for o in model)]
    for term in sorted(maximal, key=lambda t: (popcount(t), members(t))):
        out.append(model - {term})
    for term in interaction_terms(n_lists, min(max_order, n_lists - 1)):
        if term not in model and all(s in model for s in sub_terms(term)):
            out.append(model | {term})
    return out
