"""The outbox dispatcher: carries stored effects to DUF and WebSak through their ports.

For each due item it calls the port with the item's idempotency key, then records the
result in its own transaction. If the process dies between the two, the item is still
pending and is sent again with the same key, which the port honours: never lost, never
doubled. Failures are retried with exponential backoff; a refusal the outside system
says is final (``retryable=False``), or running out of attempts, marks the item failed.
"""

from __future__ import annotations

from datetime import timedelta

from attrs import evolve, frozen
from returns.result import Failure, Result

from udi_core.domain.kernel.effects import AddDufCode, PostJournal, RemoveDufCode
from udi_core.domain.kernel.errors import ConcurrencyConflict, StorageFailure
from udi_core.ports.external import Clock, DufMarking, ExternalFailure, Journal
from udi_core.ports.outbox import OutboxItem, OutboxStatus
from udi_core.ports.persistence import Store


@frozen
class RetryPolicy:
    max_attempts: int = 8
    first_delay: timedelta = timedelta(seconds=30)
    max_delay: timedelta = timedelta(hours=1)

    def next_delay(self, attempts_so_far: int) -> timedelta:
        delay: timedelta = self.first_delay * (2 ** max(attempts_so_far - 1, 0))
        return min(delay, self.max_delay)


@frozen
class DeliveryReport:
    delivered: int = 0
    retried: int = 0
    failed: int = 0

    def __add__(self, other: DeliveryReport) -> DeliveryReport:
        return DeliveryReport(
            self.delivered + other.delivered,
            self.retried + other.retried,
            self.failed + other.failed,
        )


class OutboxDispatcher:
    def __init__(
        self,
        store: Store,
        duf: DufMarking,
        journal: Journal,
        clock: Clock,
        policy: RetryPolicy | None = None,
    ) -> None:
        self._store = store
        self._duf = duf
        self._journal = journal
        self._clock = clock
        self.policy = policy or RetryPolicy()

    def _send(self, item: OutboxItem) -> Result[str | None, ExternalFailure]:
        effect = item.effect
        match effect:
            case AddDufCode(key=key, case=case, code=code):
                return self._duf.add(case, code, key).map(lambda _: None)
            case RemoveDufCode(key=key, case=case, code=code):
                return self._duf.remove(case, code, key).map(lambda _: None)
            case PostJournal(key=key, post=post):
                return self._journal.post(post, key).map(str)

    def deliver_once(self, limit: int = 500) -> DeliveryReport:
        """One pass over the items due now (at most ``limit``)."""
        now = self._clock.now()
        with self._store.unit_of_work() as uow:
            due = uow.outbox.due(now, limit)
        report = DeliveryReport()
        for item in due:
            sent = self._send(item)
            at = self._clock.now()
            if isinstance(sent, Failure):
                failure = sent.failure()
                attempts = item.attempts + 1
                give_up = not failure.retryable or attempts >= self.policy.max_attempts
                retry_at = None if give_up else at + self.policy.next_delay(attempts)
                updated = item.failed(failure.describe(), retry_at)
                report += DeliveryReport(failed=1) if give_up else DeliveryReport(retried=1)
            else:
                updated = item.delivered(sent.unwrap(), at)
                report += DeliveryReport(delivered=1)
            self._record(updated)
        return report

    def deliver(self, limit: int = 500, max_passes: int = 1000) -> DeliveryReport:
        """Deliver until nothing is due now (items waiting for a later retry stay)."""
        total = DeliveryReport()
        for _ in range(max_passes):
            report = self.deliver_once(limit)
            total += report
            if report == DeliveryReport():
                break
        return total

    def _record(self, item: OutboxItem) -> None:
        with self._store.unit_of_work() as uow:
            uow.outbox.update(item)
            # If this commit fails, the item stays pending and is sent again with its
            # key, which the port honours: harmless, so the failure is not reported.
            uow.commit()

    def retry(self, key: str | None = None) -> Result[int, ConcurrencyConflict | StorageFailure]:
        """Make failed items (or the one with ``key``) pending again, due now; how many."""
        now = self._clock.now()
        with self._store.unit_of_work() as uow:
            if key is None:
                chosen = uow.outbox.list(OutboxStatus.FAILED, limit=100_000)
            else:
                found = uow.outbox.get(key)
                chosen = (
                    [found] if found is not None and found.status is OutboxStatus.FAILED else []
                )
            for item in chosen:
                uow.outbox.update(evolve(item, status=OutboxStatus.PENDING, next_attempt_at=now))
            return uow.commit().map(lambda _: len(chosen))

    def items(self, status: OutboxStatus | None = None, limit: int = 1000) -> list[OutboxItem]:
        with self._store.unit_of_work() as uow:
            return uow.outbox.list(status, limit)
