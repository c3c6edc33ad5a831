"""The state of one meeting participation and the events that change it.

One aggregate per meeting participation (its id chosen by the caller). The stages run
request received → assessed → cleared → participant chosen → attended → reported →
closed; anchoring (IFP-06), AUA contact (IFP-07) and ministry consultation (IFP-09) are
recorded on the side before attendance, the official minutes' arrival after it.
"""

from __future__ import annotations

import enum
from datetime import date

from attrs import evolve, frozen

from udi_core.domain.forum_participation.forums import Forum
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber, EmployeeId, UnitId
from udi_core.domain.kernel.organisation import Department, Employee, Role

DEPARTMENT_NAMES: dict[Department, str] = {
    Department.ASA: "Asylavdelingen",
    Department.OPA: "Oppholdsavdelingen",
    Department.RMA: "Region- og mottaksavdelingen",
    Department.AUA: "Analyse- og utviklingsavdelingen",
}


class Stage(enum.Enum):
    """Where a participation is in its lifecycle, in order."""

    REQUESTED = "requested"
    ASSESSED = "assessed"
    CLEARED = "cleared"
    PARTICIPANT_CHOSEN = "participant_chosen"
    ATTENDED = "attended"
    REPORTED = "reported"
    CLOSED = "closed"

    @property
    def rank(self) -> int:
        return _ORDER.index(self)


_ORDER = tuple(Stage)


@frozen
class Person:
    """An employee as recorded on a participation: id, name, unit and its WebSak code."""

    id: EmployeeId
    name: str
    unit: UnitId
    department: Department
    unit_code: str | None = None
    leader: bool = False  # unit leader or department director (IFP-06)

    @classmethod
    def of(cls, employee: Employee, unit_code: str | None = None) -> Person:
        leader = bool(employee.roles & {Role.UNIT_LEADER, Role.DEPARTMENT_DIRECTOR})
        return cls(
            employee.id, employee.name, employee.unit, employee.department, unit_code, leader
        )


@frozen
class Assessment:
    """IFP-02's three grounds, the invitation's flags (IFP-07, IFP-09) and IFP-08's needs.

    ``pre_meeting_needed`` and ``options_memo_needed`` are None when not assessed.
    """

    agenda: str
    cost_benefit: str
    contribution: str
    udi_attends_alone: bool = False
    law_change: bool = False
    budget_consequences: bool = False
    politically_sensitive: bool = False
    needs_principled_clarification: bool = False
    interpretation_discussed: bool = False
    pre_meeting_needed: bool | None = None
    options_memo_needed: bool | None = None

    @property
    def sensitive(self) -> bool:
        """The invitation points to law changes, budget consequences or political issues."""
        return self.law_change or self.budget_consequences or self.politically_sensitive


@frozen
class Record:
    """A recorded step: who, when, and what was said or agreed."""

    by: EmployeeId
    on: date
    summary: str = ""


@frozen
class Clearance:
    """IFP-03: cleared by the department concerned, in consultation with AUA IGS."""

    by: EmployeeId
    on: date
    igs_consulted: EmployeeId


@frozen
class Choice:
    """IFP-04: the participant and why: competence and continuity."""

    participant: Person
    competence: str
    continuity: str
    by: EmployeeId
    on: date


@frozen
class Attendance:
    """The meeting as attended: whether JD was there, matters of principle, minutes."""

    recorded_on: date
    jd_attended: bool
    matters_of_principle: bool
    minutes_expected: bool
    minutes_reasonable_days: int


@frozen
class Minutes:
    """The secretariat's official minutes (offisielt referat), as they arrived."""

    arrived_on: date
    reference: str


@frozen
class Posting:
    """A journal post sent through the outbox: its key, archive case, date and sender."""

    key: str
    archive_case: ArchiveCaseNumber
    on: date
    by: EmployeeId


@frozen
class ForumParticipation:
    """One meeting in an international forum and UDI's participation in it."""

    forum: Forum
    meeting_date: date
    topic: str
    department: Department  # the department concerned (aktuell fagavdeling)
    requested_by: str
    received: Record
    stage: Stage = Stage.REQUESTED
    aua_told: Record | None = None
    assessment: Assessment | None = None
    assessed: Record | None = None
    clearance: Clearance | None = None
    choice: Choice | None = None
    anchoring: Record | None = None
    anchored_with_ministry: bool = False
    aua_contact: Record | None = None
    ministry_consultation: Record | None = None
    attendance: Attendance | None = None
    minutes: Minutes | None = None
    report: Posting | None = None
    ministry_letter: Posting | None = None
    closed_on: date | None = None

    @property
    def ministry_letter_required(self) -> bool:
        """IFP-11: a listed forum JD did not attend, or matters of principle discussed."""
        if self.attendance is None:
            return False
        listed = self.forum.minutes_to_ministry and not self.attendance.jd_attended
        return listed or self.attendance.matters_of_principle


# -- events ------------------------------------------------------------------------------


@frozen
class RequestReceived:
    forum: Forum
    meeting_date: date
    topic: str
    department: Department
    requested_by: str
    received: Record


@frozen
class AuaTold:
    told: Record


@frozen
class ParticipationAssessed:
    assessment: Assessment
    assessed: Record


@frozen
class ParticipationCleared:
    clearance: Clearance


@frozen
class ParticipantChosen:
    choice: Choice


@frozen
class PositionAnchored:
    anchoring: Record
    with_ministry: bool


@frozen
class AuaContacted:
    contact: Record


@frozen
class MinistryConsulted:
    consultation: Record


@frozen
class MeetingAttended:
    attendance: Attendance


@frozen
class MinutesArrived:
    minutes: Minutes


@frozen
class ReportPosted:
    posting: Posting


@frozen
class MinistryLetterSent:
    posting: Posting


@frozen
class ParticipationClosed:
    on: date
    by: EmployeeId


EVENT_TYPES: tuple[type, ...] = (
    RequestReceived,
    AuaTold,
    ParticipationAssessed,
    ParticipationCleared,
    ParticipantChosen,
    PositionAnchored,
    AuaContacted,
    MinistryConsulted,
    MeetingAttended,
    MinutesArrived,
    ReportPosted,
    MinistryLetterSent,
    ParticipationClosed,
)


def start(event: RequestReceived) -> ForumParticipation:
    """The state a received request begins."""
    return ForumParticipation(
        event.forum,
        event.meeting_date,
        event.topic,
        event.department,
        event.requested_by,
        event.received,
    )


def evolve_participation(state: ForumParticipation, event: object) -> ForumParticipation:
    """Apply one event (a RequestReceived restarts from the request)."""
    match event:
        case RequestReceived():
            return start(event)
        case AuaTold(told=told):
            return evolve(state, aua_told=told)
        case ParticipationAssessed(assessment=assessment, assessed=assessed):
            return evolve(state, assessment=assessment, assessed=assessed, stage=Stage.ASSESSED)
        case ParticipationCleared(clearance=clearance):
            return evolve(state, clearance=clearance, stage=Stage.CLEARED)
        case ParticipantChosen(choice=choice):
            return evolve(state, choice=choice, stage=Stage.PARTICIPANT_CHOSEN)
        case PositionAnchored(anchoring=anchoring, with_ministry=with_ministry):
            return evolve(state, anchoring=anchoring, anchored_with_ministry=with_ministry)
        case AuaContacted(contact=contact):
            return evolve(state, aua_contact=contact)
        case MinistryConsulted(consultation=consultation):
            return evolve(state, ministry_consultation=consultation)
        case MeetingAttended(attendance=attendance):
            return evolve(state, attendance=attendance, stage=Stage.ATTENDED)
        case MinutesArrived(minutes=minutes):
            return evolve(state, minutes=minutes)
        case ReportPosted(posting=posting):
            return evolve(state, report=posting, stage=Stage.REPORTED)
        case MinistryLetterSent(posting=posting):
            return evolve(state, ministry_letter=posting)
        case ParticipationClosed(on=on):
            return evolve(state, closed_on=on, stage=Stage.CLOSED)
    return state
