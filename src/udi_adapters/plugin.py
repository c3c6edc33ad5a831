"""The built-in adapters' pluggy plugin (entry point ``udi.adapters``: ``memory``).

Registered ``trylast`` so an outside plugin offering the same name takes precedence.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from udi_core.domain.kernel.errors import InvalidInput
from udi_core.ports.plugins import AdapterRequest, AdapterSpec, Port, hookimpl


def _memory(_request: AdapterRequest) -> object:
    from udi_adapters.memory import MemoryStore

    return MemoryStore()


def _mock_duf(_request: AdapterRequest) -> object:
    from udi_adapters.duf_mock import MockDuf

    return MockDuf()


def _mock_websak(_request: AdapterRequest) -> object:
    from udi_adapters.websak_mock import MockWebSak

    return MockWebSak()


def _system_clock(_request: AdapterRequest) -> object:
    from udi_adapters.clocks import SystemClock

    return SystemClock()


def _fixed_clock(request: AdapterRequest) -> object:
    from udi_adapters.clocks import FixedClock

    _, _, raw = request.setting.partition(":")
    expected = "fixed:<ISO 8601 moment with offset>, e.g. fixed:2026-03-01T09:00:00+01:00"
    try:
        moment = datetime.fromisoformat(raw.strip())
    except ValueError:
        return InvalidInput("settings.clock", expected, request.setting)
    if moment.tzinfo is None:
        return InvalidInput("settings.clock", expected, request.setting)
    return FixedClock(moment)


@hookimpl(trylast=True)
def udi_adapters() -> Iterable[AdapterSpec]:
    return (
        AdapterSpec(Port.STORE, "memory", _memory, "in-process memory; gone when it ends"),
        AdapterSpec(Port.DUF, "mock", _mock_duf, "in-memory DUF marking codes"),
        AdapterSpec(Port.JOURNAL, "mock", _mock_websak, "in-memory WebSak (Noark 5)"),
        AdapterSpec(Port.CLOCK, "system", _system_clock, "the machine's clock"),
        AdapterSpec(Port.CLOCK, "fixed", _fixed_clock, "a fixed moment: fixed:<ISO moment>"),
    )
