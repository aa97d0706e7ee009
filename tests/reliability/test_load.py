"""The web server under load, on loopback: 200 concurrent clients for 60 s.

``casebook serve`` runs as its own process on a SQLCipher casebook. Two hundred clients share
ten logged-in sessions and, without pause, list testimonies, search, read their own account and
record new testimonies (one request in five is a write). Every response must succeed; every
testimony the server acknowledged must be in the casebook afterwards (no lost writes); the
audit chain must verify. ``CASEBOOK_LOAD_SECONDS`` / ``CASEBOOK_LOAD_CLIENTS`` shorten it.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections import Counter

import pytest

from casebook.model import sha256_text
from casebook.store import Casebook

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


async def _run(base: str, stats: Counter, acknowledged: list[str], errors: list[str]) -> None:
    import httpx

    # Drop idle connections before uvicorn's 5 s keep-alive does, so no request races a close.
    limits = httpx.Limits(max_connections=CLIENTS + 10, max_keepalive_connections=CLIENTS + 10,
                          keepalive_expiry=2.0)
    sessions = []
    for _ in range(SESSIONS):  # a login costs an argon2 verification: share ten sessions
        client = httpx.AsyncClient(base_url=base, timeout=120, limits=limits)
        token = (await client.get("/api/csrf")).json()["csrftoken"]
        r = await client.post("/api/login", json={"username": "loader", "password": PASSWORD},
                              headers={"X-CSRF-Token": token})
        assert r.status_code == 200, r.text
        sessions.append((client, r.json()["csrftoken"]))
    deadline = time.monotonic() + SECONDS

    async def one_client(n: int) -> None:
        client, token = sessions[n % SESSIONS]
        rng = random.Random(n)
        k = 0
        while time.monotonic() < deadline:
            roll = rng.random()
            try:
                if roll < 0.2:
                    text = f"Load client {n} account {k}: she crossed at Musan and was sold."
                    r = await client.post("/api/testimonies", headers={"X-CSRF-Token": token},
                                          json={"text": text, "pseudonym": f"L{n}-{k}",
                                                "consent": ["aggregate_statistics"]})
                    kind = "write"
                    if r.status_code == 201:
                        acknowledged.append(text)
                    k += 1
                elif roll < 0.55:
                    r, kind = await client.get("/api/testimonies?limit=20"), "list"
                elif roll < 0.85:
                    r, kind = await client.get("/api/search", params={"q": "Musan"}), "search"
                else:
                    r, kind = await client.get("/api/me"), "me"
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__} ({roll:.2f}): {exc}")
                continue
            stats[kind] += 1
            if r.status_code >= 400:
                errors.append(f"{kind} {r.status_code}: {r.text[:200]}")

    await asyncio.gather(*(one_client(n) for n in range(CLIENTS)))
    for client, _ in sessions:
        await client.aclose()


def test_two_hundred_clients_for_a_minute(tmp_path):

    db = tmp_path / "cb.db"
    with Casebook.create(str(db), "load passphrase") as book:
        book.users.add("loader", PASSWORD, "Hanul", "documenter", create_organisation=True)
    port = _free_port()
    env = {**os.environ, "CASEBOOK_DB": str(db), "CASEBOOK_PASSPHRASE": "load passphrase"}
    proc = subprocess.Popen([sys.executable, "-m", "casebook.cli.main", "serve", "--port",
                             str(port)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    stats: Counter = Counter()
    acknowledged: list[str] = []
    errors: list[str] = []
    try:
        _wait_for(port, proc)
        started = time.monotonic()
        asyncio.run(_run(f"http://127.0.0.1:{port}", stats, acknowledged, errors))
        elapsed = time.monotonic() - started
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
    summary = {"clients": CLIENTS, "seconds": round(elapsed, 1), "requests": sum(stats.values()),
               **stats, "errors": len(errors), "acknowledged_writes": len(acknowledged)}
    print("\nload summary:", json.dumps(summary))
    server_log = proc.stderr.read().decode(errors="replace")[-3000:]
    assert errors == [], (Counter(e[:80] for e in errors).most_common(5), server_log)
    assert stats["write"] > 0 and sum(stats.values()) > CLIENTS
    with Casebook.open(str(db), "load passphrase") as book:
        missing = [t for t in acknowledged if book.testimonies.find_by_hash(sha256_text(t)) is None]
        assert missing == [], f"{len(missing)} acknowledged writes lost"
        assert book.count()["testimonies"] == len(acknowledged)
        report = book.audit.verify()
        assert report.ok, report.problems
