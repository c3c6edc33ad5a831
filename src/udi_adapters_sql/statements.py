"""The statements a SQL store runs on every command, built once per dialect with bound
parameters (executed many times with different values; SQLAlchemy compiles each once).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ColumnElement, Text, bindparam, cast, select
from sqlalchemy.dialects import postgresql, sqlite

from udi_adapters_sql.schema import (
    advisories,
    aggregate_index,
    aggregates,
    employees,
    events,
    obligations,
    org_units,
    organisation_version,
    outbox,
)

STATE_TEXT = cast(aggregates.c.state, Text).label("state")  # the JSON text as stored


def _param(name: str, column: Any) -> Any:
    return bindparam(name, type_=column.type)


class Statements:
    """Reads and writes of one dialect (``sqlite`` or ``postgresql``).

    A state is written as the JSON text the store made (stored verbatim: PostgreSQL casts
    it to ``json``) and read back as text, so the store knows what a row holds.
    """

    def __init__(self, dialect: str) -> None:
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        a = aggregates.c
        state: ColumnElement[Any] = bindparam("v_state", type_=Text())
        if dialect == "postgresql":
            state = cast(state, JSON)
        self.get = select(a.id, a.version, STATE_TEXT).where(
            a.kind == _param("kind", a.kind), a.id == _param("id", a.id)
        )
        self.version_of = select(a.version).where(
            a.kind == _param("kind", a.kind), a.id == _param("id", a.id)
        )
        self.create = (
            insert(aggregates)
            .values(
                kind=_param("v_kind", a.kind),
                id=_param("v_id", a.id),
                version=_param("v_version", a.version),
                state=state,
                updated_at=_param("v_updated_at", a.updated_at),
            )
            .on_conflict_do_nothing()
        )
        self.replace = (
            aggregates.update()
            .where(
                a.kind == _param("v_kind", a.kind),
                a.id == _param("v_id", a.id),
                a.version == _param("v_expected", a.version),
            )
            .values(
                version=_param("v_version", a.version),
                state=state,
                updated_at=_param("v_updated_at", a.updated_at),
            )
        )
        i = aggregate_index.c
        self.unindex = aggregate_index.delete().where(
            i.kind == _param("v_kind", i.kind), i.id == _param("v_id", i.id)
        )
        o = obligations.c
        self.drop_obligations = obligations.delete().where(
            o.routine == _param("v_routine", o.routine),
            o.aggregate_id == _param("v_aggregate_id", o.aggregate_id),
        )
        self.index = aggregate_index.insert()
        self.events = events.insert()
        self.obligations = obligations.insert()
        self.advisories = advisories.insert()
        self.outbox_new = insert(outbox).on_conflict_do_nothing()
        self.outbox_changed = (
            outbox.update()
            .where(outbox.c.key == _param("v_key", outbox.c.key))
            .values({c.name: _param(f"v_{c.name}", c) for c in outbox.c if c.name != "key"})
        )
        self.unit = select(org_units).where(org_units.c.id == _param("id", org_units.c.id))
        self.employee = select(employees).where(employees.c.id == _param("id", employees.c.id))
        self.organisation_version = select(organisation_version.c.version)
        self.bump_organisation = organisation_version.update().values(
            version=organisation_version.c.version + 1
        )
        self.upsert_units = _upsert(insert(org_units))
        self.upsert_employees = _upsert(insert(employees))


def _upsert(statement: Any) -> Any:
    table = statement.table
    columns = {c.name: statement.excluded[c.name] for c in table.c if c.name != "id"}
    return statement.on_conflict_do_update(index_elements=["id"], set_=columns)
