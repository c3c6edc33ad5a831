"""Rows to domain objects and back, explicitly, through :mod:`udi_core.serialization`.

Writing produces plain dictionaries for the Core tables; reading structures them back.
A row that does not read back raises :class:`~udi_core.ports.persistence.StoreError`
with a :class:`StorageFailure` naming the table, the row and the fix (never a converter
or driver exception).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from returns.result import Failure, Result

from udi_core.domain import catalog
from udi_core.domain.kernel.advisories import Advisory
from udi_core.domain.kernel.aggregate import AggregateKind
from udi_core.domain.kernel.effects import Effect
from udi_core.domain.kernel.errors import InvalidInput, StorageFailure
from udi_core.domain.kernel.events import EventRecord
from udi_core.domain.kernel.identifiers import EmployeeId
from udi_core.domain.kernel.obligations import Obligation
from udi_core.domain.kernel.organisation import Employee, OrgUnit
from udi_core.ports.outbox import OutboxItem, OutboxStatus
from udi_core.ports.persistence import AdvisoryRecord, Loaded, StoreError
from udi_core.serialization import (
    state_json,
    structure,
    structure_event,
    unstructure,
    unstructure_event,
)

T = TypeVar("T")
Row = Mapping[str, Any]

REPAIR = (
    "the stored data does not match this code's model: if the code is newer, add a "
    "migration that converts such rows (then `udi db upgrade`); otherwise repair or "
    "restore that row from a backup"
)


def unreadable(table: str, row: str, problem: str, fix: str = REPAIR) -> StoreError:
    return StoreError(
        StorageFailure(f"a stored row cannot be read back: table {table}, {row}: {problem}", fix)
    )


def _read(result: Result[T, InvalidInput], table: str, row: str) -> T:
    if isinstance(result, Failure):
        raise unreadable(table, row, result.failure().describe())
    return result.unwrap()


# -- aggregates -------------------------------------------------------------------------


def state_text(state: object) -> str:
    """A state as the JSON text stored in ``aggregates.state`` (written and read as text,
    so the store knows exactly what a row holds)."""
    return state_json(state)


def loaded(kind: AggregateKind[T], row: Row) -> Loaded[T]:
    """The aggregate in a row whose ``state`` is the stored JSON text."""
    where = f"kind {kind.name!r} id {row['id']!r} version {row['version']}"
    try:
        data = json.loads(row["state"])
    except ValueError as exc:
        raise unreadable("aggregates", where, f"the state is not JSON: {exc}") from None
    state: T = _read(structure(data, kind.state_type), "aggregates", where)
    return Loaded(row["id"], state, row["version"])


# -- events -----------------------------------------------------------------------------


def event_row(record: EventRecord) -> dict[str, Any]:
    payload = unstructure_event(record.event)
    payload.pop("type")
    return {
        "kind": record.aggregate_kind,
        "aggregate_id": record.aggregate_id,
        "version": record.version,
        "occurred_at": record.occurred_at,
        "actor": str(record.actor),
        "rule_ids": list(record.rule_ids),
        "type": type(record.event).__name__,
        "payload": payload,
    }


def event_record(row: Row, kinds: Callable[[str], AggregateKind[Any] | None]) -> EventRecord:
    where = f"event {row['kind']}/{row['aggregate_id']}/{row['version']}"
    kind = kinds(row["kind"])
    if kind is None:
        raise unreadable(
            "events",
            where,
            f"the aggregate kind {row['kind']!r} is not known to this store",
            "add the kind to udi_core.domain.catalog.KINDS (or open its repository with "
            "uow.repository(kind) before reading its history)",
        )
    event = _read(
        structure_event({**row["payload"], "type": row["type"]}, kind.event_types), "events", where
    )
    actor: EmployeeId = _read(structure(row["actor"], EmployeeId), "events", where)
    rule_ids: tuple[str, ...] = _read(structure(row["rule_ids"], tuple[str, ...]), "events", where)
    return EventRecord(
        row["kind"],
        row["aggregate_id"],
        row["version"],
        row["occurred_at"],
        actor,
        rule_ids,
        event,
    )


# -- outbox -----------------------------------------------------------------------------


def outbox_row(item: OutboxItem) -> dict[str, Any]:
    return {
        "key": item.key,
        "effect": unstructure(item.effect),
        "aggregate_kind": item.aggregate_kind,
        "aggregate_id": item.aggregate_id,
        "created_at": item.created_at,
        "next_attempt_at": item.next_attempt_at,
        "status": item.status.value,
        "attempts": item.attempts,
        "last_error": item.last_error,
        "result": item.result,
        "delivered_at": item.delivered_at,
    }


def outbox_item(row: Row) -> OutboxItem:
    where = f"key {row['key']!r}"
    effect: Effect = _read(structure(row["effect"], Effect), "outbox", where)
    status: OutboxStatus = _read(structure(row["status"], OutboxStatus), "outbox", where)
    return OutboxItem(
        row["key"],
        effect,
        row["aggregate_kind"],
        row["aggregate_id"],
        row["created_at"],
        row["next_attempt_at"],
        status,
        row["attempts"],
        row["last_error"],
        row["result"],
        row["delivered_at"],
    )


# -- obligations ------------------------------------------------------------------------


def obligation_row(obligation: Obligation) -> dict[str, Any]:
    return {
        "routine": obligation.routine,
        "aggregate_id": obligation.aggregate_id,
        "key": obligation.key,
        "rule_id": obligation.rule_id,
        "what": obligation.what,
        "who": obligation.who,
        "due": obligation.due,
        "met_on": obligation.met_on,
    }


def obligation(row: Row) -> Obligation:
    return Obligation(
        row["key"],
        row["rule_id"],
        row["routine"],
        row["aggregate_id"],
        row["what"],
        row["who"],
        row["due"],
        row["met_on"],
    )


# -- advisories -------------------------------------------------------------------------


def advisory_row(record: AdvisoryRecord) -> dict[str, Any]:
    return {
        "aggregate_kind": record.aggregate_kind,
        "aggregate_id": record.aggregate_id,
        "version": record.version,
        "recorded_at": record.recorded_at,
        "actor": str(record.actor),
        "rule_id": record.advisory.rule.id,
        "advisory": unstructure(record.advisory),
    }


def advisory_record(row: Row) -> AdvisoryRecord:
    where = f"seq {row['seq']} ({row['aggregate_kind']} {row['aggregate_id']!r})"
    advisory: Advisory = _read(structure(row["advisory"], Advisory), "advisories", where)
    known = catalog.RULES.get(advisory.rule.id)
    if known is not None and known == advisory.rule:  # the catalogue's own object
        advisory = Advisory(known, advisory.detail)
    actor: EmployeeId = _read(structure(row["actor"], EmployeeId), "advisories", where)
    return AdvisoryRecord(
        row["aggregate_kind"],
        row["aggregate_id"],
        row["version"],
        row["recorded_at"],
        actor,
        advisory,
    )


# -- organisation -----------------------------------------------------------------------


def unit_row(unit: OrgUnit) -> dict[str, Any]:
    return {"id": str(unit.id), "data": unstructure(unit)}


def unit(row: Row) -> OrgUnit:
    return _read(structure(row["data"], OrgUnit), "org_units", f"id {row['id']!r}")


def employee_row(employee: Employee) -> dict[str, Any]:
    return {"id": str(employee.id), "unit": str(employee.unit), "data": unstructure(employee)}


def employee(row: Row) -> Employee:
    return _read(structure(row["data"], Employee), "employees", f"id {row['id']!r}")
