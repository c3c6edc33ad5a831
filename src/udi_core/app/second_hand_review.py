"""The second-hand review service (IM 2015-002): commands and queries.

Every command names the unit (the aggregate id) and the acting person. The service
parses the raw input (an ``InvalidInput`` names the field), looks the unit and the named
employees up through ``uow.organisation`` inside the decision it hands to the runner,
and lets the pure domain function decide. The evidence policy for ending review (SHR-08)
is given to the service when it is built (see ``bootstrap``).

The unit's state holds only its open decisions. A finalised decision is kept as a
``FinalisedDecision`` record (kind ``FINAL_KIND``) that ``finalise_decision`` stages in the
same unit of work as the unit's new state, so both are stored by the runner's one commit
or neither is; drafting checks a new decision id against those records by key, and the
``decision`` query reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from attrs import field, frozen
from returns.result import Failure, Result, Success

from udi_core.app.commands import strings
from udi_core.app.inputs import find_employee, parse_choice
from udi_core.app.runner import CommandRunner, Outcome
from udi_core.domain.kernel.aggregate import Context, Decision
from udi_core.domain.kernel.errors import DomainError, InvalidInput, NotFound, invalid
from udi_core.domain.kernel.events import EventRecord
from udi_core.domain.kernel.identifiers import EmployeeId, UnitId, require_text
from udi_core.domain.kernel.organisation import Employee
from udi_core.domain.second_hand_review import (
    FINAL_KIND,
    KIND,
    CaseDecision,
    CaseField,
    DecisionDrafted,
    DecisionRef,
    EvidencePolicy,
    FinalisedDecision,
    Ground,
    OverviewRow,
    ProgressNote,
    SecondHandReview,
    appoint_reviewer,
    draft_decision,
    end_review,
    finalise_decision,
    finalised_id,
    lower_share,
    note_progress,
    note_review,
    overview,
    place_under_review,
    return_decision,
    revoke_reviewer,
    sign_decision,
)
from udi_core.ports.persistence import Store, UnitOfWork

Reply = Result[Outcome[SecondHandReview], DomainError]
_Step = Callable[
    [SecondHandReview, Context, UnitOfWork], Result[Decision[SecondHandReview], DomainError]
]


@frozen
class AppointReviewer:
    """The unit leader appoints a reviewer (annenhåndsbehandler) from the unit."""

    actor: str
    unit_id: str
    reviewer_id: str
    basis: str = ""  # the appointee's professional level, as weighed (SHR-02)

    AUTHORITY: ClassVar[str] = "SHR-01"


@frozen
class RevokeReviewer:
    """The unit leader revokes a reviewer's appointment."""

    actor: str
    unit_id: str
    reviewer_id: str

    AUTHORITY: ClassVar[str] = "SHR-01"


@frozen
class PlaceUnderReview:
    """The unit leader places an employee under review: ground, case fields, reviewers."""

    actor: str
    unit_id: str
    employee_id: str
    ground: str  # new_hire, moved or competence_need
    case_fields: tuple[str, ...] = field(converter=strings)
    reviewer_ids: tuple[str, ...] = field(converter=strings)

    AUTHORITY: ClassVar[str] = "SHR-03"


@frozen
class DraftCaseDecision:
    """A caseworker of the unit drafts a decision (id: DUF case number and sequence)."""

    actor: str
    unit_id: str
    decision_id: str
    case_field: str

    AUTHORITY: ClassVar[str] = "SHR-05"


@frozen
class SignCaseDecision:
    """The author, or a second signer (a reviewer of the unit or its leader), signs."""

    actor: str
    unit_id: str
    decision_id: str

    AUTHORITY: ClassVar[str] = "SHR-05"


@frozen
class WriteReviewNote:
    """A reviewer or the unit leader notes in the case that the decision was reviewed."""

    actor: str
    unit_id: str
    decision_id: str
    text: str

    AUTHORITY: ClassVar[str] = "SHR-05"


@frozen
class ReturnCaseDecision:
    """A reviewer or the unit leader returns a decision for revision, with comments."""

    actor: str
    unit_id: str
    decision_id: str
    comments: str

    AUTHORITY: ClassVar[str] = "SHR-05"


@frozen
class FinaliseCaseDecision:
    """The author finalises the decision (in scope: only when review is visible)."""

    actor: str
    unit_id: str
    decision_id: str

    AUTHORITY: ClassVar[str] = "SHR-05"


@frozen
class NoteReviewProgress:
    """A reviewer informs the unit leader of the development of an employee they follow."""

    actor: str
    unit_id: str
    employee_id: str
    text: str

    AUTHORITY: ClassVar[str] = "SHR-06"


@frozen
class EndReview:
    """The unit leader ends review (all case fields, or those named), after consulting
    the reviewer."""

    actor: str
    unit_id: str
    employee_id: str
    consulted_reviewer_id: str
    consultation: str
    case_fields: tuple[str, ...] = field(default=(), converter=strings)

    AUTHORITY: ClassVar[str] = "SHR-07"


@frozen
class LowerReviewShare:
    """The unit leader lowers the share of the employee's decisions drawn for review."""

    actor: str
    unit_id: str
    employee_id: str
    share_percent: int
    consulted_reviewer_id: str
    consultation: str

    AUTHORITY: ClassVar[str] = "SHR-07"


@frozen
class UnitReview:
    """An employee under review in a unit, as found by the ``under_review`` index."""

    unit: UnitId
    row: OverviewRow


class SecondHandReviewService:
    """Second-hand review in the units, through the ports."""

    def __init__(
        self, runner: CommandRunner, store: Store, policy: EvidencePolicy | None = None
    ) -> None:
        self._runner = runner
        self._store = store
        self.policy = policy or EvidencePolicy()

    def handlers(self) -> Mapping[type, Any]:
        return {
            AppointReviewer: lambda c: self.appoint_reviewer(
                c.actor, c.unit_id, c.reviewer_id, c.basis
            ),
            RevokeReviewer: lambda c: self.revoke_reviewer(c.actor, c.unit_id, c.reviewer_id),
            PlaceUnderReview: lambda c: self.place_under_review(
                c.actor, c.unit_id, c.employee_id, c.ground, c.case_fields, c.reviewer_ids
            ),
            DraftCaseDecision: lambda c: self.draft_decision(
                c.actor, c.unit_id, c.decision_id, c.case_field
            ),
            SignCaseDecision: lambda c: self.sign_decision(c.actor, c.unit_id, c.decision_id),
            WriteReviewNote: lambda c: self.note_review(c.actor, c.unit_id, c.decision_id, c.text),
            ReturnCaseDecision: lambda c: self.return_decision(
                c.actor, c.unit_id, c.decision_id, c.comments
            ),
            FinaliseCaseDecision: lambda c: self.finalise_decision(
                c.actor, c.unit_id, c.decision_id
            ),
            NoteReviewProgress: lambda c: self.note_progress(
                c.actor, c.unit_id, c.employee_id, c.text
            ),
            EndReview: lambda c: self.end_review(
                c.actor,
                c.unit_id,
                c.employee_id,
                c.consulted_reviewer_id,
                c.consultation,
                c.case_fields,
            ),
            LowerReviewShare: lambda c: self.lower_share(
                c.actor,
                c.unit_id,
                c.employee_id,
                c.share_percent,
                c.consulted_reviewer_id,
                c.consultation,
            ),
        }

    # -- commands ---------------------------------------------------------------------

    def appoint_reviewer(
        self, actor: str, unit_id: str, reviewer_id: str, basis: str = ""
    ) -> Reply:
        reviewer = EmployeeId.parse(reviewer_id, "reviewer_id")
        if isinstance(reviewer, Failure):
            return Failure(reviewer.failure())
        if len(basis) > 500:
            return Failure(
                InvalidInput("basis", "text of at most 500 characters", repr(basis)[:80])
            )

        def step(
            state: SecondHandReview, ctx: Context, uow: UnitOfWork
        ) -> Result[Decision[SecondHandReview], DomainError]:
            found = find_employee(uow, reviewer.unwrap(), "reviewer_id")
            return found.bind(lambda r: appoint_reviewer(state, r, basis, ctx))

        return self._run(unit_id, actor, step)

    def revoke_reviewer(self, actor: str, unit_id: str, reviewer_id: str) -> Reply:
        reviewer = EmployeeId.parse(reviewer_id, "reviewer_id")
        if isinstance(reviewer, Failure):
            return Failure(reviewer.failure())
        return self._run(
            unit_id, actor, lambda state, ctx, _uow: revoke_reviewer(state, reviewer.unwrap(), ctx)
        )

    def place_under_review(
        self,
        actor: str,
        unit_id: str,
        employee_id: str,
        ground: str,
        case_fields: tuple[str, ...],
        reviewer_ids: tuple[str, ...],
    ) -> Reply:
        employee = EmployeeId.parse(employee_id, "employee_id")
        if isinstance(employee, Failure):
            return Failure(employee.failure())
        why = parse_choice(Ground, ground, "ground")
        if isinstance(why, Failure):
            return Failure(why.failure())
        fields = _case_fields(case_fields)
        if isinstance(fields, Failure):
            return Failure(fields.failure())
        reviewers: list[EmployeeId] = []
        for i, raw in enumerate(reviewer_ids):
            parsed = EmployeeId.parse(raw, f"reviewer_ids[{i}]")
            if isinstance(parsed, Failure):
                return Failure(parsed.failure())
            reviewers.append(parsed.unwrap())

        def step(
            state: SecondHandReview, ctx: Context, uow: UnitOfWork
        ) -> Result[Decision[SecondHandReview], DomainError]:
            placed = find_employee(uow, employee.unwrap(), "employee_id")
            if isinstance(placed, Failure):
                return Failure(placed.failure())
            found: list[Employee] = []
            for i, rid in enumerate(reviewers):
                r = find_employee(uow, rid, f"reviewer_ids[{i}]")
                if isinstance(r, Failure):
                    return Failure(r.failure())
                found.append(r.unwrap())
            return place_under_review(
                state, placed.unwrap(), why.unwrap(), fields.unwrap(), tuple(found), ctx
            )

        return self._run(unit_id, actor, step)

    def draft_decision(self, actor: str, unit_id: str, decision_id: str, case_field: str) -> Reply:
        ref = DecisionRef.parse(decision_id)
        if isinstance(ref, Failure):
            return Failure(ref.failure())
        f = parse_choice(CaseField, case_field, "case_field")
        if isinstance(f, Failure):
            return Failure(f.failure())

        def step(
            state: SecondHandReview, ctx: Context, uow: UnitOfWork
        ) -> Result[Decision[SecondHandReview], DomainError]:
            if _finalised(uow, state, ref.unwrap()) is not None:
                expected = f"a decision id not yet used in {state.unit}"
                return invalid("decision_id", expected, str(ref.unwrap()))
            return draft_decision(state, ref.unwrap(), f.unwrap(), ctx)

        return self._run(unit_id, actor, step)

    def sign_decision(self, actor: str, unit_id: str, decision_id: str) -> Reply:
        ref = DecisionRef.parse(decision_id)
        if isinstance(ref, Failure):
            return Failure(ref.failure())
        return self._run_open(
            unit_id,
            actor,
            ref.unwrap(),
            lambda state, ctx, _uow: sign_decision(state, ref.unwrap(), ctx),
        )

    def note_review(self, actor: str, unit_id: str, decision_id: str, text: str) -> Reply:
        ref = DecisionRef.parse(decision_id)
        if isinstance(ref, Failure):
            return Failure(ref.failure())
        body = require_text(text, "text", max_len=2000)
        if isinstance(body, Failure):
            return Failure(body.failure())
        return self._run_open(
            unit_id,
            actor,
            ref.unwrap(),
            lambda state, ctx, _uow: note_review(state, ref.unwrap(), body.unwrap(), ctx),
        )

    def return_decision(self, actor: str, unit_id: str, decision_id: str, comments: str) -> Reply:
        ref = DecisionRef.parse(decision_id)
        if isinstance(ref, Failure):
            return Failure(ref.failure())
        body = require_text(comments, "comments", max_len=4000)
        if isinstance(body, Failure):
            return Failure(body.failure())
        return self._run_open(
            unit_id,
            actor,
            ref.unwrap(),
            lambda state, ctx, _uow: return_decision(state, ref.unwrap(), body.unwrap(), ctx),
        )

    def finalise_decision(self, actor: str, unit_id: str, decision_id: str) -> Reply:
        ref = DecisionRef.parse(decision_id)
        if isinstance(ref, Failure):
            return Failure(ref.failure())

        def step(
            state: SecondHandReview, ctx: Context, uow: UnitOfWork
        ) -> Result[Decision[SecondHandReview], DomainError]:
            decided = finalise_decision(state, ref.unwrap(), ctx)
            found = state.decision(ref.unwrap())
            if isinstance(decided, Success) and found is not None:
                record = FinalisedDecision(state.unit, found.finalised(ctx.now))
                key = finalised_id(state.unit, found.id)
                uow.repository(FINAL_KIND).save(key, record, expected_version=0, version=1)
            return decided

        return self._run_open(unit_id, actor, ref.unwrap(), step)

    def note_progress(self, actor: str, unit_id: str, employee_id: str, text: str) -> Reply:
        employee = EmployeeId.parse(employee_id, "employee_id")
        if isinstance(employee, Failure):
            return Failure(employee.failure())
        body = require_text(text, "text", max_len=4000)
        if isinstance(body, Failure):
            return Failure(body.failure())

        def step(
            state: SecondHandReview, ctx: Context, uow: UnitOfWork
        ) -> Result[Decision[SecondHandReview], DomainError]:
            found = find_employee(uow, employee.unwrap(), "employee_id")
            return found.bind(lambda e: note_progress(state, e.id, body.unwrap(), ctx))

        return self._run(unit_id, actor, step)

    def end_review(
        self,
        actor: str,
        unit_id: str,
        employee_id: str,
        consulted_reviewer_id: str,
        consultation: str,
        case_fields: tuple[str, ...] = (),
    ) -> Reply:
        parsed = _ending(employee_id, consulted_reviewer_id, consultation)
        if isinstance(parsed, Failure):
            return Failure(parsed.failure())
        employee, consulted, summary = parsed.unwrap()
        fields = _case_fields(case_fields, allow_empty=True)
        if isinstance(fields, Failure):
            return Failure(fields.failure())

        def step(
            state: SecondHandReview, ctx: Context, uow: UnitOfWork
        ) -> Result[Decision[SecondHandReview], DomainError]:
            found = find_employee(uow, employee, "employee_id")
            return found.bind(
                lambda e: end_review(
                    state, e.id, fields.unwrap(), consulted, summary, self.policy, ctx
                )
            )

        return self._run(unit_id, actor, step)

    def lower_share(
        self,
        actor: str,
        unit_id: str,
        employee_id: str,
        share_percent: int,
        consulted_reviewer_id: str,
        consultation: str,
    ) -> Reply:
        parsed = _ending(employee_id, consulted_reviewer_id, consultation)
        if isinstance(parsed, Failure):
            return Failure(parsed.failure())
        employee, consulted, summary = parsed.unwrap()
        if isinstance(share_percent, bool):
            return Failure(
                InvalidInput("share_percent", "a whole number of percent", repr(share_percent))
            )

        def step(
            state: SecondHandReview, ctx: Context, uow: UnitOfWork
        ) -> Result[Decision[SecondHandReview], DomainError]:
            found = find_employee(uow, employee, "employee_id")
            return found.bind(
                lambda e: lower_share(
                    state, e.id, share_percent, consulted, summary, self.policy, ctx
                )
            )

        return self._run(unit_id, actor, step)

    def _run(self, unit_id: str, actor: str, step: _Step) -> Reply:
        unit = UnitId.parse(unit_id, "unit_id")
        if isinstance(unit, Failure):
            return Failure(unit.failure())
        uid = unit.unwrap()

        def decide(
            state: SecondHandReview | None, ctx: Context, uow: UnitOfWork
        ) -> Result[Decision[SecondHandReview], DomainError]:
            if uow.organisation.unit(uid) is None:
                return Failure(NotFound("unit", uid.value, "unit_id"))
            return step(state or SecondHandReview(uid), ctx, uow)

        return self._runner.run(KIND, uid.value, actor, decide)

    def _run_open(self, unit_id: str, actor: str, ref: DecisionRef, step: _Step) -> Reply:
        """Run a command on the open decision ``ref``; an id already final is refused as
        such (the state no longer holds it)."""

        def on_open(
            state: SecondHandReview, ctx: Context, uow: UnitOfWork
        ) -> Result[Decision[SecondHandReview], DomainError]:
            if state.decision(ref) is None and _finalised(uow, state, ref) is not None:
                return invalid("decision_id", "a decision that is not final", str(ref))
            return step(state, ctx, uow)

        return self._run(unit_id, actor, on_open)

    # -- queries ----------------------------------------------------------------------

    def state(self, unit_id: str) -> Result[SecondHandReview, DomainError]:
        """The unit's review as stored (an empty one for a unit without any yet)."""
        unit = UnitId.parse(unit_id, "unit_id")
        if isinstance(unit, Failure):
            return Failure(unit.failure())
        uid = unit.unwrap()
        with self._store.unit_of_work() as uow:
            if uow.organisation.unit(uid) is None:
                return Failure(NotFound("unit", uid.value, "unit_id"))
            loaded = uow.repository(KIND).get(uid.value)
        return Success(loaded.state if loaded is not None else SecondHandReview(uid))

    def overview(self, unit_id: str) -> Result[tuple[OverviewRow, ...], DomainError]:
        """SHR-04: who in the unit is under review, for which case fields, since when and
        with which reviewer, derived from the stored state on every call."""
        return self.state(unit_id).map(overview)

    def units_reviewing(self, employee_id: str) -> Result[tuple[UnitReview, ...], DomainError]:
        """Where ``employee_id`` is under review, found through the repository index."""
        employee = EmployeeId.parse(employee_id, "employee_id")
        if isinstance(employee, Failure):
            return Failure(employee.failure())
        eid = employee.unwrap()
        with self._store.unit_of_work() as uow:
            found = uow.repository(KIND).find("under_review", eid.value)
        return Success(
            tuple(
                UnitReview(f.state.unit, row)
                for f in found
                for row in overview(f.state)
                if row.employee == eid
            )
        )

    def progress_notes(
        self, unit_id: str, employee_id: str
    ) -> Result[tuple[ProgressNote, ...], DomainError]:
        """SHR-06: the reviewers' notes to the unit leader on ``employee_id``, oldest first,
        across all of the employee's placements in the unit."""
        employee = EmployeeId.parse(employee_id, "employee_id")
        if isinstance(employee, Failure):
            return Failure(employee.failure())
        eid = employee.unwrap()
        return self.state(unit_id).map(
            lambda s: tuple(n for p in s.placements if p.employee == eid for n in p.progress)
        )

    def decision(self, unit_id: str, decision_id: str) -> Result[CaseDecision, DomainError]:
        """A decision of the unit: open (from the unit's state) or final (its record)."""
        ref = DecisionRef.parse(decision_id)
        if isinstance(ref, Failure):
            return Failure(ref.failure())
        unit = UnitId.parse(unit_id, "unit_id")
        if isinstance(unit, Failure):
            return Failure(unit.failure())
        uid, wanted = unit.unwrap(), ref.unwrap()
        with self._store.unit_of_work() as uow:
            if uow.organisation.unit(uid) is None:
                return Failure(NotFound("unit", uid.value, "unit_id"))
            loaded = uow.repository(KIND).get(uid.value)
            found = loaded.state.decision(wanted) if loaded is not None else None
            final = uow.repository(FINAL_KIND).get(finalised_id(uid, wanted))
        if found is not None:
            return Success(found)
        if final is not None:
            return Success(final.state.decision)
        return Failure(NotFound("decision", decision_id, "decision_id"))

    def employee_history(
        self, unit_id: str, employee_id: str
    ) -> Result[list[EventRecord], DomainError]:
        """The history of one employee's review in the unit, in order: placements, the
        events of their decisions in scope, progress notes, lowered shares and endings."""
        unit = UnitId.parse(unit_id, "unit_id")
        if isinstance(unit, Failure):
            return Failure(unit.failure())
        employee = EmployeeId.parse(employee_id, "employee_id")
        if isinstance(employee, Failure):
            return Failure(employee.failure())
        eid = employee.unwrap()
        with self._store.unit_of_work() as uow:
            records = uow.events.history(unit.unwrap().value, KIND.name)
        reviewed: set[DecisionRef] = set()
        mine: list[EventRecord] = []
        for record in records:
            event = record.event
            if isinstance(event, DecisionDrafted) and event.author == eid and event.in_scope:
                reviewed.add(event.decision)
            if (
                getattr(event, "employee", None) == eid
                or getattr(event, "decision", None) in reviewed
            ):
                mine.append(record)
        return Success(mine)


def _finalised(
    uow: UnitOfWork, state: SecondHandReview, ref: DecisionRef
) -> FinalisedDecision | None:
    """The kept record of ``ref`` if it was finalised in the unit, by one keyed read."""
    loaded = uow.repository(FINAL_KIND).get(finalised_id(state.unit, ref))
    return loaded.state if loaded is not None else None


def _ending(
    employee_id: str, consulted_reviewer_id: str, consultation: str
) -> Result[tuple[EmployeeId, EmployeeId, str], InvalidInput]:
    employee = EmployeeId.parse(employee_id, "employee_id")
    if isinstance(employee, Failure):
        return Failure(employee.failure())
    consulted = EmployeeId.parse(consulted_reviewer_id, "consulted_reviewer_id")
    if isinstance(consulted, Failure):
        return Failure(consulted.failure())
    summary = require_text(consultation, "consultation", max_len=4000)
    if isinstance(summary, Failure):
        return Failure(summary.failure())
    return Success((employee.unwrap(), consulted.unwrap(), summary.unwrap()))


def _case_fields(
    raw: object, *, allow_empty: bool = False
) -> Result[tuple[CaseField, ...], InvalidInput]:
    if not isinstance(raw, tuple | list):
        return Failure(InvalidInput("case_fields", "a list of case fields", repr(raw)[:80]))
    if not raw and not allow_empty:
        return Failure(InvalidInput("case_fields", "at least one case field in scope"))
    fields: list[CaseField] = []
    for i, item in enumerate(raw):
        parsed = parse_choice(CaseField, item, f"case_fields[{i}]")
        if isinstance(parsed, Failure):
            return Failure(parsed.failure())
        fields.append(parsed.unwrap())
    return Success(tuple(fields))


__all__ = [
    "AppointReviewer",
    "DraftCaseDecision",
    "EndReview",
    "FinaliseCaseDecision",
    "LowerReviewShare",
    "NoteReviewProgress",
    "PlaceUnderReview",
    "ReturnCaseDecision",
    "RevokeReviewer",
    "SecondHandReviewService",
    "SignCaseDecision",
    "UnitReview",
    "WriteReviewNote",
]
