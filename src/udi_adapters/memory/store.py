"""An in-memory :class:`~udi_core.ports.persistence.Store`.

A unit of work stages every write; ``commit`` checks the versions it read against the
stored ones and applies all staged writes under one lock, or none of them. It keeps the
same contract as the SQL store (the shipped contract suite runs against both).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Any, Self, TypeVar

from attrs import define, field
from returns.result import Failure, Result, Success

from udi_core.domain.kernel.aggregate import AggregateKind
from udi_core.domain.kernel.errors import ConcurrencyConflict, StorageFailure
from udi_core.domain.kernel.events import EventRecord
from udi_core.domain.kernel.identifiers import EmployeeId, UnitId
from udi_core.domain.kernel.obligations import Obligation, ObligationStatus
from udi_core.domain.kernel.organisation import Employee, OrgUnit
from udi_core.ports.outbox import Outbox, OutboxItem, OutboxStatus
from udi_core.ports.persistence import (
    AdvisoryLog,
    AdvisoryRecord,
    AggregateRepository,
    EventLog,
    Loaded,
    ObligationQuery,
    ObligationStore,
    OrganisationRepository,
    UnitOfWork,
)

S = TypeVar("S")


@define
class _Row:
    version: int
    state: Any
    index: frozenset[tuple[str, str]]


@define
class _Data:
    """Everything the store holds; guarded by ``lock``."""

    lock: threading.Lock = field(factory=threading.Lock)
    rows: dict[tuple[str, str], _Row] = field(factory=dict)
    index: dict[tuple[str, str, str], set[str]] = field(factory=lambda: defaultdict(set))
    events: dict[str, list[EventRecord]] = field(factory=lambda: defaultdict(list))
    outbox: dict[str, OutboxItem] = field(factory=dict)
    obligations: dict[tuple[str, str], tuple[Obligation, ...]] = field(factory=dict)
    advisories: list[AdvisoryRecord] = field(factory=list)
    units: dict[UnitId, OrgUnit] = field(factory=dict)
    employees: dict[EmployeeId, Employee] = field(factory=dict)


class MemoryStore:
    """Holds everything in process memory; one instance is one database."""

    def __init__(self) -> None:
        self._data = _Data()

    @property
    def name(self) -> str:
        return "memory"

    def unit_of_work(self) -> UnitOfWork:
        return MemoryUnitOfWork(self._data)

    def close(self) -> None:
        """Nothing to release."""


class _Repository:
    def __init__(self, uow: MemoryUnitOfWork, kind: AggregateKind[Any]) -> None:
        self._uow = uow
        self._kind = kind

    def get(self, aggregate_id: str) -> Loaded[Any] | None:
        staged = self._uow._staged_rows.get((self._kind.name, aggregate_id))
        if staged is not None:
            return Loaded(aggregate_id, staged[0].state, staged[0].version)
        row = self._uow._data.rows.get((self._kind.name, aggregate_id))
        if row is None:
            return None
        return Loaded(aggregate_id, row.state, row.version)

    def save(self, aggregate_id: str, state: Any, *, expected_version: int, version: int) -> None:
        if version <= expected_version:
            raise ValueError("a saved version is greater than the expected one")
        key = (self._kind.name, aggregate_id)
        previous = self._uow._staged_rows.get(key)
        expected = previous[1] if previous is not None else expected_version
        index = frozenset(self._kind.index(state))
        self._uow._staged_rows[key] = (_Row(version, state, index), expected)

    def find(self, key: str, value: str) -> list[Loaded[Any]]:
        ids = set(self._uow._data.index.get((self._kind.name, key, value), set()))
        for (kind, aid), (row, _) in self._uow._staged_rows.items():
            if kind == self._kind.name:
                ids.discard(aid)
                if (key, value) in row.index:
                    ids.add(aid)
        found = (self.get(i) for i in sorted(ids))
        return [f for f in found if f is not None]

    def ids(self) -> list[str]:
        stored = {aid for (kind, aid) in self._uow._data.rows if kind == self._kind.name}
        staged = {aid for (kind, aid) in self._uow._staged_rows if kind == self._kind.name}
        return sorted(stored | staged)


class _EventLog:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self._uow = uow

    def append(self, records: Sequence[EventRecord]) -> None:
        self._uow._staged_events.extend(records)

    def history(self, aggregate_id: str, aggregate_kind: str | None = None) -> list[EventRecord]:
        records = list(self._uow._data.events.get(aggregate_id, ()))
        records += [r for r in self._uow._staged_events if r.aggregate_id == aggregate_id]
        if aggregate_kind is not None:
            records = [r for r in records if r.aggregate_kind == aggregate_kind]
        return sorted(records, key=lambda r: (r.aggregate_kind, r.version))


class _Outbox:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self._uow = uow

    def add(self, items: Sequence[OutboxItem]) -> None:
        for item in items:
            if self.get(item.key) is None:
                self._uow._staged_outbox[item.key] = item
                self._uow._new_outbox_keys.add(item.key)

    def get(self, key: str) -> OutboxItem | None:
        return self._uow._staged_outbox.get(key) or self._uow._data.outbox.get(key)

    def update(self, item: OutboxItem) -> None:
        if self.get(item.key) is None:
            raise KeyError(f"no outbox item {item.key!r}")
        self._uow._staged_outbox[item.key] = item

    def _all(self) -> list[OutboxItem]:
        merged = dict(self._uow._data.outbox)
        merged.update(self._uow._staged_outbox)
        return list(merged.values())

    def due(self, now: datetime, limit: int) -> list[OutboxItem]:
        due = [
            i for i in self._all() if i.status is OutboxStatus.PENDING and i.next_attempt_at <= now
        ]
        due.sort(key=lambda i: (i.next_attempt_at, i.created_at, i.key))
        return due[:limit]

    def list(self, status: OutboxStatus | None = None, limit: int = 1000) -> list[OutboxItem]:
        items = [i for i in self._all() if status is None or i.status is status]
        items.sort(key=lambda i: (i.created_at, i.key))
        return items[:limit]


def _matches(o: Obligation, q: ObligationQuery) -> bool:
    if q.routine is not None and o.routine != q.routine:
        return False
    if q.aggregate_id is not None and o.aggregate_id != q.aggregate_id:
        return False
    if q.due_before is not None and o.due >= q.due_before:
        return False
    return o.status(q.as_of) in q.statuses


class _Obligations:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self._uow = uow

    def replace(self, routine: str, aggregate_id: str, obligations: Sequence[Obligation]) -> None:
        self._uow._staged_obligations[(routine, aggregate_id)] = tuple(obligations)

    def _all(self) -> list[Obligation]:
        merged = dict(self._uow._data.obligations)
        merged.update(self._uow._staged_obligations)
        return [o for group in merged.values() for o in group]

    def query(self, query: ObligationQuery) -> list[Obligation]:
        found = [o for o in self._all() if _matches(o, query)]
        found.sort(key=lambda o: (o.due, o.routine, o.aggregate_id, o.key))
        return found[query.offset : query.offset + query.limit]

    def totals(self, as_of: date) -> Mapping[tuple[str, ObligationStatus], int]:
        counts: dict[tuple[str, ObligationStatus], int] = defaultdict(int)
        for o in self._all():
            counts[(o.routine, o.status(as_of))] += 1
        return dict(counts)


class _Advisories:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self._uow = uow

    def record(self, records: Sequence[AdvisoryRecord]) -> None:
        self._uow._staged_advisories.extend(records)

    def list(self, aggregate_id: str | None = None) -> list[AdvisoryRecord]:
        records = self._uow._data.advisories + self._uow._staged_advisories
        return [r for r in records if aggregate_id is None or r.aggregate_id == aggregate_id]


class _Organisation:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self._uow = uow

    def unit(self, unit_id: UnitId) -> OrgUnit | None:
        return self._uow._staged_units.get(unit_id) or self._uow._data.units.get(unit_id)

    def employee(self, employee_id: EmployeeId) -> Employee | None:
        staged = self._uow._staged_employees.get(employee_id)
        return staged or self._uow._data.employees.get(employee_id)

    def units(self) -> list[OrgUnit]:
        merged = {**self._uow._data.units, **self._uow._staged_units}
        return sorted(merged.values(), key=lambda u: u.id)

    def employees(self, unit: UnitId | None = None) -> list[Employee]:
        merged = {**self._uow._data.employees, **self._uow._staged_employees}
        return sorted(
            (e for e in merged.values() if unit is None or e.unit == unit), key=lambda e: e.id
        )

    def put_unit(self, unit: OrgUnit) -> None:
        self._uow._staged_units[unit.id] = unit

    def put_employee(self, employee: Employee) -> None:
        self._uow._staged_employees[employee.id] = employee


class MemoryUnitOfWork:
    def __init__(self, data: _Data) -> None:
        self._data = data
        self._reset()
        self.organisation: OrganisationRepository = _Organisation(self)
        self.events: EventLog = _EventLog(self)
        self.outbox: Outbox = _Outbox(self)
        self.obligations: ObligationStore = _Obligations(self)
        self.advisories: AdvisoryLog = _Advisories(self)

    def _reset(self) -> None:
        # (kind, id) -> (row to store, version the writer expects to replace)
        self._staged_rows: dict[tuple[str, str], tuple[_Row, int]] = {}
        self._staged_events: list[EventRecord] = []
        self._staged_outbox: dict[str, OutboxItem] = {}
        self._new_outbox_keys: set[str] = set()
        self._staged_obligations: dict[tuple[str, str], tuple[Obligation, ...]] = {}
        self._staged_advisories: list[AdvisoryRecord] = []
        self._staged_units: dict[UnitId, OrgUnit] = {}
        self._staged_employees: dict[EmployeeId, Employee] = {}

    def repository(self, kind: AggregateKind[S]) -> AggregateRepository[S]:
        return _Repository(self, kind)

    def commit(self) -> Result[None, ConcurrencyConflict | StorageFailure]:
        data = self._data
        with data.lock:
            for (kind, aid), (_row, expected) in self._staged_rows.items():
                current = data.rows.get((kind, aid))
                actual = current.version if current is not None else 0
                if actual != expected:
                    self._reset()
                    return Failure(ConcurrencyConflict(kind, aid, expected, actual))
            for (kind, aid), (row, _) in self._staged_rows.items():
                old = data.rows.get((kind, aid))
                if old is not None:
                    for key, value in old.index:
                        data.index[(kind, key, value)].discard(aid)
                data.rows[(kind, aid)] = row
                for key, value in row.index:
                    data.index[(kind, key, value)].add(aid)
            for record in self._staged_events:
                data.events[record.aggregate_id].append(record)
            for key, item in self._staged_outbox.items():
                if key in self._new_outbox_keys and key in data.outbox:
                    continue  # added by another writer meanwhile: the first one stands
                data.outbox[key] = item
            data.obligations.update(self._staged_obligations)
            data.advisories.extend(self._staged_advisories)
            data.units.update(self._staged_units)
            data.employees.update(self._staged_employees)
        self._reset()
        return Success(None)

    def rollback(self) -> None:
        self._reset()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()
