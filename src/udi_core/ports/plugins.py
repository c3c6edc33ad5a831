"""The ``udi`` pluggy project: markers, hookspecs and a typed adapter registry.

Adapters are contributed by plugins through one hook, ``udi_adapters``, which returns
:class:`AdapterSpec` objects. Built-in adapters are registered ``trylast`` through the
entry-point group ``udi.adapters``, so an outside plugin offering the same name wins.
Nothing is loaded at import: :meth:`Plugins.load` does it when ``bootstrap`` asks.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import cast

import pluggy
from attrs import field, frozen
from returns.result import Failure, Result, Success

from udi_core.domain.kernel.errors import InvalidInput, StorageFailure
from udi_core.ports.external import Clock, DufMarking, Journal
from udi_core.ports.persistence import Store

PROJECT = "udi"
ENTRY_POINT_GROUP = "udi.adapters"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


class Port(enum.Enum):
    STORE = "store"
    DUF = "duf"
    JOURNAL = "journal"
    CLOCK = "clock"


@frozen
class AdapterRequest:
    """What a factory gets: the whole setting (``sqlite:///udi.db``) and extra options."""

    setting: str
    options: Mapping[str, str] = field(factory=dict)


Upgrade = Callable[[AdapterRequest], Result[str, InvalidInput | StorageFailure]]
"""Brings a store's schema to the newest revision; returns the revision reached."""


@frozen
class AdapterSpec:
    """One adapter a plugin offers: for which port, under which name, built how.

    A store with a schema offers ``upgrade`` (``udi db upgrade`` calls it): its factory
    refuses a database whose schema is older than the code and names that command.
    """

    port: Port
    name: str
    factory: Callable[[AdapterRequest], object]
    description: str = ""
    upgrade: Upgrade | None = None


class UdiHookSpecs:
    """The hooks a ``udi`` plugin may implement."""

    @hookspec
    def udi_adapters(self) -> Iterable[AdapterSpec]:  # type: ignore[empty-body]
        """Return the adapters this plugin offers."""


_EXPECTED: dict[Port, type] = {
    Port.STORE: Store,
    Port.DUF: DufMarking,
    Port.JOURNAL: Journal,
    Port.CLOCK: Clock,
}


def adapter_name(setting: str) -> str:
    """The adapter name a setting selects: its URL scheme (without a ``+driver``) or itself.

    ``sqlite:///x.db`` -> ``sqlite``; ``postgresql+psycopg://...`` -> ``postgresql``;
    ``memory`` -> ``memory``; ``fixed:2026-01-01T12:00:00+01:00`` -> ``fixed``.
    """
    head = setting.split(":", 1)[0]
    return head.split("+", 1)[0].strip().lower()


class Plugins:
    """A typed facade over the pluggy plugin manager."""

    def __init__(self) -> None:
        self._pm = pluggy.PluginManager(PROJECT)
        self._pm.add_hookspecs(UdiHookSpecs)

    @classmethod
    def load(cls, extra: Sequence[object] = (), *, entry_points: bool = True) -> Plugins:
        plugins = cls()
        if entry_points:
            plugins._pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
        for plugin in extra:
            plugins.register(plugin)
        return plugins

    def register(self, plugin: object, name: str | None = None) -> None:
        self._pm.register(plugin, name=name)

    def names(self) -> list[str]:
        return sorted(n for n, _ in self._pm.list_name_plugin() if n)

    def adapters(self, port: Port) -> dict[str, AdapterSpec]:
        """Adapters for ``port`` by name. The first offer of a name wins (plugins before
        the ``trylast`` built-ins)."""
        found: dict[str, AdapterSpec] = {}
        for offers in self._pm.hook.udi_adapters():
            for spec in offers:
                if spec.port is port and spec.name not in found:
                    found[spec.name] = spec
        return found

    def build(
        self, port: Port, setting: str, options: Mapping[str, str] | None = None
    ) -> Result[object, InvalidInput | StorageFailure]:
        """Build the adapter ``setting`` selects; an unknown name lists the available ones.

        A factory reports a bad setting by returning ``InvalidInput`` and an unusable
        backend (unreachable, schema out of date) by returning ``StorageFailure``.
        """
        available = self.adapters(port)
        name = adapter_name(setting)
        spec = available.get(name)
        if spec is None:
            known = ", ".join(sorted(available)) or "none"
            return Failure(
                InvalidInput(
                    f"settings.{port.value}",
                    f"one of the available {port.value} adapters: {known}",
                    setting,
                )
            )
        adapter = spec.factory(AdapterRequest(setting, dict(options or {})))
        if isinstance(adapter, InvalidInput | StorageFailure):
            return Failure(adapter)
        if not isinstance(adapter, _EXPECTED[port]):
            raise TypeError(
                f"adapter {name!r} for {port.value} built {type(adapter).__name__}, "
                f"which is not a {_EXPECTED[port].__name__}"
            )
        return Success(adapter)

    def upgrade_store(
        self, setting: str, options: Mapping[str, str] | None = None
    ) -> Result[str, InvalidInput | StorageFailure]:
        """Upgrade the schema of the store ``setting`` selects (the adapter must offer it)."""
        available = self.adapters(Port.STORE)
        spec = available.get(adapter_name(setting))
        if spec is None or spec.upgrade is None:
            with_schema = ", ".join(sorted(n for n, a in available.items() if a.upgrade)) or "none"
            return Failure(
                InvalidInput("settings.store", f"a store with a schema: {with_schema}", setting)
            )
        return spec.upgrade(AdapterRequest(setting, dict(options or {})))

    def build_store(
        self, setting: str, options: Mapping[str, str] | None = None
    ) -> Result[Store, InvalidInput | StorageFailure]:
        return self.build(Port.STORE, setting, options).map(lambda a: cast(Store, a))

    def build_duf(
        self, setting: str, options: Mapping[str, str] | None = None
    ) -> Result[DufMarking, InvalidInput | StorageFailure]:
        return self.build(Port.DUF, setting, options).map(lambda a: cast(DufMarking, a))

    def build_journal(
        self, setting: str, options: Mapping[str, str] | None = None
    ) -> Result[Journal, InvalidInput | StorageFailure]:
        return self.build(Port.JOURNAL, setting, options).map(lambda a: cast(Journal, a))

    def build_clock(
        self, setting: str, options: Mapping[str, str] | None = None
    ) -> Result[Clock, InvalidInput | StorageFailure]:
        return self.build(Port.CLOCK, setting, options).map(lambda a: cast(Clock, a))
