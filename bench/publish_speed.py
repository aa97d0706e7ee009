"""Benchmark: `stats` over 100,000 persons (< 5 s) and a full report (< 15 s).

Run: .venv/bin/python bench/publish_speed.py [N]. Data are fictional (casebook.publish.synthetic);
building the rows is not timed (the store adapter's cost is measured by the storage benchmark).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from casebook.publish.disclosure import protect
from casebook.publish.report import write_report
from casebook.publish.synthetic import synthetic_dataset
from casebook.publish.tables import compute_tables


def timed(fn, n, repeat=3):
    """Median seconds of ``fn(dataset)``, each run on freshly built rows (no warm caches)."""
    times = []
    for _ in range(repeat):
        ds = synthetic_dataset(n, seed=1)
        t0 = time.perf_counter()
        fn(ds)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(n: int = 100_000) -> None:
    raw = timed(lambda ds: compute_tables(ds), n)
    pub = timed(lambda ds: protect(compute_tables(ds)), n)
    by = timed(lambda ds: protect(compute_tables(ds, by="origin_province")), n, repeat=1)
    per = timed(lambda ds: protect(compute_tables(ds, period="5")), n, repeat=1)
    with tempfile.TemporaryDirectory() as d:
        html = timed(lambda ds: write_report(ds, Path(d) / "r.html"), n, repeat=1)
        pdf = timed(lambda ds: write_report(ds, Path(d) / "r.html", lang="ko", pdf=True), n,
                    repeat=1)
    print(f"persons: {n}")
    print(f"stats, all 16 tables, raw:                 {raw:6.2f} s (median of 3)")
    print(f"stats, all 16 tables, --publish:           {pub:6.2f} s (median of 3)")
    print(f"stats, all tables --by origin --publish:   {by:6.2f} s")
    print(f"stats, all tables --period 5 --publish:    {per:6.2f} s")
    print(f"report, HTML (en):                         {html:6.2f} s")
    print(f"report, HTML + PDF (ko):                   {pdf:6.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
