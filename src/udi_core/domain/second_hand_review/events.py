"""The events of second-hand review: pure data, one per change, in the past tense.

The runner wraps each in an ``EventRecord`` with the actor and the moment; the fields
here are the facts the state needs (a signature's moment is part of the fact).
"""

from __future__ import annotations

from datetime import datetime

from attrs import frozen

from udi_core.domain.kernel.identifiers import EmployeeId
from udi_core.domain.second_hand_review.model import (
    CaseField,
    DecisionRef,
    Ground,
    SignerRole,
)


@frozen
class ReviewerAppointed:
    reviewer: EmployeeId
    basis: str
    at: datetime


@frozen
class AppointmentRevoked:
    reviewer: EmployeeId
    at: datetime


@frozen
class PlacedUnderReview:
    employee: EmployeeId
    ground: Ground
    case_fields: tuple[CaseField, ...]
    reviewers: tuple[EmployeeId, ...]
    at: datetime


@frozen
class DecisionDrafted:
    decision: DecisionRef
    author: EmployeeId
    case_field: CaseField
    in_scope: bool
    at: datetime


@frozen
class DecisionSigned:
    decision: DecisionRef
    signer: EmployeeId
    role: SignerRole
    at: datetime


@frozen
class ReviewNoted:
    decision: DecisionRef
    by: EmployeeId
    role: SignerRole
    text: str
    at: datetime


@frozen
class DecisionReturned:
    decision: DecisionRef
    by: EmployeeId
    comments: str
    at: datetime


@frozen
class DecisionFinalised:
    decision: DecisionRef
    by: EmployeeId
    at: datetime


@frozen
class ProgressNoted:
    employee: EmployeeId
    reviewer: EmployeeId
    text: str
    at: datetime


@frozen
class ReviewEnded:
    """Review ended for ``case_fields`` of the employee (all remaining ones, or some)."""

    employee: EmployeeId
    case_fields: tuple[CaseField, ...]
    consulted: EmployeeId
    consultation: str
    at: datetime


@frozen
class ReviewShareLowered:
    employee: EmployeeId
    share_percent: int
    consulted: EmployeeId
    consultation: str
    at: datetime


Event = (
    ReviewerAppointed
    | AppointmentRevoked
    | PlacedUnderReview
    | DecisionDrafted
    | DecisionSigned
    | ReviewNoted
    | DecisionReturned
    | DecisionFinalised
    | ProgressNoted
    | ReviewEnded
    | ReviewShareLowered
)

EVENT_TYPES: tuple[type, ...] = (
    ReviewerAppointed,
    AppointmentRevoked,
    PlacedUnderReview,
    DecisionDrafted,
    DecisionSigned,
    ReviewNoted,
    DecisionReturned,
    DecisionFinalised,
    ProgressNoted,
    ReviewEnded,
    ReviewShareLowered,
)
