"""The sentences of one testimony as the walk reads them, and the record being built.

A :class:`Sentence` carries its cleaned span, date, money and cues; :class:`Builder` collects
events and facts and turns sentence offsets into evidence quoted from the ORIGINAL text.
:func:`lx` gives the language's context words (``extract/rules/<lang>/context.toml``), so that
the pipeline reads words without knowing the language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from casebook.extract import rules
from casebook.extract.clean import Cleaned
from casebook.extract.cues import Cue
from casebook.extract.negation import FACT
from casebook.extract.numbers import Money
from casebook.model import Event, Evidence, Fact, UncertainDate


def lx(s: Sentence | str, code: str) -> re.Pattern[str]:
    """The language's context words named ``code`` (``extract/rules/<lang>/context.toml``) for
    a sentence (or a language code): how the pipeline reads words without knowing the language."""
    return rules.by_code(s if isinstance(s, str) else s.lang, "context", code)


def count_of(lang: str, code: str, word: str) -> int:
    """The number a count word stands for ("twice" → 2, "세" → 3), from the row's ``counts``."""
    for r in rules.load(lang, "context") if "context" in rules.kinds(lang) else ():
        if r.code == code:
            counts = {k.lower(): v for k, v in r.extra.get("counts", {}).items()}
            return int(counts.get(re.sub(r"\s+", " ", word.strip().lower()), 1))
    return 1


@dataclass
class Sentence:
    """One sentence: cleaned span, paragraph, date, money and cues (some computed lazily)."""

    start: int  # cleaned offsets
    end: int
    text: str
    para: int
    date: UncertainDate | None
    money: list[Money]
    cues: list[Cue]
    # zero-argument callable giving the cues asked for lazily (see _full)
    more: Callable[[], list[Cue]] | None = None
    index: dict | None = None  # cues by kind, built on first use
    lang: str = "en"
    dates: tuple = ()  # (offset, date) of each year told, when the sentence tells more than one

    def date_at(self, start: int) -> UncertainDate | None:
        """The date of an event whose words start at ``start``: the last year told before them."""
        if not self.dates:
            return self.date
        before = [d for a, d in self.dates if a <= start]
        return before[-1] if before else self.dates[0][1]


def full(s: Sentence) -> Sentence:
    """Add the lazily computed cues (recruitment, recruiters, buyer, purpose) to a sentence."""
    if s.more is not None:
        s.cues = s.cues + s.more()
        s.more = None
        s.index = None
    return s


class Builder:
    """The record being built: events, facts, and evidence from sentence offsets."""

    def __init__(self, cleaned: Cleaned, lang: str) -> None:
        self.c = cleaned
        self.lang = lang
        self.events: list[Event] = []
        self.facts: list[Fact] = []

    def ev(self, s: Sentence, a: int, b: int) -> Evidence:
        """Evidence for sentence-relative span ``[a, b)``, quoted from the ORIGINAL text."""
        os_, oe = self.c.span(s.start + a, s.start + b)
        return Evidence(os_, oe, self.c.original_text[os_:oe])

    def ev_abs(self, a: int, b: int) -> Evidence:
        os_, oe = self.c.span(a, b)
        return Evidence(os_, oe, self.c.original_text[os_:oe])

    def sentence_ev(self, s: Sentence) -> Evidence:
        return self.ev(s, 0, len(s.text))


def cues_of(s: Sentence, kind: str, status: str | None = FACT) -> list[Cue]:
    """The cues of one kind (and status; None = any) of a sentence."""
    if not s.cues:
        return []
    if s.index is None:
        s.index = {}
        for c in s.cues:
            s.index.setdefault(c.kind, []).append(c)
    found = s.index.get(kind, ())
    return [c for c in found if status is None or c.status == status]
