"""Organisations, users, roles and per-testimony restrictions: who may open the casebook on the web.

Passwords are hashed with argon2id (argon2-cffi's ``PasswordHasher``), TOTP secrets live only
inside the store, and repeated failed logins lock an account for a while. Every change here is
written to the audit chain in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, delete, func, insert, select, update

from casebook.errors import AlreadyExists, InvalidInput, NotFound, PermissionDenied
from casebook.store import audit as audit_log
from casebook.store.schema import meta, organisations, testimonies, testimony_restrictions, users

ROLES = ("documenter", "reviewer", "analyst", "admin")
MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD_CHARS = 10
TOTP_SETUP = dt.timedelta(minutes=15)  # how long a set-up may wait for its first code


def _hasher() -> PasswordHasher:
    # Tests set CASEBOOK_FAST_KDF; production keeps argon2-cffi's recommended cost.
    if os.environ.get("CASEBOOK_FAST_KDF"):
        return PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    return PasswordHasher()


_DUMMY_HASH: str | None = None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; everything here is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


@dataclass
class Organisation:
    id: int
    code: str
    name: str


@dataclass
class User:
    """A web user as the permission checks see it (never the password hash)."""

    id: int
    username: str
    display_name: str | None
    organisation: str  # organisation code, as stored on testimonies
    organisation_id: int
    role: str
    can_read_narratives: bool
    active: bool
    totp_enabled: bool
    failed_logins: int
    locked_until: dt.datetime | None
    sessions_valid_after: dt.datetime | None
    language: str | None
    last_login_at: dt.datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "username": self.username, "display_name": self.display_name,
                "organisation": self.organisation, "role": self.role,
                "can_read_narratives": self.can_read_narratives, "active": self.active,
                "totp_enabled": self.totp_enabled,
                "locked": bool(self.locked_until and self.locked_until > _now())}


class Users:
    """The user repository of one casebook (shares its engine and audit chain)."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.engine = book.engine

    def _audit(self, conn: Connection, action: str, target: str | None, detail: Any = None,
               actor: str | None = None) -> None:
        audit_log.append(conn, actor or self.book.actor, action, target, detail)

    # -- organisations ---------------------------------------------------------------------
    def add_organisation(self, code: str, name: str | None = None) -> Organisation:
        code = (code or "").strip()
        if not code or len(code) > 200:
            raise InvalidInput("organisation: a code of 1-200 characters is required")
        with self.engine.begin() as conn:
            if conn.execute(select(organisations.c.id).where(organisations.c.code == code)).first():
                raise AlreadyExists(f"organisation {code!r}: already exists")
            oid = conn.execute(insert(organisations).values(
                code=code, name=(name or code).strip(), created_at=_now())).inserted_primary_key[0]
            self._audit(conn, "add_organisation", f"organisation:{oid}", {"code": code})
        return Organisation(oid, code, (name or code).strip())

    def organisation(self, code: str) -> Organisation:
        with self.engine.connect() as conn:
            row = conn.execute(select(organisations).where(organisations.c.code == code)).first()
        if row is None:
            raise NotFound(f"organisation {code!r}: no such organisation")
        return Organisation(row.id, row.code, row.name)

    def organisations(self) -> list[Organisation]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(organisations).order_by(organisations.c.code)).all()
        return [Organisation(r.id, r.code, r.name) for r in rows]

    # -- users -----------------------------------------------------------------------------
    def add(self, username: str, password: str, organisation: str, role: str,
            display_name: str | None = None, can_read_narratives: bool = False,
            totp_secret: str | None = None, create_organisation: bool = False) -> User:
        username = (username or "").strip()
        if not username or len(username) > 100 or any(c.isspace() for c in username):
            raise InvalidInput("username: 1-100 characters without spaces")
        if role not in ROLES:
            raise InvalidInput(f"role: {role!r} is not one of {', '.join(ROLES)}")
        check_password(password)
        if create_organisation:
            try:
                self.organisation(organisation)
            except NotFound:
                self.add_organisation(organisation)
        org = self.organisation(organisation)
        digest = _hasher().hash(password)
        with self.engine.begin() as conn:
            if conn.execute(select(users.c.id).where(users.c.username == username)).first():
                raise AlreadyExists(f"user {username!r}: already exists")
            uid = conn.execute(insert(users).values(
                username=username, display_name=display_name, organisation_id=org.id, role=role,
                password_hash=digest, totp_secret=totp_secret,
                can_read_narratives=bool(can_read_narratives), active=True, failed_logins=0,
                created_at=_now())).inserted_primary_key[0]
            self._audit(conn, "add_user", f"user:{uid}",
                        {"username": username, "organisation": org.code, "role": role})
        return self.get(uid)

    def _query(self):
        return (select(users, organisations.c.code.label("org_code"))
                .select_from(users.join(organisations,
                                        organisations.c.id == users.c.organisation_id)))

    def get(self, user_id: int) -> User:
        with self.engine.connect() as conn:
            row = conn.execute(self._query().where(users.c.id == user_id)).first()
        if row is None:
            raise NotFound(f"user {user_id}: no such user")
        return _user(row)

    def by_name(self, username: str) -> User | None:
        with self.engine.connect() as conn:
            row = conn.execute(self._query().where(users.c.username == username)).first()
        return _user(row) if row else None

    def all(self, organisation: str | None = None) -> list[User]:
        q = self._query().order_by(organisations.c.code, users.c.username)
        if organisation:
            q = q.where(organisations.c.code == organisation)
        with self.engine.connect() as conn:
            return [_user(r) for r in conn.execute(q)]

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(users)).scalar_one()

    def update(self, user_id: int, *, role: str | None = None, active: bool | None = None,
               can_read_narratives: bool | None = None, language: str | None = None,
               actor: str | None = None) -> User:
        values: dict[str, Any] = {}
        if role is not None:
            if role not in ROLES:
                raise InvalidInput(f"role: {role!r} is not one of {', '.join(ROLES)}")
            values["role"] = role
        if active is not None:
            values["active"] = bool(active)
            if not active:
                values["sessions_valid_after"] = _now()
        if can_read_narratives is not None:
            values["can_read_narratives"] = bool(can_read_narratives)
        if language is not None:
            values["language"] = language
        if values:
            with self.engine.begin() as conn:
                conn.execute(update(users).where(users.c.id == user_id).values(**values))
                self._audit(conn, "update_user", f"user:{user_id}",
                            {k: v for k, v in values.items() if k != "sessions_valid_after"},
                            actor)
        return self.get(user_id)

    def set_password(self, user_id: int, password: str, actor: str | None = None) -> None:
        check_password(password)
        with self.engine.begin() as conn:
            conn.execute(update(users).where(users.c.id == user_id).values(
                password_hash=_hasher().hash(password), failed_logins=0, locked_until=None,
                sessions_valid_after=_now()))
            self._audit(conn, "set_password", f"user:{user_id}", None, actor)

    def set_totp(self, user_id: int, secret: str | None, actor: str | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(users).where(users.c.id == user_id).values(totp_secret=secret))
            conn.execute(delete(meta).where(meta.c.key == _pending_key(user_id)))
            self._audit(conn, "set_totp", f"user:{user_id}", {"enabled": secret is not None},
                        actor)

    def start_totp_setup(self, user_id: int, actor: str | None = None) -> str:
        """A fresh TOTP secret waiting for the user's first code. Kept in the encrypted store
        (not in a server process, so every web worker sees it) for ``TOTP_SETUP`` at most."""
        secret = pyotp.random_base32()
        with self.engine.begin() as conn:
            conn.execute(delete(meta).where(meta.c.key == _pending_key(user_id)))
            conn.execute(insert(meta).values(key=_pending_key(user_id), value={
                "secret": secret, "at": _now().isoformat()}))
            self._audit(conn, "start_totp_setup", f"user:{user_id}", None, actor)
        return secret

    def pending_totp(self, user_id: int) -> str | None:
        """The secret of a TOTP set-up in progress, or None (none, or older than TOTP_SETUP)."""
        with self.engine.connect() as conn:
            value = conn.execute(select(meta.c.value).where(
                meta.c.key == _pending_key(user_id))).scalar()
        if not value or _now() - dt.datetime.fromisoformat(value["at"]) > TOTP_SETUP:
            return None
        return str(value["secret"])

    def totp_secret(self, user_id: int) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(users.c.totp_secret).where(users.c.id == user_id)).scalar()

    def logout_everywhere(self, user_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(users).where(users.c.id == user_id).values(
                sessions_valid_after=_now()))

    # -- logging in --------------------------------------------------------------------------
    def authenticate(self, username: str, password: str, totp_code: str | None = None) -> User:
        """The user if name, password (and TOTP code when enabled) are right; else PermissionDenied.

        The message never says which part was wrong. After ``MAX_FAILED_LOGINS`` failures the
        account is locked for ``LOCKOUT``, even for the right password.
        """
        global _DUMMY_HASH
        hasher = _hasher()
        generic = PermissionDenied("login: wrong username, password or code")
        with self.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.username == (username or ""))).first()
        if row is None:
            _DUMMY_HASH = _DUMMY_HASH or hasher.hash("not a password of anyone")
            try:  # same work as a real check, so timing does not reveal unknown names
                hasher.verify(_DUMMY_HASH, password or "-")
            except VerificationError:
                pass
            self.book.audit.record("login_failed", None, {"reason": "unknown user"})
            raise generic
        now = _now()
        locked_until = _aware(row.locked_until)
        if locked_until and locked_until > now:
            # The same answer, after the same work, as for an unknown name or a wrong password:
            # a lockout must not tell an attacker that the name exists.
            _DUMMY_HASH = _DUMMY_HASH or hasher.hash("not a password of anyone")
            try:
                hasher.verify(_DUMMY_HASH, password or "-")
            except VerificationError:
                pass
            self.book.audit.record("login_refused", f"user:{row.id}", {"reason": "locked"})
            raise generic
        ok = row.active
        try:
            hasher.verify(row.password_hash, password or "")
        except (VerificationError, InvalidHashError):
            ok = False
        step: int | None = None
        if ok and row.totp_secret:
            step = _totp_step(row.totp_secret, totp_code, now)
            ok = step is not None
        with self.engine.begin() as conn:
            if ok and step is not None and not _spend_totp_step(conn, row.id, step):
                ok = False  # a code already used once (replayed or shoulder-surfed)
            if not ok:
                failed = row.failed_logins + 1
                values: dict[str, Any] = {"failed_logins": failed}
                if failed >= MAX_FAILED_LOGINS:
                    values.update(locked_until=now + LOCKOUT, failed_logins=0)
                conn.execute(update(users).where(users.c.id == row.id).values(**values))
                self._audit(conn, "login_failed", f"user:{row.id}",
                            {"locked": failed >= MAX_FAILED_LOGINS}, row.username)
            else:
                values = {"failed_logins": 0, "locked_until": None, "last_login_at": now}
                if hasher.check_needs_rehash(row.password_hash):
                    values["password_hash"] = hasher.hash(password)
                conn.execute(update(users).where(users.c.id == row.id).values(**values))
                self._audit(conn, "login", f"user:{row.id}", None, row.username)
        if not ok:
            raise generic
        return self.get(row.id)

    def unlock(self, user_id: int, actor: str | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(users).where(users.c.id == user_id).values(
                failed_logins=0, locked_until=None))
            self._audit(conn, "unlock_user", f"user:{user_id}", None, actor)

    # -- restrictions: a testimony only named users may open -----------------------------------
    def restrict(self, testimony_id: int, user_ids: list[int], actor: str | None = None) -> None:
        """Replace the list of users who may open this testimony (empty list: no restriction)."""
        with self.engine.begin() as conn:
            if conn.execute(select(testimonies.c.id).where(
                    testimonies.c.id == testimony_id)).first() is None:
                raise NotFound(f"testimony {testimony_id}: no such testimony")
            conn.execute(delete(testimony_restrictions).where(
                testimony_restrictions.c.testimony_id == testimony_id))
            now = _now()
            for uid in dict.fromkeys(user_ids):
                conn.execute(insert(testimony_restrictions).values(
                    testimony_id=testimony_id, user_id=uid, created_at=now,
                    created_by=actor or self.book.actor))
            self._audit(conn, "restrict_testimony", f"testimony:{testimony_id}",
                        {"users": list(dict.fromkeys(user_ids))}, actor)

    def restricted_to(self, testimony_id: int) -> list[int]:
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(select(testimony_restrictions.c.user_id).where(
                testimony_restrictions.c.testimony_id == testimony_id))]


def _totp_step(secret: str, code: str | None, now: dt.datetime) -> int | None:
    """The 30-second time step whose code this is (now, or one step either side), or None."""
    import pyotp

    if not code:
        return None
    totp = pyotp.TOTP(secret)
    typed = str(code).strip()
    current = totp.timecode(now)
    for step in (current, current - 1, current + 1):
        if pyotp.utils.strings_equal(typed, totp.generate_otp(step)):
            return step
    return None


def _spend_totp_step(conn: Connection, user_id: int, step: int) -> bool:
    """Record ``step`` as used; False if it (or a later one) was used already: single use."""
    key = f"users.totp_last_step:{user_id}"
    last = conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar()
    if last is not None and int(last) >= step:
        return False
    conn.execute(delete(meta).where(meta.c.key == key))
    conn.execute(insert(meta).values(key=key, value=step))
    return True


def _pending_key(user_id: int) -> str:
    return f"users.totp_setup:{user_id}"


def check_password(password: str) -> None:
    if not password or len(password) < MIN_PASSWORD_CHARS:
        raise InvalidInput(f"password: at least {MIN_PASSWORD_CHARS} characters")


def _user(row: Any) -> User:
    return User(
        id=row.id, username=row.username, display_name=row.display_name,
        organisation=row.org_code, organisation_id=row.organisation_id, role=row.role,
        can_read_narratives=bool(row.can_read_narratives), active=bool(row.active),
        totp_enabled=bool(row.totp_secret), failed_logins=row.failed_logins,
        locked_until=_aware(row.locked_until),
        sessions_valid_after=_aware(row.sessions_valid_after),
        language=row.language, last_login_at=_aware(row.last_login_at),
    )
