"""A refused action says, in the user's language, which role may do it and where to get it."""

from __future__ import annotations

import pytest

from casebook.errors import PermissionDenied
from casebook.web.error_text import localise
from casebook.web.permissions import CAPABILITIES, require


class _User:
    def __init__(self, role: str) -> None:
        self.role = role
        self.can_read_narratives = False


def _refusal(role: str, action: str) -> str:
    with pytest.raises(PermissionDenied) as caught:
        require(_User(role), action)  # type: ignore[arg-type]
    return str(caught.value)


def test_an_administrator_is_sent_to_the_users_page_not_to_an_administrator():
    message = _refusal("admin", "statistics")
    en, ko = localise(message, "en"), localise(message, "ko")
    assert "Users page" in en and "Ask an administrator" not in en
    assert "사용자 페이지" in ko and "관리자에게 요청" not in ko
    for role in CAPABILITIES["statistics"]:
        assert role in en


def test_another_role_is_told_which_roles_may_and_whom_to_ask():
    refused = next(r for r in ("analyst", "documenter", "reviewer", "partner")
                   if r not in CAPABILITIES["read_text"])
    message = _refusal(refused, "read_text")
    en, ko = localise(message, "en"), localise(message, "ko")
    assert "Ask an administrator" in en and "관리자에게 요청" in ko
    assert all(role in en for role in CAPABILITIES["read_text"])
    assert "read_text" not in ko and "," not in ko  # no codes or an English list on a Korean page
