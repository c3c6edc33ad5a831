"""Alembic environment for the udi SQL store.

Run programmatically only (:mod:`udi_adapters_sql.migrate`): the caller hands over an
open connection in ``config.attributes["connection"]``; there is no ``alembic.ini``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from udi_adapters_sql.schema import metadata

connection = context.config.attributes["connection"]
assert isinstance(connection, Connection), "run through udi_adapters_sql.migrate"
context.configure(
    connection=connection,
    target_metadata=metadata,
    transactional_ddl=True,  # also on SQLite: a failed upgrade leaves nothing behind
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
