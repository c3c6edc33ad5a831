"""The state of a shared portfolio (delt portefølje): roles, checklists, categories,
clearance plan, sorted cases, distribution runs, decision bank and forums.

Cases are many (a million in the benchmark), so they are kept as parallel tuples of plain
values in a :class:`CaseBook` rather than one object per case; a distribution run stores
its parameters, per-unit counts and one small unit index per case.
"""

from __future__ import annotations

import enum
from datetime import date

from attrs import frozen

from udi_core.domain.kernel.identifiers import EmployeeId, UnitId
from udi_core.domain.shared_portfolio.distribution import Complexity


class Phase(enum.Enum):
    """Where a portfolio is in its life: planned -> preparing -> active -> ended."""

    PLANNED = "planned"
    PREPARING = "preparing"  # forberedelsesfasen / tilretteleggingsfasen
    ACTIVE = "active"  # delingen pågår (ordinær drift)
    ENDED = "ended"


class RoleKind(enum.Enum):
    """The roles of §4, each with its checklist."""

    LEADERSHIP = "asa_leadership"  # §4.1 ASA ledelse
    RESPONSIBLE = "responsible_unit"  # §4.2 fagansvarlig enhet
    ASSISTING = "assisting_unit"  # §4.3 bistandsenhet
    INTERVIEW_NETWORK = "interview_network"  # §4.4 intervjufaglig nettverk
    SYSTEM_GROUP = "system_group"  # §4.5 Fagsystemgruppen


class Task(enum.Enum):
    """The checklist items of §4.1-§4.5. Those marked in :data:`TASK_BY_COMMAND` are
    completed by the command that records the fact; the rest by ``complete_item``."""

    # §4.1 ASA ledelse
    MONITOR_ARRIVALS = "monitor_arrivals"
    UPDATE_PRACTICE_NOTES = "update_practice_notes"
    PUBLISH_PRACTICE_NOTES = "publish_practice_notes"
    REDUCE_PRODUCTION_REQUIREMENT = "reduce_production_requirement"
    # §4.2 fagansvarlig enhet
    DOCUMENT_PRACTICE = "document_practice"
    DEFINE_CATEGORIES = "define_categories"
    CATEGORISE_WITH_KOR_AND_PU = "categorise_with_kor_and_pu"
    TRAINING_PROGRAMME = "training_programme"
    ESTABLISH_FORUMS = "establish_forums"
    # §4.3 bistandsenhet
    APPOINT_CONTACTS = "appoint_contacts"
    LEARN_COUNTRY_PRACTICE = "learn_country_practice"
    TAKE_PART_IN_TRAINING = "take_part_in_training"
    IMPROVE_CONTINUOUSLY = "improve_continuously"
    # §4.4 intervjufaglig nettverk
    QUALITY_ASSURE_GUIDE = "quality_assure_interview_guide"
    INTERVIEW_GUIDANCE = "interview_guidance"
    INTERVIEW_STRATEGY = "interview_strategy"
    # §4.5 Fagsystemgruppen
    CREATE_MARKING_CODES = "create_marking_codes"
    TEMPLATES = "conditions_and_templates"
    MASS_PROCESSING = "mass_processing_support"
    EDIFF = "ediff"
    STATISTICS = "statistics"


TASKS_OF: dict[RoleKind, tuple[Task, ...]] = {
    RoleKind.LEADERSHIP: (
        Task.MONITOR_ARRIVALS,
        Task.UPDATE_PRACTICE_NOTES,
        Task.PUBLISH_PRACTICE_NOTES,
        Task.REDUCE_PRODUCTION_REQUIREMENT,
    ),
    RoleKind.RESPONSIBLE: (
        Task.DOCUMENT_PRACTICE,
        Task.DEFINE_CATEGORIES,
        Task.CATEGORISE_WITH_KOR_AND_PU,
        Task.TRAINING_PROGRAMME,
        Task.ESTABLISH_FORUMS,
    ),
    RoleKind.ASSISTING: (
        Task.APPOINT_CONTACTS,
        Task.LEARN_COUNTRY_PRACTICE,
        Task.TAKE_PART_IN_TRAINING,
        Task.IMPROVE_CONTINUOUSLY,
    ),
    RoleKind.INTERVIEW_NETWORK: (
        Task.QUALITY_ASSURE_GUIDE,
        Task.INTERVIEW_GUIDANCE,
        Task.INTERVIEW_STRATEGY,
    ),
    RoleKind.SYSTEM_GROUP: (
        Task.CREATE_MARKING_CODES,
        Task.TEMPLATES,
        Task.MASS_PROCESSING,
        Task.EDIFF,
        Task.STATISTICS,
    ),
}
"""Which checklist items each role has (§4.1-§4.5)."""

FACT_TASKS: frozenset[Task] = frozenset(
    {
        Task.REDUCE_PRODUCTION_REQUIREMENT,
        Task.DEFINE_CATEGORIES,
        Task.CATEGORISE_WITH_KOR_AND_PU,
        Task.CREATE_MARKING_CODES,
        Task.APPOINT_CONTACTS,
        Task.TAKE_PART_IN_TRAINING,
    }
)
"""Items whose status is the fact a dedicated command records (and activation checks)."""


class ItemStatus(enum.Enum):
    OPEN = "open"
    DONE = "done"


@frozen
class ChecklistItem:
    """One checklist item of a role: who owns it, whether it is done, on what evidence."""

    role: RoleKind
    task: Task
    owner: UnitId
    status: ItemStatus = ItemStatus.OPEN
    evidence: str | None = None
    done_on: date | None = None


class TrainingElement(enum.Enum):
    """The four elements of the training before start (§8)."""

    LANDINFO_INTRODUCTION = "landinfo_introduction"  # Innføring hos Landinfo
    PRACTICE_REVIEW = "practice_review"  # Gjennomgang av praksis
    INTERVIEW_GUIDE_REVIEW = "interview_guide_review"  # Gjennomgang av intervjuguide
    INTERVIEW_PRACTICE_AND_STRATEGY = "interview_practice_and_strategy"  # intervjupraksis


@frozen
class Contact:
    """A country-practice contact (landpraksiskontakt) of a participating unit."""

    employee: EmployeeId
    interview_coordinator: bool = False


@frozen
class Participant:
    """A participating unit: its role, production requirement and preparation.

    ``production_requirement`` is the capacity the distribution follows; for the
    responsible unit ``normal_requirement`` is what it would be without the reduction.
    """

    unit: UnitId
    role: RoleKind
    production_requirement: int | None = None
    normal_requirement: int | None = None
    training: frozenset[TrainingElement] = frozenset()
    contacts: tuple[Contact, ...] = ()

    @property
    def reduced(self) -> bool:
        return (
            self.production_requirement is not None
            and self.normal_requirement is not None
            and self.production_requirement < self.normal_requirement
        )


@frozen
class Category:
    """A category for differentiation: complexity, the competence it needs, its DUF
    marking code (SP-05) and when the categorisation including it was presented to PU."""

    code: str
    name: str
    complexity: Complexity
    competence: str
    duf_code: str | None = None
    presented_to_pu_on: date | None = None


@frozen
class Clearance:
    """From ``on``, ``unit`` may also take ``categories`` (clearance only widens)."""

    on: date
    unit: UnitId
    categories: frozenset[str]


@frozen
class ClearancePlan:
    """Which categories each assisting unit takes when; from ``ends_on`` every unit takes
    every category (SP-09). ``easy_share_percent`` is the responsible unit's share of the
    easy cases (SP-09b). The responsible unit takes every category throughout."""

    steps: tuple[Clearance, ...]
    ends_on: date
    easy_share_percent: int

    def cleared(self, unit: UnitId, on: date) -> frozenset[str] | None:
        """The categories ``unit`` is cleared for on ``on``; None means all of them."""
        if on >= self.ends_on:
            return None
        found: set[str] = set()
        for step in self.steps:
            if step.unit == unit and step.on <= on:
                found |= step.categories
        return frozenset(found)


@frozen
class CaseBook:
    """The sorted cases in arrival order, as parallel tuples: DUF case number (12
    digits), category code and the PU arrival registration each was sorted from."""

    numbers: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    registrations: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.numbers)


@frozen
class UnitCount:
    unit: UnitId
    category: str
    count: int


@frozen
class DistributionRun:
    """One run of the engine over the cases ``first .. first + len(unit_of_case) - 1``.

    ``unit_of_case[i]`` indexes ``units``; the counts per unit and category, the targets,
    the clearance in force and the easy share are kept for the record."""

    number: int
    on: date
    first: int
    units: tuple[UnitId, ...]
    unit_of_case: tuple[int, ...]
    counts: tuple[UnitCount, ...]
    targets: tuple[int, ...]
    easy_share: int


@frozen
class BankEntry:
    """A decision in the decision bank (vedtaksbank), with its category.

    An outdated entry keeps an explanation and, if there is one, the entry replacing it."""

    entry_id: str
    category: str
    case: str
    summary: str
    added_on: date
    outdated_on: date | None = None
    explanation: str | None = None
    replaced_by: str | None = None

    @property
    def current(self) -> bool:
        return self.outdated_on is None


class ForumKind(enum.Enum):
    PRACTICE_FORUM = "practice_forum"  # Praksisforum
    SOLUTION_CORNER = "solution_corner"  # Løsningskrok


class Party(enum.Enum):
    """Who the responsible unit notifies and involves (§6)."""

    LANDINFO = "Landinfo"
    BFE = "BFE"
    F1 = "F1"


@frozen
class SharedPortfolio:
    """One shared portfolio, usually one country's asylum cases."""

    country: str
    name: str
    phase: Phase
    leadership: UnitId
    responsible: UnitId
    interview_network: UnitId
    system_group: UnitId
    participants: tuple[Participant, ...]
    checklist: tuple[ChecklistItem, ...]
    categories: tuple[Category, ...] = ()
    plan: ClearancePlan | None = None
    interview_free_until: date | None = None
    invited_to_training: frozenset[UnitId] = frozenset()
    notified: frozenset[Party] = frozenset()
    side_cases_assessed: str | None = None
    cases: CaseBook = CaseBook()
    runs: tuple[DistributionRun, ...] = ()
    bank: tuple[BankEntry, ...] = ()
    forums_held: int = 0
    activated_on: date | None = None
    ended_on: date | None = None

    def participant(self, unit: UnitId) -> Participant | None:
        return next((p for p in self.participants if p.unit == unit), None)

    def category(self, code: str) -> Category | None:
        return next((c for c in self.categories if c.code == code), None)

    @property
    def assisting(self) -> tuple[Participant, ...]:
        return tuple(p for p in self.participants if p.role is RoleKind.ASSISTING)

    @property
    def distributed(self) -> int:
        """How many cases (from the first) have been distributed."""
        last = self.runs[-1] if self.runs else None
        return last.first + len(last.unit_of_case) if last is not None else 0

    def holder(self, case: str) -> UnitId | None:
        """The unit a case was assigned to, if it was."""
        try:
            position = self.cases.numbers.index(case)
        except ValueError:
            return None
        for run in reversed(self.runs):
            if run.first <= position < run.first + len(run.unit_of_case):
                return run.units[run.unit_of_case[position - run.first]]
        return None
