"""Migration 0007_issue15_cases: the tables it makes are the ones schema.py describes, on both
backends, and a casebook of the revision before it upgrades with its records intact."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Table

from casebook.model import Consent, Person, Testimony
from casebook.store import Casebook
from casebook.store import engine as engines
from casebook.store.schema import metadata

CASE_TABLES = {"cases", "case_events", "case_tasks", "case_referrals", "case_consent"}


def _about_cases(diff) -> bool:
    """Whether one item of alembic's diff (nested tuples and lists of names, tables,
    columns, indexes) concerns a case table."""
    if isinstance(diff, list | tuple):
        return any(_about_cases(part) for part in diff)
    if isinstance(diff, str):
        return diff in CASE_TABLES
    if isinstance(diff, Table):
        return diff.name in CASE_TABLES
    table = getattr(diff, "table", None)
    return isinstance(table, Table) and table.name in CASE_TABLES


def test_the_migration_makes_what_the_schema_describes(book):
    with book.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [d for d in diff if _about_cases(d)] == []
    assert engines.current_revision(book.engine) == "0007_issue15_cases"


def test_a_casebook_at_0004_upgrades_and_keeps_its_records(location):
    book = Casebook.create(location, "correct horse battery staple", actor="t")
    t = Testimony("She crossed in 2001.", language="en", organisation="Hanul",
                  consent=Consent.of(["aggregate_statistics"]))
    book.testimonies.add(t, Person("Ahn", organisation="Hanul"))
    cfg = Config()
    cfg.set_main_option("script_location", str(engines.MIGRATIONS))
    with book.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    with book.engine.connect() as conn:
        names = set(conn.dialect.get_table_names(conn))
    assert not names & CASE_TABLES
    book.close()
    reopened = Casebook.open(location, "correct horse battery staple", actor="t")
    try:
        assert engines.current_revision(reopened.engine) == engines.head_revision()
        assert reopened.count()["testimonies"] == 1
        case = reopened.cases.open(t.person_id, stage="south_korea")
        assert reopened.cases.get(case.id).stage == "south_korea"
    finally:
        reopened.close()
