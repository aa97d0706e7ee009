"""The error hierarchy is the one drawn in errors.py, and the CLI turns it into one line."""

from __future__ import annotations

import re
import sys

import pytest

import casebook.errors as errors
from casebook.errors import CasebookError


def _drawn_tree() -> dict[str, str]:
    """child -> parent, read from the tree in the module docstring."""
    parents: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    for line in errors.__doc__.splitlines():
        # one character class for the indent: nested quantifiers over spaces backtrack
        # exponentially on a long line that does not match
        m = re.match(r"^([\s│]*(?:[├└]── )?)([A-Z]\w+)\s{2,}", line)
        if not m or not hasattr(errors, m.group(2)):
            continue
        depth = len(m.group(1))
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if stack:
            parents[m.group(2)] = stack[-1][1]
        stack.append((depth, m.group(2)))
    return parents


def test_the_drawn_tree_is_the_class_tree():
    drawn = _drawn_tree()
    classes = {name: cls for name, cls in vars(errors).items()
               if isinstance(cls, type) and issubclass(cls, CasebookError)}
    assert set(drawn) | {"CasebookError"} == set(classes)
    for child, parent in drawn.items():
        assert classes[child].__bases__ == (classes[parent],), child


def test_all_is_complete_and_sorted():
    names = [n for n, c in vars(errors).items()
             if isinstance(c, type) and issubclass(c, CasebookError)]
    assert sorted(errors.__all__) == errors.__all__
    assert set(errors.__all__) - {"INTERNAL_EXIT"} == set(names)


@pytest.mark.parametrize("cls,code", [
    (errors.InvalidInput, 1), (errors.NotFound, 1), (errors.AlreadyExists, 1),
    (errors.WrongPassphrase, 2), (errors.ConsentRequired, 3), (errors.DisclosureRisk, 3),
    (errors.PermissionDenied, 3), (errors.StoreLocked, 4), (errors.StoreCorrupt, 4),
    (errors.AuditChainBroken, 4), (errors.MigrationNeeded, 4),
])
def test_exit_codes_by_who_must_act(cls, code):
    assert cls("x").exit_code == code


def test_the_cli_prints_a_casebook_error_as_one_line_with_its_exit_code(monkeypatch, capsys,
                                                                        tmp_path):
    from casebook.cli import main as cli_main

    monkeypatch.setenv("CASEBOOK_DB", str(tmp_path / "absent.db"))
    monkeypatch.setenv("CASEBOOK_PASSPHRASE", "words words words")
    monkeypatch.setattr(sys, "argv", ["casebook", "list"])
    with pytest.raises(SystemExit) as stopped:
        cli_main.main()
    err = capsys.readouterr().err.strip()
    assert stopped.value.code != 0
    assert "absent.db" in err and "\n" not in err and "Traceback" not in err
