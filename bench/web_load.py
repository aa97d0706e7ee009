"""Web load benchmark: 50 concurrent users on the person page and search, over loopback.

Builds a casebook with N synthetic testimonies (bulk-inserted: this measures serving, not
intake), serves it with `casebook serve` in a child process, logs 50 sessions in, and has each
user request person pages and searches (Korean and English terms) as fast as it can for a fixed
time. Reports p50/p95/max per page and the error count, on SQLCipher and on PostgreSQL.

    .venv/bin/python bench/web_load.py --n 20000 --seconds 20
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import httpx

PASSWORD = "bench-password-1"
PASSPHRASE = "bench passphrase for the casebook"
ORGS = ("Hanul Documentation Centre", "Bridge of Light")
PLACES_KO = ["무산", "회령", "혜산", "온성", "연길", "용정", "도문", "훈춘", "심양", "하얼빈", "단동"]
PLACES_EN = ["Musan", "Hoeryong", "Hyesan", "Onsong", "Yanji", "Longjing", "Tumen", "Hunchun",
             "Shenyang", "Harbin", "Dandong"]
KO_TERMS = ["연길", "두만강", "브로커", "공안", "하얼빈"]
EN_TERMS = ["Yanji", "broker", "river", "police", "Harbin"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def synthetic_text(rng: random.Random, i: int) -> tuple[str, str]:
    """A short fictional testimony (Korean or English) built from templates; unique by id."""
    y = rng.randint(1994, 2018)
    k = rng.randrange(len(PLACES_KO))
    j = rng.randrange(len(PLACES_KO))
    price = rng.choice([2000, 3000, 5000, 8000, 12000])
    if rng.random() < 0.5:
        return "ko", (f"기록 {i}. 저는 {y}년에 {PLACES_KO[k]} 근처에서 두만강을 건넜습니다. "
                      f"{PLACES_KO[j]}에서 브로커가 저를 {price}위안에 팔았습니다. "
                      f"{y + rng.randint(1, 6)}년에 공안에 잡혔습니다.")
    return "en", (f"Record {i}. In {y} I crossed the river near {PLACES_EN[k]}. A broker in "
                  f"{PLACES_EN[j]} sold me for {price} yuan. Police caught me in "
                  f"{y + rng.randint(1, 6)}.")


def build(location: str, n: int, seed: int = 7) -> int:
    """Create the casebook and store n testimonies through ``Casebook.add_testimonies`` in
    batches of 500 (the real import path: FTS indexes, consent, facts, audit entries)."""
    from casebook.model import ACCEPTED, Consent, Event, Evidence, Person, Record, Testimony
    from casebook.model import UncertainDate
    from casebook.store import Casebook
    from casebook.store.users import Users

    rng = random.Random(seed)
    book = Casebook.create(location, PASSPHRASE, actor="bench")
    batch: list = []
    for i in range(n):
        org = ORGS[i % 2]
        lang, text = synthetic_text(rng, i)
        scopes = ["aggregate_statistics"]
        if i % 10 == 0:
            scopes.append(f"share_with:{ORGS[(i + 1) % 2]}")
        year = 1994 + i % 20
        events = [Event(etype, date=UncertainDate(year=year), place=place,
                        evidence=Evidence.of(text, 0, 10), confidence=0.9, status=ACCEPTED)
                  for etype, place in (("border_crossing", "river-tumen"),
                                       ("sale", "cn-jilin-yanbian-yanji"),
                                       ("arrest_china", None))]
        testimony = Testimony(text=text, language=lang, organisation=org,
                              interview_date=UncertainDate(year=2010 + i % 12),
                              consent=Consent.of(scopes))
        person = Person(pseudonym=f"Survivor {i}", birth_year=rng.randint(1965, 2002),
                        languages=[lang], organisation=org)
        batch.append((testimony, person, Record(events=events, language=lang)))
        if len(batch) == 500:
            book.add_testimonies(batch)
            batch = []
    if batch:
        book.add_testimonies(batch)
    if book.dialect == "postgresql":
        from sqlalchemy import text as sql

        with book.engine.begin() as conn:
            conn.execute(sql("ANALYZE"))
    Users(book).add("bench-reviewer", PASSWORD, ORGS[0], "reviewer", create_organisation=True)
    Users(book).add_organisation(ORGS[1])
    book.close()
    return n


async def user_loop(base: str, stop: float, n: int, results: dict, seed: int) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=30) as c:
        page = await c.get("/login")
        token = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)
        r = await c.post("/login", data={"username": "bench-reviewer", "password": PASSWORD,
                                         "csrftoken": token})
        assert r.status_code in (200, 303), r.status_code
        while time.perf_counter() < stop:
            if rng.random() < 0.5:
                kind, url = "person", f"/persons/{rng.randrange(1, n + 1, 2)}"  # own org: odd ids
            else:
                term = rng.choice(KO_TERMS + EN_TERMS)
                kind, url = "search", "/search?q=" + term
            t0 = time.perf_counter()
            try:
                r = await c.get(url)
                ok = r.status_code == 200
            except httpx.HTTPError:
                ok = False
            results[kind].append(((time.perf_counter() - t0) * 1000, ok))


def load(base: str, n: int, users: int, seconds: float) -> dict:
    results: dict[str, list] = {"person": [], "search": []}

    async def main() -> None:
        stop = time.perf_counter() + seconds
        await asyncio.gather(*(user_loop(base, stop, n, results, s) for s in range(users)))

    asyncio.run(main())
    out = {}
    for kind, rows in results.items():
        lat = sorted(ms for ms, _ in rows)
        if not lat:
            continue
        out[kind] = {"requests": len(lat), "errors": sum(not ok for _, ok in rows),
                     "p50_ms": round(statistics.median(lat), 1),
                     "p95_ms": round(lat[int(0.95 * (len(lat) - 1))], 1),
                     "max_ms": round(lat[-1], 1),
                     "per_second": round(len(lat) / seconds, 1)}
    return out


def serve_and_load(location: str, n: int, users: int, seconds: float) -> dict:
    port = _free_port()
    env = {**os.environ, "CASEBOOK_DB": location, "CASEBOOK_PASSPHRASE": PASSPHRASE}
    server = subprocess.Popen([sys.executable, "-m", "casebook.cli.main", "serve", "--port",
                               str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/login", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(server.stderr.read().decode())
                time.sleep(0.2)
        load(base, n, 5, 3)  # warm-up
        return load(base, n, users, seconds)
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20000, help="testimonies (default 20,000)")
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--backend", choices=("sqlcipher", "postgresql", "both"), default="both")
    args = ap.parse_args()
    os.environ.setdefault("CASEBOOK_FAST_KDF", "1")  # key derivation at open is not measured
    report = {"n": args.n, "users": args.users, "seconds": args.seconds}
    if args.backend in ("sqlcipher", "both"):
        with tempfile.TemporaryDirectory(prefix="cb-bench-") as d:
            t0 = time.perf_counter()
            build(str(Path(d) / "bench.db"), args.n)
            report["sqlcipher_build_s"] = round(time.perf_counter() - t0, 1)
            report["sqlcipher"] = serve_and_load(str(Path(d) / "bench.db"), args.n, args.users,
                                                 args.seconds)
            print(json.dumps(report, indent=1), flush=True)
    if args.backend in ("postgresql", "both"):
        from casebook.store.pgserver import new_database, temporary_server

        with temporary_server() as server_url:
            url = new_database(server_url)
            t0 = time.perf_counter()
            build(url, args.n)
            report["postgresql_build_s"] = round(time.perf_counter() - t0, 1)
            report["postgresql"] = serve_and_load(url, args.n, args.users, args.seconds)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
