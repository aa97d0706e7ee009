"""Development-set evaluation of extraction: demo corpus (+ seed gold when present).

Usage: .venv/bin/python bench/extract_dev.py [--diff KEY]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from casebook.extract import extract, profile
from casebook.extract.evaluate import evaluate, table

ROOT = Path(__file__).resolve().parents[1]


def demo_pairs() -> list[tuple[str, dict, dict]]:
    out = []
    for line in (ROOT / "demo" / "expected_profiles.jsonl").read_text().splitlines():
        gold = json.loads(line)
        text = (ROOT / "demo" / "testimonies" / gold["source"]).read_text()
        out.append((gold["source"], gold, profile(extract(text))))
    return out


SEEDS = ROOT / ".." / "shared" / "seeds"


def seed_pairs() -> list[tuple[str, dict, dict]]:
    """Seed excerpts by line range (read from ../shared/seeds at run time)."""
    gold = ROOT / "tests" / "data" / "seed_gold.jsonl"
    if not SEEDS.is_dir() or not gold.is_file():
        print("seed gold skipped: ../shared/seeds or tests/data/seed_gold.jsonl absent", file=sys.stderr)
        return []
    out = []
    for line in gold.read_text().splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        lines = (SEEDS / row["seed_file"]).read_text().splitlines()
        a, b = row["lines"]
        out.append((row["source"], row, profile(extract("\n".join(lines[a - 1:b])))))
    return out


def main() -> None:
    which = "all"
    for w in ("demo", "seed"):
        if "--" + w in sys.argv:
            which = w
    pairs = (demo_pairs() if which in ("all", "demo") else []) + (seed_pairs() if which in ("all", "seed") else [])
    print(table(evaluate([(g, p) for _, g, p in pairs])))
    if "--diff" in sys.argv:
        key = sys.argv[sys.argv.index("--diff") + 1]
        for src, g, p in pairs:
            gv, pv = g.get(key), p.get(key)
            if key == "sales":
                gv = sorted((s["amount"], s["currency"]) for s in gv)
                pv = sorted((s["amount"], s["currency"]) for s in pv)
            elif isinstance(gv, list):
                gv, pv = sorted(gv), sorted(pv)
            if gv != pv:
                print(f"{src:<45} gold={gv} pred={pv}")


if __name__ == "__main__":
    main()
