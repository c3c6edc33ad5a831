"""Pieces the SQL benchmarks share: where PostgreSQL is, a fresh database per run, the
bare Core engine the baselines write with, and interleaved timing rounds.

PostgreSQL is ``UDI_BENCH_POSTGRES_URL`` (else ``UDI_TEST_POSTGRES_URL``, else
postgresql://postgres@127.0.0.1:5432/test); each database handed out is a fresh schema,
dropped afterwards.
"""

from __future__ import annotations

import os
import tempfile
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError

from udi_adapters_sql import SqlStore
from udi_adapters_sql.engines import sqlite_pragmas
from udi_core.ports.plugins import Plugins


def pg_url() -> str:
    return os.environ.get(
        "UDI_BENCH_POSTGRES_URL",
        os.environ.get("UDI_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"),
    )


def _pg_admin() -> Engine:
    url = make_url(pg_url()).set(drivername="postgresql+psycopg")
    return create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})


def pg_reachable() -> bool:
    admin = _pg_admin()
    try:
        with admin.connect():
            return True
    except DBAPIError:
        return False
    finally:
        admin.dispose()


@contextmanager
def _pg_schema() -> Iterator[str]:
    name = f"udi_bench_{uuid.uuid4().hex[:10]}"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    sep = "&" if "?" in pg_url() else "?"
    try:
        yield f"{pg_url()}{sep}options={quote(f'-csearch_path={name}')}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


@contextmanager
def database(backend: str) -> Iterator[str]:
    """A store setting on an empty database of ``backend`` (``sqlite``, ``postgresql``)."""
    if backend == "postgresql":
        with _pg_schema() as setting:
            yield setting
        return
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{Path(folder) / 'bench.sqlite3'}"


def migrated(setting: str) -> URL:
    """Create the schema at ``setting`` through the store (its migrations); the URL."""
    store = Plugins.load().build_store(setting).unwrap()
    assert isinstance(store, SqlStore)
    url = store.url
    store.close()
    return url


def bare_engine(url: URL) -> Engine:
    """A plain engine for a bare Core baseline: ``engine.begin()`` is one transaction
    (``BEGIN IMMEDIATE`` on SQLite, as the store takes the write lock; the same pragmas)."""
    engine = create_engine(url)
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", sqlite_pragmas)

        @event.listens_for(engine, "connect")
        def _autocommit(dbapi_connection: Any, _record: object) -> None:
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class Side(Protocol):
    """One side of a comparison: ``step(i)`` performs the i-th command."""

    def step(self, i: int) -> None: ...


def interleaved(sides: Mapping[str, Side], n: int, rounds: int = 10) -> dict[str, float]:
    """Seconds each side took for commands ``0..n-1``, run in ``rounds`` interleaved
    rounds (side A's slice, then side B's, ...), so a busy moment on a shared machine
    hits every side rather than one."""
    times = dict.fromkeys(sides, 0.0)
    for r in range(rounds):
        start, stop = r * n // rounds, (r + 1) * n // rounds
        for name, side in sides.items():
            started = time.perf_counter()
            for i in range(start, stop):
                side.step(i)
            times[name] += time.perf_counter() - started
    return times
