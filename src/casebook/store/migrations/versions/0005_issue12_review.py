"""Review closed per testimony, and the suggestion model learned from review, kept in the store.

``testimony_reviews`` holds one row per testimony whose review a reviewer closed (who, when);
reopening deletes it. ``learned_models`` holds the model trained on reviewers' decisions as
arrays (an ``.npz`` archive read with ``allow_pickle=False``: data, never code), so neither the
model nor what it learned from ever leaves the encrypted store.

Revision ID: 0005_issue12_review
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_issue12_review"
down_revision = "0004"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "testimony_reviews",
        sa.Column("testimony_id", sa.Integer, sa.ForeignKey("testimonies.id"),
                  primary_key=True, autoincrement=False),
        sa.Column("closed_at", TZ, nullable=False),
        sa.Column("closed_by", sa.String(200), nullable=False),
    )
    op.create_table(
        "learned_models",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("arrays", sa.LargeBinary, nullable=False),
        sa.Column("info", sa.JSON, nullable=False),
        sa.Column("trained_at", TZ, nullable=False),
        sa.Column("trained_by", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("learned_models")
    op.drop_table("testimony_reviews")
