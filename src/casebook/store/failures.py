"""Turning what the database, the disk and the drivers raise into one safe line.

A driver's message can carry SQL parameters (a testimony's text, a pseudonym, a place), and a
PostgreSQL error's DETAIL quotes the conflicting values; none of that may reach a terminal or a
log. :func:`translate` keeps only what is safe to say (the kind of failure, a schema name, the
file or record the caller names) and picks the error class whose exit code fits.
"""

from __future__ import annotations

import errno
import re
import traceback

from casebook.errors import (
    BadArgument,
    CasebookError,
    DiskFull,
    InvalidInput,
    StorageError,
    StoreCorrupt,
    StoreLocked,
)

_CONSTRAINT = re.compile(r"constraint failed: ([A-Za-z_][\w.]*)")


def _driver_message(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).lower()


def _prefix(where: str | None) -> str:
    return f"{where}: " if where else ""


def translate(exc: BaseException, where: str | None = None) -> CasebookError | None:
    """The ``CasebookError`` that says safely what went wrong, or None for a bug.

    ``where`` names the file, record or command the failure belongs to; it is the only
    caller-given text in the message.
    """
    if isinstance(exc, CasebookError):
        return exc
    at = _prefix(where)
    if isinstance(exc, OSError) and not _is_sqlalchemy(exc):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return DiskFull(f"{at}the disk is full; free some space and run it again "
                            "(what was stored before is kept)")
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return InvalidInput(f"{at}permission denied ({exc.strerror})")
        return StorageError(f"{at}{exc.strerror or 'input/output error'}")
    if isinstance(exc, OverflowError):
        return BadArgument(f"{at}a number is out of range (ids are at most {2**63 - 1})")
    if not _is_sqlalchemy(exc) and not _is_driver(exc):
        return None
    msg = _driver_message(exc)
    if "locked" in msg or "busy" in msg or "lock timeout" in msg or "could not obtain lock" in msg:
        return StoreLocked(f"{at}the casebook is locked by another program; "
                           "wait for it to finish and run it again")
    if any(w in msg for w in ("server closed the connection", "terminating connection",
                              "connection refused", "connection failed", "the database system is",
                              "consuming input failed", "connection is closed",
                              "connection to server")):
        # The commit may have reached the server before its answer was lost: say "may".
        return StorageError(f"{at}the database server is not answering (stopped or restarting);"
                            " this may not have been stored: run it again when the server is "
                            "back (what is already stored is recognised, not doubled)")
    if "disk is full" in msg or "no space left" in msg or "database or disk is full" in msg:
        return DiskFull(f"{at}the disk is full; free some space and run it again "
                        "(what was stored before is kept)")
    if "disk i/o error" in msg or "file too large" in msg:
        return StorageError(f"{at}the disk could not be written or read (full, too large a file, "
                            "or failing); check free space and the disk, then run it again "
                            "(what was stored before is kept)")
    if ("malformed" in msg or "not a database" in msg
            or "file is encrypted" in msg or "corrupt" in msg or "hmac check failed" in msg):
        return StoreCorrupt(f"{at}the casebook file is damaged (a page cannot be read); "
                            "restore it from a backup (`casebook restore`)")
    if type(exc).__name__ in ("IntegrityError", "UniqueViolation") or "constraint" in msg:
        found = _CONSTRAINT.search(msg)
        what = f" ({found.group(1)})" if found else ""
        return StorageError(f"{at}conflicts with a record stored at the same time{what}; "
                            "run it again")
    if ("binding parameter" in msg or "type" in msg and "not supported" in msg
            or type(exc).__name__ in ("DataError", "InterfaceError", "ProgrammingError")):
        return InvalidInput(f"{at}a field has a value of the wrong type")
    if "null character" in msg or "nul" in msg and "character" in msg:
        return InvalidInput(f"{at}a value contains a NUL character")
    return StorageError(f"{at}the database refused the operation ({type(exc).__name__})")


def _is_sqlalchemy(exc: BaseException) -> bool:
    return type(exc).__module__.startswith("sqlalchemy")


def _is_driver(exc: BaseException) -> bool:
    module = type(exc).__module__
    return module.startswith(("sqlcipher3", "sqlite3", "psycopg"))


def where_it_broke(exc: BaseException) -> str:
    """``Type at module.py:line`` for a bug: where to look, and nothing of the data."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/casebook/" in f.filename] or frames
    if not ours:
        return type(exc).__name__
    last = ours[-1]
    path = last.filename.split("/casebook/", 1)[-1] if "/casebook/" in last.filename \
        else last.filename.rsplit("/", 1)[-1]
    return f"{type(exc).__name__} at casebook/{path}:{last.lineno}"
