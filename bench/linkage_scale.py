"""Why accuracy changes with size: blocking, scoring and the data, at 10k, 100k and 1M records.

For each size the synthetic survivor records are linked with the casebook person model (as
``casebook link`` runs it) and every loss is attributed:

* **blocking recall**: the share of true pairs that blocking lets through at all;
* **blocked, would pass**: true pairs that blocking never compared but that score at or above
  0.5 when compared (they are scored through a blocking rule on the true entity, with the same
  model) — the recall that blocking alone costs;
* **best F1 given the candidates**: the best pair F1 any threshold on the match weight could
  reach on the compared pairs (the issue's upper bound);
* **oracle on the comparison levels**: pairs grouped by their vector of comparison levels,
  each group scored by its share of true matches in the *other* half of the pairs (two-fold
  cross-fitting, so a group of one pair cannot grade itself). No scorer that sees only these
  levels can do much better; what it misses, the fields do not tell apart;
* **supervised trees**: gradient-boosted trees trained on the truth (cross-fitted) from the
  same comparisons and name frequencies, free to use any interaction between fields;
* pair and cluster precision, recall and F1 at p >= 0.5.

Run: .venv/bin/python bench/linkage_scale.py [sizes...] [--train]  (default 10000 100000 1000000)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

sys.path.insert(0, str(Path(__file__).parent))
from linkage_common import cluster_prf

from casebook.linkage import synthetic
from casebook.linkage.cluster import cluster_labels
from casebook.linkage.scoring import LinkSpec, features_for, predict, spec_for


def row_index(col: pa.ChunkedArray) -> np.ndarray:
    """Synthetic ids are ``r<7 digits>`` in row order: the row number, without a dict."""
    return pc.cast(pc.utf8_slice_codeunits(col, 1), pa.int64()).to_numpy()


def best_f1(score: np.ndarray, same: np.ndarray, n_true: int) -> tuple[float, float, float]:
    order = np.argsort(-score, kind="stable")
    tp = np.cumsum(same[order])
    k = np.arange(1, len(order) + 1)
    prec, rec = tp / k, tp / n_true
    f1 = 2 * prec * rec / np.maximum(prec + rec, 1e-12)
    b = int(f1.argmax())
    return float(f1[b]), float(prec[b]), float(rec[b])


def oracle_f1(levels: np.ndarray, same: np.ndarray, weight: np.ndarray, n_true: int,
              seed: int = 0) -> tuple[float, float, float]:
    """Best F1 of a scorer that knows, for each vector of levels, its share of true matches
    (measured on the other half of the pairs; the model's weight breaks ties)."""
    _, cell = np.unique(levels, axis=0, return_inverse=True)
    cell = cell.ravel()
    half = np.random.default_rng(seed).random(len(cell)) < 0.5
    share = np.zeros(len(cell))
    for fit, use in ((half, ~half), (~half, half)):
        cnt = np.bincount(cell[fit], minlength=cell.max() + 1)
        tru = np.bincount(cell[fit], weights=same[fit], minlength=cell.max() + 1)
        rate = (tru + 0.5) / (cnt + 1.0)  # a level vector never seen on the other half: 0.5
        share[use] = rate[cell[use]]
    return best_f1(share + 1e-6 * np.tanh(weight / 50), same, n_true)


def supervised_f1(features: np.ndarray, same: np.ndarray, n_true: int, seed: int = 0,
                  max_train: int = 2_000_000) -> tuple[float, float, float]:
    """Best F1 of gradient-boosted trees trained on the truth (two-fold cross-fitting) from
    each comparison's weight, term-frequency adjustments included: a learner that may model
    any interaction between fields, as no Fellegi–Sunter model can."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(seed)
    half = rng.random(len(same)) < 0.5
    score = np.zeros(len(same))
    for fit, use in ((half, ~half), (~half, half)):
        idx = np.flatnonzero(fit)
        if len(idx) > max_train:
            idx = rng.choice(idx, max_train, replace=False)
        model = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.1,
                                               random_state=seed)
        model.fit(features[idx], same[idx])
        score[use] = model.predict_proba(features[use])[:, 1]
    return best_f1(score, same, n_true)


def prf(tp: int, found: int, true: int) -> tuple[float, float, float]:
    p = tp / found if found else 0.0
    r = tp / true if true else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def run(n: int, train: bool) -> dict:
    t0 = time.perf_counter()
    data = synthetic.generate(n, seed=1)
    t1 = time.perf_counter()
    table = features_for(data.records, "person", synthetic.province_of)
    t2 = time.perf_counter()
    spec = spec_for("person", n)
    res = predict(table, spec, 0.0, train=train, threads=2, keep_levels=True)
    t3 = time.perf_counter()
    entity = np.array([data.truth[r] for r in table.column("unique_id").to_pylist()])
    n_true = len(data.true_pairs())
    left, right = row_index(res.column("unique_id_l")), row_index(res.column("unique_id_r"))
    same = entity[left] == entity[right]
    weight = res.column("match_weight").to_numpy()
    prob = res.column("match_probability").to_numpy()
    levels = np.stack([res.column(c).to_numpy(zero_copy_only=False) for c in res.column_names
                       if c.startswith("mw_") and not c.startswith("mw_tf_adj_")], axis=1)
    with_tf = np.stack([np.nan_to_num(res.column(c).to_numpy(zero_copy_only=False))
                        for c in res.column_names if c.startswith("mw_")], axis=1)
    keep = prob >= 0.5
    labels = cluster_labels(left[keep], right[keep], len(entity))
    t4 = time.perf_counter()

    # every true pair, scored by the same model: what blocking costs
    with_entity = table.append_column("entity", pa.array(entity.astype(str)))
    from splink import block_on

    truth_spec = LinkSpec(spec.kind, spec.comparisons, [block_on("entity")])
    res_t = predict(with_entity, truth_spec, 0.5, train=False, threads=2)
    lt, rt = row_index(res_t.column("unique_id_l")), row_index(res_t.column("unique_id_r"))
    cand = set(zip(np.minimum(left[same], right[same]).tolist(),
                   np.maximum(left[same], right[same]).tolist()))
    would_pass = sum((min(a, b), max(a, b)) not in cand for a, b in zip(lt.tolist(), rt.tolist()))

    return {
        "n": n, "candidates": len(left), "blocking_recall": same.sum() / n_true,
        "blocked_would_pass": would_pass / n_true, "true_pass_if_compared": len(lt) / n_true,
        "best": best_f1(weight, same, n_true), "oracle": oracle_f1(levels, same, weight, n_true),
        "supervised": supervised_f1(with_tf, same, n_true),
        "pairs": prf(int((same & keep).sum()), int(keep.sum()), n_true),
        "clusters": cluster_prf(labels, entity),
        "seconds": {"generate": t1 - t0, "features": t2 - t1, "predict": t3 - t2,
                    "cluster": t4 - t3},
    }


def fmt3(x: tuple) -> str:
    return " | ".join(f"{v:.4f}" for v in x)


def main(sizes: list[int], train: bool) -> None:
    print(f"## Synthetic dedupe by size ({'trained' if train else 'documented priors'})\n")
    print("| records | candidate pairs | blocking recall | missed by blocking, would pass 0.5 "
          "| best F1 given candidates (P, R) | oracle on levels F1 (P, R) "
          "| supervised trees F1 (P, R) "
          "| pair P | pair R | pair F1 | cluster P | cluster R | cluster F1 | features s "
          "| predict s | cluster s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        r = run(n, train)
        b, o, g, s = r["best"], r["oracle"], r["supervised"], r["seconds"]
        c = r["clusters"]
        print(f"| {n:,} | {r['candidates']:,} | {r['blocking_recall']:.4f} "
              f"| {r['blocked_would_pass']:.4f} "
              f"| {b[0]:.4f} ({b[1]:.3f}, {b[2]:.3f}) | {o[0]:.4f} ({o[1]:.3f}, {o[2]:.3f}) "
              f"| {g[0]:.4f} ({g[1]:.3f}, {g[2]:.3f}) "
              f"| {fmt3(r['pairs'])} | {c['precision']:.4f} | {c['recall']:.4f} "
              f"| {c['f1']:.4f} | {s['features']:.1f} | {s['predict']:.1f} "
              f"| {s['cluster']:.1f} |", flush=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    main([int(x) for x in args if x.isdigit()] or [10_000, 100_000, 1_000_000],
         "--train" in args)
