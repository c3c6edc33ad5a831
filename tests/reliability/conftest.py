"""Fixtures for the reliability tests: a fresh PostgreSQL schema (same policy as
``tests/contract``: skipped without a server, failed with ``UDI_REQUIRE_POSTGRES=1``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.pg import fresh_schema


@pytest.fixture
def pg_setting() -> Iterator[str]:
    with fresh_schema() as setting:
        yield setting
