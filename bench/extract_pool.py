"""Scores on several sets of real accounts side by side: one column per set and language.

Usage: .venv/bin/python bench/extract_pool.py DIR [DIR ...] [--json OUT] [--bootstrap N]
Each DIR holds gold.jsonl (one coded profile per line, with "source" and optionally "lang") and
texts/<source>. Sets live outside the repository (the texts are copyrighted); only scores are
printed. A change to the rules is judged by every column: one that lifts the set its rules came
from and lowers another is a rule that fits one set (docs/extraction.md, session 5).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from casebook.extract import extract, profile
from casebook.extract.evaluate import evaluate


def columns(dirs: list[Path]) -> dict[str, dict]:
    """``{"<set>-<lang>": evaluate(...)}`` for every set and language present."""
    return {name: evaluate(pairs) for name, pairs in pairs_by_column(dirs).items()}


def pairs_by_column(dirs: list[Path]) -> dict[str, list[tuple[dict, dict]]]:
    """``{"<set>-<lang>": [(gold, predicted), ...]}``: the extractor runs once per text."""
    out: dict[str, list[tuple[dict, dict]]] = {}
    for base in dirs:
        by_lang: dict[str, list[tuple[dict, dict]]] = {}
        for line in (base / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            gold = json.loads(line)
            path = base / "texts" / gold["source"]
            if not path.is_file():
                print(f"{base.name}: {gold['source']}: no text", file=sys.stderr)
                continue
            lang = gold.get("lang") or gold["source"].split("-", 1)[0]
            pred = profile(extract(path.read_text(encoding="utf-8")))
            by_lang.setdefault(lang, []).append((gold, pred))
        for lang, pairs in sorted(by_lang.items()):
            out[f"{base.name}-{lang}"] = pairs
    return out


def bootstrap(pairs: list[tuple[dict, dict]], rounds: int, seed: int = 10) -> tuple[float, float]:
    """5th and 95th percentile of the mean F1 over documents drawn with replacement.

    A set of 15 documents is a small sample of its kind of page: a key told once or twice moves
    the mean by ~0.06. The interval says how far another sample of the same kind could land,
    which is what a change of a few hundredths must be read against."""
    rng = random.Random(seed)
    means = sorted(evaluate([rng.choice(pairs) for _ in pairs])["mean_f1"]
                   for _ in range(rounds))
    return means[int(0.05 * (rounds - 1))], means[int(0.95 * (rounds - 1))]


def table(cols: dict[str, dict]) -> str:
    """Keys down, sets across (F1, '-' where no one told or proposed the key), pooled counts."""
    names = list(cols)
    keys = list(next(iter(cols.values()))["keys"]) if cols else []
    lines = ["key".ljust(20) + "".join(f"{n[-9:]:>10}" for n in names) + "   tp   fp   fn"]
    for key in keys:
        cells, tp, fp, fn = [], 0, 0, 0
        for n in names:
            v = cols[n]["keys"][key]
            tp, fp, fn = tp + v["tp"], fp + v["fp"], fn + v["fn"]
            told = v["tp"] + v["fp"] + v["fn"]
            cells.append(f"{v['f1']:>10.2f}" if told else f"{'-':>10}")
        lines.append(key.ljust(20) + "".join(cells) + f"{tp:>5}{fp:>5}{fn:>5}")
    lines.append("mean F1".ljust(20) + "".join(f"{cols[n]['mean_f1']:>10.3f}" for n in names))
    lines.append("documents".ljust(20) + "".join(f"{cols[n]['documents']:>10}" for n in names))
    return "\n".join(lines)


def main() -> None:
    args = sys.argv[1:]
    out = None
    if "--json" in args:
        i = args.index("--json")
        out = args[i + 1]
        del args[i:i + 2]
    rounds = 0
    if "--bootstrap" in args:
        i = args.index("--bootstrap")
        rounds = int(args[i + 1])
        del args[i:i + 2]
    if not args:
        sys.exit(__doc__)
    pairs = pairs_by_column([Path(a) for a in args])
    cols = {name: evaluate(p) for name, p in pairs.items()}
    print(table(cols))
    if rounds:
        print(f"90 % interval of the mean F1, {rounds} resamples of each set's documents:")
        for name, p in pairs.items():
            lo, hi = bootstrap(p, rounds)
            print(f"  {name:<16} {cols[name]['mean_f1']:.3f}  [{lo:.3f}, {hi:.3f}]")
    if out:
        Path(out).write_text(json.dumps(cols, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
