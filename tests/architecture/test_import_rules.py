"""The import rules of docs/architecture.md, checked on every module under src/casebook.

The rules are read from the table in the document itself, so what is written down is what is
enforced. Imports inside functions count as much as those at the top of a module.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
DOC = SRC.parent / "docs" / "architecture.md"


@dataclass(frozen=True)
class Rule:
    code: tuple[str, ...]  # module prefixes the rule applies to
    forbidden: tuple[str, ...]  # "x" forbids x and x.*; "x.*" forbids only submodules of x
    allowed: tuple[str, ...] = ()  # exceptions to ``forbidden`` (and their submodules)

    def applies_to(self, module: str) -> bool:
        return any(_within(module, c) for c in self.code)

    def refuses(self, imported: str) -> str | None:
        if any(_within(imported, a) for a in self.allowed):
            return None
        for f in self.forbidden:
            if f.endswith(".*"):
                if imported.startswith(f[:-1]):
                    return f
            elif _within(imported, f):
                return f
        return None


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def rules() -> list[Rule]:
    """The rows of the table under '## Import rules' in docs/architecture.md."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Import rules", 1)[1].split("\n## ", 1)[0]
    out = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 4 or not cells[0].startswith("`"):
            continue
        names = [tuple(re.findall(r"`([^`]+)`", c)) for c in cells[:3]]
        out.append(Rule(*names))
    return out


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted((SRC / "casebook").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imports(module: str, path: Path, known: dict[str, Path]) -> list[tuple[int, str]]:
    """(line, imported module) of every import, resolving relative ones; ``from x import y``
    imports the module ``x.y`` when there is one, else ``x``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")[: -node.level + (path.name == "__init__.py")]
                base = ".".join([*package, base] if base else package)
            found += [(node.lineno, f"{base}.{a.name}" if f"{base}.{a.name}" in known else base)
                      for a in node.names]
    return found


def test_the_document_has_the_rules():
    found = rules()
    assert len(found) >= 5, "docs/architecture.md: the import rules table is missing"
    covered = {c for r in found for c in r.code}
    for part in ("casebook.web", "casebook.field", "casebook.store", "casebook.cli",
                 "casebook.model", "casebook.publish", "casebook.linkage"):
        assert part in covered, f"no import rule for {part}"


def _violations() -> list[str]:
    found = []
    mods = modules()
    for rule in rules():
        for module, path in mods.items():
            if not rule.applies_to(module):
                continue
            for line, imported in imports(module, path, mods):
                why = rule.refuses(imported)
                if why:
                    found.append(f"{path.relative_to(SRC)}:{line} imports {imported} ({why})")
    return found


def test_every_module_keeps_the_import_rules():
    assert _violations() == []


def test_the_rules_would_catch_a_raw_query_in_the_web_layer():
    rule = next(r for r in rules() if "casebook.web" in r.code)
    assert rule.refuses("sqlalchemy") and rule.refuses("casebook.store.schema")
    assert rule.refuses("casebook.store.reads") and not rule.refuses("casebook.store")


DOORS = {"engine", "backend", "raw_connection"}


@pytest.mark.parametrize("package", ["web", "field"])
def test_web_and_field_never_reach_past_the_store(package):
    """No ``book.engine`` / ``book.backend``: pages and field tools ask the store's components."""
    bad = []
    for path in sorted((SRC / "casebook" / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in DOORS:
                bad.append(f"{path.relative_to(SRC)}:{node.lineno} .{node.attr}")
    assert bad == []


def test_every_use_of_the_read_layer_is_documented():
    """docs/architecture.md lists each use of ``book.read_for`` with the consent it needs."""
    from casebook.store import USES

    text = DOC.read_text(encoding="utf-8")
    table = text.split("## One read for every analysis", 1)[1].split("\n## ", 1)[0]
    documented = {name for line in table.splitlines() if line.startswith("| `")
                  for name in re.findall(r"`([a-z_]+)`", line.split("|")[1])}
    assert documented == set(USES)
