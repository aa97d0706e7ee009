"""The tables of a casebook (SQLAlchemy Core). Only the store sees these; the core sees dataclasses.

The schema itself is created and changed by the Alembic migrations in ``migrations/``;
this module must describe the schema at the newest revision.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

meta = Table(
    "meta", metadata,
    Column("key", String(100), primary_key=True),
    Column("value", JSON),
)

persons = Table(
    "persons", metadata,
    Column("id", Integer, primary_key=True),
    Column("pseudonym", String(200), nullable=False),
    Column("surname", String(200)),
    Column("sex", String(10)),
    Column("birth_year", Integer),
    Column("birth_year_approximate", Boolean, nullable=False, default=False),
    Column("origin_place", String(200)),
    Column("languages", JSON),
    Column("organisation", String(200)),
    Column("kind", String(20), nullable=False, default="survivor"),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

testimonies = Table(
    "testimonies", metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("persons.id"), index=True),
    Column("told_by", String(100), nullable=False, default="self"),
    Column("interview_date", JSON),
    Column("interview_year", Integer),
    Column("interview_place", String(200)),
    Column("interviewer", String(200)),
    Column("organisation", String(200), index=True),
    Column("language", String(10), nullable=False),
    Column("text", Text, nullable=False),
    Column("file_name", String(500)),
    Column("sha256", String(64), nullable=False),
    Column("provenance", JSON),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("sha256", name="uq_testimonies_sha256"),
)

consent_grants = Table(
    "consent_grants", metadata,
    Column("id", Integer, primary_key=True),
    Column("testimony_id", Integer, ForeignKey("testimonies.id"), nullable=False, index=True),
    Column("scope", String(300), nullable=False),
    Column("granted_on", Date, nullable=False),
    Column("withdrawn_on", Date),
)

facts = Table(
    "facts", metadata,
    Column("id", Integer, primary_key=True),
    Column("testimony_id", Integer, ForeignKey("testimonies.id"), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),
    Column("kind", String(10), nullable=False),  # "person" attribute or journey "event"
    Column("name", String(100), nullable=False),  # attribute field or event type
    Column("data", JSON, nullable=False),
    Column("status", String(12), nullable=False, index=True),
    Column("confidence", Float, nullable=False, default=1.0),
    Column("year", Integer),
    Column("place", String(200)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(200)),
)

audit = Table(
    "audit", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(60), nullable=False),
    Column("target", String(200)),
    Column("detail", JSON),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

audit_head = Table(
    "audit_head", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)

link_decisions = Table(
    "link_decisions", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("record_ids", JSON, nullable=False),
    Column("decision", String(20), nullable=False),
    Column("score", Float),
    Column("actor", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("reverted_at", DateTime(timezone=True)),
)

# -- web application (migration 0002): organisations, users, restrictions --------------------
organisations = Table(
    "organisations", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(200), nullable=False, unique=True),  # = testimonies.organisation
    Column("name", String(300), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(100), nullable=False, unique=True),
    Column("display_name", String(200)),
    Column("organisation_id", Integer, ForeignKey("organisations.id"), nullable=False, index=True),
    Column("role", String(20), nullable=False),  # documenter, reviewer, analyst, admin
    Column("password_hash", String(300), nullable=False),  # argon2id, PHC string
    Column("totp_secret", String(64)),  # base32; only inside the encrypted store
    Column("can_read_narratives", Boolean, nullable=False, default=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until", DateTime(timezone=True)),
    Column("sessions_valid_after", DateTime(timezone=True)),  # logout everywhere
    Column("language", String(5)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_login_at", DateTime(timezone=True)),
)

testimony_restrictions = Table(
    "testimony_restrictions", metadata,
    Column("id", Integer, primary_key=True),
    Column("testimony_id", Integer, ForeignKey("testimonies.id"), nullable=False, index=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(200), nullable=False),
    UniqueConstraint("testimony_id", "user_id", name="uq_testimony_restrictions"),
)

# -- review closed, and the model learned from review (migration 0005_issue12_review) --------
testimony_reviews = Table(
    "testimony_reviews", metadata,
    Column("testimony_id", Integer, ForeignKey("testimonies.id"), primary_key=True,
           autoincrement=False),
    Column("closed_at", DateTime(timezone=True), nullable=False),
    Column("closed_by", String(200), nullable=False),
)

learned_models = Table(
    "learned_models", metadata,
    Column("name", String(100), primary_key=True),
    Column("arrays", LargeBinary, nullable=False),  # .npz, read with allow_pickle=False
    Column("info", JSON, nullable=False),
    Column("trained_at", DateTime(timezone=True), nullable=False),
    Column("trained_by", String(200), nullable=False),
)

Index("ix_consent_grants_scope", consent_grants.c.scope)  # added by migration 0002

# The scanned original a testimony's text was recognised from (issue 21): the file as it came,
# its hash, and each page's recognised words with their boxes (JSON, see model/scans.py).
scans = Table(
    "scans", metadata,
    Column("id", Integer, primary_key=True),
    Column("testimony_id", Integer, ForeignKey("testimonies.id"), nullable=False, unique=True),
    Column("sha256", String(64), nullable=False),
    Column("media_type", String(40), nullable=False),
    Column("file_name", String(500)),
    Column("dpi", Integer, nullable=False),
    Column("pages", JSON, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# -- case management (migration 0007_issue15_cases): a case per woman and organisation ---------
# The case row holds her present state (the fold of her history); ``case_events`` the history
# itself. Tasks, referrals and the case's own consent grants are rows of their own because
# pages ask for them across cases (overdue tasks, a partner's inbox, visibility).
cases = Table(
    "cases", metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(32), nullable=False, unique=True),
    Column("person_id", Integer, ForeignKey("persons.id"), nullable=False, index=True),
    Column("organisation", String(200), nullable=False, index=True),
    Column("caseworker", String(100), index=True),
    Column("status", String(20), nullable=False, index=True),
    Column("closure_reason", String(40)),
    Column("stage", String(40)),
    Column("place", String(200)),  # gazetteer id: her present location
    Column("stage_since", JSON),
    Column("risk", String(10)),
    Column("risk_reason", Text),
    Column("risk_assessed", JSON),
    Column("needs", JSON, nullable=False),
    Column("services", JSON, nullable=False),
    Column("opened_on", Date, nullable=False),
    Column("closed_on", Date),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("person_id", "organisation", name="uq_cases_person_organisation"),
)

case_events = Table(
    "case_events", metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(32), nullable=False, unique=True),
    Column("case_id", Integer, ForeignKey("cases.id"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("data", JSON, nullable=False),
)

case_tasks = Table(
    "case_tasks", metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(32), nullable=False, unique=True),
    Column("case_id", Integer, ForeignKey("cases.id"), nullable=False, index=True),
    Column("kind", String(30), nullable=False),
    Column("text", Text, nullable=False),
    Column("due", Date, nullable=False, index=True),
    Column("assignee", String(100), index=True),
    Column("done_on", Date),
)

case_referrals = Table(
    "case_referrals", metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(32), nullable=False, unique=True),
    Column("case_id", Integer, ForeignKey("cases.id"), nullable=False, index=True),
    Column("to_organisation", String(200), nullable=False, index=True),
    Column("service", String(40), nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("via", String(10), nullable=False),
    Column("note", Text),
    Column("reason", Text),
    Column("sent_at", DateTime(timezone=True), nullable=False),
    Column("answered_at", DateTime(timezone=True)),
    Column("answered_by", String(200)),
)

case_consent = Table(
    "case_consent", metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", Integer, ForeignKey("cases.id"), nullable=False, index=True),
    Column("scope", String(300), nullable=False, index=True),
    Column("granted_on", Date, nullable=False),
    Column("withdrawn_on", Date),
)
