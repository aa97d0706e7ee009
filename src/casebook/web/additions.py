"""The review page's own parts: a fact added from selected words, the record as it will be
counted (each profile key's state), and closing a testimony's review."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from casebook.errors import InvalidInput
from casebook.model import Record
from casebook.reviewing.additions import (
    COMMON_FIELDS,
    addition,
    event_fields,
    event_types,
    field_label,
    key_label,
    profile_keys,
)
from casebook.reviewing.record_state import record_state
from casebook.reviewing.words import from_span, locate, occurrences
from casebook.vocab import load
from casebook.web.auth import Ctx
from casebook.web.i18n import N_
from casebook.web.i18n import gettext as _
from casebook.web.permissions import require

# review states and key states, shown through _() (listed here for the catalogue)
STATE_WORDS = (N_("reviewed"), N_("in progress"), N_("untouched"), N_("denied"), N_("missing"),
               N_("learned from review"))


@dataclass
class Choice:
    """One thing the words can say: a profile key or an event type, with its code lists."""

    code: str
    label: str
    kind: str  # "key" or "event"
    value: str = "text"  # for a key: text | year | month | count | code | river
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code, label) of the value
    fields: list[tuple[str, str, list[tuple[str, str]]]] = field(default_factory=list)
    """an event's own fields: (name, label, code list)"""


def _codes(vocabulary: str | None, lang: str, fixed: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    if vocabulary:
        return [(t.code, t.label("ko" if lang == "ko" else "en")) for t in load(vocabulary)]
    return [(c, c) for c in fixed]


def choices(lang: str) -> list[Choice]:
    """Profile keys first (what a blank coding sheet asks), then every event type."""
    out = [Choice(k, key_label(k, lang), "key", spec.value,
                  _codes(spec.vocabulary, lang, spec.codes() if spec.value == "river" else ()))
           for k, spec in profile_keys().items()]
    vocab = load("event_type")
    for code in event_types():
        specs = event_fields(code)
        out.append(Choice(code, vocab.label(code, "ko" if lang == "ko" else "en"), "event",
                          fields=[(name, field_label(name, lang),
                                   _codes(s.vocabulary, lang, s.codes()))
                                  for name, s in specs.items()]))
    return out


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _page_occurrence(text: str, words: str, tid: int, form: dict[str, Any]) -> int | None:
    """Which occurrence of typed words the page means; the reviewer's own language when the
    words are missing, absent or ambiguous (the CLI's messages speak of its options)."""
    if not words.split():
        raise InvalidInput(_("Select the words the fact rests on in the text, or press w and "
                             "type them."))
    found = len(occurrences(text, words))
    if not found:
        raise InvalidInput(_("Testimony %(id)s: the words given are not in its text. Select "
                             "them in the text, or type them exactly as they are written.",
                             id=tid))
    chosen = _int(form.get("occurrence") or "")
    if found > 1 and not (chosen and 1 <= chosen <= found):
        raise InvalidInput(_("Testimony %(id)s: the words given stand %(n)s times in its "
                             "text. Select the ones you mean in the text, or give more words.",
                             id=tid, n=found))
    return chosen if found > 1 else None


def add_from_form(ctx: Ctx, tid: int, form: dict[str, Any]) -> int:
    """Store the fact a reviewer added from selected (or typed) words; returns its id."""
    require(ctx.user, "review")
    ctx.book.testimonies.access(tid, write=True)
    testimony = ctx.book.testimonies.get(tid, purpose="review")
    text = testimony.text
    words = str(form.get("words") or "")
    start, end = _int(form.get("start") or ""), _int(form.get("end") or "")
    if start is not None and end is not None and 0 <= start < end <= len(text) \
            and text[start:end].split() == words.split():
        evidence = from_span(text, start, end, tid)
    else:  # typed, or the page's offsets do not fit the text: find the words themselves
        evidence = locate(text, words, tid, _page_occurrence(text, words, tid, form))
    key = str(form.get("key") or "").strip()
    if not key:
        raise InvalidInput(_("Choose what the words say: a profile key or an event type."))
    fields = {"value": str(form["value"])} if str(form.get("value") or "").strip() else {}
    if key in event_types() and not (key in profile_keys() and fields):
        fields = {name[2:]: str(v) for name, v in form.items()
                  if name.startswith("f_") and str(v).strip()
                  and (name[2:] in COMMON_FIELDS or name[2:] in event_fields(key))}
    return ctx.book.facts.add(tid, addition(key, fields, evidence, testimony.language))


def review_state(ctx: Ctx, tid: int, action: str) -> None:
    """Close or reopen a testimony's review."""
    require(ctx.user, "review")
    if action == "close":
        ctx.book.reviews.close(tid)
    elif action == "reopen":
        ctx.book.reviews.reopen(tid)
    else:
        raise InvalidInput(f"action: {action!r} is not close or reopen")


@dataclass
class PanelRow:
    """One line of the record panel: the key, its state, the value shown, what still waits."""

    key: str
    label: str
    state: str
    shown: str
    waiting: str


def _shown(key: str, value: Any, lang: str) -> str:
    if value in (None, [], ""):
        return ""
    if key == "sales":
        return "; ".join(f"{s['amount']:,.0f} {s['currency']}" if s.get("amount") is not None
                         else "?" for s in value)
    spec = profile_keys().get(key)
    vocab = load(spec.vocabulary) if spec and spec.vocabulary else None
    values = value if isinstance(value, list) else [value]
    return ", ".join(vocab.label(v, "ko" if lang == "ko" else "en") if vocab and v in vocab
                     else str(v) for v in values)


def record_panel(record: Record, lang: str) -> list[PanelRow]:
    """Each profile key's state, for the panel beside the text."""
    return [PanelRow(k.key, key_label(k.key, lang), k.state, _shown(k.key, k.value, lang),
                     _shown(k.key, k.waiting, lang)) for k in record_state(record)]
