"""Development-set evaluation of Korean extraction: the demo testimonies whose text is Korean.

Usage: .venv/bin/python bench/extract_dev_ko.py [--diff KEY] [--json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from casebook.extract import extract, profile
from casebook.extract.evaluate import evaluate, table

ROOT = Path(__file__).resolve().parents[1]


def korean_files() -> set[str]:
    rows = [json.loads(x) for x in (ROOT / "demo" / "corpus.jsonl").read_text().splitlines() if x.strip()]
    return {r["file"] for r in rows if r.get("language") == "ko"}


def korean_pairs() -> list[tuple[str, dict, dict]]:
    files = korean_files()
    out = []
    for line in (ROOT / "demo" / "expected_profiles.jsonl").read_text().splitlines():
        if not line.strip():
            continue
        gold = json.loads(line)
        if gold["source"] not in files:
            continue
        text = (ROOT / "demo" / "testimonies" / gold["source"]).read_text()
        out.append((gold["source"], gold, profile(extract(text, lang="ko"))))
    return out


def _canon(key: str, v):
    if key == "sales":
        return sorted((s["amount"], s["currency"]) for s in v)
    return sorted(v) if isinstance(v, list) else v


def main() -> None:
    pairs = korean_pairs()
    print(table(evaluate([(g, p) for _, g, p in pairs])))
    keys = sys.argv[sys.argv.index("--diff") + 1:] if "--diff" in sys.argv else []
    for key in keys:
        for src, g, p in pairs:
            gv, pv = _canon(key, g.get(key)), _canon(key, p.get(key))
            if gv != pv:
                print(f"{key:<20} {src:<42} gold={gv} pred={pv}")


if __name__ == "__main__":
    main()
