"""Opening a store: check the setting, reach the database, check or create the schema."""

from __future__ import annotations

from returns.result import Failure, Result, Success
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from udi_adapters_sql.engines import (
    migration_engine,
    parse_url,
    sqlite_folder_problem,
    store_engine,
)
from udi_adapters_sql.migrate import schema_status, shown, unreachable, upgrade_connection
from udi_adapters_sql.store import SqlStore
from udi_core.domain.kernel.errors import InvalidInput, StorageFailure


def open_store(setting: str) -> Result[SqlStore, InvalidInput | StorageFailure]:
    """A store on the database ``setting`` names, with its schema at the newest revision.

    An empty database (a new SQLite file, an empty PostgreSQL schema) is created at the
    newest revision; an older one is refused with the command that upgrades it.
    """
    parsed = parse_url(setting)
    if isinstance(parsed, Failure):
        return Failure(parsed.failure())
    url = parsed.unwrap()
    if url.get_backend_name() == "sqlite":
        problem = sqlite_folder_problem(url)
        if problem is not None:
            return Failure(
                StorageFailure(
                    f"cannot create the SQLite database {shown(url)}: {problem}",
                    "create the folder, or choose another path in settings.store (UDI_STORE)",
                )
            )
    ready = _ensure_schema(url)
    if isinstance(ready, Failure):
        return Failure(ready.failure())
    return Success(SqlStore(store_engine(url), url))


def _ensure_schema(url: URL) -> Result[None, StorageFailure]:
    engine = migration_engine(url)
    try:
        with engine.connect() as connection:
            status = schema_status(connection, url)
            connection.rollback()
            if status == Success("empty"):
                try:
                    upgrade_connection(connection)
                    connection.commit()
                except DBAPIError:
                    # another process may have created it meanwhile: look again
                    connection.rollback()
                status = schema_status(connection, url)
                connection.rollback()
    except DBAPIError as exc:
        return Failure(unreachable(url, exc))
    finally:
        engine.dispose()
    return status.map(lambda _: None)
