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
from casebook.estimate.diagnostics import FittedCell, Overlap, fitted_cells, overlap
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
    Progress,
    RankedModel,
    Ranking,
    bhs_stepwise,
    bic_ranking,
    default_ntop,
    downhill,
    fit_rows,
    stepwise,
)
from casebook.estimate.table import CaptureTable

METHODS = ("bic", "downhill", "stepwise", "bhs", "main", "fixed")


@dataclass
class ModelRow:
    """A row of the model table: how one considered model fits and what it estimates."""

    model: Model
    hierarchy: str
    terms: list[str]
    n_params: int
    df: int
    deviance: float | None
    aic: float | None
    bic: float | None
    estimate: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    status: int = 0
    selected: bool = False

    @property
    def status_text(self) -> str:
        return STATUS_TEXT[self.status]

    def to_json(self) -> dict:
        return {"model": self.hierarchy, "terms": self.terms, "n_params": self.n_params,
                "df": self.df, "deviance": self.deviance, "aic": self.aic, "bic": self.bic,
                "estimate": self.estimate, "ci_low": self.ci_low, "ci_high": self.ci_high,
                "status": self.status_text, "selected": self.selected}


STATUS_TEXT = {0: "ok", 1: "no extended MLE", 2: "not identifiable",
               3: "no extended MLE, not identifiable"}


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
    models: list[ModelRow] = field(default_factory=list)
    fitted: list[FittedCell] = field(default_factory=list)
    overlap: Overlap | None = None
    interval_models: int = 0  # how many rows of the model table carry a profile interval

    @property
    def terms(self) -> list[str]:
        return term_names(self.model, self.lists)

    @property
    def hierarchy(self) -> str:
        return hierarchy_string(self.model, len(self.lists))

    @property
    def unseen(self) -> dict:
        """The estimated number never recorded by any list (estimate minus observed)."""
        n = self.n_observed
        return {"estimate": self.estimate - n,
                "ci_low": None if self.ci_low is None else self.ci_low - n,
                "ci_high": None if self.ci_high is None else self.ci_high - n}

    def to_json(self) -> dict:
        """The documented JSON shape; the model is its interaction terms (main effects implicit)."""
        return {
            "estimate": self.estimate,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "ci_type": self.ci_type,
            "model": self.terms,
            "model_hierarchy": self.hierarchy,
            "method": self.method,
            "n_observed": self.n_observed,
            "lists": list(self.lists),
            "never_recorded": self.unseen,
            "models_considered": len(self.models),
            "model_table": [m.to_json() for m in self.models],
            "model_table_note": (
                "every model considered; deviance and df against the saturated fit of the "
                "observed cells, AIC = 2k - 2 log L, BIC = k log(n) - 2 log L (k counts every "
                "parameter, minus-infinity ones included; n = people observed); ci_low/ci_high "
                f"are profile-likelihood intervals of the {self.interval_models} best models "
                "and the selected one"),
            "fitted_cells": [c.to_json(self.lists) for c in self.fitted],
            "overlap": self.overlap.to_json() if self.overlap else None,
            "minus_infinity": self.minus_infinity,
            "notes": self.notes,
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
    interval_models: int = 10,
    progress: Progress | None = None,
) -> MSEResult:
    """Estimate the population size behind ``table`` (see the module docstring for methods).

    The result carries the model table (every model considered, with df, deviance, AIC, BIC,
    estimate, and a profile interval for the ``interval_models`` best and the selected one),
    the fitted cells of the selected model and the overlap table. ``progress(done, total)`` is
    called during long model searches.
    """
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
    fitter.considered = []
    ranking = None
    notes: list[str] = []

    if method in ("bic", "downhill"):
        if t > 6 and method == "bic":
            notes.append("more than six lists: the BIC model was found by downhill search")
        ranking = bic_ranking(fitter, y, max_order, force_downhill=(method == "downhill" or t > 6),
                              progress=progress)
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

    considered = list(dict.fromkeys(fitter.considered))
    fitter.considered = None  # the bootstrap's refits are not part of the model table
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
        boot = bootstrap_bca(table.counts, estimate, rule, n_boot, seed, level, progress)
        low, high, kind = boot.low, boot.high, boot.kind
        if method == "bic" and ranking is not None and ranking.searched == "enumeration":
            k = _ntop(ranking, ntop, t)
            kind += f", re-selecting among the {k} best-BIC models"
    else:
        interval = profile_interval(fitter, y, chosen, level, profile)
        low, high, kind = interval.low, interval.high, interval.kind
        if selected:
            kind += " for the selected model (ignores model-selection uncertainty; use --bootstrap)"
    rows = _model_table(fitter, y, table, ranking, considered, chosen, interval_models, level,
                        profile)
    return MSEResult(estimate, low, high, kind, chosen, method, table.n_observed, table.lists,
                     minus_inf, ranking, notes, rows, fitted_cells(fitter, table, chosen),
                     overlap(table), interval_models)


def _model_table(fitter: Fitter, y: np.ndarray, table: CaptureTable, ranking: Ranking | None,
                 considered: list[Model], chosen: Model, n_intervals: int, level: float,
                 profile: str) -> list[ModelRow]:
    """Every model the method considered, best BIC first, then those without an estimate."""
    if ranking is not None:
        fitted: list[RankedModel] = ranking.models + ranking.excluded
    else:
        fitted = fit_rows(fitter, y, list(dict.fromkeys([*considered, chosen])))
    ok = sorted((r for r in fitted if r.status == 0), key=lambda r: r.bic)
    bad = [r for r in fitted if r.status != 0]
    t = table.n_lists
    rows = []
    for i, r in enumerate(ok + bad):
        row = ModelRow(r.model, hierarchy_string(r.model, t), term_names(r.model, table.lists),
                       r.n_params, r.df, _num(r.deviance), _num(r.aic), _num(r.bic),
                       _num(r.estimate), status=r.status, selected=r.model == chosen)
        if r.status == 0 and (i < n_intervals or row.selected):
            try:
                iv = profile_interval(fitter, y, r.model, level, profile)
                row.ci_low, row.ci_high = iv.low, iv.high
            except EstimationError:
                pass  # the table still shows the model, without an interval
        rows.append(row)
    return rows


def _num(x: float) -> float | None:
    return float(x) if np.isfinite(x) else None


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
