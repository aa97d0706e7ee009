"""The domain model: plain dataclasses that know nothing of storage or the web."""

from casebook.model.consent import (
    AGGREGATE_STATISTICS,
    ANONYMOUS_QUOTATION,
    LEGAL_PROCEEDINGS,
    Consent,
    ConsentGrant,
    share_scope,
)
from casebook.model.consented import ConsentedTestimony
from casebook.model.dates import UncertainDate
from casebook.model.records import (
    ACCEPTED,
    REJECTED,
    SUGGESTED,
    Amount,
    Event,
    Evidence,
    Fact,
    Involvement,
    Person,
    Record,
    Testimony,
    sha256_text,
)

__all__ = [
    "ACCEPTED", "AGGREGATE_STATISTICS", "ANONYMOUS_QUOTATION", "Amount", "Consent",
    "ConsentGrant", "ConsentedTestimony", "Event", "Evidence", "Fact", "Involvement",
    "LEGAL_PROCEEDINGS", "Person", "REJECTED", "Record", "SUGGESTED", "Testimony",
    "UncertainDate", "sha256_text", "share_scope",
]
