"""The same person model on DuckDB and on Spark (local mode), same data, same links?

Generates n synthetic survivor records (default 1,000,000), links them with the casebook
person model (documented priors, the blocking rules for that size) on DuckDB in memory, then
starts Spark itself (local mode on Debian's OpenJDK 17, every working file in a private
folder on /dev/shm, see ``casebook.linkage.spark``) and runs the same settings there. Prints
both times and compares the pairs at p >= 0.5: how many agree, how many only one engine
found, and the largest difference in probability over the common pairs.

Run: .venv/bin/python bench/linkage_spark.py [n] [--memory 8g]
On a cluster: [--master yarn] [--root /scratch/encrypted --encrypted-disk] (docs/linkage.md)
"""

from __future__ import annotations

import sys
import time

import numpy as np

from casebook.linkage import synthetic
from casebook.linkage.scoring import features_for, predict, spec_for
from casebook.linkage.spark import spark_session


def pairs(table) -> dict[tuple[str, str], float]:
    left = table.column("unique_id_l").to_pylist()
    right = table.column("unique_id_r").to_pylist()
    prob = table.column("match_probability").to_pylist()
    return {(min(a, b), max(a, b)): p for a, b, p in zip(left, right, prob)}


def main(n: int, memory: str, master: str | None = None, root: str = "/dev/shm",
         encrypted_disk: bool = False) -> None:
    t0 = time.perf_counter()
    data = synthetic.generate(n, seed=1)
    table = features_for(data.records, "person", synthetic.province_of)
    spec = spec_for("person", n)
    t1 = time.perf_counter()
    duck = pairs(predict(table, spec, 0.5, train=False, threads=2))
    t2 = time.perf_counter()
    with spark_session(root, cores=2, memory=memory, master=master,
                       encrypted_disk=encrypted_disk) as backend:
        t3 = time.perf_counter()
        spark = pairs(predict(table, spec, 0.5, train=False, backend=backend))
        t4 = time.perf_counter()
    t5 = time.perf_counter()
    common = duck.keys() & spark.keys()
    diff = max((abs(duck[k] - spark[k]) for k in common), default=0.0)
    near = sum(abs(duck[k] - 0.5) < 1e-6 for k in duck.keys() ^ spark.keys() if k in duck)
    truth = data.true_pairs()
    print(f"records {n:,}; features {t1 - t0:.1f} s (generate + keys, shared)\n")
    print("| engine | seconds | of which start/stop | pairs ≥ 0.5 | true among them |")
    print("|---|---|---|---|---|")
    print(f"| DuckDB (in memory, 2 threads) | {t2 - t1:.1f} | – | {len(duck):,} "
          f"| {len(duck.keys() & truth):,} |")
    print(f"| Spark local[2] ({memory} driver, /dev/shm) | {t5 - t2:.1f} "
          f"| {(t3 - t2) + (t5 - t4):.1f} | {len(spark):,} | {len(spark.keys() & truth):,} |")
    print(f"\nsame pairs: {len(common):,}; only DuckDB: {len(duck.keys() - spark.keys()):,}; "
          f"only Spark: {len(spark.keys() - duck.keys()):,} (of which within 1e-6 of 0.5: "
          f"{near}); largest probability difference on common pairs: {diff:.2e}")
    if common:
        d = np.array([duck[k] - spark[k] for k in common])
        print(f"probability differences: median {np.median(np.abs(d)):.2e}, "
              f"99th percentile {np.percentile(np.abs(d), 99):.2e}")


if __name__ == "__main__":
    args = sys.argv[1:]
    def option(name: str, default: str | None) -> str | None:
        return args[args.index(name) + 1] if name in args else default

    sizes = [int(a) for a in args if a.isdigit()]
    main(sizes[0] if sizes else 1_000_000, option("--memory", "8g") or "8g",
         option("--master", None), option("--root", "/dev/shm") or "/dev/shm",
         "--encrypted-disk" in args)
