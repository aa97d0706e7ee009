"""The casebook: the one door through which every command and page reads and writes records.

It is split by noun, like splink's linker components: ``book.testimonies``, ``.persons``,
``.facts``, ``.consent``, ``.links``, ``.audit``, ``.users``, ``.meta``, ``.scans`` and
``.cases``, each a small module of this package. ``book.as_user(user)`` is the same casebook as
one web user sees it. Each writing method is one transaction that also writes its audit entry,
so a record and the entry that says who wrote it are either both there or both absent.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select

from casebook.model import ACCEPTED, SUGGESTED, ConsentedTestimony
from casebook.store import audit as audit_log
from casebook.store import engine as engines
from casebook.store.audit import AuditLog
from casebook.store.cases import Cases
from casebook.store.consent import ConsentRecords
from casebook.store.facts import Facts
from casebook.store.learned import LearnedModels
from casebook.store.links import LinkDecisions
from casebook.store.meta import Meta
from casebook.store.persons import Persons
from casebook.store.reads import read_for
from casebook.store.reviews import Reviews
from casebook.store.scans import Scans
from casebook.store.schema import cases, facts, persons, testimonies
from casebook.store.scoped import UserCasebook
from casebook.store.testimonies import Testimonies
from casebook.store.users import User, Users


def default_actor() -> str:
    """Who is acting: ``CASEBOOK_USER`` if set, else the operating-system user."""
    try:
        return os.environ.get("CASEBOOK_USER") or getpass.getuser()
    except (KeyError, OSError):  # no user database entry (containers)
        return "unknown"


class Casebook:
    """An opened casebook. Use :meth:`create` or :meth:`open`; close it when done."""

    def __init__(self, backend: engines.Backend, actor: str | None = None) -> None:
        self.backend = backend
        self.engine = backend.engine
        self.actor = actor or default_actor()
        self.testimonies = Testimonies(self)
        self.persons = Persons(self)
        self.facts = Facts(self)
        self.consent = ConsentRecords(self)
        self.links = LinkDecisions(self)
        self.audit = AuditLog(self)
        self.users = Users(self)
        self.meta = Meta(self)
        self.scans = Scans(self)
        self.cases = Cases(self)
        self.reviews = Reviews(self)
        self.learned = LearnedModels(self)

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def create(cls, location: str, passphrase: str | None, actor: str | None = None) -> Casebook:
        """A new casebook: a SQLCipher file (and its key file) or a PostgreSQL database."""
        book = cls(engines.create(location, passphrase), actor)
        with book.engine.begin() as conn:
            audit_log.append(conn, book.actor, "create", None, {"backend": book.dialect})
        return book

    @classmethod
    def open(cls, location: str, passphrase: str | None, actor: str | None = None) -> Casebook:
        return cls(engines.open_existing(location, passphrase), actor)

    def with_actor(self, actor: str) -> Casebook:
        """The same opened casebook, writing ``actor`` into the audit entries."""
        return Casebook(self.backend, actor)

    def as_user(self, user: User) -> UserCasebook:
        """The casebook as ``user`` sees it: every read applies the user's visibility."""
        return UserCasebook(self.with_actor(user.username), user)

    @property
    def dialect(self) -> str:
        return self.backend.dialect

    @property
    def location(self) -> str:
        """The file path or PostgreSQL URL it was opened from."""
        return self.backend.location

    @property
    def key_path(self) -> Path | None:
        """The key file beside a SQLCipher casebook (None on PostgreSQL)."""
        return self.backend.key_file.path if self.backend.key_file else None

    def close(self) -> None:
        """Release the database connections (every ``with_actor`` copy shares them)."""
        self.engine.dispose()

    def __enter__(self) -> Casebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the whole book -----------------------------------------------------------------------
    def count(self) -> dict[str, int]:
        """How many persons, testimonies, suggested and accepted facts, and cases."""
        with self.engine.connect() as conn:
            def n(table: Any, *where: Any) -> int:
                return int(conn.execute(select(func.count()).select_from(table)
                                        .where(*where)).scalar_one())
            return {"persons": n(persons), "testimonies": n(testimonies),
                    "facts_suggested": n(facts, facts.c.status == SUGGESTED),
                    "facts_accepted": n(facts, facts.c.status == ACCEPTED),
                    "cases": n(cases)}

    def read_for(self, use: str, *, partner: str | None = None, with_text: bool = False,
                 purpose: str | None = None,
                 reviewed_only: bool = False) -> list[ConsentedTestimony]:
        """The accepted, consented records one analysis may use: see ``store/reads.py``'s
        table ``USES`` (statistics, estimation, network, linkage_*, export, legal, referral);
        ``reviewed_only`` keeps only testimonies whose review was closed."""
        return read_for(self, use, partner=partner, with_text=with_text, purpose=purpose,
                        reviewed_only=reviewed_only)

    def snapshot(self, target: Path) -> dict[str, Any]:
        """Copy a SQLCipher casebook, encrypted under the same key, into ``target`` and
        measure the copy (counts, audit chain, revision); for backups."""
        from casebook.store.snapshot import snapshot

        return snapshot(self, target)

    # -- for the components -----------------------------------------------------------------
    def _audit(self, conn: Connection, action: str, target: str | None,
               detail: Any = None) -> None:
        audit_log.append(conn, self.actor, action, target, detail)

    def _audit_many(self, conn: Connection, items: list[tuple[str, str | None, Any]]) -> None:
        if items:
            audit_log.append_many(conn, self.actor, items)
