"""SQL store adapter (SQLAlchemy 2 Core): SQLite (the embedded default) and PostgreSQL.

- :func:`open_store` builds a :class:`SqlStore` from a store setting
  (``sqlite:///udi.sqlite3``, ``postgresql://user@host:port/db``), creating the schema
  in an empty database and refusing one whose schema is out of date;
- :func:`upgrade` migrates a database to the newest schema (``udi db upgrade``).
"""

from __future__ import annotations

from udi_adapters_sql.migrate import head_revision, upgrade
from udi_adapters_sql.opening import open_store
from udi_adapters_sql.store import SqlStore, SqlUnitOfWork

__all__ = ["SqlStore", "SqlUnitOfWork", "head_revision", "open_store", "upgrade"]
