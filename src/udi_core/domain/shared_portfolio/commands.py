"""The commands of a shared portfolio: pure functions that decide, never raise.

Each takes the current state (None before the portfolio is planned), the parsed payload
values (units and employees already looked up by the service) and the context, and
returns a Decision or a typed refusal naming the rule. Who may act is checked here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from attrs import frozen
from returns.result import Failure, Result, Success

from udi_core.domain.kernel.advisories import Advisory
from udi_core.domain.kernel.aggregate import Context, Decision, fold
from udi_core.domain.kernel.effects import AddDufCode
from udi_core.domain.kernel.errors import (
    Breach,
    DomainError,
    RuleViolation,
    invalid,
    refuse,
)
from udi_core.domain.kernel.identifiers import DufCaseNumber, EmployeeId, UnitId
from udi_core.domain.kernel.organisation import Department, Employee, OrgUnit, UnitKind
from udi_core.domain.kernel.rules import Rule
from udi_core.domain.shared_portfolio import rules as r
from udi_core.domain.shared_portfolio.distribution import (
    Complexity,
    DistributionInput,
    UnitSpec,
    distribute,
)
from udi_core.domain.shared_portfolio.events import (
    AssistingUnitAdded,
    BankEntryAdded,
    BankEntryOutdated,
    BankEntryRemoved,
    CasesDistributed,
    CasesSorted,
    CategorisationPresentedToPu,
    CategoryDefined,
    ChecklistItemCompleted,
    ClearancePlanSet,
    ContactAppointed,
    ForumHeld,
    InterviewFreePeriodGranted,
    InvitedToTraining,
    MarkingCodeCreated,
    PartyNotified,
    PortfolioActivated,
    PortfolioEnded,
    PortfolioPlanned,
    PreparationStarted,
    ProductionRequirementSet,
    SideCasesAssessed,
    TrainingHeld,
)
from udi_core.domain.shared_portfolio.evolve import evolve, planned
from udi_core.domain.shared_portfolio.model import (
    FACT_TASKS,
    BankEntry,
    Clearance,
    ClearancePlan,
    DistributionRun,
    ForumKind,
    Party,
    Phase,
    RoleKind,
    SharedPortfolio,
    Task,
    TrainingElement,
    UnitCount,
)
from udi_core.domain.shared_portfolio.readiness import activation_advisories, activation_breaches

KOR = UnitId("ASA-KOR")
"""Koordineringsenheten (earlier ANK): sorts and distributes with the responsible unit."""

Outcome = Result[Decision[SharedPortfolio], DomainError]


def _accept(
    state: SharedPortfolio,
    events: Sequence[object],
    rule_ids: Sequence[Rule],
    advisories: Sequence[Advisory] = (),
    effects: Sequence[AddDufCode] = (),
) -> Outcome:
    return Success(
        Decision(
            fold(evolve, state, events),
            tuple(events),
            tuple(effects),
            tuple(advisories),
            tuple(rule.id for rule in rule_ids),
        )
    )


def is_leadership(state_leadership: UnitId, actor: Employee) -> bool:
    """ASA leadership: a member of the portfolio's leadership unit or ASA's director."""
    return actor.unit == state_leadership or (
        actor.is_department_director and actor.department is Department.ASA
    )


def _lead(state: SharedPortfolio, ctx: Context, what: str) -> Failure[RuleViolation] | None:
    if is_leadership(state.leadership, ctx.actor):
        return None
    return refuse(r.SP_01, f"{what} is for ASA leadership ({state.leadership}), not {ctx.actor.id}")


def _member(
    unit: UnitId, ctx: Context, rule: Rule, what: str, role: str
) -> Failure[RuleViolation] | None:
    if ctx.actor.unit == unit:
        return None
    return refuse(rule, f"{what} is for the {role} ({unit}); {ctx.actor.id} is in {ctx.actor.unit}")


def _phase(
    state: SharedPortfolio, allowed: Sequence[Phase], what: str
) -> Failure[RuleViolation] | None:
    if state.phase in allowed:
        return None
    wanted = " or ".join(p.value for p in allowed)
    return refuse(r.SP_01, f"{what} needs a {wanted} portfolio; this one is {state.phase.value}")


def _asa_unit(unit: OrgUnit, role: str) -> Failure[RuleViolation] | None:
    if unit.department is Department.ASA and unit.kind is UnitKind.UNIT:
        return None
    return refuse(
        r.SP_01,
        f"the {role} is an ASA unit; {unit.id} is {unit.department.value} {unit.kind.value}",
    )


# -- roles and lifecycle -------------------------------------------------------------


def plan_portfolio(
    state: SharedPortfolio | None,
    country: str,
    name: str,
    leadership: OrgUnit,
    responsible: OrgUnit,
    interview_network: OrgUnit,
    system_group: OrgUnit,
    ctx: Context,
) -> Outcome:
    """ASA leadership plans a shared portfolio and names the roles (SP-01)."""
    if state is not None:
        return refuse(r.SP_01, f"the portfolio for {state.country} is already planned")
    if leadership.department is not Department.ASA or leadership.kind is not UnitKind.LEADERSHIP:
        return refuse(r.SP_01, f"{leadership.id} is not ASA leadership")
    if not is_leadership(leadership.id, ctx.actor):
        return refuse(
            r.SP_01, f"planning a shared portfolio is for ASA leadership, not {ctx.actor.id}"
        )
    if (refused := _asa_unit(responsible, "responsible unit")) is not None:
        return refused
    event = PortfolioPlanned(
        country,
        name,
        leadership.id,
        responsible.id,
        interview_network.id,
        system_group.id,
        ctx.today,
    )
    return Success(Decision(planned(event), (event,), rule_ids=(r.SP_01.id,)))


def add_assisting_unit(state: SharedPortfolio, unit: OrgUnit, ctx: Context) -> Outcome:
    """ASA leadership adds an assisting unit (bistandsenhet) (SP-01)."""
    refused = (
        _lead(state, ctx, "adding an assisting unit")
        or _phase(state, (Phase.PLANNED, Phase.PREPARING, Phase.ACTIVE), "adding a unit")
        or _asa_unit(unit, "assisting unit")
    )
    if refused is not None:
        return refused
    if state.participant(unit.id) is not None:
        return refuse(r.SP_01, f"{unit.id} already takes part in the portfolio")
    return _accept(state, [AssistingUnitAdded(unit.id)], [r.SP_01])


def start_preparing(state: SharedPortfolio, ctx: Context) -> Outcome:
    """Planned -> preparing, once there is at least one assisting unit (SP-01)."""
    refused = _lead(state, ctx, "starting preparation") or _phase(
        state, (Phase.PLANNED,), "starting preparation"
    )
    if refused is not None:
        return refused
    if not state.assisting:
        return refuse(r.SP_01, "a shared portfolio has one or more assisting units; none is added")
    return _accept(state, [PreparationStarted(ctx.today)], [r.SP_01])


def set_production_requirement(
    state: SharedPortfolio, unit: UnitId, requirement: int, normal: int, ctx: Context
) -> Outcome:
    """ASA leadership records a unit's production requirement (the capacity distribution
    follows). The responsible unit's must be below its normal requirement (SP-03)."""
    refused = _lead(state, ctx, "setting a production requirement") or _phase(
        state, (Phase.PLANNED, Phase.PREPARING, Phase.ACTIVE), "setting a production requirement"
    )
    if refused is not None:
        return refused
    if state.participant(unit) is None:
        return refuse(r.SP_01, f"{unit} does not take part in the portfolio")
    if unit == state.responsible and requirement >= normal:
        return refuse(
            r.SP_03,
            f"the responsible unit's requirement {requirement} is not below its normal "
            f"requirement {normal}",
        )
    return _accept(state, [ProductionRequirementSet(unit, requirement, normal)], [r.SP_03])


def grant_interview_free_period(state: SharedPortfolio, until: date, ctx: Context) -> Outcome:
    """ASA leadership gives the responsible unit an interview-free period (SP-03b)."""
    refused = _lead(state, ctx, "granting an interview-free period") or _phase(
        state, (Phase.PLANNED, Phase.PREPARING), "an interview-free preparation period"
    )
    if refused is not None:
        return refused
    return _accept(state, [InterviewFreePeriodGranted(until)], [r.SP_03b])


def activate(state: SharedPortfolio, ctx: Context) -> Outcome:
    """Preparing -> active. Refused with every unmet MUST item at once; unmet SHOULD
    items become advisories."""
    refused = _lead(state, ctx, "starting the sharing") or _phase(
        state, (Phase.PREPARING,), "activation"
    )
    if refused is not None:
        return refused
    breaches = activation_breaches(state)
    if breaches:
        return Failure(RuleViolation(breaches))
    advisories = activation_advisories(state)
    checked = [r.SP_01, r.SP_03, r.SP_04, r.SP_05, r.SP_07, r.SP_08]
    return _accept(
        state,
        [PortfolioActivated(ctx.today)],
        checked + [a.rule for a in advisories],
        advisories,
    )


def end_portfolio(state: SharedPortfolio, ctx: Context) -> Outcome:
    """ASA leadership ends the sharing."""
    refused = _lead(state, ctx, "ending the sharing") or _phase(state, (Phase.ACTIVE,), "ending")
    if refused is not None:
        return refused
    return _accept(state, [PortfolioEnded(ctx.today)], [r.SP_01])


def complete_item(
    state: SharedPortfolio, role: RoleKind, task: Task, owner: UnitId, evidence: str, ctx: Context
) -> Outcome:
    """The owner of a checklist item records it done, with its evidence (SP-01)."""
    if task in FACT_TASKS:
        return invalid("task", "a checklist item not recorded by its own command", task.value)
    if not any((i.role, i.task, i.owner) == (role, task, owner) for i in state.checklist):
        return invalid("task", f"an item of the {role.value} {owner} in this portfolio", task.value)
    if role is RoleKind.LEADERSHIP:
        refused = _lead(state, ctx, "a leadership checklist item")
    else:
        refused = _member(owner, ctx, r.SP_01, f"the item {task.value}", role.value)
    if refused is not None:
        return refused
    return _accept(
        state, [ChecklistItemCompleted(role, task, owner, evidence, ctx.today)], [r.SP_01]
    )


# -- categories, training, contacts -----------------------------------------------------


def define_category(
    state: SharedPortfolio,
    code: str,
    name: str,
    complexity: Complexity,
    competence: str,
    ctx: Context,
) -> Outcome:
    """The responsible unit defines a category for differentiation (SP-04)."""
    refused = _member(
        state.responsible, ctx, r.SP_04, "defining categories", "responsible unit"
    ) or _phase(state, (Phase.PLANNED, Phase.PREPARING, Phase.ACTIVE), "defining a category")
    if refused is not None:
        return refused
    if state.category(code) is not None:
        return refuse(r.SP_04, f"category {code!r} is already defined")
    return _accept(state, [CategoryDefined(code, name, complexity, competence)], [r.SP_04])


def present_to_pu(state: SharedPortfolio, note: str, ctx: Context) -> Outcome:
    """The responsible unit or KOR presents the categories not yet presented to PU (SP-04)."""
    if ctx.actor.unit not in (state.responsible, KOR):
        return refuse(
            r.SP_04,
            f"the categorisation is presented by the responsible unit or KOR, not {ctx.actor.unit}",
        )
    fresh = tuple(c.code for c in state.categories if c.presented_to_pu_on is None)
    if not fresh:
        return refuse(r.SP_04, "there is no category not yet presented to PU")
    return _accept(state, [CategorisationPresentedToPu(ctx.today, fresh, note)], [r.SP_04])


def create_marking_code(
    state: SharedPortfolio, category: str, duf_code: str, ctx: Context
) -> Outcome:
    """The system group creates the DUF marking code of a category (SP-05)."""
    refused = _member(
        state.system_group, ctx, r.SP_05, "creating DUF marking codes", "system group"
    )
    if refused is not None:
        return refused
    found = state.category(category)
    if found is None:
        return refuse(r.SP_05, f"no category {category!r} in this portfolio")
    if found.duf_code is not None:
        return refuse(r.SP_05, f"category {category!r} already has the code {found.duf_code}")
    if any(c.duf_code == duf_code for c in state.categories):
        return refuse(r.SP_05, f"the code {duf_code} already marks another category")
    return _accept(state, [MarkingCodeCreated(category, duf_code)], [r.SP_05])


def record_training(
    state: SharedPortfolio,
    unit: UnitId,
    elements: frozenset[TrainingElement],
    on: date,
    ctx: Context,
) -> Outcome:
    """The responsible unit (or the interview network) records training given (SP-07)."""
    if ctx.actor.unit not in (state.responsible, state.interview_network):
        return refuse(
            r.SP_07,
            "training is run by the responsible unit or the interview network, "
            f"not {ctx.actor.unit}",
        )
    if state.participant(unit) is None:
        return refuse(r.SP_07, f"{unit} does not take part in the portfolio")
    if on > ctx.today:
        return invalid("on", f"a date on or before {ctx.today.isoformat()}", on.isoformat())
    return _accept(state, [TrainingHeld(unit, elements, on)], [r.SP_07])


def invite_to_training(state: SharedPortfolio, unit: OrgUnit, ctx: Context) -> Outcome:
    """The responsible unit invites a unit (BFE, F1) to the training (SP-07b)."""
    refused = _member(state.responsible, ctx, r.SP_01, "inviting to training", "responsible unit")
    if refused is not None:
        return refused
    return _accept(state, [InvitedToTraining(unit.id)], [r.SP_07b])


def appoint_contact(
    state: SharedPortfolio, unit: UnitId, employee: Employee, coordinator: bool, ctx: Context
) -> Outcome:
    """A participating unit's leader appoints one of its own as country-practice contact
    (SP-08)."""
    if state.participant(unit) is None:
        return refuse(r.SP_08, f"{unit} does not take part in the portfolio")
    if not ctx.actor.leads(unit):
        return refuse(r.SP_08, f"{unit} appoints its own contacts; {ctx.actor.id} does not lead it")
    if employee.unit != unit:
        return refuse(r.SP_08, f"{employee.id} is in {employee.unit}, not in {unit}")
    p = state.participant(unit)
    if p is not None and any(c.employee == employee.id for c in p.contacts):
        return refuse(r.SP_08, f"{employee.id} is already a contact of {unit}")
    return _accept(state, [ContactAppointed(unit, employee.id, coordinator)], [r.SP_08])


# -- clearance plan, sorting, distribution ------------------------------------------------


def set_clearance_plan(
    state: SharedPortfolio,
    steps: tuple[Clearance, ...],
    ends_on: date,
    easy_share_percent: int,
    ctx: Context,
) -> Outcome:
    """The responsible unit sets which categories each assisting unit takes when; from
    ``ends_on`` every unit takes every category (SP-09)."""
    refused = _member(
        state.responsible, ctx, r.SP_09, "the clearance plan", "responsible unit"
    ) or _phase(state, (Phase.PREPARING, Phase.ACTIVE), "a clearance plan")
    if refused is not None:
        return refused
    breaches: list[Breach] = []
    for i, step in enumerate(steps):
        p = state.participant(step.unit)
        if p is None or p.role is not RoleKind.ASSISTING:
            breaches.append(Breach(r.SP_09, f"steps[{i}]: {step.unit} is not an assisting unit"))
        unknown = sorted(c for c in step.categories if state.category(c) is None)
        if unknown:
            breaches.append(Breach(r.SP_09, f"steps[{i}]: no categories {', '.join(unknown)}"))
        if step.on > ends_on:
            breaches.append(
                Breach(r.SP_09, f"steps[{i}]: {step.on} is after the plan's end {ends_on}")
            )
    if breaches:
        return Failure(RuleViolation(tuple(breaches)))
    advisories = []
    if easy_share_percent == 0:
        advisories.append(
            Advisory(r.SP_09b, "the responsible unit gets no share of the easy cases (0 %)")
        )
    plan = ClearancePlan(steps, ends_on, easy_share_percent)
    return _accept(state, [ClearancePlanSet(plan)], [r.SP_09, r.SP_09b], advisories)


@frozen
class SortEntry:
    """One case to sort: its DUF number, the category, and its PU arrival registration."""

    case: DufCaseNumber
    category: str
    registration: str


def sort_cases(
    state: SharedPortfolio, portfolio_id: str, entries: Sequence[SortEntry], ctx: Context
) -> Outcome:
    """KOR or the responsible unit sorts incoming cases into categories from their PU
    arrival registrations (SP-06); each case gets its category's DUF code (SP-05)."""
    if ctx.actor.unit not in (KOR, state.responsible):
        return refuse(
            r.SP_06,
            f"sorting is done by KOR or the responsible unit ({state.responsible}), "
            f"not by {ctx.actor.unit}",
        )
    if (refused := _phase(state, (Phase.ACTIVE,), "sorting cases")) is not None:
        return refused
    breaches: list[Breach] = []
    for code in sorted({e.category for e in entries}):
        category = state.category(code)
        if category is None:
            breaches.append(Breach(r.SP_04, f"no category {code!r} in this portfolio"))
        elif category.presented_to_pu_on is None:
            breaches.append(Breach(r.SP_04, f"category {code!r} is not yet presented to PU"))
        elif category.duf_code is None:
            breaches.append(Breach(r.SP_05, f"category {code!r} has no DUF marking code"))
    if breaches:
        return Failure(RuleViolation(tuple(breaches)))
    known = set(state.cases.numbers)
    for i, e in enumerate(entries):
        if e.case.value in known:
            return invalid(
                f"cases[{i}].case", "a case not yet sorted in this portfolio", e.case.value
            )
        known.add(e.case.value)
    codes = {c.code: c.duf_code for c in state.categories}
    effects = []
    for e in entries:
        duf_code = codes[e.category]
        if duf_code is not None:
            effects.append(AddDufCode(f"{portfolio_id}/sort/{e.case}/{duf_code}", e.case, duf_code))
    event = CasesSorted(
        ctx.actor.unit,
        ctx.today,
        tuple(e.case.value for e in entries),
        tuple(e.category for e in entries),
        tuple(e.registration for e in entries),
    )
    return _accept(state, [event], [r.SP_06, r.SP_04, r.SP_05], effects=effects)


def distribute_cases(state: SharedPortfolio, ctx: Context) -> Outcome:
    """KOR or the responsible unit distributes every sorted, undistributed case (SP-09)
    by the engine in :mod:`~udi_core.domain.shared_portfolio.distribution`."""
    if ctx.actor.unit not in (KOR, state.responsible):
        return refuse(
            r.SP_09, f"distribution is done by KOR or the responsible unit, not {ctx.actor.unit}"
        )
    if (refused := _phase(state, (Phase.ACTIVE,), "distributing cases")) is not None:
        return refused
    if state.plan is None:
        return refuse(r.SP_09, "there is no clearance plan saying which unit takes which category")
    missing = [str(p.unit) for p in state.participants if p.production_requirement is None]
    if missing:
        return refuse(r.SP_09, f"no production requirement (capacity) for {', '.join(missing)}")
    responsible = state.participant(state.responsible)
    if responsible is None or not responsible.reduced:
        return refuse(r.SP_03, "the responsible unit's production requirement is not reduced")
    first = state.distributed
    pending = state.cases.categories[first:]
    if not pending:
        return Success(Decision(state, (), rule_ids=(r.SP_09.id,)))
    index = {c.code: i for i, c in enumerate(state.categories)}
    everything = frozenset(range(len(state.categories)))
    specs = []
    for p in state.participants:
        cleared = None if p.unit == state.responsible else state.plan.cleared(p.unit, ctx.today)
        specs.append(
            UnitSpec(
                p.production_requirement or 1,
                everything if cleared is None else frozenset(index[c] for c in cleared),
            )
        )
    responsible_at = next(
        i for i, p in enumerate(state.participants) if p.unit == state.responsible
    )
    spec = DistributionInput(
        tuple(c.complexity for c in state.categories),
        tuple(specs),
        responsible_at,
        state.plan.easy_share_percent,
    )
    allocation = distribute(spec, [index[c] for c in pending])
    units = tuple(p.unit for p in state.participants)
    counts = tuple(
        UnitCount(units[u], state.categories[c].code, n)
        for u, row in enumerate(allocation.quotas)
        for c, n in enumerate(row)
        if n
    )
    run = DistributionRun(
        len(state.runs) + 1,
        ctx.today,
        first,
        units,
        allocation.unit_of_case,
        counts,
        allocation.targets,
        allocation.easy_share,
    )
    advisories = _easy_share_advisories(state, allocation.quotas[responsible_at])
    return _accept(state, [CasesDistributed(run)], [r.SP_09, r.SP_09b, r.SP_03], advisories)


def _easy_share_advisories(state: SharedPortfolio, row: tuple[int, ...]) -> list[Advisory]:
    got = [state.categories[c] for c, n in enumerate(row) if n]
    if got and all(c.complexity is Complexity.HIGH for c in got):
        return [Advisory(r.SP_09b, "the responsible unit got only the hardest cases in this run")]
    return []


# -- decision bank, forums, notifications ----------------------------------------------


def add_bank_entry(
    state: SharedPortfolio, entry_id: str, category: str, case: str, summary: str, ctx: Context
) -> Outcome:
    """The responsible unit adds a decision to the decision bank (SP-10)."""
    refused = _member(state.responsible, ctx, r.SP_10, "the decision bank", "responsible unit")
    if refused is not None:
        return refused
    if state.category(category) is None:
        return refuse(r.SP_10, f"no category {category!r}: entries are filed by category")
    if any(e.entry_id == entry_id for e in state.bank):
        return invalid("entry_id", "an entry id not yet in the bank", entry_id)
    entry = BankEntry(entry_id, category, case, summary, ctx.today)
    return _accept(state, [BankEntryAdded(entry)], [r.SP_10])


def _bank_entry(state: SharedPortfolio, entry_id: str) -> BankEntry | None:
    return next((e for e in state.bank if e.entry_id == entry_id), None)


def _left_without_example(state: SharedPortfolio, entry: BankEntry) -> list[Advisory]:
    if any(
        e.current and e.category == entry.category and e.entry_id != entry.entry_id
        for e in state.bank
    ):
        return []
    return [Advisory(r.SP_10b, f"category {entry.category!r} has no current example left")]


def outdate_bank_entry(
    state: SharedPortfolio, entry_id: str, explanation: str, replaced_by: str | None, ctx: Context
) -> Outcome:
    """Mark a decision that no longer matches practice, with an explanation (SP-10)."""
    refused = _member(state.responsible, ctx, r.SP_10, "the decision bank", "responsible unit")
    if refused is not None:
        return refused
    entry = _bank_entry(state, entry_id)
    if entry is None or not entry.current:
        return refuse(r.SP_10, f"no current entry {entry_id!r} in the decision bank")
    advisories: list[Advisory] = []
    if replaced_by is not None:
        other = _bank_entry(state, replaced_by)
        if other is None or not other.current or other.entry_id == entry_id:
            return refuse(r.SP_10, f"the replacement {replaced_by!r} is not another current entry")
    else:
        advisories = _left_without_example(state, entry)
    event = BankEntryOutdated(entry_id, ctx.today, explanation, replaced_by)
    return _accept(state, [event], [r.SP_10, r.SP_10b], advisories)


def remove_bank_entry(
    state: SharedPortfolio, entry_id: str, explanation: str, ctx: Context
) -> Outcome:
    """Remove a decision that no longer matches practice; the event keeps why (SP-10)."""
    refused = _member(state.responsible, ctx, r.SP_10, "the decision bank", "responsible unit")
    if refused is not None:
        return refused
    entry = _bank_entry(state, entry_id)
    if entry is None:
        return refuse(r.SP_10, f"no entry {entry_id!r} in the decision bank")
    advisories = _left_without_example(state, entry) if entry.current else []
    event = BankEntryRemoved(entry_id, ctx.today, explanation)
    return _accept(state, [event], [r.SP_10, r.SP_10b], advisories)


def hold_forum(
    state: SharedPortfolio,
    kind: ForumKind,
    on: date,
    topic: str,
    participants: frozenset[EmployeeId],
    ctx: Context,
) -> Outcome:
    """Record a practice forum or a solution corner (SP-11); a practice forum without
    every country-practice contact passes with an advisory."""
    if state.participant(ctx.actor.unit) is None:
        return refuse(r.SP_01, f"{ctx.actor.id} is not in a unit taking part in the portfolio")
    if on > ctx.today:
        return invalid("on", f"a date on or before {ctx.today.isoformat()}", on.isoformat())
    advisories = []
    if kind is ForumKind.PRACTICE_FORUM:
        contacts = {c.employee for p in state.participants for c in p.contacts}
        absent = sorted(str(e) for e in contacts - participants)
        if absent:
            advisories.append(
                Advisory(
                    r.SP_11, f"country-practice contacts not at the forum: {', '.join(absent)}"
                )
            )
    return _accept(state, [ForumHeld(kind, on, topic, participants)], [r.SP_11], advisories)


def notify_party(state: SharedPortfolio, party: Party, note: str, ctx: Context) -> Outcome:
    """The responsible unit records that it notified and involved Landinfo, BFE or F1 (SP-13)."""
    refused = _member(
        state.responsible, ctx, r.SP_01, "notifying Landinfo, BFE and F1", "responsible unit"
    )
    if refused is not None:
        return refused
    return _accept(state, [PartyNotified(party, ctx.today, note)], [r.SP_13])


def assess_side_cases(state: SharedPortfolio, conclusion: str, ctx: Context) -> Outcome:
    """The responsible unit records its assessment of sharing the side cases (SP-13)."""
    refused = _member(
        state.responsible, ctx, r.SP_01, "assessing the side cases", "responsible unit"
    )
    if refused is not None:
        return refused
    return _accept(state, [SideCasesAssessed(ctx.today, conclusion)], [r.SP_13])


# -- line processing -------------------------------------------------------------------


def check_line(
    state: SharedPortfolio, case: DufCaseNumber, decider: Employee, reviewer: Employee | None
) -> Result[tuple[Advisory, ...], DomainError]:
    """Is the case decided in the unit it was assigned to (SP-12), and reviewed in that
    unit's own line (SP-12b)? A decider outside the unit is refused; a reviewer outside it
    passes with an advisory, as the IM allows exceptions ("normalt")."""
    holder = state.holder(case.value)
    if holder is None:
        return refuse(r.SP_12, f"case {case} is not assigned to any unit of this portfolio")
    if decider.unit != holder:
        return refuse(
            r.SP_12, f"case {case} is held by {holder}; {decider.id} is in {decider.unit}"
        )
    if reviewer is not None and reviewer.unit != holder:
        return Success(
            (
                Advisory(
                    r.SP_12b,
                    f"{reviewer.id} ({reviewer.unit}) reviews case {case}, held by {holder}",
                ),
            )
        )
    return Success(())
