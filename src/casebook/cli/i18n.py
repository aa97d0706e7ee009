"""Korean and English for the command line: Babel gettext catalogues, as the web has them.

The language is chosen once per run: ``casebook --lang ko …``, else the locale (``LANGUAGE``,
``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as gettext reads them). Help texts stay English in the
code (docstrings and ``help=``); :func:`localise` swaps in the catalogue's text when the
command tree is built for a run, and messages are wrapped in ``_()``. Click's and Typer's own
words ("Usage:", "Options", "[default: …]", "No such option") come from the same catalogue
through the standard ``gettext`` domain. Testimonies are never translated.
``python -m casebook.cli.locale.build`` rebuilds the catalogues.
"""

from __future__ import annotations

import gettext as stdlib_gettext
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from babel.support import NullTranslations, Translations
from typer.core import TyperArgument, TyperOption

Command = Any  # Typer's command objects (its own vendored Click): walked by duck typing

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "ko")
DOMAIN = "messages"
_current = "en"


def language_from_env(environ: os._Environ[str] | dict[str, str] = os.environ) -> str:
    """``ko`` when the first locale variable set (gettext's order) is Korean, else ``en``."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            first = value.split(":")[0].lower()
            return "ko" if first.startswith("ko") else "en"
    return "en"


def language_from_args(args: list[str]) -> str | None:
    """The value of a leading ``--lang X`` / ``--lang=X`` (before the command name), if any."""
    for i, arg in enumerate(args):
        if not arg.startswith("-"):
            return None
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


@cache
def translations(lang: str) -> NullTranslations:
    return Translations.load(str(LOCALE_DIR), [lang], domain=DOMAIN)


def current() -> str:
    return _current


def gettext(message: str) -> str:
    """``message`` in the language of this run (itself when the catalogue has no entry)."""
    return translations(_current).ugettext(message)


def N_(message: str) -> str:
    """Mark a string for the catalogue without translating it here."""
    return message


@contextmanager
def speaking(lang: str) -> Iterator[str]:
    """Run the block in ``lang``: our messages, and Click's and Typer's own words."""
    global _current
    lang = lang if lang in LANGUAGES else "en"
    before, env_before = _current, os.environ.get("LANGUAGE")
    _current = lang
    os.environ["LANGUAGE"] = lang  # read by the standard gettext that Click and Typer call
    stdlib_gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    _typer_words()
    _usage_prefix()
    try:
        yield lang
    finally:
        _current = before
        if env_before is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = env_before
        _typer_words()


def _usage_prefix() -> None:
    """Typer's bundled Click writes a literal "Usage: " before each usage line; ask the
    catalogue instead. (A Typer without the bundled Click keeps the English word.)"""
    try:
        from typer._click.formatting import HelpFormatter
    except ImportError:
        return
    english = HelpFormatter.write_usage
    if getattr(english, "localised", False):
        return

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        english(self, prog, args, gettext("Usage: ") if prefix is None else prefix)

    write_usage.localised = True  # type: ignore[attr-defined]
    HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]


def _typer_words() -> None:
    """Typer reads its panel titles once, at import; give them this run's language."""
    from typer import rich_utils

    for name, english in TYPER_WORDS.items():
        setattr(rich_utils, name, gettext(english))


TYPER_WORDS = {
    "DEFAULT_STRING": "[default: {}]",
    "ENVVAR_STRING": "[env var: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
}


def help_texts(command: Command) -> Iterator[tuple[Any, str]]:
    """Every help text of the command tree: (the object it belongs to, the attribute name)."""
    for attr in ("help", "short_help"):
        if getattr(command, attr, None):
            yield command, attr
    for param in command.params:
        if getattr(param, "help", None):
            yield param, "help"
    for sub in getattr(command, "commands", {}).values():
        yield from help_texts(sub)


def localise(command: Command) -> None:
    """Put this run's language into the command tree's help, and plain value names (TEXT, N,
    PATH) where Typer would print ``<str>``/``<bool>`` type tags."""
    _with_help_options(command)
    for owner, attr in help_texts(command):
        setattr(owner, attr, gettext(getattr(owner, attr)))
    for param in _params(command):
        _plain_type(param)


def _with_help_options(command: Command) -> None:
    """Each command's ``--help`` option, which Click makes on demand and keeps: localised now."""
    import typer

    option = command.get_help_option(typer.Context(command))  # kept by the command
    if option is not None:
        option.help = gettext(option.help)
        option.metavar = ""
    for sub in getattr(command, "commands", {}).values():
        _with_help_options(sub)


def _params(command: Command) -> Iterator[Any]:
    yield from command.params
    for sub in getattr(command, "commands", {}).values():
        yield from _params(sub)


def _plain_type(param: Any) -> None:
    """Typer shows each value's Python type (``<str>``, ``<bool>``); show a plain name instead,
    and nothing for a switch. Arguments keep their own name."""
    if isinstance(param, TyperArgument):
        param.__class__ = QuietArgument
    elif isinstance(param, TyperOption) and param.metavar is None:
        kind = param.type_descriptor
        annotation = kind.annotation
        if getattr(param, "is_flag", False) or annotation is bool:
            param.metavar = ""
        elif kind.is_choice and kind.choices:
            param.metavar = "|".join(str(getattr(c, "value", c)) for c in kind.choices)
        elif kind.is_path:
            param.metavar = "PATH"
        elif annotation is int:
            param.metavar = "N"
        elif annotation is float:
            param.metavar = "NUMBER"
        else:
            param.metavar = "TEXT"


class QuietArgument(TyperArgument):
    """A Typer argument whose help row shows no ``<type>`` tag (its name says it)."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


# The errors a newcomer meets first come from the store, in English; the CLI says them in the
# language of the run. Each pattern is the store's message; the template is a catalogue entry.
KNOWN_ERRORS = (
    (re.compile(r"the passphrase does not open this casebook \((?P<key>.+)\)"),
     N_("the passphrase does not open this casebook ({key})")),
    (re.compile(r"the passphrase does not open this casebook"),
     N_("the passphrase does not open this casebook")),
    (re.compile(r"(?P<path>.+): no casebook here \(create one with `casebook init`\)"),
     N_("{path}: no casebook here (create one with `casebook init`)")),
    (re.compile(r"testimony (?P<id>\d+): no such testimony"),
     N_("testimony {id}: no such testimony")),
    (re.compile(r"(?P<path>.+): a file is already there; choose another path"),
     N_("{path}: a file is already there; choose another path")),
)


def error_text(message: str) -> str:
    """A known store error in the language of this run; any other message as it is."""
    if _current == "en":
        return message
    for pattern, template in KNOWN_ERRORS:
        m = pattern.fullmatch(message)
        if m:
            return gettext(template).format(**m.groupdict())
    return message
