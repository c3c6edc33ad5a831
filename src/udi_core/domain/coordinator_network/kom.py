"""KOM reporting (CN-10), the yearly removal of "MH" (CN-09), ROSA notices (CN-11) and the
OPA coordinator's permit statistics (CN-12), all in the trafficking network.

The MH removal for a year walks a cursor over the SORTED cases reported to KOM for that
year, skipping those whose code is still needed (retained). Each batch is one decision:
the cases it removed, in order, starting right after the cursor; the decision refuses
any other list, so a batch can neither skip nor repeat a case. Once the removal has
started, the year's reported and retained cases are fixed (a change would move cases
behind the cursor).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import date

from returns.result import Failure, Result, Success

from udi_core.domain.coordinator_network import rules as r
from udi_core.domain.coordinator_network.composition import decided
from udi_core.domain.coordinator_network.model import (
    EAST_OFFICE,
    LEAD_UNIT,
    CoordinatorNetwork,
    KomInputRecorded,
    KomReportPublished,
    KomYear,
    MhCodeRetained,
    MhCodesRemoved,
    MhRemovalCompleted,
    MhRemovalStarted,
    NetworkId,
    PermitKind,
    PermitStatistics,
    PermitStatisticsReported,
    RosaNotice,
    RosaPriorityNoticeSent,
)
from udi_core.domain.kernel.aggregate import Context, Decision
from udi_core.domain.kernel.errors import DomainError, invalid, refuse
from udi_core.domain.kernel.identifiers import DufCaseNumber, EmployeeId
from udi_core.domain.kernel.organisation import Department
from udi_core.domain.kernel.rules import Rule


def require_aua_coordinator(
    state: CoordinatorNetwork, rule: Rule, ctx: Context
) -> Result[None, DomainError]:
    """The actor is the trafficking network's coordinator, placed in AUA/RVE today."""
    if state.network is not NetworkId.TRAFFICKING:
        return refuse(rule, f"the {state.network.value} network does not report to KOM")
    if ctx.actor.id != state.coordinator:
        return refuse(rule, f"{ctx.actor.id} is not the AUA coordinator ({state.coordinator} is)")
    if ctx.actor.unit != LEAD_UNIT:
        return refuse(rule, f"{ctx.actor.id} is placed in {ctx.actor.unit}, not {LEAD_UNIT}")
    return Success(None)


def _open_year(state: CoordinatorNetwork, year: int) -> Result[KomYear | None, DomainError]:
    kom = state.kom_year(year)
    if kom is not None and kom.removal is not None:
        return refuse(r.CN_09, f"the MH removal for {year} has started; its cases are fixed")
    return Success(kom)


def record_kom_input(
    state: CoordinatorNetwork, year: int, cases: Sequence[DufCaseNumber], ctx: Context
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    """The cases UDI reported to KOM for ``year`` (more may be added until removal)."""
    allowed = require_aua_coordinator(state, r.CN_10, ctx)
    if isinstance(allowed, Failure):
        return Failure(allowed.failure())
    if year > ctx.today.year:
        return invalid("year", f"a year up to {ctx.today.year}", str(year))
    if not cases:
        return invalid("cases", "at least one DUF case number", "[]")
    kom = _open_year(state, year)
    if isinstance(kom, Failure):
        return Failure(kom.failure())
    event = KomInputRecorded(year, tuple(cases), ctx.today)
    return decided(state, (event,), (r.CN_10,))


def retain_mh_code(
    state: CoordinatorNetwork,
    year: int,
    cases: Sequence[DufCaseNumber],
    reason: str,
    ctx: Context,
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    """Reported cases whose "MH" code is still needed: the removal leaves them alone."""
    allowed = require_aua_coordinator(state, r.CN_09, ctx)
    if isinstance(allowed, Failure):
        return Failure(allowed.failure())
    kom = _open_year(state, year)
    if isinstance(kom, Failure):
        return Failure(kom.failure())
    found = kom.unwrap()
    if found is None:
        return invalid("year", "a year with cases reported to KOM", str(year))
    reported = frozenset(found.reported)
    for i, case in enumerate(cases):
        if case not in reported:
            return invalid(f"cases[{i}]", f"a case reported to KOM for {year}", str(case))
    return decided(state, (MhCodeRetained(year, tuple(cases), reason),), (r.CN_09,))


def record_kom_publication(
    state: CoordinatorNetwork, year: int, day: date, ctx: Context
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    """KOM published its report for ``year`` on ``day``."""
    allowed = require_aua_coordinator(state, r.CN_09, ctx)
    if isinstance(allowed, Failure):
        return Failure(allowed.failure())
    if day > ctx.today:
        return invalid("published_on", f"a date on or before today ({ctx.today})", day.isoformat())
    if state.kom_year(year) is None:
        return invalid("year", "a year with cases reported to KOM", str(year))
    return decided(state, (KomReportPublished(year, day),), (r.CN_09,))


def authorise_mh_removal(
    state: CoordinatorNetwork, year: int, ctx: Context
) -> Result[KomYear, DomainError]:
    """The year's KOM record, if the actor may remove its "MH" codes today (CN-09)."""
    if not r.CN_09.in_force(ctx.today):
        return refuse(r.CN_09, f"the rule applies from {r.CN_09.valid_from}")
    allowed = require_aua_coordinator(state, r.CN_09, ctx)
    if isinstance(allowed, Failure):
        return Failure(allowed.failure())
    kom = state.kom_year(year)
    if kom is None:
        return refuse(r.CN_09, f"no cases are recorded as reported to KOM for {year}")
    if kom.published_on is None:
        return refuse(r.CN_09, f"KOM's report for {year} is not recorded as published")
    if ctx.today < kom.published_on:
        return refuse(
            r.CN_09,
            f"KOM's report for {year} is published {kom.published_on}, today is {ctx.today}",
        )
    return Success(kom)


def mh_candidates(
    kom: KomYear, after: DufCaseNumber | None, limit: int | None = None
) -> tuple[DufCaseNumber, ...]:
    """The next cases to lose "MH", in order after ``after``: reported, not retained."""
    reported = kom.reported
    i = 0 if after is None else bisect.bisect_right(reported, after)
    found: list[DufCaseNumber] = []
    while i < len(reported) and (limit is None or len(found) < limit):
        if reported[i] not in kom.retained:
            found.append(reported[i])
        i += 1
    return tuple(found)


def remaining(kom: KomYear, limit: int | None = None) -> tuple[DufCaseNumber, ...]:
    """The cases the year's removal still has to handle."""
    if kom.removal is not None and kom.removal.completed_at is not None:
        return ()
    return mh_candidates(kom, kom.removal.cursor if kom.removal else None, limit)


def record_mh_batch(
    state: CoordinatorNetwork,
    year: int,
    removed: Sequence[DufCaseNumber],
    ctx: Context,
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    """Record that "MH" was removed from ``removed``: the next candidates, in order.

    Emits the start of the run on its first batch, and its completion once no candidate
    is left. A completed run records nothing more (running it again changes nothing).
    """
    authorised = authorise_mh_removal(state, year, ctx)
    if isinstance(authorised, Failure):
        return Failure(authorised.failure())
    kom = authorised.unwrap()
    run = kom.removal
    if run is not None and run.completed_at is not None:
        return Success(Decision(state, (), rule_ids=(r.CN_09.id,)))
    cursor = run.cursor if run is not None else None
    expected = mh_candidates(kom, cursor, len(removed))
    if tuple(removed) != expected:
        return invalid("cases", "the next cases of the run, in order", str(removed[:3]))
    events: list[object] = []
    if run is None:
        events.append(MhRemovalStarted(year, ctx.now))
    if removed:
        cursor = removed[-1]
        events.append(MhCodesRemoved(year, tuple(removed), cursor))
    if not mh_candidates(kom, cursor, 1):
        events.append(MhRemovalCompleted(year, ctx.now))
    return decided(state, tuple(events), (r.CN_09,))


def send_rosa_notice(
    state: CoordinatorNetwork, case: DufCaseNumber, ctx: Context
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    """Regionkontor Øst tells ASA to prioritise a case placed via ROSA (CN-11)."""
    if state.network is not NetworkId.TRAFFICKING:
        return invalid("network", "the trafficking network", state.network.value)
    if ctx.actor.unit != EAST_OFFICE:
        return refuse(r.CN_11, f"{ctx.actor.id} is in {ctx.actor.unit}, not {EAST_OFFICE}")
    notice = RosaNotice(case, ctx.actor.id, ctx.today)
    return decided(state, (RosaPriorityNoticeSent(notice),), (r.CN_11,))


def permit_contact_point(state: CoordinatorNetwork) -> EmployeeId | None:
    """Who answers external enquiries on reflection and limited permits (CN-12)."""
    opa = state.department_coordinator(Department.OPA)
    return opa.employee if opa is not None else None


def report_permit_statistics(
    state: CoordinatorNetwork,
    period: str,
    permits: PermitKind,
    count: int,
    ctx: Context,
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    """The OPA coordinator reports the statistics of a permit portfolio (CN-12)."""
    if state.network is not NetworkId.TRAFFICKING:
        return invalid("network", "the trafficking network", state.network.value)
    contact = permit_contact_point(state)
    if contact != ctx.actor.id:
        return refuse(
            r.CN_12, f"{ctx.actor.id} is not the OPA coordinator ({contact or 'none'} is)"
        )
    if count < 0:
        return invalid("count", "a whole number of permits, 0 or more", str(count))
    stats = PermitStatistics(period, permits, count, ctx.actor.id, ctx.today)
    return decided(state, (PermitStatisticsReported(stats),), (r.CN_12,))
