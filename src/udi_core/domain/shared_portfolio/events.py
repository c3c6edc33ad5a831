"""The events of a shared portfolio: pure data, past tense."""

from __future__ import annotations

from datetime import date

from attrs import frozen

from udi_core.domain.kernel.identifiers import EmployeeId, UnitId
from udi_core.domain.shared_portfolio.distribution import Complexity
from udi_core.domain.shared_portfolio.model import (
    BankEntry,
    ClearancePlan,
    DistributionRun,
    ForumKind,
    Party,
    RoleKind,
    Task,
    TrainingElement,
)


@frozen
class PortfolioPlanned:
    country: str
    name: str
    leadership: UnitId
    responsible: UnitId
    interview_network: UnitId
    system_group: UnitId
    on: date


@frozen
class AssistingUnitAdded:
    unit: UnitId


@frozen
class PreparationStarted:
    on: date


@frozen
class ProductionRequirementSet:
    unit: UnitId
    requirement: int
    normal_requirement: int


@frozen
class InterviewFreePeriodGranted:
    until: date


@frozen
class CategoryDefined:
    code: str
    name: str
    complexity: Complexity
    competence: str


@frozen
class CategorisationPresentedToPu:
    on: date
    categories: tuple[str, ...]
    note: str


@frozen
class MarkingCodeCreated:
    category: str
    duf_code: str


@frozen
class TrainingHeld:
    unit: UnitId
    elements: frozenset[TrainingElement]
    on: date


@frozen
class InvitedToTraining:
    unit: UnitId


@frozen
class ContactAppointed:
    unit: UnitId
    employee: EmployeeId
    interview_coordinator: bool


@frozen
class ChecklistItemCompleted:
    role: RoleKind
    task: Task
    owner: UnitId
    evidence: str
    on: date


@frozen
class PortfolioActivated:
    on: date


@frozen
class ClearancePlanSet:
    plan: ClearancePlan


@frozen
class CasesSorted:
    """Cases sorted into categories from their PU arrival registrations (parallel tuples)."""

    by: UnitId
    on: date
    numbers: tuple[str, ...]
    categories: tuple[str, ...]
    registrations: tuple[str, ...]


@frozen
class CasesDistributed:
    run: DistributionRun


@frozen
class BankEntryAdded:
    entry: BankEntry


@frozen
class BankEntryOutdated:
    entry_id: str
    on: date
    explanation: str
    replaced_by: str | None


@frozen
class BankEntryRemoved:
    entry_id: str
    on: date
    explanation: str


@frozen
class ForumHeld:
    kind: ForumKind
    on: date
    topic: str
    participants: frozenset[EmployeeId]


@frozen
class PartyNotified:
    party: Party
    on: date
    note: str


@frozen
class SideCasesAssessed:
    on: date
    conclusion: str


@frozen
class PortfolioEnded:
    on: date


EVENT_TYPES: tuple[type, ...] = (
    PortfolioPlanned,
    AssistingUnitAdded,
    PreparationStarted,
    ProductionRequirementSet,
    InterviewFreePeriodGranted,
    CategoryDefined,
    CategorisationPresentedToPu,
    MarkingCodeCreated,
    TrainingHeld,
    InvitedToTraining,
    ContactAppointed,
    ChecklistItemCompleted,
    PortfolioActivated,
    ClearancePlanSet,
    CasesSorted,
    CasesDistributed,
    BankEntryAdded,
    BankEntryOutdated,
    BankEntryRemoved,
    ForumHeld,
    PartyNotified,
    SideCasesAssessed,
    PortfolioEnded,
)
