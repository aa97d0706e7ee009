"""Alembic environment: migrations always run on a connection the store opened (and unlocked)."""

from alembic import context

from casebook.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
