"""Shared fixtures: fresh casebooks on SQLCipher and on a real PostgreSQL server.

The PostgreSQL server is Debian's ``postgresql`` package, started by the suite in a private
directory on a loopback port when ``CASEBOOK_TEST_POSTGRES_URL`` is not set. As root (CI), the
server runs as the ``postgres`` user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check what holds, not how fast: on a machine shared by several test runs one
# example can take 400 ms, and hypothesis's default 200 ms deadline then fails it as "flaky".
settings.register_profile("shared-machine", deadline=None)
settings.load_profile("shared-machine")

os.environ.setdefault("CASEBOOK_FAST_KDF", "1")  # argon2id at test cost; production keeps its cost
os.environ.pop("CASEBOOK_DB", None)
os.environ.pop("CASEBOOK_PASSPHRASE", None)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PASSPHRASE = "correct horse battery staple"


@pytest.fixture(scope="session")
def postgres_server():
    """URL of a PostgreSQL server for the whole session (started here when none is configured)."""
    configured = os.environ.get("CASEBOOK_TEST_POSTGRES_URL")
    if configured:
        yield configured
        return
    from casebook.store import pgserver

    if pgserver.bindir() is None:
        pytest.fail("PostgreSQL server binaries not found: apt-get install postgresql "
                    "(or set CASEBOOK_TEST_POSTGRES_URL)")
    with pgserver.temporary_server() as url:
        yield url


def new_postgres_database(server_url: str) -> str:
    from casebook.store.pgserver import new_database

    return new_database(server_url)


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
