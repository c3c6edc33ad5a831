"""Schema migrations: up from empty with no drift from the metadata, and the refusal of
a schema that is out of date (naming the command that upgrades it)."""

from __future__ import annotations

from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from returns.result import Failure, Success
from sqlalchemy import UniqueConstraint, inspect, text

import udi_adapters_sql
from udi_adapters_sql.engines import migration_engine, parse_url
from udi_adapters_sql.migrate import alembic_config, head_revision
from udi_adapters_sql.schema import metadata
from udi_core.domain.kernel.errors import StorageFailure
from udi_core.ports.plugins import Plugins
from udi_core.testing.tally import TALLY, Tally


def _drift(setting: str) -> list[Any]:
    engine = migration_engine(parse_url(setting).unwrap())
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            return list(compare_metadata(context, metadata))
    finally:
        engine.dispose()


def _inspect(setting: str) -> dict[str, set[str]]:
    engine = migration_engine(parse_url(setting).unwrap())
    try:
        with engine.connect() as conn:
            found = inspect(conn)
            return {
                t: {
                    i["name"] or ""
                    for i in found.get_indexes(t)
                    if "duplicates_constraint" not in i  # PostgreSQL lists UNIQUE as an index
                }
                | {f"uq:{u['name']}" for u in found.get_unique_constraints(t)}
                for t in found.get_table_names()
            }
    finally:
        engine.dispose()


def _run(setting: str, action: str, revision: str) -> None:
    engine = migration_engine(parse_url(setting).unwrap())
    try:
        with engine.connect() as conn:
            getattr(command, action)(alembic_config(conn), revision)
            conn.commit()
    finally:
        engine.dispose()


def test_migrations_from_empty_give_exactly_the_metadata(sql_setting: str) -> None:
    assert udi_adapters_sql.upgrade(sql_setting) == Success(head_revision())
    assert _drift(sql_setting) == []
    tables = _inspect(sql_setting)
    assert set(tables) == {*metadata.tables, "alembic_version"}
    for name, table in metadata.tables.items():
        expected = {i.name for i in table.indexes} | {
            f"uq:{c.name}" for c in table.constraints if isinstance(c, UniqueConstraint)
        }
        assert tables[name] == expected, name


def test_the_drift_check_sees_a_difference(sql_setting: str) -> None:
    """The no-drift test can fail: a schema one index short of the metadata is drift."""
    udi_adapters_sql.upgrade(sql_setting).unwrap()
    engine = migration_engine(parse_url(sql_setting).unwrap())
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_outbox_status_next_attempt_at"))
    engine.dispose()
    [difference] = _drift(sql_setting)
    assert difference[0] == "add_index"
    assert difference[1].name == "ix_outbox_status_next_attempt_at"


def test_upgrade_twice_is_harmless(sql_setting: str) -> None:
    assert udi_adapters_sql.upgrade(sql_setting) == Success(head_revision())
    assert udi_adapters_sql.upgrade(sql_setting) == Success(head_revision())
    assert _drift(sql_setting) == []


def test_a_store_on_an_empty_database_creates_the_schema(sql_setting: str) -> None:
    store = Plugins.load().build_store(sql_setting).unwrap()
    store.close()
    assert _drift(sql_setting) == []


def test_an_older_schema_is_refused_with_the_upgrade_command(sql_setting: str) -> None:
    store = Plugins.load().build_store(sql_setting).unwrap()
    with store.unit_of_work() as uow:
        uow.repository(TALLY).save("t1", Tally("kept", "e1"), expected_version=0, version=1)
        assert uow.commit() == Success(None)
    store.close()
    _run(sql_setting, "downgrade", "base")  # as an older release left it

    refused = Plugins.load().build_store(sql_setting)
    assert isinstance(refused, Failure)
    failure = refused.failure()
    assert isinstance(failure, StorageFailure)
    assert "older than this code" in failure.message
    assert "udi db upgrade --store" in failure.fix
    assert "udi_adapters_sql.upgrade(" in failure.fix

    assert udi_adapters_sql.upgrade(sql_setting) == Success(head_revision())
    reopened = Plugins.load().build_store(sql_setting).unwrap()
    reopened.close()


def test_a_schema_newer_than_the_code_is_refused(sql_setting: str) -> None:
    udi_adapters_sql.upgrade(sql_setting).unwrap()
    engine = migration_engine(parse_url(sql_setting).unwrap())
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    refused = Plugins.load().build_store(sql_setting)
    assert isinstance(refused, Failure)
    assert "9999" in refused.failure().describe()
    assert "newer udi-core" in refused.failure().describe()


def test_a_database_of_something_else_is_refused(sql_setting: str) -> None:
    engine = migration_engine(parse_url(sql_setting).unwrap())
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    refused = Plugins.load().build_store(sql_setting)
    assert isinstance(refused, Failure)
    assert "invoices" in refused.failure().describe()
    assert "empty database" in refused.failure().describe()
