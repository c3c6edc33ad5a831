"""The unit's state is bounded: final decisions leave it, and what SHR-08 weighs of them is
kept per field scope, the latest ``EVIDENCE_WINDOW`` outcomes, equal to what the full
record of decisions would give."""

from __future__ import annotations

from datetime import datetime, timedelta

from attrs import evolve as replace
from hypothesis import event as label
from hypothesis import given
from hypothesis import strategies as st
from returns.result import Failure, Result, Success

from tests.unit.second_hand_review.test_domain import (
    CAS,
    FAMILY,
    LEA,
    RITA,
    T0,
    at,
    placed,
    ref,
    reviewed,
    then,
)
from udi_core.domain.kernel.aggregate import Context, Decision
from udi_core.domain.kernel.errors import DomainError
from udi_core.domain.kernel.identifiers import DufCaseNumber, EmployeeId
from udi_core.domain.kernel.organisation import Employee
from udi_core.domain.second_hand_review import (
    EVIDENCE_WINDOW,
    CaseField,
    DecisionDrafted,
    DecisionFinalised,
    DecisionRef,
    DecisionReturned,
    EvidencePolicy,
    Ground,
    PlacedUnderReview,
    ReviewedOutcome,
    SecondHandReview,
    draft_decision,
    end_review,
    finalise_decision,
    lower_share,
    place_under_review,
    return_decision,
    sign_decision,
)
from udi_core.domain.second_hand_review.evolve import evolve

VISA = CaseField.VISA


def test_a_final_decision_leaves_the_state_and_its_outcome_stays_as_evidence() -> None:
    state = then(draft_decision(placed(), ref(1), FAMILY, Context(CAS, T0)))
    state = then(sign_decision(state, ref(1), Context(CAS, T0)))
    state = then(return_decision(state, ref(1), "Revise.", Context(RITA, T0)))
    state = then(sign_decision(state, ref(1), Context(CAS, T0)))
    state = then(sign_decision(state, ref(1), Context(RITA, T0)))
    assert [d.id for d in state.open_decisions] == [ref(1)]
    done = then(finalise_decision(state, ref(1), Context(CAS, T0 + timedelta(minutes=1))))
    assert done.open_decisions == ()
    placement = done.active_placement(CAS.id)
    assert placement is not None
    scope = placement.scope(FAMILY)
    assert scope is not None
    assert scope.outcomes == (ReviewedOutcome(T0 + timedelta(minutes=1), ref(1), True),)
    gap = EvidencePolicy(1, "one").shortfall(placement, FAMILY)
    assert gap is not None
    assert str(ref(1)) in gap


def test_the_evidence_keeps_the_latest_window_and_a_policy_of_100_still_holds() -> None:
    state = placed()
    for n in range(1, EVIDENCE_WINDOW + 6):
        state = reviewed(state, n, n)
    placement = state.active_placement(CAS.id)
    assert placement is not None
    scope = placement.scope(FAMILY)
    assert scope is not None
    assert len(scope.outcomes) == EVIDENCE_WINDOW
    assert [o.decision for o in scope.outcomes] == [ref(n) for n in range(6, EVIDENCE_WINDOW + 6)]
    assert state.open_decisions == ()
    most = EvidencePolicy(EVIDENCE_WINDOW, "all of the window")
    ended = then(end_review(state, CAS.id, (), RITA.id, "agreed", most, at(LEA, 60 * 24)))
    assert [f.outcomes for p in ended.placements for f in p.fields] == [()]  # no longer weighed


# -- the kept evidence equals the evidence over the full record of decisions -------------

Step = tuple[str, int, int]  # what, decision number, minutes after T0 (the clock may jump)
Outcome = Result[Decision[SecondHandReview], DomainError]

steps = st.lists(
    st.tuples(
        st.sampled_from(
            [
                *("draft_family", "draft_visa", "sign", "cosign", "return", "finalise"),
                *("cycle_family", "cycle_family", "cycle_visa", "returned_cycle"),
                *("lower", "end_visa", "end"),
            ]
        ),
        st.integers(1, 4),
        st.integers(0, 30),
    ),
    max_size=60,
)


def _chain(state: SecondHandReview, steps: list[Step], policy: EvidencePolicy) -> Outcome:
    """Several steps as one: all their events, or the first refusal."""
    events: list[object] = []
    for step in steps:
        result = _act(state, step, policy)
        if isinstance(result, Failure):
            return result
        state = result.unwrap().state
        events.extend(result.unwrap().events)
    return Success(Decision(state, tuple(events)))


def _act(state: SecondHandReview, step: Step, policy: EvidencePolicy) -> Outcome:
    what, n, minutes = step
    at = T0 + timedelta(minutes=minutes)
    match what:
        case "cycle_family" | "cycle_visa" | "returned_cycle":
            draft = "draft_visa" if what == "cycle_visa" else "draft_family"
            review = ["return", "sign", "cosign"] if what == "returned_cycle" else []
            names = [draft, "sign", "cosign", *review, "finalise"]
            return _chain(state, [(name, n, minutes) for name in names], policy)
        case "draft_family" | "draft_visa":
            field = FAMILY if what == "draft_family" else VISA
            return draft_decision(state, ref(n), field, Context(CAS, at))
        case "sign":
            return sign_decision(state, ref(n), Context(CAS, at))
        case "cosign":
            return sign_decision(state, ref(n), Context(RITA, at))
        case "return":
            return return_decision(state, ref(n), "Revise.", Context(RITA, at))
        case "finalise":
            return finalise_decision(state, ref(n), Context(CAS, at))
        case "lower":
            return lower_share(state, CAS.id, 50, RITA.id, "agreed", policy, Context(LEA, at))
        case "end_visa":
            return end_review(state, CAS.id, (VISA,), RITA.id, "agreed", policy, Context(LEA, at))
        case _:  # end review of every field, and place cas under review again at once
            ended = end_review(state, CAS.id, (), RITA.id, "agreed", policy, Context(LEA, at))
            if isinstance(ended, Failure):
                return ended
            fields = (FAMILY, VISA)
            after = then(ended)
            again = place_under_review(after, CAS, Ground.MOVED, fields, (RITA,), Context(LEA, at))
            return again.map(lambda d: replace(d, events=(*ended.unwrap().events, *d.events)))


def _full_record(events: list[object], since: datetime, field: CaseField) -> list[ReviewedOutcome]:
    """The evidence as the unbounded state gave it: every in-scope final decision of the
    employee in the field drafted since the field came under review, by finalisation;
    and finalised during the current placement (the unbounded state also counted, when
    the clock gave one instant to an ending, a new placement and a finalisation before
    it, that decision for the new placement; it was finalised under the earlier one)."""
    drafted: dict[DecisionRef, DecisionDrafted] = {}
    returned: set[DecisionRef] = set()
    found: list[ReviewedOutcome] = []
    for event in events:
        match event:
            case PlacedUnderReview():
                found = []
            case DecisionDrafted(decision=r):
                drafted[r] = event
            case DecisionReturned(decision=r):
                returned.add(r)
            case DecisionFinalised(decision=r, at=at):
                d = drafted[r]
                if d.in_scope and d.author == CAS.id and d.case_field is field and d.at >= since:
                    found.append(ReviewedOutcome(at, r, r in returned))
            case _:
                pass
    return sorted(found)


@given(steps=steps, window=st.integers(1, 4))
def test_kept_evidence_equals_the_evidence_over_every_decision(
    steps: list[Step], window: int
) -> None:
    policy = EvidencePolicy(window, "a few")
    state = placed()
    events: list[object] = []
    final: set[DecisionRef] = set()
    for step in steps:
        if ("draft" in step[0] or "cycle" in step[0]) and ref(step[1]) in final:
            continue  # the service refuses a finalised id (by its kept record)
        result = _act(state, step, policy)
        if isinstance(result, Success):
            decision = result.unwrap()
            events.extend(decision.events)
            for event in decision.events:
                state = evolve(state, event)
            assert state == decision.state
        placement = state.active_placement(CAS.id)
        assert placement is not None
        for scope in placement.fields:
            if scope.active:
                full = _full_record(events, scope.since, scope.case_field)
                assert list(policy.evidence(placement, scope.case_field)) == full[-EVIDENCE_WINDOW:]
        assert all(not f.outcomes for p in state.placements for f in p.fields if not f.active)
        drafted = {e.decision for e in events if isinstance(e, DecisionDrafted)}
        final = {e.decision for e in events if isinstance(e, DecisionFinalised)}
        assert {d.id for d in state.open_decisions} == drafted - final
    kept = sum(len(f.outcomes) for p in state.placements for f in p.fields)
    label(f"outcomes kept: {min(kept, 3)}{'+' if kept >= 3 else ''}")
    if any(isinstance(e, PlacedUnderReview) for e in events):
        label("placed again")


def test_other_employees_and_unknown_decisions_leave_the_evidence_alone() -> None:
    state = placed()
    other = Employee(EmployeeId("cato"), "Cato", state.unit, CAS.department)
    state = then(draft_decision(state, ref(1), FAMILY, Context(other, T0)))
    state = then(finalise_decision(state, ref(1), Context(other, T0)))
    unknown = DecisionRef(DufCaseNumber("201512345699"), 1)
    assert evolve(state, DecisionFinalised(unknown, CAS.id, T0)) == state
    placement = state.active_placement(CAS.id)
    assert placement is not None
    assert placement.fields[0].outcomes == ()
    assert state.open_decisions == ()


def test_a_decision_drafted_under_an_earlier_placement_is_no_evidence_for_the_next() -> None:
    policy = EvidencePolicy(1, "one")
    state = reviewed(placed(), 1, 1)
    state = then(draft_decision(state, ref(2), FAMILY, Context(CAS, T0 + timedelta(minutes=2))))
    state = then(sign_decision(state, ref(2), Context(CAS, T0 + timedelta(minutes=2))))
    state = then(sign_decision(state, ref(2), Context(RITA, T0 + timedelta(minutes=2))))
    later = Context(LEA, T0 + timedelta(minutes=3))
    state = then(end_review(state, CAS.id, (), RITA.id, "agreed", policy, later))
    state = then(place_under_review(state, CAS, Ground.MOVED, (FAMILY,), (RITA,), later))
    state = then(finalise_decision(state, ref(2), Context(CAS, T0 + timedelta(minutes=4))))
    placement = state.active_placement(CAS.id)
    assert placement is not None
    assert policy.evidence(placement, FAMILY) == ()
    refused = end_review(state, CAS.id, (), RITA.id, "agreed", policy, at(LEA, 5))
    assert isinstance(refused, Failure)
