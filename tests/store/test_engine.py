"""Opening and creating casebooks: clear errors, migrations, nothing readable without the key."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.config import Config

from casebook.errors import (
    AlreadyExists,
    MigrationNeeded,
    NotFound,
    StoreCorrupt,
    WrongPassphrase,
)
from casebook.store import Casebook
from casebook.store import engine as store_engine

PASSPHRASE = "engine test passphrase"


@pytest.mark.parametrize("location,pg", [
    ("postgresql://u@h/db", True), ("postgresql+psycopg://h/db", True), ("postgres://h/db", True),
    ("casebook.db", False), ("/data/postgresql.db", False), ("postgresql.db", False),
])
def test_is_postgres(location, pg):
    assert store_engine.is_postgres(location) is pg


def test_a_new_casebook_is_at_the_head_revision(location):
    book = Casebook.create(location, PASSPHRASE, actor="t")
    try:
        assert store_engine.current_revision(book.engine) == store_engine.head_revision()
        assert book.dialect in ("sqlite", "postgresql")
    finally:
        book.close()


def test_create_refuses_an_existing_file_and_open_a_missing_one(tmp_path):
    path = tmp_path / "cb.db"
    Casebook.create(str(path), PASSPHRASE, actor="t").close()
    with pytest.raises(AlreadyExists, match="cb.db"):
        Casebook.create(str(path), PASSPHRASE, actor="t")
    with pytest.raises(NotFound, match="casebook init"):
        Casebook.open(str(tmp_path / "other.db"), PASSPHRASE)


def test_the_file_is_not_a_readable_sqlite_database(tmp_path):
    path = tmp_path / "cb.db"
    Casebook.create(str(path), PASSPHRASE, actor="t").close()
    assert not path.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(WrongPassphrase):
        Casebook.open(str(path), "not the passphrase")


def test_an_older_schema_is_named_then_upgraded(tmp_path):
    path = tmp_path / "cb.db"
    book = Casebook.create(str(path), PASSPHRASE, actor="t")
    cfg = Config()
    cfg.set_main_option("script_location", str(store_engine.MIGRATIONS))
    with book.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "-1")
    older = store_engine.current_revision(book.engine)
    book.close()
    assert older != store_engine.head_revision()
    with pytest.raises(MigrationNeeded, match="upgrading"):
        store_engine.open_existing(str(path), PASSPHRASE, migrate=False)
    backend = store_engine.open_existing(str(path), PASSPHRASE)
    try:
        assert store_engine.current_revision(backend.engine) == store_engine.head_revision()
    finally:
        backend.engine.dispose()


def test_an_unreachable_postgres_server_is_one_line_without_the_password():
    url = "postgresql://casebook:s3cret-pw@127.0.0.1:9/nothing"
    with pytest.raises(StoreCorrupt) as raised:
        Casebook.open(url, None)
    assert "s3cret-pw" not in str(raised.value) and "\n" not in str(raised.value).strip()
