"""What every Casebook process does first: no core dump may ever hold a testimony or a key.

A core dump is the process's memory written to disk in plaintext: decrypted testimonies, the
passphrase, the data key. ``RLIMIT_CORE = 0`` stops the kernel writing one (and children inherit
it); ``PR_SET_DUMPABLE = 0`` also stops ``systemd-coredump``/apport pipes, ``gcore`` and other
processes of the same user from reading this one's memory through ptrace or ``/proc``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import resource
import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def no_core_dumps() -> None:
    """Forbid core dumps for this process (and its children). Safe to call more than once."""
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):  # pragma: no cover - a hard limit already lower
        pass
    if sys.platform.startswith("linux"):
        libc = _libc()
        if libc is not None:
            libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def dumpable() -> bool:
    """Whether this process could still be dumped (for tests)."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_CORE)
    if soft != 0:
        return True
    libc = _libc() if sys.platform.startswith("linux") else None
    return bool(libc and libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name or "libc.so.6", use_errno=True)
    except OSError:  # pragma: no cover
        return None
