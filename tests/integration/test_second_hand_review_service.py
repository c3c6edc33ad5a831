"""Second-hand review (IM 2015-002) through the application, on the in-memory store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from returns.result import Failure, Result, Success

from udi_adapters.clocks import FixedClock
from udi_core.app import App, bootstrap
from udi_core.domain.kernel.errors import InvalidInput, NotFound, RuleViolation
from udi_core.domain.kernel.identifiers import EmployeeId
from udi_core.domain.second_hand_review import (
    KIND,
    CaseField,
    DecisionDrafted,
    DecisionFinalised,
    DecisionStatus,
    EndKind,
    PlacedUnderReview,
    ProgressNoted,
    ReviewEnded,
    ReviewShareLowered,
    SignerRole,
    drawn_for_review,
)
from udi_core.domain.second_hand_review.model import DecisionRef

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
UNIT = "OPA-E1"
OTHER = "OPA-E2"


@pytest.fixture
def app() -> Iterator[App]:
    built = bootstrap({"store": "memory", "clock": f"fixed:{T0.isoformat()}"}).unwrap()
    org = built.organisation
    org.register_unit(UNIT, "OPA enhet 1", "OPA").unwrap()
    org.register_unit(OTHER, "OPA enhet 2", "OPA").unwrap()
    org.register_employee("lea", "Lea Leder", UNIT, ("unit_leader",)).unwrap()
    org.register_employee("rita", "Rita Revisor", UNIT).unwrap()
    org.register_employee("rolf", "Rolf Revisor", UNIT).unwrap()
    org.register_employee("cas", "Cas Saksbehandler", UNIT).unwrap()
    org.register_employee("cato", "Cato Saksbehandler", UNIT).unwrap()
    org.register_employee("otto", "Otto Leder", OTHER, ("unit_leader",)).unwrap()
    org.register_employee("ola", "Ola Annen", OTHER).unwrap()
    yield built
    built.close()


def ok(result: Result[Any, Any]) -> Any:
    assert isinstance(result, Success), result
    return result.unwrap()


def setup_review(app: App, share_fields: tuple[str, ...] = ("family_immigration",)) -> None:
    """rita appointed; cas under review for ``share_fields`` with rita."""
    r = app.reviews
    ok(r.appoint_reviewer("lea", UNIT, "rita", "senior adviser, 8 years in family cases"))
    ok(r.place_under_review("lea", UNIT, "cas", "new_hire", share_fields, ("rita",)))


def dec(n: int) -> str:
    return f"201512345601-{n}"


def reviewed_and_final(app: App, n: int, field: str = "family_immigration") -> None:
    r = app.reviews
    ok(r.draft_decision("cas", UNIT, dec(n), field))
    ok(r.sign_decision("cas", UNIT, dec(n)))
    ok(r.sign_decision("rita", UNIT, dec(n)))
    ok(r.finalise_decision("cas", UNIT, dec(n)))


def snapshot(app: App) -> tuple[object, ...]:
    with app.store.unit_of_work() as uow:
        loaded = uow.repository(KIND).get(UNIT)
        outbox = uow.outbox.list()
    return (
        loaded,
        app.queries.history(UNIT, KIND.name),
        outbox,
        app.queries.obligations(T0.date() + timedelta(days=400)),
        app.queries.advisories(),
    )


def refused(app: App, rule_id: str, act: Callable[[], Result[Any, Any]]) -> RuleViolation:
    """Run ``act``; it must be refused under ``rule_id`` and change nothing."""
    before = snapshot(app)
    result = act()
    assert isinstance(result, Failure), result
    error = result.failure()
    assert isinstance(error, RuleViolation), error
    assert rule_id in error.rule_ids
    text = error.describe()
    assert rule_id in text
    assert "IM 2015-002 §" in text
    assert snapshot(app) == before
    return error


def bad_input(app: App, field: str, act: Callable[[], Result[Any, Any]]) -> None:
    before = snapshot(app)
    result = act()
    assert isinstance(result, Failure), result
    error = result.failure()
    assert isinstance(error, InvalidInput | NotFound), error
    assert error.field == field
    assert snapshot(app) == before


# -- one test per MUST rule ------------------------------------------------------------


def test_shr01_only_the_unit_leader_appoints(app: App) -> None:
    refused(app, "SHR-01", lambda: app.reviews.appoint_reviewer("rita", UNIT, "rolf", "senior"))
    refused(app, "SHR-01", lambda: app.reviews.appoint_reviewer("otto", UNIT, "rolf", "senior"))


def test_shr01_reviewers_come_from_the_unit(app: App) -> None:
    error = refused(app, "SHR-01", lambda: app.reviews.appoint_reviewer("lea", UNIT, "ola", "x"))
    assert "ola" in error.describe()


def test_shr01_only_the_unit_leader_revokes(app: App) -> None:
    ok(app.reviews.appoint_reviewer("lea", UNIT, "rita", "senior"))
    refused(app, "SHR-01", lambda: app.reviews.revoke_reviewer("rolf", UNIT, "rita"))


def test_shr02_missing_basis_is_an_advisory_that_is_recorded(app: App) -> None:
    ok(app.reviews.appoint_reviewer("lea", UNIT, "rita", "  "))
    (record,) = app.queries.advisories(UNIT)
    assert record.advisory.rule.id == "SHR-02"
    assert record.actor.value == "lea"
    state = ok(app.reviews.state(UNIT))
    assert [a.reviewer.value for a in state.appointments if a.active] == ["rita"]


def test_shr03_only_the_unit_leader_places_under_review(app: App) -> None:
    ok(app.reviews.appoint_reviewer("lea", UNIT, "rita", "senior"))
    refused(
        app,
        "SHR-03",
        lambda: app.reviews.place_under_review(
            "rita", UNIT, "cas", "new_hire", ("visa",), ("rita",)
        ),
    )
    refused(
        app,
        "SHR-03",
        lambda: app.reviews.place_under_review("lea", UNIT, "ola", "moved", ("visa",), ("rita",)),
    )


def test_shr03_records_ground_and_case_fields(app: App) -> None:
    setup_review(app, ("family_immigration", "visa"))
    placement = ok(app.reviews.state(UNIT)).active_placement(
        ok(app.organisation.employee("cas")).id
    )
    assert placement.ground.value == "new_hire"
    assert placement.active_fields == (CaseField.FAMILY_IMMIGRATION, CaseField.VISA)


def test_shr01_a_placement_names_appointed_reviewers_or_the_leader(app: App) -> None:
    refused(
        app,
        "SHR-01",
        lambda: app.reviews.place_under_review("lea", UNIT, "cas", "moved", ("visa",), ("rolf",)),
    )
    ok(app.reviews.place_under_review("lea", UNIT, "cas", "moved", ("visa",), ("lea",)))


def test_shr04_overview_follows_the_state(app: App) -> None:
    assert ok(app.reviews.overview(UNIT)) == ()
    setup_review(app, ("family_immigration", "visa"))
    (row,) = ok(app.reviews.overview(UNIT))
    assert (row.employee.value, row.case_fields, row.since) == (
        "cas",
        (CaseField.FAMILY_IMMIGRATION, CaseField.VISA),
        T0.date(),
    )
    assert [r.value for r in row.reviewers] == ["rita"]
    ok(app.reviews.revoke_reviewer("lea", UNIT, "rita"))
    (row,) = ok(app.reviews.overview(UNIT))
    assert [r.value for r in row.revoked_reviewers] == ["rita"]
    (found,) = ok(app.reviews.units_reviewing("cas"))
    assert found.unit.value == UNIT
    assert ok(app.reviews.units_reviewing("cato")) == ()


def test_shr05_in_scope_decision_cannot_be_finalised_unreviewed(app: App) -> None:
    setup_review(app)
    ok(app.reviews.draft_decision("cas", UNIT, dec(1), "family_immigration"))
    ok(app.reviews.sign_decision("cas", UNIT, dec(1)))
    error = refused(app, "SHR-05", lambda: app.reviews.finalise_decision("cas", UNIT, dec(1)))
    assert "neither two signatures" in error.describe()


def test_shr05_author_cannot_be_second_signer_even_as_reviewer(app: App) -> None:
    ok(app.reviews.appoint_reviewer("lea", UNIT, "rita", "senior"))
    ok(app.reviews.appoint_reviewer("lea", UNIT, "rolf", "senior"))
    ok(app.reviews.place_under_review("lea", UNIT, "rita", "moved", ("visa",), ("rolf",)))
    ok(app.reviews.draft_decision("rita", UNIT, dec(1), "visa"))
    ok(app.reviews.sign_decision("rita", UNIT, dec(1)))
    refused(app, "SHR-05", lambda: app.reviews.sign_decision("rita", UNIT, dec(1)))
    refused(app, "SHR-05", lambda: app.reviews.note_review("rita", UNIT, dec(1), "ok"))
    refused(app, "SHR-05", lambda: app.reviews.finalise_decision("rita", UNIT, dec(1)))


def test_shr05_second_signer_must_be_reviewer_or_leader(app: App) -> None:
    setup_review(app)
    ok(app.reviews.draft_decision("cas", UNIT, dec(1), "family_immigration"))
    refused(app, "SHR-05", lambda: app.reviews.sign_decision("cato", UNIT, dec(1)))
    refused(app, "SHR-05", lambda: app.reviews.sign_decision("otto", UNIT, dec(1)))
    ok(app.reviews.sign_decision("lea", UNIT, dec(1)))
    decision = ok(app.reviews.decision(UNIT, dec(1)))
    assert decision.second_signature.role is SignerRole.UNIT_LEADER


def test_shr05_appointment_revoked_before_signing_no_longer_counts(app: App) -> None:
    setup_review(app)
    ok(app.reviews.draft_decision("cas", UNIT, dec(1), "family_immigration"))
    ok(app.reviews.sign_decision("cas", UNIT, dec(1)))
    ok(app.reviews.revoke_reviewer("lea", UNIT, "rita"))
    refused(app, "SHR-05", lambda: app.reviews.sign_decision("rita", UNIT, dec(1)))
    refused(app, "SHR-05", lambda: app.reviews.note_review("rita", UNIT, dec(1), "reviewed"))
    refused(app, "SHR-05", lambda: app.reviews.finalise_decision("cas", UNIT, dec(1)))


def test_shr05_two_signatures_or_a_note_let_it_be_final(app: App) -> None:
    setup_review(app)
    reviewed_and_final(app, 1)
    ok(app.reviews.draft_decision("cas", UNIT, dec(2), "family_immigration"))
    ok(app.reviews.note_review("rita", UNIT, dec(2), "Reviewed in second hand, no remarks."))
    ok(app.reviews.finalise_decision("cas", UNIT, dec(2)))
    for n in (1, 2):
        assert ok(app.reviews.decision(UNIT, dec(n))).status is DecisionStatus.FINAL


def test_shr05_returned_decision_needs_review_again(app: App) -> None:
    setup_review(app)
    ok(app.reviews.draft_decision("cas", UNIT, dec(1), "family_immigration"))
    ok(app.reviews.sign_decision("cas", UNIT, dec(1)))
    ok(app.reviews.sign_decision("rita", UNIT, dec(1)))
    ok(app.reviews.return_decision("rita", UNIT, dec(1), "The proportionality test is missing."))
    refused(app, "SHR-05", lambda: app.reviews.finalise_decision("cas", UNIT, dec(1)))
    refused(app, "SHR-05", lambda: app.reviews.sign_decision("rita", UNIT, dec(1)))
    ok(app.reviews.sign_decision("cas", UNIT, dec(1)))
    ok(app.reviews.sign_decision("rita", UNIT, dec(1)))
    ok(app.reviews.finalise_decision("cas", UNIT, dec(1)))
    decision = ok(app.reviews.decision(UNIT, dec(1)))
    assert [r.comments for r in decision.returns] == ["The proportionality test is missing."]


def test_shr05_decision_outside_scope_needs_neither(app: App) -> None:
    setup_review(app)
    ok(app.reviews.draft_decision("cas", UNIT, dec(1), "visa"))  # field not in scope
    ok(app.reviews.draft_decision("cato", UNIT, dec(2), "family_immigration"))  # not under review
    ok(app.reviews.finalise_decision("cas", UNIT, dec(1)))
    ok(app.reviews.finalise_decision("cato", UNIT, dec(2)))
    assert not ok(app.reviews.decision(UNIT, dec(1))).in_scope


def test_shr06_only_the_following_reviewer_notes_progress_for_the_leader(app: App) -> None:
    setup_review(app)
    ok(app.reviews.appoint_reviewer("lea", UNIT, "rolf", "senior"))
    refused(app, "SHR-06", lambda: app.reviews.note_progress("rolf", UNIT, "cas", "good"))
    refused(app, "SHR-06", lambda: app.reviews.note_progress("rita", UNIT, "cato", "good"))
    ok(app.reviews.note_progress("rita", UNIT, "cas", "Steady progress in family cases."))
    (note,) = ok(app.reviews.progress_notes(UNIT, "cas"))
    assert (note.reviewer.value, note.text) == ("rita", "Steady progress in family cases.")
    ok(app.reviews.revoke_reviewer("lea", UNIT, "rita"))
    refused(app, "SHR-06", lambda: app.reviews.note_progress("rita", UNIT, "cas", "more"))


def test_shr07_only_the_unit_leader_ends_in_consultation_with_the_reviewer(app: App) -> None:
    setup_review(app)
    for n in range(1, 6):
        reviewed_and_final(app, n)
    refused(app, "SHR-07", lambda: app.reviews.end_review("rita", UNIT, "cas", "rita", "agreed"))
    refused(app, "SHR-07", lambda: app.reviews.end_review("otto", UNIT, "cas", "rita", "agreed"))
    refused(app, "SHR-07", lambda: app.reviews.end_review("lea", UNIT, "cas", "rolf", "agreed"))
    ok(app.reviews.end_review("lea", UNIT, "cas", "rita", "Rita agrees: to standard."))
    assert ok(app.reviews.overview(UNIT)) == ()
    state = ok(app.reviews.state(UNIT))
    (placement,) = state.placements
    assert placement.ended_how is EndKind.AT_ONCE
    assert placement.consultations[0].summary == "Rita agrees: to standard."


def test_shr08_review_does_not_end_before_the_evidence_holds(app: App) -> None:
    setup_review(app, ("family_immigration", "visa"))
    for n in range(1, 5):
        reviewed_and_final(app, n)
    error = refused(
        app, "SHR-08", lambda: app.reviews.end_review("lea", UNIT, "cas", "rita", "agreed")
    )
    assert len(error.breaches) == 2  # both fields lack evidence, named at once
    reviewed_and_final(app, 5)
    error = refused(
        app, "SHR-08", lambda: app.reviews.end_review("lea", UNIT, "cas", "rita", "agreed")
    )
    assert "visa" in error.describe()
    refused(app, "SHR-08", lambda: app.reviews.lower_share("lea", UNIT, "cas", 50, "rita", "ok"))


def test_shr08_a_returned_decision_among_the_last_n_blocks_ending(app: App) -> None:
    setup_review(app)
    for n in range(1, 5):
        reviewed_and_final(app, n)
    r = app.reviews
    ok(r.draft_decision("cas", UNIT, dec(5), "family_immigration"))
    ok(r.return_decision("rita", UNIT, dec(5), "Wrong legal basis."))
    ok(r.sign_decision("cas", UNIT, dec(5)))
    ok(r.sign_decision("rita", UNIT, dec(5)))
    ok(r.finalise_decision("cas", UNIT, dec(5)))
    error = refused(app, "SHR-08", lambda: r.end_review("lea", UNIT, "cas", "rita", "agreed"))
    assert dec(5) in error.describe()
    for n in range(6, 11):
        reviewed_and_final(app, n)
    ok(r.end_review("lea", UNIT, "cas", "rita", "agreed"))


def test_shr08_policy_is_configurable(app: App) -> None:
    built = bootstrap(
        {
            "store": "memory",
            "clock": f"fixed:{T0.isoformat()}",
            "options": {"shr_required_approvals": "2"},
        }
    ).unwrap()
    assert built.reviews.policy.required_approvals == 2
    bad = bootstrap({"store": "memory", "options": {"shr_required_approvals": "0"}})
    assert isinstance(bad, Failure)
    assert bad.failure().field == "settings.options.shr_required_approvals"
    assert app.reviews.policy.required_approvals == 5
    assert "5" in app.reviews.policy.reason


def test_shr09_gradual_ending_by_case_field(app: App) -> None:
    setup_review(app, ("family_immigration", "visa"))
    for n in range(1, 6):
        reviewed_and_final(app, n)
    done = ok(
        app.reviews.end_review(
            "lea", UNIT, "cas", "rita", "Family cases to standard.", ("family_immigration",)
        )
    )
    assert "SHR-09" in done.events[0].rule_ids
    (row,) = ok(app.reviews.overview(UNIT))
    assert row.case_fields == (CaseField.VISA,)
    ok(app.reviews.draft_decision("cas", UNIT, dec(50), "family_immigration"))
    assert not ok(app.reviews.decision(UNIT, dec(50))).in_scope
    for n in range(6, 11):
        reviewed_and_final(app, n, "visa")
    ok(app.reviews.end_review("lea", UNIT, "cas", "rita", "Visa cases to standard too."))
    (placement,) = ok(app.reviews.state(UNIT)).placements
    assert placement.ended_how is EndKind.GRADUALLY


def test_shr09_lowered_share_draws_decisions_predictably(app: App) -> None:
    setup_review(app)
    for n in range(1, 6):
        reviewed_and_final(app, n)
    ok(app.reviews.lower_share("lea", UNIT, "cas", 30, "rita", "Sample 30 %."))
    assert ok(app.reviews.overview(UNIT))[0].share_percent == 30
    for n in range(100, 140):
        ok(app.reviews.draft_decision("cas", UNIT, dec(n), "family_immigration"))
        expected = drawn_for_review(DecisionRef.parse(dec(n)).unwrap(), 30)
        assert ok(app.reviews.decision(UNIT, dec(n))).in_scope is expected
    drawn = [n for n in range(100, 140) if ok(app.reviews.decision(UNIT, dec(n))).in_scope]
    assert 0 < len(drawn) < 40
    undrawn = next(n for n in range(100, 140) if n not in drawn)
    ok(app.reviews.finalise_decision("cas", UNIT, dec(undrawn)))
    refused(app, "SHR-05", lambda: app.reviews.finalise_decision("cas", UNIT, dec(drawn[0])))
    bad_input(
        app, "share_percent", lambda: app.reviews.lower_share("lea", UNIT, "cas", 30, "rita", "x")
    )


# -- bad input ---------------------------------------------------------------------------


def test_unknown_employee_unit_and_case_field(app: App) -> None:
    r = app.reviews
    bad_input(app, "reviewer_id", lambda: r.appoint_reviewer("lea", UNIT, "nobody", "x"))
    bad_input(app, "unit_id", lambda: r.appoint_reviewer("lea", "OPA-NONE", "rita", "x"))
    bad_input(app, "unit_id", lambda: r.appoint_reviewer("lea", "bad unit!", "rita", "x"))
    bad_input(app, "actor", lambda: r.appoint_reviewer("ghost", UNIT, "rita", "x"))
    ok(r.appoint_reviewer("lea", UNIT, "rita", "senior"))
    bad_input(
        app,
        "case_fields[1]",
        lambda: r.place_under_review(
            "lea", UNIT, "cas", "new_hire", ("visa", "cooking"), ("rita",)
        ),
    )
    bad_input(
        app,
        "ground",
        lambda: r.place_under_review("lea", UNIT, "cas", "bored", ("visa",), ("rita",)),
    )
    bad_input(
        app,
        "employee_id",
        lambda: r.place_under_review("lea", UNIT, "nobody", "moved", ("visa",), ("rita",)),
    )
    bad_input(
        app,
        "reviewer_ids[0]",
        lambda: r.place_under_review("lea", UNIT, "cas", "moved", ("visa",), ("nobody",)),
    )
    bad_input(app, "case_field", lambda: r.draft_decision("cas", UNIT, dec(1), "cooking"))
    bad_input(app, "decision_id", lambda: r.draft_decision("cas", UNIT, "12-1", "visa"))


def test_actor_from_another_unit(app: App) -> None:
    setup_review(app)
    error = refused(app, "SHR-05", lambda: app.reviews.draft_decision("ola", UNIT, dec(1), "visa"))
    assert "ola belongs to" in error.describe()
    ok(app.reviews.draft_decision("cas", UNIT, dec(1), "family_immigration"))
    refused(app, "SHR-05", lambda: app.reviews.sign_decision("ola", UNIT, dec(1)))
    error = refused(app, "SHR-05", lambda: app.reviews.finalise_decision("rita", UNIT, dec(1)))
    assert "only the author" in error.describe()
    refused(
        app,
        "SHR-03",
        lambda: app.reviews.place_under_review("otto", UNIT, "cato", "moved", ("visa",), ("rita",)),
    )


def test_ending_review_that_was_never_started(app: App) -> None:
    ok(app.reviews.appoint_reviewer("lea", UNIT, "rita", "senior"))
    error = refused(
        app, "SHR-07", lambda: app.reviews.end_review("lea", UNIT, "cato", "rita", "agreed")
    )
    assert "not under review" in error.describe()
    bad_input(app, "employee_id", lambda: app.reviews.end_review("lea", UNIT, "x", "rita", "ok"))
    setup_review_cato = app.reviews.place_under_review(
        "lea", UNIT, "cato", "moved", ("visa",), ("rita",)
    )
    ok(setup_review_cato)
    bad_input(
        app,
        "case_fields[0]",
        lambda: app.reviews.end_review("lea", UNIT, "cato", "rita", "ok", ("study",)),
    )


def test_signing_twice(app: App) -> None:
    setup_review(app)
    ok(app.reviews.draft_decision("cas", UNIT, dec(1), "family_immigration"))
    ok(app.reviews.sign_decision("cas", UNIT, dec(1)))
    refused(app, "SHR-05", lambda: app.reviews.sign_decision("cas", UNIT, dec(1)))
    ok(app.reviews.sign_decision("rita", UNIT, dec(1)))
    refused(app, "SHR-05", lambda: app.reviews.sign_decision("rita", UNIT, dec(1)))
    refused(app, "SHR-05", lambda: app.reviews.sign_decision("lea", UNIT, dec(1)))
    ok(app.reviews.finalise_decision("cas", UNIT, dec(1)))
    bad_input(app, "decision_id", lambda: app.reviews.sign_decision("lea", UNIT, dec(1)))
    bad_input(app, "decision_id", lambda: app.reviews.sign_decision("cas", UNIT, dec(9)))


def test_review_note_on_a_decision_not_in_scope(app: App) -> None:
    setup_review(app)
    ok(app.reviews.draft_decision("cato", UNIT, dec(1), "family_immigration"))
    error = refused(app, "SHR-05", lambda: app.reviews.note_review("rita", UNIT, dec(1), "ok"))
    assert "not in the scope" in error.describe()
    refused(app, "SHR-05", lambda: app.reviews.return_decision("rita", UNIT, dec(1), "fix"))
    bad_input(app, "text", lambda: app.reviews.note_review("rita", UNIT, dec(1), "   "))


# -- events, history and the command bus --------------------------------------------------


def test_employee_history_reads_back_in_order_with_actor_and_time(app: App) -> None:
    clock = app.clock
    assert isinstance(clock, FixedClock)
    setup_review(app)
    ok(app.reviews.place_under_review("lea", UNIT, "cato", "moved", ("visa",), ("rita",)))
    for n in range(1, 6):
        clock.advance(timedelta(hours=1))
        reviewed_and_final(app, n)
    ok(app.reviews.draft_decision("cato", UNIT, dec(99), "visa"))
    ok(app.reviews.note_progress("rita", UNIT, "cas", "Ready soon."))
    clock.advance(timedelta(days=1))
    ok(app.reviews.end_review("lea", UNIT, "cas", "rita", "Agreed with Rita."))
    history = ok(app.reviews.employee_history(UNIT, "cas"))
    kinds = [type(h.event) for h in history]
    assert kinds[0] is PlacedUnderReview
    assert kinds[-2:] == [ProgressNoted, ReviewEnded]
    assert kinds.count(DecisionDrafted) == 5
    assert kinds.count(DecisionFinalised) == 5
    cato, other = EmployeeId("cato"), DecisionRef.parse(dec(99)).unwrap()
    assert all(getattr(h.event, "employee", None) != cato for h in history)
    assert any(getattr(h.event, "employee", None) == EmployeeId("cas") for h in history)
    assert [h.version for h in history] == sorted(h.version for h in history)
    assert history[-1].actor.value == "lea"
    assert history[-1].occurred_at == clock.now()
    assert "SHR-07" in history[-1].rule_ids
    assert not any(getattr(h.event, "decision", None) == other for h in history)
    assert any(
        getattr(h.event, "decision", None) == DecisionRef.parse(dec(1)).unwrap() for h in history
    )


def test_commands_run_through_the_bus(app: App) -> None:
    bus = app.commands
    ok(
        bus.execute_payload(
            {
                "command": "AppointReviewer",
                "actor": "lea",
                "unit_id": UNIT,
                "reviewer_id": "rita",
                "basis": "senior",
            }
        )
    )
    ok(
        bus.execute_payload(
            {
                "command": "PlaceUnderReview",
                "actor": "lea",
                "unit_id": UNIT,
                "employee_id": "cas",
                "ground": "competence_need",
                "case_fields": ["visa"],
                "reviewer_ids": ["rita"],
            }
        )
    )
    bad = bus.execute_payload(
        {
            "command": "LowerReviewShare",
            "actor": "lea",
            "unit_id": UNIT,
            "employee_id": "cas",
            "share_percent": "half",
            "consulted_reviewer_id": "rita",
            "consultation": "x",
        }
    )
    assert isinstance(bad, Failure)
    assert bad.failure().field == "$.share_percent"
    shr = [t for t in bus.command_types if t.__module__.endswith("second_hand_review")]
    assert len(shr) == 11
    assert {t.AUTHORITY for t in shr} <= {r.id for r in app.rules}  # type: ignore[attr-defined]


def test_lowered_share_event_is_recorded(app: App) -> None:
    setup_review(app)
    for n in range(1, 6):
        reviewed_and_final(app, n)
    done = ok(app.reviews.lower_share("lea", UNIT, "cas", 50, "rita", "Half of them."))
    (record,) = done.events
    assert isinstance(record.event, ReviewShareLowered)
    assert set(record.rule_ids) == {"SHR-07", "SHR-08", "SHR-09"}
