"""The shared-portfolio service (IM 2016-003): commands and queries.

Each command payload is plain data; the service parses it (an InvalidInput names the
field), looks up units and employees in the organisation inside the unit of work, and
hands the parsed values to the pure commands of
:mod:`udi_core.domain.shared_portfolio.commands`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, ClassVar

from attrs import frozen
from returns.result import Failure, Result, Success

from udi_core.app.inputs import find_employee, find_unit, parse_choice
from udi_core.app.runner import CommandRunner, Outcome
from udi_core.domain.kernel.advisories import Advisory
from udi_core.domain.kernel.aggregate import Context, Decision
from udi_core.domain.kernel.effects import valid_marking_code
from udi_core.domain.kernel.errors import Breach, DomainError, InvalidInput, NotFound, invalid
from udi_core.domain.kernel.identifiers import DufCaseNumber, EmployeeId, UnitId, require_text
from udi_core.domain.kernel.organisation import Employee
from udi_core.domain.shared_portfolio import KIND
from udi_core.domain.shared_portfolio import commands as sp
from udi_core.domain.shared_portfolio import preparedness as prep
from udi_core.domain.shared_portfolio.distribution import Complexity
from udi_core.domain.shared_portfolio.model import (
    ChecklistItem,
    Clearance,
    ForumKind,
    Party,
    RoleKind,
    SharedPortfolio,
    Task,
    TrainingElement,
)
from udi_core.domain.shared_portfolio.readiness import (
    BankView,
    activation_advisories,
    activation_breaches,
    bank_view,
    checklist,
)
from udi_core.ports.persistence import Store, UnitOfWork


@frozen
class PlanPortfolio:
    """ASA leadership plans a shared portfolio and names its roles."""

    actor: str
    portfolio_id: str
    country: str
    name: str
    leadership_unit: str
    responsible_unit: str
    interview_network_unit: str
    system_group_unit: str

    AUTHORITY: ClassVar[str] = "SP-01"


@frozen
class AddAssistingUnit:
    actor: str
    portfolio_id: str
    unit_id: str

    AUTHORITY: ClassVar[str] = "SP-01"


@frozen
class StartPreparation:
    actor: str
    portfolio_id: str

    AUTHORITY: ClassVar[str] = "SP-01"


@frozen
class SetProductionRequirement:
    """A unit's production requirement; for the responsible unit with its normal one."""

    actor: str
    portfolio_id: str
    unit_id: str
    requirement: int
    normal_requirement: int | None = None

    AUTHORITY: ClassVar[str] = "SP-03"


@frozen
class GrantInterviewFreePeriod:
    actor: str
    portfolio_id: str
    until: date

    AUTHORITY: ClassVar[str] = "SP-03b"


@frozen
class DefineCategory:
    actor: str
    portfolio_id: str
    code: str
    name: str
    complexity: str  # low, medium, high
    competence: str

    AUTHORITY: ClassVar[str] = "SP-04"


@frozen
class PresentCategoriesToPu:
    actor: str
    portfolio_id: str
    note: str

    AUTHORITY: ClassVar[str] = "SP-04"


@frozen
class CreateMarkingCode:
    actor: str
    portfolio_id: str
    category: str
    duf_code: str

    AUTHORITY: ClassVar[str] = "SP-05"


@frozen
class RecordTraining:
    actor: str
    portfolio_id: str
    unit_id: str
    elements: tuple[str, ...]
    on: date

    AUTHORITY: ClassVar[str] = "SP-07"


@frozen
class InviteToTraining:
    actor: str
    portfolio_id: str
    unit_id: str

    AUTHORITY: ClassVar[str] = "SP-07b"


@frozen
class AppointContact:
    actor: str
    portfolio_id: str
    unit_id: str
    employee_id: str
    interview_coordinator: bool = False

    AUTHORITY: ClassVar[str] = "SP-08"


@frozen
class CompleteChecklistItem:
    actor: str
    portfolio_id: str
    role: str
    task: str
    owner_unit: str
    evidence: str

    AUTHORITY: ClassVar[str] = "SP-01"


@frozen
class ActivatePortfolio:
    actor: str
    portfolio_id: str

    AUTHORITY: ClassVar[str] = "SP-01"


@frozen
class EndPortfolio:
    actor: str
    portfolio_id: str

    AUTHORITY: ClassVar[str] = "SP-01"


@frozen
class ClearanceStep:
    """From ``on``, ``unit_id`` also takes ``categories``."""

    on: date
    unit_id: str
    categories: tuple[str, ...]


@frozen
class SetClearancePlan:
    actor: str
    portfolio_id: str
    steps: tuple[ClearanceStep, ...]
    ends_on: date
    easy_share_percent: int

    AUTHORITY: ClassVar[str] = "SP-09"


@frozen
class CaseToSort:
    """A case from the PU arrival registration ``registration``, into ``category``."""

    case: str
    category: str
    registration: str


@frozen
class SortCases:
    actor: str
    portfolio_id: str
    cases: tuple[CaseToSort, ...]

    AUTHORITY: ClassVar[str] = "SP-06"


@frozen
class DistributeCases:
    actor: str
    portfolio_id: str

    AUTHORITY: ClassVar[str] = "SP-09"


@frozen
class AddBankEntry:
    actor: str
    portfolio_id: str
    entry_id: str
    category: str
    case: str
    summary: str

    AUTHORITY: ClassVar[str] = "SP-10"


@frozen
class OutdateBankEntry:
    actor: str
    portfolio_id: str
    entry_id: str
    explanation: str
    replaced_by: str | None = None

    AUTHORITY: ClassVar[str] = "SP-10"


@frozen
class RemoveBankEntry:
    actor: str
    portfolio_id: str
    entry_id: str
    explanation: str

    AUTHORITY: ClassVar[str] = "SP-10"


@frozen
class HoldForum:
    actor: str
    portfolio_id: str
    kind: str  # practice_forum, solution_corner
    on: date
    topic: str
    participants: tuple[str, ...] = ()

    AUTHORITY: ClassVar[str] = "SP-11"


@frozen
class NotifyParty:
    actor: str
    portfolio_id: str
    party: str  # Landinfo, BFE, F1
    note: str

    AUTHORITY: ClassVar[str] = "SP-13"


@frozen
class AssessSideCases:
    actor: str
    portfolio_id: str
    conclusion: str

    AUTHORITY: ClassVar[str] = "SP-13"


@frozen
class PublishPracticeDocument:
    actor: str
    country: str
    kind: str  # practice_note, interview_guide, favourite_texts
    reference: str

    AUTHORITY: ClassVar[str] = "SP-02"


@frozen
class WithdrawPracticeDocument:
    actor: str
    country: str
    kind: str
    reason: str

    AUTHORITY: ClassVar[str] = "SP-02"


@frozen
class FlagCountry:
    """ASA leadership flags (``rising`` true) or unflags a country as likely to rise."""

    actor: str
    country: str
    rising: bool
    reason: str

    AUTHORITY: ClassVar[str] = "SP-02"


@frozen
class Readiness:
    """What keeps a portfolio from activation (MUST) and what activation would advise."""

    unmet: tuple[Breach, ...]
    advisories: tuple[Advisory, ...]


Step = Callable[
    [SharedPortfolio, Context, UnitOfWork], Result[Decision[SharedPortfolio], DomainError]
]


def _text(raw: object, field: str, max_len: int = 500) -> Result[str, InvalidInput]:
    return require_text(raw, field, max_len=max_len)


class SharedPortfolioService:
    """Runs the commands of IM 2016-003 and answers its queries."""

    def __init__(self, runner: CommandRunner, store: Store) -> None:
        self._runner = runner
        self._store = store

    def handlers(self) -> Mapping[type, Any]:
        return {
            PlanPortfolio: self.plan,
            AddAssistingUnit: self.add_assisting_unit,
            StartPreparation: self.start_preparation,
            SetProductionRequirement: self.set_production_requirement,
            GrantInterviewFreePeriod: self.grant_interview_free_period,
            DefineCategory: self.define_category,
            PresentCategoriesToPu: self.present_to_pu,
            CreateMarkingCode: self.create_marking_code,
            RecordTraining: self.record_training,
            InviteToTraining: self.invite_to_training,
            AppointContact: self.appoint_contact,
            CompleteChecklistItem: self.complete_item,
            ActivatePortfolio: self.activate,
            EndPortfolio: self.end,
            SetClearancePlan: self.set_clearance_plan,
            SortCases: self.sort_cases,
            DistributeCases: self.distribute,
            AddBankEntry: self.add_bank_entry,
            OutdateBankEntry: self.outdate_bank_entry,
            RemoveBankEntry: self.remove_bank_entry,
            HoldForum: self.hold_forum,
            NotifyParty: self.notify_party,
            AssessSideCases: self.assess_side_cases,
            PublishPracticeDocument: self.publish_document,
            WithdrawPracticeDocument: self.withdraw_document,
            FlagCountry: self.flag_country,
        }

    # -- plumbing ----------------------------------------------------------------------

    def _run(
        self, portfolio_id: str, actor: str, step: Step
    ) -> Result[Outcome[SharedPortfolio], DomainError]:
        parsed = UnitId.parse(portfolio_id, "portfolio_id")
        if isinstance(parsed, Failure):
            return Failure(parsed.failure())

        def decide(
            state: SharedPortfolio | None, ctx: Context, uow: UnitOfWork
        ) -> Result[Decision[SharedPortfolio], DomainError]:
            if state is None:
                return Failure(NotFound("shared portfolio", portfolio_id, "portfolio_id"))
            return step(state, ctx, uow)

        return self._runner.run(KIND, portfolio_id, actor, decide)

    # -- roles and lifecycle -------------------------------------------------------------

    def plan(self, c: PlanPortfolio) -> Result[Outcome[SharedPortfolio], DomainError]:
        pid = UnitId.parse(c.portfolio_id, "portfolio_id")
        if isinstance(pid, Failure):
            return Failure(pid.failure())
        country = prep.parse_country(c.country)
        if isinstance(country, Failure):
            return Failure(country.failure())
        name = _text(c.name, "name", 200)
        if isinstance(name, Failure):
            return Failure(name.failure())

        def decide(
            state: SharedPortfolio | None, ctx: Context, uow: UnitOfWork
        ) -> Result[Decision[SharedPortfolio], DomainError]:
            units = []
            for raw, fld in (
                (c.leadership_unit, "leadership_unit"),
                (c.responsible_unit, "responsible_unit"),
                (c.interview_network_unit, "interview_network_unit"),
                (c.system_group_unit, "system_group_unit"),
            ):
                found = find_unit(uow, raw, fld)
                if isinstance(found, Failure):
                    return Failure(found.failure())
                units.append(found.unwrap())
            lead, responsible, network, system = units
            return sp.plan_portfolio(
                state, country.unwrap(), name.unwrap(), lead, responsible, network, system, ctx
            )

        return self._runner.run(KIND, c.portfolio_id, c.actor, decide)

    def add_assisting_unit(
        self, c: AddAssistingUnit
    ) -> Result[Outcome[SharedPortfolio], DomainError]:
        def step(s: SharedPortfolio, ctx: Context, uow: UnitOfWork) -> sp.Outcome:
            unit = find_unit(uow, c.unit_id, "unit_id")
            if isinstance(unit, Failure):
                return Failure(unit.failure())
            return sp.add_assisting_unit(s, unit.unwrap(), ctx)

        return self._run(c.portfolio_id, c.actor, step)

    def start_preparation(
        self, c: StartPreparation
    ) -> Result[Outcome[SharedPortfolio], DomainError]:
        return self._run(c.portfolio_id, c.actor, lambda s, ctx, _u: sp.start_preparing(s, ctx))

    def set_production_requirement(
        self, c: SetProductionRequirement
    ) -> Result[Outcome[SharedPortfolio], DomainError]:
        if c.requirement < 1:
            return invalid("requirement", "a production requirement of at least 1", c.requirement)
        normal = c.normal_requirement if c.normal_requirement is not None else c.requirement
        if normal < 1:
            return invalid("normal_requirement", "a requirement of at least 1", normal)

        def step(s: SharedPortfolio, ctx: Context, uow: UnitOfWork) -> sp.Outcome:
            unit = find_unit(uow, c.unit_id, "unit_id")
            if isinstance(unit, Failure):
                return Failure(unit.failure())
            return sp.set_production_requirement(s, unit.unwrap().id, c.requirement, normal, ctx)

        return self._run(c.portfolio_id, c.actor, step)

    def grant_interview_free_period(
        self, c: GrantInterviewFreePeriod
    ) -> Result[Outcome[SharedPortfolio], DomainError]:
        return self._run(
            c.portfolio_id,
            c.actor,
            lambda s, ctx, _u: sp.grant_interview_free_period(s, c.until, ctx),
        )

    def activate(self, c: ActivatePortfolio) -> Result[Outcome[SharedPortfolio], DomainError]:
        return self._run(c.portfolio_id, c.actor, lambda s, ctx, _u: sp.activate(s, ctx))

    def end(self, c: EndPortfolio) -> Result[Outcome[SharedPortfolio], DomainError]:
        return self._run(c.portfolio_id, c.actor, lambda s, ctx, _u: sp.end_portfolio(s, ctx))

    def complete_item(
        self, c: CompleteChecklistItem
    ) -> Result[Outcome[SharedPortfolio], DomainError]:
        role = parse_choice(RoleKind, c.role, "role")
        if isinstance(role, Failure):
            return Failure(role.failure())
        task = parse_choice(Task, c.task, "task")
        if isinstance(task, Failure):
            return Failure(task.failure())
        owner = UnitId.parse(c.owner_unit, "owner_unit")
        if isinstance(owner, Failure):
            return Failure(owner.failure())
        evidence = _text(c.evidence, "evidence")
        if isinstance(evidence, Failure):
            return Failure(evidence.failure())
        return self._run(
            c.portfolio_id,
            c.actor,
            lambda s, ctx, _u: sp.complete_item(
                s, role.unwrap(), task.unwrap(), owner.unwrap(), evidence.unwrap(), ctx
            ),
        )

    # -- categories, training, contacts ------------------------------------------------

    def define_category(self, c: DefineCategory) -> Result[Outcome[SharedPortfolio], DomainError]:
        code = _code(c.code, "code")
        if isinstance(code, Failure):
            return Failure(code.failure())
        name = _text(c.name, "name", 200)
        if isinstance(name, Failure):
            return Failure(name.failure())
        complexity = parse_choice(Complexity, c.complexity, "complexity")
        if isinstance(complexity, Failure):
            return Failure(complexity.failure())
        competence = _text(c.competence, "competence")
        if isinstance(competence, Failure):
            return Failure(competence.failure())
        return self._run(
            c.portfolio_id,
            c.actor,
            lambda s, ctx, _u: sp.define_category(
                s, code.unwrap(), name.unwrap(), complexity.unwrap(), competence.unwrap(), ctx
            ),
        )

    def present_to_pu(
        self, c: PresentCategoriesToPu
    ) -> Result[Outcome[SharedPortfolio], DomainError]:
        note = _text(c.note, "note")
        if isinstance(note, Failure):
            return Failure(note.failure())
        return self._run(
            c.portfolio_id, c.actor, lambda s, ctx, _u: sp.present_to_pu(s, note.unwrap(), ctx)
        )

    def create_marking_code(
        self, c: CreateMarkingCode
    ) -> Result[Outcome[SharedPortfolio], DomainError]:
        if not valid_marking_code(c.duf_code):
            return invalid(
                "duf_code", "a DUF marking code (A-Z, 0-9, _ or -; at most 32)", c.duf_code
            )
        return self._run(
            c.portfolio_id,
            c.actor,
            lambda s, ctx, _u: sp.create_marking_code(s, c.category, c.duf_code, ctx),
        )

    def record_training(self, c: RecordTraining) -> Result[Outcome[SharedPortfolio], DomainError]:
        elements: set[TrainingElement] = set()
        for i, raw in enumerate(c.elements):
            element = parse_choice(TrainingElement, raw, f"elements[{i}]")
            if isinstance(element, Failure):
                return Failure(element.failure())
            elements.add(element.unwrap())
        if not elements:
            return invalid("elements", "at least one training element", "")

        def step(s: SharedPortfolio, ctx: Context, uow: UnitOfWork) -> sp.Outcome:
            unit = find_unit(uow, c.unit_id, "unit_id")
            if isinstance(unit, Failure):
                return Failure(unit.failure())
            return sp.record_training(s, unit.unwrap().id, frozenset(elements), c.on, ctx)

        return self._run(c.portfolio_id, c.actor, step)

    def invite_to_training(
        self, c: InviteToTraining
    ) -> Result[Outcome[SharedPortfolio], DomainError]:
        def step(s: SharedPortfolio, ctx: Context, uow: UnitOfWork) -> sp.Outcome:
            unit = find_unit(uow, c.unit_id, "unit_id")
            if isinstance(unit, Failure):
                return Failure(unit.failure())
            return sp.invite_to_training(s, unit.unwrap(), ctx)

        return self._run(c.portfolio_id, c.actor, step)

    def appoint_contact(self, c: AppointContact) -> Result[Outcome[SharedPortfolio], DomainError]:
        def step(s: SharedPortfolio, ctx: Context, uow: UnitOfWork) -> sp.Outcome:
            unit = find_unit(uow, c.unit_id, "unit_id")
            if isinstance(unit, Failure):
                return Failure(unit.failure())
            employee = find_employee(uow, c.employee_id, "employee_id")
            if isinstance(employee, Failure):
                return Failure(employee.failure())
            return sp.appoint_contact(
                s, unit.unwrap().id, employee.unwrap(), c.interview_coordinator, ctx
            )

        return self._run(c.portfolio_id, c.actor, step)

    # -- clearance plan, sorting, distribution -------------------------------------------

    def set_clearance_plan(
        self, c: SetClearancePlan
    ) -> Result[Outcome[SharedPortfolio], DomainError]:
        if not 0 <= c.easy_share_percent <= 100:
            return invalid("easy_share_percent", "a percentage 0-100", c.easy_share_percent)

        def step(s: SharedPortfolio, ctx: Context, uow: UnitOfWork) -> sp.Outcome:
            steps = []
            for i, raw in enumerate(c.steps):
                unit = find_unit(uow, raw.unit_id, f"steps[{i}].unit_id")
                if isinstance(unit, Failure):
                    return Failure(unit.failure())
                steps.append(Clearance(raw.on, unit.unwrap().id, frozenset(raw.categories)))
            return sp.set_clearance_plan(s, tuple(steps), c.ends_on, c.easy_share_percent, ctx)

        return self._run(c.portfolio_id, c.actor, step)

    def sort_cases(self, c: SortCases) -> Result[Outcome[SharedPortfolio], DomainError]:
        if not c.cases:
            return invalid("cases", "at least one case to sort", "")
        entries = []
        for i, raw in enumerate(c.cases):
            case = DufCaseNumber.parse(raw.case, f"cases[{i}].case")
            if isinstance(case, Failure):
                return Failure(case.failure())
            registration = _text(raw.registration, f"cases[{i}].registration", 100)
            if isinstance(registration, Failure):
                return Failure(registration.failure())
            entries.append(sp.SortEntry(case.unwrap(), raw.category, registration.unwrap()))
        return self._run(
            c.portfolio_id,
            c.actor,
            lambda s, ctx, _u: sp.sort_cases(s, c.portfolio_id, entries, ctx),
        )

    def distribute(self, c: DistributeCases) -> Result[Outcome[SharedPortfolio], DomainError]:
        return self._run(c.portfolio_id, c.actor, lambda s, ctx, _u: sp.distribute_cases(s, ctx))

    # -- decision bank, forums, notifications ----------------------------------------------

    def add_bank_entry(self, c: AddBankEntry) -> Result[Outcome[SharedPortfolio], DomainError]:
        entry_id = _code(c.entry_id, "entry_id")
        if isinstance(entry_id, Failure):
            return Failure(entry_id.failure())
        case = DufCaseNumber.parse(c.case, "case")
        if isinstance(case, Failure):
            return Failure(case.failure())
        summary = _text(c.summary, "summary", 2000)
        if isinstance(summary, Failure):
            return Failure(summary.failure())
        return self._run(
            c.portfolio_id,
            c.actor,
            lambda s, ctx, _u: sp.add_bank_entry(
                s, entry_id.unwrap(), c.category, case.unwrap().value, summary.unwrap(), ctx
            ),
        )

    def outdate_bank_entry(
        self, c: OutdateBankEntry
    ) -> Result[Outcome[SharedPortfolio], DomainError]:
        explanation = _text(c.explanation, "explanation", 2000)
        if isinstance(explanation, Failure):
            return Failure(explanation.failure())
        return self._run(
            c.portfolio_id,
            c.actor,
            lambda s, ctx, _u: sp.outdate_bank_entry(
                s, c.entry_id, explanation.unwrap(), c.replaced_by, ctx
            ),
        )

    def remove_bank_entry(
        self, c: RemoveBankEntry
    ) -> Result[Outcome[SharedPortfolio], DomainError]:
        explanation = _text(c.explanation, "explanation", 2000)
        if isinstance(explanation, Failure):
            return Failure(explanation.failure())
        return self._run(
            c.portfolio_id,
            c.actor,
            lambda s, ctx, _u: sp.remove_bank_entry(s, c.entry_id, explanation.unwrap(), ctx),
        )

    def hold_forum(self, c: HoldForum) -> Result[Outcome[SharedPortfolio], DomainError]:
        kind = parse_choice(ForumKind, c.kind, "kind")
        if isinstance(kind, Failure):
            return Failure(kind.failure())
        topic = _text(c.topic, "topic")
        if isinstance(topic, Failure):
            return Failure(topic.failure())
        people = []
        for i, raw in enumerate(c.participants):
            person = EmployeeId.parse(raw, f"participants[{i}]")
            if isinstance(person, Failure):
                return Failure(person.failure())
            people.append(person.unwrap())
        return self._run(
            c.portfolio_id,
            c.actor,
            lambda s, ctx, _u: sp.hold_forum(
                s, kind.unwrap(), c.on, topic.unwrap(), frozenset(people), ctx
            ),
        )

    def notify_party(self, c: NotifyParty) -> Result[Outcome[SharedPortfolio], DomainError]:
        party = parse_choice(Party, c.party, "party")
        if isinstance(party, Failure):
            return Failure(party.failure())
        note = _text(c.note, "note")
        if isinstance(note, Failure):
            return Failure(note.failure())
        return self._run(
            c.portfolio_id,
            c.actor,
            lambda s, ctx, _u: sp.notify_party(s, party.unwrap(), note.unwrap(), ctx),
        )

    def assess_side_cases(
        self, c: AssessSideCases
    ) -> Result[Outcome[SharedPortfolio], DomainError]:
        conclusion = _text(c.conclusion, "conclusion", 2000)
        if isinstance(conclusion, Failure):
            return Failure(conclusion.failure())
        return self._run(
            c.portfolio_id,
            c.actor,
            lambda s, ctx, _u: sp.assess_side_cases(s, conclusion.unwrap(), ctx),
        )

    # -- preparedness (country_practice) ----------------------------------------------------

    def publish_document(
        self, c: PublishPracticeDocument
    ) -> Result[Outcome[prep.CountryPractice], DomainError]:
        return self._practice_document(
            c.actor, c.country, c.kind, c.reference, "reference", prep.publish_document
        )

    def withdraw_document(
        self, c: WithdrawPracticeDocument
    ) -> Result[Outcome[prep.CountryPractice], DomainError]:
        return self._practice_document(
            c.actor, c.country, c.kind, c.reason, "reason", prep.withdraw_document
        )

    def _practice_document(
        self,
        actor: str,
        country: str,
        kind: str,
        text: str,
        text_field: str,
        act: Callable[
            [prep.CountryPractice | None, str, prep.DocumentKind, str, Context],
            Result[Decision[prep.CountryPractice], DomainError],
        ],
    ) -> Result[Outcome[prep.CountryPractice], DomainError]:
        """Publish or withdraw a country's practice document (SP-02): country, kind and
        text checked in that order, then ``act`` decides."""
        parsed_country = prep.parse_country(country)
        if isinstance(parsed_country, Failure):
            return Failure(parsed_country.failure())
        parsed_kind = parse_choice(prep.DocumentKind, kind, "kind")
        if isinstance(parsed_kind, Failure):
            return Failure(parsed_kind.failure())
        checked = _text(text, text_field)
        if isinstance(checked, Failure):
            return Failure(checked.failure())
        name = parsed_country.unwrap()
        return self._runner.run(
            prep.COUNTRY_PRACTICE,
            name,
            actor,
            lambda s, ctx, _u: act(s, name, parsed_kind.unwrap(), checked.unwrap(), ctx),
        )

    def flag_country(self, c: FlagCountry) -> Result[Outcome[prep.CountryPractice], DomainError]:
        country = prep.parse_country(c.country)
        if isinstance(country, Failure):
            return Failure(country.failure())
        reason = _text(c.reason, "reason")
        if isinstance(reason, Failure):
            return Failure(reason.failure())

        def decide(
            s: prep.CountryPractice | None, ctx: Context, uow: UnitOfWork
        ) -> Result[Decision[prep.CountryPractice], DomainError]:
            unit = uow.organisation.unit(ctx.actor.unit)
            if unit is None:
                return Failure(NotFound("unit", str(ctx.actor.unit), "actor"))
            return prep.flag_rising(s, country.unwrap(), c.rising, reason.unwrap(), unit, ctx)

        return self._runner.run(prep.COUNTRY_PRACTICE, country.unwrap(), c.actor, decide)

    # -- queries -----------------------------------------------------------------------------

    def portfolio(self, portfolio_id: str) -> Result[SharedPortfolio, DomainError]:
        with self._store.unit_of_work() as uow:
            loaded = uow.repository(KIND).get(portfolio_id)
        if loaded is None:
            return Failure(NotFound("shared portfolio", portfolio_id, "portfolio_id"))
        return Success(loaded.state)

    def portfolios_of_unit(self, unit_id: str) -> list[str]:
        """The ids of the portfolios a unit takes part in."""
        with self._store.unit_of_work() as uow:
            return [loaded.id for loaded in uow.repository(KIND).find("unit", unit_id)]

    def checklist(self, portfolio_id: str) -> Result[tuple[ChecklistItem, ...], DomainError]:
        return self.portfolio(portfolio_id).map(checklist)

    def readiness(self, portfolio_id: str) -> Result[Readiness, DomainError]:
        return self.portfolio(portfolio_id).map(
            lambda s: Readiness(activation_breaches(s), activation_advisories(s))
        )

    def decision_bank(
        self, portfolio_id: str, category: str | None = None
    ) -> Result[BankView, DomainError]:
        """The bank, always with the notice that entries may not reflect today's practice."""
        return self.portfolio(portfolio_id).map(lambda s: bank_view(s, category))

    def preparedness_gaps(
        self, arrivals: Mapping[str, object]
    ) -> Result[tuple[prep.PreparednessGap, ...], DomainError]:
        """From arrival figures for a period (country -> count), the SP-02 gaps."""
        figures = []
        for country, count in arrivals.items():
            parsed = prep.parse_country(country, f"arrivals[{country!r}]")
            if isinstance(parsed, Failure):
                return Failure(parsed.failure())
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                return invalid(f"arrivals[{country!r}]", "a count of 0 or more", count)
            figures.append((parsed.unwrap(), count))
        with self._store.unit_of_work() as uow:
            repo = uow.repository(prep.COUNTRY_PRACTICE)
            flagged = [loaded.state.country for loaded in repo.find("flagged", "rising")]
            wanted = {c for c, _ in prep.largest(figures)} | set(flagged)
            practices = {}
            for country in wanted:
                loaded = repo.get(country)
                if loaded is not None:
                    practices[country] = loaded.state
        return Success(prep.preparedness_gaps(figures, practices, flagged))

    def check_line(
        self, portfolio_id: str, case: str, decider_id: str, reviewer_id: str | None = None
    ) -> Result[tuple[Advisory, ...], DomainError]:
        """SP-12: is ``decider_id`` in the unit holding the case? SP-12b: is the reviewer?"""
        number = DufCaseNumber.parse(case, "case")
        if isinstance(number, Failure):
            return Failure(number.failure())
        with self._store.unit_of_work() as uow:
            loaded = uow.repository(KIND).get(portfolio_id)
            if loaded is None:
                return Failure(NotFound("shared portfolio", portfolio_id, "portfolio_id"))
            decider = find_employee(uow, decider_id, "decider_id")
            if isinstance(decider, Failure):
                return Failure(decider.failure())
            reviewer: Employee | None = None
            if reviewer_id is not None:
                found = find_employee(uow, reviewer_id, "reviewer_id")
                if isinstance(found, Failure):
                    return Failure(found.failure())
                reviewer = found.unwrap()
        return sp.check_line(loaded.state, number.unwrap(), decider.unwrap(), reviewer)


def _code(raw: object, field: str) -> Result[str, InvalidInput]:
    """A short code (category, bank entry): letters, digits, '.', '_' or '-'."""
    return (
        UnitId.parse(raw, field)
        .map(str)
        .alt(
            lambda _e: InvalidInput(
                field, "a code of letters, digits, '.', '_' or '-'", str(raw)[:80]
            )
        )
    )
