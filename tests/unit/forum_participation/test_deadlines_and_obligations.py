"""IFP-10/11 deadlines around month and year ends and late minutes; IFP-12/13 obligations."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from udi_core.domain.forum_participation import coordination as co
from udi_core.domain.forum_participation import participation as fp
from udi_core.domain.forum_participation.deadlines import participation_obligations, report_due
from udi_core.domain.forum_participation.model import Stage
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber
from udi_core.domain.kernel.obligations import ObligationStatus

from .helpers import IGS, LEADER, MEETING, PID, ctx, until, unwrap


@pytest.mark.parametrize(
    ("meeting", "due"),
    [
        (date(2026, 1, 20), date(2026, 2, 3)),  # across a month end
        (date(2026, 2, 20), date(2026, 3, 6)),  # February, 28 days
        (date(2028, 2, 20), date(2028, 3, 5)),  # February, leap year
        (date(2026, 12, 24), date(2027, 1, 7)),  # across the year end
        (date(2026, 12, 31), date(2027, 1, 14)),
    ],
)
def test_two_weeks_after_the_meeting(meeting: date, due: date) -> None:
    assert report_due(meeting) == due


def test_awaited_minutes_move_the_deadline_to_their_arrival_plus_reasonable_time() -> None:
    meeting = date(2026, 12, 10)
    assert report_due(meeting, True, None) == date(2026, 12, 24)  # still waiting
    assert report_due(meeting, True, date(2026, 12, 12)) == date(2026, 12, 26)
    late = date(2027, 1, 25)
    assert report_due(meeting, True, late) == date(2027, 2, 8)
    assert report_due(meeting, True, late, reasonable_days=7) == date(2027, 2, 1)
    assert report_due(meeting, False, late) == date(2026, 12, 24)  # minutes not awaited


@given(
    meeting=st.dates(date(2000, 1, 1), date(2090, 1, 1)),
    lag=st.integers(0, 400),
    days=st.integers(0, 60),
)
def test_awaiting_minutes_never_shortens_the_deadline(meeting: date, lag: int, days: int) -> None:
    due = report_due(meeting, True, meeting + timedelta(days=lag), days)
    assert due >= report_due(meeting)
    assert due >= meeting + timedelta(days=lag + days)


def test_participation_obligations_follow_the_facts() -> None:
    s = until(Stage.PARTICIPANT_CHOSEN)
    assert list(participation_obligations(PID, s, MEETING)) == []
    s = unwrap(fp.attend(s, PID, False, False, True, 14, ctx(LEADER, MEETING)))
    report, letter = participation_obligations(PID, s, MEETING)
    assert (report.rule_id, report.due, report.met_on) == ("IFP-10", date(2026, 4, 3), None)
    assert (letter.rule_id, letter.due) == ("IFP-11", date(2026, 4, 3))
    assert "minutes awaited" in report.what
    assert report.status(date(2026, 4, 4)) is ObligationStatus.OVERDUE
    late = date(2026, 4, 20)
    s = unwrap(fp.record_minutes(s, PID, "m.pdf", ctx(LEADER, late)))
    report, letter = participation_obligations(PID, s, late)
    assert report.due == letter.due == date(2026, 5, 4)
    s = unwrap(fp.post_report(s, PID, ArchiveCaseNumber(26, 1), (), "", ctx(LEADER, late)))
    report, letter = participation_obligations(PID, s, late)
    assert report.status(late) is ObligationStatus.MET
    assert letter.status(late) is ObligationStatus.DUE


# -- the coordination aggregate -----------------------------------------------------------

START = date(2026, 3, 2)


def _coordination() -> co.InternationalCoordination:
    d = co.appoint_coordinator(
        None, "udi", "EMN", IGS.id, IGS.name, "IGS", date(2024, 9, 1), ctx(IGS, START)
    ).unwrap()
    return d.state


def test_annual_notes_are_due_on_1_may_each_year_from_the_year_after_appointment() -> None:
    state = _coordination()
    notes = [o for o in co.coordination_obligations("udi", state, START) if o.rule_id == "IFP-12"]
    assert [o.due for o in notes] == [date(2025, 5, 1), date(2026, 5, 1), date(2027, 5, 1)]
    posted = co.post_annual_note(
        state, "udi", "EMN", ArchiveCaseNumber(26, 5), "", ctx(IGS, date(2026, 4, 30))
    ).unwrap()
    [effect] = posted.effects
    assert effect.key == "ifp/coordination/udi/note/EMN/2026"
    notes = [
        o
        for o in co.coordination_obligations("udi", posted.state, date(2026, 5, 2))
        if o.rule_id == "IFP-12"
    ]
    assert [o.status(date(2026, 5, 2)) for o in notes] == [
        ObligationStatus.OVERDUE,
        ObligationStatus.MET,
        ObligationStatus.DUE,
    ]


def test_only_the_coordinator_posts_the_note_or_keeps_the_knowledge_base() -> None:
    state = _coordination()
    case = ArchiveCaseNumber(26, 5)
    note = co.post_annual_note(state, "udi", "EMN", case, "", ctx(LEADER, START))
    assert note.failure().rule_ids == ("IFP-12",)  # type: ignore[union-attr]
    kb = co.add_knowledge_case(state, "EMN", case, "EMN 2026", ctx(LEADER, START))
    assert kb.failure().rule_ids == ("IFP-14",)  # type: ignore[union-attr]
    unknown = co.add_knowledge_case(state, "GDISC", case, "x", ctx(IGS, START))
    assert unknown.failure().rule_ids == ("IFP-14",)  # type: ignore[union-attr]
    added = co.add_knowledge_case(state, "EMN", case, "EMN 2026", ctx(IGS, START)).unwrap().state
    assert [e.archive_case for e in added.entries("EMN")] == [case]
    removed = co.remove_knowledge_case(added, "EMN", case, ctx(IGS, START)).unwrap().state
    assert removed.entries("EMN") == ()


def test_meeting_cadences_run_per_year_and_half_year_up_to_next_year() -> None:
    state = _coordination()
    held = (
        co.record_meeting(
            state,
            "udi",
            co.MeetingKind.JD,
            date(2026, 6, 30),
            "priorities",
            ctx(IGS, date(2026, 7, 1)),
        )
        .unwrap()
        .state
    )
    found = {
        o.key: o
        for o in co.coordination_obligations("udi", held, date(2026, 7, 1))
        if o.rule_id == "IFP-13"
    }
    assert sorted(found) == sorted(
        [
            "IFP-13/directors/2026",
            "IFP-13/directors/2027",
            "IFP-13/jd/2026H1",
            "IFP-13/jd/2026H2",
            "IFP-13/jd/2027H1",
            "IFP-13/jd/2027H2",
            "IFP-13/ud/2026H1",
            "IFP-13/ud/2026H2",
            "IFP-13/ud/2027H1",
            "IFP-13/ud/2027H2",
        ]
    )
    assert found["IFP-13/jd/2026H1"].met_on == date(2026, 6, 30)
    assert found["IFP-13/jd/2026H2"].met_on is None
    assert found["IFP-13/ud/2026H1"].status(date(2026, 7, 1)) is ObligationStatus.OVERDUE
    future = co.record_meeting(
        held, "udi", co.MeetingKind.UD, date(2026, 7, 2), "", ctx(IGS, date(2026, 7, 1))
    )
    assert future.failure().field == "held_on"  # type: ignore[union-attr]
