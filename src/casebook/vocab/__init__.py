"""Vocabularies, gazetteer and money: the shared reference data of Casebook.

load("event_type").validate("sale")        controlled codes with ko/en labels and mappings
gazetteer().lookup("Hoeryŏng")             places and their spellings
to_usd(3000, "RMB", 1998)                  amounts at the year's exchange rate
"""

from casebook.vocab.money import Conversion, convert, normalise_currency, to_usd
from casebook.vocab.places import Gazetteer, Place, find_all, gazetteer, lookup, place, province_of
from casebook.vocab.vocabulary import STANDARDS, Term, Vocabulary, load, names

__all__ = [
    "Conversion",
    "Gazetteer",
    "Place",
    "STANDARDS",
    "Term",
    "Vocabulary",
    "convert",
    "find_all",
    "gazetteer",
    "load",
    "lookup",
    "names",
    "normalise_currency",
    "place",
    "province_of",
    "to_usd",
]
