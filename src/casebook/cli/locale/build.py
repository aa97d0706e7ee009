"""Rebuild the command line's catalogues: every help text of the command tree, every ``_()`` /
``N_()`` message under ``casebook/cli``, and the words Click and Typer print themselves, into
messages.pot, ko/en .po (Korean from ``ko_messages.KO``) and compiled .mo. Run after changing a
help text or a message: python -m casebook.cli.locale.build
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

HERE = Path(__file__).parent
CLI = HERE.parent
LIBRARY_WORDS = ("Usage: ",)  # printed by Typer's bundled Click, outside the tree's help


def messages() -> list[str]:
    """The English msgids, in a stable order: command help first, then code, then library."""
    import typer

    from casebook.cli.i18n import TYPER_WORDS, help_texts
    from casebook.cli.main import app

    found: dict[str, None] = {}
    command = typer.main.get_command(app)
    for owner, attr in help_texts(command):
        found[getattr(owner, attr)] = None
    help_option = command.get_help_option(typer.Context(command))
    if help_option is not None and help_option.help:
        found[help_option.help] = None
    for path in sorted(CLI.rglob("*.py")):
        for _line, text, _comments, _context in extract_from_file(
                "python", str(path), keywords={"_": None, "N_": None, "gettext": None}):
            if isinstance(text, str) and text:
                found[text] = None
    for word in (*TYPER_WORDS.values(), *LIBRARY_WORDS):
        found[word] = None
    return list(found)


def catalogue(lang: str, ids: list[str]) -> tuple[Catalog, list[str]]:
    from casebook.cli.locale.ko_messages import KO

    cat = Catalog(locale=lang, domain="messages", project="casebook")
    missing = []
    for msgid in ids:
        text = KO.get(msgid) if lang == "ko" else ""
        if lang == "ko" and not text:
            missing.append(msgid)
        cat.add(msgid, text or "")
    return cat, missing


def build() -> list[str]:
    """Write the catalogues; returns the msgids that have no Korean translation."""
    ids = messages()
    missing: list[str] = []
    template, _ = catalogue("en", ids)
    with (HERE / "messages.pot").open("wb") as f:
        write_po(f, template, omit_header=True, no_location=True)
    for lang in ("ko", "en"):
        cat, gaps = catalogue(lang, ids)
        missing += gaps
        out = HERE / lang / "LC_MESSAGES"
        out.mkdir(parents=True, exist_ok=True)
        with (out / "messages.po").open("wb") as f:
            write_po(f, cat, omit_header=False, no_location=True)
        with (out / "messages.mo").open("wb") as f:
            write_mo(f, cat)
    return missing


if __name__ == "__main__":
    gaps = build()
    for g in gaps:
        print(f"no Korean for: {g!r}")
    sys.exit(1 if gaps else 0)
