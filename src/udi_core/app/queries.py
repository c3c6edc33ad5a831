"""Read-side queries: obligations, history, advisories."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from udi_core.domain.kernel.events import EventRecord
from udi_core.domain.kernel.obligations import Obligation, ObligationStatus
from udi_core.ports.persistence import AdvisoryRecord, ObligationQuery, Store


class Queries:
    def __init__(self, store: Store) -> None:
        self._store = store

    def obligations(
        self,
        as_of: date,
        statuses: Iterable[ObligationStatus] = tuple(ObligationStatus),
        routine: str | None = None,
        aggregate_id: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Obligation]:
        """Obligations on ``as_of``, oldest due date first."""
        query = ObligationQuery(
            as_of,
            frozenset(statuses),
            routine=routine,
            aggregate_id=aggregate_id,
            limit=limit,
            offset=offset,
        )
        with self._store.unit_of_work() as uow:
            return uow.obligations.query(query)

    def obligation_totals(self, as_of: date) -> Mapping[tuple[str, ObligationStatus], int]:
        with self._store.unit_of_work() as uow:
            return uow.obligations.totals(as_of)

    def history(self, aggregate_id: str, aggregate_kind: str | None = None) -> list[EventRecord]:
        with self._store.unit_of_work() as uow:
            return uow.events.history(aggregate_id, aggregate_kind)

    def advisories(self, aggregate_id: str | None = None) -> list[AdvisoryRecord]:
        with self._store.unit_of_work() as uow:
            return uow.advisories.list(aggregate_id)
