"""What every aggregate shares: the command context, the decision, and the kind.

A command is a pure function ``(state | None, command, context) -> Result[Decision, DomainError]``.
A :class:`Decision` carries the new state, the events that produced it, the external
effects to send, the advisories of SHOULD rules and the ids of the rules involved.
An :class:`AggregateKind` tells the stores how to name, index and derive obligations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Generic, TypeVar

from attrs import field, frozen

from udi_core.domain.kernel.advisories import Advisory
from udi_core.domain.kernel.dates import local_date
from udi_core.domain.kernel.effects import Effect
from udi_core.domain.kernel.obligations import Obligation
from udi_core.domain.kernel.organisation import Employee

S = TypeVar("S")
E = TypeVar("E")


@frozen
class Context:
    """Who acts, and when. Built by the application from the actor id and the clock."""

    actor: Employee
    now: datetime = field()

    @now.validator
    def _aware(self, _attr: object, value: datetime) -> None:
        if value.tzinfo is None:
            raise ValueError("Context.now must be timezone-aware")

    @property
    def today(self) -> date:
        return local_date(self.now)


@frozen
class Decision(Generic[S]):
    """The outcome of an accepted command."""

    state: S
    events: tuple[object, ...]
    effects: tuple[Effect, ...] = ()
    advisories: tuple[Advisory, ...] = ()
    rule_ids: tuple[str, ...] = ()


def fold(evolve: Callable[[S, E], S], state: S, events: Iterable[E]) -> S:
    """Apply events to a state in order."""
    for event in events:
        state = evolve(state, event)
    return state


def _no_obligations(_id: str, _state: object, _today: date) -> Iterable[Obligation]:
    return ()


def _no_index(_state: object) -> Iterable[tuple[str, str]]:
    return ()


@frozen
class AggregateKind(Generic[S]):
    """Describes one aggregate type to the stores.

    ``index`` gives (key, value) pairs the repositories can look states up by (for example
    ``("unit", "OPA-E1")``); ``obligations`` derives the aggregate's obligations from its
    state, given today's date for cadences.
    """

    name: str
    routine: str
    state_type: type[S]
    event_types: tuple[type, ...]
    index: Callable[[S], Iterable[tuple[str, str]]] = _no_index
    obligations: Callable[[str, S, date], Iterable[Obligation]] = _no_obligations
