"""How each event changes a shared portfolio's state."""

from __future__ import annotations

from attrs import evolve as _with

from udi_core.domain.kernel.identifiers import UnitId
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
from udi_core.domain.shared_portfolio.model import (
    TASKS_OF,
    CaseBook,
    Category,
    ChecklistItem,
    Contact,
    ItemStatus,
    Participant,
    Phase,
    RoleKind,
    SharedPortfolio,
)


def _items(role: RoleKind, owner: UnitId) -> tuple[ChecklistItem, ...]:
    return tuple(ChecklistItem(role, task, owner) for task in TASKS_OF[role])


def planned(event: PortfolioPlanned) -> SharedPortfolio:
    """The state a new portfolio starts in."""
    return SharedPortfolio(
        country=event.country,
        name=event.name,
        phase=Phase.PLANNED,
        leadership=event.leadership,
        responsible=event.responsible,
        interview_network=event.interview_network,
        system_group=event.system_group,
        participants=(Participant(event.responsible, RoleKind.RESPONSIBLE),),
        checklist=_items(RoleKind.LEADERSHIP, event.leadership)
        + _items(RoleKind.RESPONSIBLE, event.responsible)
        + _items(RoleKind.INTERVIEW_NETWORK, event.interview_network)
        + _items(RoleKind.SYSTEM_GROUP, event.system_group),
    )


def _participants(state: SharedPortfolio, changed: Participant) -> tuple[Participant, ...]:
    return tuple(changed if p.unit == changed.unit else p for p in state.participants)


def _category(state: SharedPortfolio, changed: Category) -> tuple[Category, ...]:
    return tuple(changed if c.code == changed.code else c for c in state.categories)


def evolve(state: SharedPortfolio, event: object) -> SharedPortfolio:
    """Apply one event (a PortfolioPlanned starts a new state, see :func:`planned`)."""
    match event:
        case PortfolioPlanned():
            return planned(event)
        case AssistingUnitAdded(unit=unit):
            return _with(
                state,
                participants=(*state.participants, Participant(unit, RoleKind.ASSISTING)),
                checklist=state.checklist + _items(RoleKind.ASSISTING, unit),
            )
        case PreparationStarted():
            return _with(state, phase=Phase.PREPARING)
        case ProductionRequirementSet(unit=unit, requirement=req, normal_requirement=normal):
            p = state.participant(unit)
            if p is None:
                return state
            changed = _with(p, production_requirement=req, normal_requirement=normal)
            return _with(state, participants=_participants(state, changed))
        case InterviewFreePeriodGranted(until=until):
            return _with(state, interview_free_until=until)
        case CategoryDefined(code=code, name=name, complexity=complexity, competence=comp):
            category = Category(code, name, complexity, comp)
            return _with(state, categories=(*state.categories, category))
        case CategorisationPresentedToPu(on=on, categories=codes):
            return _with(
                state,
                categories=tuple(
                    _with(c, presented_to_pu_on=on) if c.code in codes else c
                    for c in state.categories
                ),
            )
        case MarkingCodeCreated(category=code, duf_code=duf_code):
            found = state.category(code)
            if found is None:
                return state
            return _with(state, categories=_category(state, _with(found, duf_code=duf_code)))
        case TrainingHeld(unit=unit, elements=elements):
            p = state.participant(unit)
            if p is None:
                return state
            changed = _with(p, training=p.training | elements)
            return _with(state, participants=_participants(state, changed))
        case InvitedToTraining(unit=unit):
            return _with(state, invited_to_training=state.invited_to_training | {unit})
        case ContactAppointed(unit=unit, employee=employee, interview_coordinator=coordinator):
            p = state.participant(unit)
            if p is None:
                return state
            changed = _with(p, contacts=(*p.contacts, Contact(employee, coordinator)))
            return _with(state, participants=_participants(state, changed))
        case ChecklistItemCompleted(role=role, task=task, owner=owner, evidence=ev, on=on):
            return _with(
                state,
                checklist=tuple(
                    _with(i, status=ItemStatus.DONE, evidence=ev, done_on=on)
                    if (i.role, i.task, i.owner) == (role, task, owner)
                    else i
                    for i in state.checklist
                ),
            )
        case PortfolioActivated(on=on):
            return _with(state, phase=Phase.ACTIVE, activated_on=on)
        case ClearancePlanSet(plan=plan):
            return _with(state, plan=plan)
        case CasesSorted(numbers=numbers, categories=categories, registrations=registrations):
            book = state.cases
            return _with(
                state,
                cases=CaseBook(
                    book.numbers + numbers,
                    book.categories + categories,
                    book.registrations + registrations,
                ),
            )
        case CasesDistributed(run=run):
            return _with(state, runs=(*state.runs, run))
        case BankEntryAdded(entry=entry):
            return _with(state, bank=(*state.bank, entry))
        case BankEntryOutdated(entry_id=eid, on=on, explanation=why, replaced_by=by):
            return _with(
                state,
                bank=tuple(
                    _with(e, outdated_on=on, explanation=why, replaced_by=by)
                    if e.entry_id == eid
                    else e
                    for e in state.bank
                ),
            )
        case BankEntryRemoved(entry_id=eid):
            return _with(state, bank=tuple(e for e in state.bank if e.entry_id != eid))
        case ForumHeld():
            return _with(state, forums_held=state.forums_held + 1)
        case PartyNotified(party=party):
            return _with(state, notified=state.notified | {party})
        case SideCasesAssessed(conclusion=conclusion):
            return _with(state, side_cases_assessed=conclusion)
        case PortfolioEnded(on=on):
            return _with(state, phase=Phase.ENDED, ended_on=on)
    return state
