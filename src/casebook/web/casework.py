"""What the case pages share: choices in the interface language, the places along the routes,
and reading a submitted form into the values ``ctx.book.cases`` takes."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from casebook.errors import InvalidInput
from casebook.model.date_text import parse_date_text, parse_day
from casebook.vocab import gazetteer, load
from casebook.web.i18n import gettext as _

ROUTE_COUNTRIES = ("CN", "LA", "VN", "TH", "MN", "KH", "MM", "RU", "KR")
CASE_VOCABULARIES = ("case_status", "case_stage", "case_risk", "case_need", "case_need_state",
                     "case_service", "case_service_state", "case_outcome", "case_closure",
                     "case_task", "case_referral_status")


@functools.cache
def choices(vocabulary: str, lang: str) -> list[tuple[str, str]]:
    """(code, label) of a vocabulary in the interface language."""
    return [(t.code, t.label("ko" if lang == "ko" else "en")) for t in load(vocabulary)]


@functools.cache
def route_places(lang: str) -> list[tuple[str, str]]:
    """Countries, then the cities and towns along the routes to safety (China, Laos, Vietnam,
    Thailand, Mongolia, Cambodia, Myanmar, Russia, South Korea), by country."""
    order = {c: i for i, c in enumerate(ROUTE_COUNTRIES)}
    countries = {p.country: p.name(lang) for p in gazetteer() if p.level == "country"}
    places = [p for p in gazetteer() if p.country in order
              and p.level in ("country", "city", "county", "town", "district")]
    places.sort(key=lambda p: (order[p.country], p.level != "country", p.name(lang)))
    return [(p.id, p.name(lang) if p.level == "country"
             else f"{p.name(lang)} ({countries.get(p.country, p.country)})") for p in places]


def text(form: Any, name: str) -> str | None:
    value = form.get(name)
    if value is None or not isinstance(value, str) or not value.strip():
        return None
    return value.strip()


def code(form: Any, name: str, vocabulary: str) -> str | None:
    value = text(form, name)
    if value is not None and value not in load(vocabulary):
        raise InvalidInput(f"{name}: {value[:40]!r} is not one of "
                           f"{', '.join(load(vocabulary).codes())}")
    return value


def date(form: Any, name: str, label: str) -> Any:
    return parse_date_text(text(form, name), label)


def today() -> Any:
    """Today as the uncertain date a form would have said (a day, exact)."""
    return parse_date_text(dt.date.today().isoformat(), "today")


def day(form: Any, name: str, label: str) -> Any:
    return parse_day(text(form, name), label)


def update_values(form: Any) -> dict[str, Any]:
    """The case fields a form changes: only those it sends non-empty."""
    out: dict[str, Any] = {}
    for name, vocabulary in (("status", "case_status"), ("closure_reason", "case_closure"),
                             ("stage", "case_stage"), ("risk", "case_risk")):
        value = code(form, name, vocabulary)
        if value is not None:
            out[name] = value
    for name in ("place", "caseworker", "risk_reason"):
        value = text(form, name)
        if value is not None:
            out[name] = value
    for name, label in (("stage_since", _("Since")), ("risk_assessed", _("Assessed on"))):
        value = date(form, name, label)
        if value is not None:
            out[name] = value
    return out


def reading(kind: str) -> str:
    """How the timeline names the kind of a change."""
    return {"open": _("opened the case"), "update": _("changed"), "need": _("need"),
            "service": _("service"), "referral": _("referral"), "task": _("task"),
            "note": _("note"), "consent": _("consent")}.get(kind, kind)


def value_label(value: Any, kind: str, lang: str) -> str:
    """A value of a case field in the interface language (a code's label, a place's name, a
    date as precise as it is)."""
    from casebook.web.i18n import date_label
    from casebook.web.render import vocab_label
    from casebook.web.vocab import place_label

    if value in (None, ""):
        return "—"
    if kind == "place":
        return place_label(value, lang, value)
    if kind == "date":
        return date_label(value, lang)
    if kind == "text":
        return str(value)
    return vocab_label(kind, value, lang)


def N_(message: str) -> str:
    return message


FIELD_WORDS = {"caseworker": N_("caseworker"), "status": N_("status"),
               "closure_reason": N_("reason for closing"), "stage": N_("stage"),
               "place": N_("place"), "stage_since": N_("at this stage since"),
               "risk": N_("risk"), "risk_reason": N_("why this risk"),
               "risk_assessed": N_("risk assessed on")}


def field_word(name: str) -> str:
    """A case field as the timeline names it, in the interface language."""
    return _(FIELD_WORDS.get(name, name))
