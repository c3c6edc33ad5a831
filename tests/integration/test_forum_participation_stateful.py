"""A hypothesis state machine over the participation lifecycle, through the app.

Any sequence of commands, by any of the people, on any day: a refused command changes
nothing (state, events, outbox, obligations); an accepted one keeps the lifecycle's
invariants (clearance before attendance, anchoring and consultation before the meeting,
reports after it, one journal post per key).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from returns.result import Failure, Success

from udi_adapters.clocks import FixedClock
from udi_core.domain.forum_participation.model import ForumParticipation, Stage
from udi_core.domain.kernel.effects import PostJournal

from .forum_participation_setup import make_app

T0 = datetime(2026, 12, 20, 8, 0, tzinfo=UTC)  # the year end falls inside the runs
PID = "p1"
PEOPLE = st.sampled_from(["ola", "lea", "dir", "igs", "eva", "asa"])


class ParticipationMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.app = make_app(T0)
        self.svc = self.app.forum_participation
        self.highest = -1
        self.requested = False

    def teardown(self) -> None:
        self.app.close()

    def state(self) -> ForumParticipation | None:
        loaded = self.svc.get(PID)
        return loaded.unwrap().state if isinstance(loaded, Success) else None

    def snapshot(self) -> tuple[Any, ...]:
        today = self.app.clock.now().date()
        return (
            self.state(),
            len(self.app.queries.history(PID)),
            [(i.key, i.status) for i in self.app.outbox.items()],
            self.app.queries.obligations(today + timedelta(days=400)),
        )

    def do(self, command: Callable[[], Any]) -> None:
        before = self.snapshot()
        result = command()
        if isinstance(result, Failure):
            assert self.snapshot() == before, result.failure()
        else:
            assert len(self.app.queries.history(PID)) == before[1] + len(result.unwrap().events)

    @rule(
        days=st.integers(1, 30),
        forum=st.sampled_from(["EMN", "GDISC", "NU", "Schengen"]),
        actor=st.sampled_from(["ola", "igs"]),
    )
    def request(self, days: int, forum: str, actor: str) -> None:
        meeting = self.app.clock.now().date() + timedelta(days=days)
        self.do(lambda: self.svc.receive_request(actor, PID, forum, meeting, "topic", "OPA", "sec"))
        self.requested = True

    @precondition(lambda self: self.requested)
    @rule(actor=PEOPLE)
    def inform_aua(self, actor: str) -> None:
        self.do(lambda: self.svc.inform_aua(actor, PID))

    @precondition(lambda self: self.requested)
    @rule(
        blank=st.booleans(),
        alone=st.booleans(),
        sensitive=st.booleans(),
        principled=st.booleans(),
        pre=st.none() | st.booleans(),
    )
    def assess(
        self, blank: bool, alone: bool, sensitive: bool, principled: bool, pre: bool | None
    ) -> None:
        self.do(
            lambda: self.svc.assess(
                "ola",
                PID,
                "" if blank else "agenda",
                "cost",
                "contribution",
                udi_attends_alone=alone,
                politically_sensitive=sensitive,
                needs_principled_clarification=principled,
                pre_meeting_needed=pre,
            )
        )

    @precondition(lambda self: self.requested)
    @rule(actor=PEOPLE, contact=st.sampled_from(["igs", "eva"]))
    def clear(self, actor: str, contact: str) -> None:
        self.do(lambda: self.svc.clear(actor, PID, contact))

    @precondition(lambda self: self.requested)
    @rule(participant=st.sampled_from(["lea", "ola", "igs"]), blank=st.booleans())
    def choose(self, participant: str, blank: bool) -> None:
        self.do(
            lambda: self.svc.choose_participant(
                "lea", PID, participant, "" if blank else "competent", "continuity"
            )
        )

    @precondition(lambda self: self.requested)
    @rule(kind=st.sampled_from(["anchor", "contact-igs", "contact-asa", "consult"]))
    def before_meeting(self, kind: str) -> None:
        if kind == "anchor":
            self.do(lambda: self.svc.record_anchoring("ola", PID, "line agreed"))
        elif kind == "consult":
            self.do(lambda: self.svc.record_ministry_consultation("ola", PID, "room"))
        else:
            contact = kind.removeprefix("contact-")
            self.do(lambda: self.svc.record_aua_contact("ola", PID, contact, "clarified"))

    @precondition(lambda self: self.requested)
    @rule(jd=st.none() | st.booleans(), principle=st.booleans(), minutes=st.booleans())
    def attend(self, jd: bool | None, principle: bool, minutes: bool) -> None:
        self.do(lambda: self.svc.record_attendance("lea", PID, principle, minutes, jd))

    @precondition(lambda self: self.requested)
    @rule()
    def minutes(self) -> None:
        self.do(lambda: self.svc.record_minutes("lea", PID, "minutes.pdf"))

    @precondition(lambda self: self.requested)
    @rule(actor=PEOPLE)
    def report(self, actor: str) -> None:
        self.do(lambda: self.svc.post_report(actor, PID, "26/00001", ["eva"]))

    @precondition(lambda self: self.requested)
    @rule(actor=PEOPLE)
    def letter(self, actor: str) -> None:
        self.do(lambda: self.svc.send_ministry_letter(actor, PID, "26/00001"))

    @precondition(lambda self: self.requested)
    @rule(actor=PEOPLE)
    def close(self, actor: str) -> None:
        self.do(lambda: self.svc.close(actor, PID))

    @precondition(lambda self: self.requested)
    @rule()
    def progress(self) -> None:
        """The next right step for the stage, so runs reach the end of the lifecycle."""
        s = self.state()
        if s is None:
            return
        svc, today = self.svc, self.app.clock.now().date()
        chosen = str(s.choice.participant.id) if s.choice else "lea"
        steps: dict[Stage, Callable[[], Any]] = {
            Stage.REQUESTED: lambda: (
                svc.inform_aua("ola", PID)
                if s.aua_told is None
                else svc.assess("ola", PID, "agenda", "cost", "contribution")
            ),
            Stage.ASSESSED: lambda: svc.clear("dir", PID, "igs"),
            Stage.CLEARED: lambda: svc.choose_participant("lea", PID, "lea", "c", "c"),
            Stage.PARTICIPANT_CHOSEN: lambda: (
                svc.record_attendance("lea", PID, False, False, None)
                if today >= s.meeting_date
                else svc.record_ministry_consultation("ola", PID, "room")
            ),
            Stage.ATTENDED: lambda: svc.post_report(chosen, PID, "26/00001"),
            Stage.REPORTED: lambda: (
                svc.send_ministry_letter("dir", PID, "26/00001")
                if s.ministry_letter is None and s.ministry_letter_required
                else svc.close("lea", PID)
            ),
        }
        step = steps.get(s.stage)
        if step is not None:
            self.do(step)

    @rule(days=st.integers(0, 20))
    def time_passes(self, days: int) -> None:
        cast(FixedClock, self.app.clock).advance(timedelta(days=days))

    @invariant()
    def the_lifecycle_holds(self) -> None:
        s = self.state()
        if s is None:
            return
        rank = s.stage.rank
        assert rank >= self.highest, "stages never go back"
        self.highest = rank
        meeting = s.meeting_date
        if rank >= Stage.ASSESSED.rank:
            assert s.aua_told is not None
            assert s.assessment is not None
            assert s.assessment.agenda
        if rank >= Stage.CLEARED.rank:
            assert s.clearance is not None
        if rank >= Stage.ATTENDED.rank:
            assert s.choice is not None
            assert s.attendance is not None
            assert s.attendance.recorded_on >= meeting
            if not s.choice.participant.leader:
                assert s.anchoring is not None
                assert s.anchoring.on < meeting
            assessment = s.assessment
            assert assessment is not None
            if assessment.udi_attends_alone and assessment.sensitive:
                assert s.ministry_consultation is not None
                assert s.ministry_consultation.on < meeting
        if s.report is not None:
            assert s.report.on >= meeting
            assert s.choice is not None
            assert s.report.by == s.choice.participant.id
        if s.stage is Stage.CLOSED:
            assert s.report is not None
            assert s.ministry_letter is not None or not s.ministry_letter_required

    @invariant()
    def one_journal_post_per_sent_document(self) -> None:
        s = self.state()
        items = self.app.outbox.items()
        assert all(isinstance(i.effect, PostJournal) for i in items)
        keys = sorted(i.key for i in items)
        expected = []
        if s is not None and s.ministry_letter is not None:
            expected.append(f"ifp/{PID}/ministry-letter")
        if s is not None and s.report is not None:
            expected.append(f"ifp/{PID}/report")
        assert keys == expected
        for item in items:
            assert isinstance(item.effect, PostJournal)
            assert item.effect.post.problems() == ()


TestParticipationLifecycle = ParticipationMachine.TestCase
