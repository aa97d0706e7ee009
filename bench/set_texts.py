"""The accounts of one set directory (gold.jsonl and texts/), for the extraction benches."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path


def accounts(base: Path) -> Iterator[tuple[dict, str, str]]:
    """(gold profile, "en"/"ko", text) for every coded account whose text is present; a set
    without gold.jsonl says so once and gives nothing."""
    if not (base / "gold.jsonl").is_file():
        print(f"{base}: no gold.jsonl here (skipped)")
        return
    for line in (base / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        gold = json.loads(line)
        path = base / "texts" / gold["source"]
        if path.is_file():
            lang = "ko" if gold.get("lang", gold["source"][:2]) == "ko" else "en"
            yield gold, lang, path.read_text(encoding="utf-8")
