"""Differentially private releases and the privacy budget of a casebook.

Suppression protects one release; it does not stop a reader from differencing two releases made
a month apart (one new survivor, one changed cell). For repeated releases every count gets
discrete Laplace noise from OpenDP, and every release spends part of a fixed budget epsilon
kept per casebook. When the budget is spent, releases are refused with ``DisclosureRisk``.

Each table is a partition of persons, so adding or removing one person changes its full
cross-count by at most 1 in L1; the budget of a release is split equally over its tables
(sequential composition). Totals, shares and intervals are computed from the noisy counts
afterwards, which costs no privacy.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from casebook.errors import DisclosureRisk
from casebook.publish.tables import ALL, NOT_STATED, Table

DEFAULT_TOTAL_EPSILON = 2.0


class BudgetStore(Protocol):
    """Where the ledger lives: the encrypted store in production, memory in tests."""

    def load(self) -> dict: ...

    def save(self, ledger: dict) -> None: ...


class MemoryBudgetStore:
    def __init__(self, ledger: dict | None = None):
        self.ledger = dict(ledger or {})

    def load(self) -> dict:
        return dict(self.ledger)

    def save(self, ledger: dict) -> None:
        self.ledger = dict(ledger)


class PrivacyLedger:
    """Total epsilon of a casebook and every release that spent some of it."""

    def __init__(self, store: BudgetStore, total_epsilon: float | None = None):
        self.store = store
        data = store.load() or {}
        if "total_epsilon" not in data:
            data = {"total_epsilon": float(total_epsilon or DEFAULT_TOTAL_EPSILON),
                    "releases": []}
            store.save(data)
        elif total_epsilon is not None and total_epsilon > data["total_epsilon"]:
            raise DisclosureRisk(
                f"privacy budget: cannot raise the total from {data['total_epsilon']} to "
                f"{total_epsilon}; a budget can only be lowered")
        elif total_epsilon is not None:
            data["total_epsilon"] = float(total_epsilon)
            store.save(data)
        self.data = data

    @property
    def total(self) -> float:
        return float(self.data["total_epsilon"])

    @property
    def spent(self) -> float:
        return sum(r["epsilon"] for r in self.data["releases"])

    @property
    def remaining(self) -> float:
        return max(0.0, self.total - self.spent)

    def charge(self, epsilon: float, description: str) -> None:
        """Record a release, or refuse it when it would overspend the casebook's budget."""
        if epsilon <= 0:
            raise ValueError("epsilon must be positive")
        if self.spent + epsilon > self.total + 1e-12:
            raise DisclosureRisk(
                f"privacy budget: release needs epsilon {epsilon:g} but only "
                f"{self.remaining:g} of {self.total:g} is left for this casebook")
        self.data["releases"].append({"epsilon": float(epsilon), "description": description,
                                      "at": dt.datetime.now(dt.UTC).isoformat()})
        self.store.save(self.data)


def _measurement(scale: float):
    import opendp.prelude as dp  # heavy (~3 s to import): only for a DP release

    dp.enable_features("contrib")
    space = dp.vector_domain(dp.atom_domain(T=int)), dp.l1_distance(T=int)
    return dp.m.make_laplace(*space, scale=scale)


def scale_for(epsilon: float) -> float:
    """Noise scale giving ``epsilon`` for one person's L1 change of 1 (checked by OpenDP)."""
    scale = 1.0 / epsilon
    meas = _measurement(scale)
    assert meas.map(1) <= epsilon + 1e-9, "OpenDP disagrees with the scale"
    return scale


def release(tables: list[Table], epsilon: float, ledger: PrivacyLedger, description: str,
            k: int = 11) -> list[Table]:
    """Noisy copies of ``tables``; the ledger is charged first, so a refusal leaks nothing."""
    import opendp.prelude as dp  # heavy (~3 s to import): only for a DP release

    ledger.charge(epsilon, description)
    per_table = epsilon / len(tables)
    scale = scale_for(per_table)
    meas = _measurement(scale)
    accuracy = dp.discrete_laplacian_scale_to_accuracy(scale, 0.05)
    for t in tables:
        cols = t.col_categories + (NOT_STATED,) if t.col_var else (ALL,)
        keys = [(r, c) for r in t.row_categories + (NOT_STATED,) for c in cols]
        noisy = meas([int(t.counts.get(key, 0)) for key in keys])
        t.counts = {key: max(0, int(v)) for key, v in zip(keys, noisy)}
        # cells still under k after noise are hidden; hiding noisy numbers costs no privacy
        t.suppressed = {(rg, cg) for rg in t.row_groups for cg in t.col_groups
                        if 0 < t.raw(rg, cg) < k}
        t.primary = set(t.suppressed)
        t.summary = {}
        t.k = k
        t.noise = {"epsilon": per_table, "scale": scale, "accuracy95": float(accuracy)}
    return tables
