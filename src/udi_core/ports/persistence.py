"""Persistence ports: a store hands out units of work; a unit of work is one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Generic, Protocol, Self, TypeVar, runtime_checkable

from attrs import field, frozen
from returns.result import Result

from udi_core.domain.kernel.advisories import Advisory
from udi_core.domain.kernel.aggregate import AggregateKind
from udi_core.domain.kernel.errors import ConcurrencyConflict, StorageFailure
from udi_core.domain.kernel.events import EventRecord
from udi_core.domain.kernel.identifiers import EmployeeId, UnitId
from udi_core.domain.kernel.obligations import Obligation, ObligationStatus
from udi_core.domain.kernel.organisation import Employee, OrgUnit
from udi_core.ports.outbox import Outbox

S = TypeVar("S")
S_co = TypeVar("S_co", covariant=True)


class StoreError(Exception):
    """A store read that cannot answer: a stored row that no longer reads back into a
    domain object, or a database that stopped answering mid-command.

    The read methods of these ports return plain values, so a store raises this (never a
    driver or converter exception); it carries the :class:`StorageFailure` naming the
    cause and the fix. The command runner returns it as a ``Failure``, so a command that
    meets it stores nothing.
    """

    def __init__(self, failure: StorageFailure) -> None:
        super().__init__(failure.describe())
        self.failure = failure


@frozen
class Loaded(Generic[S]):
    """A stored aggregate state and the version it was stored at."""

    id: str
    state: S
    version: int


class AggregateRepository(Protocol[S]):
    """One aggregate kind's states, by id. Writes are staged until ``commit``."""

    def get(self, aggregate_id: str) -> Loaded[S] | None: ...

    def save(self, aggregate_id: str, state: S, *, expected_version: int, version: int) -> None:
        """Stage ``state`` at ``version``; commit fails if the stored version is not
        ``expected_version`` (0 for a new aggregate)."""
        ...

    def find(self, key: str, value: str) -> list[Loaded[S]]:
        """States whose kind's ``index`` yields ``(key, value)``, ordered by id."""
        ...

    def ids(self) -> list[str]: ...


class EventLog(Protocol):
    """Append-only log of every stored event."""

    def append(self, records: Sequence[EventRecord]) -> None: ...

    def history(self, aggregate_id: str, aggregate_kind: str | None = None) -> list[EventRecord]:
        """The aggregate's events in version order."""
        ...


def _statuses(statuses: Iterable[ObligationStatus]) -> frozenset[ObligationStatus]:
    return frozenset(statuses)


@frozen
class ObligationQuery:
    """Which obligations to list, as of a date; oldest due date first."""

    as_of: date
    statuses: frozenset[ObligationStatus] = field(
        default=frozenset(ObligationStatus), converter=_statuses
    )
    routine: str | None = None
    aggregate_id: str | None = None
    due_before: date | None = None
    limit: int = 100
    offset: int = 0


class ObligationStore(Protocol):
    def replace(self, routine: str, aggregate_id: str, obligations: Sequence[Obligation]) -> None:
        """Make ``obligations`` the aggregate's whole set (staged until commit)."""
        ...

    def query(self, query: ObligationQuery) -> list[Obligation]: ...

    def totals(self, as_of: date) -> Mapping[tuple[str, ObligationStatus], int]:
        """How many obligations per (routine, status) on ``as_of``."""
        ...


@frozen
class AdvisoryRecord:
    """A stored advisory: which aggregate, when, who, and the SHOULD rule."""

    aggregate_kind: str
    aggregate_id: str
    version: int
    recorded_at: datetime
    actor: EmployeeId
    advisory: Advisory


class AdvisoryLog(Protocol):
    def record(self, records: Sequence[AdvisoryRecord]) -> None: ...

    def list(self, aggregate_id: str | None = None) -> list[AdvisoryRecord]: ...


class OrganisationRepository(Protocol):
    """Units and employees. Writes are staged until commit, like everything else."""

    def unit(self, unit_id: UnitId) -> OrgUnit | None: ...

    def employee(self, employee_id: EmployeeId) -> Employee | None: ...

    def units(self) -> list[OrgUnit]: ...

    def employees(self, unit: UnitId | None = None) -> list[Employee]: ...

    def put_unit(self, unit: OrgUnit) -> None: ...

    def put_employee(self, employee: Employee) -> None: ...


class UnitOfWork(Protocol):
    """One transaction. Use as a context manager: leaving it without ``commit`` rolls back."""

    @property
    def organisation(self) -> OrganisationRepository: ...

    @property
    def events(self) -> EventLog: ...

    @property
    def outbox(self) -> Outbox: ...

    @property
    def obligations(self) -> ObligationStore: ...

    @property
    def advisories(self) -> AdvisoryLog: ...

    def repository(self, kind: AggregateKind[S]) -> AggregateRepository[S]: ...

    def commit(self) -> Result[None, ConcurrencyConflict | StorageFailure]:
        """Store everything staged, atomically, or nothing (with the reason)."""
        ...

    def rollback(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


@runtime_checkable
class Store(Protocol):
    """A persistence backend, as selected by the ``store`` setting."""

    @property
    def name(self) -> str: ...

    def unit_of_work(self) -> UnitOfWork: ...

    def close(self) -> None: ...
