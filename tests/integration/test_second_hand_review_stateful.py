"""Random sequences of second-hand review commands by random actors, on the memory store.

After every step the invariants of IM 2015-002 are checked against what is stored:
no final in-scope decision without a second signature or note that was valid when it was
given; no author is their own second signer or reviewer; only the unit leader appoints,
places, lowers and ends; the SHR-04 overview equals the set derived from the event
history; and a refused command changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from returns.result import Failure, Result

from udi_adapters.clocks import FixedClock
from udi_core.app import bootstrap
from udi_core.domain.kernel.identifiers import EmployeeId
from udi_core.domain.second_hand_review import (
    EVIDENCE_WINDOW,
    KIND,
    AppointmentRevoked,
    CaseField,
    DecisionDrafted,
    DecisionFinalised,
    DecisionRef,
    DecisionReturned,
    DecisionSigned,
    DecisionStatus,
    PlacedUnderReview,
    ReviewEnded,
    ReviewerAppointed,
    ReviewNoted,
    ReviewShareLowered,
    SignerRole,
)

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
UNIT = "OPA-E1"
LEADER = "lea"
MEMBERS = ("lea", "rita", "rolf", "cas", "cato")
OUTSIDERS = ("otto", "ola")  # otto leads OPA-E2
PEOPLE = MEMBERS + OUTSIDERS
FIELDS = ("family_immigration", "visa", "study")

people = st.sampled_from(PEOPLE)
leaderish = st.sampled_from(("lea", "lea", "lea", "rita", "otto"))  # mostly the leader
reviewerish = st.sampled_from(("rita", "rolf", "lea", "cas", "ola"))
consultable = st.sampled_from(("rita", "rita", "rolf", "lea"))
members = st.sampled_from(MEMBERS)
decision_numbers = st.integers(1, 3)
field_names = st.sampled_from(FIELDS)
leader_only = {ReviewerAppointed, AppointmentRevoked, PlacedUnderReview, ReviewEnded}


def dec(n: int) -> str:
    return f"201612345601-{n}"


class SecondHandReviewMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.app = bootstrap(
            {
                "store": "memory",
                "clock": f"fixed:{T0.isoformat()}",
                "options": {"shr_required_approvals": "1"},
            }
        ).unwrap()
        org = self.app.organisation
        org.register_unit(UNIT, "OPA enhet 1", "OPA").unwrap()
        org.register_unit("OPA-E2", "OPA enhet 2", "OPA").unwrap()
        for person in MEMBERS:
            roles = ("unit_leader",) if person == LEADER else ("caseworker",)
            org.register_employee(person, person.title(), UNIT, roles).unwrap()
        org.register_employee("otto", "Otto", "OPA-E2", ("unit_leader",)).unwrap()
        org.register_employee("ola", "Ola", "OPA-E2").unwrap()

    def teardown(self) -> None:
        self.app.close()

    def _history(self) -> list[Any]:
        return self.app.queries.history(UNIT, KIND.name)

    def _do(self, result: Result[Any, Any], before: int) -> None:
        history = self._history()
        if isinstance(result, Failure):
            assert len(history) == before, f"a refused command stored events: {result.failure()}"
            event(f"refused: {type(result.failure()).__name__}")
        else:
            assert len(history) == before + 1
            event(f"stored: {history[-1].name}")

    # -- commands ------------------------------------------------------------------------

    @initialize(prepared=st.booleans())
    def start(self, prepared: bool) -> None:
        """Half the runs start with rita appointed, cas under review with her and one of
        his decisions reviewed and final, so the random steps reach signing, notes,
        returns and endings (the policy asks for one approval here) more often."""
        if prepared:
            r = self.app.reviews
            r.appoint_reviewer(LEADER, UNIT, "rita", "senior adviser").unwrap()
            r.place_under_review(LEADER, UNIT, "cas", "new_hire", FIELDS[:1], ("rita",)).unwrap()
            ref = dec(99)
            r.draft_decision("cas", UNIT, ref, FIELDS[0]).unwrap()
            r.sign_decision("cas", UNIT, ref).unwrap()
            r.sign_decision("rita", UNIT, ref).unwrap()
            r.finalise_decision("cas", UNIT, ref).unwrap()

    @rule(minutes=st.integers(1, 600))
    def time_passes(self, minutes: int) -> None:
        clock = self.app.clock
        assert isinstance(clock, FixedClock)
        clock.advance(timedelta(minutes=minutes))

    @rule(actor=leaderish, reviewer=reviewerish, basis=st.sampled_from(["", "senior adviser"]))
    def appoint(self, actor: str, reviewer: str, basis: str) -> None:
        n = len(self._history())
        self._do(self.app.reviews.appoint_reviewer(actor, UNIT, reviewer, basis), n)

    @rule(actor=leaderish, reviewer=reviewerish)
    def revoke(self, actor: str, reviewer: str) -> None:
        n = len(self._history())
        self._do(self.app.reviews.revoke_reviewer(actor, UNIT, reviewer), n)

    @rule(
        actor=leaderish,
        employee=members,
        ground=st.sampled_from(["new_hire", "moved", "competence_need"]),
        fields=st.lists(field_names, min_size=1, max_size=3, unique=True),
        reviewers=st.lists(reviewerish, min_size=1, max_size=2, unique=True),
    )
    def place(
        self, actor: str, employee: str, ground: str, fields: list[str], reviewers: list[str]
    ) -> None:
        n = len(self._history())
        result = self.app.reviews.place_under_review(
            actor, UNIT, employee, ground, tuple(fields), tuple(reviewers)
        )
        self._do(result, n)

    @rule(
        actor=st.sampled_from(("cas", "cas", "cato", "rita", "ola")),
        number=decision_numbers,
        field=st.sampled_from((*FIELDS, FIELDS[0], FIELDS[0])),
    )
    def draft(self, actor: str, number: int, field: str) -> None:
        n = len(self._history())
        self._do(self.app.reviews.draft_decision(actor, UNIT, dec(number), field), n)

    @rule(actor=st.one_of(reviewerish, people), number=decision_numbers)
    def sign(self, actor: str, number: int) -> None:
        n = len(self._history())
        self._do(self.app.reviews.sign_decision(actor, UNIT, dec(number)), n)

    @rule(actor=st.one_of(reviewerish, people), number=decision_numbers)
    def note(self, actor: str, number: int) -> None:
        n = len(self._history())
        self._do(self.app.reviews.note_review(actor, UNIT, dec(number), "Reviewed."), n)

    @rule(actor=st.one_of(reviewerish, people), number=decision_numbers)
    def send_back(self, actor: str, number: int) -> None:
        n = len(self._history())
        self._do(self.app.reviews.return_decision(actor, UNIT, dec(number), "Revise."), n)

    @rule(actor=people, number=decision_numbers)
    def finalise(self, actor: str, number: int) -> None:
        n = len(self._history())
        self._do(self.app.reviews.finalise_decision(actor, UNIT, dec(number)), n)

    @rule(
        author=st.sampled_from(("cas", "cas", "cato", "rita")),
        second=st.sampled_from(("rita", "rita", "lea", "rolf", "cas", "ola")),
        number=st.integers(1, 30),
        field=st.sampled_from((*FIELDS, FIELDS[0], FIELDS[0])),
        by_note=st.booleans(),
    )
    def whole_cycle(self, author: str, second: str, number: int, field: str, by_note: bool) -> None:
        """Draft, sign, review and finalise in a row: each step may be refused on its own."""
        r, ref = self.app.reviews, dec(number)
        review: Callable[[], Result[Any, Any]] = (
            (lambda: r.note_review(second, UNIT, ref, "Reviewed."))
            if by_note
            else (lambda: r.sign_decision(second, UNIT, ref))
        )
        steps: list[Callable[[], Result[Any, Any]]] = [
            lambda: r.draft_decision(author, UNIT, ref, field),
            lambda: r.sign_decision(author, UNIT, ref),
            review,
            lambda: r.finalise_decision(author, UNIT, ref),
        ]
        for step in steps:
            n = len(self._history())
            self._do(step(), n)

    @rule(actor=reviewerish, employee=members)
    def progress(self, actor: str, employee: str) -> None:
        n = len(self._history())
        self._do(self.app.reviews.note_progress(actor, UNIT, employee, "Improving."), n)

    @rule(
        actor=leaderish,
        employee=st.sampled_from(("cas", "cas", "cato", "rolf")),
        consulted=consultable,
        fields=st.just([]) | st.lists(field_names, max_size=2, unique=True),
    )
    def end(self, actor: str, employee: str, consulted: str, fields: list[str]) -> None:
        n = len(self._history())
        result = self.app.reviews.end_review(
            actor, UNIT, employee, consulted, "Consulted.", tuple(fields)
        )
        self._do(result, n)

    @rule(actor=leaderish, employee=members, consulted=consultable, share=st.integers(1, 99))
    def lower(self, actor: str, employee: str, consulted: str, share: int) -> None:
        n = len(self._history())
        result = self.app.reviews.lower_share(actor, UNIT, employee, share, consulted, "Consulted.")
        self._do(result, n)

    # -- invariants -----------------------------------------------------------------------

    @invariant()
    def history_upholds_the_rules(self) -> None:
        active: set[EmployeeId] = set()
        authors: dict[DecisionRef, EmployeeId] = {}
        in_scope: dict[DecisionRef, bool] = {}
        reviewed: dict[DecisionRef, bool] = {}
        for record in self._history():
            event = record.event
            if type(event) in leader_only or isinstance(event, ReviewShareLowered):
                assert record.actor.value == LEADER, f"{record.actor} did {record.name}"
            match event:
                case ReviewerAppointed(reviewer=who):
                    assert who.value in MEMBERS
                    active.add(who)
                case AppointmentRevoked(reviewer=who):
                    active.discard(who)
                case DecisionDrafted(decision=ref, author=author, in_scope=scope):
                    assert record.actor == author
                    authors[ref], in_scope[ref], reviewed[ref] = author, scope, False
                case DecisionSigned(decision=ref, signer=who, role=role):
                    assert record.actor == who
                    if role is SignerRole.AUTHOR:
                        assert who == authors[ref]
                    else:
                        assert who != authors[ref], "an author signed as second signer"
                        assert (who.value == LEADER) or (who in active), (
                            f"{who} signed {ref} without a valid appointment"
                        )
                        reviewed[ref] = True
                case ReviewNoted(decision=ref, by=who):
                    assert in_scope[ref]
                    assert who != authors[ref], "an author noted their own decision reviewed"
                    assert (who.value == LEADER) or (who in active)
                    reviewed[ref] = True
                case DecisionReturned(decision=ref, by=who):
                    assert who != authors[ref]
                    reviewed[ref] = False
                case DecisionFinalised(decision=ref):
                    if in_scope[ref]:
                        assert reviewed[ref], f"{ref} became final without valid review"
                case _:
                    pass

    @invariant()
    def final_decisions_in_scope_are_reviewed(self) -> None:
        """Every decision the history finalised reads back final (from its kept record),
        reviewed when in scope, never co-signed by its author; the unit's state holds
        exactly the decisions drafted and not finalised, and at most the evidence window
        of outcomes per field."""
        drafted: set[DecisionRef] = set()
        final: set[DecisionRef] = set()
        for record in self._history():
            match record.event:
                case DecisionDrafted(decision=ref):
                    drafted.add(ref)
                case DecisionFinalised(decision=ref):
                    final.add(ref)
                case _:
                    pass
        for ref in final:
            d = self.app.reviews.decision(UNIT, str(ref)).unwrap()
            assert d.status is DecisionStatus.FINAL
            assert all(
                s.signer != d.author for s in d.signatures if s.role is not SignerRole.AUTHOR
            )
            if d.in_scope:
                assert d.reviewed
        state = self.app.reviews.state(UNIT).unwrap()
        assert {d.id for d in state.open_decisions} == drafted - final
        assert len(state.open_decisions) == len(drafted - final)
        for d in state.open_decisions:
            assert d.status is not DecisionStatus.FINAL
            assert all(
                s.signer != d.author for s in d.signatures if s.role is not SignerRole.AUTHOR
            )
        for p in state.placements:
            assert all(len(f.outcomes) <= EVIDENCE_WINDOW for f in p.fields)

    @invariant()
    def overview_equals_the_history(self) -> None:
        derived: set[tuple[str, CaseField]] = set()
        for record in self._history():
            match record.event:
                case PlacedUnderReview(employee=e, case_fields=fields):
                    derived |= {(e.value, f) for f in fields}
                case ReviewEnded(employee=e, case_fields=fields):
                    derived -= {(e.value, f) for f in fields}
                case _:
                    pass
        rows = self.app.reviews.overview(UNIT).unwrap()
        shown = {(r.employee.value, f) for r in rows for f in r.case_fields}
        assert shown == derived
        for person in MEMBERS:
            found = self.app.reviews.units_reviewing(person).unwrap()
            assert bool(found) == any(e == person for e, _ in derived)


TestSecondHandReview = SecondHandReviewMachine.TestCase
