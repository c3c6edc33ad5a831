"""The transactional outbox: external effects stored with the state change that caused them."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from attrs import evolve, frozen

from udi_core.domain.kernel.effects import Effect


class OutboxStatus(enum.Enum):
    PENDING = "pending"  # waiting for (another) delivery attempt
    DELIVERED = "delivered"
    FAILED = "failed"  # gave up: refused by the outside system, or out of attempts


@frozen
class OutboxItem:
    """One effect to deliver, identified by its idempotency key."""

    key: str
    effect: Effect
    aggregate_kind: str
    aggregate_id: str
    created_at: datetime
    next_attempt_at: datetime
    status: OutboxStatus = OutboxStatus.PENDING
    attempts: int = 0
    last_error: str | None = None
    result: str | None = None  # e.g. the document number WebSak returned
    delivered_at: datetime | None = None

    @classmethod
    def new(
        cls, effect: Effect, aggregate_kind: str, aggregate_id: str, at: datetime
    ) -> OutboxItem:
        return cls(effect.key, effect, aggregate_kind, aggregate_id, at, at)

    def delivered(self, result: str | None, at: datetime) -> OutboxItem:
        return evolve(
            self,
            status=OutboxStatus.DELIVERED,
            attempts=self.attempts + 1,
            result=result,
            delivered_at=at,
            last_error=None,
        )

    def failed(self, error: str, retry_at: datetime | None) -> OutboxItem:
        """A failed attempt: retried at ``retry_at``, or given up when it is None."""
        return evolve(
            self,
            status=OutboxStatus.PENDING if retry_at is not None else OutboxStatus.FAILED,
            attempts=self.attempts + 1,
            last_error=error,
            next_attempt_at=retry_at if retry_at is not None else self.next_attempt_at,
        )


class Outbox(Protocol):
    def add(self, items: Sequence[OutboxItem]) -> None:
        """Stage new items; an item whose key is already stored is ignored (idempotent)."""
        ...

    def get(self, key: str) -> OutboxItem | None: ...

    def update(self, item: OutboxItem) -> None:
        """Stage a new status for a stored item."""
        ...

    def due(self, now: datetime, limit: int) -> list[OutboxItem]:
        """Pending items whose next attempt is at or before ``now``, oldest first."""
        ...

    def list(self, status: OutboxStatus | None = None, limit: int = 1000) -> list[OutboxItem]: ...
