"""Every persisted second-hand review type round-trips through the cattrs boundary."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from returns.result import Success

from udi_core.domain.second_hand_review import (
    EVENT_TYPES,
    AppointmentRevoked,
    CaseField,
    DecisionDrafted,
    DecisionFinalised,
    DecisionReturned,
    DecisionSigned,
    Ground,
    PlacedUnderReview,
    ProgressNoted,
    ReviewEnded,
    ReviewerAppointed,
    ReviewNoted,
    ReviewShareLowered,
    SecondHandReview,
    SignerRole,
)
from udi_core.serialization import structure, structure_event, unstructure, unstructure_event
from udi_core.testing.strategies import employee_ids, moments, text
from udi_core.testing.strategies.second_hand_review import decision_refs, states

fields = st.lists(st.sampled_from(CaseField), min_size=1, max_size=3, unique=True).map(tuple)


def _event(cls: type, *args: st.SearchStrategy[Any]) -> tuple[type, st.SearchStrategy[object]]:
    return cls, st.builds(cls, *args)


BY_TYPE: dict[type, st.SearchStrategy[object]] = dict(
    (
        _event(ReviewerAppointed, employee_ids, text, moments),
        _event(AppointmentRevoked, employee_ids, moments),
        _event(
            PlacedUnderReview,
            employee_ids,
            st.sampled_from(Ground),
            fields,
            st.lists(employee_ids, min_size=1, max_size=2).map(tuple),
            moments,
        ),
        _event(
            DecisionDrafted,
            decision_refs,
            employee_ids,
            st.sampled_from(CaseField),
            st.booleans(),
            moments,
        ),
        _event(DecisionSigned, decision_refs, employee_ids, st.sampled_from(SignerRole), moments),
        _event(
            ReviewNoted, decision_refs, employee_ids, st.sampled_from(SignerRole), text, moments
        ),
        _event(DecisionReturned, decision_refs, employee_ids, text, moments),
        _event(DecisionFinalised, decision_refs, employee_ids, moments),
        _event(ProgressNoted, employee_ids, employee_ids, text, moments),
        _event(ReviewEnded, employee_ids, fields, employee_ids, text, moments),
        _event(ReviewShareLowered, employee_ids, st.integers(1, 99), employee_ids, text, moments),
    )
)
events = st.one_of(*BY_TYPE.values())


@given(state=states)
def test_state_round_trips(state: SecondHandReview) -> None:
    assert structure(unstructure(state), SecondHandReview) == Success(state)


@given(event=events)
def test_event_round_trips(event: object) -> None:
    assert structure_event(unstructure_event(event), EVENT_TYPES) == Success(event)


def test_every_event_type_has_a_strategy() -> None:
    assert set(BY_TYPE) == set(EVENT_TYPES)
