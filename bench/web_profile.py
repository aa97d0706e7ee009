"""Profile the per-request Python cost of the person page and search, in-process.

Opens an existing benchmark casebook (built by ``bench/web_load.py --keep PATH``), logs in as
the benchmark reviewer through the ASGI test client (no network, no concurrency) and requests
a fixed mix of person pages and searches under cProfile. Prints the median time per page type
and the functions with the most cumulative time.

    CASEBOOK_PASSPHRASE=... .venv/bin/python bench/web_profile.py /path/bench.db --requests 200
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from web_load import EN_TERMS, KO_TERMS, PASSPHRASE, PASSWORD


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("location")
    ap.add_argument("--n", type=int, default=100000, help="testimonies in the casebook")
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--top", type=int, default=35)
    ap.add_argument("--no-profile", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("CASEBOOK_FAST_KDF", "1")
    import asyncio

    import fastapi.dependencies.utils
    import fastapi.routing
    import httpx

    from casebook.store import Casebook
    from casebook.web import create_app

    async def inline(func, *a, **k):  # run sync views in this thread, so cProfile sees them
        return func(*a, **k)

    fastapi.routing.run_in_threadpool = inline
    fastapi.dependencies.utils.run_in_threadpool = inline
    book = Casebook.open(args.location, os.environ.get("CASEBOOK_PASSPHRASE", PASSPHRASE),
                         actor="web")
    loop = asyncio.new_event_loop()
    client = httpx.AsyncClient(transport=httpx.ASGITransport(create_app(book)),
                               base_url="http://127.0.0.1")

    class Sync:
        def get(self, url):
            return loop.run_until_complete(client.get(url))

        def post(self, url, **kw):
            return loop.run_until_complete(client.post(url, **kw))

    page = Sync().get("/login")
    token = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)
    r = Sync().post("/login", data={"username": "bench-reviewer", "password": PASSWORD,
                                    "csrftoken": token})
    assert r.status_code in (200, 303), r.status_code
    client_sync = Sync()
    rng = random.Random(1)
    mix = [("person", f"/persons/{rng.randrange(1, args.n + 1, 2)}") if rng.random() < 0.5
           else ("search", "/search?q=" + rng.choice(KO_TERMS + EN_TERMS))
           for _ in range(args.requests)]
    for _, url in mix[:20]:  # warm caches and templates
        client_sync.get(url)
    times: dict[str, list[float]] = {"person": [], "search": []}
    prof = cProfile.Profile()
    for kind, url in mix:
        t0 = time.perf_counter()
        if not args.no_profile:
            prof.enable()
        r = client_sync.get(url)
        if not args.no_profile:
            prof.disable()
        times[kind].append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, (url, r.status_code)
    for kind, ms in times.items():
        print(f"{kind}: median {statistics.median(ms):.1f} ms over {len(ms)}")
    if not args.no_profile:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(args.top)
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.top)
    book.close()


if __name__ == "__main__":
    main()
