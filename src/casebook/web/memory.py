"""Giving the web server's freed memory back to the system.

Measured under 200 clients (docs/reliability.md): the memory the server's allocator had in use
stayed flat (≈ 55–70 MB: Python's objects, SQLite's page caches) while the memory it had freed
but kept grew without end, 45 → 170 MB in 150 s, and the process's resident size with it. glibc
gives each of the server's forty threads' allocations an arena of its own (up to eight per
core) and returns a freed page to the system only from the top of a heap. So: few arenas, and a
``malloc_trim`` every half minute, which hands back every free page of every arena. Elsewhere
than glibc this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading

M_ARENA_MAX = -8  # mallopt parameter (malloc.h)
ARENAS = 2
TRIM_EVERY_SECONDS = 30.0

_started = threading.Lock()
_trimmer: threading.Thread | None = None


def _libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim, libc.mallopt  # noqa: B018 - glibc only
    except (OSError, AttributeError):
        return None
    return libc


def trim() -> bool:
    """Return the allocator's free pages to the system now; False when it cannot (not glibc)."""
    libc = _libc()
    if libc is None:
        return False
    libc.malloc_trim(0)
    return True


def keep_memory_returned(every: float = TRIM_EVERY_SECONDS) -> bool:
    """Limit the allocator's arenas and trim them every ``every`` seconds, once per process
    (a daemon thread). False where the allocator is not glibc's."""
    global _trimmer
    libc = _libc()
    if libc is None:
        return False
    with _started:
        if _trimmer is None:
            libc.mallopt(M_ARENA_MAX, ARENAS)
            stop = threading.Event()

            def loop() -> None:
                while not stop.wait(every):
                    libc.malloc_trim(0)

            _trimmer = threading.Thread(target=loop, name="casebook-malloc-trim", daemon=True)
            _trimmer.start()
    return True
