"""Choosing a log-linear model: BIC ranking, downhill BIC search and the stepwise methods.

* BIC (Silverman, Chan & Vincent 2024; R package MultipleSystemsEstimation ``assemble_bic``):
  every hierarchical model up to a maximum order is fitted, models without an identifiable
  extended MLE are dropped, and the rest are ranked by
  ``BIC = k log(n) - 2 log L`` with ``k`` counting every model parameter (minus-infinity ones
  included) and ``n`` the number of people observed.
* Downhill: start from main effects, move to the best-BIC neighbour (one term added or one
  maximal term dropped) while BIC improves; at most 20 moves. Used when enumeration is too large.
* Stepwise (Chan, Silverman & Vincent 2021; SparseMSE ``stepwisefit``): from main effects, add the
  pair whose observed overlap is least likely under the current fit (two-sided-min Poisson
  p-value) while that p-value is below the threshold (0.02), skipping pairs whose model would
  have no identifiable extended MLE.
* BHS stepwise (Bales, Hesketh & Silverman 2015): add the pair that lowers AIC most; stop when AIC
  does not improve or the new term's Wald p-value exceeds the threshold (0.05 in 2014).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy.special import gammaln, xlogy
from scipy.stats import norm, poisson

from casebook.errors import EstimationError
from casebook.estimate.fitting import NO_MLE, OK, BatchFit, Fitter
from casebook.estimate.models import (
    MAIN_EFFECTS,
    Model,
    count_models,
    enumerate_models,
    interaction_terms,
    neighbours,
)

DEFAULT_MAX_ORDER = {2: 1, 3: 2, 4: 3, 5: 3, 6: 2}
DEFAULT_NTOP = {2: None, 3: None, 4: 20, 5: 100, 6: 100}  # None: all models
ENUMERATION_LIMIT = 40_000  # beyond this many models, the BIC method searches downhill
DOWNHILL_STEPS = 20

Progress = Callable[[int, int], None]  # (done, total): long searches report as they go


@dataclass
class RankedModel:
    """One fitted model, as a row of the model table.

    ``df`` is the residual degrees of freedom (cells kept minus parameters estimated) and
    ``deviance`` twice the log-likelihood gap to the saturated fit of the observed cells, as R's
    ``glm`` reports them; ``status`` is 0 for a model with an estimate, else the
    ``check_extended_MLE`` code (1 no extended MLE, 2 not identifiable, 3 both).
    """

    model: Model
    estimate: float
    bic: float
    aic: float
    loglik: float
    n_params: int
    df: int = 0
    deviance: float = float("nan")
    status: int = OK


@dataclass
class Ranking:
    """Models with an identifiable extended MLE, best (lowest) BIC first."""

    models: list[RankedModel]
    max_order: int
    searched: str  # "enumeration" or "downhill"
    n_candidates: int
    excluded: list[RankedModel] = field(default_factory=list)  # considered, no estimate


def default_max_order(n_lists: int) -> int:
    return DEFAULT_MAX_ORDER.get(n_lists, 2)


def default_ntop(n_lists: int) -> int | None:
    return DEFAULT_NTOP.get(n_lists, 100)


def scores(fit: BatchFit, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Estimate, BIC and AIC per fitted model (NaN where the model has no estimate)."""
    n = float(np.sum(y))
    with np.errstate(over="ignore"):
        estimate = np.where(fit.ok, n + np.exp(fit.beta[:, 0]), np.nan)
    bic = fit.n_params * np.log(n) - 2.0 * fit.loglik
    aic = 2.0 * fit.n_params - 2.0 * fit.loglik
    return estimate, bic, aic


def saturated_loglik(y: np.ndarray) -> float:
    """Poisson log-likelihood of the fit that reproduces every observed cell."""
    y = np.asarray(y, dtype=np.float64)
    return float(np.sum(xlogy(y, y) - y - gammaln(y + 1.0)))


def fit_rows(fitter: Fitter, y: np.ndarray, models: list[Model],
             progress: Progress | None = None) -> list[RankedModel]:
    """A model-table row for every model, with or without an estimate, in the given order."""
    fit = fitter.fit(models, y, progress=progress)
    est, bic, aic = scores(fit, y)
    sat = saturated_loglik(y)
    df = fit.rowmask.sum(axis=1) - fit.colmask.sum(axis=1)
    rows = []
    for i, m in enumerate(models):
        ok = bool(fit.ok[i]) and np.isfinite(bic[i])
        rows.append(RankedModel(
            m, float(est[i]) if ok else float("nan"), float(bic[i]) if ok else float("nan"),
            float(aic[i]) if ok else float("nan"), float(fit.loglik[i]) if ok else float("nan"),
            int(fit.n_params[i]), int(df[i]),
            max(0.0, 2.0 * (sat - float(fit.loglik[i]))) if ok else float("nan"),
            int(fit.status[i]) if fit.status[i] != OK else (OK if ok else NO_MLE)))
    return rows


def _split(rows: list[RankedModel]) -> tuple[list[RankedModel], list[RankedModel]]:
    ok = sorted((r for r in rows if r.status == OK), key=lambda r: r.bic)
    return ok, [r for r in rows if r.status != OK]


def bic_ranking(fitter: Fitter, y: np.ndarray, max_order: int | None = None,
                force_downhill: bool = False, progress: Progress | None = None) -> Ranking:
    """Hierarchical models up to ``max_order`` ranked by BIC (a downhill search if too many)."""
    t = fitter.n_lists
    max_order = default_max_order(t) if max_order is None else max_order
    max_order = max(1, min(max_order, t - 1))
    n_models = count_models(t, max_order)
    if force_downhill or n_models < 0 or n_models > ENUMERATION_LIMIT:
        return downhill(fitter, y, max_order, progress)
    models = enumerate_models(t, max_order)
    ranked, excluded = _split(fit_rows(fitter, y, models, progress))
    if not ranked:
        raise EstimationError("no log-linear model has an identifiable estimate for this table")
    return Ranking(ranked, max_order, "enumeration", len(models), excluded)


def downhill(fitter: Fitter, y: np.ndarray, max_order: int,
             progress: Progress | None = None) -> Ranking:
    """Greedy BIC descent from main effects (MultipleSystemsEstimation ``downhill_fit``)."""
    t = fitter.n_lists
    start, excluded = _split(fit_rows(fitter, y, [MAIN_EFFECTS]))
    if not start:
        raise EstimationError("the main-effects model has no identifiable estimate for this table")
    best = start[0]
    seen = {MAIN_EFFECTS}
    considered = [best]
    for step in range(DOWNHILL_STEPS):
        new = [m for m in neighbours(best.model, t, max_order) if m not in seen]
        if not new:
            break
        seen.update(new)
        ranked, failed = _split(fit_rows(fitter, y, new))
        considered.extend(ranked)
        excluded.extend(failed)
        if progress is not None:
            progress(step + 1, DOWNHILL_STEPS)
        if not ranked or ranked[0].bic >= best.bic:
            break
        best = ranked[0]
    considered.sort(key=lambda r: r.bic)
    return Ranking(considered, max_order, "downhill", len(seen), excluded)


def poisson_overlap_pvalue(observed: float, expected: float) -> float:
    """min(P(X <= n*), P(X >= n*)) for X ~ Poisson(expected), as in SparseMSE."""
    return float(min(poisson.cdf(observed, expected), poisson.sf(observed - 1, expected)))


def _pairs(t: int) -> list[int]:
    return interaction_terms(t, 2)


def stepwise(fitter: Fitter, y: np.ndarray, p_threshold: float = 0.02) -> Model:
    """Chan–Silverman–Vincent stepwise selection of pairwise interactions."""
    t = fitter.n_lists
    design = fitter.design(2)
    X = design.X
    pairs = _pairs(t)
    nstar = {p: float(X[:, design.column_of[p]] @ y) for p in pairs}
    model: Model = MAIN_EFFECTS
    fit = fitter.fit([model], y, design=design)
    if not fit.ok[0]:
        raise EstimationError("the main-effects model has no identifiable estimate for this table")
    if p_threshold <= 0:
        return model
    while True:
        mu = np.exp(fit.beta[0] @ X.T) * fit.rowmask[0]
        candidates = []
        for i, pair in enumerate(pairs):
            if pair in model:
                continue
            expected = float(mu @ X[:, design.column_of[pair]])
            candidates.append((poisson_overlap_pvalue(nstar[pair], expected), i, pair))
        candidates.sort()
        chosen = None
        for pval, _i, pair in candidates:
            if pval >= p_threshold:
                break
            trial = fitter.fit([model | {pair}], y, design=design)
            if trial.ok[0]:
                chosen, fit = pair, trial
                break
        if chosen is None:
            return model
        model = model | {chosen}


def bhs_stepwise(fitter: Fitter, y: np.ndarray, p_threshold: float = 0.05) -> Model:
    """Bales–Hesketh–Silverman: add the AIC-best pair while AIC improves and Wald p <= threshold."""
    t = fitter.n_lists
    design = fitter.design(2)
    pairs = _pairs(t)
    model: Model = MAIN_EFFECTS
    base = fitter.fit([model], y, design=design)
    if not base.ok[0]:
        raise EstimationError("the main-effects model has no identifiable estimate for this table")
    _, _, aic = scores(base, y)
    current_aic = float(aic[0])
    while True:
        cands = [model | {p} for p in pairs if p not in model]
        if not cands:
            return model
        fit = fitter.fit(cands, y, design=design)
        _, _, aics = scores(fit, y)
        aics = np.where(fit.ok, aics, np.inf)
        j = int(np.argmin(aics))
        if not np.isfinite(aics[j]) or aics[j] >= current_aic:
            return model
        added = next(iter(cands[j] - model))
        col = design.column_of[added]
        if not fit.colmask[j, col]:
            return model  # a minus-infinity term has no Wald test; BHS would not add it
        se = wald_se(design.X, fit.beta[j], fit.colmask[j], fit.rowmask[j], col)
        pval = 2 * norm.sf(abs(fit.beta[j, col]) / se)
        if pval > p_threshold:
            return model
        model, current_aic = cands[j], float(aics[j])


def wald_se(X, beta, colmask, rowmask, col) -> float:
    """Standard error of one coefficient from the inverse Fisher information."""
    mu = np.exp(beta @ X.T) * rowmask
    Xs = X[:, colmask]
    info = Xs.T @ (mu[:, None] * Xs)
    cov = np.linalg.inv(info)
    k = int(np.flatnonzero(np.flatnonzero(colmask) == col)[0])
    return float(np.sqrt(cov[k, k]))


def check_model(fitter: Fitter, y: np.ndarray, model: Model) -> int:
    """Status as ``check_extended_MLE``: 0 fine, 1 no extended MLE, 2 not identifiable, 3 both."""
    fit = fitter.fit([model], y, design=fitter.design_for([model]))
    status = int(fit.status[0])
    if status & 2:  # the rank failure stops the fit before the LP: run the LP too, as R does
        design = fitter.design_for([model])
        colmask, rowmask, _, _ = fitter.masks(design, [model], np.asarray(y, float))
        if not fitter.exists(design.X, np.asarray(y, float), colmask[0], rowmask[0]):
            status |= 1
    return status if status != OK else OK
