"""``store.failures.translate`` on the exceptions the drivers and the disk really raise: each
becomes the error class whose exit code fits, with one line that names the caller's file or
record and never the statement's parameters (a testimony, a pseudonym, a place)."""

from __future__ import annotations

import errno
import os
import re
import sqlite3

import pytest
from sqlalchemy.exc import DataError, IntegrityError, OperationalError

from casebook.errors import (
    BadArgument,
    DiskFull,
    InvalidInput,
    NotFound,
    StorageError,
    StoreCorrupt,
    StoreLocked,
)
from casebook.store.failures import translate, where_it_broke

SECRET = "Ms. Kim, sold in Yanji"
STATEMENT = "INSERT INTO testimonies (text) VALUES (?)"


def _wrapped(cls, driver_message: str):
    """What SQLAlchemy raises: the driver's error wrapped, the parameters beside it."""
    return cls(STATEMENT, (SECRET,), sqlite3.OperationalError(driver_message))


@pytest.mark.parametrize(("exc", "kind", "says"), [
    (_wrapped(OperationalError, "database is locked"), StoreLocked, "locked by another program"),
    (_wrapped(OperationalError, "database or disk is full"), DiskFull, "the disk is full"),
    (_wrapped(OperationalError, "disk I/O error"), StorageError, "could not be written or read"),
    (_wrapped(OperationalError, "file is not a database"), StoreCorrupt, "`casebook restore`"),
    (_wrapped(IntegrityError, "UNIQUE constraint failed: persons.uid"), StorageError,
     "conflicts with a record stored at the same time (persons.uid)"),
    (_wrapped(DataError, "value too long"), InvalidInput, "a value of the wrong type"),
    (_wrapped(OperationalError, "something new"), StorageError,
     "the database refused the operation (OperationalError)"),
    (sqlite3.OperationalError("database is locked"), StoreLocked, "locked"),
])
def test_a_driver_failure_is_one_safe_line_naming_the_record(exc, kind, says):
    got = translate(exc, "import of interview-07.txt")
    assert isinstance(got, kind)
    message = str(got)
    assert message.startswith("import of interview-07.txt: ") and says in message
    assert "\n" not in message
    for leak in ("Kim", "Yanji", "INSERT", "testimonies (text)"):
        assert leak not in message


@pytest.mark.parametrize(("code", "kind", "says"), [
    (errno.ENOSPC, DiskFull, "the disk is full"),
    (errno.EACCES, InvalidInput, "permission denied"),
    (errno.EROFS, InvalidInput, "permission denied"),
    (errno.EIO, StorageError, "Input/output error"),
])
def test_a_disk_failure_says_what_to_do_without_the_path_it_was_given(code, kind, says):
    exc = OSError(code, os.strerror(code), f"/home/field/{SECRET}.txt")
    got = translate(exc)
    assert isinstance(got, kind) and says in str(got) and SECRET not in str(got)


def test_an_id_too_large_for_the_database_is_a_usage_error():
    got = translate(OverflowError("Python int too large to convert to SQLite INTEGER"), "--id")
    assert isinstance(got, BadArgument) and str(got).startswith("--id: a number is out of range")


def test_our_own_errors_pass_through_and_a_bug_is_not_dressed_up():
    mine = NotFound("testimony 7: no such testimony")
    assert translate(mine) is mine
    assert translate(KeyError(SECRET)) is None
    assert translate(ValueError(SECRET)) is None


def _broken():
    return {}["missing " + SECRET]


def test_where_a_bug_broke_names_the_place_in_the_code_and_nothing_of_the_data():
    try:
        _broken()
    except KeyError as exc:
        where = where_it_broke(exc)
    assert re.fullmatch(r"KeyError at casebook/\S*test_failures_translate\.py:\d+", where)
    assert SECRET not in where
