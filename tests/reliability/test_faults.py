"""Faults, not only kills: disk full, a read-only file system, PostgreSQL stopped with
``-m immediate`` during writes, and the web server killed under load.

Each fault must give one clear line (the ``CasebookError`` that ``store.failures.translate``
makes of it, or one ``error:`` line from the ``casebook`` program) and lose nothing that was
acknowledged; afterwards the casebook opens, every record checks and the audit chain verifies
(``test_sigkill.check_consistent``). Counts scale with ``CASEBOOK_SOAK_SCALE``.

The disk is a small tmpfs the test mounts itself (root, as in CI); where mounting is not
permitted, the file-size limit (RLIMIT_FSIZE: the kernel refuses the write, as on a full disk)
is the I/O-error shim, and it runs everywhere.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from soak import scaled

sys.path.insert(0, str(Path(__file__).parent))
import test_sigkill as base

from casebook.model import Person, Testimony, sha256_text
from casebook.store import Casebook
from casebook.store.failures import translate

pytestmark = pytest.mark.slow
PASS = base.PASS
STATS: dict[str, Counter] = {}
ROUNDS = scaled(3)


def _stat(name: str) -> Counter:
    return STATS.setdefault(name, Counter())


def _mount(where: Path, size: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                           str(where)], capture_output=True)
    return done.returncode == 0


def _umount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _one_line(message: str, *secret: str) -> None:
    assert message and "\n" not in message.strip(), message
    assert "Traceback" not in message
    for s in secret:
        assert s not in message, "the error line quotes a testimony"


def _write_until_it_fails(location: str, acks: Path, out: Path, seed: int,
                          fsize: int | None) -> None:
    """Child: add testimonies of random sizes until a write fails; note the error's line."""
    if fsize is not None:  # the shim: the kernel refuses writes past this size (EFBIG)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    rng = random.Random(seed)
    k = 0
    try:
        book = Casebook.open(location, PASS, actor="filler")
        while True:
            text = f"Disk account {seed}-{k}: crossed at Musan. " + "x" * rng.randrange(200, 9000)
            book.testimonies.add(Testimony(text), Person(f"D{seed}-{k}"))
            base._ack(str(acks), f"stored {sha256_text(text)}")
            k += 1
    except BaseException as exc:  # noqa: BLE001 - the fault under test
        error = translate(exc, "disk test")
        out.write_text(json.dumps({"type": type(error).__name__ if error else type(exc).__name__,
                                   "message": str(error) if error else repr(exc)[:300],
                                   "secret": f"Disk account {seed}-{k}"}))
    os._exit(0)


def _fill_round(location: str, folder: Path, seed: int, fsize: int | None) -> dict:
    import multiprocessing

    acks, out = folder / f"acks{seed}", folder / f"out{seed}.json"
    ctx = multiprocessing.get_context("fork")
    proc = ctx.Process(target=_write_until_it_fails, args=(location, acks, out, seed, fsize))
    proc.start()
    proc.join(600)
    assert proc.exitcode == 0 and out.exists(), "the writer neither filled the disk nor failed"
    result = json.loads(out.read_text())
    assert result["type"] in ("DiskFull", "StorageError"), result
    _one_line(result["message"], result["secret"])
    result["acknowledged"] = [a[1] for a in base._acks(acks)]
    return result


def _all_there(location: str, acknowledged: list[str]) -> None:
    base.check_consistent(location)
    with Casebook.open(location, PASS) as book:
        lost = [h for h in acknowledged if book.testimonies.find_by_hash(h) is None]
    assert lost == [], f"{len(lost)} acknowledged testimonies lost"


def test_disk_full_on_a_small_tmpfs_at_random_points(tmp_path):
    disk = tmp_path / "disk"
    if not _mount(disk, "3m"):
        pytest.skip("mounting a tmpfs is not permitted here; the RLIMIT_FSIZE test covers it")
    try:
        rng = random.Random(31)
        location = str(disk / "cb.db")
        Casebook.create(location, PASS).close()
        acknowledged: list[str] = []
        for n in range(ROUNDS):
            filler = disk / "filler"  # a random amount of the disk taken by something else
            filler.write_bytes(b"\0" * rng.randrange(0, 1_500_000))
            result = _fill_round(location, tmp_path, n, None)
            acknowledged += result["acknowledged"]
            _stat("disk_full_tmpfs")[result["type"]] += 1
            try:  # still full: it opens, or says so in one line
                _all_there(location, acknowledged)
                _stat("disk_full_tmpfs")["opened_while_full"] += 1
            except Exception as exc:  # noqa: BLE001
                error = translate(exc, location)
                assert error is not None, f"a bug, not a clear line: {exc!r}"
                _one_line(str(error))
                _stat("disk_full_tmpfs")["refused_while_full_in_one_line"] += 1
            filler.unlink()
            subprocess.run(["mount", "-o", "remount,size=24m", str(disk)], check=True)
            _all_there(location, acknowledged)  # space freed: nothing acknowledged lost
            subprocess.run(["mount", "-o", "remount,size=3m", str(disk)], check=False)
        _stat("disk_full_tmpfs")["acknowledged"] = len(acknowledged)
    finally:
        _umount(disk)


def test_disk_full_by_file_size_limit_at_random_points(tmp_path):
    rng = random.Random(32)
    location = str(tmp_path / "cb.db")
    Casebook.create(location, PASS).close()
    acknowledged: list[str] = []
    for n in range(ROUNDS):
        size = os.path.getsize(location) + rng.randrange(20_000, 400_000)
        result = _fill_round(location, tmp_path, n, size)
        acknowledged += result["acknowledged"]
        _stat("disk_full_fsize")[result["type"]] += 1
        _all_there(location, acknowledged)
    _stat("disk_full_fsize")["acknowledged"] = len(acknowledged)
    assert acknowledged


def _cli(args: list[str], env: dict, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casebook.cli.main", *args], env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_read_only_file_system(tmp_path):
    disk = tmp_path / "ro"
    if not _mount(disk, "16m"):
        pytest.skip("mounting a tmpfs is not permitted here")
    try:
        location = str(disk / "cb.db")
        texts = [f"Read-only account {i}: sold in Yanji." for i in range(5)]
        with Casebook.create(location, PASS) as book:
            for i, t in enumerate(texts):
                book.testimonies.add(Testimony(t), Person(f"RO{i}"))
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        env = {**os.environ, "CASEBOOK_DB": location, "CASEBOOK_PASSPHRASE": PASS}
        new = tmp_path / "new.txt"
        new.write_text("Read-only import: crossed at Hyesan in 2001.")
        for args in (["list"], ["import", str(new)], ["audit", "verify"]):
            done = _cli(args, env)
            errors = [ln for ln in done.stderr.splitlines() if ln.startswith("error")]
            assert "Traceback" not in done.stderr + done.stdout, args
            assert "Hyesan" not in done.stderr + done.stdout
            assert done.returncode in (0, 1, 4), (args, done.returncode, done.stderr[-500:])
            if done.returncode:
                assert len(errors) == 1, (args, done.stderr[-500:])
                assert "read-only" in errors[0], errors[0]
            _stat("read_only")[f"{args[0]}: exit {done.returncode}"] += 1
            if done.returncode:
                STATS.setdefault("read_only_lines", Counter())[errors[0][:160]] += 1
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        _all_there(location, [sha256_text(t) for t in texts])
    finally:
        _umount(disk)


# -- PostgreSQL stopped with -m immediate --------------------------------------------------------
class _Server:
    """A durable PostgreSQL server (fsync and synchronous commit on: an acknowledged commit is
    on disk) that the test stops with ``-m immediate`` and starts again."""

    def __init__(self, base_dir: Path) -> None:
        from casebook.store import pgserver

        self.bins = pgserver.bindir()
        assert self.bins is not None, "PostgreSQL server binaries not found"
        self.data, self.sock = base_dir / "data", base_dir / "sock"
        self.sock.mkdir(parents=True)
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(base_dir, "postgres")
            shutil.chown(self.sock, "postgres")
            self.prefix = ["runuser", "-u", "postgres", "--"]
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        subprocess.run([*self.prefix, str(self.bins / "initdb"), "-D", str(self.data), "-U",
                        "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--auth=trust"],
                       check=True, capture_output=True)
        self.log = base_dir / "server.log"
        self.start()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _ctl(self, *args: str) -> None:
        subprocess.run([*self.prefix, str(self.bins / "pg_ctl"), "-D", str(self.data), *args],
                       check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self._ctl("-o", f"-p {self.port} -k {self.sock} -c listen_addresses=127.0.0.1", "-w",
                  "-l", str(self.log), "start")

    def crash(self) -> None:
        self._ctl("-m", "immediate", "stop")


def _pg_writer(location: str, acks: str, stop_at: float) -> None:
    """Child: write without pause; an error is reported (as the CLI would) and the write is
    noted as not stored; then it carries on on a reconnected engine."""
    book = Casebook.open(location, PASS, actor="pg-writer")
    k = 0
    while time.time() < stop_at:
        text = f"PG account {k}: sold in Helong for {3000 + k} yuan."
        try:
            book.testimonies.add(Testimony(text), Person(f"P{k}"))
            base._ack(acks, f"stored {sha256_text(text)}")
        except Exception as exc:  # noqa: BLE001 - the fault under test
            error = translate(exc, "pg test")
            line = str(error) if error else f"BUG {type(exc).__name__}"
            base._ack(acks, f"failed {sha256_text(text)} {json.dumps(line)}")
            time.sleep(0.2)
        k += 1
    os._exit(0)


@pytest.mark.postgres
def test_postgresql_stopped_immediately_and_restarted_during_writes(tmp_path):
    import multiprocessing
    import tempfile

    from casebook.store.pgserver import new_database

    server = _Server(Path(tempfile.mkdtemp(prefix="casebook-pg-")))  # postgres must reach it
    try:
        location = new_database(server.url)
        Casebook.create(location, PASS).close()
        acks = tmp_path / "acks"
        rng = random.Random(33)
        seconds = 8 + 6 * ROUNDS
        ctx = multiprocessing.get_context("fork")
        proc = ctx.Process(target=_pg_writer, args=(location, str(acks), time.time() + seconds))
        proc.start()
        for _ in range(ROUNDS):
            time.sleep(rng.uniform(1.0, 3.0))
            server.crash()
            time.sleep(rng.uniform(0.2, 2.0))
            server.start()
            _stat("postgres")["immediate_stops"] += 1
        proc.join(seconds + 120)
        assert proc.exitcode == 0
        lines = [ln.split(" ", 2) for ln in acks.read_text().splitlines()]
        stored = [x[1] for x in lines if x[0] == "stored"]
        failed = [(x[1], json.loads(x[2])) for x in lines if x[0] == "failed"]
        assert not [m for _, m in failed if m.startswith("BUG")], failed[:3]
        for _, message in failed:
            _one_line(message, "PG account")
        _all_there(location, stored)
        with Casebook.open(location, PASS) as book:
            present = sum(1 for h, _ in failed if book.testimonies.find_by_hash(h) is not None)
        s = _stat("postgres")
        s["acknowledged"], s["failed_reported_not_stored"] = len(stored), len(failed)
        s["failed_but_present"] = present  # the commit's answer was lost, not the commit
        assert all("may not have been stored" in m for _, m in failed), failed[:2]
        STATS.setdefault("postgres_lines", Counter()).update(m for _, m in failed)
        assert stored and failed, "no write was cut by the stops: nothing tested"
    finally:
        try:
            server.crash()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(server.data.parent, ignore_errors=True)


# -- the web server killed under load ------------------------------------------------------------
def _serve(location: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "CASEBOOK_DB": location, "CASEBOOK_PASSPHRASE": PASS}
    proc = subprocess.Popen([sys.executable, "-m", "casebook.cli.main", "serve", "--port",
                             str(port)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read().decode()[-1000:]
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.2)
    raise AssertionError("server did not start")


async def _clients(base_url: str, n: int, stop: asyncio.Event, out: dict) -> None:
    import httpx

    async def one(i: int) -> None:
        k = 0
        async with httpx.AsyncClient(base_url=base_url, timeout=60) as client:
            token = None
            while not stop.is_set():
                try:
                    if token is None:
                        t = (await client.get("/api/csrf")).json()["csrftoken"]
                        r = await client.post("/api/login", headers={"X-CSRF-Token": t},
                                              json={"username": "rev", "password": "pw-pw-22-x"})
                        token = r.json()["csrftoken"] if r.status_code == 200 else None
                        continue
                    text = f"Served account {i}-{k}: reached Bangkok in 2011."
                    k += 1
                    r = await client.post("/api/testimonies", headers={"X-CSRF-Token": token},
                                          json={"text": text, "consent": ["aggregate_statistics"]})
                    if r.status_code == 201:
                        out["acknowledged"].append(sha256_text(text))
                    elif r.status_code in (401, 403):
                        token = None  # a new login after a restart is allowed
                    else:
                        out["errors"].append(f"{r.status_code}")
                    await client.get("/api/testimonies?limit=5")
                except httpx.HTTPError as exc:  # the server is down: not acknowledged
                    out["refused"][type(exc).__name__] += 1
                    await asyncio.sleep(0.3)

    await asyncio.gather(*(one(i) for i in range(n)))


def test_web_server_killed_under_load(tmp_path):
    location = str(tmp_path / "cb.db")
    with Casebook.create(location, PASS) as book:
        book.users.add("rev", "pw-pw-22-x", "Hanul", "reviewer", create_organisation=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out: dict = {"acknowledged": [], "errors": [], "refused": Counter()}
    rng = random.Random(34)

    async def scenario() -> None:
        stop = asyncio.Event()
        proc = _serve(location, port)
        task = asyncio.create_task(_clients(f"http://127.0.0.1:{port}", 20, stop, out))
        for _ in range(ROUNDS):
            await asyncio.sleep(rng.uniform(3.0, 8.0))
            proc.kill()  # SIGKILL, mid-request
            proc.wait()
            _stat("web_killed")["kills"] += 1
            proc = await asyncio.to_thread(_serve, location, port)
        await asyncio.sleep(5.0)
        stop.set()
        await task
        proc.send_signal(signal.SIGINT)
        proc.wait(30)

    asyncio.run(scenario())
    assert out["errors"] == [], Counter(out["errors"]).most_common(3)
    _all_there(location, out["acknowledged"])
    s = _stat("web_killed")
    s["acknowledged"] = len(out["acknowledged"])
    s.update({f"refused_{k}": v for k, v in out["refused"].items()})
    assert out["acknowledged"] and out["refused"], "the kills cut nothing: nothing tested"


def teardown_module(_module) -> None:
    if STATS:
        print("\nfault summary:", json.dumps({k: dict(v) for k, v in STATS.items()},
                                              ensure_ascii=False))


def test_what_a_killed_backup_or_restore_leaves_is_cleared_or_resumed(tmp_path):
    from pyrage import x25519

    from casebook.errors import AlreadyExists
    from casebook.field.backup import backup, read_backup, restore

    identity = x25519.Identity.generate()
    location = str(tmp_path / "source.db")
    with Casebook.create(location, PASS) as book:
        book.testimonies.add(Testimony("Backup account: reached Seoul in 2012."), Person("K"))
        old_dir, young_dir = tmp_path / ".casebook-backup-0ld0", tmp_path / ".casebook-backup-y0un"
        for d in (old_dir, young_dir):
            d.mkdir()
            (d / "snapshot.db").write_bytes(b"ciphertext")
        old_partial = tmp_path / ".b1.age.partial"
        old_partial.write_bytes(b"ciphertext")
        two_hours_ago = time.time() - 7200
        for p in (old_dir, old_partial):
            os.utime(p, (two_hours_ago, two_hours_ago))
        backup(book, tmp_path / "b2.age", recipients=[str(identity.to_public())])
    assert not old_dir.exists() and not old_partial.exists()  # a killed backup's, an hour old
    assert young_dir.exists()  # may be a backup still running: kept
    _, _, key_bytes = read_backup((tmp_path / "b2.age").read_bytes(), "b2.age",
                                  identity=identity)
    resumed = tmp_path / "cut"  # a restore killed after writing the key file
    resumed.mkdir()
    (resumed / "source.db.key").write_bytes(key_bytes)
    assert restore(tmp_path / "b2.age", resumed, identity=identity,
                   casebook_passphrase=PASS).opened
    other = tmp_path / "other"  # a different key file there is never overwritten
    other.mkdir()
    (other / "source.db.key").write_bytes(b"{}")
    with pytest.raises(AlreadyExists):
        restore(tmp_path / "b2.age", other, identity=identity)
