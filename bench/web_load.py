"""Web load benchmark: 50 concurrent users on the person page and search, over loopback.

Builds a casebook with N synthetic testimonies (through ``Casebook.add_testimonies`` in
batches of 500), serves it with ``casebook serve --workers W`` in a child process and logs the
users in. Two measurements:

* *users*: 50 users, each requesting a person page or a search (Korean and English terms),
  then reading for a random 1-3 s (uniform) before the next request, like a person would;
* *saturation*: 16 users without think time (closed loop): the most requests/s the server
  gives on this machine.

Reports p50/p95/max per page type, errors and requests/s, on SQLCipher and on PostgreSQL.
The load generator runs on the same machine and competes for its cores.

    .venv/bin/python bench/web_load.py --n 100000 --workers 2 --seconds 30
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
    from casebook.model import (
        ACCEPTED,
        Consent,
        Event,
        Evidence,
        Person,
        Record,
        Testimony,
        UncertainDate,
    )
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


async def _login(c: httpx.AsyncClient) -> None:
    page = await c.get("/login")
    token = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)
    r = await c.post("/login", data={"username": "bench-reviewer", "password": PASSWORD,
                                     "csrftoken": token})
    assert r.status_code in (200, 303), r.status_code


async def user_loop(c: httpx.AsyncClient, start: float, stop: float, n: int, results: dict,
                    rng: random.Random, think: tuple[float, float]) -> None:
    """One user: a person page (own organisation) or a search, then ``think`` seconds of
    reading (uniform random; (0, 0) is the closed loop that measures the server's maximum)."""
    if think[1]:
        await asyncio.sleep(rng.uniform(0, think[1]))
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
        t1 = time.perf_counter()
        if t0 >= start:  # requests sent during the warm-up are not counted
            results[kind].append(((t1 - t0) * 1000, ok))
        if think[1]:
            await asyncio.sleep(rng.uniform(*think))


def load(base: str, n: int, users: int, seconds: float, think: tuple[float, float],
         warmup: float = 3.0, seed: int = 1) -> dict:
    """All users log in first; then ``warmup`` seconds unmeasured, ``seconds`` measured."""
    results: dict[str, list] = {"person": [], "search": []}

    async def run() -> None:
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        clients = [httpx.AsyncClient(base_url=base, timeout=60, limits=limits)
                   for _ in range(users)]
        try:
            await asyncio.gather(*(_login(c) for c in clients))
            start = time.perf_counter() + warmup
            stop = start + seconds
            await asyncio.gather(*(user_loop(c, start, stop, n, results,
                                             random.Random(seed * 1000 + u), think)
                                   for u, c in enumerate(clients)))
        finally:
            await asyncio.gather(*(c.aclose() for c in clients))

    asyncio.run(run())
    out: dict = {}
    for kind, rows in results.items():
        lat = sorted(ms for ms, _ in rows)
        if not lat:
            continue
        out[kind] = {"requests": len(lat), "errors": sum(not ok for _, ok in rows),
                     "p50_ms": round(statistics.median(lat), 1),
                     "p95_ms": round(lat[int(0.95 * (len(lat) - 1))], 1),
                     "max_ms": round(lat[-1], 1),
                     "per_second": round(len(lat) / seconds, 1)}
    out["total_per_second"] = round(sum(len(r) for r in results.values()) / seconds, 1)
    return out


def serve_and_load(location: str, n: int, args: argparse.Namespace) -> dict:
    port = _free_port()
    env = {**os.environ, "CASEBOOK_DB": location, "CASEBOOK_PASSPHRASE": PASSPHRASE}
    workers = ["--workers", str(args.workers)] if args.workers > 1 else []
    server = subprocess.Popen([sys.executable, "-m", "casebook.cli.main", "serve", "--port",
                               str(port), *workers], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/login", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(server.stderr.read().decode())
                time.sleep(0.2)
        time.sleep(2)  # every worker up, not only the first
        think = (args.think_min, args.think_max)
        out = {"users": load(base, n, args.users, args.seconds, think)}
        if args.saturation_users:
            out["saturation"] = load(base, n, args.saturation_users, args.saturation_seconds,
                                     (0.0, 0.0), seed=2)
        return out
    finally:
        server.terminate()
        server.wait(timeout=30)


def machine() -> str:
    import platform

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20000, help="testimonies (default 20,000)")
    ap.add_argument("--users", type=int, default=50, help="concurrent users with think time")
    ap.add_argument("--think-min", type=float, default=1.0, help="seconds (default 1)")
    ap.add_argument("--think-max", type=float, default=3.0, help="seconds (default 3)")
    ap.add_argument("--seconds", type=float, default=30, help="measured time per run")
    ap.add_argument("--saturation-users", type=int, default=16,
                    help="closed-loop users without think time (the server's maximum); 0: skip")
    ap.add_argument("--saturation-seconds", type=float, default=15)
    ap.add_argument("--workers", type=int, default=2, help="casebook serve --workers")
    ap.add_argument("--backend", choices=("sqlcipher", "postgresql", "both"), default="both")
    ap.add_argument("--keep", help="SQLCipher casebook to reuse (built there if absent)")
    ap.add_argument("--pg-url", help="PostgreSQL casebook (already built) to reuse")
    args = ap.parse_args()
    os.environ.setdefault("CASEBOOK_FAST_KDF", "1")  # key derivation at open is not measured
    report = {"date": dt.date.today().isoformat(), "machine": machine(),
              **{k: v for k, v in vars(args).items() if k not in ("keep", "pg_url")}}
    if args.backend in ("sqlcipher", "both"):
        with tempfile.TemporaryDirectory(prefix="cb-bench-") as d:
            location = args.keep or str(Path(d) / "bench.db")
            if not Path(location).exists():
                t0 = time.perf_counter()
                build(location, args.n)
                report["sqlcipher_build_s"] = round(time.perf_counter() - t0, 1)
            report["sqlcipher"] = serve_and_load(location, args.n, args)
            print(json.dumps(report, indent=1), flush=True)
    if args.backend in ("postgresql", "both") and args.pg_url:
        report["postgresql"] = serve_and_load(args.pg_url, args.n, args)
    elif args.backend in ("postgresql", "both"):
        from casebook.store.pgserver import new_database, temporary_server

        with temporary_server() as server_url:
            url = new_database(server_url)
            t0 = time.perf_counter()
            build(url, args.n)
            report["postgresql_build_s"] = round(time.perf_counter() - t0, 1)
            report["postgresql"] = serve_and_load(url, args.n, args)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
