"""Scanned originals: the file a testimony's text was recognised from, its hash, its words' boxes.

Revision ID: 0006_issue21_scans
Revises: 0005_issue12_review
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_issue21_scans"
down_revision = "0005_issue12_review"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("testimony_id", sa.Integer, sa.ForeignKey("testimonies.id"), nullable=False,
                  unique=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("media_type", sa.String(40), nullable=False),
        sa.Column("file_name", sa.String(500)),
        sa.Column("dpi", sa.Integer, nullable=False),
        sa.Column("pages", sa.JSON, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("scans")
