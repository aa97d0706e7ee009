"""Storage: an encrypted SQLCipher file by default, PostgreSQL for multi-user servers.

This package's names below are the store's public surface. The web and field layers import
only these (``tests/test_architecture.py``); the tables, SQL and row shapes stay inside.
"""

from casebook.store.audit import AuditReport
from casebook.store.case_rows import CaseSummary
from casebook.store.casebook import Casebook
from casebook.store.cases import CaseFilters, OverdueTask
from casebook.store.engine import is_postgres
from casebook.store.facts import FactRef
from casebook.store.failures import translate, where_it_broke
from casebook.store.keys import KeyFile, passphrase_slot
from casebook.store.learned import StoredModel
from casebook.store.reads import USES, Use
from casebook.store.reviews import (
    IN_PROGRESS,
    REVIEW_STATES,
    REVIEWED,
    UNTOUCHED,
    ReviewedTestimony,
)
from casebook.store.scoped import Dossier, SearchFilters, UserCasebook
from casebook.store.scoped_cases import CasePage, InboxItem, SharedCase
from casebook.store.search import SearchHit
from casebook.store.testimonies import TestimonySummary
from casebook.store.users import ROLES, Organisation, User, check_password

__all__ = [
    "IN_PROGRESS", "REVIEWED", "REVIEW_STATES", "ROLES", "UNTOUCHED", "USES", "AuditReport",
    "CaseFilters", "CasePage", "CaseSummary", "Casebook", "Dossier", "FactRef", "InboxItem",
    "KeyFile", "Organisation", "OverdueTask", "ReviewedTestimony", "SearchFilters", "SearchHit",
    "SharedCase", "StoredModel", "TestimonySummary", "Use", "User", "UserCasebook",
    "check_password", "is_postgres", "passphrase_slot", "translate", "where_it_broke",
]
