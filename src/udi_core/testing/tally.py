"""A tiny aggregate kind for the store contract: a named tally with a deadline.

It exercises every store feature (index, obligations, events) without depending on any
of the routines, so the contract runs the same for every adapter.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from attrs import evolve, frozen

from udi_core.domain.kernel.aggregate import AggregateKind
from udi_core.domain.kernel.identifiers import ImId
from udi_core.domain.kernel.obligations import Obligation
from udi_core.domain.kernel.rules import Modality, Rule

TALLY_SHOULD = Rule(
    "TT-01",
    Modality.SHOULD,
    ImId(2000, 1),
    "§1",
    date(2000, 1, 1),
    "A tally should be counted now and then",
    "En opptelling bør telles av og til",
)


@frozen
class Tally:
    name: str
    owner: str
    count: int = 0
    due: date | None = None
    done_on: date | None = None


@frozen
class Counted:
    by: int


@frozen
class Renamed:
    name: str


@frozen
class Scheduled:
    due: date


@frozen
class Done:
    on: date


def evolve_tally(state: Tally, event: object) -> Tally:
    match event:
        case Counted(by=by):
            return evolve(state, count=state.count + by)
        case Renamed(name=name):
            return evolve(state, name=name)
        case Scheduled(due=due):
            return evolve(state, due=due, done_on=None)
        case Done(on=on):
            return evolve(state, done_on=on)
    return state


def _index(state: Tally) -> Iterable[tuple[str, str]]:
    yield ("name", state.name)
    yield ("owner", state.owner)


def _obligations(aggregate_id: str, state: Tally, _today: date) -> Iterable[Obligation]:
    if state.due is not None:
        yield Obligation(
            key="count",
            rule_id=TALLY_SHOULD.id,
            routine="tally",
            aggregate_id=aggregate_id,
            what=f"count {state.name}",
            who=state.owner,
            due=state.due,
            met_on=state.done_on,
        )


TALLY: AggregateKind[Tally] = AggregateKind(
    name="tally",
    routine="tally",
    state_type=Tally,
    event_types=(Counted, Renamed, Scheduled, Done),
    index=_index,
    obligations=_obligations,
)
