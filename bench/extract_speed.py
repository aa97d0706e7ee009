"""Extraction speed: ~600-word English and Korean testimonies per second on one core.

Builds ~600-word testimonies from the demo corpus (repeating a testimony's paragraphs until it
reaches the length), runs extract + profile over them, and prints medians of 5 runs.
Usage: .venv/bin/python bench/extract_speed.py
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from casebook.extract import extract, profile

ROOT = Path(__file__).resolve().parents[1]


def corpus(lang: str, words: int = 600) -> list[str]:
    out = []
    for line in (ROOT / "demo" / "corpus.jsonl").read_text().splitlines():
        meta = json.loads(line)
        if meta.get("language") != lang:
            continue
        text = (ROOT / "demo" / "testimonies" / meta["file"]).read_text()
        size = len(text.split()) if lang == "en" else len(text) / 3.0  # ~3 chars a Korean word
        reps = max(1, round(words / max(size, 1)))
        out.append("\n\n".join([text] * reps))
    return out


def rate(texts: list[str], runs: int = 5) -> tuple[float, float, float]:
    """Testimonies per second by CPU time of this process (per core; robust to other processes
    sharing the machine) and by wall-clock time."""
    extract(texts[0])  # warm up (loads Kiwi for Korean)
    cpu, wall = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        for t in texts:
            profile(extract(t))
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    med = statistics.median(cpu)
    return len(texts) / med, med, len(texts) / statistics.median(wall)


def main() -> None:
    for lang in ("en", "ko"):
        texts = corpus(lang)
        words = statistics.median(len(t.split()) if lang == "en" else len(t) / 3 for t in texts)
        per_s, med, wall = rate(texts)
        print(f"{lang}: {len(texts)} testimonies, median ~{words:.0f} words, {med * 1000:.0f} ms CPU per pass, "
              f"{per_s:.0f} testimonies/s per core (wall clock {wall:.0f}/s)")


if __name__ == "__main__":
    main()
