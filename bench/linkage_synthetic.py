"""Synthetic survivor records: quality and speed at 10k, 100k and 1M; encoded vs plaintext.

Part 1 links (dedupes) n synthetic records with the casebook person model (documented priors,
no training, as a casebook would run it) and clusters the pairs at probability 0.5.
Part 2 (``linkage_encoded.py``) takes two organisations' deduplicated lists from the same
synthetic population and links them in plaintext and from Bloom-filter encodings (.clk), with
thresholds chosen on a separate tuning sample.

Run: .venv/bin/python bench/linkage_synthetic.py [sizes...]   (default 10000 100000 1000000)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import linkage_encoded
from linkage_common import cluster_prf, prf

from casebook.linkage import synthetic
from casebook.linkage.cluster import cluster_labels
from casebook.linkage.scoring import features_for, predict, spec_for


def dedupe_run(n: int) -> dict:
    t0 = time.perf_counter()
    data = synthetic.generate(n, seed=1)
    t1 = time.perf_counter()
    table = features_for(data.records, "person", synthetic.province_of)
    t2 = time.perf_counter()
    res = predict(table, spec_for("person", n), 0.5, train=False, threads=2)
    t3 = time.perf_counter()
    ids = table.column("unique_id").to_pylist()
    pos = {r: i for i, r in enumerate(ids)}
    left = np.array([pos[x] for x in res.column("unique_id_l").to_pylist()], dtype=np.int64)
    right = np.array([pos[x] for x in res.column("unique_id_r").to_pylist()], dtype=np.int64)
    labels = cluster_labels(left, right, len(ids))
    t4 = time.perf_counter()
    truth = np.array([data.truth[r] for r in ids])
    found = {(min(ids[a], ids[b]), max(ids[a], ids[b])) for a, b in zip(left, right)}
    return {"n": n, "generate": t1 - t0, "features": t2 - t1, "predict": t3 - t2,
            "cluster": t4 - t3, "link_total": t4 - t1,
            "pairs": prf(found, data.true_pairs()), "clusters": cluster_prf(labels, truth)}


def fmt(r: dict) -> str:
    return f"{r['precision']:.4f} | {r['recall']:.4f} | {r['f1']:.4f}"


def main(sizes: list[int]) -> None:
    print("## Dedupe (casebook person model, priors, clusters at p >= 0.5)\n")
    print("| records | generate s | features s | predict s | cluster s | link total s "
          "| pair P | pair R | pair F1 | cluster P | cluster R | cluster F1 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        r = dedupe_run(n)
        print(f"| {n:,} | {r['generate']:.1f} | {r['features']:.1f} | {r['predict']:.1f} "
              f"| {r['cluster']:.1f} | {r['link_total']:.1f} | {fmt(r['pairs'])} "
              f"| {fmt(r['clusters'])} |", flush=True)
    print("\n## Two organisations: plaintext vs encoded (same data)\n")
    linkage_encoded.main()

if __name__ == "__main__":
    main([int(x) for x in sys.argv[1:]] or [10_000, 100_000, 1_000_000])
