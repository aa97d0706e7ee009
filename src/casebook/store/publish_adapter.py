"""The store side of ``casebook stats`` / ``casebook report``: the dataset and the privacy budget."""

from __future__ import annotations

from casebook.store.casebook import Casebook
from casebook.store.reads import publish_dataset

BUDGET_KEY = "privacy_budget"


def dataset_from_store(book: Casebook, with_text: bool = True):
    """Every survivor's accepted facts and consent (text only where quotation is allowed)."""
    try:
        return publish_dataset(book, with_text=with_text)
    finally:
        book.close()


class CasebookBudgetStore:
    """The differential-privacy budget ledger, kept inside the encrypted casebook's meta table."""

    def __init__(self, book: Casebook) -> None:
        self.book = book

    def load(self) -> dict:
        return dict(self.book.meta.get(BUDGET_KEY, {}) or {})

    def save(self, ledger: dict) -> None:
        self.book.meta.set(BUDGET_KEY, ledger)


def budget_store_for(book: Casebook) -> CasebookBudgetStore:
    return CasebookBudgetStore(book)
