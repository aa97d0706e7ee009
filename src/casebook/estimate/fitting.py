"""Fitting log-linear Poisson models to a capture table, many models at once.

Every cell ``w`` (a non-empty capture history) has count ``y_w ~ Poisson(mu_w)`` with
``log mu_w = sum of alpha_theta over terms theta contained in w``. The estimate of the population
is ``n + exp(alpha_0)``: the observed people plus the fitted count of the never-seen cell.

Sparse data (Chan, Silverman & Vincent 2021): when no one is on every list of a term ``theta``
(``n*_theta = 0``), its extended MLE is minus infinity. Such terms are not estimated; the cells
containing them are fixed at zero and left out of the fit. Beyond that, a model may still have no
extended MLE (checked with the Fienberg–Rinaldo linear program) or unidentifiable parameters
(checked by the rank of the design). Models failing either check get no estimate.

Fits are Newton (= IRLS for the canonical log link) on stacked design matrices, so that thousands
of models are solved in a few vectorised numpy calls. A Newton fit that converges to finite
parameters is itself proof that the MLE exists; every model without such a proof is decided by
the linear program, so the answer is always the one the LP would give.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from scipy.special import gammaln

from casebook.estimate.models import Model, popcount

CHUNK = 2048          # models per stacked solve (bounds memory: CHUNK x P x C doubles)
MAX_ITER = 60
STEP_TOL = 1e-9       # Newton step size (max |delta beta|) at convergence

# Status codes, as check_extended_MLE in the reference R package.
OK, NO_MLE, NOT_IDENTIFIABLE, BOTH = 0, 1, 2, 3


@dataclass
class Design:
    """The full design for ``n_lists`` lists and interactions up to ``max_order``."""

    n_lists: int
    max_order: int
    terms: np.ndarray            # (P,) term masks; terms[0] == 0 is the intercept
    X: np.ndarray                # (C, P) float 0/1: X[c, p] = 1 if term p is inside cell c
    column_of: dict[int, int] = field(default_factory=dict)

    @classmethod
    def build(cls, n_lists: int, max_order: int) -> Design:
        max_order = max(1, min(max_order, n_lists))
        masks = [0] + sorted(
            (m for m in range(1, 2**n_lists) if popcount(m) <= max_order),
            key=lambda m: (popcount(m), m),
        )
        terms = np.array(masks, dtype=np.int64)
        cells = np.arange(1, 2**n_lists, dtype=np.int64)
        X = ((cells[:, None] & terms[None, :]) == terms[None, :]).astype(np.float64)
        return cls(n_lists, max_order, terms, X, {int(m): j for j, m in enumerate(masks)})


@dataclass
class BatchFit:
    """Results for a stack of models on one count vector (NaN where no estimate)."""

    beta: np.ndarray        # (B, P), 0 for terms not in the model or at minus infinity
    loglik: np.ndarray      # (B,)
    status: np.ndarray      # (B,) OK / NO_MLE / NOT_IDENTIFIABLE / BOTH
    n_params: np.ndarray    # (B,) parameters in the model, minus-infinity ones included
    rowmask: np.ndarray     # (B, C) cells kept in the fit
    colmask: np.ndarray     # (B, P) parameters estimated

    @property
    def ok(self) -> np.ndarray:
        return self.status == OK


class Fitter:
    """Fits models to one capture table's counts; caches designs and existence answers."""

    def __init__(self, n_lists: int):
        self.n_lists = n_lists
        self._designs: dict[int, Design] = {}
        self._lp_cache: dict[tuple[bytes, bytes], bool] = {}
        self.considered: list[Model] | None = None

    def design(self, max_order: int) -> Design:
        max_order = max(1, min(max_order, self.n_lists))
        if max_order not in self._designs:
            self._designs[max_order] = Design.build(self.n_lists, max_order)
        return self._designs[max_order]

    def design_for(self, models: Sequence[Model] | np.ndarray) -> Design:
        return self.design(max((max((popcount(t) for t in m), default=1) for m in models),
                               default=1))

    # -- masks -------------------------------------------------------------------------------

    def membership(self, design: Design, models: Sequence[Model]) -> np.ndarray:
        """(B, P) boolean: which design columns each model contains (intercept and mains always)."""
        in_model = np.zeros((len(models), design.terms.size), dtype=bool)
        in_model[:, : 1 + self.n_lists] = True
        for b, model in enumerate(models):
            for term in model:
                in_model[b, design.column_of[term]] = True
        return in_model

    def masks(self, design: Design, models: Sequence[Model] | np.ndarray, y: np.ndarray):
        """Per model: columns estimated, cells kept, parameter count (minus-infinity ones included).

        ``models`` may be given as a membership matrix; ``y`` is one count vector (C,) shared by
        all models or one per model (B, C).
        """
        in_model = models if isinstance(models, np.ndarray) else self.membership(design, models)
        nstar = np.atleast_2d(y @ design.X)                 # people on all lists of each term
        neg_inf = in_model & (nstar == 0)
        colmask = in_model & ~neg_inf
        # a cell is dropped when it contains a minus-infinity term
        rowmask = (neg_inf.astype(np.float64) @ design.X.T) == 0
        return colmask, rowmask, in_model.sum(axis=1), neg_inf

    # -- fitting ----------------------------------------------------------------------------

    def fit_replicates(self, models: Sequence[Model], Y: np.ndarray,
                       beta0: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Estimate and BIC of every model on every count vector: two (k, M) arrays, NaN if none."""
        design = self.design_for(models)
        Y = np.atleast_2d(np.asarray(Y, dtype=np.float64))
        k, M = Y.shape[0], len(models)
        in_model = np.tile(self.membership(design, models), (k, 1))
        starts = None if beta0 is None else np.tile(beta0, (k, 1))
        fit = self.fit(in_model, np.repeat(Y, M, axis=0), design=design, beta0=starts)
        n = np.repeat(Y.sum(axis=1), M)
        with np.errstate(over="ignore"):
            estimate = np.where(fit.ok, n + np.exp(fit.beta[:, 0]), np.nan)
        bic = np.where(fit.ok, fit.n_params * np.log(n) - 2.0 * fit.loglik, np.nan)
        return estimate.reshape(k, M), bic.reshape(k, M)

    def fit(self, models: Sequence[Model] | np.ndarray, y: np.ndarray, *,
            design: Design | None = None,
            beta0: np.ndarray | None = None, check: bool = True, progress=None) -> BatchFit:
        """Fit every model with existence and rank checks.

        ``y`` holds counts per cell (length 2**t - 1), either shared by all models or one row per
        model (bootstrap replicates); ``beta0`` gives optional starting values per model.
        ``progress(done, total)`` is called after each chunk of models. Models given as a list
        are added to ``self.considered`` when that is a list (the model table of a selection).
        """
        if self.considered is not None and not isinstance(models, np.ndarray):
            self.considered.extend(models)
        design = design or self.design_for(models)
        B = len(models)
        y = np.asarray(y, dtype=np.float64)
        Y = np.broadcast_to(y, (B, design.X.shape[0])) if y.ndim == 1 else y
        colmask, rowmask, n_params, _ = self.masks(design, models, Y)
        beta = np.zeros((B, design.terms.size))
        loglik = np.full(B, np.nan)
        status = np.zeros(B, dtype=np.int64)
        for start in range(0, B, CHUNK):
            sl = slice(start, min(B, start + CHUNK))
            b0 = None if beta0 is None else beta0[sl]
            bt, ll, st = self._fit_chunk(design, Y[sl], colmask[sl], rowmask[sl], b0, check)
            beta[sl], loglik[sl], status[sl] = bt, ll, st
            if progress is not None:
                progress(sl.stop, B)
        loglik[status != OK] = np.nan
        return BatchFit(beta, loglik, status, n_params, rowmask, colmask)

    def _fit_chunk(self, design, y, colmask, rowmask, beta0, check):
        X = design.X
        B = colmask.shape[0]
        status = np.zeros(B, dtype=np.int64)
        rank_ok = self._full_rank(X, colmask, rowmask) if check else np.ones(B, dtype=bool)
        status[~rank_ok] |= NOT_IDENTIFIABLE
        beta = np.zeros((B, X.shape[1]))
        converged = np.zeros(B, dtype=bool)
        todo = np.flatnonzero(rank_ok)
        if todo.size:
            b_init = None if beta0 is None else beta0[todo]
            bt, conv = newton(X, y[todo], colmask[todo], rowmask[todo], b_init)
            beta[todo], converged[todo] = bt, conv
        if check:
            # A converged fit proves existence only if its fitted table is strictly positive by a
            # margin that rounding cannot explain (the fitted means then solve the LP). Without
            # that proof the Fienberg-Rinaldo LP decides.
            certified = converged & self._certified(X, y, beta, colmask, rowmask)
            for b in np.flatnonzero(~certified & rank_ok):
                if not self.exists(X, y[b], colmask[b], rowmask[b]):
                    status[b] |= NO_MLE
            retry = np.flatnonzero(~converged & (status == OK))
            if retry.size:  # the MLE exists but Newton was slow: keep going from where it stopped
                bt, conv = newton(X, y[retry], colmask[retry], rowmask[retry], beta[retry],
                                  max_iter=400)
                beta[retry] = bt
                status[retry[~conv]] |= NO_MLE
        else:
            status[~converged & rank_ok] |= NO_MLE
        mu = np.exp(np.minimum(beta @ X.T, 700.0)) * rowmask
        ll = np.where(rowmask, y * np.log(np.where(mu > 0, mu, 1.0)) - mu - gammaln(y + 1.0),
                      0.0).sum(axis=1)
        return beta, ll, status

    @staticmethod
    @np.errstate(over="ignore", invalid="ignore")
    def _certified(X, y, beta, colmask, rowmask) -> np.ndarray:
        mu = np.exp(np.minimum(beta @ X.T, 700.0)) * rowmask
        residual = np.abs(np.where(colmask, ((y - mu) * rowmask) @ X, 0.0)).max(axis=1)
        smallest = np.where(rowmask, mu, np.inf).min(axis=1)
        return residual * 1e4 + 1e-300 < smallest

    def _full_rank(self, X, colmask, rowmask) -> np.ndarray:
        """Rank check of the design restricted to kept cells and estimated parameters.

        Left-out cells and parameters become zero rows and columns of a stacked matrix, so one
        batched SVD answers for every distinct (cells, parameters) pattern at once.
        """
        keys = np.concatenate([np.packbits(rowmask, axis=1), np.packbits(colmask, axis=1)], axis=1)
        _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
        rm, cm = rowmask[first], colmask[first]
        stacked = X[None, :, :] * rm[:, :, None] * cm[:, None, :]
        rank = np.linalg.matrix_rank(stacked)
        return (rank == cm.sum(axis=1))[inverse.ravel()]

    def exists(self, X: np.ndarray, y: np.ndarray, colmask: np.ndarray,
               rowmask: np.ndarray) -> bool:
        """Fienberg–Rinaldo: does a strictly positive table share the model's sufficient statistics?

        Depends only on which kept cells are non-zero, so the LP is solved on the 0/1 support and
        cached per (model columns, kept cells, support).
        """
        support = (y > 0) & rowmask
        key = (np.packbits(colmask).tobytes(), np.packbits(np.concatenate([rowmask,
                                                                           support])).tobytes())
        if key not in self._lp_cache:
            self._lp_cache[key] = lp_existence(X[rowmask][:, colmask],
                                               support[rowmask].astype(float))
        return self._lp_cache[key]


def lp_existence(A_cells: np.ndarray, s: np.ndarray) -> bool:
    """Maximise tau subject to A^T x = A^T s, x >= tau, x >= 0; the MLE exists iff tau* > 0."""
    n_cells = A_cells.shape[0]
    if n_cells == 0:
        return False
    if np.all(s > 0):
        return True  # the data themselves are a strictly positive solution
    A = A_cells.T
    c = np.zeros(n_cells + 1)
    c[-1] = -1.0
    A_eq = np.hstack([A, np.zeros((A.shape[0], 1))])
    A_ub = np.hstack([-np.eye(n_cells), np.ones((n_cells, 1))])
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(n_cells), A_eq=A_eq, b_eq=A @ s,
                  bounds=[(0, None)] * n_cells + [(0, 1)], method="highs")
    if res.status != 0:
        return False
    return bool(-res.fun > 1e-9)


def newton(X: np.ndarray, y: np.ndarray, colmask: np.ndarray, rowmask: np.ndarray,
           beta0: np.ndarray | None = None, max_iter: int = MAX_ITER):
    """Stacked Newton–Raphson for Poisson log-linear models with per-model cell/term masks.

    Starts like R's glm.fit (one IRLS step from mu = y + 0.1) unless given starting values, halves
    steps that lower the likelihood, and reports convergence only when the full Newton step has
    become negligible at finite parameters. Without an MLE the fit drifts along a direction of
    recession and the Newton step stays of order one, so such models never count as converged.
    """
    B, P = colmask.shape
    W = rowmask.astype(np.float64)
    y = np.broadcast_to(np.asarray(y, dtype=np.float64), W.shape)
    eye = np.eye(P)
    if beta0 is None:
        mu0 = y + 0.1
        z = np.log(mu0) + (y - mu0) / mu0
        beta = _solve_weighted(X, W * mu0, W * (mu0 * z), colmask, eye)
    else:
        beta = np.where(colmask, beta0, 0.0)
    converged = np.zeros(B, dtype=bool)
    active = np.arange(B)
    ll = _loglik(X, y, beta, W)
    for _ in range(max_iter):
        if active.size == 0:
            break
        bt, cm, w, ya = beta[active], colmask[active], W[active], y[active]
        eta = np.minimum(bt @ X.T, 700.0)
        mu = np.exp(eta) * w
        grad = ((ya - mu) * w) @ X
        step = _solve_weighted(X, mu, grad, cm, eye, is_rhs=True)
        # step halving where the likelihood would drop
        old = ll[active]
        t = np.ones(active.size)
        new_beta = bt + step
        new_ll = _loglik(X, ya, new_beta, w)
        for _half in range(30):
            bad = ~(new_ll >= old - 1e-10 * (1 + np.abs(old)))
            if not bad.any():
                break
            t[bad] *= 0.5
            new_beta[bad] = bt[bad] + t[bad, None] * step[bad]
            new_ll[bad] = _loglik(X, ya[bad], new_beta[bad], w[bad])
        beta[active] = new_beta
        ll[active] = new_ll
        # the full Newton step, not the halved one: a diverging fit keeps proposing O(1) steps
        size = np.abs(step).max(axis=1)
        done = size < STEP_TOL * (1 + np.abs(new_beta).max(axis=1))
        if done.any():
            idx = active[done]
            converged[idx] = np.isfinite(beta[idx]).all(axis=1)
            active = active[~done]
    return beta, converged


def _loglik(X, y, beta, W):
    mu = np.exp(np.minimum(beta @ X.T, 700.0))
    safe = np.where(mu > 0, mu, 1.0)
    return (W * (y * np.log(safe) - mu)).sum(axis=1)


def _solve_weighted(X, w, rhs, colmask, eye, is_rhs=False):
    """Solve (X^T diag(w) X) b = X^T rhs (or = rhs if ``is_rhs``) per model; masked columns = 0."""
    H = np.einsum("bc,cp,cq->bpq", w, X, X, optimize=True)
    g = rhs if is_rhs else rhs @ X
    g = np.where(colmask, g, 0.0)
    off = ~colmask
    H = np.where(off[:, :, None] | off[:, None, :], 0.0, H) + off[:, :, None] * eye[None]
    try:
        sol = np.linalg.solve(H, g[:, :, None])[:, :, 0]
    except np.linalg.LinAlgError:
        sol = np.stack([np.linalg.lstsq(h, v, rcond=None)[0] for h, v in zip(H, g)])
    return np.where(colmask, sol, 0.0)
