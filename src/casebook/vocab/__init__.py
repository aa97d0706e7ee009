"""Vocabularies, gazetteer and money: the shared reference data of Casebook."""

from casebook.vocab.vocabulary import STANDARDS, Term, Vocabulary, load, names

__all__ = ["STANDARDS", "Term", "Vocabulary", "load", "names"]
