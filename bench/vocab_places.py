"""Benchmark: gazetteer build, lookup() and find_all() on the demo testimonies.

    .venv/bin/python bench/vocab_places.py

Prints medians; results go (by hand) into docs/benchmarks/vocab.md. Reads the bundled demo
testimonies (fictional) and writes nothing.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from casebook.vocab import places

ROOT = Path(__file__).resolve().parents[1]


def _median_ms(fn, repeat: int = 7, number: int = 20) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - start) / number * 1000)
    return statistics.median(runs)


def main() -> None:
    builds = []
    for _ in range(5):
        places.gazetteer.cache_clear()
        start = time.perf_counter()
        g = places.gazetteer()
        builds.append((time.perf_counter() - start) * 1000)
    print(
        f"gazetteer build ({len(g)} places, {len(g._keys)} keys): "
        f"median {statistics.median(builds):.1f} ms"
    )

    texts = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "demo" / "testimonies").glob("*"))
    ]
    korean = [t for t in texts if sum("\uac00" <= c <= "\ud7a3" for c in t) > len(t) / 4]
    english = [t for t in texts if t not in korean]
    for label, group in (("English", english), ("Korean", korean)):
        words = sum(len(t.split()) for t in group)
        ms = _median_ms(lambda group=group: [g.find_all(t) for t in group], number=10)
        per600 = ms / words * 600
        print(
            f"find_all, {len(group)} {label} texts, {words} words: {ms:.2f} ms "
            f"=> {per600:.3f} ms per 600 words"
        )

    names = [n for p in g for n in p.names()]
    ms = _median_ms(lambda: [g.lookup(n) for n in names], number=5)
    print(f"lookup: {len(names)} names in {ms:.2f} ms => {ms / len(names) * 1000:.1f} µs each")

    # the alternative rejected in places._compile: one combined case-insensitive regex
    import re

    forms = g._scan_forms()
    combined = re.compile(
        "|".join(
            [
                r"(?<![a-z0-9])(?:" + places._trie_regex(f for f in forms if f.isascii()) + ")",
                r"(?<![\uac00-\ud7a3])(?:"
                + places._trie_regex(f for f in forms if places._HANGUL.search(f))
                + ")",
            ]
        ),
        re.IGNORECASE,
    )
    text = " ".join(english)
    ms_split = _median_ms(lambda: g.find_all(text), number=10)
    ms_combined = _median_ms(lambda: list(combined.finditer(text)), number=10)
    print(
        f"all English text ({len(text.split())} words): per-script lowercase regexes "
        f"{ms_split:.2f} ms (incl. lookups) vs one combined IGNORECASE regex "
        f"{ms_combined:.2f} ms (matching only): ratio {ms_combined / ms_split:.1f}x"
    )


if __name__ == "__main__":
    main()
