"""Learning curve of the suggestions learned from review (issue 12), on real published accounts.

Train on N accounts as if reviewed (their gold profiles are what the reviewer kept; the rules'
profile is what they were shown), score the rules alone and the rules with the learned model on
every other account, same splits for both. Repeated random splits (cross-validation by
resampling), N = 10, 20, 30 (38 accounts: 30 is the most that leaves 8 to score).

    .venv/bin/python bench/learning_curve.py [--repeats 20] [--seed 12]

Reads ../shared/research/real-accounts at run time; prints a table, writes nothing.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import statistics
import sys
import time
from pathlib import Path

from casebook.extract import extract, profile
from casebook.extract.evaluate import evaluate
from casebook.reviewing import learning
from casebook.reviewing.learning import Example, labels_of, train

# the same texts are tokenised for every split: keep their tokens (in memory, this run only)
_tokens = functools.cache(learning.tokens)
learning.tokens = lambda text, lang: list(_tokens(text, lang))

ACCOUNTS = Path(__file__).resolve().parents[1] / ".." / "shared" / "research" / "real-accounts"


def load() -> list[Example]:
    gold = [json.loads(line) for line in (ACCOUNTS / "gold.jsonl").open(encoding="utf-8")]
    out = []
    for g in gold:
        text = (ACCOUNTS / "texts" / g["source"]).read_text(encoding="utf-8")
        lang = g["source"][:2]
        out.append(Example(text, lang, profile(extract(text, lang)), g))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--sizes", default="10,20,30")
    ap.add_argument("--no-demote", action="store_true",
                    help="score without dropping demoted answers")
    ap.add_argument("--propose-at", type=float, default=None,
                    help="the model's probability needed to propose (default: the shipped one)")
    args = ap.parse_args()
    if not (ACCOUNTS / "gold.jsonl").exists():
        print(f"{ACCOUNTS} is absent: nothing to measure", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    examples = load()
    print(f"{len(examples)} accounts extracted in {time.perf_counter() - t0:.1f} s")
    rng = random.Random(args.seed)
    print(f"{'N':>4} {'rules F1':>9} {'+learned':>9} {'diff':>8} {'sd':>7} {'better':>7} "
          f"{'worse':>6} {'proposed':>9} {'demoted':>8} {'prop.prec':>9} {'dem.prec':>8}")
    for n in [int(s) for s in args.sizes.split(",")]:
        base, mine, diffs, props, dems = [], [], [], [], []
        right = wrong = dem_right = dem_wrong = 0
        for _ in range(args.repeats):
            idx = list(range(len(examples)))
            rng.shuffle(idx)
            train_set = [examples[i] for i in idx[:n]]
            test_set = [examples[i] for i in idx[n:]]
            model = train(train_set)
            if args.propose_at is not None:
                model.propose_at = args.propose_at
            if args.no_demote:  # as the product does: a demoted answer stays, low confidence
                model.demoted = {}
            b = evaluate([(e.reviewed, e.proposed) for e in test_set])["mean_f1"]
            improved = [model.improve(e.text, e.language, e.proposed) for e in test_set]
            m = evaluate([(e.reviewed, p) for e, p in zip(test_set, improved, strict=True)])
            base.append(b)
            mine.append(m["mean_f1"])
            diffs.append(m["mean_f1"] - b)
            n_props = n_dems = 0
            for e in test_set:
                gold = labels_of(e.reviewed)
                for p in model.propose(e.text, e.language, e.proposed):
                    n_props += 1
                    right += p.label in gold
                    wrong += p.label not in gold
                for d in model.demote(e.proposed):
                    n_dems += 1
                    dem_right += d not in gold  # a demoted answer the reviewer did not keep
                    dem_wrong += d in gold
            props.append(n_props / len(test_set))
            dems.append(n_dems / len(test_set))
        print(f"{n:>4} {statistics.mean(base):>9.4f} {statistics.mean(mine):>9.4f} "
              f"{statistics.mean(diffs):>+8.4f} {statistics.stdev(diffs):>7.4f} "
              f"{sum(d > 0 for d in diffs):>7} {sum(d < 0 for d in diffs):>6} "
              f"{statistics.mean(props):>9.2f} {statistics.mean(dems):>8.2f} "
              f"{right / max(1, right + wrong):>9.3f} {dem_right / max(1, dem_right + dem_wrong):>8.3f}")
    print(f"total {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
