"""Scores on real published accounts (read from ../shared at run time), English and Korean apart.

Usage: .venv/bin/python bench/extract_real.py [--set real-accounts|more-accounts] [--lang en|ko]
                                              [--diff KEY] [--json OUT]
The texts are copyrighted and never copied into the repository; only scores are printed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from casebook.extract import extract, profile
from casebook.extract.evaluate import evaluate, table

ROOT = Path(__file__).resolve().parents[1]
RESEARCH = ROOT / ".." / "shared" / "research"


def pairs(name: str, lang: str | None = None) -> list[tuple[str, dict, dict]]:
    """(source, gold, predicted) for every gold row of one set whose text is present."""
    base = RESEARCH / name
    gold = base / "gold.jsonl"
    if not gold.is_file():
        print(f"{name}: no gold.jsonl under {base}", file=sys.stderr)
        return []
    out = []
    for line in gold.read_text().splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        src = row["source"]
        if lang and row.get("lang", src.split("-", 1)[0]) != lang:
            continue
        path = base / "texts" / src
        if not path.is_file():
            continue
        out.append((src, row, profile(extract(path.read_text()))))
    return out


def _arg(flag: str, default: str | None = None) -> str | None:
    return sys.argv[sys.argv.index(flag) + 1] if flag in sys.argv else default


def main() -> None:
    name = _arg("--set", "real-accounts") or "real-accounts"
    langs = [_arg("--lang")] if "--lang" in sys.argv else ["en", "ko"]
    report = {}
    for lang in langs:
        ps = pairs(name, lang)
        if not ps:
            continue
        result = evaluate([(g, p) for _, g, p in ps])
        report[lang] = result
        print(f"== {name} [{lang}]")
        print(table(result))
        key = _arg("--diff")
        if key:
            for src, g, p in ps:
                gv, pv = g.get(key), p.get(key)
                if key == "sales":
                    gv = sorted((s["amount"], s["currency"]) for s in gv)
                    pv = sorted((s["amount"], s["currency"]) for s in pv)
                elif isinstance(gv, list):
                    gv, pv = sorted(gv), sorted(pv)
                if gv != pv:
                    print(f"  {src:<12} gold={gv} pred={pv}")
    out = _arg("--json")
    if out:
        Path(out).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
