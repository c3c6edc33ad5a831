"""SQL safety: names and free text full of quotes, semicolons and SQL fragments go through
real commands into SQLite and PostgreSQL and come back unchanged through the reads, and
SQL-shaped identifiers and lookup keys are refused or simply not found, never executed.

(Free text is stored without its surrounding whitespace, by design of ``require_text``.)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from returns.result import Failure, Success

from tests.pg import fresh_schema
from tests.reliability.concurrency import prepared_app
from udi_core.app import App
from udi_core.domain.coordinator_network import KIND
from udi_core.domain.coordinator_network.model import AgendaItemSubmitted, MeetingHeld
from udi_core.domain.kernel.errors import InvalidInput, NotFound
from udi_core.domain.kernel.identifiers import EmployeeId, UnitId

FRAGMENTS = [
    "'",
    '"',
    ";",
    "--",
    "/*",
    "*/",
    "\\",
    "%",
    "_",
    "?",
    ":name",
    "%(x)s",
    "$1",
    "`",
    "'; DROP TABLE events; --",
    "' OR '1'='1",
    "Robert'); DROP TABLE aggregates;--",
    "1; DELETE FROM outbox WHERE 1=1",
    "UNION SELECT * FROM employees",
    "E'\\x00'",
    "$$ quoted $$",
    "\u202e",
    "ÆØÅ æøå",
    "🙂",
    "\ud800",
]

hostile_text = (
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), min_size=1, max_size=8)
    .map("".join)
    .filter(lambda t: 0 < len(t.strip()) <= 200 and "\x00" not in t)
)

SQL_BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


@pytest.fixture(params=SQL_BACKENDS)
def app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[App]:
    if request.param == "postgresql":
        with fresh_schema() as setting:
            built = prepared_app(setting)
            yield built
            built.close()
        return
    built = prepared_app(f"sqlite:///{tmp_path / 'udi.sqlite3'}")
    yield built
    built.close()


def _tables_intact(app: App) -> None:
    assert app.networks.network("fgm").unwrap().coordinator == EmployeeId("lead")
    assert app.queries.history("fgm", KIND.name)[0].version == 1


def test_hostile_names_and_text_round_trip_through_commands_and_reads(app: App) -> None:
    numbers = itertools.count()

    @given(name=hostile_text, topic=hostile_text)
    def round_trip(name: str, topic: str) -> None:
        n = next(numbers)
        unit, person = f"SQL-{n}", f"sql{n}"
        execute = app.commands.execute_payload
        register_unit = {
            "command": "RegisterUnit",
            "actor": "igs",
            "unit_id": unit,
            "name": name,
            "department": "AUA",
            "kind": "unit",
        }
        assert isinstance(execute(register_unit), Success)
        register = {
            "command": "RegisterEmployee",
            "actor": "igs",
            "employee_id": person,
            "name": name,
            "unit_id": unit,
            "roles": [],
        }
        assert isinstance(execute(register), Success)
        for command in ("SubmitAgendaItem", "RecordMeeting"):
            payload = {"command": command, "actor": "lead", "network": "fgm", "topic": topic}
            if command == "RecordMeeting":
                payload |= {"held_on": "2026-03-01", "kind": "whole"}
            assert isinstance(execute(payload), Success)
        with app.store.unit_of_work() as uow:
            employee = uow.organisation.employee(EmployeeId(person))
            stored_unit = uow.organisation.unit(UnitId(unit))
        assert employee is not None
        assert stored_unit is not None
        assert (employee.name, stored_unit.name) == (name.strip(), name.strip())
        network = app.networks.network("fgm").unwrap()
        # the meeting is held the day before the item was submitted: the item stays open
        assert network.agenda[-1].topic == topic.strip()
        history = app.queries.history("fgm", KIND.name)
        assert [r.version for r in history] == list(range(1, len(history) + 1))
        # the state keeps only the meetings CN-05 counts; the history keeps every one
        submitted, held = (r.event for r in history[-2:])
        assert isinstance(submitted, AgendaItemSubmitted)
        assert submitted.item.topic == topic.strip()
        assert isinstance(held, MeetingHeld)
        assert held.meeting.topic == topic.strip()

    round_trip()
    _tables_intact(app)


@pytest.mark.parametrize("fragment", [f for f in FRAGMENTS if f.strip()])
def test_sql_shaped_keys_through_the_app_are_refused_or_not_found(app: App, fragment: str) -> None:
    key = f"fgm{fragment}"
    network = app.networks.network(key)
    assert isinstance(network, Failure)
    assert isinstance(network.failure(), InvalidInput | NotFound)
    for field in ("actor", "network"):
        agenda = {"command": "SubmitAgendaItem", "actor": "lead", "network": "fgm", "topic": "x"}
        refused = app.commands.execute_payload(agenda | {field: key})
        assert isinstance(refused, Failure)
        assert isinstance(refused.failure(), InvalidInput | NotFound)
    _tables_intact(app)


# The store port is handed only validated keys by the app; these look-ups go to the store
# directly. A lone surrogate cannot even be encoded for the driver: it matches nothing.
@pytest.mark.parametrize("fragment", [f for f in FRAGMENTS if f.strip()])
def test_sql_shaped_lookup_values_in_the_store_match_nothing(app: App, fragment: str) -> None:
    key = f"fgm{fragment}"
    with app.store.unit_of_work() as uow:
        repository = uow.repository(KIND)
        assert len(repository.find("network", "fgm")) == 1
        assert repository.find("network", key) == []
        assert repository.find("network", fragment) == []
        assert repository.get(key) is None
        assert uow.outbox.get(key) is None
        assert uow.events.history(key) == []
    _tables_intact(app)


def test_a_lone_surrogate_in_a_stored_key_is_refused_and_nothing_is_stored(app: App) -> None:
    with app.store.unit_of_work() as uow:
        state = app.networks.network("fgm").unwrap()
        uow.repository(KIND).save("fgm\ud800", state, expected_version=0, version=1)
        committed = uow.commit()
    assert isinstance(committed, Failure)
    assert "nothing of the command was stored" in committed.failure().message
    assert "\\ud800, a lone surrogate" in committed.failure().message
    with app.store.unit_of_work() as uow:
        assert uow.repository(KIND).ids() == ["fgm", "trafficking", "violence"]
    _tables_intact(app)
