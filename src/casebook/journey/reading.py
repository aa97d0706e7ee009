"""How a fact reads, in English or Korean: one place for the CLI, pages, API, reports, exports.

A denied arrest reads "Never arrested in China (she says)", never "Arrest in China"; a planned
sale she escaped reads "Planned sale, foiled". The headline comes from the event type and its
mood (:mod:`casebook.model.mood`), the details (date, place, price, who, purpose, facility…) are
separate parts, so that no page glues "30,000 RMB" to "Buyer". The words are rows of
``phrases.toml`` and labels of the vocabularies and the gazetteer: no code reaches a page.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from casebook.model import Event, Fact, Person
from casebook.model.dates import UncertainDate, date_label
from casebook.model.mood import DENIED, FACT, PLANNED, foiled, mood_of
from casebook.vocab import gazetteer, load

LANGS = ("en", "ko")
# involvement roles shown, in this order, and the vocabulary that labels each one's background
_ROLE_ORDER = ("recruiter", "broker", "seller", "buyer", "controller", "police", "border_guard",
               "state_security", "guard", "relative", "other")
# coded event attributes shown as details: attribute -> vocabulary
_ATTRIBUTE_VOCABULARY = {"kind": None, "method": "recruitment", "facility": "nk_detention",
                         "purpose": "sale_purpose", "status": "hukou"}
_KIND_VOCABULARY = {"violence": "violence", "forced_marriage": "exploitation",
                    "prostitution": "exploitation", "cybersex": "exploitation",
                    "forced_labour": "exploitation"}


@functools.cache
def phrases() -> dict[str, Any]:
    data = resources.files("casebook.journey").joinpath("phrases.toml").read_text("utf-8")
    return tomllib.loads(data)


def _lang(lang: str | None) -> str:
    return lang if lang in LANGS else "en"


def label(vocabulary: str, code: Any, lang: str) -> str:
    """A vocabulary code in words; an unknown code is returned as it is (never dropped)."""
    if code in (None, ""):
        return ""
    vocab = load(vocabulary)
    if code not in vocab:
        return str(code)
    return vocab.label(code, "ko" if lang == "ko" else "en")


def place_name(place_id: str | None, told: str | None, lang: str) -> str:
    """A gazetteer place in ``lang``; as told when it has no id (or an unknown one)."""
    if place_id:
        found = gazetteer().get(place_id)
        if found:
            return found.name(lang)
    if told:
        found = gazetteer().lookup(told)
        return found.name(lang) if found else told
    return ""


def when(date: UncertainDate | None, lang: str) -> str:
    """An uncertain date as precise as it is, in ``lang`` ("" when unknown): the one date label
    of :func:`casebook.model.dates.date_label`."""
    if date is None or date.year is None:
        return ""
    return date_label(date, _lang(lang))


def field_label(name: str, lang: str) -> str:
    """The words for a person's attribute ("birth_year" -> "Year of birth" / "출생 연도")."""
    row = phrases()["field"].get(name)
    if row is None:
        return name.replace("_", " ").capitalize() if _lang(lang) == "en" else name
    return str(row[_lang(lang)])


@dataclass(frozen=True)
class Part:
    """One detail of a fact: ``kind`` is when, where, amount, who, detail or told."""

    kind: str
    text: str


@dataclass(frozen=True)
class Reading:
    """A fact in words: its headline (with its mood) and its details, in one language."""

    headline: str
    mood: str
    counted: bool  # told as having happened: counted and drawn
    parts: tuple[Part, ...] = ()

    def details(self, *, date: bool = True) -> list[str]:
        return [p.text for p in self.parts if date or p.kind != "when"]

    def text(self, *, date: bool = True) -> str:
        """One line: "Sale · 2005 · Liaoning · 3,000 RMB (≈ $366) · buyer: Han Chinese"."""
        return " · ".join([self.headline, *self.details(date=date)])

    def to_dict(self) -> dict[str, Any]:
        return {"headline": self.headline, "mood": self.mood, "counted": self.counted,
                "text": self.text()}


def mood_key(event: Event | dict[str, Any]) -> str:
    """The mood as a reviewer picks it: a mood, or ``"foiled"`` for a planned event she escaped."""
    mood = mood_of(event)
    return "foiled" if mood == PLANNED and foiled(event) else mood


def mood_choices(lang: str = "en") -> list[tuple[str, str]]:
    """(key, label) of every mood a reviewer may give an event, in the form's order."""
    return list(phrases()["mood_choice"][_lang(lang)].items())


def headline(event: Event | dict[str, Any], lang: str = "en") -> str:
    """The event's name with its mood ("Never arrested in China (she says)")."""
    lang = _lang(lang)
    etype = event["type"] if isinstance(event, dict) else event.type
    key = mood_key(event)
    what = label("event_type", etype, lang)
    special = phrases()["event"].get(etype, {}).get(lang, {})
    template = special.get(key) or phrases()["mood"][lang].get(key) \
        or phrases()["mood"][lang][mood_of(event)]
    return str(template).format(what=what)


def _words(key: str, lang: str, **values: Any) -> str:
    return str(phrases()["word"][lang][key]).format(**values)


def amount_text(amount: Any, lang: str) -> str:
    if amount is None:
        return ""
    number = f"{amount.value:,.0f}"
    unit = phrases().get("currency", {}).get(lang, {}).get(amount.currency)
    value = str(unit).format(value=number) if unit else f"{number} {amount.currency}"
    if amount.usd:
        value += f" ({_words('equivalent', lang, usd=f'{amount.usd:,.0f}')})"
    return value


def _same(told: str, *labels: str) -> bool:
    """The told words add nothing to a coded label ("Korean-Chinese" beside "Korean-Chinese
    (Joseonjok)", "조선족 브로커" beside its Korean label)."""
    low = " ".join(told.lower().split())
    return any(low in x.lower() or x.lower() in low for x in labels if x)


def _who(event: Event, lang: str) -> list[Part]:
    """Perpetrators by role: "buyer: Han Chinese", "sold by: friend, Korean-Chinese broker"."""
    by_role: dict[str, list[str]] = {}
    for inv in event.involvements:
        role = inv.perpetrator_role or ("other" if inv.role == "perpetrator" else None)
        if role is None:
            continue
        coded = label("buyer", inv.group, lang) if inv.group not in (None, "other") else ""
        if not coded and inv.relation not in (None, "other"):
            coded = label("recruiter_relation", inv.relation, lang)
        words = coded
        if inv.who and not _same(inv.who, coded, label("buyer", inv.group, "en"),
                                 label("buyer", inv.group, "ko"),
                                 label("recruiter_relation", inv.relation, "en"),
                                 label("recruiter_relation", inv.relation, "ko")):
            told = _words("told", lang, words=inv.who)
            words = f"{coded} {told}" if coded else told
        if words and words not in by_role.setdefault(role, []):
            by_role[role].append(words)
        elif not words:
            by_role.setdefault(role, [])
    parts = []
    for role in sorted(by_role, key=lambda r: _ROLE_ORDER.index(r) if r in _ROLE_ORDER else 99):
        name = label("perpetrator_role", role, lang)
        names = _words("list", lang).join(by_role[role])
        parts.append(Part("who", f"{name}: {names}" if names else name))
    return parts


def _details(event: Event, lang: str) -> list[Part]:
    out = []
    attributes = event.attributes
    kind = attributes.get("kind")
    vocabulary = _KIND_VOCABULARY.get(event.type)
    if kind and vocabulary and kind != event.type:
        out.append(Part("detail", label(vocabulary, kind, lang)))
    for key in ("method", "facility", "status"):
        value = attributes.get(key)
        values = value if isinstance(value, list) else [value] if value else []
        if values and _ATTRIBUTE_VOCABULARY[key]:
            out.append(Part("detail", _words("list", lang).join(
                label(str(_ATTRIBUTE_VOCABULARY[key]), v, lang) for v in values)))
    if attributes.get("purpose") and attributes["purpose"] != "other":  # "for other" says nothing
        out.append(Part("detail", _words("for", lang, what=label(
            "sale_purpose", attributes["purpose"], lang).lower())))
    if attributes.get("river"):
        river = place_name(None, str(attributes["river"]), lang)
        out.append(Part("detail", _words("river", lang, river=river)))
    if event.type == "child_birth" and mood_of(event) == FACT:
        n = int(attributes.get("count", 1) or 1)
        out.append(Part("detail", _words("child", lang) if n == 1
                        else _words("children", lang, n=n)))
    if attributes.get("total") and event.type != "child_birth":
        out.append(Part("detail", _words("total", lang, n=attributes["total"])))
    return out


def read_event(event: Event, lang: str = "en") -> Reading:
    """An event in words: headline with its mood, then when, where, price, who, details."""
    lang = _lang(lang)
    mood = mood_of(event)
    parts = []
    if event.date and event.date.year and mood != DENIED:  # "never arrested" has no date
        parts.append(Part("when", when(event.date, lang)))
    where = place_name(event.place, event.place_text, lang)
    if where:
        parts.append(Part("where", where))
    if event.amount is not None:
        parts.append(Part("amount", amount_text(event.amount, lang)))
    parts += _who(event, lang) + _details(event, lang)
    return Reading(headline(event, lang), mood, mood == FACT, tuple(parts))


def fact_value(fact: Fact, lang: str) -> str:
    """A person attribute's value in words (a place by its name in ``lang``)."""
    if fact.field in ("origin_nk", "province_china") and isinstance(fact.value, str):
        return place_name(None, fact.value, lang)
    if fact.field == "hukou_or_id":
        return label("hukou", fact.value, lang)
    return "" if fact.value is None else str(fact.value)


def read_fact(fact: Fact, lang: str = "en") -> Reading:
    """A person attribute in words: "Year of birth · 1985"."""
    lang = _lang(lang)
    return Reading(field_label(fact.field, lang), FACT, True,
                   (Part("detail", fact_value(fact, lang)),))


def read(item: Event | Fact, lang: str = "en") -> Reading:
    """How any fact of a record reads (an event or a person attribute)."""
    return read_event(item, lang) if isinstance(item, Event) else read_fact(item, lang)


def person_line(person: Person, lang: str = "en") -> list[tuple[str, str]]:
    """A person's known attributes as (label, value) pairs, codes never shown."""
    lang = _lang(lang)
    pairs = []
    if person.birth_year:
        pairs.append((field_label("birth_year", lang),
                      f"{person.birth_year}{'?' if person.birth_year_approximate else ''}"))
    if person.origin_place:
        pairs.append((field_label("origin_nk", lang), place_name(None, person.origin_place,
                                                                 lang)))
    return pairs


__all__ = ["Part", "Reading", "amount_text", "field_label", "headline", "label", "mood_choices",
           "mood_key", "person_line", "phrases", "place_name", "read", "read_event", "read_fact",
           "when"]
