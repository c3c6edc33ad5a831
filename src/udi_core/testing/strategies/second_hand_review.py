"""Hypothesis strategies for the second-hand review types (IM 2015-002)."""

from __future__ import annotations

from hypothesis import strategies as st

from udi_core.domain.second_hand_review import (
    EVIDENCE_WINDOW,
    Appointment,
    CaseDecision,
    CaseField,
    Consultation,
    DecisionRef,
    DecisionStatus,
    EndKind,
    FieldScope,
    FinalisedDecision,
    Ground,
    Placement,
    ProgressNote,
    Return,
    ReviewedOutcome,
    ReviewNote,
    SecondHandReview,
    Signature,
    SignerRole,
)
from udi_core.testing.strategies import duf_case_numbers, employee_ids, moments, text, unit_ids

case_fields = st.sampled_from(CaseField)
decision_refs = st.builds(DecisionRef, duf_case_numbers, st.integers(1, 999))
appointments = st.builds(
    Appointment, employee_ids, st.just("") | text, moments, st.none() | moments
)
outcomes = st.lists(
    st.builds(ReviewedOutcome, moments, decision_refs, st.booleans()),
    max_size=3,
    unique_by=lambda o: o.decision,
).map(lambda found: tuple(sorted(found)[-EVIDENCE_WINDOW:]))
field_scopes = st.builds(FieldScope, case_fields, moments, st.none() | moments, outcomes)
consultations = st.builds(Consultation, employee_ids, text, moments)
progress_notes = st.builds(ProgressNote, employee_ids, text, moments)
placements = st.builds(
    Placement,
    employee_ids,
    st.sampled_from(Ground),
    st.lists(field_scopes, min_size=1, max_size=3).map(tuple),
    st.lists(employee_ids, min_size=1, max_size=2).map(tuple),
    moments,
    st.integers(1, 100),
    st.lists(consultations, max_size=2).map(tuple),
    st.lists(progress_notes, max_size=2).map(tuple),
    st.none() | moments,
    st.none() | st.sampled_from(EndKind),
)
signatures = st.builds(Signature, employee_ids, st.sampled_from(SignerRole), moments)
review_notes = st.builds(ReviewNote, employee_ids, st.sampled_from(SignerRole), text, moments)
returns = st.lists(st.builds(Return, employee_ids, text, moments), max_size=2).map(tuple)
open_decisions = st.builds(
    CaseDecision,
    decision_refs,
    employee_ids,
    case_fields,
    moments,
    st.booleans(),
    st.sampled_from((DecisionStatus.DRAFT, DecisionStatus.RETURNED)),
    st.lists(signatures, max_size=2).map(tuple),
    st.none() | review_notes,
    returns,
    st.none(),
)
"""Decisions as the unit's state holds them: draft or returned, never final."""
final_decisions = st.builds(
    CaseDecision,
    decision_refs,
    employee_ids,
    case_fields,
    moments,
    st.booleans(),
    st.just(DecisionStatus.FINAL),
    st.lists(signatures, max_size=2).map(tuple),
    st.none() | review_notes,
    returns,
    moments,
)
states = st.builds(
    SecondHandReview,
    unit_ids,
    st.lists(appointments, max_size=3).map(tuple),
    st.lists(placements, max_size=3).map(tuple),
    st.lists(open_decisions, max_size=4, unique_by=lambda d: d.id).map(tuple),
)
finalised = st.builds(FinalisedDecision, unit_ids, final_decisions)
