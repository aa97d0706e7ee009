"""How much of the demo corpus's interview metadata the import header reader finds, and whether
it agrees with corpus.jsonl (the demo's own metadata). The demo texts are the team's own, so this
is a development check, not evidence of quality on real forms.

    .venv/bin/python bench/header_demo.py
"""

from __future__ import annotations

import json
from pathlib import Path

from casebook.intake.header import read_header
from casebook.vocab import lookup

ROOT = Path(__file__).resolve().parents[1]
SAME_ORG = {"하늘기록센터": "Hanul Documentation Centre",
            "서울구출네트워크": "Seoul Rescue Network"}


def agrees(key: str, found: str, gold: str | None) -> bool:
    if not gold:
        return False
    if key == "pseudonym":  # "Ms. Pak" / "Pak Sun-hui"; a Hangul or masked form counts as a miss
        return found.replace("Ms. ", "").split()[0] in gold
    if key == "interview_date":
        return gold.startswith(found)
    if key == "interview_place":
        a, b = lookup(found), lookup(gold)
        return bool(a and b and b.id.startswith(a.id))
    if key == "organisation":
        return SAME_ORG.get(found, found) == gold
    return found == gold


def main() -> None:
    corpus = ROOT / "src" / "casebook" / "demo_corpus"
    rows = [json.loads(x) for x in (corpus / "corpus.jsonl").read_text().splitlines() if x.strip()]
    keys = ("pseudonym", "interviewer", "interview_date", "interview_place", "organisation")
    counts = {k: [0, 0] for k in keys}
    for row in rows:
        header = read_header((corpus / "testimonies" / row["file"]).read_text(encoding="utf-8"))
        for k in keys:
            if k in header:
                counts[k][0] += 1
                counts[k][1] += agrees(k, header[k], row.get(k))
    for k, (found, right) in counts.items():
        print(f"{k:16} read from {found}/{len(rows)} headers; agrees with corpus.jsonl: {right}")


if __name__ == "__main__":
    main()
