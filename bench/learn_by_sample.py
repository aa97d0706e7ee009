"""Does the learned-suggestion model (issue 12) help on a sample it was not trained on?

Leave one whole sample out at a time: train `casebook.reviewing.learning` on every other coded
set (their gold profiles as what reviewers kept, the rules' profiles as what they were shown),
then score the held-out sample with the rules alone and with the model's proposals and
demotions. Whole samples, not single texts, are held out: texts of one sample share an outlet,
a time and a coder, and a split inside a sample overstates what transfers.

    .venv/bin/python bench/learn_by_sample.py SET_DIR [SET_DIR ...]

Each SET_DIR holds gold.jsonl and texts/ (`../shared/research/real-accounts`, or a set rebuilt
from `bench/sets/`). Prints mean F1 per held-out sample and language; writes nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from set_texts import accounts

from casebook.extract import extract, profile
from casebook.extract.evaluate import evaluate
from casebook.reviewing.learning import Example, train


def load(base: Path) -> list[Example]:
    return [Example(text, lang, profile(extract(text, lang)), gold)
            for gold, lang, text in accounts(base)]


def main(dirs: list[Path]) -> int:
    if len(dirs) < 2:
        print("give at least two set directories", file=sys.stderr)
        return 2
    data = {d.resolve().name: load(d) for d in dirs}
    print(f"{'held out':<16} {'lang':<4} {'n':>3} {'rules':>6} {'+learned':>9} {'diff':>7}")
    for held, test in data.items():
        model = train([e for name, ex in data.items() if name != held for e in ex])
        for lang in ("en", "ko"):
            part = [e for e in test if e.language == lang]
            if not part:
                continue
            rules = evaluate([(e.reviewed, e.proposed) for e in part])["mean_f1"]
            both = evaluate([(e.reviewed, model.improve(e.text, e.language, e.proposed))
                             for e in part])["mean_f1"]
            print(f"{held:<16} {lang:<4} {len(part):>3} {rules:>6.3f} {both:>9.3f} "
                  f"{both - rules:>+7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main([Path(a) for a in sys.argv[1:]]))
