"""A throwaway PostgreSQL server for tests and benchmarks (Debian's ``postgresql`` package).

Started in a private directory on a free loopback port; as root the server runs as the
``postgres`` user, because PostgreSQL refuses to run as root. Not for production use.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


@contextmanager
def temporary_server() -> Iterator[str]:
    """Yield the URL of a fresh server; it is stopped and its files removed afterwards."""
    bins = bindir()
    if bins is None:
        raise RuntimeError("PostgreSQL server binaries not found: apt-get install postgresql")
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
    subprocess.run([*prefix, str(bins / "initdb"), "-D", str(data), "-U", "postgres",
                    "-E", "UTF8", "--locale=C.UTF-8", "--auth=trust"],
                   check=True, capture_output=True)
    opts = (f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300")
    subprocess.run([*prefix, str(bins / "pg_ctl"), "-D", str(data), "-o", opts, "-w",
                    "-l", str(base / "server.log"), "start"], check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*prefix, str(bins / "pg_ctl"), "-D", str(data), "-m", "immediate",
                        "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def new_database(server_url: str) -> str:
    """A fresh, empty database on the server; returns its URL."""
    import psycopg  # only when a PostgreSQL server is started (tests, benchmarks)

    name = "cb_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
    return server_url.rsplit("/", 1)[0] + "/" + name
