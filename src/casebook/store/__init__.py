"""Storage: an encrypted SQLCipher file by default, PostgreSQL for multi-user servers."""

from casebook.store.casebook import Casebook, TestimonySummary
from casebook.store.search import SearchHit

__all__ = ["Casebook", "SearchHit", "TestimonySummary"]
