"""How closely two human coders agree, beside how closely the extractor agrees with each.

Usage: .venv/bin/python bench/coder_agreement.py DIR_A DIR_B [--texts DIR]
Each DIR holds gold.jsonl coded independently from the same texts (matched by "source"); the
texts are read from DIR_A/texts (or --texts DIR). Prints per-key F1 for coder A against coder B,
the extractor against A and the extractor against B, with the same maths as ``eval-extract``.
F1 is symmetric in its two sides, so "A against B" needs no choice of which coder is right.

Why: a mean F1 bar against one coder cannot be met above the level at which two careful coders
agree with each other; this measures that ceiling on real text (docs/extraction.md, session 9).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from casebook.extract import extract, profile
from casebook.extract.evaluate import evaluate


def _gold(base: Path) -> dict[str, dict]:
    lines = (base / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return {row["source"]: row for row in rows}


def columns(a_dir: Path, b_dir: Path, texts: Path) -> tuple[dict[str, dict], list[str]]:
    a, b = _gold(a_dir), _gold(b_dir)
    common = sorted(set(a) & set(b))
    only = sorted(set(a) ^ set(b))
    if only:
        print(f"coded by one side only, left out: {', '.join(only)}", file=sys.stderr)
    pred = {s: profile(extract((texts / s).read_text(encoding="utf-8"))) for s in common}
    return {
        "A vs B": evaluate([(a[s], b[s]) for s in common]),
        "ext vs A": evaluate([(a[s], pred[s]) for s in common]),
        "ext vs B": evaluate([(b[s], pred[s]) for s in common]),
    }, common


def disagreements(a_dir: Path, b_dir: Path, common: list[str]) -> list[str]:
    """Keys on which the two coders differ, per record (values, not text)."""
    a, b = _gold(a_dir), _gold(b_dir)
    out = []
    for s in common:
        diff = [k for k in evaluate([(a[s], a[s])])["keys"]
                if evaluate([(a[s], b[s])])["keys"][k]["accuracy"] != 1.0]
        if diff:
            out.append(f"{s}: {', '.join(diff)}")
    return out


def main() -> None:
    args = sys.argv[1:]
    texts = None
    if "--texts" in args:
        i = args.index("--texts")
        texts = Path(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    a_dir, b_dir = Path(args[0]), Path(args[1])
    cols, common = columns(a_dir, b_dir, texts or a_dir / "texts")
    names = list(cols)
    keys = list(cols[names[0]]["keys"])
    print("key".ljust(22) + "".join(f"{n:>11}" for n in names))
    for key in keys:
        cells = []
        for n in names:
            v = cols[n]["keys"][key]
            cells.append(f"{v['f1']:>11.2f}" if v["tp"] + v["fp"] + v["fn"] else f"{'-':>11}")
        print(key.ljust(22) + "".join(cells))
    print("mean F1".ljust(22) + "".join(f"{cols[n]['mean_f1']:>11.3f}" for n in names))
    print(f"documents: {len(common)}")
    print("\nkeys the coders code differently:")
    for line in disagreements(a_dir, b_dir, common):
        print("  " + line)


if __name__ == "__main__":
    main()
