"""Second-hand review (annenhåndsbehandling) in OPA: IM 2015-002, rules SHR-01 to SHR-09.

A caseworker's decisions are assessed by the unit leader or a reviewer the leader
appoints, to raise the caseworker's competence.

**Aggregate boundary.** One :class:`SecondHandReview` aggregate per unit; its id is the
unit id. It holds the reviewer appointments (basis, active or revoked), the placements
under review (employee, ground, case fields each with its own status, reviewers, share of
decisions drawn, since when, ended how, consultations and progress notes) and the OPEN
decisions of the unit (draft or returned: author, case field, in scope or not,
signatures, review note, returns). The unit is the boundary because the rules tie these
together at one moment: SHR-05 asks, when a decision is signed, whether the signer is *at
that moment* an active reviewer of the unit, so an appointment and the signature checked
against it must be in the same consistency boundary (a revocation racing a signature
becomes a version conflict, not a stale check); SHR-08 weighs the decisions of a placement
when it ends; SHR-04's overview is the unit's state itself.

**The state is bounded.** Every command loads and stores the unit's state, so it keeps
only what the rules read to decide the next command, never the unit's whole production:

- a decision leaves the state when it is finalised (``DecisionFinalised`` in
  :func:`evolve`); no rule reads a final decision again except SHR-08;
- for SHR-08, each field scope of a placement keeps the outcomes of the latest reviewed
  final decisions in it (:class:`ReviewedOutcome`: when finalised, which, returned or
  not), at most :data:`EVIDENCE_WINDOW` (100, the most an :class:`EvidencePolicy` may
  ask for), dropped when review of the field ends; so the state grows with placements,
  appointments and work in progress, not with decisions made.

A finalised decision is kept whole, apart, as a :class:`FinalisedDecision` of the kind
:data:`FINAL_KIND`, one record per decision under ``<unit id>/<decision id>``
(:func:`finalised_id`), written in the same transaction as the finalisation by the
application service. It is what the decision query answers from (one keyed read, where
replaying the unit's event history would cost as much as the unbounded state did), and
its existence is how a decision id stays unique in the unit for all time: drafting looks
the id up among the open decisions in the state and then by key among the finalised
ones, both O(1) in the unit's history, and a second finalisation of the same id could
not be stored (the record is created at version 1 only once). The events still carry
everything; the record is derived from them and never changed after.

The kind indexes each state by ``("unit", <unit id>)``, by ``("under_review", <employee
id>)`` for every employee with an active placement and by ``("reviewer", <employee id>)``
for every active appointment, so the repositories can find a unit's review and the units
where an employee is under review without loading every state.

**Decision ids** come from the caller: the DUF case number and the decision's sequence in
that case, ``201512345601-1`` (:class:`DecisionRef`), unique within the unit for all time
(see above).

**SHR-04** is a query: :func:`overview` derives the rows from the state on each call.
**SHR-08** is an explicit :class:`EvidencePolicy` handed in by the application (default:
the last 5 reviewed decisions in the field final without a return; see its reason).
**SHR-09**: ending per case field (``end_review`` with some fields) or by lowering the
share; a decision is drawn by :func:`drawn_for_review`, a SHA-256 of its id.
"""

from __future__ import annotations

from collections.abc import Iterable

from udi_core.domain.kernel.aggregate import AggregateKind
from udi_core.domain.second_hand_review.commands import (
    appoint_reviewer,
    draft_decision,
    end_review,
    finalise_decision,
    lower_share,
    note_progress,
    note_review,
    place_under_review,
    return_decision,
    review_role,
    revoke_reviewer,
    sign_decision,
)
from udi_core.domain.second_hand_review.events import (
    EVENT_TYPES,
    AppointmentRevoked,
    DecisionDrafted,
    DecisionFinalised,
    DecisionReturned,
    DecisionSigned,
    Event,
    PlacedUnderReview,
    ProgressNoted,
    ReviewEnded,
    ReviewerAppointed,
    ReviewNoted,
    ReviewShareLowered,
)
from udi_core.domain.second_hand_review.evolve import evolve
from udi_core.domain.second_hand_review.model import (
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
    OverviewRow,
    Placement,
    ProgressNote,
    Return,
    ReviewedOutcome,
    ReviewNote,
    SecondHandReview,
    Signature,
    SignerRole,
    finalised_id,
    overview,
)
from udi_core.domain.second_hand_review.policy import EvidencePolicy, drawn_for_review

KIND_NAME = "second_hand_review"
ROUTINE = "IM 2015-002"


def index(state: SecondHandReview) -> Iterable[tuple[str, str]]:
    """What the repositories find a unit's review by."""
    yield ("unit", state.unit.value)
    for placement in state.placements:
        if placement.active:
            yield ("under_review", placement.employee.value)
    for appointment in state.appointments:
        if appointment.active:
            yield ("reviewer", appointment.reviewer.value)


KIND: AggregateKind[SecondHandReview] = AggregateKind(
    name=KIND_NAME,
    routine=ROUTINE,
    state_type=SecondHandReview,
    event_types=EVENT_TYPES,
    index=index,
)

FINAL_KIND: AggregateKind[FinalisedDecision] = AggregateKind(
    name="second_hand_review_final_decision",
    routine=ROUTINE,
    state_type=FinalisedDecision,
    event_types=(),  # written once with the unit's DecisionFinalised; its events are there
)

__all__ = [
    "EVENT_TYPES",
    "EVIDENCE_WINDOW",
    "FINAL_KIND",
    "KIND",
    "KIND_NAME",
    "ROUTINE",
    "Appointment",
    "AppointmentRevoked",
    "CaseDecision",
    "CaseField",
    "Consultation",
    "DecisionDrafted",
    "DecisionFinalised",
    "DecisionRef",
    "DecisionReturned",
    "DecisionSigned",
    "DecisionStatus",
    "EndKind",
    "Event",
    "EvidencePolicy",
    "FieldScope",
    "FinalisedDecision",
    "Ground",
    "OverviewRow",
    "PlacedUnderReview",
    "Placement",
    "ProgressNote",
    "ProgressNoted",
    "Return",
    "ReviewEnded",
    "ReviewNote",
    "ReviewNoted",
    "ReviewShareLowered",
    "ReviewedOutcome",
    "ReviewerAppointed",
    "SecondHandReview",
    "Signature",
    "SignerRole",
    "appoint_reviewer",
    "draft_decision",
    "drawn_for_review",
    "end_review",
    "evolve",
    "finalise_decision",
    "finalised_id",
    "index",
    "lower_share",
    "note_progress",
    "note_review",
    "overview",
    "place_under_review",
    "return_decision",
    "review_role",
    "revoke_reviewer",
    "sign_decision",
]
