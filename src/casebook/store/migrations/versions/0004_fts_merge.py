"""SQLite: let FTS5 merge index segments in larger steps (faster bulk import, same results).

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in ("testimony_fts", "testimony_words"):
            op.execute(f"INSERT INTO {table}({table}, rank) VALUES('automerge', 16)")
            op.execute(f"INSERT INTO {table}({table}, rank) VALUES('crisismerge', 64)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in ("testimony_fts", "testimony_words"):
            op.execute(f"INSERT INTO {table}({table}, rank) VALUES('automerge', 4)")
            op.execute(f"INSERT INTO {table}({table}, rank) VALUES('crisismerge', 16)")
