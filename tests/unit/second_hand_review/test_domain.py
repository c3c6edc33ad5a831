"""The pure domain of second-hand review: commands, evidence policy, overview and index."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from returns.result import Failure, Success

from udi_core.domain.kernel.aggregate import Context, Decision, fold
from udi_core.domain.kernel.errors import RuleViolation
from udi_core.domain.kernel.identifiers import DufCaseNumber, EmployeeId, UnitId
from udi_core.domain.kernel.organisation import Department, Employee, Role
from udi_core.domain.second_hand_review import (
    KIND,
    CaseField,
    DecisionRef,
    EvidencePolicy,
    Ground,
    SecondHandReview,
    appoint_reviewer,
    draft_decision,
    end_review,
    evolve,
    finalise_decision,
    place_under_review,
    sign_decision,
)

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
UNIT = UnitId("OPA-E1")
LEA = Employee(EmployeeId("lea"), "Lea", UNIT, Department.OPA, {Role.UNIT_LEADER})
RITA = Employee(EmployeeId("rita"), "Rita", UNIT, Department.OPA)
CAS = Employee(EmployeeId("cas"), "Cas", UNIT, Department.OPA)
FAMILY = CaseField.FAMILY_IMMIGRATION


def at(who: Employee, minutes: int = 0) -> Context:
    return Context(who, T0 + timedelta(minutes=minutes))


def ref(n: int) -> DecisionRef:
    return DecisionRef(DufCaseNumber("201512345601"), n)


def then(result: object) -> SecondHandReview:
    assert isinstance(result, Success), result
    decision = result.unwrap()
    assert isinstance(decision, Decision)
    state = decision.state
    assert isinstance(state, SecondHandReview)
    return state


def placed() -> SecondHandReview:
    state = then(appoint_reviewer(SecondHandReview(UNIT), RITA, "senior", at(LEA)))
    return then(place_under_review(state, CAS, Ground.MOVED, (FAMILY,), (RITA,), at(LEA)))


def reviewed(state: SecondHandReview, n: int, minutes: int) -> SecondHandReview:
    state = then(draft_decision(state, ref(n), FAMILY, at(CAS, minutes)))
    state = then(sign_decision(state, ref(n), at(CAS, minutes)))
    state = then(sign_decision(state, ref(n), at(RITA, minutes)))
    return then(finalise_decision(state, ref(n), at(CAS, minutes)))


def test_each_decision_is_the_fold_of_its_events() -> None:
    state = SecondHandReview(UNIT)
    result = appoint_reviewer(state, RITA, "senior", at(LEA))
    decision = result.unwrap()
    assert fold(evolve, state, decision.events) == decision.state
    assert decision.rule_ids == ("SHR-01", "SHR-02")


def test_evidence_counts_only_the_current_placement_and_field() -> None:
    policy = EvidencePolicy(required_approvals=2, reason="two in a row")
    state = placed()
    state = reviewed(state, 1, 1)
    state = then(draft_decision(state, ref(2), CaseField.VISA, at(CAS, 2)))  # out of scope
    state = then(finalise_decision(state, ref(2), at(CAS, 2)))
    refused = end_review(state, CAS.id, (), RITA.id, "agreed", policy, at(LEA, 3))
    assert isinstance(refused, Failure)
    error = refused.failure()
    assert isinstance(error, RuleViolation)
    assert error.rule_ids == ("SHR-08",)
    assert "1 reviewed final decision" in error.describe()
    state = reviewed(state, 3, 4)
    ended = then(end_review(state, CAS.id, (), RITA.id, "agreed", policy, at(LEA, 5)))
    assert ended.active_placement(CAS.id) is None
    again = then(
        place_under_review(ended, CAS, Ground.COMPETENCE_NEED, (FAMILY,), (RITA,), at(LEA, 6))
    )
    fresh = end_review(again, CAS.id, (), RITA.id, "agreed", policy, at(LEA, 7))
    assert isinstance(fresh, Failure)  # the earlier placement's decisions do not count


def test_index_finds_the_unit_the_employees_under_review_and_the_reviewers() -> None:
    assert set(KIND.index(placed())) == {
        ("unit", "OPA-E1"),
        ("under_review", "cas"),
        ("reviewer", "rita"),
    }
    assert set(KIND.index(SecondHandReview(UNIT))) == {("unit", "OPA-E1")}
