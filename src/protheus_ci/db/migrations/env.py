"""Alembic environment: migrations always run on a connection handed over by
``protheus_ci.db.migrate.upgrade``, so there is one way to reach the database."""

from alembic import context

from protheus_ci.db.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
