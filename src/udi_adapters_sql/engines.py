"""Store settings to SQLAlchemy engines: URL checks, drivers and connection options.

- ``sqlite:///path/to/file.db`` (the embedded default): the file is created on first
  use in an existing folder; WAL journal, foreign keys on, a busy timeout so writers
  queue instead of failing at once.
- ``postgresql://user@host:port/database`` (PostgreSQL 15), driven by psycopg 3
  (``postgresql+psycopg``); a connect timeout so an unreachable server fails fast.
  Query options are passed to the driver, e.g. ``?options=-csearch_path%3Dmyschema``.

The store's engine runs in driver autocommit: a unit of work reads with plain
statements and writes in one explicit transaction (``BEGIN IMMEDIATE`` on SQLite, so
the writer takes the lock before it checks versions).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from returns.result import Failure, Result, Success
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from udi_core.domain.kernel.errors import InvalidInput

EXPECTED = "sqlite:///path/to/file.db or postgresql://user@host:port/database"
BUSY_TIMEOUT_MS = 10_000
CONNECT_TIMEOUT_S = 5


def parse_url(setting: str, field: str = "settings.store") -> Result[URL, InvalidInput]:
    """The SQLAlchemy URL for a store setting, with the driver this adapter uses."""
    raw = setting.strip()
    try:
        url = make_url(raw)
    except (ArgumentError, ValueError) as exc:
        return Failure(InvalidInput(field, EXPECTED, f"{raw} ({exc})"))
    backend, _, driver = url.drivername.partition("+")
    if backend == "sqlite":
        return _sqlite(url, driver, field, raw)
    if backend == "postgresql":
        if driver not in ("", "psycopg"):
            return Failure(
                InvalidInput(field, "postgresql:// or postgresql+psycopg:// (psycopg 3)", raw)
            )
        if not url.database:
            return Failure(InvalidInput(field, f"a database name: {EXPECTED}", raw))
        return Success(url.set(drivername="postgresql+psycopg"))
    return Failure(InvalidInput(field, EXPECTED, raw))


def _sqlite(url: URL, driver: str, field: str, raw: str) -> Result[URL, InvalidInput]:
    if driver not in ("", "pysqlite"):
        return Failure(InvalidInput(field, "sqlite:/// (the standard library's sqlite3)", raw))
    if not url.database or url.database == ":memory:" or url.host:
        return Failure(
            InvalidInput(
                field,
                "sqlite:///path/to/file.db (a file; use the `memory` store for a store "
                "that lives in the process only)",
                raw,
            )
        )
    return Success(url.set(drivername="sqlite+pysqlite"))


def sqlite_folder_problem(url: URL) -> str | None:
    """Why the SQLite file cannot be created there, or None."""
    folder = Path(url.database or "").expanduser().resolve().parent
    if not folder.is_dir():
        return f"the folder {folder} does not exist"
    return None


def sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def store_engine(url: URL) -> Engine:
    """The engine a store runs on: driver autocommit, transactions are explicit."""
    if url.get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            isolation_level="AUTOCOMMIT",
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        event.listen(engine, "connect", sqlite_pragmas)
        return engine
    return create_engine(url, isolation_level="AUTOCOMMIT", connect_args=_pg_args(url))


def migration_engine(url: URL) -> Engine:
    """A short-lived engine for migrations, with real transactions on both dialects
    (pysqlite would otherwise run DDL outside of one)."""
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", sqlite_pragmas)

        @event.listens_for(engine, "connect")
        def _driver_autocommit(dbapi_connection: Any, _record: object) -> None:
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, connect_args=_pg_args(url))


def _pg_args(url: URL) -> dict[str, object]:
    """Connect timeout and application name, unless the URL's query sets them."""
    defaults = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "udi"}
    return {k: v for k, v in defaults.items() if k not in url.query}
