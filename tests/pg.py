"""PostgreSQL for tests: a server at ``UDI_TEST_POSTGRES_URL``, one fresh schema per use.

Policy: with ``UDI_REQUIRE_POSTGRES=1`` (as ``.ci/run`` sets) an unreachable server
FAILS the PostgreSQL tests; otherwise they are skipped, saying no server was reachable.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"


def server_url() -> str:
    return os.environ.get("UDI_TEST_POSTGRES_URL", DEFAULT_URL)


def required() -> bool:
    return os.environ.get("UDI_REQUIRE_POSTGRES") == "1"


@cache
def _unreachable_reason() -> str | None:
    engine = create_engine(
        make_url(server_url()).set(drivername="postgresql+psycopg"),
        connect_args={"connect_timeout": 3},
    )
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except DBAPIError as exc:
        first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        return f"no PostgreSQL server reachable at {server_url()} ({first})"
    finally:
        engine.dispose()
    return None


def require_server() -> None:
    """Skip (or, when PostgreSQL is required, fail) the test if no server answers."""
    reason = _unreachable_reason()
    if reason is None:
        return
    if required():
        pytest.fail(f"UDI_REQUIRE_POSTGRES=1 but {reason}", pytrace=False)
    pytest.skip(f"{reason}; set UDI_TEST_POSTGRES_URL, or UDI_REQUIRE_POSTGRES=1 to fail")


@contextmanager
def fresh_schema() -> Iterator[str]:
    """A store setting on a new, empty schema of the test server; dropped afterwards."""
    require_server()
    name = f"udi_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(
        make_url(server_url()).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    separator = "&" if "?" in server_url() else "?"
    try:
        yield f"{server_url()}{separator}options={quote(f'-csearch_path={name}')}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()
