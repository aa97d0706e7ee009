"""The web application: organisations, users with roles, lockout, TOTP, per-record restrictions.

Sharing between organisations is not a table of its own: it is the survivor's consent scope
``share_with:<organisation>`` in ``consent_grants`` (with its history), indexed here by scope.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(200), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.UniqueConstraint("code", name="uq_organisations_code"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("display_name", sa.String(200)),
        sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("totp_secret", sa.String(64)),
        sa.Column("can_read_narratives", sa.Boolean, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("failed_logins", sa.Integer, nullable=False),
        sa.Column("locked_until", TZ),
        sa.Column("sessions_valid_after", TZ),
        sa.Column("language", sa.String(5)),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("last_login_at", TZ),
        sa.UniqueConstraint("username", name="uq_users_username"),
        sa.CheckConstraint("role IN ('documenter', 'reviewer', 'analyst', 'admin')",
                           name="ck_users_role"),
    )
    op.create_index("ix_users_organisation_id", "users", ["organisation_id"])
    op.create_table(
        "testimony_restrictions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("testimony_id", sa.Integer, sa.ForeignKey("testimonies.id"), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.UniqueConstraint("testimony_id", "user_id", name="uq_testimony_restrictions"),
    )
    op.create_index("ix_testimony_restrictions_testimony_id", "testimony_restrictions",
                    ["testimony_id"])
    op.create_index("ix_testimony_restrictions_user_id", "testimony_restrictions", ["user_id"])
    # Visibility asks "which testimonies are shared with organisation X?" on every page.
    op.create_index("ix_consent_grants_scope", "consent_grants", ["scope"])


def downgrade() -> None:
    op.drop_index("ix_consent_grants_scope", table_name="consent_grants")
    for name in ("testimony_restrictions", "users", "organisations"):
        op.drop_table(name)
