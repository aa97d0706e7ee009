"""Error messages in the interface language.

The store and the web raise English messages naming a field and a value ("date: 'x' is not a
date; …"); they are right for logs, the API and the CLI. A page shows them through
:func:`localise`, which reads the rules of ``locale/errors.toml``: a Korean page never shows an
English error (an unknown message becomes a general Korean sentence naming its field), and an
English page shows labels instead of codes where a rule says how.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from casebook.web import i18n

TABLE = Path(__file__).parent / "locale" / "errors.toml"
FIELD = re.compile(r"^(?P<field>[a-z_][a-z_.]*): ")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    text: dict[str, str]


@functools.cache
def _table() -> tuple[tuple[Rule, ...], dict[str, dict[str, str]], dict[str, str]]:
    data = tomllib.loads(TABLE.read_text(encoding="utf-8"))
    rules = tuple(Rule(re.compile(r["match"]), {k: v for k, v in r.items() if k != "match"})
                  for r in data["rule"])
    return rules, data["fields"], data["fallback"]


def _field(code: str, lang: str) -> str:
    labels = _table()[1].get(code)
    return labels[lang] if labels else code


def localise(message: object, lang: str | None = None) -> str:
    """``message`` as a page in ``lang`` (default: the request's language) should show it."""
    text = str(message or "")
    lang = lang or i18n.language()
    translated = i18n.translations(lang).ugettext(text) if text else text
    if translated != text:
        return translated
    if lang == "ko" and HANGUL.search(text):
        return text  # already said in Korean (a message built in the interface language)
    rules, _, fallback = _table()
    for rule in rules:
        found = rule.pattern.match(text)
        if found is None:
            continue
        template = rule.text.get(lang)
        if template is None:
            return text
        groups = dict(found.groupdict())
        if "field" in groups:
            groups["field"] = _field(groups["field"], lang)
        if "role" in groups:
            groups["role"] = i18n.translations(lang).ugettext(groups["role"])
        if "roles" in groups:  # "analyst, reviewer" → "분석가, 검토자"
            or_word = " 또는 " if lang == "ko" else " or "
            groups["roles"] = or_word.join(i18n.translations(lang).ugettext(r.strip())
                                           for r in groups["roles"].split(","))
        return template.format(**groups)
    if lang == "en":
        return text
    field = FIELD.match(text)
    if field and field.group("field") in _table()[1]:
        return fallback["ko_field"].format(field=_field(field.group("field"), lang))
    return fallback["ko"]
