"""An SQLite casebook's writers take turns in arrival order inside one process
(store/writer_queue.py): SQLite's own polling let the oldest waiters starve past the lock
timeout under the web server's load (docs/reliability.md)."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError, OperationalError

from casebook.errors import StoreLocked
from casebook.store import Casebook
from casebook.store.engine import writer_queue
from casebook.store.failures import translate
from casebook.store.schema import meta
from casebook.store.writer_queue import WriterQueue


def _until(predicate, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_turns_are_handed_over_in_arrival_order():
    q = WriterQueue()
    assert q.acquire("first", 1)
    order: list[int] = []

    def wait(n: int) -> None:
        assert q.acquire(n, 10)
        order.append(n)
        q.release(n)

    threads = []
    for n in range(8):
        t = threading.Thread(target=wait, args=(n,))
        t.start()
        threads.append(t)
        _until(lambda n=n: q.waiting == n + 1)
    q.release("first")
    for t in threads:
        t.join(10)
    assert order == list(range(8))
    assert q.owner is None and q.waiting == 0


def test_a_waiter_that_gives_up_leaves_the_queue_and_never_gets_the_turn():
    q = WriterQueue()
    assert q.acquire("holder", 1)
    assert q.acquire("late", 0.05) is False
    assert q.waiting == 0
    q.release("not the owner")  # nothing: only the owner ends its turn
    assert q.owner == "holder"
    q.release("holder")
    assert q.owner is None
    assert q.acquire("late", 0.05)


@pytest.fixture
def book(tmp_path):
    with Casebook.create(str(tmp_path / "cb.db"), "pw") as b:
        yield b


def test_a_write_transaction_holds_the_turn_until_commit_or_rollback(book):
    q = writer_queue(book.engine)
    assert q is not None and q.owner is None
    with book.engine.connect() as conn:
        with conn.begin():
            conn.execute(select(meta.c.key)).all()
            assert q.owner is None  # a read takes no turn
            conn.execute(insert(meta).values(key="k1", value="1"))
            assert q.owner is conn.connection.driver_connection
        assert q.owner is None  # committed
        with pytest.raises(IntegrityError), conn.begin():
            conn.execute(insert(meta).values(key="k2", value="2"))
            conn.execute(insert(meta).values(key="k2", value="2"))  # duplicate key
        assert q.owner is None  # rolled back
    book.audit.record("after")
    assert book.audit.verify().ok


def test_writers_waiting_on_the_casebook_are_served_oldest_first(book):
    q = writer_queue(book.engine)
    release = threading.Event()

    def holder() -> None:
        with book.engine.begin() as conn:
            conn.execute(insert(meta).values(key="held", value="1"))
            release.wait(20)

    def writer(n: int) -> None:
        book.audit.record(f"writer {n}")

    first = threading.Thread(target=holder)
    first.start()
    _until(lambda: q.owner is not None)
    threads = []
    for n in range(6):
        t = threading.Thread(target=writer, args=(n,))
        t.start()
        threads.append(t)
        _until(lambda n=n: q.waiting == n + 1)
    release.set()
    for t in [first, *threads]:
        t.join(20)
    actions = [e["action"] for e in reversed(book.audit.entries(limit=6))]
    assert actions == [f"writer {n}" for n in range(6)]
    assert book.audit.verify().ok


def test_a_writer_that_waits_past_the_lock_timeout_is_told_locked(book, monkeypatch):
    monkeypatch.setenv("CASEBOOK_LOCK_WAIT", "0.2")
    release = threading.Event()

    def holder() -> None:
        with book.engine.begin() as conn:
            conn.execute(insert(meta).values(key="held", value="1"))
            release.wait(20)

    t = threading.Thread(target=holder)
    t.start()
    _until(lambda: writer_queue(book.engine).owner is not None)
    try:
        with pytest.raises(OperationalError) as caught:
            book.audit.record("too late")
        assert isinstance(translate(caught.value), StoreLocked)  # the one line the user sees
    finally:
        release.set()
        t.join(20)
    book.audit.record("in time")
    assert book.audit.entries(limit=1)[0]["action"] == "in time"


def test_the_web_servers_connections_are_kept_with_a_bounded_page_cache(book):
    """Forty threads' connections stay in the pool (closing and reopening the overflow ones
    fragmented the server's memory), each with 1 MiB of page cache."""
    from casebook.store.engine import CACHE_KIB

    engine = book.engine
    held = [engine.connect() for _ in range(30)]
    try:
        for conn in held:
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -CACHE_KIB
    finally:
        for conn in held:
            conn.close()
    assert engine.pool.checkedin() == 30  # none closed on return
