"""The contract suite runs against every registered store adapter, chosen by fixture."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from udi_core.ports.persistence import Store
from udi_core.ports.plugins import Plugins

STORES = ["memory"]


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    built = Plugins.load().build_store(request.param).unwrap()
    yield built
    built.close()
