"""The commands of second-hand review as pure functions.

Each takes the unit's state, the parsed payload and the :class:`Context` (who acts, and
when), and returns the :class:`Decision` or the typed refusal. None of them raises, reads
a clock or touches storage; the application service looks up employees beforehand.
"""

from __future__ import annotations

from returns.result import Failure, Result, Success

from udi_core.domain.kernel.advisories import Advisory
from udi_core.domain.kernel.aggregate import Context, Decision
from udi_core.domain.kernel.errors import Breach, DomainError, RuleViolation, invalid, refuse
from udi_core.domain.kernel.identifiers import EmployeeId
from udi_core.domain.kernel.organisation import Employee
from udi_core.domain.kernel.rules import Rule
from udi_core.domain.second_hand_review.events import (
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
    CaseDecision,
    CaseField,
    DecisionRef,
    DecisionStatus,
    Ground,
    Placement,
    SecondHandReview,
    SignerRole,
)
from udi_core.domain.second_hand_review.policy import EvidencePolicy, drawn_for_review
from udi_core.domain.second_hand_review.rules import (
    SHR_01,
    SHR_02,
    SHR_03,
    SHR_04,
    SHR_05,
    SHR_06,
    SHR_07,
    SHR_08,
    SHR_09,
)

Outcome = Result[Decision[SecondHandReview], DomainError]


def _decided(
    state: SecondHandReview,
    event: Event,
    rules: tuple[Rule, ...],
    advisories: tuple[Advisory, ...] = (),
) -> Outcome:
    return Success(
        Decision(
            evolve(state, event),
            (event,),
            advisories=advisories,
            rule_ids=tuple(r.id for r in rules),
        )
    )


def _not_leader(rule: Rule, state: SecondHandReview, ctx: Context, what: str) -> Outcome | None:
    if ctx.actor.leads(state.unit):
        return None
    return refuse(rule, f"{ctx.actor.id} is not the unit leader of {state.unit} and cannot {what}")


def review_role(state: SecondHandReview, signer: Employee) -> SignerRole | None:
    """In what capacity may ``signer`` review in this unit right now? The unit leader, or a
    member of the unit with an active appointment; otherwise not at all (SHR-05)."""
    if signer.leads(state.unit):
        return SignerRole.UNIT_LEADER
    if signer.unit == state.unit and state.active_appointment(signer.id) is not None:
        return SignerRole.REVIEWER
    return None


# -- appointments (SHR-01, SHR-02) -------------------------------------------------------


def appoint_reviewer(
    state: SecondHandReview, reviewer: Employee, basis: str, ctx: Context
) -> Outcome:
    """The unit leader appoints a member of the unit as reviewer, recording the basis
    (the appointee's professional level). A missing basis is an SHR-02 advisory."""
    if refused := _not_leader(SHR_01, state, ctx, "appoint reviewers"):
        return refused
    if reviewer.unit != state.unit:
        return refuse(
            SHR_01, f"{reviewer.id} belongs to {reviewer.unit}; reviewers come from {state.unit}"
        )
    if state.active_appointment(reviewer.id) is not None:
        return invalid(
            "reviewer_id", f"an employee not already a reviewer in {state.unit}", reviewer.id.value
        )
    advisories: tuple[Advisory, ...] = ()
    if not basis.strip():
        advisories = (
            Advisory(SHR_02, f"no basis (professional level) recorded for {reviewer.id}"),
        )
    event = ReviewerAppointed(reviewer.id, basis.strip(), ctx.now)
    return _decided(state, event, (SHR_01, SHR_02), advisories)


def revoke_reviewer(state: SecondHandReview, reviewer: EmployeeId, ctx: Context) -> Outcome:
    """The unit leader revokes an appointment; it stops counting at once (SHR-05)."""
    if refused := _not_leader(SHR_01, state, ctx, "revoke reviewers"):
        return refused
    if state.active_appointment(reviewer) is None:
        return invalid("reviewer_id", f"an active reviewer of {state.unit}", reviewer.value)
    return _decided(state, AppointmentRevoked(reviewer, ctx.now), (SHR_01, SHR_05))


# -- placing an employee under review (SHR-03, SHR-04) -----------------------------------


def place_under_review(
    state: SecondHandReview,
    employee: Employee,
    ground: Ground,
    case_fields: tuple[CaseField, ...],
    reviewers: tuple[Employee, ...],
    ctx: Context,
) -> Outcome:
    """The unit leader decides that ``employee`` puts cases in second-hand review, on a
    ground, for case fields, with the reviewer(s) who follow them up."""
    if refused := _not_leader(SHR_03, state, ctx, "place employees under review"):
        return refused
    if employee.unit != state.unit:
        return refuse(
            SHR_03, f"{employee.id} belongs to {employee.unit}, not to the unit {state.unit}"
        )
    if state.active_placement(employee.id) is not None:
        return invalid("employee_id", "an employee not already under review", employee.id.value)
    if not case_fields:
        return invalid("case_fields", "at least one case field in scope", "")
    if len(set(case_fields)) != len(case_fields):
        return invalid(
            "case_fields", "distinct case fields", ", ".join(f.value for f in case_fields)
        )
    if not reviewers:
        return invalid("reviewer_ids", "at least one reviewer", "")
    for reviewer in reviewers:
        if reviewer.id == employee.id:
            return refuse(SHR_05, f"{employee.id} cannot review their own decisions")
        if review_role(state, reviewer) is None:
            return refuse(
                SHR_01,
                f"{reviewer.id} is neither an appointed reviewer of {state.unit} nor its leader",
            )
    ids = tuple(dict.fromkeys(r.id for r in reviewers))
    event = PlacedUnderReview(employee.id, ground, case_fields, ids, ctx.now)
    return _decided(state, event, (SHR_03, SHR_01, SHR_04))


# -- decisions (SHR-05, SHR-09) ----------------------------------------------------------


def draft_decision(
    state: SecondHandReview, ref: DecisionRef, case_field: CaseField, ctx: Context
) -> Outcome:
    """A caseworker of the unit drafts a decision. It is in scope when the author is under
    review for the case field and, at a reduced share, the decision is drawn. The id must
    not be that of an open decision; that it was not finalised earlier is checked by the
    caller against the kept :class:`FinalisedDecision` records (the state holds only open
    decisions)."""
    if ctx.actor.unit != state.unit:
        return refuse(
            SHR_05,
            f"only an employee of {state.unit} drafts its decisions; "
            f"{ctx.actor.id} belongs to {ctx.actor.unit}",
        )
    if state.decision(ref) is not None:
        return invalid("decision_id", f"a decision id not yet used in {state.unit}", str(ref))
    placement = state.active_placement(ctx.actor.id)
    in_scope = False
    rules: tuple[Rule, ...] = (SHR_05,)
    if placement is not None and placement.scope(case_field) is not None:
        in_scope = drawn_for_review(ref, placement.share_percent)
        if placement.share_percent < 100:
            rules = (SHR_05, SHR_09)
    event = DecisionDrafted(ref, ctx.actor.id, case_field, in_scope, ctx.now)
    return _decided(state, event, rules)


def _open_decision(state: SecondHandReview, ref: DecisionRef) -> Result[CaseDecision, DomainError]:
    found = state.decision(ref)
    if found is None:
        return invalid("decision_id", f"an open decision drafted in {state.unit}", str(ref))
    return Success(found)


def _may_review(
    state: SecondHandReview, decision: CaseDecision, ctx: Context, what: str
) -> Result[SignerRole, DomainError]:
    """The checks every act of review shares: another person than the author, the unit
    leader or an active reviewer of the unit at this moment, a decision not awaiting
    revision."""
    if ctx.actor.id == decision.author:
        return refuse(SHR_05, f"{ctx.actor.id} is the author of {decision.id} and cannot {what}")
    role = review_role(state, ctx.actor)
    if role is None:
        return refuse(
            SHR_05,
            f"{ctx.actor.id} is neither an active appointed reviewer of {state.unit} nor its "
            f"leader and cannot {what}",
        )
    if decision.status is DecisionStatus.RETURNED:
        return refuse(
            SHR_05, f"{decision.id} was returned for revision; the author signs the revision first"
        )
    return Success(role)


def sign_decision(state: SecondHandReview, ref: DecisionRef, ctx: Context) -> Outcome:
    """The author signs their decision, or a second signer (SHR-05) signs it."""
    opened = _open_decision(state, ref)
    if isinstance(opened, Failure):
        return Failure(opened.failure())
    decision = opened.unwrap()
    if ctx.actor.id == decision.author:
        if decision.author_signed:
            return refuse(SHR_05, f"{ctx.actor.id} has already signed {ref}")
        return _decided(
            state, DecisionSigned(ref, ctx.actor.id, SignerRole.AUTHOR, ctx.now), (SHR_05,)
        )
    checked = _may_review(state, decision, ctx, "sign it as second signer")
    if isinstance(checked, Failure):
        return Failure(checked.failure())
    second = decision.second_signature
    if second is not None:
        already = (
            "has already signed"
            if second.signer == ctx.actor.id
            else f"was signed by {second.signer}"
        )
        return refuse(SHR_05, f"{ref} {already} as second signer")
    event = DecisionSigned(ref, ctx.actor.id, checked.unwrap(), ctx.now)
    return _decided(state, event, (SHR_05,))


def note_review(state: SecondHandReview, ref: DecisionRef, text: str, ctx: Context) -> Outcome:
    """A reviewer or the unit leader notes in the case that the decision was reviewed."""
    opened = _open_decision(state, ref)
    if isinstance(opened, Failure):
        return Failure(opened.failure())
    decision = opened.unwrap()
    if not decision.in_scope:
        return refuse(SHR_05, f"{ref} is not in the scope of review and takes no review note")
    checked = _may_review(state, decision, ctx, "note it as reviewed")
    if isinstance(checked, Failure):
        return Failure(checked.failure())
    if decision.note is not None:
        return refuse(SHR_05, f"{ref} already has a review note by {decision.note.by}")
    event = ReviewNoted(ref, ctx.actor.id, checked.unwrap(), text, ctx.now)
    return _decided(state, event, (SHR_05,))


def return_decision(
    state: SecondHandReview, ref: DecisionRef, comments: str, ctx: Context
) -> Outcome:
    """A reviewer or the unit leader returns a decision in scope for revision, with
    comments. Its signatures and note are cleared; the author revises and signs again."""
    opened = _open_decision(state, ref)
    if isinstance(opened, Failure):
        return Failure(opened.failure())
    decision = opened.unwrap()
    if not decision.in_scope:
        return refuse(SHR_05, f"{ref} is not in the scope of review and is not returned by review")
    checked = _may_review(state, decision, ctx, "return it for revision")
    if isinstance(checked, Failure):
        return Failure(checked.failure())
    return _decided(state, DecisionReturned(ref, ctx.actor.id, comments, ctx.now), (SHR_05,))


def finalise_decision(state: SecondHandReview, ref: DecisionRef, ctx: Context) -> Outcome:
    """The author finalises their decision. In scope, it must carry the author's and a
    second signature, or a review note (SHR-05); outside the scope it needs neither."""
    opened = _open_decision(state, ref)
    if isinstance(opened, Failure):
        return Failure(opened.failure())
    decision = opened.unwrap()
    if ctx.actor.id != decision.author:
        return refuse(
            SHR_05, f"only the author of {ref} ({decision.author}) finalises it, not {ctx.actor.id}"
        )
    if decision.in_scope and not decision.reviewed:
        missing = (
            "was returned for revision and has not been reviewed again"
            if decision.status is DecisionStatus.RETURNED
            else "has neither two signatures (the author's and a reviewer's) nor a review note"
        )
        return refuse(SHR_05, f"{ref} is in the scope of review and {missing}")
    return _decided(state, DecisionFinalised(ref, ctx.actor.id, ctx.now), (SHR_05,))


# -- progress and ending (SHR-06 to SHR-09) ----------------------------------------------


def note_progress(
    state: SecondHandReview, employee: EmployeeId, text: str, ctx: Context
) -> Outcome:
    """A reviewer following the employee up informs the unit leader of their development."""
    placement = state.active_placement(employee)
    if placement is None:
        return refuse(SHR_06, f"{employee} is not under review in {state.unit}")
    if ctx.actor.id not in placement.reviewers or review_role(state, ctx.actor) is None:
        return refuse(SHR_06, f"{ctx.actor.id} is not an active reviewer following up {employee}")
    return _decided(state, ProgressNoted(employee, ctx.actor.id, text, ctx.now), (SHR_06,))


def _ending_checks(
    state: SecondHandReview, employee: EmployeeId, consulted: EmployeeId, ctx: Context, what: str
) -> Result[Placement, DomainError]:
    if refused := _not_leader(SHR_07, state, ctx, what):
        return Failure(refused.failure())
    placement = state.active_placement(employee)
    if placement is None:
        return refuse(SHR_07, f"{employee} is not under review in {state.unit}; nothing to end")
    if consulted not in placement.reviewers:
        assigned = ", ".join(str(r) for r in placement.reviewers)
        return refuse(
            SHR_07,
            f"{consulted} does not follow up {employee}; consult their reviewer ({assigned})",
        )
    return Success(placement)


def _evidence(
    state: SecondHandReview,
    placement: Placement,
    fields: tuple[CaseField, ...],
    policy: EvidencePolicy,
) -> RuleViolation | None:
    breaches = tuple(
        Breach(SHR_08, gap) for f in fields if (gap := policy.shortfall(placement, f)) is not None
    )
    return RuleViolation(breaches) if breaches else None


def end_review(
    state: SecondHandReview,
    employee: EmployeeId,
    case_fields: tuple[CaseField, ...],
    consulted: EmployeeId,
    consultation: str,
    policy: EvidencePolicy,
    ctx: Context,
) -> Outcome:
    """The unit leader ends review for ``case_fields`` (all remaining ones when empty), in
    consultation with the reviewer, when the evidence policy holds for each of them."""
    checked = _ending_checks(state, employee, consulted, ctx, "end review")
    if isinstance(checked, Failure):
        return Failure(checked.failure())
    placement = checked.unwrap()
    active = placement.active_fields
    for i, f in enumerate(case_fields):
        if f not in active:
            under = ", ".join(a.value for a in active)
            return invalid(f"case_fields[{i}]", f"a case field under review ({under})", f.value)
    ending = tuple(dict.fromkeys(case_fields)) or active
    if (violation := _evidence(state, placement, ending, policy)) is not None:
        return Failure(violation)
    gradual = (
        len(ending) < len(active)
        or placement.share_percent < 100
        or len(active) < len(placement.fields)
    )
    rules = (SHR_07, SHR_08, SHR_04, *((SHR_09,) if gradual else ()))
    return _decided(state, ReviewEnded(employee, ending, consulted, consultation, ctx.now), rules)


def lower_share(
    state: SecondHandReview,
    employee: EmployeeId,
    share_percent: int,
    consulted: EmployeeId,
    consultation: str,
    policy: EvidencePolicy,
    ctx: Context,
) -> Outcome:
    """The unit leader lowers the share of the employee's decisions drawn for review
    (a gradual ending, SHR-09), in consultation with the reviewer, when the evidence
    policy holds for every case field still under review."""
    checked = _ending_checks(state, employee, consulted, ctx, "lower the share under review")
    if isinstance(checked, Failure):
        return Failure(checked.failure())
    placement = checked.unwrap()
    if not 1 <= share_percent < placement.share_percent:
        return invalid(
            "share_percent",
            f"a share from 1 to {placement.share_percent - 1} percent (lower than now)",
            str(share_percent),
        )
    if (violation := _evidence(state, placement, placement.active_fields, policy)) is not None:
        return Failure(violation)
    event = ReviewShareLowered(employee, share_percent, consulted, consultation, ctx.now)
    return _decided(state, event, (SHR_07, SHR_08, SHR_09))
