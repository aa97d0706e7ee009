"""Our MSE against the R packages' published outputs, point by point (docs/estimation.md).

R and CRAN cannot be reached from this machine, so the comparison is with the outputs that the
R packages and papers publish, as collected in ../shared/research/data/reference_estimates.csv
and ../shared/research/estimation.md (Rcapture, SparseMSE, MultipleSystemsEstimation, modslavmse).
Run: .venv/bin/python bench/estimate_vs_r.py [--bootstrap N]  (prints a markdown table)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from casebook.estimate import estimate_population, read_table_csv
from casebook.estimate.fitting import Fitter
from casebook.estimate.selection import bic_ranking

DATA = Path(__file__).resolve().parents[1] / "tests" / "estimate" / "data"

# (dataset, what R published, R package and function, our call, published point, interval)
CASES = [
    ("korea_palembang_3list.csv", "BIC model [12,23]", "MultipleSystemsEstimation "
     "estimate_population(method='bic')", dict(method="bic"), 157.1667, (128, 349), "BCa"),
    ("korea_palembang_3list.csv", "stepwise, p = 0.02", "MultipleSystemsEstimation / SparseMSE "
     "stepwisefit", dict(method="stepwise"), 268.7778, None, None),
    ("korea_palembang_3list.csv", "main effects", "MultipleSystemsEstimation (BIC table)",
     dict(method="main"), 141.9926, None, None),
    ("uk2013_nrm_6list.csv", "downhill BIC", "MultipleSystemsEstimation (SCV 2024 Table 6)",
     dict(method="downhill"), 12350, (9622, 27889), "BCa"),
    ("uk2013_nrm_6list.csv", "BHS stepwise (AIC, Wald p <= 0.05)", "modslavmse MSEfit + "
     "Rcapture closedpCI.t (repro.)", dict(method="bhs"), 11418.0, (9990, 13192), "profile"),
    ("uk2013_nrm_6list.csv", "main effects", "Rcapture closedpCI.t (repro.)",
     dict(method="main"), 12214.0, (10989, 13654), "profile"),
    ("uk2013_nrm_4list.csv", "BHS stepwise", "modslavmse MSEfit (repro.)", dict(method="bhs"),
     11015.2, (9595, 12782), "profile"),
    ("new_orleans_8list_sparsemse_n185.csv", "stepwise, p = 0.02 (selects D:E)",
     "SparseMSE stepwisefit (CSV 2021)", dict(method="stepwise"), 1184, (717, 1657), "BCa"),
    ("new_orleans_8list_sparsemse_n185.csv", "main effects", "SparseMSE (CSV 2021)",
     dict(method="main"), 997, (644, 1618), "BCa"),
    ("new_orleans_5list_sparsemse_n185.csv", "stepwise (selects main effects)",
     "SparseMSE (CSV 2021)", dict(method="stepwise"), 1034, (589, 1703), "BCa"),
    ("netherlands_2010_2015_6list.csv", "main effects", "Rcapture closedpCI.t (repro.)",
     dict(method="main"), 52823.5, (48550, 57659), "profile"),
    ("netherlands_2010_2015_6list.csv", "BHS stepwise", "modslavmse MSEfit (repro.)",
     dict(method="bhs"), 60339.6, (53320, 68770), "profile"),
    ("rcapture_hiv_rome_4list.csv", "Mt + c1:c2", "Rcapture closedpCI.t (repro.)",
     dict(method="fixed", model="[12,3,4]"), 12318.5, (10275, 15005), "profile"),
]


def fmt(x):
    return "—" if x is None else f"{x:,.1f}" if x < 1000 else f"{x:,.0f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bootstrap", type=int, default=0)
    args = ap.parse_args()
    print("| data | method | R package, function | R published | ours | R interval | "
          "ours (same kind) | models considered |")
    print("|---|---|---|---|---|---|---|---|")
    for file, what, pkg, call, point, interval, kind in CASES:
        table = read_table_csv(DATA / file)
        boot = args.bootstrap if kind == "BCa" else 0
        r = estimate_population(table, n_boot=boot, seed=1234, **call)
        ours_iv = (f"{fmt(r.ci_low)}–{fmt(r.ci_high)}" + (" BCa" if boot else " profile")
                   if r.ci_low is not None else "—")
        pub_iv = f"{fmt(interval[0])}–{fmt(interval[1])} {kind}" if interval else "—"
        print(f"| {file.split('.')[0]} | {what} | {pkg} | {fmt(point)} | {fmt(r.estimate)} "
              f"(model {r.hierarchy}) | {pub_iv} | {ours_iv} | {len(r.models):,} |")
    # the Korea BIC values printed in the MultipleSystemsEstimation user guide
    table = read_table_csv(DATA / "korea_palembang_3list.csv")
    ranking = bic_ranking(Fitter(3), table.counts.astype(float))
    print("\nKorea BIC table (MultipleSystemsEstimation user guide prints [12,23] 57.1408, "
          "[12,3] 58.9686):")
    for m in ranking.models:
        print(f"  {m.bic:.4f}  {m.estimate:.4f}")


if __name__ == "__main__":
    main()
