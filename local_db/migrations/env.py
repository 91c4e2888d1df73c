"""Alembic environment: always run on a connection handed in by local_db.migrate."""

from alembic import context

from local_db.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    transaction_per_migration=True,  # each step and its version bump commit together
)
with context.begin_transaction():
    context.run_migrations()
