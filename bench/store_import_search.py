"""Benchmark: import throughput (no extraction) and search latency, on SQLCipher and PostgreSQL.

Generates synthetic testimonies (~600 words, English or Korean, from a fixed word list with the
gazetteer's place names), imports them in batches through ``Casebook.add_testimonies`` (what
``casebook import`` uses), then times searches for single words, two-syllable Korean words,
phrases and misses.

    .venv/bin/python bench/store_import_search.py --sizes 10000 100000 --backends sqlcipher postgresql
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("CASEBOOK_FAST_KDF", "1")

from casebook.model import Consent, Person, Testimony
from casebook.store import Casebook

EN = ["I", "was", "the", "broker", "sold", "me", "to", "a", "farmer", "in", "village", "for", "yuan", "after", "we", "crossed", "river", "at", "night", "police", "arrested", "and", "sent", "back", "to", "North", "Korea", "where", "security", "agents", "questioned", "us", "for", "weeks", "my", "mother", "daughter", "husband", "worked", "restaurant", "factory", "karaoke", "room", "camera", "internet", "money", "debt", "escaped", "through", "Laos", "Thailand", "embassy", "Seoul", "church", "missionary", "winter", "spring", "summer", "Yanji", "Hoeryong", "Musan", "Hyesan", "Shenyang", "Harbin", "Dandong", "Jilin", "Heilongjiang", "Liaoning"]
KO = ["저는", "브로커가", "중국", "남자한테", "팔았어요", "위안", "강을", "건넜어요", "밤에", "공안에", "잡혀서", "북송되었어요", "보위부", "조사", "집결소", "노동단련대", "교화소", "어머니", "딸", "남편", "식당", "공장", "노래방", "화상채팅", "돈", "빚", "탈출", "라오스", "태국", "대사관", "서울", "교회", "겨울", "봄", "여름", "연길", "회령", "무산", "혜산", "심양", "하얼빈", "단동", "길림성", "흑룡강성", "요녕성"]
QUERIES = ["Yanji", "Hoeryong", "karaoke", "embassy", "security agents", "broker sold",
           "연길", "회령", "보위부", "노동단련대", "화상채팅", "팔았어요", "Pyongyang", "금강산"]


def testimony_text(rng: random.Random, n: int) -> tuple[str, str]:
    lang = "ko" if rng.random() < 0.3 else "en"
    words = KO if lang == "ko" else EN
    body = " ".join(rng.choice(words) for _ in range(600))
    return f"{body} (interview {n})", lang


def run(location: str, size: int, batch: int, rng: random.Random) -> dict:
    book = Casebook.create(location, "bench passphrase", actor="bench")
    entries = []
    start = time.perf_counter()
    for n in range(size):
        text, lang = testimony_text(rng, n)
        entries.append((Testimony(text, language=lang, organisation="Bench",
                                  consent=Consent.of(["aggregate_statistics"])),
                        Person(f"P{n}"), None))
        if len(entries) == batch:
            book.add_testimonies(entries)
            entries = []
    if entries:
        book.add_testimonies(entries)
    elapsed = time.perf_counter() - start
    latencies: dict[str, list[float]] = {q: [] for q in QUERIES}
    for _ in range(5):
        for q in QUERIES:
            t = time.perf_counter()
            book.search(q, limit=20)
            latencies[q].append((time.perf_counter() - t) * 1000)
    flat = sorted(x for v in latencies.values() for x in v)
    book.close()
    return {"size": size, "import_per_s": size / elapsed, "import_s": elapsed,
            "p50_ms": statistics.median(flat), "p95_ms": flat[int(0.95 * (len(flat) - 1))],
            "worst_query": max(latencies, key=lambda q: statistics.median(latencies[q]))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--backends", nargs="+", default=["sqlcipher", "postgresql"])
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(7)
    for backend in args.backends:
        for size in args.sizes:
            with tempfile.TemporaryDirectory(prefix="casebook-bench-") as tmp:
                if backend == "sqlcipher":
                    r = run(str(Path(tmp) / "bench.db"), size, args.batch, rng)
                else:
                    from casebook.store.pgserver import new_database, temporary_server

                    with temporary_server() as server:
                        r = run(new_database(server), size, args.batch, rng)
            print(f"{backend:10s} n={r['size']:>7,} import {r['import_per_s']:7.0f}/s "
                  f"({r['import_s']:.0f} s)  search p50 {r['p50_ms']:6.1f} ms  "
                  f"p95 {r['p95_ms']:6.1f} ms  slowest query: {r['worst_query']}", flush=True)


if __name__ == "__main__":
    main()
