"""Every other name of a search word: a place's spellings in the gazetteer (연길 / Yanji / 延吉 /
Yenji), a vocabulary term's labels and aliases in both languages (보위부 / bowibu / State
Security). Search uses them so that a Korean query finds English testimonies and the reverse.

The names are the gazetteer's and the vocabularies' own rows: adding a spelling there is all it
takes for search to know it. A broad category (the ``event_type`` vocabulary) lends its names
only when no narrower vocabulary knows the word; event types are left to the search's event
filter, so that "보위부" does not widen to every kind of detention nor "sold" to every sale word.
Labels that explain themselves in brackets ("State security interrogation (bowibu)") are not
search words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from casebook.errors import InvalidInput
from casebook.vocab.places import fold, gazetteer
from casebook.vocab.vocabulary import load, names

MAX_NAMES = 15
_BROAD = ("recruitment",)  # methods: "sold" is one of their words, but so are broader ones
_SKIP = ("event_type",)  # event types are searched with the event filter, not as words


@functools.cache
def _vocabulary_index() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Folded name -> [(vocabulary, every name of that term)]."""
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for vocabulary in names():
        if vocabulary in _SKIP:
            continue
        for term in load(vocabulary):
            every = tuple(dict.fromkeys(n for n in (term.en, term.ko, *term.aliases_en,
                                                    *term.aliases_ko) if n))
            for name in every:
                index.setdefault(fold(name), []).append((vocabulary, every))
    return index


def _place_names(word: str) -> tuple[str, ...]:
    place = gazetteer().lookup(word)
    return place.names() if place is not None else ()


def _vocabulary_names(word: str) -> tuple[str, ...]:
    found = _vocabulary_index().get(fold(word), [])
    narrow = [names_ for vocabulary, names_ in found if vocabulary not in _BROAD]
    chosen = narrow or [names_ for _, names_ in found]
    return tuple(n for names_ in chosen for n in names_)


def other_names(word: str) -> list[str]:
    """The other names of ``word`` (not ``word`` itself), places first, at most MAX_NAMES.

    >>> other_names("연길")[:3]
    ['Yanji', '延吉', 'Yenji']
    """
    word = word.strip()
    if len(word) < 2:
        return []
    found: dict[str, str] = {}
    for name in (*_place_names(word), *_vocabulary_names(word)):
        if len(name.strip()) >= 2 and "(" not in name:
            found.setdefault(fold(name), name)
    own = fold(word)
    found.pop(own, None)
    keys = [own, *found]
    # a name that contains a shorter one finds nothing more ("보위부 조사" beside "보위부")
    out = [name for key, name in found.items()
           if not any(k != key and k in key for k in keys)]
    return out[:MAX_NAMES]


def terms_of(query: str) -> list[str]:
    """Split a query into terms; "quoted phrases" stay whole."""
    terms = [a or b for a, b in re.findall(r'"([^"]+)"|(\S+)', query)]
    terms = [t.strip() for t in terms if t.strip()]
    if not terms:
        raise InvalidInput("search: the query is empty")
    return terms


@dataclass(frozen=True)
class Query:
    """A parsed query: groups of names (each group = one term and its other names)."""

    groups: tuple[tuple[str, ...], ...]

    @property
    def terms(self) -> list[str]:
        """Every name searched, for marking snippets."""
        return [n for g in self.groups for n in g]

    def also(self) -> list[str]:
        """The names added to what was typed ("also searched: Yanji, 延吉")."""
        return [n for g in self.groups for n in g[1:]]


def parse(query: str, expand: bool = True) -> Query:
    """Terms of a query, each with its other names (when ``expand``).

    A query that is itself one known name ("State Security") is one group; a "quoted phrase"
    is searched as written.
    """
    terms = terms_of(query)
    if not expand:
        return Query(tuple((t,) for t in terms))
    quoted = {a.strip() for a, _ in re.findall(r'"([^"]+)"|(\S+)', query) if a.strip()}
    whole = " ".join(terms)
    if len(terms) > 1 and not quoted and (names := other_names(whole)):
        return Query(((whole, *names),))
    return Query(tuple((t,) if t in quoted else (t, *other_names(t)) for t in terms))


__all__ = ["Query", "other_names", "parse", "terms_of"]
