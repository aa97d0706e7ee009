"""Server-rendered pages: one Jinja2 environment with gettext, autoescaping and a few helpers."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from casebook.journey import clause, field_label, mood_choices, mood_key, stage_label
from casebook.journey import read as read_fact
from casebook.vocab import load as load_vocabulary
from casebook.web import i18n
from casebook.web.auth import request_language
from casebook.web.error_text import localise as localise_error
from casebook.web.permissions import can
from casebook.web.security import attach_csrf_cookie, csrf_token
from casebook.web.vocab import event_types, place_label

TEMPLATES = Path(__file__).parent / "templates"


@functools.cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(["html", "svg"]),
                      extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
        i18n.gettext, i18n.ngettext, newstyle=True)
    env.globals.update(date_label=i18n.date_label, day_label=i18n.day_label, vlabel=vocab_label,
                       select_options=select_options)
    env.filters["snippet"] = snippet_html
    env.filters["localise_error"] = localise_error
    return env


def vocab_label(vocabulary: str, code: str | None, lang: str | None = None) -> str:
    """Label of a vocabulary code in the interface language; the code itself if unknown."""
    if not code:
        return ""
    vocab = load_vocabulary(vocabulary)
    if code not in vocab.codes():  # an unknown code still shows something readable
        return code
    return vocab.label(code, "ko" if (lang or i18n.language()) == "ko" else "en")


MARKED = re.compile(r"⟦(.*?)⟧")


def snippet_html(text: str) -> Markup:
    """A search snippet whose matches (⟦…⟧) become <mark>, everything else escaped."""
    return Markup(MARKED.sub(lambda m: "<mark>" + m.group(1) + "</mark>", str(escape(text))))


@functools.lru_cache(maxsize=32)
def _options_html(items: tuple[tuple[str, str], ...]) -> str:
    return "".join(f'<option value="{escape(code)}">{escape(label)}</option>'
                   for code, label in items)


def select_options(items: list[tuple[str, str]], selected: str | None = None) -> Markup:
    """``<option>`` elements for (value, label) pairs: the vocabulary and gazetteer lists are
    long, so their escaped HTML is built once per language and only the selection is marked."""
    html = _options_html(tuple(items))
    if selected:
        plain = f'<option value="{escape(selected)}">'
        html = html.replace(plain, plain[:-1] + " selected>", 1)
    return Markup(html)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    user = getattr(request.state, "user", None)
    lang = request_language(request)
    token = i18n.set_language(lang)
    try:
        html = environment().get_template(template).render(
            request=request, user=user, lang=lang, csrf_token=csrf_token(request),
            can=(lambda action: user is not None and can(user, action)),
            place_name=lambda pid, told=None: place_label(pid, lang, told),
            read=lambda item: read_fact(item, lang),
            stage_label=lambda stage: stage_label(stage, lang),
            field_label=lambda name: field_label(name, lang), clause=clause,
            mood_choices=mood_choices(lang), mood_key=mood_key,
            event_types=event_types(lang), **context)
    finally:
        i18n._current.reset(token)
    response = HTMLResponse(html, status_code=status_code)
    attach_csrf_cookie(request, response)
    return response
