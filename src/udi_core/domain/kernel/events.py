"""Domain events and their envelope.

Aggregates define their events as frozen attrs classes (pure data). When a command is
stored, each event is wrapped in an :class:`EventRecord` with the aggregate id, the
version it produced, the time, the actor and the rules involved.
"""

from __future__ import annotations

from datetime import datetime

from attrs import frozen

from udi_core.domain.kernel.identifiers import EmployeeId


@frozen
class EventRecord:
    """One stored event. ``id`` is unique: kind, aggregate id and version."""

    aggregate_kind: str
    aggregate_id: str
    version: int
    occurred_at: datetime
    actor: EmployeeId
    rule_ids: tuple[str, ...]
    event: object

    @property
    def id(self) -> str:
        return f"{self.aggregate_kind}/{self.aggregate_id}/{self.version}"

    @property
    def name(self) -> str:
        return type(self.event).__name__
