"""The web server under load, on loopback: 200 concurrent clients for 60 s, on SQLCipher and
on PostgreSQL.

``casebook serve`` runs as its own process. Two hundred clients share ten logged-in reviewer
sessions and, without pause, list testimonies, read one, search, read their own account,
record new testimonies (intake) and accept or reject the suggested facts of the testimonies
they recorded (review). Every response must succeed; every testimony and every review decision
the server acknowledged must be in the casebook afterwards (no lost writes); the audit chain
must verify. The server's resident memory is sampled every 2 s: after warm-up (the first fifth
of the run) it may not grow by more than 10 % in runs of 5 minutes or more (shorter runs report
it). p50/p95 latencies are printed. ``CASEBOOK_LOAD_SECONDS`` / ``CASEBOOK_LOAD_CLIENTS`` set
the length and the number of clients (``make soak SOAK_SECONDS=600`` is the 10-minute run).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
from sqlalchemy import select

from casebook.model import sha256_text
from casebook.store import Casebook
from casebook.store.schema import facts

pytestmark = pytest.mark.slow
SECONDS = float(os.environ.get("CASEBOOK_LOAD_SECONDS", "60"))
CLIENTS = int(os.environ.get("CASEBOOK_LOAD_CLIENTS", "200"))
SESSIONS = 10
PASSWORD = "correct-horse-77"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("server did not start")


# The server keeps an idle connection for KEEP_ALIVE_SECONDS (casebook.cli.web); a client must
# drop it well before that. The margin covers the time a loaded client takes to notice that a
# response arrived: the server's idle clock starts when it sends, the client's when it reads.
CLIENT_KEEPALIVE_SECONDS = 5.0


async def _run(base: str, out: dict) -> None:
    import httpx

    stats, errors, latency = out["stats"], out["errors"], out["latency"]
    limits = httpx.Limits(max_connections=CLIENTS + 10, max_keepalive_connections=CLIENTS + 10,
                          keepalive_expiry=CLIENT_KEEPALIVE_SECONDS)
    sessions = []
    for _ in range(SESSIONS):  # a login costs an argon2 verification: share ten sessions
        client = httpx.AsyncClient(base_url=base, timeout=120, limits=limits)
        token = (await client.get("/api/csrf")).json()["csrftoken"]
        r = await client.post("/api/login", json={"username": "loader", "password": PASSWORD},
                              headers={"X-CSRF-Token": token})
        assert r.status_code == 200, r.text
        sessions.append((client, r.json()["csrftoken"]))
    t0 = time.monotonic()
    deadline = t0 + SECONDS

    async def get(client, url: str, **kw):
        """A GET, never retried: a connection closed under a request is an error (the bar
        is 0 errors without a retry, docs/reliability.md)."""
        return await client.get(url, **kw)

    async def one_client(n: int) -> None:
        client, token = sessions[n % SESSIONS]
        rng = random.Random(n)
        mine: list[int] = []  # testimonies this client recorded: only it reviews them
        k = 0
        while time.monotonic() < deadline:
            roll = rng.random()
            began = time.monotonic()
            try:
                if roll < 0.2:
                    text = f"Load client {n} account {k}: she crossed at Musan in 1998 and " \
                           f"was sold in Yanji for 3,000 yuan."
                    r = await client.post("/api/testimonies", headers={"X-CSRF-Token": token},
                                          json={"text": text, "pseudonym": f"L{n}-{k}",
                                                "consent": ["aggregate_statistics"]})
                    kind = "intake"
                    if r.status_code == 201:
                        out["acknowledged"].append(text)
                        mine.append(r.json()["testimony_id"])
                    k += 1
                elif roll < 0.35 and mine:
                    tid = rng.choice(mine)
                    r, kind = await get(client, f"/api/testimonies/{tid}/facts"), "review"
                    waiting = [f for f in r.json().get("facts", []) + r.json().get("events", [])
                               if f.get("status") == "suggested"] if r.status_code == 200 else []
                    if waiting:
                        fact = rng.choice(waiting)
                        action = rng.choice(("accept", "reject"))
                        r = await client.post(f"/api/facts/{fact['id']}", json={"action": action},
                                              headers={"X-CSRF-Token": token})
                        if r.status_code == 200:
                            out["decisions"][fact["id"]] = (tid, action + "ed")
                elif roll < 0.55:
                    r, kind = await get(client, "/api/testimonies?limit=20"), "list"
                elif roll < 0.65 and mine:
                    r, kind = await get(client, f"/api/testimonies/{rng.choice(mine)}"), "read"
                elif roll < 0.9:
                    r, kind = await get(client, "/api/search", params={"q": "Musan"}), "search"
                else:
                    r, kind = await get(client, "/api/me"), "me"
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__} ({roll:.2f}) at "
                              f"{time.monotonic() - t0:.0f} s: {exc}")
                continue
            latency[kind].append(time.monotonic() - began)
            stats[kind] += 1
            if r.status_code >= 400:
                errors.append(f"{kind} {r.status_code}: {r.text[:200]}")

    await asyncio.gather(*(one_client(n) for n in range(CLIENTS)))
    for client, _ in sessions:
        await client.aclose()


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _sample_memory(pid: int, samples: list[tuple[float, float]], stop: threading.Event) -> None:
    began = time.monotonic()
    while not stop.wait(2.0):
        try:
            samples.append((time.monotonic() - began, _rss_mb(pid)))
        except OSError:
            return


def memory_growth(samples: list[tuple[float, float]], seconds: float) -> tuple[float, float, float]:
    """(MB just after warm-up, MB at the end, growth): medians of the tenth of the run after the
    warm-up (the first fifth) and of the last tenth."""
    warm, tenth = seconds * 0.2, seconds * 0.1
    after = [mb for t, mb in samples if warm <= t < warm + tenth] or [samples[0][1]]
    end = [mb for t, mb in samples if t >= seconds - tenth] or [samples[-1][1]]
    base, last = statistics.median(after), statistics.median(end)
    return base, last, last / base - 1


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000 if values else 0.0


@pytest.mark.parametrize("backend", ["sqlcipher",
                                     pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_two_hundred_clients_for_a_minute(tmp_path, backend, request):
    if backend == "sqlcipher":
        location = str(tmp_path / "cb.db")
    else:
        from casebook.store.pgserver import new_database

        location = new_database(request.getfixturevalue("postgres_server"))
    with Casebook.create(location, "load passphrase") as book:
        book.users.add("loader", PASSWORD, "Hanul", "reviewer", create_organisation=True)
    port = _free_port()
    env = {**os.environ, "CASEBOOK_DB": location, "CASEBOOK_PASSPHRASE": "load passphrase"}
    proc = subprocess.Popen([sys.executable, "-m", "casebook.cli.main", "serve", "--port",
                             str(port)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    out: dict = {"stats": Counter(), "errors": [], "acknowledged": [], "decisions": {},
                 "latency": {k: [] for k in ("intake", "review", "list", "read", "search", "me")}}
    samples: list[tuple[float, float]] = []
    stop = threading.Event()
    try:
        _wait_for(port, proc)
        sampler = threading.Thread(target=_sample_memory, args=(proc.pid, samples, stop))
        sampler.start()
        started = time.monotonic()
        asyncio.run(_run(f"http://127.0.0.1:{port}", out))
        elapsed = time.monotonic() - started
    finally:
        stop.set()
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
    stats, errors, acknowledged = out["stats"], out["errors"], out["acknowledged"]
    everything = [x for v in out["latency"].values() for x in v]
    base, last, growth = memory_growth(samples, elapsed)
    summary = {"backend": backend, "clients": CLIENTS, "seconds": round(elapsed, 1),
               "requests": sum(stats.values()), **stats, "errors": len(errors),
               "first_errors": errors[:10],
               "acknowledged_writes": len(acknowledged),
               "acknowledged_decisions": len(out["decisions"]),
               "p50_ms": round(_p(everything, 0.5)), "p95_ms": round(_p(everything, 0.95)),
               "p95_ms_by_kind": {k: round(_p(v, 0.95)) for k, v in out["latency"].items()},
               "rss_mb_after_warmup": round(base), "rss_mb_end": round(last),
               "rss_growth_pct": round(growth * 100, 1),
               "rss_mb_peak": round(max(mb for _, mb in samples))}
    print("\nload summary:", json.dumps(summary))
    server_log = proc.stderr.read().decode(errors="replace")[-3000:]
    assert errors == [], (Counter(e[:80] for e in errors).most_common(5), server_log)
    assert stats["intake"] > 0 and sum(stats.values()) > CLIENTS
    with Casebook.open(location, "load passphrase") as book:
        missing = [t for t in acknowledged if book.testimonies.find_by_hash(sha256_text(t)) is None]
        assert missing == [], f"{len(missing)} acknowledged writes lost"
        assert book.count()["testimonies"] == len(acknowledged)
        with book.engine.connect() as conn:
            stored = dict(conn.execute(select(facts.c.id, facts.c.status)).all())
        lost = {fid: want for fid, (_, want) in out["decisions"].items() if stored.get(fid) != want}
        assert lost == {}, f"{len(lost)} acknowledged review decisions not stored"
        report = book.audit.verify()
        assert report.ok, report.problems
    if elapsed >= 300:  # memory flat after warm-up: only meaningful over minutes
        assert growth <= 0.10, f"server memory grew {growth:.0%} after warm-up ({base:.0f} MB " \
                               f"-> {last:.0f} MB)"
