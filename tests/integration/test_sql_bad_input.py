"""Bad input to the SQL store: malformed or unreachable URLs, unusable files, rows that
do not read back, SQL-hostile text, and a commit that fails half-way. Each gives a clear
error naming the cause and the fix, and never a half-written command."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import cast

import pytest
from returns.result import Failure, Success
from sqlalchemy import text

from tests.integration.sql_helpers import T0, count, note, sql_app
from udi_adapters_sql import SqlStore
from udi_core.app import App, bootstrap
from udi_core.domain.kernel.effects import AddDufCode, PostJournal
from udi_core.domain.kernel.errors import InvalidInput, StorageFailure
from udi_core.domain.kernel.events import EventRecord
from udi_core.domain.kernel.identifiers import DufCaseNumber, EmployeeId, UnitId
from udi_core.domain.kernel.obligations import Obligation, ObligationStatus
from udi_core.domain.kernel.organisation import Department, OrgUnit, UnitKind
from udi_core.ports.outbox import OutboxItem
from udi_core.ports.persistence import ObligationQuery, StoreError
from udi_core.ports.plugins import Plugins
from udi_core.testing.tally import TALLY, Counted, Renamed, Tally

HOSTILE = [
    "'; DROP TABLE aggregates; --",
    'Robert"); DROP TABLE events;--',
    "semi;colon; 'quote' \"double\" `back` \\ backslash %s %(x)s ?",
    "Ærlig «sak» – ½ 🙂",
]


@pytest.fixture
def app(sql_setting: str) -> Iterator[App]:
    built = sql_app(sql_setting)
    yield built
    built.close()


def _execute(app: App, sql: str) -> None:
    store = cast(SqlStore, app.store)
    with store.engine.connect() as conn:
        conn.exec_driver_sql(sql)


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("sqlite://", "a file"),
        ("sqlite:///:memory:", "a file"),
        ("sqlite+pysqlcipher:///x.db", "standard library"),
        ("postgresql://postgres@127.0.0.1:notaport/test", "postgresql://user@host:port"),
        ("postgresql://postgres@127.0.0.1:5432", "a database name"),
        ("postgresql+psycopg2://postgres@127.0.0.1/test", "psycopg 3"),
        ("postgresql://[::1/test", "postgresql://user@host:port"),
    ],
)
def test_a_malformed_url_is_invalid_input_naming_the_form(setting: str, expected: str) -> None:
    built = bootstrap({"store": setting})
    assert isinstance(built, Failure)
    failure = built.failure()
    assert isinstance(failure, InvalidInput)
    assert failure.field == "settings.store"
    assert expected in failure.expected
    assert setting.split("?", maxsplit=1)[0] in failure.got


def test_an_unreachable_server_is_a_storage_failure_naming_the_fix() -> None:
    built = bootstrap({"store": "postgresql://postgres:secret@127.0.0.1:1/test"})
    assert isinstance(built, Failure)
    failure = built.failure()
    assert isinstance(failure, StorageFailure)
    assert "127.0.0.1:1/test" in failure.message
    assert "secret" not in failure.describe()
    assert "start the PostgreSQL server" in failure.fix


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    built = bootstrap({"store": f"sqlite:///{tmp_path}/nowhere/udi.sqlite3"})
    assert isinstance(built, Failure)
    assert f"{tmp_path}/nowhere does not exist" in built.failure().describe()
    assert not (tmp_path / "nowhere").exists()


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"just some notes, not SQLite at all\n" * 100)
    built = bootstrap({"store": f"sqlite:///{path}"})
    assert isinstance(built, Failure)
    failure = built.failure()
    assert isinstance(failure, StorageFailure)
    assert "not a database" in failure.message
    assert path.read_bytes().startswith(b"just some notes")


def test_the_embedded_default_creates_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with bootstrap({"clock": f"fixed:{T0.isoformat()}"}).unwrap() as app:
        assert app.store.name == "sqlite"
        app.organisation.ensure_named_units().unwrap()
    assert (tmp_path / "udi.sqlite3").is_file()


def test_an_unreadable_state_fails_the_command_and_names_row_and_fix(app: App) -> None:
    app.runner.run(TALLY, "t1", "kari", count(1)).unwrap()
    _execute(
        app, """UPDATE aggregates SET state = '{"name": 7, "owner": "kari"}' WHERE id = 't1'"""
    )
    result = app.runner.run(TALLY, "t1", "kari", count(1))
    assert isinstance(result, Failure)
    failure = result.failure()
    assert isinstance(failure, StorageFailure)
    assert "table aggregates" in failure.message
    assert "'t1'" in failure.message
    assert "$.name" in failure.message
    assert "migration" in failure.fix
    assert [r.version for r in app.queries.history("t1")] == [1, 2]


def test_an_unreadable_event_is_a_store_error_naming_it(app: App) -> None:
    app.runner.run(TALLY, "t1", "kari", count(1)).unwrap()
    _execute(app, "UPDATE events SET type = 'Vanished' WHERE version = 1")
    with pytest.raises(StoreError) as raised:
        app.queries.history("t1")
    assert "table events, event tally/t1/1" in raised.value.failure.message
    assert "Vanished" in raised.value.failure.message


def test_events_of_an_unknown_kind_name_the_fix(sql_setting: str) -> None:
    store = Plugins.load().build_store(sql_setting).unwrap()
    with store.unit_of_work() as uow:
        uow.events.append([EventRecord("ghost", "g1", 1, T0, EmployeeId("e1"), (), Counted(1))])
        assert uow.commit() == Success(None)
    with store.unit_of_work() as uow, pytest.raises(StoreError) as raised:
        uow.events.history("g1")
    assert "'ghost' is not known" in raised.value.failure.message
    assert "catalog.KINDS" in raised.value.failure.fix
    store.close()


def test_a_commit_failing_half_way_stores_nothing(sql_setting: str) -> None:
    store = Plugins.load().build_store(sql_setting).unwrap()
    taken = EventRecord("tally", "t1", 1, T0, EmployeeId("e1"), (), Counted(1))
    with store.unit_of_work() as uow:
        uow.events.append([taken])
        assert uow.commit() == Success(None)
    with store.unit_of_work() as uow:
        uow.repository(TALLY).save("t1", Tally("x", "e1"), expected_version=0, version=1)
        uow.events.append([taken])  # the same version again: the event log refuses it
        uow.outbox.add(
            [
                OutboxItem.new(
                    AddDufCode("k", DufCaseNumber("201500000001"), "MH"), "tally", "t1", T0
                )
            ]
        )
        result = uow.commit()
    assert isinstance(result, Failure)
    failure = result.failure()
    assert isinstance(failure, StorageFailure)
    assert failure.message.startswith("nothing of the command was stored")
    assert "clashes with stored data" in failure.message
    assert "reload and retry" in failure.fix
    with store.unit_of_work() as uow:
        assert uow.repository(TALLY).get("t1") is None
        assert uow.outbox.get("k") is None
        assert len(uow.events.history("t1")) == 1
    store.close()


def test_sql_hostile_text_round_trips(sql_setting: str) -> None:
    store = Plugins.load().build_store(sql_setting).unwrap()
    with store.unit_of_work() as uow:
        repo = uow.repository(TALLY)
        for n, hostile in enumerate(HOSTILE):
            aid = f"{hostile}-{n}"
            repo.save(aid, Tally(hostile, hostile), expected_version=0, version=1)
            uow.events.append(
                [
                    EventRecord(
                        "tally", aid, 1, T0, EmployeeId("e1"), (hostile[:5],), Renamed(hostile)
                    )
                ]
            )
            uow.obligations.replace(
                "tally",
                aid,
                [Obligation(hostile, "TT-01", "tally", aid, hostile, hostile, date(2026, 1, 1))],
            )
            uow.outbox.add(
                [OutboxItem.new(PostJournal(f"p{n}", note(n + 1, hostile)), "tally", aid, T0)]
            )
        uow.organisation.put_unit(
            OrgUnit(UnitId("OPA-X"), HOSTILE[0], Department.OPA, UnitKind.UNIT, HOSTILE[1])
        )
        assert uow.commit() == Success(None)
    with store.unit_of_work() as uow:
        repo = uow.repository(TALLY)
        assert sorted(repo.ids()) == sorted(f"{h}-{n}" for n, h in enumerate(HOSTILE))
        for n, hostile in enumerate(HOSTILE):
            aid = f"{hostile}-{n}"
            loaded = repo.get(aid)
            assert loaded is not None
            assert loaded.state == Tally(hostile, hostile)
            assert [f.id for f in repo.find("owner", hostile)] == [aid]
            [record] = uow.events.history(aid)
            assert record.event == Renamed(hostile)
            assert record.rule_ids == (hostile[:5],)
            item = uow.outbox.get(f"p{n}")
            assert item is not None
            assert isinstance(item.effect, PostJournal)
            assert item.effect.post.title == hostile
        overdue = uow.obligations.query(
            ObligationQuery(date(2026, 2, 1), {ObligationStatus.OVERDUE})
        )
        assert sorted(o.what for o in overdue) == sorted(HOSTILE)
        unit = uow.organisation.unit(UnitId("OPA-X"))
        assert unit is not None
        assert (unit.name, unit.websak_code) == (HOSTILE[0], HOSTILE[1])
    with cast(SqlStore, store).engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM aggregates")).scalar() == len(HOSTILE)
        assert conn.execute(text("SELECT count(*) FROM events")).scalar() == len(HOSTILE)
    store.close()
