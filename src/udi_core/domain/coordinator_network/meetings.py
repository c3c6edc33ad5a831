"""Meetings and their cadence (CN-05), agenda items (CN-07), and case decisions (CN-08).

CN-05 (IM 2018-002 §4) is read from the seed as two cadences: "faste møter en gang i
måneden" for the core (each calendar month has a core meeting; a whole-network meeting
counts too, since the core attends it), and "Hele nettverket møtes minst fire ganger i
året": at least four whole-network meetings per calendar year, not one per quarter (the
seed counts per year and names no quarters). The first year is prorated by the months
left after the start (a network set up in October owes one meeting that year).
Periods run from the month the network was set up (not before the rule's valid-from)
up to the end of the year after today, each met or not from the recorded meetings.
The networks of IM 2018-001 have no cadence: meetings are recorded, no obligation.

The state keeps only the meetings these obligations can read (each month's first, each
year's first four whole ones; ``model.meetings_that_count``); the obligations computed
from them are those of every meeting recorded. A recorded meeting takes up the agenda
items submitted on or before its day (the open agenda, see ``model``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date

from returns.result import Failure, Result

from udi_core.domain.coordinator_network import rules as r
from udi_core.domain.coordinator_network.composition import decided, require_lead
from udi_core.domain.coordinator_network.model import (
    KIND_NAME,
    WHOLE_PER_YEAR,
    AgendaItem,
    AgendaItemSubmitted,
    CoordinatorNetwork,
    Meeting,
    MeetingHeld,
    MeetingKind,
    NetworkId,
)
from udi_core.domain.kernel.aggregate import Context, Decision
from udi_core.domain.kernel.dates import month_end
from udi_core.domain.kernel.errors import DomainError, invalid, refuse
from udi_core.domain.kernel.identifiers import DufCaseNumber
from udi_core.domain.kernel.obligations import Obligation


def record_meeting(
    state: CoordinatorNetwork, held_on: date, kind: MeetingKind, topic: str, ctx: Context
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    """The coordinator records a meeting that took place."""
    lead = require_lead(state, ctx)
    if isinstance(lead, Failure):
        return Failure(lead.failure())
    if held_on > ctx.today:
        return invalid("held_on", f"a date on or before today ({ctx.today})", held_on.isoformat())
    if kind is MeetingKind.CORE and state.network is not NetworkId.TRAFFICKING:
        return invalid("kind", "'whole': only the trafficking network has a core", kind.value)
    rules = (r.CN_05,) if state.network is NetworkId.TRAFFICKING else (state.network.lead_rule,)
    return decided(state, (MeetingHeld(Meeting(held_on, kind, topic)),), rules)


def submit_agenda_item(
    state: CoordinatorNetwork, topic: str, case: DufCaseNumber | None, ctx: Context
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    """A member asks the network to discuss a general issue, perhaps shown by a case."""
    if not state.in_network(ctx.actor.id):
        return refuse(
            r.CN_07, f"{ctx.actor.id} is not a member of the {state.network.value} network"
        )
    item = AgendaItem(ctx.actor.id, ctx.today, topic, case)
    return decided(state, (AgendaItemSubmitted(item),), (r.CN_07,))


def record_case_decision(
    state: CoordinatorNetwork, case: DufCaseNumber, outcome: str, ctx: Context
) -> Result[Decision[CoordinatorNetwork], DomainError]:
    """Always refused: a network discusses cases, the line decides them (CN-08).

    It exists so that a request to decide a case through a network gets a typed refusal
    naming the rule (for the networks of IM 2018-001 too: their coordinator "skal ikke
    overta avdelingenes oppgaver eller fagansvar", §2).
    """
    return refuse(
        r.CN_08,
        f"the {state.network.value} network cannot decide case {case} ({outcome!r}); "
        "the decision is made in the line",
    )


def _months(first: date, last: date) -> Iterable[date]:
    day = first.replace(day=1)
    while day <= last:
        yield day
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _whole_required(year: int, start: date) -> int:
    if year != start.year:
        return WHOLE_PER_YEAR
    months_left = 13 - start.month
    return max(1, math.ceil(WHOLE_PER_YEAR * months_left / 12))


def cadence_obligations(
    aggregate_id: str, state: CoordinatorNetwork, today: date
) -> Iterable[Obligation]:
    """CN-05: one obligation per month (core) and per year (whole network)."""
    if state.network is not NetworkId.TRAFFICKING:
        return
    start = max(state.established_on, r.CN_05.valid_from)
    horizon = date(today.year + 1, 12, 31)
    first_in_month: dict[tuple[int, int], date] = {}
    whole_by_year: dict[int, list[date]] = {}
    for meeting in sorted(state.meetings, key=lambda m: m.held_on):
        day = meeting.held_on
        first_in_month.setdefault((day.year, day.month), day)
        if meeting.kind is MeetingKind.WHOLE:
            whole_by_year.setdefault(day.year, []).append(day)
    who = str(state.coordinator)
    for month in _months(start, horizon):
        yield Obligation(
            key=f"CN-05/core/{month:%Y-%m}",
            rule_id=r.CN_05.id,
            routine=KIND_NAME,
            aggregate_id=aggregate_id,
            what=f"core meeting of the trafficking network in {month:%Y-%m}",
            who=who,
            due=month_end(month),
            met_on=first_in_month.get((month.year, month.month)),
        )
    for year in range(start.year, horizon.year + 1):
        required = _whole_required(year, start)
        held = whole_by_year.get(year, [])
        yield Obligation(
            key=f"CN-05/whole/{year}",
            rule_id=r.CN_05.id,
            routine=KIND_NAME,
            aggregate_id=aggregate_id,
            what=f"{required} meetings of the whole trafficking network in {year}",
            who=who,
            due=date(year, 12, 31),
            met_on=held[required - 1] if len(held) >= required else None,
        )
