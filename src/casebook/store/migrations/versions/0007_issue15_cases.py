"""Case management: a case per woman and organisation, its history, tasks, referrals, consent.

The case row is her present state; ``case_events`` is every change that made it (the dated
history), so a case can be rebuilt and a field bundle's changes merged by event id.

Revision ID: 0007_issue15_cases
Revises: 0006_issue21_scans
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_issue15_cases"
down_revision = "0006_issue21_scans"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("persons.id"), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.Column("caseworker", sa.String(100)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("closure_reason", sa.String(40)),
        sa.Column("stage", sa.String(40)),
        sa.Column("place", sa.String(200)),
        sa.Column("stage_since", sa.JSON),
        sa.Column("risk", sa.String(10)),
        sa.Column("risk_reason", sa.Text),
        sa.Column("risk_assessed", sa.JSON),
        sa.Column("needs", sa.JSON, nullable=False),
        sa.Column("services", sa.JSON, nullable=False),
        sa.Column("opened_on", sa.Date, nullable=False),
        sa.Column("closed_on", sa.Date),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.UniqueConstraint("uid", name="uq_cases_uid"),
        sa.UniqueConstraint("person_id", "organisation", name="uq_cases_person_organisation"),
    )
    for column in ("person_id", "organisation", "caseworker", "status"):
        op.create_index(f"ix_cases_{column}", "cases", [column])
    op.create_table(
        "case_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.UniqueConstraint("uid", name="uq_case_events_uid"),
    )
    op.create_index("ix_case_events_case_id", "case_events", ["case_id"])
    op.create_table(
        "case_tasks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("due", sa.Date, nullable=False),
        sa.Column("assignee", sa.String(100)),
        sa.Column("done_on", sa.Date),
        sa.UniqueConstraint("uid", name="uq_case_tasks_uid"),
    )
    for column in ("case_id", "due", "assignee"):
        op.create_index(f"ix_case_tasks_{column}", "case_tasks", [column])
    op.create_table(
        "case_referrals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("to_organisation", sa.String(200), nullable=False),
        sa.Column("service", sa.String(40), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("via", sa.String(10), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("reason", sa.Text),
        sa.Column("sent_at", TZ, nullable=False),
        sa.Column("answered_at", TZ),
        sa.Column("answered_by", sa.String(200)),
        sa.UniqueConstraint("uid", name="uq_case_referrals_uid"),
    )
    for column in ("case_id", "to_organisation", "status"):
        op.create_index(f"ix_case_referrals_{column}", "case_referrals", [column])
    op.create_table(
        "case_consent",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("scope", sa.String(300), nullable=False),
        sa.Column("granted_on", sa.Date, nullable=False),
        sa.Column("withdrawn_on", sa.Date),
    )
    op.create_index("ix_case_consent_case_id", "case_consent", ["case_id"])
    op.create_index("ix_case_consent_scope", "case_consent", ["scope"])


def downgrade() -> None:
    for name in ("case_consent", "case_referrals", "case_tasks", "case_events", "cases"):
        op.drop_table(name)
