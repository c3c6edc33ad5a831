"""The state of second-hand review in one unit, and the value types it is made of."""

from __future__ import annotations

import enum
import re
from datetime import date, datetime
from typing import Self

from attrs import evolve, field, frozen
from returns.result import Result, Success

from udi_core.domain.kernel.dates import local_date
from udi_core.domain.kernel.errors import InvalidInput, invalid
from udi_core.domain.kernel.identifiers import DufCaseNumber, EmployeeId, UnitId

_DECISION_ID = re.compile(r"^(\d{12})-(\d{1,3})$")

EVIDENCE_WINDOW = 100
"""How many outcomes of reviewed final decisions a field scope keeps: the largest number of
latest decisions an evidence policy (SHR-08) may weigh."""


class CaseField(enum.Enum):
    """The case fields (saksfelt) of OPA that review can be limited to."""

    FAMILY_IMMIGRATION = "family_immigration"  # familieinnvandring
    EXPULSION = "expulsion"  # utvisning
    VISA = "visa"  # visum
    WORK_PERMIT = "work_permit"  # arbeidstillatelser
    STUDY = "study"  # studiesaker
    PERMANENT_RESIDENCE = "permanent_residence"  # permanent oppholdstillatelse
    EEA = "eea"  # EØS-saker
    CITIZENSHIP = "citizenship"  # statsborgerskap


class Ground(enum.Enum):
    """Why the unit leader placed the employee under review (IM 2015-002 §3)."""

    NEW_HIRE = "new_hire"  # under opplæring: nyansatt
    MOVED = "moved"  # under opplæring: flyttet mellom avdelinger, områder eller enheter
    COMPETENCE_NEED = "competence_need"  # andre grunner: heve kompetansen i et saksfelt


class DecisionStatus(enum.Enum):
    DRAFT = "draft"  # being written or awaiting review
    RETURNED = "returned"  # sent back to the author for revision, with comments
    FINAL = "final"  # finalised (ferdigstilt)


class SignerRole(enum.Enum):
    AUTHOR = "author"  # the caseworker who drafted the decision
    REVIEWER = "reviewer"  # an appointed reviewer (annenhåndsbehandler) of the unit
    UNIT_LEADER = "unit_leader"  # the unit's leader (enhetsleder)


class EndKind(enum.Enum):
    """How a placement under review ended."""

    AT_ONCE = "at_once"  # every case field ended in one decision, at full share
    GRADUALLY = "gradually"  # field by field, or after lowering the share (SHR-09)


@frozen(order=True)
class DecisionRef:
    """A decision's id, given by the caller: the DUF case number and the decision's
    sequence number in that case (1-999), written ``201512345601-1``."""

    case: DufCaseNumber
    sequence: int = field()

    EXPECTED = "a decision id '<12-digit DUF case number>-<sequence 1-999>', e.g. 201512345601-1"

    @sequence.validator
    def _check(self, _attr: object, value: int) -> None:
        if not 1 <= value <= 999:
            raise ValueError(f"decision sequence {value} is not 1-999")

    @classmethod
    def parse(cls, raw: object, field: str = "decision_id") -> Result[Self, InvalidInput]:
        if isinstance(raw, str) and (m := _DECISION_ID.match(raw.strip())):
            sequence = int(m.group(2))
            if 1 <= sequence <= 999:
                return Success(cls(DufCaseNumber(m.group(1)), sequence))
        return invalid(field, cls.EXPECTED, raw)

    def __str__(self) -> str:
        return f"{self.case}-{self.sequence}"


@frozen
class Appointment:
    """A reviewer appointed by the unit leader, with the recorded basis (SHR-01, SHR-02)."""

    reviewer: EmployeeId
    basis: str
    appointed_at: datetime
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@frozen(order=True)
class ReviewedOutcome:
    """How one reviewed decision of the placement's employee in the case field ended: when
    it was finalised and whether it had been returned for revision on the way (SHR-08)."""

    finalised_at: datetime
    decision: DecisionRef
    returned: bool


@frozen
class FieldScope:
    """One case field of a placement: under review since when, ended when, and the outcomes
    of the latest reviewed decisions in it (at most :data:`EVIDENCE_WINDOW`, oldest
    finalisation first), all the evidence policy weighs."""

    case_field: CaseField
    since: datetime
    ended_at: datetime | None = None
    outcomes: tuple[ReviewedOutcome, ...] = ()

    @property
    def active(self) -> bool:
        return self.ended_at is None


@frozen
class Consultation:
    """The unit leader's consultation of the reviewer before ending or lowering (SHR-07)."""

    reviewer: EmployeeId
    summary: str
    at: datetime


@frozen
class ProgressNote:
    """A reviewer's note to the unit leader on the employee's development (SHR-06)."""

    reviewer: EmployeeId
    text: str
    at: datetime


@frozen
class Placement:
    """One period during which an employee puts cases in second-hand review."""

    employee: EmployeeId
    ground: Ground
    fields: tuple[FieldScope, ...]
    reviewers: tuple[EmployeeId, ...]
    since: datetime
    share_percent: int = 100
    consultations: tuple[Consultation, ...] = ()
    progress: tuple[ProgressNote, ...] = ()
    ended_at: datetime | None = None
    ended_how: EndKind | None = None

    @property
    def active(self) -> bool:
        return self.ended_at is None

    @property
    def active_fields(self) -> tuple[CaseField, ...]:
        return tuple(f.case_field for f in self.fields if f.active)

    def scope(self, case_field: CaseField) -> FieldScope | None:
        return next((f for f in self.fields if f.case_field is case_field and f.active), None)


@frozen
class Signature:
    """A signature on a decision; a second signer's right was checked when signing."""

    signer: EmployeeId
    role: SignerRole
    at: datetime


@frozen
class ReviewNote:
    """A note in the case saying the decision was reviewed (the alternative in SHR-05)."""

    by: EmployeeId
    role: SignerRole
    text: str
    at: datetime


@frozen
class Return:
    """The decision was sent back to its author for revision, with comments."""

    by: EmployeeId
    comments: str
    at: datetime


@frozen
class CaseDecision:
    """A decision drafted in the unit. ``in_scope`` is settled when it is drafted: the
    author was under review for its case field and, at a reduced share, it was drawn.
    The unit's state holds it while it is open (draft or returned); once final it is kept
    as a :class:`FinalisedDecision`."""

    id: DecisionRef
    author: EmployeeId
    case_field: CaseField
    drafted_at: datetime
    in_scope: bool
    status: DecisionStatus = DecisionStatus.DRAFT
    signatures: tuple[Signature, ...] = ()
    note: ReviewNote | None = None
    returns: tuple[Return, ...] = ()
    finalised_at: datetime | None = None

    @property
    def author_signed(self) -> bool:
        return any(s.role is SignerRole.AUTHOR for s in self.signatures)

    @property
    def second_signature(self) -> Signature | None:
        return next((s for s in self.signatures if s.role is not SignerRole.AUTHOR), None)

    @property
    def reviewed(self) -> bool:
        """Is review visible on it (SHR-05): two signatures, or a review note?"""
        two = self.author_signed and self.second_signature is not None
        return two or self.note is not None

    def finalised(self, at: datetime) -> CaseDecision:
        """The decision as it stands once finalised at ``at``."""
        return evolve(self, status=DecisionStatus.FINAL, finalised_at=at)


@frozen
class FinalisedDecision:
    """A final decision of a unit, kept apart from the unit's state (one per decision, by
    :func:`finalised_id`) so the unit's state stays bounded; its existence also keeps the
    decision id from being drafted again in the unit."""

    unit: UnitId
    decision: CaseDecision


def finalised_id(unit: UnitId, ref: DecisionRef) -> str:
    """The id a finalised decision is kept under: ``<unit id>/<decision id>``."""
    return f"{unit}/{ref}"


@frozen
class SecondHandReview:
    """Second-hand review in one unit: appointments, placements and the open decisions
    (draft or returned). Finalised decisions leave it (see :class:`FinalisedDecision`);
    what SHR-08 needs of them stays in each field scope's ``outcomes``."""

    unit: UnitId
    appointments: tuple[Appointment, ...] = ()
    placements: tuple[Placement, ...] = ()
    open_decisions: tuple[CaseDecision, ...] = ()

    def active_appointment(self, reviewer: EmployeeId) -> Appointment | None:
        return next((a for a in self.appointments if a.reviewer == reviewer and a.active), None)

    def active_placement(self, employee: EmployeeId) -> Placement | None:
        return next((p for p in self.placements if p.employee == employee and p.active), None)

    def decision(self, ref: DecisionRef) -> CaseDecision | None:
        """The open decision ``ref``, or None (never drafted, or final)."""
        return next((d for d in self.open_decisions if d.id == ref), None)


@frozen
class OverviewRow:
    """One line of the SHR-04 overview: an employee under review."""

    employee: EmployeeId
    ground: Ground
    case_fields: tuple[CaseField, ...]
    since: date
    reviewers: tuple[EmployeeId, ...]
    revoked_reviewers: tuple[EmployeeId, ...]  # assigned, but their appointment was revoked
    share_percent: int


def overview(state: SecondHandReview) -> tuple[OverviewRow, ...]:
    """Who in the unit is under review, for which case fields, since when, with whom
    (SHR-04). Derived from the state on every call, so it is never out of date."""
    rows = (
        OverviewRow(
            employee=p.employee,
            ground=p.ground,
            case_fields=p.active_fields,
            since=local_date(p.since),
            reviewers=p.reviewers,
            revoked_reviewers=tuple(r for r in p.reviewers if _revoked(state, r)),
            share_percent=p.share_percent,
        )
        for p in state.placements
        if p.active
    )
    return tuple(sorted(rows, key=lambda r: r.employee))


def _revoked(state: SecondHandReview, reviewer: EmployeeId) -> bool:
    """Was ``reviewer`` appointed and is no longer? (A leader assigned as reviewer has no
    appointment and is never revoked.)"""
    mine = [a for a in state.appointments if a.reviewer == reviewer]
    return bool(mine) and not any(a.active for a in mine)
