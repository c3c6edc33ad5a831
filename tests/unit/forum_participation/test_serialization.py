"""Every persisted type of IM 2011-013 round-trips through the cattrs boundary."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from returns.result import Success

from udi_core.domain.forum_participation import participation as fp
from udi_core.domain.forum_participation.coordination import (
    COORDINATION_EVENT_TYPES,
    InternationalCoordination,
)
from udi_core.domain.forum_participation.model import EVENT_TYPES, ForumParticipation, Stage
from udi_core.serialization import structure, structure_event, unstructure, unstructure_event
from udi_core.testing.strategies import forum_participation as strategies

from .helpers import LEADER, MEETING, PID, ctx, until


@given(strategies.participations)
def test_participation_states_round_trip(state: ForumParticipation) -> None:
    assert structure(unstructure(state), ForumParticipation) == Success(state)


@given(strategies.coordinations)
def test_coordination_states_round_trip(state: InternationalCoordination) -> None:
    assert structure(unstructure(state), InternationalCoordination) == Success(state)


def test_the_events_of_a_lifecycle_round_trip() -> None:
    s = until(Stage.PARTICIPANT_CHOSEN)
    decision = fp.attend(s, PID, None, True, True, 14, ctx(LEADER, MEETING)).unwrap()
    events: list[Any] = list(decision.events)
    for event in events:
        assert structure_event(unstructure_event(event), EVENT_TYPES) == Success(event)
    assert set(COORDINATION_EVENT_TYPES).isdisjoint(EVENT_TYPES)
