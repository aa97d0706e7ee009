"""Korean and English for the interface: Babel gettext catalogues chosen per request.

The language of a request lives in a context variable, so templates and Python code share one
``gettext``. Testimonies are never translated: they show in the language they were told in.
"""

from __future__ import annotations

import contextvars
import functools
from pathlib import Path

from babel.support import NullTranslations, Translations

from casebook.model import UncertainDate
from casebook.model.dates import date_label as model_date_label

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"
LOCALE_DIR = Path(__file__).parent / "locale"

_current: contextvars.ContextVar[str] = contextvars.ContextVar("lang", default=DEFAULT_LANGUAGE)


@functools.cache
def translations(lang: str) -> NullTranslations:
    return Translations.load(str(LOCALE_DIR), [lang], domain="messages")


def set_language(lang: str) -> contextvars.Token:
    return _current.set(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


def language() -> str:
    return _current.get()


def gettext(message: str, **variables: object) -> str:
    text = translations(_current.get()).ugettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, n: int, **variables: object) -> str:
    text = translations(_current.get()).ungettext(singular, plural, n)
    return text % {"num": n, **variables}


_ = gettext


def pick_language(accept_language: str | None) -> str:
    """The first of ko/en in an Accept-Language header; Korean when none matches."""
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


def date_label(date: UncertainDate | None, lang: str | None = None) -> str:
    """An uncertain date as precise as it is, in the interface language."""
    return model_date_label(date, lang or language())


def day_label(day: object, lang: str | None = None) -> str:
    """A calendar day (``datetime.date`` or ISO text) read in the interface language:
    "3 December 2026", "2026년 12월 3일"."""
    import datetime as dt

    if day is None or day == "":
        return ""
    try:
        when = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10])
    except ValueError:
        return str(day)
    return model_date_label(UncertainDate(when.year, when.month, when.day), lang or language())


def N_(message: str) -> str:
    """Mark a word for the catalogues without translating it here (roles, statuses, fields)."""
    return message


WORDS = (N_("documenter"), N_("reviewer"), N_("analyst"), N_("admin"), N_("suggested"),
         N_("accepted"), N_("rejected"), N_("accept"), N_("not_same"), N_("split"), N_("revoke"))
"""Codes shown through gettext (roles, statuses, linkage decisions); a person's attributes are
labelled by casebook.journey (field_label), never by their code."""
