"""Fixtures for the SQL integration tests: a store setting on an empty database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg import fresh_schema

SQL_BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


@pytest.fixture(params=SQL_BACKENDS)
def sql_setting(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store setting naming an empty database: a new SQLite file, or a new PostgreSQL
    schema (dropped afterwards)."""
    if request.param == "postgresql":
        with fresh_schema() as setting:
            yield setting
        return
    yield f"sqlite:///{tmp_path / 'udi.sqlite3'}"


@pytest.fixture(params=[pytest.param("memory", id="memory"), *SQL_BACKENDS])
def any_setting(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store setting naming an empty store of every kind: memory, then as
    :func:`sql_setting`."""
    if request.param == "memory":
        yield "memory"
    elif request.param == "postgresql":
        with fresh_schema() as setting:
            yield setting
    else:
        yield f"sqlite:///{tmp_path / 'udi.sqlite3'}"
