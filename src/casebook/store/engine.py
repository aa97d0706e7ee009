"""Opening a casebook's database: SQLCipher file (embedded default) or PostgreSQL server.

The only place that knows the difference between the two backends, apart from search and the
first migration. A *location* is a file path or a ``postgresql://`` URL.
"""

from __future__ import annotations

import os
import re
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.pool import QueuePool

from casebook.errors import (
    AlreadyExists,
    MigrationNeeded,
    NotFound,
    StorageError,
    StoreCorrupt,
    StoreLocked,
    WrongPassphrase,
)
from casebook.store.keys import KeyFile
from casebook.store.writer_queue import WriterQueue

MIGRATIONS = Path(__file__).parent / "migrations"


def is_postgres(location: str) -> bool:
    return location.startswith(("postgresql://", "postgresql+psycopg://", "postgres://"))


@dataclass
class Backend:
    """An opened engine plus what is needed to manage its keys."""

    engine: Engine
    location: str
    key_file: KeyFile | None  # None for PostgreSQL

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name


def lock_wait_ms() -> int:
    """How long a writer waits for another program's lock: ``CASEBOOK_LOCK_WAIT`` seconds
    (default 30), then the command stops with "locked by another program"."""
    try:
        return max(0, int(float(os.environ.get("CASEBOOK_LOCK_WAIT", "30")) * 1000))
    except ValueError:
        return 30000


CACHE_KIB = 1024

_WRITERS: weakref.WeakKeyDictionary[Engine, WriterQueue] = weakref.WeakKeyDictionary()


def writer_queue(engine: Engine) -> WriterQueue | None:
    """The queue of an SQLite casebook's writers in this process (None for PostgreSQL)."""
    return _WRITERS.get(engine)


_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)


def _sqlcipher_engine(path: Path, data_key: bytes) -> Engine:
    # "x'…'" hands SQLCipher the raw 256-bit key: no second key derivation inside SQLCipher.
    url = URL.create("sqlite+pysqlcipher", password=f"x'{data_key.hex()}'", database=str(path))
    # A real pool: the dialect's default SingletonThreadPool closes connections that other
    # threads of the web server are still using. Big enough for the web server's forty
    # threads: connections beyond ``pool_size`` are closed on return and opened again, and
    # that churn (each with its page cache) fragmented the server's memory, which grew under
    # load (docs/reliability.md). A command opens only the connections it uses.
    # hide_parameters: an error's message never carries a testimony, a name or a place.
    engine = create_engine(
        url, connect_args={"timeout": lock_wait_ms() / 1000, "check_same_thread": False},
        hide_parameters=True, poolclass=QueuePool, pool_size=40, max_overflow=8, pool_timeout=60)
    writers = WriterQueue()  # this process's writers, in arrival order (store/writer_queue.py)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:
        # Transactions are begun by _begin_before_writes below, not by the driver.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        # Sorting and temporary tables stay in memory: SQLite's temp files would be
        # outside the encrypted pages' protection.
        cur.execute("PRAGMA temp_store = MEMORY")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute(f"PRAGMA busy_timeout = {lock_wait_ms()}")
        # 1 MiB of page cache per connection (SQLite's default is 2 MiB): the web server
        # keeps forty, and their caches filling as the casebook grew were most of its memory
        # growth under load (docs/reliability.md).
        cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        cur.close()

    @event.listens_for(engine, "before_cursor_execute")
    def _begin_before_writes(conn, cursor, statement, parameters, context, executemany) -> None:
        # Like the driver's own legacy behaviour, reads run without a transaction until the
        # first write; unlike it, schema changes (CREATE, DROP, ALTER) are inside the
        # transaction too, so a migration killed half-way rolls back whole. IMMEDIATE takes the
        # write lock up front, so concurrent writers wait on busy_timeout instead of failing.
        dbapi = conn.connection.driver_connection
        if dbapi.in_transaction or not conn.in_transaction():
            return
        if conn.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
            return
        if _WRITE.match(statement):
            if not writers.acquire(dbapi, lock_wait_ms() / 1000):
                raise engine.dialect.loaded_dbapi.OperationalError(
                    "database is locked (this program's other writers did not finish in time)")
            try:
                dbapi.execute("BEGIN IMMEDIATE")
            except BaseException:
                writers.release(dbapi)
                raise

    _queue_writers(engine, writers)
    _WRITERS[engine] = writers
    return engine


def _queue_writers(engine: Engine, writers: WriterQueue) -> None:
    """Hand the writers' turn on when a transaction ends: after the driver's COMMIT or ROLLBACK
    returns (the connection events fire before it), or when the connection goes away."""
    dialect = engine.dialect
    commit, rollback = dialect.do_commit, dialect.do_rollback

    def do_commit(dbapi_connection: Any) -> None:
        commit(dbapi_connection)  # a failed COMMIT is rolled back next, which releases
        writers.release(getattr(dbapi_connection, "driver_connection", dbapi_connection))

    def do_rollback(dbapi_connection: Any) -> None:
        try:
            rollback(dbapi_connection)
        finally:
            writers.release(getattr(dbapi_connection, "driver_connection", dbapi_connection))

    # The dialect object is this engine's own: the override touches no other engine.
    dialect.do_commit = do_commit  # type: ignore[method-assign]
    dialect.do_rollback = do_rollback  # type: ignore[method-assign]
    for gone in ("checkin", "close", "invalidate", "soft_invalidate", "detach"):
        event.listen(engine, gone, lambda dbapi_connection, *_: writers.release(dbapi_connection))


def _postgres_engine(location: str) -> Engine:
    url = make_url(location)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20,
                         hide_parameters=True)


def shown(location: str) -> str:
    """A location fit for a message: a PostgreSQL URL without its password."""
    if is_postgres(location):
        return make_url(location).render_as_string(hide_password=True)
    return location


def _probe(engine: Engine, location: str) -> None:
    location = shown(location)
    try:
        with engine.connect() as conn:
            probe = ("SELECT count(*) FROM sqlite_master" if engine.dialect.name == "sqlite"
                     else "SELECT 1")
            conn.execute(text(probe))
    except DatabaseError as exc:
        msg = " ".join((str(exc.orig) if getattr(exc, "orig", None) else str(exc)).split())
        if "locked" in msg:
            raise StoreLocked(f"{location}: the casebook is locked by another program") from None
        if "not a database" in msg or "file is encrypted" in msg:
            raise WrongPassphrase(f"{location}: the key does not open this database") from None
        folder = os.path.dirname(os.path.abspath(location))
        if not is_postgres(location) and "unable to open" in msg and not os.access(folder,
                                                                                  os.W_OK):
            raise StorageError(f"{location}: its folder is read-only, and a casebook writes "
                               "beside itself even to be read; copy it to a writable disk, or "
                               "mount this one read-write") from None
        raise StoreCorrupt(f"{location}: cannot open the database ({msg})") from None


def _check_casebook_file(path: Path) -> None:
    """Refuse what cannot be a casebook before SQLCipher would open (or create) it: an empty
    file would silently become a new, empty casebook."""
    if not path.is_file():
        raise StoreCorrupt(f"{path}: not a regular file, so not a casebook")
    size = path.stat().st_size
    if size == 0:
        raise StoreCorrupt(f"{path}: the file is empty (0 bytes): the casebook was truncated or "
                           "this is not one; restore it from a backup (`casebook restore`)")
    with open(path, "rb") as fh:
        head = fh.read(16)
    if head.startswith(b"SQLite format 3"):
        raise StoreCorrupt(f"{path}: an unencrypted SQLite file, not a casebook")
    if size < 1024:
        raise StoreCorrupt(f"{path}: too small to be a casebook (damaged or not one)")


def _migrate(engine: Engine) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    if head is None:
        raise RuntimeError("the migrations folder has no head revision")  # a packaging error
    return head


def create(location: str, passphrase: str | None) -> Backend:
    """Create a new, empty casebook at ``location`` and bring its schema to the newest revision."""
    if is_postgres(location):
        engine = _postgres_engine(location)
        try:
            _probe(engine, location)
        except StoreCorrupt as exc:
            where = make_url(location).render_as_string()
            raise StoreCorrupt(f"cannot reach PostgreSQL at {where}: {exc}") from None
        _migrate(engine)
        return Backend(engine, location, None)
    path = Path(location)
    if path.exists():
        raise AlreadyExists(f"{path}: a file is already there; choose another path")
    path.parent.mkdir(parents=True, exist_ok=True)
    key_file, data_key = KeyFile.create(KeyFile.path_for(path), passphrase or "")
    _build_then_rename(path, data_key)
    return Backend(_sqlcipher_engine(path, data_key), location, key_file)


def _build_then_rename(path: Path, data_key: bytes) -> None:
    """Build the new casebook under a hidden name and rename it into place when its schema is
    complete: a creation killed half-way leaves no empty or half-built file under the casebook's
    name (which would later read as a truncated casebook), only a hidden leftover, removed by
    the next attempt."""
    building = path.with_name(f".{path.name}.creating")
    leftovers = [building, *(building.with_name(building.name + s) for s in ("-wal", "-shm"))]
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    engine = _sqlcipher_engine(building, data_key)
    try:
        _migrate(engine)
        with engine.connect() as conn:  # everything into the main file before it is renamed
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    wal = leftovers[1]
    if wal.exists() and wal.stat().st_size:
        raise StoreCorrupt(f"{path}: the new casebook could not be completed; try again")
    os.replace(building, path)
    for leftover in leftovers[1:]:
        leftover.unlink(missing_ok=True)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_existing(location: str, passphrase: str | None, *, migrate: bool = True) -> Backend:
    """Open a casebook; a wrong passphrase raises ``WrongPassphrase``, never a traceback."""
    if is_postgres(location):
        engine = _postgres_engine(location)
        try:
            _probe(engine, location)
        except StoreCorrupt as exc:
            raise StoreCorrupt(f"cannot reach PostgreSQL: {exc}") from None
        except OperationalError as exc:
            detail = " ".join(str(getattr(exc, "orig", exc)).split())
            raise StoreCorrupt(f"cannot reach PostgreSQL at {shown(location)}: {detail}") from None
    else:
        path = Path(location)
        if not path.exists():
            raise NotFound(f"{path}: no casebook here (create one with `casebook init`)")
        _check_casebook_file(path)
        data_key = KeyFile.load(KeyFile.path_for(path)).unlock(passphrase or "")
        engine = _sqlcipher_engine(path, data_key)
        _probe(engine, location)
    if current_revision(engine) != head_revision():
        if not migrate:
            raise MigrationNeeded(
                f"{location}: the schema needs upgrading (run `casebook migrate`)")
        _migrate(engine)
    keys = None if is_postgres(location) else KeyFile.load(KeyFile.path_for(Path(location)))
    return Backend(engine, location, keys)
