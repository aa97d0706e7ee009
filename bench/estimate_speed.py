"""Speed of the MSE engine: 6-list BIC enumeration and 5-list BIC bootstrap (medians of 3 runs).

Run: .venv/bin/python bench/estimate_speed.py   (targets: each under 60 s on 2 cores)
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from casebook.estimate.fitting import Fitter
from casebook.estimate.mse import estimate_population
from casebook.estimate.selection import bic_ranking
from casebook.estimate.table import read_table_csv

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "estimate" / "data"
SHARED = ROOT / ".." / "shared" / "research" / "data"


def timed(fn, repeat=3):
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times), out


def main():
    uk = read_table_csv(FIXTURES / "uk2013_nrm_6list.csv")
    med, lo, hi, ranking = timed(lambda: bic_ranking(Fitter(6), uk.counts.astype(float), 2))
    print(f"UK 6-list BIC enumeration: {ranking.n_candidates} models, {len(ranking.models)} with an estimate; "
          f"median {med:.1f} s (min {lo:.1f}, max {hi:.1f}); best {ranking.models[0].estimate:.1f}")
    tables = [("New Orleans 5-list (n=185)", FIXTURES / "new_orleans_5list_sparsemse_n185.csv")]
    if (SHARED / "netherlands_2010_2015_5list.csv").exists():
        tables.append(("Netherlands 5-list (n=8,234)", SHARED / "netherlands_2010_2015_5list.csv"))
    for label, path in tables:
        data = read_table_csv(path)
        med, lo, hi, res = timed(lambda: estimate_population(data, "bic", n_boot=1000, seed=1234))
        print(f"{label}: BIC (max order 3, ntop 100) + 1,000 bootstrap replicates + jackknife: "
              f"median {med:.1f} s (min {lo:.1f}, max {hi:.1f}); {res.estimate:,.1f} "
              f"[{res.ci_low:,.0f}, {res.ci_high:,.0f}]")


if __name__ == "__main__":
    main()
