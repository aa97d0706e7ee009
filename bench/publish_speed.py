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
from casebook.publish.report import build_content, write_report
from casebook.publish.synthetic import synthetic_dataset
from casebook.publish.tables import compute_tables


def timed(fn, n, repeat=3):
    """Median seconds of ``fn(dataset)``, each run on freshly built rows (no warm caches)."""
    walls, cpus = [], []
    for _ in range(repeat):
        ds = synthetic_dataset(n, seed=1)
        t0, c0 = time.perf_counter(), time.process_time()
        fn(ds)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return statistics.median(walls), statistics.median(cpus)


def main(n: int = 100_000) -> None:
    print(f"persons: {n}", flush=True)
    runs = [
        ("stats, all 16 tables, raw", lambda ds: compute_tables(ds), 3),
        ("stats, all 16 tables, --publish", lambda ds: protect(compute_tables(ds)), 3),
        ("stats, all tables --by origin --publish",
         lambda ds: protect(compute_tables(ds, by="origin_province")), 1),
        ("stats, all tables --period 5 --publish",
         lambda ds: protect(compute_tables(ds, period="5")), 1),
        ("stats --publish = the report's 18 tables, grouping auto",
         lambda ds: build_content(ds, quotes=0), 3),
    ]
    with tempfile.TemporaryDirectory() as d:
        runs += [
            ("report, HTML (en)", lambda ds: write_report(ds, Path(d) / "r.html"), 1),
            ("report, HTML + PDF (ko)",
             lambda ds: write_report(ds, Path(d) / "r.html", lang="ko", pdf=True), 1),
        ]
        for label, fn, repeat in runs:
            wall, cpu = timed(fn, n, repeat)
            print(f"{label:42s} wall {wall:6.2f} s  cpu {cpu:6.2f} s"
                  + (f"  (median of {repeat})" if repeat > 1 else ""), flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
