"""Shared fixtures: fresh casebooks on SQLCipher and on a real PostgreSQL server.

The PostgreSQL server is Debian's ``postgresql`` package, started by the suite in a private
directory on a loopback port when ``CASEBOOK_TEST_POSTGRES_URL`` is not set. As root (CI), the
server runs as the ``postgres`` user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

os.environ.setdefault("CASEBOOK_FAST_KDF", "1")  # argon2id at test cost; production keeps its cost
os.environ.pop("CASEBOOK_DB", None)
os.environ.pop("CASEBOOK_PASSPHRASE", None)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PASSPHRASE = "correct horse battery staple"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


@pytest.fixture(scope="session")
def postgres_server():
    """URL of a PostgreSQL server for the whole session (started here when none is configured)."""
    configured = os.environ.get("CASEBOOK_TEST_POSTGRES_URL")
    if configured:
        yield configured
        return
    bindir = _pg_bindir()
    if bindir is None:
        pytest.fail("PostgreSQL server binaries not found: apt-get install postgresql "
                    "(or set CASEBOOK_TEST_POSTGRES_URL)")
    root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="casebook-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    prefix: list[str] = []
    if root:
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                    "-E", "UTF8", "--locale=C.UTF-8", "--auth=trust"],
                   check=True, capture_output=True)
    opts = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off " \
           "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
    subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-w",
                    "-l", str(base / "server.log"), "start"], check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                        "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def new_postgres_database(server_url: str) -> str:
    """A fresh, empty database on the server; returns its URL."""
    import psycopg

    name = "cb_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server_url.replace("postgresql://", "postgresql://", 1),
                         autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
    return server_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlcipher", pytest.param("postgresql", marks=pytest.mark.postgres)])
def location(request, tmp_path):
    """Where a fresh casebook goes: a SQLCipher file, then a PostgreSQL database."""
    if request.param == "sqlcipher":
        return str(tmp_path / "casebook.db")
    return new_postgres_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def book(location):
    from casebook.store import Casebook

    cb = Casebook.create(location, PASSPHRASE, actor="tester")
    yield cb
    cb.close()


@pytest.fixture
def sqlite_book(tmp_path):
    from casebook.store import Casebook

    cb = Casebook.create(str(tmp_path / "casebook.db"), PASSPHRASE, actor="tester")
    yield cb
    cb.close()


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"needs ../shared beside the repository ({SHARED} is absent)")
    return SHARED
