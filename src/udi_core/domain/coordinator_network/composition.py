"""Who is in a network, and what a network lacks (CN-01 to CN-04, CN-06).

Membership commands refuse an appointee who does not fit the rule (a member from the
wrong department, a coordinator in the wrong unit, a regional contact made a member).
:func:`gaps` lists what a network lacks today, each gap with its rule, from the current
placement of the people involved (someone may have moved since being appointed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from attrs import frozen
from returns.result import Failure, Result, Success

from udi_core.domain.coordinator_network import rules as r
from udi_core.domain.coordinator_network.model import (
    COORDINATOR_PLACEMENT,
    LEAD_UNIT,
    OPA_CONTACT_AREAS,
    RMA_RETURN_UNIT,
    CoordinatorChanged,
    CoordinatorNetwork,
    Field,
    Member,
    MemberAppointed,
    MemberRole,
    NetworkEstablished,
    NetworkId,
    RegionalContact,
    RegionalContactAppointed,
    Released,
    RelevantAsaUnitsSet,
    established,
    evolve_network,
)
from udi_core.domain.kernel.aggregate import Context, Decision, fold
from udi_core.domain.kernel.errors import DomainError, invalid, refuse
from udi_core.domain.kernel.identifiers import EmployeeId, UnitId
from udi_core.domain.kernel.organisation import Department, Employee, OrgUnit, UnitKind
from udi_core.domain.kernel.rules import Rule

IM_2018_001_DEPARTMENTS = (Department.ASA, Department.OPA, Department.RMA)


def decided(
    state: CoordinatorNetwork, events: tuple[object, ...], rules: Iterable[Rule]
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    """A decision applying ``events`` to ``state``, naming the rules involved."""
    new = fold(evolve_network, state, events)
    return Success(Decision(new, events, rule_ids=tuple(rule.id for rule in rules)))


def require_lead(state: CoordinatorNetwork, ctx: Context) -> Result[None, DomainError]:
    """Only the network's coordinator acts for the network (CN-01/CN-01b)."""
    if ctx.actor.id != state.coordinator:
        return refuse(
            state.network.lead_rule,
            f"{ctx.actor.id} is not the coordinator of the {state.network.value} network "
            f"({state.coordinator} leads it)",
        )
    return Success(None)


def establish(
    existing: CoordinatorNetwork | None,
    network: NetworkId,
    coordinator: Employee,
    ctx: Context,
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    """Set up a network led by ``coordinator``, who must be placed in AUA/RVE."""
    rule = network.lead_rule
    if existing is not None:
        return invalid("network", "a network not yet established", network.value)
    if ctx.actor.department is not Department.AUA:
        return refuse(rule, f"{ctx.actor.id} is in {ctx.actor.department.value}, not AUA")
    if coordinator.unit != LEAD_UNIT:
        return refuse(rule, f"coordinator {coordinator.id} is placed in {coordinator.unit}")
    event = NetworkEstablished(network, coordinator.id, ctx.today)
    return Success(Decision(established(event), (event,), rule_ids=(rule.id,)))


def change_coordinator(
    state: CoordinatorNetwork, coordinator: Employee, ctx: Context
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    """Hand the network to another coordinator in AUA/RVE (by an AUA employee)."""
    rule = state.network.lead_rule
    if ctx.actor.department is not Department.AUA:
        return refuse(rule, f"{ctx.actor.id} is in {ctx.actor.department.value}, not AUA")
    if coordinator.unit != LEAD_UNIT:
        return refuse(rule, f"coordinator {coordinator.id} is placed in {coordinator.unit}")
    if state.member(coordinator.id) is not None:
        return refuse(rule, f"{coordinator.id} is a member; release them first")
    return decided(state, (CoordinatorChanged(coordinator.id),), (rule,))


def _not_already_in(
    state: CoordinatorNetwork, who: Employee, rule: Rule
) -> Result[None, DomainError]:
    if who.id == state.coordinator or state.member(who.id) is not None:
        return refuse(rule, f"{who.id} is already in the {state.network.value} network")
    if any(c.employee == who.id for c in state.regional_contacts):
        return refuse(r.CN_03, f"{who.id} is a regional contact person, and those are not members")
    return Success(None)


def _appoint(
    state: CoordinatorNetwork,
    who: Employee,
    role: MemberRole,
    rule: Rule,
    ctx: Context,
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    member = Member(who.id, role, who.department, who.unit, ctx.today)
    return decided(state, (MemberAppointed(member),), (state.network.lead_rule, rule))


def _checked(
    state: CoordinatorNetwork,
    ctx: Context,
    who: Employee,
    rule: Rule,
    check: Callable[[], Result[None, DomainError]],
) -> Result[None, DomainError]:
    lead = require_lead(state, ctx)
    if isinstance(lead, Failure):
        return lead
    fresh = _not_already_in(state, who, rule)
    if isinstance(fresh, Failure):
        return fresh
    return check()


def appoint_representative(
    state: CoordinatorNetwork, who: Employee, ctx: Context
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    """A department representative in a network of IM 2018-001 (from ASA, OPA or RMA)."""

    def check() -> Result[None, DomainError]:
        if state.network is NetworkId.TRAFFICKING:
            return refuse(
                r.CN_04, "the trafficking network has department coordinators, not representatives"
            )
        if who.department not in IM_2018_001_DEPARTMENTS:
            return refuse(
                r.CN_02,
                f"{who.id} is in {who.department.value}; representatives come from ASA, OPA or RMA",
            )
        return Success(None)

    done = _checked(state, ctx, who, r.CN_02, check)
    if isinstance(done, Failure):
        return Failure(done.failure())
    return _appoint(state, who, MemberRole.REPRESENTATIVE, r.CN_02, ctx)


def appoint_resource_person(
    state: CoordinatorNetwork, who: Employee, ctx: Context
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    """Another resource person in UDI, in a network of IM 2018-001 (CN-02b, a MAY)."""

    def check() -> Result[None, DomainError]:
        if state.network is NetworkId.TRAFFICKING:
            return invalid("network", "the violence or FGM network", state.network.value)
        return Success(None)

    done = _checked(state, ctx, who, r.CN_02b, check)
    if isinstance(done, Failure):
        return Failure(done.failure())
    return _appoint(state, who, MemberRole.RESOURCE_PERSON, r.CN_02b, ctx)


def appoint_department_coordinator(
    state: CoordinatorNetwork, who: Employee, ctx: Context
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    """One of the core's coordinators (OPA, ASA, RMA), placed where CN-04 says."""

    def check() -> Result[None, DomainError]:
        if state.network is not NetworkId.TRAFFICKING:
            return refuse(r.CN_04, "department coordinators belong to the trafficking network")
        placement = COORDINATOR_PLACEMENT.get(who.department)
        if placement is None:
            return refuse(
                r.CN_04,
                f"{who.id} is in {who.department.value}; the core's department coordinators "
                "are in OPA, ASA and RMA",
            )
        if who.unit != placement:
            return refuse(
                r.CN_04,
                f"the {who.department.value} coordinator sits in {placement}, "
                f"{who.id} is in {who.unit}",
            )
        if state.department_coordinator(who.department) is not None:
            return refuse(r.CN_04, f"{who.department.value} already has its coordinator")
        return Success(None)

    done = _checked(state, ctx, who, r.CN_04, check)
    if isinstance(done, Failure):
        return Failure(done.failure())
    return _appoint(state, who, MemberRole.DEPARTMENT_COORDINATOR, r.CN_04, ctx)


def contact_placement_problem(who: Employee, unit: OrgUnit) -> str | None:
    """Why ``who`` (in ``unit``) cannot be a trafficking contact person, if they cannot."""
    match who.department:
        case Department.OPA if unit.id not in OPA_CONTACT_AREAS:
            areas = " or ".join(str(a) for a in OPA_CONTACT_AREAS)
            return f"OPA's contact persons are in {areas}, {who.id} is in {unit.id}"
        case Department.ASA if unit.kind is not UnitKind.UNIT:
            return f"ASA's contact persons are in decision units, {unit.id} is a {unit.kind.value}"
        case Department.RMA if not (
            unit.id == RMA_RETURN_UNIT or unit.kind is UnitKind.REGIONAL_OFFICE
        ):
            return (
                f"RMA's contact persons are in {RMA_RETURN_UNIT} or at a regional office, "
                f"{who.id} is in {unit.id}"
            )
        case Department.AUA:
            return f"{who.id} is in AUA; contact persons come from OPA, ASA and RMA"
    return None


def appoint_contact_person(
    state: CoordinatorNetwork, who: Employee, unit: OrgUnit, ctx: Context
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    """A trafficking contact person in OPA, ASA or RMA where CN-06 places them."""

    def check() -> Result[None, DomainError]:
        if state.network is not NetworkId.TRAFFICKING:
            return refuse(r.CN_03, "regional contacts of IM 2018-001 are not members")
        problem = contact_placement_problem(who, unit)
        return refuse(r.CN_06, problem) if problem else Success(None)

    done = _checked(state, ctx, who, r.CN_06, check)
    if isinstance(done, Failure):
        return Failure(done.failure())
    return _appoint(state, who, MemberRole.CONTACT_PERSON, r.CN_06, ctx)


def appoint_regional_contact(
    state: CoordinatorNetwork, who: Employee, office: OrgUnit, field: Field, ctx: Context
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    """A regional office's contact person for one field of a network of IM 2018-001."""
    lead = require_lead(state, ctx)
    if isinstance(lead, Failure):
        return Failure(lead.failure())
    if field not in state.network.fields:
        fields = ", ".join(f.value for f in state.network.fields) or "none"
        return invalid("field", f"a field of the {state.network.value} network: {fields}", field)
    if office.kind is not UnitKind.REGIONAL_OFFICE or office.department is not Department.RMA:
        return refuse(r.CN_03, f"{who.id} is in {office.id}, not at an RMA regional office")
    if state.in_network(who.id):
        return refuse(r.CN_03, f"{who.id} is a member, and regional contacts are not members")
    if any(c.employee == who.id and c.field is field for c in state.regional_contacts):
        return invalid("employee_id", f"someone not yet a contact for {field.value}", who.id)
    contact = RegionalContact(who.id, office.id, field, ctx.today)
    return decided(state, (RegionalContactAppointed(contact),), (r.CN_03,))


def release(
    state: CoordinatorNetwork, employee: EmployeeId, ctx: Context
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    """A member or regional contact leaves the network."""
    lead = require_lead(state, ctx)
    if isinstance(lead, Failure):
        return Failure(lead.failure())
    known = state.member(employee) is not None or any(
        c.employee == employee for c in state.regional_contacts
    )
    if not known:
        return invalid("employee_id", "a member or regional contact of the network", employee)
    return decided(state, (Released(employee),), (state.network.lead_rule,))


def set_relevant_asa_units(
    state: CoordinatorNetwork, units: Sequence[OrgUnit], ctx: Context
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    """The ASA decision units that need a trafficking contact person (CN-06)."""
    lead = require_lead(state, ctx)
    if isinstance(lead, Failure):
        return Failure(lead.failure())
    if state.network is not NetworkId.TRAFFICKING:
        return invalid("network", "the trafficking network", state.network.value)
    for i, unit in enumerate(units):
        if unit.department is not Department.ASA or unit.kind is not UnitKind.UNIT:
            return invalid(f"units[{i}]", "an ASA decision unit", str(unit.id))
    event = RelevantAsaUnitsSet(frozenset(u.id for u in units))
    return decided(state, (event,), (r.CN_06,))


# -- what a network lacks --------------------------------------------------------------


@frozen
class Gap:
    """Something a network lacks today, and the rule that asks for it."""

    rule: Rule
    detail: str

    def describe(self, lang: str = "en") -> str:
        return f"{self.rule.id} ({self.rule.source}) {self.rule.title(lang)}: {self.detail}"


def _placed(people: Mapping[EmployeeId, Employee], employee: EmployeeId) -> Employee | None:
    return people.get(employee)


def _lead_gaps(state: CoordinatorNetwork, people: Mapping[EmployeeId, Employee]) -> Iterable[Gap]:
    lead = _placed(people, state.coordinator)
    if lead is None:
        yield Gap(state.network.lead_rule, f"coordinator {state.coordinator} is not employed")
    elif lead.unit != LEAD_UNIT:
        yield Gap(
            state.network.lead_rule,
            f"coordinator {lead.id} is placed in {lead.unit}, not {LEAD_UNIT}",
        )


def _current(
    state: CoordinatorNetwork, people: Mapping[EmployeeId, Employee], role: MemberRole
) -> list[Employee]:
    found = (_placed(people, m.employee) for m in state.members if m.role is role)
    return [e for e in found if e is not None]


def _im_2018_001_gaps(
    state: CoordinatorNetwork,
    offices: Sequence[OrgUnit],
    people: Mapping[EmployeeId, Employee],
) -> Iterable[Gap]:
    representatives = _current(state, people, MemberRole.REPRESENTATIVE)
    for dep in IM_2018_001_DEPARTMENTS:
        if not any(e.department is dep for e in representatives):
            yield Gap(r.CN_02, f"no representative from {dep.value}")
    for office in offices:
        for field in state.network.fields:
            placed = (
                _placed(people, c.employee) for c in state.regional_contacts if c.field is field
            )
            if not any(e is not None and e.unit == office.id for e in placed):
                yield Gap(r.CN_03, f"{office.id} has no contact person for {field.value}")


def _trafficking_gaps(
    state: CoordinatorNetwork,
    offices: Sequence[OrgUnit],
    people: Mapping[EmployeeId, Employee],
) -> Iterable[Gap]:
    for dep, placement in COORDINATOR_PLACEMENT.items():
        member = state.department_coordinator(dep)
        now = _placed(people, member.employee) if member is not None else None
        if member is None or now is None:
            yield Gap(r.CN_04, f"no {dep.value} coordinator")
        elif now.unit != placement:
            yield Gap(
                r.CN_04,
                f"the {dep.value} coordinator {now.id} is in {now.unit}, not {placement}",
            )
    contacts = _current(state, people, MemberRole.CONTACT_PERSON)
    units = {e.unit for e in contacts}
    wanted: list[tuple[UnitId, str]] = [(a, "OPA area") for a in OPA_CONTACT_AREAS]
    wanted += [(u, "relevant ASA decision unit") for u in sorted(state.relevant_asa_units)]
    wanted += [(RMA_RETURN_UNIT, "RMA return unit (IOM programme)")]
    wanted += [(o.id, "regional office") for o in offices]
    for unit, what in wanted:
        if unit not in units:
            yield Gap(r.CN_06, f"no contact person in {unit} ({what})")


def gaps(
    state: CoordinatorNetwork,
    units: Sequence[OrgUnit],
    people: Mapping[EmployeeId, Employee],
) -> tuple[Gap, ...]:
    """What the network lacks, given today's units and the current placement of the
    people it names (``people``: the coordinator, members and contacts, as employed now)."""
    offices = sorted(
        (u for u in units if u.kind is UnitKind.REGIONAL_OFFICE and u.department is Department.RMA),
        key=lambda u: u.id,
    )
    found = list(_lead_gaps(state, people))
    if state.network is NetworkId.TRAFFICKING:
        found += _trafficking_gaps(state, offices, people)
    else:
        found += _im_2018_001_gaps(state, offices, people)
    return tuple(found)


def people_named(state: CoordinatorNetwork) -> tuple[EmployeeId, ...]:
    """Everyone the network names: coordinator, members and regional contacts."""
    named = {state.coordinator}
    named.update(m.employee for m in state.members)
    named.update(c.employee for c in state.regional_contacts)
    return tuple(sorted(named))
