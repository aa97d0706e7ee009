"""Organisations, users, logins, lockout, TOTP and restrictions, on SQLCipher and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pyotp
import pytest

from casebook.errors import AlreadyExists, InvalidInput, NotFound, PermissionDenied
from casebook.model import Person, Testimony
from casebook.store import users as users_module
from casebook.store.users import MAX_FAILED_LOGINS, ROLES, Users

PW = "a long enough password"


@pytest.fixture
def users(book):
    u = Users(book)
    u.add_organisation("hanul", "Hanul Documentation Centre")
    return u


def _actions(book) -> list[str]:
    return [e["action"] for e in book.audit.entries(200)]


def test_organisations(users):
    bridge = users.add_organisation("bridge")
    assert bridge.name == "bridge" and users.organisation("bridge").id == bridge.id
    assert [o.code for o in users.organisations()] == ["bridge", "hanul"]
    assert users.organisation("hanul").name == "Hanul Documentation Centre"
    with pytest.raises(AlreadyExists, match="hanul"):
        users.add_organisation("hanul")
    with pytest.raises(NotFound, match="nowhere"):
        users.organisation("nowhere")
    with pytest.raises(InvalidInput, match="organisation"):
        users.add_organisation("  ")


def test_add_get_and_list_users(users, book):
    mina = users.add("mina", PW, "hanul", "reviewer", display_name="Mina")
    assert (mina.username, mina.role, mina.organisation) == ("mina", "reviewer", "hanul")
    assert not mina.totp_enabled and mina.active and not mina.can_read_narratives
    assert users.get(mina.id) == mina and users.by_name("mina") == mina
    assert users.by_name("nobody") is None
    users.add("jun", PW, "bridge", "analyst", can_read_narratives=True,
              create_organisation=True)
    assert [u.username for u in users.all()] == ["jun", "mina"]  # by organisation code
    assert [u.username for u in users.all("hanul")] == ["mina"]
    assert users.count() == 2
    assert "password_hash" not in mina.to_dict() and "totp_secret" not in mina.to_dict()
    assert "add_user" in _actions(book)


@pytest.mark.parametrize("name,password,org,role,match", [
    ("with space", PW, "hanul", "reviewer", "username"),
    ("", PW, "hanul", "reviewer", "username"),
    ("x" * 101, PW, "hanul", "reviewer", "username"),
    ("mina", PW, "hanul", "emperor", "role"),
    ("mina", "short", "hanul", "reviewer", "password"),
])
def test_add_refuses_bad_input(users, name, password, org, role, match):
    with pytest.raises(InvalidInput, match=match):
        users.add(name, password, org, role)
    assert users.count() == 0


def test_add_needs_an_existing_organisation_and_a_new_name(users):
    with pytest.raises(NotFound, match="elsewhere"):
        users.add("mina", PW, "elsewhere", "reviewer")
    users.add("mina", PW, "hanul", "reviewer")
    with pytest.raises(AlreadyExists, match="mina"):
        users.add("mina", PW, "hanul", "admin")


def test_update_role_activity_and_narratives(users, book):
    u = users.add("mina", PW, "hanul", "documenter")
    assert users.update(u.id, role="analyst", can_read_narratives=True,
                        language="en").role == "analyst"
    again = users.get(u.id)
    assert again.can_read_narratives and again.language == "en"
    off = users.update(u.id, active=False)
    assert not off.active and off.sessions_valid_after is not None
    with pytest.raises(InvalidInput, match="role"):
        users.update(u.id, role="owner")
    assert users.update(u.id) == users.get(u.id)  # nothing to change
    assert _actions(book).count("update_user") == 2
    for role in ROLES:
        assert users.update(u.id, role=role).role == role


def test_authenticate_right_and_wrong(users, book):
    u = users.add("mina", PW, "hanul", "reviewer")
    assert users.authenticate("mina", PW).id == u.id
    assert users.get(u.id).last_login_at is not None
    for name, password in (("mina", "wrong password!"), ("ghost", PW), ("", "")):
        with pytest.raises(PermissionDenied, match="wrong username, password or code"):
            users.authenticate(name, password)
    assert users.get(u.id).failed_logins == 1  # the unknown names touch nobody
    assert {"login", "login_failed"} <= set(_actions(book))


def test_a_deactivated_user_cannot_log_in(users):
    u = users.add("mina", PW, "hanul", "reviewer")
    users.update(u.id, active=False)
    with pytest.raises(PermissionDenied):
        users.authenticate("mina", PW)


def test_lockout_after_repeated_failures_even_for_the_right_password(users, book):
    u = users.add("mina", PW, "hanul", "reviewer")
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(PermissionDenied):
            users.authenticate("mina", "not the password")
    locked = users.get(u.id)
    assert locked.locked_until is not None and locked.locked_until > dt.datetime.now(dt.UTC)
    # a locked account answers like an unknown one: the answer says nothing about the account
    with pytest.raises(PermissionDenied, match="wrong username, password or code"):
        users.authenticate("mina", PW)
    users.unlock(u.id, actor="admin")
    assert users.authenticate("mina", PW).id == u.id
    assert "unlock_user" in _actions(book) and "login_refused" in _actions(book)


def test_totp_is_required_once_enabled(users):
    u = users.add("mina", PW, "hanul", "reviewer")
    secret = users.start_totp_setup(u.id)
    assert users.pending_totp(u.id) == secret
    users.set_totp(u.id, secret)
    assert users.pending_totp(u.id) is None and users.totp_secret(u.id) == secret
    assert users.get(u.id).totp_enabled
    with pytest.raises(PermissionDenied):
        users.authenticate("mina", PW)  # no code
    with pytest.raises(PermissionDenied):
        users.authenticate("mina", PW, "000000" if pyotp.TOTP(secret).now() != "000000"
                           else "111111")
    assert users.authenticate("mina", PW, pyotp.TOTP(secret).now()).id == u.id
    users.set_totp(u.id, None)
    assert users.authenticate("mina", PW).id == u.id


def test_a_pending_totp_setup_expires(users, monkeypatch):
    u = users.add("mina", PW, "hanul", "reviewer")
    users.start_totp_setup(u.id)
    later = dt.datetime.now(dt.UTC) + users_module.TOTP_SETUP + dt.timedelta(minutes=1)
    monkeypatch.setattr(users_module, "_now", lambda: later)
    assert users.pending_totp(u.id) is None


def test_set_password_checks_and_ends_sessions(users):
    u = users.add("mina", PW, "hanul", "reviewer")
    with pytest.raises(InvalidInput, match="password"):
        users.set_password(u.id, "short")
    users.set_password(u.id, "another long password")
    with pytest.raises(PermissionDenied):
        users.authenticate("mina", PW)
    assert users.authenticate("mina", "another long password").id == u.id
    assert users.get(u.id).sessions_valid_after is not None
    before = users.get(u.id).sessions_valid_after
    users.logout_everywhere(u.id)
    assert users.get(u.id).sessions_valid_after >= before


def test_restrictions(users, book):
    a = users.add("mina", PW, "hanul", "reviewer")
    b = users.add("jun", PW, "hanul", "documenter")
    tid, _ = book.testimonies.add(Testimony("A testimony for two people only."), Person("Ms. O"))
    assert users.restricted_to(tid) == []
    users.restrict(tid, [a.id, b.id, a.id], actor="mina")
    assert sorted(users.restricted_to(tid)) == sorted([a.id, b.id])
    users.restrict(tid, [])
    assert users.restricted_to(tid) == []
    with pytest.raises(NotFound, match="testimony 999"):
        users.restrict(999, [a.id])
    assert _actions(book).count("restrict_testimony") == 2


def test_every_user_change_is_in_an_intact_audit_chain(users, book):
    u = users.add("mina", PW, "hanul", "reviewer")
    users.update(u.id, role="analyst")
    users.set_password(u.id, "another long password")
    users.unlock(u.id)
    report = book.audit.verify()
    assert report.ok and not report.problems
