from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from returns.result import Failure, Success

from udi_adapters.clocks import FixedClock
from udi_adapters.memory import MemoryStore
from udi_core.app import Settings, bootstrap
from udi_core.domain.kernel.errors import InvalidInput, NotFound
from udi_core.domain.kernel.identifiers import UnitId
from udi_core.ports.plugins import AdapterRequest, AdapterSpec, Port, adapter_name, hookimpl


def test_bootstrap_builds_the_selected_adapters() -> None:
    app = bootstrap({"store": "memory", "clock": "fixed:2026-03-02T09:00:00+01:00"}).unwrap()
    assert isinstance(app.store, MemoryStore)
    assert isinstance(app.clock, FixedClock)
    assert app.clock.now().isoformat() == "2026-03-02T09:00:00+01:00"
    app.close()


@pytest.mark.parametrize(
    ("settings", "field", "expected"),
    [
        ({"store": "redis://x"}, "settings.store", "memory"),
        ({"store": "memory", "duf": "real"}, "settings.duf", "mock"),
        ({"store": "memory", "clock": "fixed:yesterday"}, "settings.clock", "fixed:<ISO"),
        ({"store": "memory", "clock": "fixed:2026-03-02T09:00"}, "settings.clock", "offset"),
        ({"store": "memory", "colour": "blue"}, "settings", "no keys other than"),
        ({"store": 5}, "settings.store", "text"),
        ({"store": " "}, "settings.store", "non-empty"),
    ],
)
def test_bad_settings_name_the_setting_and_what_is_expected(
    settings: dict[str, object], field: str, expected: str
) -> None:
    result = bootstrap(settings)
    assert isinstance(result, Failure)
    error = result.failure()
    assert isinstance(error, InvalidInput)
    assert error.field == field
    assert expected in error.expected


def test_unknown_adapter_lists_the_available_ones() -> None:
    error = bootstrap({"store": "oracle://db"}).failure()
    assert isinstance(error, InvalidInput)
    assert error.describe().startswith("Invalid settings.store: expected one of the available")
    assert "memory" in error.expected


def test_settings_from_env_mapping() -> None:
    env = {"UDI_STORE": "memory", "UDI_CLOCK": "system", "HOME": "/root"}
    assert Settings.from_env(env) == Success(Settings(store="memory"))
    assert isinstance(Settings.from_env({"UDI_STORE": ""}), Failure)


def test_adapter_names_come_from_the_setting() -> None:
    assert adapter_name("sqlite:///x.db") == "sqlite"
    assert adapter_name("postgresql+psycopg://u@h/db") == "postgresql"
    assert adapter_name("memory") == "memory"
    assert adapter_name("fixed:2026-01-01T00:00:00+00:00") == "fixed"


class _LoudStore(MemoryStore):
    @property
    def name(self) -> str:
        return "loud"


def _loud(_request: AdapterRequest) -> object:
    return _LoudStore()


class _Plugin:
    @hookimpl
    def udi_adapters(self) -> list[AdapterSpec]:
        return [
            AdapterSpec(Port.STORE, "loud", _loud),
            AdapterSpec(Port.STORE, "memory", _loud),  # overrides the built-in
        ]


def test_a_plugin_object_adds_and_overrides_adapters() -> None:
    app = bootstrap({"store": "loud"}, plugins=[_Plugin()]).unwrap()
    assert app.store.name == "loud"
    overridden = bootstrap({"store": "memory"}, plugins=[_Plugin()]).unwrap()
    assert overridden.store.name == "loud"
    assert bootstrap({"store": "memory"}).unwrap().store.name == "memory"


def test_an_adapter_that_is_not_a_store_is_refused() -> None:
    class Bad:
        @hookimpl
        def udi_adapters(self) -> list[AdapterSpec]:
            return [AdapterSpec(Port.STORE, "bad", lambda _r: object())]

    with pytest.raises(TypeError, match="not a Store"):
        bootstrap({"store": "bad"}, plugins=[Bad()])


def test_an_outside_package_registers_an_adapter_by_entry_point(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tiny installed distribution with a ``udi.adapters`` entry point, found by name."""
    (tmp_path / "udi_cassette.py").write_text(
        textwrap.dedent(
            """
            from udi_adapters.memory import MemoryStore
            from udi_core.ports.plugins import AdapterSpec, Port, hookimpl

            class CassetteStore(MemoryStore):
                def __init__(self, setting):
                    super().__init__()
                    self.setting = setting

                @property
                def name(self):
                    return "cassette"

            @hookimpl
            def udi_adapters():
                return [AdapterSpec(Port.STORE, "cassette",
                                    lambda request: CassetteStore(request.setting))]
            """
        )
    )
    dist = tmp_path / "udi_cassette-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: udi-cassette\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[udi.adapters]\ncassette = udi_cassette\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    app = bootstrap({"store": "cassette://tape-1"}).unwrap()
    assert app.store.name == "cassette"
    assert app.store.setting == "cassette://tape-1"  # type: ignore[attr-defined]
    assert "cassette" in app.plugins.adapters(Port.STORE)
    assert isinstance(AdapterRequest("x").options, dict)


def test_commands_run_from_json_payloads_and_bad_payloads_name_the_field() -> None:
    app = bootstrap({"store": "memory"}).unwrap()
    unit = {
        "command": "RegisterUnit",
        "actor": "admin",
        "unit_id": "OPA-E1",
        "name": "Enhet 1",
        "department": "OPA",
    }
    assert isinstance(app.commands.execute_payload(unit), Success)
    worker = {
        "command": "RegisterEmployee",
        "actor": "admin",
        "employee_id": "ola",
        "name": "Ola",
        "unit_id": "OPA-E1",
        "roles": ["unit_leader"],
    }
    assert isinstance(app.commands.execute_payload(worker), Success)
    assert app.organisation.employee("ola").unwrap().leads(UnitId("OPA-E1"))

    unknown = app.commands.execute_payload({"command": "Fly"}).failure()
    assert isinstance(unknown, InvalidInput)
    assert unknown.field == "$.command"
    assert "RegisterUnit" in unknown.expected
    wrong_type = app.commands.execute_payload({**unit, "name": 5}).failure()
    assert isinstance(wrong_type, InvalidInput)
    assert wrong_type.field == "$.name"
    bad_department = app.commands.execute_payload({**unit, "department": "XYZ"}).failure()
    assert isinstance(bad_department, InvalidInput)
    assert bad_department.field == "department"
    missing_unit = app.commands.execute_payload({**worker, "unit_id": "NOPE"}).failure()
    assert missing_unit == NotFound("unit", "NOPE", "unit_id")
    assert isinstance(app.commands.execute_payload([1]).failure(), InvalidInput)
