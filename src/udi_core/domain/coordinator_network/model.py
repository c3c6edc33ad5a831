"""The coordinator network's state, its records and events, and how events change it.

One aggregate per network: ``violence`` and ``fgm`` (IM 2018-001) and ``trafficking``
(IM 2018-002); the aggregate id is the network's id.

What the state keeps. Every command reads and stores the whole state, so the state keeps
what the rules read to decide and to derive obligations, not the full record; the event
history keeps every meeting and every agenda item ever recorded.

- ``meetings``: only the meetings CN-05 can count (:func:`meetings_that_count`): per
  calendar month the earliest meeting of any kind, and per calendar year the earliest
  :data:`WHOLE_PER_YEAR` whole-network meetings, in date order. CN-05's obligations
  (``cadence_obligations``) read only each month's first meeting date and each year's
  n-th whole meeting date with n at most :data:`WHOLE_PER_YEAR`, so they are the same as
  over every meeting. A meeting may be recorded after later ones (it is backdated); it
  then takes the place of the one it comes before. The same rule keeps the tuple of the
  networks of IM 2018-001 short, though they have no cadence. The tuple grows by at most
  16 meetings per calendar year with meetings (12 monthly firsts, 4 whole).
- ``agenda``: the OPEN agenda, the items submitted since the network last met. A
  recorded meeting held on or after an item's ``submitted_on`` takes the item up and it
  leaves the state; a meeting backdated to before the item's day leaves it open.
  Interpretation: the seeds describe the items as issues raised for the network's
  meetings to discuss. IM 2018-002 §4: "Medlemmene kan melde inn generelle
  problemstillinger de mener bør diskuteres i nettverket", a network that meets (the core
  "har faste møter en gang i måneden", the whole network "minst fire ganger i året");
  IM 2018-001 §5: the representatives "delta på faste møter i nettverket" and "løfte
  saker og faglige problemstillinger inn i nettverket". An issue raised is therefore
  read as waiting for the network's next meeting, and as taken up by it. The record of a
  meeting does not say which items it discussed, so any meeting takes up every item
  submitted on or before its day; in the trafficking network that includes a core
  meeting (the core meets monthly and leads the network; the record cannot tell which
  meeting an item was meant for). No rule reads the agenda (CN-07 checks only who may
  submit), so this reading decides only what the state shows as open.
- ``rosa_notices`` (CN-11) and ``statistics`` (CN-12) keep every record; they grow by a
  few a year. ``kom_years`` grows by one a year; ``members`` and ``regional_contacts``
  hold the people in the network now (a release removes them).
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime

from attrs import evolve, frozen

from udi_core.domain.coordinator_network import rules as r
from udi_core.domain.kernel.identifiers import DufCaseNumber, EmployeeId, ImId, UnitId
from udi_core.domain.kernel.organisation import Department, NamedUnits
from udi_core.domain.kernel.rules import Rule

KIND_NAME = "coordinator_network"
MH = "MH"  # DUF characteristic code (karakteristikkode) for possible human trafficking
LEAD_UNIT = NamedUnits.AUA_RVE.id


class NetworkId(enum.Enum):
    VIOLENCE = "violence"  # Voldsnettverket: forced marriage, child marriage, violence
    FGM = "fgm"  # Kjønnslemlestelsesnettverket
    TRAFFICKING = "trafficking"  # nettverket mot menneskehandel

    @property
    def im(self) -> ImId:
        return r.IM_2018_002 if self is NetworkId.TRAFFICKING else r.IM_2018_001

    @property
    def routine(self) -> str:
        """The routine label: the IM the network comes from."""
        return str(self.im)

    @property
    def lead_rule(self) -> Rule:
        """The rule that says the network is led by the AUA/RVE coordinator."""
        return r.CN_01b if self is NetworkId.TRAFFICKING else r.CN_01

    @property
    def fields(self) -> tuple[Field, ...]:
        """The fields (fagfelt) a regional contact person covers for this network."""
        match self:
            case NetworkId.VIOLENCE:
                return (Field.FORCED_MARRIAGE, Field.CHILD_MARRIAGE, Field.DOMESTIC_VIOLENCE)
            case NetworkId.FGM:
                return (Field.FGM,)
            case NetworkId.TRAFFICKING:
                return ()


class Field(enum.Enum):
    """The four fields of IM 2018-001 §6.1."""

    FORCED_MARRIAGE = "forced_marriage"  # tvangsekteskap
    CHILD_MARRIAGE = "child_marriage"  # barneekteskap
    DOMESTIC_VIOLENCE = "domestic_violence"  # vold i nære relasjoner
    FGM = "fgm"  # kjønnslemlestelse


class MemberRole(enum.Enum):
    REPRESENTATIVE = "representative"  # IM 2018-001 §5: from ASA, OPA or RMA
    DEPARTMENT_COORDINATOR = "department_coordinator"  # IM 2018-002 §5: the core
    CONTACT_PERSON = "contact_person"  # IM 2018-002 §6
    RESOURCE_PERSON = "resource_person"  # IM 2018-001 §6


class MeetingKind(enum.Enum):
    CORE = "core"  # the coordinators (IM 2018-002 §4)
    WHOLE = "whole"  # the whole network


class PermitKind(enum.Enum):
    REFLECTION = "reflection"  # refleksjonstillatelse
    LIMITED = "limited"  # begrenset oppholdstillatelse


# Where the core's department coordinators sit (CN-04).
COORDINATOR_PLACEMENT: dict[Department, UnitId] = {
    Department.OPA: NamedUnits.OPA_EXPULSION.id,
    Department.ASA: NamedUnits.ASA_STAFF.id,
    Department.RMA: NamedUnits.RMA_STAFF.id,
}
# The OPA areas that each have a contact person (CN-06, IM 2018-002 §6.1).
OPA_CONTACT_AREAS: tuple[UnitId, ...] = (
    NamedUnits.OPA_FAMILY.id,
    NamedUnits.OPA_VISA_WORK_STUDY.id,
)
RMA_RETURN_UNIT = NamedUnits.RMA_RETURN.id
EAST_OFFICE = NamedUnits.RMA_EAST.id


@frozen
class Member:
    """A network member: who, in which role, placed where when appointed."""

    employee: EmployeeId
    role: MemberRole
    department: Department
    unit: UnitId
    since: date


@frozen
class RegionalContact:
    """A contact person at a regional office for one field (CN-03); not a member."""

    employee: EmployeeId
    office: UnitId
    field: Field
    since: date


@frozen
class Meeting:
    held_on: date
    kind: MeetingKind
    topic: str


@frozen
class AgendaItem:
    """A general issue a member asked the network to discuss (CN-07)."""

    submitted_by: EmployeeId
    submitted_on: date
    topic: str
    case: DufCaseNumber | None = None  # an individual case it illustrates, if any


@frozen
class MhRemoval:
    """The run that removes "MH" for one KOM year: a cursor over the sorted candidates."""

    started_at: datetime
    cursor: DufCaseNumber | None = None  # the last candidate handled
    removed: int = 0
    batches: int = 0
    completed_at: datetime | None = None


@frozen
class KomYear:
    """What UDI reported to KOM for one year, KOM's publication, and the MH removal.

    ``reported`` is sorted and without repeats; ``retained`` are reported cases whose code
    is still needed.
    """

    year: int
    reported: tuple[DufCaseNumber, ...]
    recorded_on: date
    retained: frozenset[DufCaseNumber] = frozenset()
    published_on: date | None = None
    removal: MhRemoval | None = None


@frozen
class RosaNotice:
    """Regionkontor Øst told ASA to prioritise a case placed via ROSA (CN-11)."""

    case: DufCaseNumber
    sent_by: EmployeeId
    sent_on: date


@frozen
class PermitStatistics:
    """The OPA coordinator's report of reflection and limited permits (CN-12)."""

    period: str  # e.g. "2026" or "2026-H1"
    permits: PermitKind
    count: int
    reported_by: EmployeeId
    reported_on: date


@frozen
class CoordinatorNetwork:
    """One network's state. ``meetings`` holds only the meetings CN-05 counts and
    ``agenda`` only the open agenda (see the module's docstring); the event history keeps
    every meeting and item."""

    network: NetworkId
    coordinator: EmployeeId
    established_on: date
    members: tuple[Member, ...] = ()
    regional_contacts: tuple[RegionalContact, ...] = ()
    relevant_asa_units: frozenset[UnitId] = frozenset()
    meetings: tuple[Meeting, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    kom_years: tuple[KomYear, ...] = ()
    rosa_notices: tuple[RosaNotice, ...] = ()
    statistics: tuple[PermitStatistics, ...] = ()

    def member(self, employee: EmployeeId) -> Member | None:
        return next((m for m in self.members if m.employee == employee), None)

    def in_network(self, employee: EmployeeId) -> bool:
        """The coordinator or a member (regional contacts are not members, CN-03)."""
        return employee == self.coordinator or self.member(employee) is not None

    def department_coordinator(self, department: Department) -> Member | None:
        return next(
            (
                m
                for m in self.members
                if m.role is MemberRole.DEPARTMENT_COORDINATOR and m.department is department
            ),
            None,
        )

    def kom_year(self, year: int) -> KomYear | None:
        return next((k for k in self.kom_years if k.year == year), None)


# -- events ------------------------------------------------------------------------------


@frozen
class NetworkEstablished:
    network: NetworkId
    coordinator: EmployeeId
    on: date


@frozen
class CoordinatorChanged:
    coordinator: EmployeeId


@frozen
class MemberAppointed:
    member: Member


@frozen
class RegionalContactAppointed:
    contact: RegionalContact


@frozen
class Released:
    """The employee left the network (as member and as regional contact)."""

    employee: EmployeeId


@frozen
class RelevantAsaUnitsSet:
    units: frozenset[UnitId]


@frozen
class MeetingHeld:
    meeting: Meeting


@frozen
class AgendaItemSubmitted:
    item: AgendaItem


@frozen
class KomInputRecorded:
    """Cases UDI reported to KOM for ``year`` (merged with earlier ones for that year)."""

    year: int
    cases: tuple[DufCaseNumber, ...]
    on: date


@frozen
class MhCodeRetained:
    """Reported cases whose "MH" code is still needed, with why."""

    year: int
    cases: tuple[DufCaseNumber, ...]
    reason: str


@frozen
class KomReportPublished:
    year: int
    published_on: date


@frozen
class MhRemovalStarted:
    year: int
    at: datetime


@frozen
class MhCodesRemoved:
    """One batch: "MH" was removed in DUF from each of ``cases`` (actor and time are on
    the event's record); ``cursor`` is the last candidate the batch handled."""

    year: int
    cases: tuple[DufCaseNumber, ...]
    cursor: DufCaseNumber


@frozen
class MhRemovalCompleted:
    year: int
    at: datetime


@frozen
class RosaPriorityNoticeSent:
    notice: RosaNotice


@frozen
class PermitStatisticsReported:
    statistics: PermitStatistics


EVENT_TYPES: tuple[type, ...] = (
    NetworkEstablished,
    CoordinatorChanged,
    MemberAppointed,
    RegionalContactAppointed,
    Released,
    RelevantAsaUnitsSet,
    MeetingHeld,
    AgendaItemSubmitted,
    KomInputRecorded,
    MhCodeRetained,
    KomReportPublished,
    MhRemovalStarted,
    MhCodesRemoved,
    MhRemovalCompleted,
    RosaPriorityNoticeSent,
    PermitStatisticsReported,
)


def _with_kom_year(state: CoordinatorNetwork, kom: KomYear) -> CoordinatorNetwork:
    others = tuple(k for k in state.kom_years if k.year != kom.year)
    return evolve(state, kom_years=tuple(sorted((*others, kom), key=lambda k: k.year)))


def _evolve_kom(state: CoordinatorNetwork, event: object) -> CoordinatorNetwork:
    match event:
        case KomInputRecorded(year=year, cases=cases, on=on):
            kom = state.kom_year(year)
            if kom is None:
                return _with_kom_year(state, KomYear(year, tuple(sorted(set(cases))), on))
            merged = tuple(sorted(set(kom.reported).union(cases)))
            return _with_kom_year(state, evolve(kom, reported=merged, recorded_on=on))
        case MhCodeRetained(year=year, cases=cases):
            kom = state.kom_year(year)
            if kom is not None:
                state = _with_kom_year(state, evolve(kom, retained=kom.retained.union(cases)))
        case KomReportPublished(year=year, published_on=on):
            kom = state.kom_year(year)
            if kom is not None:
                state = _with_kom_year(state, evolve(kom, published_on=on))
        case MhRemovalStarted(year=year, at=at):
            kom = state.kom_year(year)
            if kom is not None:
                state = _with_kom_year(state, evolve(kom, removal=MhRemoval(at)))
        case MhCodesRemoved(year=year, cases=cases, cursor=cursor):
            kom = state.kom_year(year)
            if kom is not None and kom.removal is not None:
                run = kom.removal
                done = evolve(
                    run, cursor=cursor, removed=run.removed + len(cases), batches=run.batches + 1
                )
                state = _with_kom_year(state, evolve(kom, removal=done))
        case MhRemovalCompleted(year=year, at=at):
            kom = state.kom_year(year)
            if kom is not None and kom.removal is not None:
                finished = evolve(kom.removal, completed_at=at)
                state = _with_kom_year(state, evolve(kom, removal=finished))
    return state


WHOLE_PER_YEAR = 4
"""CN-05: the whole trafficking network meets at least four times a calendar year; also
how many whole meetings of a year the state keeps (no year requires more)."""


def _meeting_order(meeting: Meeting) -> tuple[date, str, str]:
    """Date order; meetings on the same day by kind, then topic."""
    return (meeting.held_on, meeting.kind.value, meeting.topic)


def meetings_that_count(meetings: Iterable[Meeting]) -> tuple[Meeting, ...]:
    """The meetings CN-05 can count, in date order: per calendar month the earliest
    meeting (any kind), per calendar year the earliest :data:`WHOLE_PER_YEAR` whole ones.

    Ties on a day are ordered by kind and topic, so which meetings are kept depends only
    on the meetings, not on the order they were recorded in. Applied to the kept meetings
    plus a new one, it gives what it gives over every meeting recorded: a meeting left
    out has a month and year already full of earlier ones, and stays left out.
    """
    firsts: set[tuple[int, int]] = set()
    whole: Counter[int] = Counter()
    kept: list[Meeting] = []
    for meeting in sorted(meetings, key=_meeting_order):
        day = meeting.held_on
        first = (day.year, day.month) not in firsts
        firsts.add((day.year, day.month))
        counted = meeting.kind is MeetingKind.WHOLE and whole[day.year] < WHOLE_PER_YEAR
        if counted:
            whole[day.year] += 1
        if first or counted:
            kept.append(meeting)
    return tuple(kept)


def _met(state: CoordinatorNetwork, meeting: Meeting) -> CoordinatorNetwork:
    """Record ``meeting``: keep the meetings that count; the meeting takes up the agenda
    items submitted on or before its day."""
    return evolve(
        state,
        meetings=meetings_that_count((*state.meetings, meeting)),
        agenda=tuple(i for i in state.agenda if i.submitted_on > meeting.held_on),
    )


def evolve_network(state: CoordinatorNetwork, event: object) -> CoordinatorNetwork:
    """The state after ``event``."""
    match event:
        case CoordinatorChanged(coordinator=coordinator):
            return evolve(state, coordinator=coordinator)
        case MemberAppointed(member=member):
            return evolve(state, members=(*state.members, member))
        case RegionalContactAppointed(contact=contact):
            return evolve(state, regional_contacts=(*state.regional_contacts, contact))
        case Released(employee=employee):
            return evolve(
                state,
                members=tuple(m for m in state.members if m.employee != employee),
                regional_contacts=tuple(
                    c for c in state.regional_contacts if c.employee != employee
                ),
            )
        case RelevantAsaUnitsSet(units=units):
            return evolve(state, relevant_asa_units=units)
        case MeetingHeld(meeting=meeting):
            return _met(state, meeting)
        case AgendaItemSubmitted(item=item):
            return evolve(state, agenda=(*state.agenda, item))
        case RosaPriorityNoticeSent(notice=notice):
            return evolve(state, rosa_notices=(*state.rosa_notices, notice))
        case PermitStatisticsReported(statistics=statistics):
            return evolve(state, statistics=(*state.statistics, statistics))
    return _evolve_kom(state, event)


def established(event: NetworkEstablished) -> CoordinatorNetwork:
    return CoordinatorNetwork(event.network, event.coordinator, event.on)
