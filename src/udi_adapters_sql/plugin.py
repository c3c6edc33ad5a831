"""The SQL adapters' pluggy plugin (entry point ``udi.adapters``: ``sql``).

Offers the ``sqlite`` and ``postgresql`` stores, registered ``trylast`` so an outside
plugin offering the same name takes precedence.
"""

from __future__ import annotations

from collections.abc import Iterable

from returns.result import Result

from udi_core.domain.kernel.errors import InvalidInput, StorageFailure
from udi_core.ports.plugins import AdapterRequest, AdapterSpec, Port, hookimpl


def _sql(request: AdapterRequest) -> object:
    from returns.result import Failure

    from udi_adapters_sql.opening import open_store

    opened = open_store(request.setting)
    if isinstance(opened, Failure):
        return opened.failure()
    return opened.unwrap()


def _upgrade(request: AdapterRequest) -> Result[str, InvalidInput | StorageFailure]:
    from udi_adapters_sql.migrate import upgrade

    return upgrade(request.setting)


@hookimpl(trylast=True)
def udi_adapters() -> Iterable[AdapterSpec]:
    return (
        AdapterSpec(
            Port.STORE,
            "sqlite",
            _sql,
            "embedded SQLite file: sqlite:///path/to/file.db",
            _upgrade,
        ),
        AdapterSpec(
            Port.STORE,
            "postgresql",
            _sql,
            "PostgreSQL 15 through psycopg 3: postgresql://user@host:port/database",
            _upgrade,
        ),
    )
