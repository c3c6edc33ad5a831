"""Optimistic concurrency with real connections: two stores (two engines, so two
database sessions) on one database; one writer wins, the other gets a typed
ConcurrencyConflict and nothing of it is stored."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator

import pytest
from returns.result import Failure, Success
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.integration.sql_helpers import count, sql_app
from tests.pg import fresh_schema, server_url
from udi_core.app import App
from udi_core.domain.kernel.effects import AddDufCode
from udi_core.domain.kernel.errors import ConcurrencyConflict, StorageFailure
from udi_core.domain.kernel.identifiers import DufCaseNumber
from udi_core.ports.outbox import OutboxItem
from udi_core.ports.persistence import Store
from udi_core.ports.plugins import Plugins
from udi_core.testing.tally import TALLY, Counted, Tally

from .sql_helpers import T0


@pytest.fixture
def pg_setting() -> Iterator[str]:
    with fresh_schema() as setting:
        yield setting


def _two_stores(setting: str) -> tuple[Store, Store]:
    plugins = Plugins.load()
    return plugins.build_store(setting).unwrap(), plugins.build_store(setting).unwrap()


@pytest.mark.postgres
def test_two_connections_loading_one_version_one_wins(pg_setting: str) -> None:
    one, two = _two_stores(pg_setting)
    with one.unit_of_work() as uow:
        uow.repository(TALLY).save("t1", Tally("a", "e1"), expected_version=0, version=1)
        assert uow.commit() == Success(None)
    first, second = one.unit_of_work(), two.unit_of_work()
    with first, second:
        a, b = first.repository(TALLY).get("t1"), second.repository(TALLY).get("t1")
        assert a is not None
        assert b is not None
        assert a.version == b.version == 1
        first.repository(TALLY).save("t1", Tally("a", "e1", 1), expected_version=1, version=2)
        second.repository(TALLY).save("t1", Tally("a", "e1", 9), expected_version=1, version=2)
        second.obligations.replace("tally", "t1", [])
        lost = AddDufCode("lost", DufCaseNumber("201500000001"), "MH")
        second.outbox.add([OutboxItem.new(lost, "tally", "t1", T0)])
        assert first.commit() == Success(None)
        assert second.commit() == Failure(ConcurrencyConflict("tally", "t1", 1, 2))
    with two.unit_of_work() as uow:
        stored = uow.repository(TALLY).get("t1")
        assert stored is not None
        assert (stored.version, stored.state.count) == (2, 1)
        assert uow.outbox.get("lost") is None
    one.close()
    two.close()


@pytest.mark.postgres
def test_two_connections_creating_one_aggregate_one_wins(pg_setting: str) -> None:
    one, two = _two_stores(pg_setting)
    first, second = one.unit_of_work(), two.unit_of_work()
    with first, second:
        first.repository(TALLY).save("new", Tally("first", "e1"), expected_version=0, version=1)
        second.repository(TALLY).save("new", Tally("second", "e1"), expected_version=0, version=1)
        assert first.commit() == Success(None)
        assert second.commit() == Failure(ConcurrencyConflict("tally", "new", 0, 1))
    with two.unit_of_work() as uow:
        stored = uow.repository(TALLY).get("new")
        assert stored is not None
        assert stored.state.name == "first"
    one.close()
    two.close()


def _race(apps: list[App], per_thread: int) -> list[int]:
    """Each app counts on one tally from its own thread, retrying on conflict."""
    barrier = threading.Barrier(len(apps))
    conflicts = [0] * len(apps)

    def work(n: int, app: App) -> None:
        barrier.wait()
        for _ in range(per_thread):
            while True:
                result = app.runner.run(TALLY, "shared", "kari", count(1))
                if isinstance(result, Success):
                    break
                assert isinstance(result.failure(), ConcurrencyConflict), result
                conflicts[n] += 1

    threads = [threading.Thread(target=work, args=(n, a)) for n, a in enumerate(apps)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return conflicts


def test_racing_writers_lose_no_update(sql_setting: str) -> None:
    apps = [sql_app(sql_setting) for _ in range(4)]
    _race(apps, per_thread=15)
    history = apps[0].queries.history("shared")
    counted = [r.event for r in history if isinstance(r.event, Counted)]
    assert len(counted) == 60
    assert [r.version for r in history] == list(range(1, 121))
    with apps[0].store.unit_of_work() as uow:
        stored = uow.repository(TALLY).get("shared")
    assert stored is not None
    assert (stored.state.count, stored.version) == (60, 120)
    for app in apps:
        app.close()


@pytest.mark.postgres
def test_a_dropped_connection_fails_one_command_cleanly_then_reconnects(pg_setting: str) -> None:
    name = f"udi_drop_{uuid.uuid4().hex[:8]}"
    app = sql_app(f"{pg_setting}&application_name={name}")
    app.runner.run(TALLY, "t1", "kari", count(1)).unwrap()  # leaves a pooled connection
    admin = create_engine(
        make_url(server_url()).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        killed = conn.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE application_name = :name"
            ),
            {"name": name},
        ).scalar()
    admin.dispose()
    assert killed
    failed = app.runner.run(TALLY, "t1", "kari", count(1))
    assert isinstance(failed, Failure)
    failure = failed.failure()
    assert isinstance(failure, StorageFailure)
    assert "cannot use the database" in failure.message
    again = app.runner.run(TALLY, "t1", "kari", count(1)).unwrap()
    assert again.version == 4
    app.close()
