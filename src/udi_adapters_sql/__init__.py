"""SQL store adapter (SQLAlchemy 2 Core): SQLite (the embedded default) and PostgreSQL.

Settings (``settings.store`` / ``UDI_STORE``), registered as the pluggy store adapters
``sqlite`` and ``postgresql`` (entry point ``udi.adapters``: ``sql``):

- ``sqlite:///path/to/file.db``: the file is created on first use (its folder must
  exist); WAL journal, foreign keys on, a busy timeout so concurrent writers queue.
- ``postgresql://user@host:port/database``: PostgreSQL 15 through psycopg 3. Driver
  options go in the query, e.g. ``?options=-csearch_path%3Dudi`` for a schema of its own.

A malformed setting is ``InvalidInput`` (naming the expected form); an unreachable or
unusable database is ``StorageFailure`` (naming the cause and the fix).

Schema: Alembic migrations ship in ``udi_adapters_sql/migrations`` and run in code. An
empty database is created at the newest revision when a store opens it; a database at an
older revision is refused with the command that upgrades it, ``udi db upgrade``, which
calls :func:`upgrade`. A newer (unknown) revision, or a database holding other tables, is
refused too.

Units of work (see :mod:`udi_adapters_sql.store`): reads run at once, writes are staged
and applied in one transaction by ``commit`` after the optimistic version checks:
``Success(None)``, ``Failure(ConcurrencyConflict)`` or ``Failure(StorageFailure)``, and
nothing of a failed commit is stored.

Rows that cannot be read back: the ports' read methods return plain values, so a store
read raises :class:`udi_core.ports.persistence.StoreError` carrying a ``StorageFailure``
that names the table, the row, the problem (with its path, e.g. ``$.name``) and the fix;
the command runner returns it as a ``Failure``. Driver and converter exceptions never
leave the store.
"""

from __future__ import annotations

from udi_adapters_sql.migrate import head_revision, upgrade
from udi_adapters_sql.opening import open_store
from udi_adapters_sql.store import SqlStore, SqlUnitOfWork

__all__ = ["SqlStore", "SqlUnitOfWork", "head_revision", "open_store", "upgrade"]
