"""The command runner: one command, one unit of work, one transaction.

It resolves the actor, loads the aggregate, lets the pure decision run, and on success
stores the new state, its events, outbox items, advisories and obligations together.
On any Failure nothing is stored and nothing is sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from attrs import frozen
from returns.result import Failure, Result, Success

from udi_core.domain.kernel.advisories import Advisory
from udi_core.domain.kernel.aggregate import AggregateKind, Context, Decision
from udi_core.domain.kernel.effects import Effect
from udi_core.domain.kernel.errors import DomainError, NotFound
from udi_core.domain.kernel.events import EventRecord
from udi_core.domain.kernel.identifiers import EmployeeId
from udi_core.ports.external import Clock
from udi_core.ports.outbox import OutboxItem
from udi_core.ports.persistence import AdvisoryRecord, Store, StoreError, UnitOfWork

S = TypeVar("S")

Decide = Callable[[S | None, Context, UnitOfWork], Result[Decision[S], DomainError]]
"""A command bound to its payload: reads what it needs through the unit of work, then
decides purely. Return a Failure to refuse; nothing is stored then."""


@frozen
class Outcome(Generic[S]):
    """What an accepted command did."""

    aggregate_id: str
    version: int
    state: S
    events: tuple[EventRecord, ...]
    effects: tuple[Effect, ...]
    advisories: tuple[Advisory, ...]


class CommandRunner:
    """Runs commands against one store and clock."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def actor_context(self, uow: UnitOfWork, actor: str) -> Result[Context, DomainError]:
        """The context for ``actor`` (an employee id) now, or why there is none."""
        parsed = EmployeeId.parse(actor, "actor")
        if isinstance(parsed, Failure):
            return Failure(parsed.failure())
        return self._context_of(uow, parsed.unwrap())

    def _context_of(self, uow: UnitOfWork, actor: EmployeeId) -> Result[Context, DomainError]:
        employee = uow.organisation.employee(actor)
        if employee is None:
            return Failure(NotFound("employee", str(actor), "actor"))
        return Success(Context(employee, self._clock.now()))

    def run(
        self, kind: AggregateKind[S], aggregate_id: str, actor: str, decide: Decide[S]
    ) -> Result[Outcome[S], DomainError]:
        try:
            return self._run(kind, aggregate_id, actor, decide)
        except StoreError as exc:  # a stored row that cannot be read back, and the like
            return Failure(exc.failure)

    def _run(
        self, kind: AggregateKind[S], aggregate_id: str, actor: str, decide: Decide[S]
    ) -> Result[Outcome[S], DomainError]:
        parsed = EmployeeId.parse(actor, "actor")
        if isinstance(parsed, Failure):
            return Failure(parsed.failure())
        with self._store.unit_of_work() as uow:
            # the aggregate first: a store may read the organisation's version with it
            repo = uow.repository(kind)
            loaded = repo.get(aggregate_id)
            context = self._context_of(uow, parsed.unwrap())
            if isinstance(context, Failure):
                return Failure(context.failure())
            ctx = context.unwrap()
            decided = decide(loaded.state if loaded is not None else None, ctx, uow)
            if isinstance(decided, Failure):
                return Failure(decided.failure())
            decision = decided.unwrap()
            base = loaded.version if loaded is not None else 0
            if not decision.events:
                state = decision.state
                return Success(Outcome(aggregate_id, base, state, (), (), decision.advisories))
            version = base + len(decision.events)
            repo.save(aggregate_id, decision.state, expected_version=base, version=version)
            records = tuple(
                EventRecord(
                    kind.name, aggregate_id, base + i, ctx.now, ctx.actor.id, decision.rule_ids, e
                )
                for i, e in enumerate(decision.events, start=1)
            )
            uow.events.append(records)
            uow.outbox.add(
                [OutboxItem.new(e, kind.name, aggregate_id, ctx.now) for e in decision.effects]
            )
            uow.advisories.record(
                [
                    AdvisoryRecord(kind.name, aggregate_id, version, ctx.now, ctx.actor.id, a)
                    for a in decision.advisories
                ]
            )
            uow.obligations.replace(
                kind.name,
                aggregate_id,
                tuple(kind.obligations(aggregate_id, decision.state, ctx.today)),
            )
            committed = uow.commit()
            if isinstance(committed, Failure):
                return Failure(committed.failure())
            return Success(
                Outcome(
                    aggregate_id,
                    version,
                    decision.state,
                    records,
                    decision.effects,
                    decision.advisories,
                )
            )
