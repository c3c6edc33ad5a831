"""The built-in adapters' pluggy plugin (entry point ``udi.adapters``: ``memory``).

Registered ``trylast`` so an outside plugin offering the same name takes precedence.

The mock DUF and mock WebSak read one option, ``mock_fail_every`` (a whole number
0-1000, default 0 = off): every k-th call to the mock fails with a retryable
``ExternalFailure`` (``Faults.fail_every``), so a process started only with settings (a
dispatcher under test, say) can inject faults too.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from udi_core.domain.kernel.errors import InvalidInput
from udi_core.ports.plugins import AdapterRequest, AdapterSpec, Port, hookimpl


def _memory(_request: AdapterRequest) -> object:
    from udi_adapters.memory import MemoryStore

    return MemoryStore()


def _ledger_path(request: AdapterRequest, port: str) -> Path | InvalidInput | None:
    """``mock`` keeps everything in memory; ``mock:/path/file.jsonl`` keeps a ledger file."""
    _, sep, raw = request.setting.partition(":")
    if not sep:
        return None
    path = raw.removeprefix("//").strip()
    if not path:
        return InvalidInput(
            f"settings.{port}", "mock, or mock:/path/to/ledger.jsonl", request.setting
        )
    return Path(path)


FAIL_EVERY_OPTION = "mock_fail_every"


def _fail_every(request: AdapterRequest) -> int | InvalidInput:
    """The option ``mock_fail_every``: every k-th call of a mock fails (0, the default: none)."""
    raw = request.options.get(FAIL_EVERY_OPTION, "0").strip()
    if raw.isascii() and raw.isdigit() and int(raw) <= 1000:
        return int(raw)
    return InvalidInput(f"settings.options.{FAIL_EVERY_OPTION}", "a whole number 0-1000", raw)


def _mock_duf(request: AdapterRequest) -> object:
    from udi_adapters.duf_mock import MockDuf
    from udi_adapters.ledger import Ledger

    path = _ledger_path(request, "duf")
    if isinstance(path, InvalidInput):
        return path
    every = _fail_every(request)
    if isinstance(every, InvalidInput):
        return every
    duf = MockDuf(ledger=Ledger(path) if path else None)
    duf.faults.fail_every(every)
    return duf


def _mock_websak(request: AdapterRequest) -> object:
    from udi_adapters.ledger import Ledger
    from udi_adapters.websak_mock import MockWebSak

    path = _ledger_path(request, "journal")
    if isinstance(path, InvalidInput):
        return path
    every = _fail_every(request)
    if isinstance(every, InvalidInput):
        return every
    websak = MockWebSak(ledger=Ledger(path) if path else None)
    websak.faults.fail_every(every)
    return websak


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
        AdapterSpec(
            Port.DUF, "mock", _mock_duf, "DUF marking codes in memory (mock:FILE keeps them)"
        ),
        AdapterSpec(
            Port.JOURNAL, "mock", _mock_websak, "WebSak/Noark 5 in memory (mock:FILE keeps it)"
        ),
        AdapterSpec(Port.CLOCK, "system", _system_clock, "the machine's clock"),
        AdapterSpec(Port.CLOCK, "fixed", _fixed_clock, "a fixed moment: fixed:<ISO moment>"),
    )
