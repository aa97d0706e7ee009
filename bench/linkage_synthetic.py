"""Synthetic survivor records: quality and speed at 10k, 100k and 1M; encoded vs plaintext.

Part 1 links (dedupes) n synthetic records with the casebook person model (documented priors,
no training, as a casebook would run it) and clusters the pairs at probability 0.5.
Part 2 takes two organisations' deduplicated lists from the same synthetic population and
links them (a) in plaintext with the casebook model plus one-to-one assignment and (b) from
Bloom-filter encodings (.clk) with Dice and one-to-one assignment, at several hardening
settings.

Run: .venv/bin/python bench/linkage_synthetic.py [sizes...]   (default 10000 100000 1000000)
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from linkage_common import cluster_prf, prf  # noqa: E402

from casebook.linkage import synthetic  # noqa: E402
from casebook.linkage.cluster import cluster_labels  # noqa: E402
from casebook.linkage.encode import Encoder, EncodingParams  # noqa: E402
from casebook.linkage.match import dice_pairs, one_to_one  # noqa: E402
from casebook.linkage.model import features_for, predict, spec_for  # noqa: E402


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


def two_lists(n: int, seed: int = 3):
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


def plaintext_link(a, b) -> tuple[set, float]:
    t = time.perf_counter()
    ta = features_for(a, "person", synthetic.province_of)
    tb = features_for(b, "person", synthetic.province_of)
    res = predict([ta, tb], spec_for("person", len(a) + len(b)), 0.5, link_type="link_only",
                  train=False, threads=2)
    pa_ = {r.id: i for i, r in enumerate(a)}
    pb_ = {r.id: i for i, r in enumerate(b)}
    i, j = [], []
    for x, y, s in zip(res.column("unique_id_l").to_pylist(), res.column("unique_id_r").to_pylist(),
                       res.column("source_dataset_l").to_pylist()):
        if s.endswith("_0"):
            i.append(pa_[x]), j.append(pb_[y])
        else:
            i.append(pa_[y]), j.append(pb_[x])
    p = np.array(res.column("match_probability").to_pylist())
    i, j, _ = one_to_one(np.array(i, int), np.array(j, int), p)
    return {(a[x].id, b[y].id) for x, y in zip(i, j)}, time.perf_counter() - t


def encoded_link(a, b, params: EncodingParams, threshold: float) -> tuple[set, float, float]:
    t = time.perf_counter()
    enc = Encoder(os.urandom(32), params)
    fa, fb = enc.encode(a, synthetic.province_of), enc.encode(b, synthetic.province_of)
    t_enc = time.perf_counter() - t
    t = time.perf_counter()
    i, j, s = one_to_one(*dice_pairs(fa, fb, threshold))
    return {(a[x].id, b[y].id) for x, y in zip(i, j)}, t_enc, time.perf_counter() - t


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
    a, b, truth = two_lists(12_000)
    print(f"lists: {len(a):,} and {len(b):,} records, {len(truth):,} women on both\n")
    print("| method | threshold | precision | recall | F1 | encode s | match s |")
    print("|---|---|---|---|---|---|---|")
    found, secs = plaintext_link(a, b)
    print(f"| plaintext (casebook model + one-to-one) | p 0.5 | {fmt(prf(found, truth))} "
          f"| – | {secs:.1f} |", flush=True)
    for name, params in [("CLK 1024 bits", EncodingParams()),
                         ("CLK balanced", EncodingParams(balance=True)),
                         ("CLK XOR-folded", EncodingParams(fold=True)),
                         ("CLK BLIP f=0.02", EncodingParams(blip=0.02))]:
        for th in (0.7, 0.75, 0.8, 0.85):
            found, t_enc, t_match = encoded_link(a, b, params, th)
            print(f"| {name} | Dice {th} | {fmt(prf(found, truth))} | {t_enc:.1f} "
                  f"| {t_match:.1f} |", flush=True)


if __name__ == "__main__":
    main([int(x) for x in sys.argv[1:]] or [10_000, 100_000, 1_000_000])
