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


def main() -> None:
    pairs = demo_pairs()
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
