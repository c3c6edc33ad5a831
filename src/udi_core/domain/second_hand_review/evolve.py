"""``evolve(state, event)``: how each event changes the state. Pure and total."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from attrs import evolve as replace

from udi_core.domain.kernel.identifiers import EmployeeId
from udi_core.domain.second_hand_review.events import (
    AppointmentRevoked,
    DecisionDrafted,
    DecisionFinalised,
    DecisionReturned,
    DecisionSigned,
    PlacedUnderReview,
    ProgressNoted,
    ReviewEnded,
    ReviewerAppointed,
    ReviewNoted,
    ReviewShareLowered,
)
from udi_core.domain.second_hand_review.model import (
    EVIDENCE_WINDOW,
    Appointment,
    CaseDecision,
    Consultation,
    DecisionRef,
    DecisionStatus,
    EndKind,
    FieldScope,
    Placement,
    ProgressNote,
    Return,
    ReviewedOutcome,
    ReviewNote,
    SecondHandReview,
    Signature,
    SignerRole,
)


def evolve(state: SecondHandReview, event: object) -> SecondHandReview:
    match event:
        case ReviewerAppointed(reviewer=who, basis=basis, at=at):
            return replace(state, appointments=(*state.appointments, Appointment(who, basis, at)))
        case AppointmentRevoked(reviewer=who, at=at):
            appointments = tuple(
                replace(a, revoked_at=at) if a.reviewer == who and a.active else a
                for a in state.appointments
            )
            return replace(state, appointments=appointments)
        case PlacedUnderReview(employee=e, ground=g, case_fields=fs, reviewers=rs, at=at):
            scopes = tuple(FieldScope(f, at) for f in fs)
            return replace(state, placements=(*state.placements, Placement(e, g, scopes, rs, at)))
        case DecisionDrafted(decision=ref, author=a, case_field=f, in_scope=s, at=at):
            drafted = CaseDecision(ref, a, f, at, s)
            return replace(state, open_decisions=(*state.open_decisions, drafted))
        case DecisionSigned(decision=ref, signer=who, role=role, at=at):
            return _decision(state, ref, lambda d: _signed(d, Signature(who, role, at)))
        case ReviewNoted(decision=ref, by=who, role=role, text=text, at=at):
            return _decision(state, ref, lambda d: replace(d, note=ReviewNote(who, role, text, at)))
        case DecisionReturned(decision=ref, by=who, comments=text, at=at):
            return _decision(
                state,
                ref,
                lambda d: replace(
                    d,
                    status=DecisionStatus.RETURNED,
                    signatures=(),
                    note=None,
                    returns=(*d.returns, Return(who, text, at)),
                ),
            )
        case DecisionFinalised(decision=ref, at=at):
            return _finalised(state, ref, at)
        case ProgressNoted(employee=e, reviewer=who, text=text, at=at):
            note = ProgressNote(who, text, at)
            return _placement(state, e, lambda p: replace(p, progress=(*p.progress, note)))
        case ReviewEnded(employee=e, case_fields=fs, consulted=who, consultation=text, at=at):
            talk = Consultation(who, text, at)
            return _placement(state, e, lambda p: _ended(p, frozenset(fs), talk))
        case ReviewShareLowered(
            employee=e, share_percent=share, consulted=who, consultation=text, at=at
        ):
            talk = Consultation(who, text, at)
            return _placement(
                state,
                e,
                lambda p: replace(p, share_percent=share, consultations=(*p.consultations, talk)),
            )
    return state


def _signed(decision: CaseDecision, signature: Signature) -> CaseDecision:
    status = decision.status
    if signature.role is SignerRole.AUTHOR and status is DecisionStatus.RETURNED:
        status = DecisionStatus.DRAFT  # the author signs the revised decision
    return replace(decision, status=status, signatures=(*decision.signatures, signature))


def _ended(placement: Placement, ending: frozenset[object], talk: Consultation) -> Placement:
    """End review of the fields in ``ending``; their evidence is no longer weighed by any
    rule, so it leaves the state (the events keep it)."""
    fields = tuple(
        replace(f, ended_at=talk.at, outcomes=()) if f.active and f.case_field in ending else f
        for f in placement.fields
    )
    consulted = replace(placement, fields=fields, consultations=(*placement.consultations, talk))
    if any(f.active for f in fields):
        return consulted
    at_once = placement.share_percent == 100 and all(f.active for f in placement.fields)
    how = EndKind.AT_ONCE if at_once else EndKind.GRADUALLY
    return replace(consulted, ended_at=talk.at, ended_how=how)


def _decision(
    state: SecondHandReview, ref: DecisionRef, change: Callable[[CaseDecision], CaseDecision]
) -> SecondHandReview:
    changed = tuple(change(d) if d.id == ref else d for d in state.open_decisions)
    return replace(state, open_decisions=changed)


def _finalised(state: SecondHandReview, ref: DecisionRef, at: datetime) -> SecondHandReview:
    """The decision leaves the state; if it was in scope, its outcome joins the evidence of
    the author's active placement in its case field (SHR-08) when it was drafted during
    that field's review."""
    decision = state.decision(ref)
    if decision is None:
        return state
    remaining = replace(state, open_decisions=tuple(d for d in state.open_decisions if d.id != ref))
    if not decision.in_scope:
        return remaining
    outcome = ReviewedOutcome(at, ref, bool(decision.returns))
    return _placement(remaining, decision.author, lambda p: _evidence(p, decision, outcome))


def _evidence(placement: Placement, decision: CaseDecision, outcome: ReviewedOutcome) -> Placement:
    """Add ``outcome`` to the field's evidence, in order of finalisation, keeping the latest
    :data:`EVIDENCE_WINDOW` (the most any policy weighs)."""
    scope = placement.scope(decision.case_field)
    if scope is None or decision.drafted_at < scope.since:
        return placement
    kept = tuple(sorted((*scope.outcomes, outcome))[-EVIDENCE_WINDOW:])
    fields = tuple(replace(f, outcomes=kept) if f is scope else f for f in placement.fields)
    return replace(placement, fields=fields)


def _placement(
    state: SecondHandReview, employee: EmployeeId, change: Callable[[Placement], Placement]
) -> SecondHandReview:
    placements = tuple(
        change(p) if p.employee == employee and p.active else p for p in state.placements
    )
    return replace(state, placements=placements)
