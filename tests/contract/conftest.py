"""The contract suite runs against every store adapter, chosen by fixture: memory, SQLite
(a file in a temporary folder) and PostgreSQL (a fresh schema, dropped after the test;
see ``tests/pg.py`` for when it is skipped or mandatory)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg import fresh_schema
from udi_core.ports.persistence import Store
from udi_core.ports.plugins import Plugins

STORES = [
    pytest.param("memory", id="memory"),
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "postgresql":
        with fresh_schema() as setting:
            built = Plugins.load().build_store(setting).unwrap()
            yield built
            built.close()
        return
    setting = f"sqlite:///{tmp_path / 'udi.sqlite3'}" if request.param == "sqlite" else "memory"
    built = Plugins.load().build_store(setting).unwrap()
    yield built
    built.close()
