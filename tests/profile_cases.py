"""Tables of "build a profile, read one key" cases: what the key must hold.

A row is ``pytest.param(text, key, want, id=...)``; ``want`` is the value itself, or ``Has(code)``
/ ``Lacks(code)`` for a list that must (not) hold a code.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Has(NamedTuple):
    """The profile's list holds this code."""

    code: str


class Lacks(NamedTuple):
    """The profile's list does not hold this code."""

    code: str


def check(got: Any, want: Any) -> None:
    """Assert that a profile's value is what a row asks for."""
    if isinstance(want, Has):
        assert want.code in got, f"{want.code!r} not in {got!r}"
    elif isinstance(want, Lacks):
        assert want.code not in got, f"{want.code!r} in {got!r}"
    else:
        assert got == want
