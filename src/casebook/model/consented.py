"""One testimony as an analysis may read it: accepted facts only, with the consent that let it in.

The store's read layer (``book.read_for(use)``) hands these to statistics, estimation, linkage,
the network, exports and referrals; they shape them for their own needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casebook.model.consent import Consent
from casebook.model.records import Person, Record


@dataclass
class ConsentedTestimony:
    """A testimony whose consent allows the use it was read for; never more than that use needs."""

    testimony_id: int
    person_id: int | None
    organisation: str | None
    interviewer: str | None
    language: str
    interview_year: int | None
    file_name: str | None
    sha256: str
    consent: Consent
    record: Record = field(default_factory=Record)  # accepted facts and events only
    person: Person | None = None
    text: str | None = None  # only when asked for and her consent allows it

    @property
    def person_key(self) -> int:
        """Her person id, or minus the testimony id when the testimony has no person."""
        return self.person_id if self.person_id is not None else -self.testimony_id

    @property
    def source(self) -> str:
        return f"testimony:{self.testimony_id}"
