"""The first casebook schema: persons, testimonies, consent, facts, audit chain, link decisions.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "meta", sa.Column("key", sa.String(100), primary_key=True), sa.Column("value", sa.JSON))
    op.create_table(
        "persons",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("pseudonym", sa.String(200), nullable=False),
        sa.Column("surname", sa.String(200)),
        sa.Column("sex", sa.String(10)),
        sa.Column("birth_year", sa.Integer),
        sa.Column("birth_year_approximate", sa.Boolean, nullable=False),
        sa.Column("origin_place", sa.String(200)),
        sa.Column("languages", sa.JSON),
        sa.Column("organisation", sa.String(200)),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "testimonies",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("persons.id")),
        sa.Column("told_by", sa.String(100), nullable=False),
        sa.Column("interview_date", sa.JSON),
        sa.Column("interview_year", sa.Integer),
        sa.Column("interview_place", sa.String(200)),
        sa.Column("interviewer", sa.String(200)),
        sa.Column("organisation", sa.String(200)),
        sa.Column("language", sa.String(10), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("file_name", sa.String(500)),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("provenance", sa.JSON),
        sa.Column("recorded_at", TZ, nullable=False),
        sa.UniqueConstraint("sha256", name="uq_testimonies_sha256"),
    )
    op.create_index("ix_testimonies_person_id", "testimonies", ["person_id"])
    op.create_index("ix_testimonies_organisation", "testimonies", ["organisation"])
    op.create_table(
        "consent_grants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("testimony_id", sa.Integer, sa.ForeignKey("testimonies.id"), nullable=False),
        sa.Column("scope", sa.String(300), nullable=False),
        sa.Column("granted_on", sa.Date, nullable=False),
        sa.Column("withdrawn_on", sa.Date),
    )
    op.create_index("ix_consent_grants_testimony_id", "consent_grants", ["testimony_id"])
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("testimony_id", sa.Integer, sa.ForeignKey("testimonies.id"), nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("year", sa.Integer),
        sa.Column("place", sa.String(200)),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("updated_by", sa.String(200)),
    )
    op.create_index("ix_facts_testimony_id", "facts", ["testimony_id"])
    op.create_index("ix_facts_status", "facts", ["status"])
    op.create_table(
        "audit",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("target", sa.String(200)),
        sa.Column("detail", sa.JSON),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.execute("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '" + "0" * 64 + "')")
    op.create_table(
        "link_decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("record_ids", sa.JSON, nullable=False),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("reverted_at", TZ),
    )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # Two indexes inside the encrypted file. Trigram tokens find any substring of three or
        # more characters, which Korean needs (particles stick to stems). Two-syllable Korean
        # words ("연길") are shorter than a trigram, so a word index answers them as prefixes.
        for table, tokenizer in (("testimony_fts", "trigram"),
                                 ("testimony_words", "unicode61 remove_diacritics 2")):
            op.execute(
                f"CREATE VIRTUAL TABLE {table} USING fts5("
                f"text, content='testimonies', content_rowid='id', tokenize='{tokenizer}')"
            )
            op.execute(
                f"CREATE TRIGGER {table}_ai AFTER INSERT ON testimonies BEGIN "
                f"INSERT INTO {table}(rowid, text) VALUES (new.id, new.text); END"
            )
            op.execute(
                f"CREATE TRIGGER {table}_ad AFTER DELETE ON testimonies BEGIN "
                f"INSERT INTO {table}({table}, rowid, text) "
                f"VALUES ('delete', old.id, old.text); END"
            )
            op.execute(
                f"CREATE TRIGGER {table}_au AFTER UPDATE OF text ON testimonies BEGIN "
                f"INSERT INTO {table}({table}, rowid, text) VALUES ('delete', old.id, old.text); "
                f"INSERT INTO {table}(rowid, text) VALUES (new.id, new.text); END"
            )
    elif bind.dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_testimonies_text_trgm ON testimonies "
                   "USING gin (text gin_trgm_ops)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS testimony_fts")
        op.execute("DROP TABLE IF EXISTS testimony_words")
    for name in ("link_decisions", "audit_head", "audit", "facts", "consent_grants",
                 "testimonies", "persons", "meta"):
        op.drop_table(name)
