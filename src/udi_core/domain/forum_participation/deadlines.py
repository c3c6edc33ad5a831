"""IFP-10 and IFP-11 deadlines, and the participation's obligations.

The report (and, when required, the letter to the ministry) is due two weeks after the
meeting. When the secretariat's official minutes are awaited, it is due a reasonable
time after they arrive, never earlier than two weeks after the meeting. The reasonable
time is configurable (the service's ``minutes_reasonable_days``); the default,
:data:`MINUTES_REASONABLE_DAYS`, is the same two weeks the IM gives after a meeting.
It is stored on the attendance, so a later change of setting does not move a recorded
deadline. While awaited minutes have not arrived, the due date shown is two weeks after
the meeting: an overdue report then says "chase the minutes or report without them".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from udi_core.domain.forum_participation.model import DEPARTMENT_NAMES, ForumParticipation
from udi_core.domain.forum_participation.rules import IFP_10, IFP_11
from udi_core.domain.kernel.dates import add_days
from udi_core.domain.kernel.obligations import Obligation

REPORT_DAYS = 14
MINUTES_REASONABLE_DAYS = 14
ROUTINE = "forum_participation"


def report_due(
    meeting_date: date,
    minutes_expected: bool = False,
    minutes_arrived_on: date | None = None,
    reasonable_days: int = MINUTES_REASONABLE_DAYS,
) -> date:
    """When the report (IFP-10) and the ministry letter (IFP-11) are due."""
    base = add_days(meeting_date, REPORT_DAYS)
    if not minutes_expected or minutes_arrived_on is None:
        return base
    return max(base, add_days(minutes_arrived_on, reasonable_days))


def due_of(state: ForumParticipation) -> date | None:
    """The participation's reporting deadline, once the meeting is attended."""
    attendance = state.attendance
    if attendance is None:
        return None
    return report_due(
        state.meeting_date,
        attendance.minutes_expected,
        state.minutes.arrived_on if state.minutes else None,
        attendance.minutes_reasonable_days,
    )


def participation_obligations(
    aggregate_id: str, state: ForumParticipation, _today: date
) -> Iterable[Obligation]:
    """IFP-10 once the meeting is attended; IFP-11 when the letter is required."""
    due = due_of(state)
    if due is None or state.choice is None:
        return
    meeting = f"{state.forum.code} {state.meeting_date.isoformat()} ({state.topic})"
    waiting = (
        " (official minutes awaited)"
        if state.attendance and state.attendance.minutes_expected and state.minutes is None
        else ""
    )
    yield Obligation(
        key=f"{IFP_10.id}/report",
        rule_id=IFP_10.id,
        routine=ROUTINE,
        aggregate_id=aggregate_id,
        what=f"Report from {meeting} to IGS and {state.department.value}{waiting}",
        who=str(state.choice.participant.id),
        due=due,
        met_on=state.report.on if state.report else None,
    )
    if state.ministry_letter_required:
        yield Obligation(
            key=f"{IFP_11.id}/ministry-letter",
            rule_id=IFP_11.id,
            routine=ROUTINE,
            aggregate_id=aggregate_id,
            what=f"Minutes from {meeting} to JD as an outgoing letter, copy to IGS{waiting}",
            who=f"department director, {DEPARTMENT_NAMES[state.department]}",
            due=due,
            met_on=state.ministry_letter.on if state.ministry_letter else None,
        )
