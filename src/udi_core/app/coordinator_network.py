"""The coordinator networks' service: membership, meetings, KOM, and the MH removal.

Commands name the acting employee; the service parses raw input (an ``InvalidInput``
names the field), looks people and units up through the unit of work, and hands the
pure domain functions of :mod:`udi_core.domain.coordinator_network` to the runner.

The MH removal (CN-09) calls DUF directly, batch by batch, instead of queueing
``RemoveDufCode`` effects in the outbox. Each batch is one command: inside its
transaction it removes "MH" from the next candidates through the ``DufMarking`` port,
each call with the deterministic idempotency key ``mh/{year}/{case}``, and then records
the cases removed (one event per batch naming each case, with the batch's actor and
time on the event record) and moves the cursor. Why not the outbox:
- the event says the code WAS removed: the batch is committed only after DUF accepted
  each of its removals, so the record never runs ahead of DUF;
- a failure stops the run at a known case: the batch records the cases removed before
  it and the next run starts at the failed one (nothing skipped);
- a crash after DUF calls but before the commit leaves the cursor where it was; the
  next run repeats the batch with the same keys, which DUF honours as already done, so
  no case is removed twice and no removal goes unrecorded;
- 100,000 removals stay cheap: no outbox rows and no dispatcher passes.
The dry run checks the same authority and lists the cases the run would still touch,
split into those that carry "MH" in DUF today and those that no longer do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, ClassVar

from attrs import field, frozen
from returns.result import Failure, Result, Success

from udi_core.app.inputs import find_employee, parse_choice, parse_date
from udi_core.app.runner import CommandRunner, Outcome
from udi_core.domain import coordinator_network as cn
from udi_core.domain.coordinator_network import (
    KIND,
    MH,
    CoordinatorNetwork,
    Field,
    Gap,
    MeetingKind,
    MhCodesRemoved,
    NetworkId,
    PermitKind,
)
from udi_core.domain.kernel.aggregate import Context, Decision
from udi_core.domain.kernel.errors import DomainError, InvalidInput, NotFound
from udi_core.domain.kernel.identifiers import DufCaseNumber, EmployeeId, UnitId, require_text
from udi_core.domain.kernel.obligations import ObligationStatus
from udi_core.domain.kernel.organisation import Employee, OrgUnit
from udi_core.ports.external import DufMarking, ExternalFailure
from udi_core.ports.persistence import Store, UnitOfWork

Decided = Result[Decision[CoordinatorNetwork], DomainError]


def _strings(raw: Sequence[str]) -> tuple[str, ...]:
    return tuple(raw)


# -- commands ----------------------------------------------------------------------------


@frozen
class EstablishNetwork:
    """Set up a network (violence, fgm, trafficking) led by a coordinator in AUA/RVE."""

    actor: str
    network: str
    coordinator_id: str

    AUTHORITY: ClassVar[str] = "CN-01"


@frozen
class ChangeCoordinator:
    actor: str
    network: str
    coordinator_id: str

    AUTHORITY: ClassVar[str] = "CN-01"


@frozen
class AppointRepresentative:
    """A department representative (ASA, OPA, RMA) in the violence or FGM network."""

    actor: str
    network: str
    employee_id: str

    AUTHORITY: ClassVar[str] = "CN-01"


@frozen
class AppointResourcePerson:
    actor: str
    network: str
    employee_id: str

    AUTHORITY: ClassVar[str] = "CN-01"


@frozen
class AppointDepartmentCoordinator:
    """A core coordinator of the trafficking network (OPA, ASA or RMA)."""

    actor: str
    employee_id: str
    network: str = "trafficking"

    AUTHORITY: ClassVar[str] = "CN-01b"


@frozen
class AppointContactPerson:
    """A trafficking contact person in OPA, ASA or RMA."""

    actor: str
    employee_id: str
    network: str = "trafficking"

    AUTHORITY: ClassVar[str] = "CN-01b"


@frozen
class AppointRegionalContact:
    """A regional office's contact person for one field (violence or FGM network)."""

    actor: str
    network: str
    employee_id: str
    field: str

    AUTHORITY: ClassVar[str] = "CN-01"


@frozen
class ReleaseFromNetwork:
    actor: str
    network: str
    employee_id: str

    AUTHORITY: ClassVar[str] = "CN-01"


@frozen
class SetRelevantAsaUnits:
    actor: str
    unit_ids: tuple[str, ...] = field(converter=_strings)
    network: str = "trafficking"

    AUTHORITY: ClassVar[str] = "CN-01b"


@frozen
class RecordMeeting:
    actor: str
    network: str
    held_on: str
    kind: str
    topic: str

    AUTHORITY: ClassVar[str] = "CN-01"


@frozen
class SubmitAgendaItem:
    actor: str
    network: str
    topic: str
    duf_case: str | None = None

    AUTHORITY: ClassVar[str] = "CN-07"


@frozen
class RecordCaseDecision:
    """Exists to be refused: a network does not decide individual cases (CN-08)."""

    actor: str
    network: str
    duf_case: str
    outcome: str

    AUTHORITY: ClassVar[str] = "CN-08"


@frozen
class RecordKomInput:
    actor: str
    year: int
    cases: tuple[str, ...] = field(converter=_strings)

    AUTHORITY: ClassVar[str] = "CN-10"


@frozen
class RetainMhCode:
    actor: str
    year: int
    reason: str
    cases: tuple[str, ...] = field(converter=_strings)

    AUTHORITY: ClassVar[str] = "CN-09"


@frozen
class RecordKomPublication:
    actor: str
    year: int
    published_on: str

    AUTHORITY: ClassVar[str] = "CN-09"


@frozen
class RemoveMhCodes:
    """Remove "MH" for a KOM year (``dry_run``: only list what would change)."""

    actor: str
    year: int
    dry_run: bool = False
    batch_size: int = 1000

    AUTHORITY: ClassVar[str] = "CN-09"


@frozen
class SendRosaNotice:
    actor: str
    duf_case: str

    AUTHORITY: ClassVar[str] = "CN-11"


@frozen
class ReportPermitStatistics:
    actor: str
    period: str
    permits: str
    count: int

    AUTHORITY: ClassVar[str] = "CN-12"


# -- results -----------------------------------------------------------------------------


@frozen
class MhRemovalReport:
    """What one call of the MH removal did, and whether the year's run is complete."""

    year: int
    removed: int  # in this call
    batches: int  # committed in this call
    removed_total: int  # over the year's run so far
    completed: bool
    stopped_by: str | None = None  # why it stopped early (a DUF failure, a batch limit)


@frozen
class MhDryRun:
    """What the MH removal would still do for a year, without doing it."""

    year: int
    would_remove: tuple[DufCaseNumber, ...]  # carry "MH" in DUF today
    not_marked: tuple[DufCaseNumber, ...]  # candidates that no longer carry it
    retained: int  # reported cases whose code is still needed
    already_handled: int  # removed by the run so far


@frozen
class CadenceEntry:
    """One period of CN-05: a month (core) or a year (whole network)."""

    key: str
    what: str
    due: date
    met_on: date | None
    status: str  # "met", "missed" or "open"


def mh_key(year: int, case: DufCaseNumber) -> str:
    """The idempotency key of removing "MH" from ``case`` for KOM year ``year``."""
    return f"mh/{year}/{case}"


# -- parsing -----------------------------------------------------------------------------


def _network(raw: object) -> Result[NetworkId, InvalidInput]:
    for network in NetworkId:
        if raw == network.value:
            return Success(network)
    choices = ", ".join(n.value for n in NetworkId)
    return Failure(InvalidInput("network", f"one of {choices}", str(raw)[:80]))


def _year(raw: object) -> Result[int, InvalidInput]:
    if isinstance(raw, int) and not isinstance(raw, bool) and 2000 <= raw <= 2999:
        return Success(raw)
    return Failure(InvalidInput("year", "a year from 2000 to 2999", str(raw)[:80]))


def _cases(raw: Sequence[str]) -> Result[tuple[DufCaseNumber, ...], InvalidInput]:
    parsed: list[DufCaseNumber] = []
    for i, item in enumerate(raw):
        case = DufCaseNumber.parse(item, f"cases[{i}]")
        if isinstance(case, Failure):
            return Failure(case.failure())
        parsed.append(case.unwrap())
    return Success(tuple(parsed))


def _unit_of(uow: UnitOfWork, who: Employee) -> Result[OrgUnit, DomainError]:
    unit = uow.organisation.unit(who.unit)
    if unit is None:
        return Failure(NotFound("unit", str(who.unit), "employee_id"))
    return Success(unit)


class CoordinatorNetworkService:
    """Runs the coordinator networks' commands and answers their queries."""

    def __init__(self, runner: CommandRunner, store: Store, duf: DufMarking) -> None:
        self._runner = runner
        self._store = store
        self._duf = duf

    def handlers(self) -> Mapping[type, Any]:
        return {
            EstablishNetwork: lambda c: self.establish(c.actor, c.network, c.coordinator_id),
            ChangeCoordinator: lambda c: self.change_coordinator(
                c.actor, c.network, c.coordinator_id
            ),
            AppointRepresentative: lambda c: self.appoint(
                c.actor, c.network, c.employee_id, "representative"
            ),
            AppointResourcePerson: lambda c: self.appoint(
                c.actor, c.network, c.employee_id, "resource_person"
            ),
            AppointDepartmentCoordinator: lambda c: self.appoint(
                c.actor, c.network, c.employee_id, "department_coordinator"
            ),
            AppointContactPerson: lambda c: self.appoint(
                c.actor, c.network, c.employee_id, "contact_person"
            ),
            AppointRegionalContact: lambda c: self.appoint_regional_contact(
                c.actor, c.network, c.employee_id, c.field
            ),
            ReleaseFromNetwork: lambda c: self.release(c.actor, c.network, c.employee_id),
            SetRelevantAsaUnits: lambda c: self.set_relevant_asa_units(c.actor, c.unit_ids),
            RecordMeeting: lambda c: self.record_meeting(
                c.actor, c.network, c.held_on, c.kind, c.topic
            ),
            SubmitAgendaItem: lambda c: self.submit_agenda_item(
                c.actor, c.network, c.topic, c.duf_case
            ),
            RecordCaseDecision: lambda c: self.record_case_decision(
                c.actor, c.network, c.duf_case, c.outcome
            ),
            RecordKomInput: lambda c: self.record_kom_input(c.actor, c.year, c.cases),
            RetainMhCode: lambda c: self.retain_mh_code(c.actor, c.year, c.cases, c.reason),
            RecordKomPublication: lambda c: self.record_kom_publication(
                c.actor, c.year, c.published_on
            ),
            RemoveMhCodes: lambda c: (
                self.mh_dry_run(c.actor, c.year)
                if c.dry_run
                else self.remove_mh_codes(c.actor, c.year, c.batch_size)
            ),
            SendRosaNotice: lambda c: self.send_rosa_notice(c.actor, c.duf_case),
            ReportPermitStatistics: lambda c: self.report_permit_statistics(
                c.actor, c.period, c.permits, c.count
            ),
        }

    # -- plumbing ----------------------------------------------------------------------

    def _run(
        self,
        network: object,
        actor: str,
        decide: Callable[[CoordinatorNetwork, Context, UnitOfWork], Decided],
    ) -> Result[Outcome[CoordinatorNetwork], DomainError]:
        nid = _network(network)
        if isinstance(nid, Failure):
            return Failure(nid.failure())

        def on_state(state: CoordinatorNetwork | None, ctx: Context, uow: UnitOfWork) -> Decided:
            if state is None:
                return Failure(NotFound("coordinator network", str(network), "network"))
            return decide(state, ctx, uow)

        return self._runner.run(KIND, nid.unwrap().value, actor, on_state)

    def _with_employee(
        self,
        raw: str,
        name: str,
        then: Callable[[Employee], Decided],
        uow: UnitOfWork,
    ) -> Decided:
        who = find_employee(uow, raw, name)
        if isinstance(who, Failure):
            return Failure(who.failure())
        return then(who.unwrap())

    # -- composition -------------------------------------------------------------------

    def establish(
        self, actor: str, network: str, coordinator_id: str
    ) -> Result[Outcome[CoordinatorNetwork], DomainError]:
        nid = _network(network)
        if isinstance(nid, Failure):
            return Failure(nid.failure())
        chosen = nid.unwrap()

        def decide(state: CoordinatorNetwork | None, ctx: Context, uow: UnitOfWork) -> Decided:
            return self._with_employee(
                coordinator_id,
                "coordinator_id",
                lambda who: cn.establish(state, chosen, who, ctx),
                uow,
            )

        return self._runner.run(KIND, chosen.value, actor, decide)

    def change_coordinator(
        self, actor: str, network: str, coordinator_id: str
    ) -> Result[Outcome[CoordinatorNetwork], DomainError]:
        return self._run(
            network,
            actor,
            lambda state, ctx, uow: self._with_employee(
                coordinator_id,
                "coordinator_id",
                lambda who: cn.change_coordinator(state, who, ctx),
                uow,
            ),
        )

    def appoint(
        self, actor: str, network: str, employee_id: str, role: str
    ) -> Result[Outcome[CoordinatorNetwork], DomainError]:
        """Appoint a member: representative, resource_person, department_coordinator or
        contact_person."""

        def decide(state: CoordinatorNetwork, ctx: Context, uow: UnitOfWork) -> Decided:
            who = find_employee(uow, employee_id, "employee_id")
            if isinstance(who, Failure):
                return Failure(who.failure())
            person = who.unwrap()
            match role:
                case "representative":
                    return cn.appoint_representative(state, person, ctx)
                case "resource_person":
                    return cn.appoint_resource_person(state, person, ctx)
                case "department_coordinator":
                    return cn.appoint_department_coordinator(state, person, ctx)
                case "contact_person":
                    unit = _unit_of(uow, person)
                    if isinstance(unit, Failure):
                        return Failure(unit.failure())
                    return cn.appoint_contact_person(state, person, unit.unwrap(), ctx)
            roles = "representative, resource_person, department_coordinator, contact_person"
            return Failure(InvalidInput("role", f"one of {roles}", role))

        return self._run(network, actor, decide)

    def appoint_regional_contact(
        self, actor: str, network: str, employee_id: str, field_name: str
    ) -> Result[Outcome[CoordinatorNetwork], DomainError]:
        chosen = parse_choice(Field, field_name, "field")
        if isinstance(chosen, Failure):
            return Failure(chosen.failure())

        def decide(state: CoordinatorNetwork, ctx: Context, uow: UnitOfWork) -> Decided:
            who = find_employee(uow, employee_id, "employee_id")
            if isinstance(who, Failure):
                return Failure(who.failure())
            office = _unit_of(uow, who.unwrap())
            if isinstance(office, Failure):
                return Failure(office.failure())
            return cn.appoint_regional_contact(
                state, who.unwrap(), office.unwrap(), chosen.unwrap(), ctx
            )

        return self._run(network, actor, decide)

    def release(
        self, actor: str, network: str, employee_id: str
    ) -> Result[Outcome[CoordinatorNetwork], DomainError]:
        eid = EmployeeId.parse(employee_id, "employee_id")
        if isinstance(eid, Failure):
            return Failure(eid.failure())
        return self._run(
            network, actor, lambda state, ctx, _uow: cn.release(state, eid.unwrap(), ctx)
        )

    def set_relevant_asa_units(
        self, actor: str, unit_ids: Sequence[str]
    ) -> Result[Outcome[CoordinatorNetwork], DomainError]:
        def decide(state: CoordinatorNetwork, ctx: Context, uow: UnitOfWork) -> Decided:
            units: list[OrgUnit] = []
            for i, raw in enumerate(unit_ids):
                uid = UnitId.parse(raw, f"unit_ids[{i}]")
                if isinstance(uid, Failure):
                    return Failure(uid.failure())
                unit = uow.organisation.unit(uid.unwrap())
                if unit is None:
                    return Failure(NotFound("unit", raw, f"unit_ids[{i}]"))
                units.append(unit)
            return cn.set_relevant_asa_units(state, units, ctx)

        return self._run(NetworkId.TRAFFICKING.value, actor, decide)

    # -- meetings and agenda -----------------------------------------------------------

    def record_meeting(
        self, actor: str, network: str, held_on: str | date, kind: str, topic: str
    ) -> Result[Outcome[CoordinatorNetwork], DomainError]:
        day = parse_date(held_on, "held_on")
        if isinstance(day, Failure):
            return Failure(day.failure())
        chosen = parse_choice(MeetingKind, kind, "kind")
        if isinstance(chosen, Failure):
            return Failure(chosen.failure())
        text = require_text(topic, "topic", max_len=300)
        if isinstance(text, Failure):
            return Failure(text.failure())
        return self._run(
            network,
            actor,
            lambda state, ctx, _uow: cn.record_meeting(
                state, day.unwrap(), chosen.unwrap(), text.unwrap(), ctx
            ),
        )

    def submit_agenda_item(
        self, actor: str, network: str, topic: str, duf_case: str | None = None
    ) -> Result[Outcome[CoordinatorNetwork], DomainError]:
        text = require_text(topic, "topic", max_len=500)
        if isinstance(text, Failure):
            return Failure(text.failure())
        case: DufCaseNumber | None = None
        if duf_case is not None:
            parsed = DufCaseNumber.parse(duf_case, "duf_case")
            if isinstance(parsed, Failure):
                return Failure(parsed.failure())
            case = parsed.unwrap()
        return self._run(
            network,
            actor,
            lambda state, ctx, _uow: cn.submit_agenda_item(state, text.unwrap(), case, ctx),
        )

    def record_case_decision(
        self, actor: str, network: str, duf_case: str, outcome: str
    ) -> Result[Outcome[CoordinatorNetwork], DomainError]:
        case = DufCaseNumber.parse(duf_case, "duf_case")
        if isinstance(case, Failure):
            return Failure(case.failure())
        text = require_text(outcome, "outcome", max_len=500)
        if isinstance(text, Failure):
            return Failure(text.failure())
        return self._run(
            network,
            actor,
            lambda state, ctx, _uow: cn.record_case_decision(
                state, case.unwrap(), text.unwrap(), ctx
            ),
        )

    # -- KOM, ROSA, permits ------------------------------------------------------------

    def record_kom_input(
        self, actor: str, year: int, cases: Sequence[str]
    ) -> Result[Outcome[CoordinatorNetwork], DomainError]:
        checked = _year(year)
        if isinstance(checked, Failure):
            return Failure(checked.failure())
        parsed = _cases(cases)
        if isinstance(parsed, Failure):
            return Failure(parsed.failure())
        return self._run(
            NetworkId.TRAFFICKING.value,
            actor,
            lambda state, ctx, _uow: cn.record_kom_input(state, year, parsed.unwrap(), ctx),
        )

    def retain_mh_code(
        self, actor: str, year: int, cases: Sequence[str], reason: str
    ) -> Result[Outcome[CoordinatorNetwork], DomainError]:
        checked = _year(year)
        if isinstance(checked, Failure):
            return Failure(checked.failure())
        parsed = _cases(cases)
        if isinstance(parsed, Failure):
            return Failure(parsed.failure())
        why = require_text(reason, "reason", max_len=500)
        if isinstance(why, Failure):
            return Failure(why.failure())
        return self._run(
            NetworkId.TRAFFICKING.value,
            actor,
            lambda state, ctx, _uow: cn.retain_mh_code(
                state, year, parsed.unwrap(), why.unwrap(), ctx
            ),
        )

    def record_kom_publication(
        self, actor: str, year: int, published_on: str | date
    ) -> Result[Outcome[CoordinatorNetwork], DomainError]:
        checked = _year(year)
        if isinstance(checked, Failure):
            return Failure(checked.failure())
        day = parse_date(published_on, "published_on")
        if isinstance(day, Failure):
            return Failure(day.failure())
        return self._run(
            NetworkId.TRAFFICKING.value,
            actor,
            lambda state, ctx, _uow: cn.record_kom_publication(state, year, day.unwrap(), ctx),
        )

    def send_rosa_notice(
        self, actor: str, duf_case: str
    ) -> Result[Outcome[CoordinatorNetwork], DomainError]:
        case = DufCaseNumber.parse(duf_case, "duf_case")
        if isinstance(case, Failure):
            return Failure(case.failure())
        return self._run(
            NetworkId.TRAFFICKING.value,
            actor,
            lambda state, ctx, _uow: cn.send_rosa_notice(state, case.unwrap(), ctx),
        )

    def report_permit_statistics(
        self, actor: str, period: str, permits: str, count: int
    ) -> Result[Outcome[CoordinatorNetwork], DomainError]:
        text = require_text(period, "period", max_len=20)
        if isinstance(text, Failure):
            return Failure(text.failure())
        kind = parse_choice(PermitKind, permits, "permits")
        if isinstance(kind, Failure):
            return Failure(kind.failure())
        if isinstance(count, bool):
            return Failure(InvalidInput("count", "a whole number", str(count)[:80]))
        return self._run(
            NetworkId.TRAFFICKING.value,
            actor,
            lambda state, ctx, _uow: cn.report_permit_statistics(
                state, text.unwrap(), kind.unwrap(), count, ctx
            ),
        )

    # -- the MH removal (CN-09) --------------------------------------------------------

    def remove_mh_codes(
        self, actor: str, year: int, batch_size: int = 1000, max_batches: int | None = None
    ) -> Result[MhRemovalReport, DomainError]:
        """Remove "MH" for KOM year ``year``, batch by batch, resuming where it stopped.

        Returns a report; ``completed`` is False when a DUF failure (``stopped_by``) or
        ``max_batches`` stopped it: run it again to go on.
        """
        checked = _year(year)
        if isinstance(checked, Failure):
            return Failure(checked.failure())
        if not 1 <= batch_size <= 100_000:
            return Failure(InvalidInput("batch_size", "a whole number 1-100000", str(batch_size)))
        removed = batches = total = 0
        while max_batches is None or batches < max_batches:
            stopped: list[ExternalFailure] = []
            outcome = self._run(
                NetworkId.TRAFFICKING.value,
                actor,
                self._mh_batch(year, batch_size, stopped),
            )
            if isinstance(outcome, Failure):
                return Failure(outcome.failure())
            done = outcome.unwrap()
            batches += 1 if done.events else 0
            removed += sum(
                len(r.event.cases) for r in done.events if isinstance(r.event, MhCodesRemoved)
            )
            kom = done.state.kom_year(year)
            run = kom.removal if kom is not None else None
            total = run.removed if run is not None else 0
            finished = run is not None and run.completed_at is not None
            if finished or stopped:
                reason = stopped[0].describe() if stopped else None
                return Success(MhRemovalReport(year, removed, batches, total, finished, reason))
        return Success(
            MhRemovalReport(
                year, removed, batches, total, False, f"stopped after {batches} batches"
            )
        )

    def _mh_batch(
        self, year: int, size: int, stopped: list[ExternalFailure]
    ) -> Callable[[CoordinatorNetwork, Context, UnitOfWork], Decided]:
        """One batch: remove "MH" in DUF from the next candidates, then record them.

        A DUF failure ends the batch at the failed case (appended to ``stopped``); the
        cases before it are recorded, the failed one is first in line next time.
        """

        def decide(state: CoordinatorNetwork, ctx: Context, _uow: UnitOfWork) -> Decided:
            authorised = cn.authorise_mh_removal(state, year, ctx)
            if isinstance(authorised, Failure):
                return Failure(authorised.failure())
            done: list[DufCaseNumber] = []
            for case in cn.remaining(authorised.unwrap(), size):
                sent = self._duf.remove(case, MH, mh_key(year, case))
                if isinstance(sent, Failure):
                    stopped.append(sent.failure())
                    break
                done.append(case)
            return cn.record_mh_batch(state, year, done, ctx)

        return decide

    def mh_dry_run(self, actor: str, year: int) -> Result[MhDryRun, DomainError | ExternalFailure]:
        """What the MH removal for ``year`` would still change (same authority as the run)."""
        checked = _year(year)
        if isinstance(checked, Failure):
            return Failure(checked.failure())
        with self._store.unit_of_work() as uow:
            context = self._runner.actor_context(uow, actor)
            if isinstance(context, Failure):
                return Failure(context.failure())
            loaded = uow.repository(KIND).get(NetworkId.TRAFFICKING.value)
        if loaded is None:
            return Failure(NotFound("coordinator network", NetworkId.TRAFFICKING.value, "network"))
        authorised = cn.authorise_mh_removal(loaded.state, year, context.unwrap())
        if isinstance(authorised, Failure):
            return Failure(authorised.failure())
        kom = authorised.unwrap()
        marked: list[DufCaseNumber] = []
        unmarked: list[DufCaseNumber] = []
        for case in cn.remaining(kom):
            codes = self._duf.codes(case)
            if isinstance(codes, Failure):
                return Failure(codes.failure())
            (marked if MH in codes.unwrap() else unmarked).append(case)
        handled = kom.removal.removed if kom.removal is not None else 0
        return Success(MhDryRun(year, tuple(marked), tuple(unmarked), len(kom.retained), handled))

    # -- queries -----------------------------------------------------------------------

    def network(self, network: str) -> Result[CoordinatorNetwork, DomainError]:
        """The network's state: its people, the meetings CN-05 counts and the open agenda;
        every meeting and agenda item ever recorded is in the history (``Queries.history``)."""
        nid = _network(network)
        if isinstance(nid, Failure):
            return Failure(nid.failure())
        with self._store.unit_of_work() as uow:
            loaded = uow.repository(KIND).get(nid.unwrap().value)
        if loaded is None:
            return Failure(NotFound("coordinator network", network, "network"))
        return Success(loaded.state)

    def gaps(self, network: str) -> Result[tuple[Gap, ...], DomainError]:
        """What the network lacks today, each gap with its rule."""
        nid = _network(network)
        if isinstance(nid, Failure):
            return Failure(nid.failure())
        with self._store.unit_of_work() as uow:
            loaded = uow.repository(KIND).get(nid.unwrap().value)
            if loaded is None:
                return Failure(NotFound("coordinator network", network, "network"))
            state = loaded.state
            people: dict[EmployeeId, Employee] = {}
            for eid in cn.people_named(state):
                found = uow.organisation.employee(eid)
                if found is not None:
                    people[eid] = found
            units = uow.organisation.units()
        return Success(cn.gaps(state, units, people))

    def cadence(self, network: str, as_of: date) -> Result[tuple[CadenceEntry, ...], DomainError]:
        """CN-05 period by period up to the end of next year: met, missed or open."""
        state = self.network(network)
        if isinstance(state, Failure):
            return Failure(state.failure())
        entries = []
        for o in KIND.obligations(network, state.unwrap(), as_of):
            status = o.status(as_of)
            label = {ObligationStatus.MET: "met", ObligationStatus.OVERDUE: "missed"}.get(
                status, "open"
            )
            entries.append(CadenceEntry(o.key, o.what, o.due, o.met_on, label))
        return Success(tuple(entries))

    def permit_contact_point(self) -> Result[EmployeeId, DomainError]:
        """Who answers external enquiries on reflection and limited permits (CN-12)."""
        state = self.network(NetworkId.TRAFFICKING.value)
        if isinstance(state, Failure):
            return Failure(state.failure())
        contact = cn.permit_contact_point(state.unwrap())
        if contact is None:
            return Failure(NotFound("OPA coordinator", "trafficking", "network"))
        return Success(contact)
