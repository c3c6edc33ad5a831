"""What a SQL store remembers between units of work (decoded states, the organisation)
is never served stale: two stores on one database, and a row changed by hand at the same
version."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
from returns.result import Success

from udi_adapters_sql import SqlStore
from udi_adapters_sql.cache import StateCache
from udi_core.domain.kernel.identifiers import EmployeeId, UnitId
from udi_core.domain.kernel.organisation import Department, Employee, OrgUnit, Role, UnitKind
from udi_core.ports.persistence import Loaded, Store, StoreError
from udi_core.ports.plugins import Plugins
from udi_core.testing.tally import TALLY, Tally


@pytest.fixture
def stores(sql_setting: str) -> Iterator[tuple[Store, Store]]:
    """Two stores (two engines, two sessions) on one database."""
    plugins = Plugins.load()
    first, second = plugins.build_store(sql_setting).unwrap(), plugins.build_store(sql_setting)
    yield first, second.unwrap()
    first.close()
    second.unwrap().close()


def _save(store: Store, state: Tally, expected: int, version: int) -> None:
    with store.unit_of_work() as uow:
        uow.repository(TALLY).save("t1", state, expected_version=expected, version=version)
        assert uow.commit() == Success(None)


def _get(store: Store) -> Loaded[Tally]:
    with store.unit_of_work() as uow:
        loaded = uow.repository(TALLY).get("t1")
    assert loaded is not None
    return loaded


def test_a_state_is_decoded_once_and_then_shared(stores: tuple[Store, Store]) -> None:
    mine, _ = stores
    _save(mine, Tally("a", "kari"), 0, 1)
    read = _get(mine)
    assert read.state == Tally("a", "kari")
    assert _get(mine).state is read.state  # remembered from the write, not decoded again


def test_a_newer_version_written_by_another_store_is_read(stores: tuple[Store, Store]) -> None:
    mine, theirs = stores
    _save(mine, Tally("a", "kari"), 0, 1)
    assert _get(mine).state == Tally("a", "kari")
    assert _get(theirs).state == Tally("a", "kari")
    _save(theirs, Tally("b", "ola", 2), 1, 2)
    assert (_get(mine).state, _get(mine).version) == (Tally("b", "ola", 2), 2)
    _save(mine, Tally("c", "ola", 3), 2, 5)
    assert (_get(theirs).state, _get(theirs).version) == (Tally("c", "ola", 3), 5)
    with theirs.unit_of_work() as uow:
        assert [t.state for t in uow.repository(TALLY).find("owner", "ola")] == [
            Tally("c", "ola", 3)
        ]


def test_a_row_changed_by_hand_at_the_same_version_is_read_afresh(
    stores: tuple[Store, Store],
) -> None:
    mine, _ = stores
    _save(mine, Tally("a", "kari"), 0, 1)
    assert _get(mine).state == Tally("a", "kari")
    engine = cast(SqlStore, mine).engine
    with engine.begin() as conn:
        conn.exec_driver_sql(
            """UPDATE aggregates SET state = '{"name": "edited", "owner": "kari", """
            """"count": 0, "due": null, "done_on": null}' WHERE id = 't1'"""
        )
    assert _get(mine) == Loaded("t1", Tally("edited", "kari"), 1)


def test_the_remembered_states_are_bounded() -> None:
    by_count = StateCache(max_states=2, max_chars=1000)
    for i in range(3):
        by_count.remember("k", f"a{i}", 1, "{}", i)
    assert len(by_count) == 2
    assert by_count.state("k", "a0", 1, "{}") is None
    assert by_count.state("k", "a2", 1, "{}") == 2
    by_size = StateCache(max_states=10, max_chars=10)
    by_size.remember("k", "big", 1, "x" * 11, "too big")
    by_size.remember("k", "a", 1, "y" * 6, "a")
    by_size.remember("k", "b", 1, "z" * 6, "b")
    assert by_size.state("k", "big", 1, "x" * 11) is None
    assert by_size.state("k", "a", 1, "y" * 6) is None
    assert by_size.state("k", "b", 1, "z" * 6) == "b"
    assert by_size.state("k", "b", 2, "z" * 6) is None  # another version
    assert by_size.state("k", "b", 1, "z" * 5) is None  # another text


def test_a_state_that_is_not_json_names_the_row(tmp_path: Path) -> None:
    """SQLite keeps whatever text it is given (PostgreSQL's json type refuses it)."""
    store = Plugins.load().build_store(f"sqlite:///{tmp_path / 'udi.sqlite3'}").unwrap()
    _save(store, Tally("a", "kari"), 0, 1)
    with cast(SqlStore, store).engine.begin() as conn:
        conn.exec_driver_sql("""UPDATE aggregates SET state = '{"name": ' WHERE id = 't1'""")
    with store.unit_of_work() as uow, pytest.raises(StoreError) as raised:
        uow.repository(TALLY).get("t1")
    store.close()
    failure = raised.value.failure
    assert "table aggregates, kind 'tally' id 't1' version 1" in failure.message
    assert "not JSON" in failure.message


def _unit_with_kari(store: Store) -> tuple[OrgUnit, Employee]:
    """Register unit OPA-E1 with one employee, kari, through ``store``."""
    unit = OrgUnit(UnitId("OPA-E1"), "Enhet 1", Department.OPA, UnitKind.UNIT, None)
    kari = Employee(EmployeeId("kari"), "Kari Nordmann", unit.id, Department.OPA)
    with store.unit_of_work() as uow:
        uow.organisation.put_unit(unit)
        uow.organisation.put_employee(kari)
        assert uow.commit() == Success(None)
    return unit, kari


def test_an_organisation_change_by_another_store_is_seen(stores: tuple[Store, Store]) -> None:
    mine, theirs = stores
    unit, kari = _unit_with_kari(theirs)
    for _ in range(2):  # read twice: the second time from what the store remembered
        with mine.unit_of_work() as uow:
            assert uow.organisation.employee(kari.id) == kari
            assert uow.organisation.employee(EmployeeId("ola")) is None
            assert uow.organisation.employees(unit.id) == [kari]
    ola = Employee(EmployeeId("ola"), "Ola Nordmann", unit.id, Department.OPA)
    leader = Employee(kari.id, kari.name, unit.id, Department.OPA, {Role.UNIT_LEADER})
    with theirs.unit_of_work() as uow:
        uow.organisation.put_employee(ola)
        uow.organisation.put_employee(leader)
        assert uow.commit() == Success(None)
    with mine.unit_of_work() as uow:
        assert uow.organisation.employee(kari.id) == leader
        assert uow.organisation.employee(ola.id) == ola
        assert uow.organisation.employees(unit.id) == [leader, ola]


@pytest.mark.parametrize("stored", [True, False], ids=["aggregate stored", "aggregate new"])
def test_an_organisation_change_is_seen_after_an_aggregate_read(
    stores: tuple[Store, Store], stored: bool
) -> None:
    """A command reads its aggregate first, and the organisation's version with it."""
    mine, theirs = stores
    unit, kari = _unit_with_kari(theirs)
    if stored:
        _save(theirs, Tally("a", "kari"), 0, 1)
    with mine.unit_of_work() as uow:  # remembers kari as she is now
        assert uow.organisation.employee(kari.id) == kari
    leader = Employee(kari.id, kari.name, unit.id, Department.OPA, {Role.UNIT_LEADER})
    with theirs.unit_of_work() as uow:
        uow.organisation.put_employee(leader)
        assert uow.commit() == Success(None)
    with mine.unit_of_work() as uow:
        loaded = uow.repository(TALLY).get("t1")
        assert (loaded is not None) is stored
        assert uow.organisation.employee(kari.id) == leader
        assert uow.repository(TALLY).get("t1") == loaded  # read again, version known
