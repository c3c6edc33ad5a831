"""One store, DUF, WebSak and clock shared by every ``udi`` invocation of a test.

Each CLI command bootstraps its own app; with this plugin (registered by patching
``udi_core.app.bootstrap``) the names ``memory``, ``mock``, ``system`` and ``fixed`` all
resolve to the test's instances, so state carries over from one command to the next
and the test can set things up and look at them through the same app.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest

import udi_core.app
from udi_adapters.clocks import FixedClock
from udi_adapters.duf_mock import MockDuf
from udi_adapters.memory import MemoryStore
from udi_adapters.websak_mock import MockWebSak
from udi_core.app import App
from udi_core.ports.plugins import AdapterSpec, Port, hookimpl


class SharedAdapters:
    def __init__(self, now: datetime) -> None:
        self.store = MemoryStore()
        self.duf = MockDuf()
        self.websak = MockWebSak()
        self.clock = FixedClock(now)

    @hookimpl
    def udi_adapters(self) -> list[AdapterSpec]:
        return [
            AdapterSpec(Port.STORE, "memory", lambda _r: self.store),
            AdapterSpec(Port.DUF, "mock", lambda _r: self.duf),
            AdapterSpec(Port.JOURNAL, "mock", lambda _r: self.websak),
            AdapterSpec(Port.CLOCK, "system", lambda _r: self.clock),
            AdapterSpec(Port.CLOCK, "fixed", lambda _r: self.clock),
        ]


def shared_app(monkeypatch: pytest.MonkeyPatch, now: datetime) -> Iterator[App]:
    adapters = SharedAdapters(now)
    real = udi_core.app.bootstrap

    def patched(settings: Any = None, **kw: Any) -> Any:
        return real(settings, plugins=[adapters, *kw.pop("plugins", ())], **kw)

    monkeypatch.setattr(udi_core.app, "bootstrap", patched)
    app = patched({"store": "memory"}).unwrap()
    yield app
    app.close()
