"""The web server hands freed memory back to the system (web/memory.py): under load its
allocator's free-but-kept memory grew without end while what it used stayed flat."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from casebook.web import memory

pytestmark = pytest.mark.skipif(memory._libc() is None, reason="needs glibc's allocator")

# Threads allocate many blocks of 2-3 KB, then free all but one in forty; the survivors pin
# the heaps' tops, so glibc keeps the freed pages (resident) until malloc_trim.
CHILD = textwrap.dedent("""
    import ctypes, sys, threading
    from casebook.web import memory
    libc = ctypes.CDLL("libc.so.6")
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    kept = []
    def churn(n):
        blocks = [libc.malloc(2048 + (i % 7) * 128) for i in range(60_000)]
        for i, b in enumerate(blocks):
            if i % 40 == 39:
                kept.append(b)
            else:
                libc.free(b)
    threads = [threading.Thread(target=churn, args=(n,)) for n in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    def rss():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    before = rss()
    assert memory.trim() is True
    print(before, rss())
""")


def test_trimming_gives_freed_pages_back():
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                         timeout=120, check=True).stdout.split()
    before, after = int(out[0]), int(out[1])
    assert before - after > 200, (before, after)  # ≈ 580 MB churned, ≈ 15 MB kept


def test_the_trimmer_starts_once_per_process():
    assert memory.keep_memory_returned(every=3600) is True
    first = memory._trimmer
    assert first is not None and first.is_alive() and first.daemon
    assert memory.keep_memory_returned(every=3600) is True
    assert memory._trimmer is first
