"""Multiple systems estimation: one call from a capture table to an estimate with an interval.

Methods:
    ``bic``       minimum-BIC hierarchical model (all models up to the maximum order, or a
                  downhill search when there are too many); BCa bootstrap re-selects among the
                  ``ntop`` best models (SCV 2024).
    ``downhill``  the downhill BIC search on its own; the bootstrap reruns the search.
    ``stepwise``  Chan–Silverman–Vincent 2021 pairwise stepwise, Poisson overlap p-value;
                  the bootstrap reruns the whole selection.
    ``bhs``       Bales–Hesketh–Silverman 2015 AIC stepwise with a Wald stop.
    ``main``      main effects only.
    ``fixed``     a model given by the user.

Single models get a profile-likelihood interval. Selected models get a BCa interval when
bootstrap replicates are asked for; without them the profile interval of the selected model is
given and labelled as ignoring the selection step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from casebook.errors import EstimationError, InvalidInput
from casebook.estimate.fitting import Fitter
from casebook.estimate.intervals import bootstrap_bca, profile_interval
from casebook.estimate.models import (
    MAIN_EFFECTS,
    Model,
    hierarchy_string,
    parse_model,
    term_name,
    term_names,
)
from casebook.estimate.selection import (
    Ranking,
    bhs_stepwise,
    bic_ranking,
    default_ntop,
    downhill,
    stepwise,
)
from casebook.estimate.table import CaptureTable

METHODS = ("bic", "downhill", "stepwise", "bhs", "main", "fixed")


@dataclass
class MSEResult:
    estimate: float
    ci_low: float | None
    ci_high: float | None
    ci_type: str | None
    model: Model
    method: str
    n_observed: int
    lists: tuple[str, ...]
    minus_infinity: list[str] = field(default_factory=list)
    ranking: Ranking | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def terms(self) -> list[str]:
        return term_names(self.model, self.lists)

    @property
    def hierarchy(self) -> str:
        return hierarchy_string(self.model, len(self.lists))

    def to_json(self) -> dict:
        """The documented JSON shape; the model is its interaction terms (main effects implicit)."""
        return {
            "estimate": self.estimate,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "ci_type": self.ci_type,
            "model": self.terms,
            "method": self.method,
            "n_observed": self.n_observed,
            "lists": list(self.lists),
        }


def estimate_population(
    table: CaptureTable,
    method: str = "bic",
    *,
    model: str | None = None,
    max_order: int | None = None,
    p_threshold: float | None = None,
    n_boot: int = 0,
    ntop: int | None = None,
    seed: int | None = 1234,
    level: float = 0.95,
    profile: str = "poisson",
) -> MSEResult:
    """Estimate the population size behind ``table`` (see the module docstring for methods)."""
    if method not in METHODS:
        raise InvalidInput(f"method {method!r}: choose one of {', '.join(METHODS)}")
    if model is not None and method not in ("fixed",):
        method = "fixed"
    if method == "fixed" and model is None:
        raise InvalidInput("method 'fixed' needs a model, e.g. --model '[12,23]' or 'A:B,B:C'")
    if n_boot < 0:
        raise InvalidInput(f"--bootstrap {n_boot}: must be 0 or more")
    if not 0 < level < 1:
        raise InvalidInput(f"level {level}: must be between 0 and 1")
    t = table.n_lists
    y = table.counts.astype(np.float64)
    fitter = Fitter(t)
    ranking = None
    notes: list[str] = []

    if method in ("bic", "downhill"):
        if t > 6 and method == "bic":
            notes.append("more than six lists: the BIC model was found by downhill search")
        ranking = bic_ranking(fitter, y, max_order, force_downhill=(method == "downhill" or t > 6))
        if ranking.searched == "downhill" and method == "bic":
            notes.append("too many models to enumerate: downhill search from main effects")
        chosen = ranking.models[0].model
    elif method == "stepwise":
        p = 0.02 if p_threshold is None else p_threshold
        chosen = stepwise(fitter, y, p)
    elif method == "bhs":
        p = 0.05 if p_threshold is None else p_threshold
        chosen = bhs_stepwise(fitter, y, p)
    elif method == "main":
        chosen = MAIN_EFFECTS
    else:
        chosen = parse_model(model or "", table.lists)

    fit = fitter.fit([chosen], y)
    if not fit.ok[0]:
        status = int(fit.status[0])
        why = {1: "has no extended MLE (Fienberg–Rinaldo LP)", 2: "is not identifiable (rank)",
               3: "has no extended MLE and is not identifiable"}[status]
        raise EstimationError(f"model {hierarchy_string(chosen, t)} {why}; no estimate")
    estimate = float(table.n_observed + np.exp(fit.beta[0, 0]))
    design = fitter.design_for([chosen])
    _, _, _, neg_inf = fitter.masks(design, [chosen], y)
    minus_inf = [term_name(int(design.terms[j]), table.lists) for j in np.flatnonzero(neg_inf[0])]
    if minus_inf:
        notes.append("terms at minus infinity (lists with no one in common): "
                     + ", ".join(minus_inf))

    selected = method in ("bic", "downhill", "stepwise", "bhs")
    if n_boot > 0:
        rule = _bootstrap_rule(fitter, y, method, ranking, chosen, p_threshold, ntop)
        boot = bootstrap_bca(table.counts, estimate, rule, n_boot, seed, level)
        low, high, kind = boot.low, boot.high, boot.kind
        if method == "bic" and ranking is not None and ranking.searched == "enumeration":
            k = _ntop(ranking, ntop, t)
            kind += f", re-selecting among the {k} best-BIC models"
    else:
        interval = profile_interval(fitter, y, chosen, level, profile)
        low, high, kind = interval.low, interval.high, interval.kind
        if selected:
            kind += " for the selected model (ignores model-selection uncertainty; use --bootstrap)"
    return MSEResult(estimate, low, high, kind, chosen, method, table.n_observed, table.lists,
                     minus_inf, ranking, notes)


def _ntop(ranking: Ranking, ntop: int | None, n_lists: int) -> int:
    k = ntop if ntop is not None else default_ntop(n_lists)
    return len(ranking.models) if k is None else max(1, min(k, len(ranking.models)))


def _bootstrap_rule(fitter, y, method, ranking, chosen, p_threshold, ntop):
    """A function from a stack of count vectors to the estimates the method would give."""
    t = fitter.n_lists
    enumerated = method == "bic" and ranking is not None and ranking.searched == "enumeration"
    if enumerated or method in ("main", "fixed"):
        top = [r.model for r in ranking.models[: _ntop(ranking, ntop,
                                                       t)]] if enumerated else [chosen]
        start = fitter.fit(top, y).beta  # warm starts: replicates are close to the data

        def reselect(samples: np.ndarray) -> np.ndarray:
            out = np.empty(samples.shape[0])
            for s in range(0, samples.shape[0], 200):
                est, bic = fitter.fit_replicates(top, samples[s:s + 200], start)
                best = np.where(np.isfinite(bic), bic, np.inf).argmin(axis=1)
                picked = est[np.arange(est.shape[0]), best]
                picked[~np.isfinite(bic).any(axis=1)] = np.nan
                out[s:s + 200] = picked
            return out
        return reselect

    if method in ("bic", "downhill"):
        order = ranking.max_order if ranking is not None else 2

        def one(y):
            return downhill(fitter, y, order).models[0].estimate
    elif method == "stepwise":
        p = 0.02 if p_threshold is None else p_threshold

        def one(y):
            return _estimate_of(fitter, y, stepwise(fitter, y, p))
    elif method == "bhs":
        p = 0.05 if p_threshold is None else p_threshold

        def one(y):
            return _estimate_of(fitter, y, bhs_stepwise(fitter, y, p))
    else:  # pragma: no cover - every method is handled above
        raise AssertionError(method)

    def rule(samples: np.ndarray) -> np.ndarray:
        out = np.empty(samples.shape[0])
        for i, counts in enumerate(samples):
            try:
                out[i] = one(counts.astype(np.float64))
            except EstimationError:
                out[i] = np.nan
        return out
    return rule


def _estimate_of(fitter: Fitter, y: np.ndarray, model: Model) -> float:
    fit = fitter.fit([model], y)
    return float(y.sum() + np.exp(fit.beta[0, 0])) if fit.ok[0] else float("nan")
