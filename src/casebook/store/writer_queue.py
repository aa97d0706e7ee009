"""One SQLite casebook's writers, first come first served, inside one process.

SQLite lets one writer at a time hold its lock; the others poll (``busy_timeout``), sleeping
longer after each try: up to 100 ms. Under load a writer that has waited a while sleeps
100 ms between tries while a newcomer tries after 1, 2, 5 ms and takes the lock first, so the
oldest waiters can starve past the lock timeout even though each transaction holds the lock
for milliseconds (measured in docs/reliability.md: 503 "locked" on searches under 200
clients). The web server's threads therefore queue here, in arrival order, before ``BEGIN
IMMEDIATE``; each is handed the turn when the one before it commits or rolls back. Other
processes (a CLI command beside the server) still meet at SQLite's lock and its timeout.
"""

from __future__ import annotations

import threading
from collections import deque


class WriterQueue:
    """A lock handed over in arrival order, owned by a database connection (not a thread):
    a transaction begins and ends on the connection, whichever thread drives it."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._owner: object | None = None
        self._waiting: deque[tuple[object, threading.Event]] = deque()

    def acquire(self, owner: object, timeout: float) -> bool:
        """Wait for ``owner``'s turn, at most ``timeout`` seconds; False when it did not come."""
        with self._mutex:
            if self._owner is owner:
                return True
            if self._owner is None and not self._waiting:
                self._owner = owner
                return True
            entry = (owner, threading.Event())
            self._waiting.append(entry)
        if entry[1].wait(timeout):
            return True
        with self._mutex:
            if self._owner is owner:  # handed over just as the wait ended
                return True
            self._waiting.remove(entry)
            return False

    def release(self, owner: object) -> None:
        """End ``owner``'s turn (nothing if it does not hold it) and hand it to the next."""
        with self._mutex:
            if self._owner is not owner:
                return
            if self._waiting:
                self._owner, turn = self._waiting.popleft()
                turn.set()
            else:
                self._owner = None

    @property
    def owner(self) -> object | None:
        return self._owner

    @property
    def waiting(self) -> int:
        return len(self._waiting)
