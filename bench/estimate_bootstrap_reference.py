"""Published BCa intervals too slow for the test suite: our intervals for several seeds.

R's random stream (set.seed(1234); rmultinom) is not replayed, so only Monte Carlo agreement is
expected. Run: .venv/bin/python bench/estimate_bootstrap_reference.py
"""

from __future__ import annotations

import time
from pathlib import Path

from casebook.estimate.mse import estimate_population
from casebook.estimate.table import read_table_csv

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "estimate" / "data"
CASES = [
    ("new_orleans_8list_sparsemse_n185.csv", "stepwise", {}, "(717, 1,657) CSV 2021"),
    ("uk2013_nrm_6list.csv", "downhill", {"max_order": 2}, "[9,643, 25,508] SCV 2024 Table 6"),
]

for name, method, options, published in CASES:
    data = read_table_csv(FIXTURES / name)
    for seed in (1234, 1):
        start = time.perf_counter()
        r = estimate_population(data, method, n_boot=1000, seed=seed, **options)
        print(f"{name} {method} seed {seed}: {r.estimate:,.1f} [{r.ci_low:,.0f}, {r.ci_high:,.0f}] "
              f"in {time.perf_counter() - start:.0f} s; published {published}")
