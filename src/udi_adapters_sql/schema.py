"""The SQL schema as SQLAlchemy Core tables (the single source for the migrations).

Domain objects are never mapped onto these tables; :mod:`udi_adapters_sql.rows` turns
rows into domain objects and back through :mod:`udi_core.serialization`.

Moments are stored in UTC (:class:`UtcDateTime`), dates as SQL dates. An obligation's
status on a date D is computed from two indexed columns: met when ``met_on <= D``,
overdue when not met and ``due < D``, due otherwise.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Date,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware moment, stored in UTC and read back as UTC on every dialect
    (SQLite has no time zones: without this it would drop the offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError(f"a stored moment must be timezone-aware, got {value!r}")
        moment = value.astimezone(UTC)
        return moment.replace(tzinfo=None) if dialect.name == "sqlite" else moment

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


SEQ = BigInteger().with_variant(Integer, "sqlite")  # SQLite numbers rows only as INTEGER

NAME = 100  # kinds, routines, rule ids, statuses
KEY = 200  # ids and idempotency keys (an effect key is at most 200 characters)


def ordered(length: int | None) -> TypeEngine[str]:
    """A key column compared and ordered by code point, as Python orders strings
    (PostgreSQL's "C" collation; SQLite's default BINARY already does so in UTF-8).
    ``None``: text of any length."""
    if length is None:
        return Text().with_variant(Text(collation="C"), "postgresql")
    return String(length).with_variant(String(length, collation="C"), "postgresql")


aggregates = Table(
    "aggregates",
    metadata,
    Column("kind", ordered(NAME), nullable=False),
    Column("id", ordered(KEY), nullable=False),
    Column("version", Integer, nullable=False),
    Column("state", JSON, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("kind", "id"),
)

aggregate_index = Table(
    "aggregate_index",
    metadata,
    Column("kind", ordered(NAME), nullable=False),
    Column("id", ordered(KEY), nullable=False),
    Column("key", ordered(NAME), nullable=False),
    Column("value", ordered(None), nullable=False),
    PrimaryKeyConstraint("kind", "id", "key", "value"),
    ForeignKeyConstraint(["kind", "id"], ["aggregates.kind", "aggregates.id"], ondelete="CASCADE"),
    Index(None, "kind", "key", "value"),
)

events = Table(
    "events",
    metadata,
    Column("seq", SEQ, primary_key=True, autoincrement=True),
    Column("kind", ordered(NAME), nullable=False),
    Column("aggregate_id", ordered(KEY), nullable=False),
    Column("version", Integer, nullable=False),
    Column("occurred_at", UtcDateTime, nullable=False),
    Column("actor", ordered(KEY), nullable=False),
    Column("rule_ids", JSON, nullable=False),
    Column("type", ordered(NAME), nullable=False),
    Column("payload", JSON, nullable=False),
    # aggregate id first: the history of one aggregate, of any kind, is a prefix scan
    UniqueConstraint("aggregate_id", "kind", "version"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("key", ordered(KEY), nullable=False),
    Column("effect", JSON, nullable=False),
    Column("aggregate_kind", ordered(NAME), nullable=False),
    Column("aggregate_id", ordered(KEY), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("next_attempt_at", UtcDateTime, nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text, nullable=True),
    Column("result", Text, nullable=True),
    Column("delivered_at", UtcDateTime, nullable=True),
    PrimaryKeyConstraint("key"),
    Index(None, "status", "next_attempt_at"),
    Index(None, "created_at", "key"),
)

obligations = Table(
    "obligations",
    metadata,
    Column("routine", ordered(NAME), nullable=False),
    Column("aggregate_id", ordered(KEY), nullable=False),
    Column("key", ordered(KEY), nullable=False),
    Column("rule_id", ordered(NAME), nullable=False),
    Column("what", Text, nullable=False),
    Column("who", Text, nullable=False),
    Column("due", Date, nullable=False),
    Column("met_on", Date, nullable=True),
    # aggregate id first: replacing one aggregate's set, or listing it, is a prefix scan
    PrimaryKeyConstraint("aggregate_id", "routine", "key"),
    # "overdue on D, oldest first": walk this index in order, filtering on met_on in it
    Index(None, "due", "routine", "aggregate_id", "key", "met_on"),
    # "totals per routine and status on D": an index-only scan of this one
    Index(None, "routine", "due", "met_on"),
)

advisories = Table(
    "advisories",
    metadata,
    Column("seq", SEQ, primary_key=True, autoincrement=True),
    Column("aggregate_kind", ordered(NAME), nullable=False),
    Column("aggregate_id", ordered(KEY), nullable=False),
    Column("version", Integer, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("actor", ordered(KEY), nullable=False),
    Column("rule_id", ordered(NAME), nullable=False),
    Column("advisory", JSON, nullable=False),
    Index(None, "aggregate_id"),
)

org_units = Table(
    "org_units",
    metadata,
    Column("id", ordered(KEY), nullable=False),
    Column("data", JSON, nullable=False),
    PrimaryKeyConstraint("id"),
)

employees = Table(
    "employees",
    metadata,
    Column("id", ordered(KEY), nullable=False),
    Column("unit", ordered(KEY), nullable=False),
    Column("data", JSON, nullable=False),
    PrimaryKeyConstraint("id"),
    Index(None, "unit"),
)

organisation_version = Table(
    "organisation_version",
    metadata,
    # one row (id 1), created by the migration; bumped with every organisation write
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", BigInteger, nullable=False),
)
