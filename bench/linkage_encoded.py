"""Encoded (Bloom-filter) vs plaintext linkage of two organisations' lists, same data, one run.

Two synthetic samples from the same generator: a *tuning* sample (seed 4), on which each
method's threshold is chosen from a fixed grid, and the *evaluation* sample (seed 3, the
sample the earlier figures used), on which precision, recall and F1 are reported at that
threshold. The F1 at the evaluation sample's own best threshold is shown too, only to show
how much the choice costs; it is not the figure to quote.

Methods: plaintext (casebook person model on Splink/DuckDB, priors, one-to-one assignment);
record-level CLKs with the legacy tokens (no event years or prices) and the current tokens;
Dice or the missing-tolerant score (``casebook.linkage.match``); field budgets as set by hand,
weighted by discriminating power (log2 m/u of the plaintext priors, Schnell's weighted CLK),
or tuned field by field on the tuning sample; and the hardened variants.

Run: .venv/bin/python bench/linkage_encoded.py
"""

from __future__ import annotations

import math
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from linkage_common import prf

from casebook.linkage import synthetic
from casebook.linkage.encode import (
    DEFAULT_FIELD_BITS,
    LEGACY_FIELD_BITS,
    Encoder,
    EncodingParams,
)
from casebook.linkage.match import TOLERANT_EXTRA_WEIGHT, one_to_one, score_pairs
from casebook.linkage.scoring import features_for, predict, spec_for

TUNE_SEED, EVAL_SEED, N_RECORDS = 4, 3, 12_000
DICE_GRID = [round(0.6 + 0.02 * k, 2) for k in range(16)]
P_GRID = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]

# Exact-agreement log2(m/u) of the plaintext priors (compare.person_comparisons): how much
# each field discriminates. The province token agrees for "same town" and "same province".
PRIOR_LOG_RATIO = {
    "surname": math.log2(.75 / .08), "given": math.log2(.6 / .004),
    "birth_year": math.log2(.55 / .025), "origin": math.log2(.75 / .06),
    "province": math.log2(.87 / .26), "crossing_year": math.log2(.6 / .07),
    "places": math.log2(.75 / .15), "children": math.log2(.75 / .35),
    "prices": math.log2(.45 / .1), "event_years": math.log2(.7 / .2),
}


def two_lists(n: int, seed: int):
    """Two organisations' deduplicated lists and the true cross-list pairs."""
    data = synthetic.generate(n, seed=seed, organisations=("org-a", "org-b"))
    lists = {}
    for org in ("org-a", "org-b"):
        seen, keep = set(), []
        for r in data.records:
            if r.organisation == org and data.truth[r.id] not in seen:
                seen.add(data.truth[r.id])
                keep.append(r)
        lists[org] = keep
    a, b = lists["org-a"], lists["org-b"]
    eb = {data.truth[r.id]: r.id for r in b}
    truth = {(r.id, eb[data.truth[r.id]]) for r in a if data.truth[r.id] in eb}
    return a, b, truth


def sweep(a, b, truth, i, j, s, grid) -> dict[float, dict]:
    """Greedy one-to-one once; the matches at threshold t are those of score ≥ t (best first)."""
    i, j, s = one_to_one(i, j, s)
    out = {}
    for t in grid:
        keep = s >= t
        out[t] = prf({(a[x].id, b[y].id) for x, y in zip(i[keep], j[keep])}, truth)
    return out


def plaintext_scores(a, b):
    t = time.perf_counter()
    ta = features_for(a, "person", synthetic.province_of)
    tb = features_for(b, "person", synthetic.province_of)
    res = predict([ta, tb], spec_for("person", len(a) + len(b)), min(P_GRID),
                  link_type="link_only", train=False, threads=2)
    pos_a = {r.id: k for k, r in enumerate(a)}
    pos_b = {r.id: k for k, r in enumerate(b)}
    i, j = [], []
    for x, y, src in zip(res.column("unique_id_l").to_pylist(),
                         res.column("unique_id_r").to_pylist(),
                         res.column("source_dataset_l").to_pylist()):
        left_first = src.endswith("_0")
        i.append(pos_a[x if left_first else y])
        j.append(pos_b[y if left_first else x])
    p = np.array(res.column("match_probability").to_pylist())
    return (np.array(i, int), np.array(j, int), p), 0.0, time.perf_counter() - t


def encoded_scores(a, b, params: EncodingParams, extra_weight: float):
    t = time.perf_counter()
    enc = Encoder(os.urandom(32), params)
    fa, fb = enc.encode(a, synthetic.province_of), enc.encode(b, synthetic.province_of)
    t_enc = time.perf_counter() - t
    t = time.perf_counter()
    scored = score_pairs(fa, fb, min(DICE_GRID), extra_weight)
    return scored, t_enc, time.perf_counter() - t


def evaluate(name, run, tune, evl, grid, label) -> dict:
    """Choose the threshold on the tuning sample, report the evaluation sample at it."""
    scored, _, _ = run(tune[0], tune[1])
    tuned = sweep(*tune, *scored, grid)
    th = max(grid, key=lambda t: tuned[t]["f1"])
    scored, t_enc, t_match = run(evl[0], evl[1])
    t = time.perf_counter()
    ev = sweep(*evl, *scored, grid)
    t_match += time.perf_counter() - t
    oracle = max(grid, key=lambda t: ev[t]["f1"])
    r = ev[th]
    enc = f"{t_enc:.1f}" if t_enc else "–"
    print(f"| {name} | {label} {th} | {tuned[th]['f1']:.4f} | {r['precision']:.4f} "
          f"| {r['recall']:.4f} | **{r['f1']:.4f}** | {ev[oracle]['f1']:.4f} at {oracle} "
          f"| {enc} | {t_match:.1f} |", flush=True)
    return {"threshold": th, **r}


def tune_field_bits(tune, start: dict[str, int]) -> dict[str, int]:
    """Coordinate search on the tuning sample: halve or double one field's budget at a time."""
    secret = os.urandom(32)  # one secret for the whole search, so only the budgets vary

    def f1(bits):
        enc = Encoder(secret, EncodingParams(field_bits=bits))
        a, b, truth = tune
        fa, fb = enc.encode(a, synthetic.province_of), enc.encode(b, synthetic.province_of)
        res = sweep(a, b, truth, *score_pairs(fa, fb, min(DICE_GRID), TOLERANT_EXTRA_WEIGHT),
                    DICE_GRID)
        return max(r["f1"] for r in res.values())

    best, best_f1 = dict(start), f1(start)
    for field_name in list(start):
        for factor in (0.5, 2.0):
            trial = dict(best, **{field_name: max(10, round(best[field_name] * factor))})
            score = f1(trial)
            if score > best_f1 + 0.002:  # below that is noise between secrets
                best, best_f1 = trial, score
                break
    print(f"tuned budgets: {best} (tuning F1 {best_f1:.4f})", file=sys.stderr, flush=True)
    return best


# --- Experiment, not offered: one filter per field, Fellegi–Sunter weights on each field's Dice.
FIELD_FILTER_BITS, FIELD_BUDGET = 256, 40
DICE_BINS = np.array([0.2, 0.4, 0.6, 0.8, 0.95])  # bin edges: 6 bins of per-field Dice
WEIGHT_GRID = [float(w) for w in range(-4, 26, 2)]


def field_filters(records, secret: bytes, hide_presence: bool):
    """Per record and field a 256-bit filter; a missing field is empty, or (``hide_presence``)
    filled from a random per-record salt under the field's key, so it looks like any other."""
    fields = list(DEFAULT_FIELD_BITS)
    enc = Encoder(secret, EncodingParams(bits=FIELD_FILTER_BITS,
                                         field_bits=dict.fromkeys(fields, FIELD_BUDGET)))
    from casebook.linkage.encode import record_tokens

    out = np.zeros((len(fields), len(records), FIELD_FILTER_BITS // 8), np.uint8)
    present = np.zeros((len(fields), len(records)), bool)
    for r_i, record in enumerate(records):
        tokens = record_tokens(record, synthetic.province_of)
        for f_i, name in enumerate(fields):
            field_tokens = tokens[name]
            present[f_i, r_i] = bool(field_tokens) or hide_presence  # hidden: matcher can't tell
            if not field_tokens and hide_presence:
                field_tokens = [os.urandom(12).hex() for _ in range(3)]
            if field_tokens:
                out[f_i, r_i] = np.packbits(enc.encode_bits({name: field_tokens}))
    return out, present


def _field_dice(fa, fb, pa_, pb_, i, j):
    """Per-field Dice of the pairs (i, j): (fields, pairs) floats, NaN where a side is missing."""
    from casebook.linkage.match import _as_words, _popcount

    out = np.empty((len(fa), len(i)))
    for f in range(len(fa)):
        a, b = _as_words(fa[f]), _as_words(fb[f])
        inter = _popcount(a[i] & b[j])
        total = _popcount(a[i]) + _popcount(b[j])
        with np.errstate(divide="ignore", invalid="ignore"):
            d = np.where(total > 0, 2.0 * inter / total, 0.0)
        out[f] = np.where(pa_[f][i] & pb_[f][j], d, np.nan)
    return out


def fit_field_weights(tune, hide_presence: bool) -> np.ndarray:
    """log2(m/u) per field and Dice bin, m from the tuning sample's true pairs and u from
    random pairs: supervised, so an upper bound on what EM could learn without labels."""
    a, b, truth = tune
    secret = os.urandom(32)
    (fa, pa_), (fb, pb_) = field_filters(a, secret, hide_presence), field_filters(b, secret,
                                                                                  hide_presence)
    pos_a = {r.id: k for k, r in enumerate(a)}
    pos_b = {r.id: k for k, r in enumerate(b)}
    ti = np.array([pos_a[x] for x, _ in truth])
    tj = np.array([pos_b[y] for _, y in truth])
    rng = np.random.default_rng(0)
    ri, rj = rng.integers(0, len(a), 200_000), rng.integers(0, len(b), 200_000)
    d_true = _field_dice(fa, fb, pa_, pb_, ti, tj)
    d_rand = _field_dice(fa, fb, pa_, pb_, ri, rj)
    weights = np.zeros((len(fa), len(DICE_BINS) + 1))
    for f in range(len(fa)):
        m, u = (np.bincount(np.digitize(d[f][~np.isnan(d[f])], DICE_BINS),
                            minlength=len(DICE_BINS) + 1) for d in (d_true, d_rand))
        # a floor of 0.1 % on both sides keeps near-empty bins near 0 instead of ±8
        weights[f] = np.log2((m / m.sum() + 1e-3) / (u / u.sum() + 1e-3))
    return weights


def fieldwise_scores(a, b, weights: np.ndarray, hide_presence: bool, chunk: int = 256):
    """Sum of field weights for every pair (a missing field adds 0), pairs ≥ the lowest grid."""
    t = time.perf_counter()
    secret = os.urandom(32)
    (fa, pa_), (fb, pb_) = field_filters(a, secret, hide_presence), field_filters(b, secret,
                                                                                  hide_presence)
    t_enc = time.perf_counter() - t
    t = time.perf_counter()
    out_i, out_j, out_s = [], [], []
    all_j = np.arange(len(b))
    for start in range(0, len(a), chunk):
        rows = np.arange(start, min(start + chunk, len(a)))
        i, j = np.repeat(rows, len(b)), np.tile(all_j, len(rows))
        d = _field_dice(fa, fb, pa_, pb_, i, j)
        total = np.zeros(len(i))
        for f in range(len(fa)):
            known = ~np.isnan(d[f])
            total[known] += weights[f][np.digitize(d[f][known], DICE_BINS)]
        keep = total >= min(WEIGHT_GRID)
        out_i.append(i[keep])
        out_j.append(j[keep])
        out_s.append(total[keep])
    scored = tuple(np.concatenate(x) for x in (out_i, out_j, out_s))
    return scored, t_enc, time.perf_counter() - t


def main() -> None:
    tune, evl = two_lists(N_RECORDS, TUNE_SEED), two_lists(N_RECORDS, EVAL_SEED)
    for name, (a, b, truth) in (("tuning", tune), ("evaluation", evl)):
        print(f"{name} lists: {len(a):,} and {len(b):,} records, {len(truth):,} women on both")
    print("\n| method | threshold (chosen on tuning) | tuning F1 | precision | recall | F1 "
          "| F1 at eval's own best | encode s | match s |")
    print("|---|---|---|---|---|---|---|---|---|")
    evaluate("plaintext (casebook model + one-to-one)", plaintext_scores, tune, evl, P_GRID, "p")
    total = sum(DEFAULT_FIELD_BITS.values())
    weighted = {f: round(total * PRIOR_LOG_RATIO[f] / sum(PRIOR_LOG_RATIO.values()))
                for f in DEFAULT_FIELD_BITS}
    tolerant = TOLERANT_EXTRA_WEIGHT
    runs = [
        ("CLK legacy tokens, Dice (before)", EncodingParams(field_bits=LEGACY_FIELD_BITS), 1.0),
        ("CLK legacy tokens, tolerant", EncodingParams(field_bits=LEGACY_FIELD_BITS), tolerant),
        ("CLK + event years, prices, Dice", EncodingParams(), 1.0),
        ("CLK + event years, prices, tolerant (default)", EncodingParams(), tolerant),
        ("CLK weighted by log2 m/u, tolerant", EncodingParams(field_bits=weighted), tolerant),
        ("CLK budgets tuned per field, tolerant",
         EncodingParams(field_bits=tune_field_bits(tune, DEFAULT_FIELD_BITS)), tolerant),
        ("CLK balanced, tolerant (= Dice)", EncodingParams(balance=True), tolerant),
        ("CLK XOR-folded, tolerant", EncodingParams(fold=True), tolerant),
        ("CLK BLIP f=0.02, tolerant", EncodingParams(blip=0.02), tolerant),
    ]
    for name, params, weight in runs:
        evaluate(name, lambda a, b, p=params, w=weight: encoded_scores(a, b, p, w),
                 tune, evl, DICE_GRID, "score")
    for name, hide in (("per-field filters + FS weights, presence visible (not offered)", False),
                       ("per-field filters + FS weights, presence hidden (not offered)", True)):
        weights = fit_field_weights(tune, hide)
        evaluate(name, lambda a, b, w=weights, h=hide: fieldwise_scores(a, b, w, h),
                 tune, evl, WEIGHT_GRID, "weight")


if __name__ == "__main__":
    main()
