"""Schema migrations (Alembic, shipped in ``udi_adapters_sql/migrations``), run in code.

- :func:`schema_status` tells a store whether it may run: an empty database is created
  at the newest revision (so the embedded default just works); a database at an older
  revision is refused with the command that upgrades it; an unknown (newer) revision or
  a database that holds other tables is refused too.
- :func:`upgrade` brings a database to the newest revision (``udi db upgrade`` calls it).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from returns.result import Failure, Result, Success
from sqlalchemy import Connection, inspect
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from udi_adapters_sql.engines import migration_engine, parse_url, sqlite_folder_problem
from udi_adapters_sql.schema import metadata
from udi_core.domain.kernel.errors import InvalidInput, StorageFailure

MIGRATIONS = Path(__file__).parent / "migrations"
UPGRADE_COMMAND = "udi db upgrade"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for the shipped migrations (no ini file)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def head_revision() -> str:
    """The newest revision the code knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the shipped migrations have a head"
    return head


def _known_revisions() -> frozenset[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(r.revision for r in script.walk_revisions())


def shown(url: URL) -> str:
    """The URL as it may appear in a message: as a setting, without the password."""
    return url.set(drivername=url.get_backend_name()).render_as_string(hide_password=True)


def upgrade_fix(url: URL) -> str:
    return (
        f"run `{UPGRADE_COMMAND} --store {shown(url)}` "
        f"(or udi_adapters_sql.upgrade({shown(url)!r})) after a backup"
    )


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def schema_status(connection: Connection, url: URL) -> Result[str, StorageFailure]:
    """``"current"`` or ``"empty"`` (no tables yet), or why the store must not run."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" not in tables:
        ours = tables & set(metadata.tables)
        if not tables:
            return Success("empty")
        if ours:
            return Failure(
                StorageFailure(
                    f"the database {shown(url)} has udi tables ({', '.join(sorted(ours))}) "
                    "but no schema revision (alembic_version)",
                    "restore it from a backup, or stamp it with the revision it is at",
                )
            )
        return Failure(
            StorageFailure(
                f"the database {shown(url)} holds other tables "
                f"({', '.join(sorted(tables)[:5])}) and no udi schema",
                "point settings.store (UDI_STORE) at an empty database or a udi one, or "
                "give udi its own PostgreSQL schema with ?options=-csearch_path%3Dudi",
            )
        )
    revision = current_revision(connection)
    head = head_revision()
    if revision == head:
        return Success("current")
    if revision is None or revision in _known_revisions():
        return Failure(
            StorageFailure(
                f"the database schema of {shown(url)} is at revision {revision or 'none'}, "
                f"older than this code's {head}; the store refuses to run on it",
                upgrade_fix(url),
            )
        )
    return Failure(
        StorageFailure(
            f"the database schema of {shown(url)} is at revision {revision}, unknown to "
            f"this code (newest {head}): a newer udi-core wrote it",
            "install the udi-core version that wrote the database, or a newer one",
        )
    )


def upgrade_connection(connection: Connection) -> None:
    """Run every pending migration on ``connection`` (in one transaction)."""
    command.upgrade(alembic_config(connection), "head")


def upgrade(setting: str) -> Result[str, InvalidInput | StorageFailure]:
    """Bring the database of store setting ``setting`` to the newest revision.

    Returns the revision reached. Safe to run again: an up-to-date database is untouched.
    """
    parsed = parse_url(setting)
    if isinstance(parsed, Failure):
        return Failure(parsed.failure())
    url = parsed.unwrap()
    if url.get_backend_name() == "sqlite":
        problem = sqlite_folder_problem(url)
        if problem is not None:
            return Failure(
                StorageFailure(f"cannot create {shown(url)}: {problem}", "create the folder first")
            )
    engine = migration_engine(url)
    try:
        with engine.connect() as connection:
            upgrade_connection(connection)
            connection.commit()
            reached = current_revision(connection)
    except DBAPIError as exc:
        return Failure(unreachable(url, exc))
    finally:
        engine.dispose()
    return Success(reached or "none")


def unreachable(url: URL, exc: DBAPIError) -> StorageFailure:
    """A failure to reach or use the database, with the driver's first line."""
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
    if url.get_backend_name() == "sqlite":
        fix = "check that the file is a udi SQLite database and its folder is writable"
    else:
        fix = (
            "start the PostgreSQL server (or check host, port, user and database in "
            "settings.store / UDI_STORE)"
        )
    return StorageFailure(f"cannot use the database {shown(url)}: {detail}", fix)
