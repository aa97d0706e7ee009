"""What a statistician checks before trusting an estimate: overlaps, fitted cells, residuals.

* :func:`overlap` — list sizes, the people each pair of lists shares, and the capture histories:
  multiple systems estimation learns everything from these overlaps, so they come first.
* :func:`fitted_cells` — observed against fitted counts of every history under one model, with
  Pearson and deviance residuals (as ``residuals(glm, "pearson"/"deviance")`` in R), and the
  fitted count of the history nobody observed: the estimated number never recorded.
* :func:`why_no_estimate` — plain sentences on why a table cannot give an estimate (no list
  shares anyone with another, a list shares nobody, too few lists), for the error message.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from casebook.estimate.fitting import Fitter
from casebook.estimate.models import Model
from casebook.estimate.table import CaptureTable


@dataclass(frozen=True)
class Overlap:
    """The overlap structure of a capture table."""

    lists: tuple[str, ...]
    sizes: dict[str, int]  # people on each list
    pairs: dict[tuple[str, str], int]  # people on both lists of a pair (any other lists too)
    histories: list[tuple[tuple[int, ...], int]]  # observed (history, count), list order
    n_observed: int

    @property
    def on_several(self) -> int:
        """People recorded by more than one list: the only information about the unseen."""
        return sum(c for h, c in self.histories if sum(h) > 1)

    def to_json(self) -> dict:
        return {
            "lists": list(self.lists), "sizes": self.sizes,
            "pairs": [{"lists": list(k), "both": v} for k, v in self.pairs.items()],
            "histories": [{"history": list(h), "count": c} for h, c in self.histories],
            "n_observed": self.n_observed, "on_several_lists": self.on_several,
        }


def overlap(table: CaptureTable) -> Overlap:
    t = table.n_lists
    histories = table.rows()
    sizes = {name: 0 for name in table.lists}
    pairs = {(table.lists[i], table.lists[j]): 0 for i in range(t) for j in range(i + 1, t)}
    for history, count in histories:
        on = [i for i, bit in enumerate(history) if bit]
        for i in on:
            sizes[table.lists[i]] += count
        for a in range(len(on)):
            for b in range(a + 1, len(on)):
                pairs[(table.lists[on[a]], table.lists[on[b]])] += count
    return Overlap(table.lists, sizes, pairs, histories, table.n_observed)


def why_no_estimate(table: CaptureTable) -> list[str]:
    """Reasons this table gives no (or no useful) estimate; empty when nothing is wrong."""
    ov = overlap(table)
    reasons = []
    empty = [name for name, size in ov.sizes.items() if size == 0]
    if empty:
        reasons.append(f"no one is on list(s) {', '.join(empty)}")
    if ov.on_several == 0:
        reasons.append("no person is on more than one list, so the lists do not overlap and any "
                       "population size fits them equally well; link the same women across "
                       "lists first (casebook link, then casebook link review)")
        return reasons
    alone = [name for name in ov.lists
             if ov.sizes[name] and all(v == 0 for k, v in ov.pairs.items() if name in k)]
    if alone:
        reasons.append(f"list(s) {', '.join(alone)} share no one with any other list: their "
                       "people add to the count but say nothing about the unseen; merge such a "
                       "list with another or leave it out")
    zero = [f"{a}&{b}" for (a, b), v in ov.pairs.items() if v == 0
            and a not in alone and b not in alone]
    if zero:
        reasons.append(f"pairs with no one in common: {', '.join(zero)} (their interaction "
                       "cannot be estimated; models with it are left out)")
    return reasons


@dataclass(frozen=True)
class FittedCell:
    """One capture history under a model: observed and fitted people, and the residuals."""

    history: tuple[int, ...]
    observed: int | None  # None for the history nobody can observe
    fitted: float
    pearson: float | None
    deviance: float | None

    def to_json(self, lists: tuple[str, ...]) -> dict:
        return {"history": list(self.history),
                "lists": [name for name, bit in zip(lists, self.history) if bit],
                "observed": self.observed, "fitted": self.fitted,
                "pearson_residual": self.pearson, "deviance_residual": self.deviance}


def fitted_cells(fitter: Fitter, table: CaptureTable, model: Model) -> list[FittedCell]:
    """Every observable history (zeros included), then the unobserved one, under ``model``."""
    y = table.counts.astype(np.float64)
    fit = fitter.fit([model], y)
    design = fitter.design_for([model])
    mu = np.exp(np.minimum(fit.beta[0] @ design.X.T, 700.0)) * fit.rowmask[0]
    t = table.n_lists
    out = []
    for idx in range(y.size):
        mask, obs, m = idx + 1, float(y[idx]), float(mu[idx])
        history = tuple((mask >> i) & 1 for i in range(t))
        if m > 0:
            pearson = (obs - m) / np.sqrt(m)
            dev = 2.0 * ((obs * np.log(obs / m) if obs > 0 else 0.0) - (obs - m))
            dres = float(np.sign(obs - m) * np.sqrt(max(dev, 0.0)))
        else:  # a cell fixed at zero (a term at minus infinity): it fits exactly
            pearson, dres = 0.0, 0.0
        out.append(FittedCell(history, int(obs), m, float(pearson), dres))
    out.append(FittedCell(tuple(0 for _ in range(t)), None, float(np.exp(fit.beta[0, 0])),
                          None, None))
    return out


def history_label(history: tuple[int, ...], lists: tuple[str, ...]) -> str:
    """``A+C`` for a history on lists A and C; ``(none)`` for the unobserved one."""
    on = [lists[i] for i in range(len(lists)) if history[i]]
    return "+".join(on) if on else "(none)"


