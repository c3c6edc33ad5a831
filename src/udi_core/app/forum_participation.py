"""The forum participation service (IM 2011-013): commands for one meeting participation.

It parses raw input (an InvalidInput names the field), looks the people up in the
organisation inside the command's unit of work, and hands the values to the pure
domain functions in :mod:`udi_core.domain.forum_participation.participation`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, ClassVar

from attrs import field, frozen
from returns.result import Failure, Result, Success

from udi_core.app.commands import strings
from udi_core.app.inputs import parse_choice, parse_date
from udi_core.app.runner import CommandRunner, Outcome
from udi_core.domain.forum_participation import participation as fp
from udi_core.domain.forum_participation.deadlines import MINUTES_REASONABLE_DAYS
from udi_core.domain.forum_participation.forums import ForumCatalogue
from udi_core.domain.forum_participation.model import Assessment, ForumParticipation, Person
from udi_core.domain.forum_participation.posts import Expert
from udi_core.domain.kernel.aggregate import Context, Decision
from udi_core.domain.kernel.errors import DomainError, InvalidInput, NotFound
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber, EmployeeId, require_text
from udi_core.domain.kernel.organisation import Department
from udi_core.ports.persistence import Loaded, Store, UnitOfWork

Decided = Result[Decision[ForumParticipation], DomainError]
Done = Result[Outcome[ForumParticipation], DomainError]


# -- commands ---------------------------------------------------------------------------


@frozen
class ReceiveForumRequest:
    """A department (or AUA) is asked to take part in a meeting of an international forum.

    Recorded by someone in the department concerned or in AUA (IFP-01: requests come to
    the departments or to AUA, and AUA is told of them)."""

    actor: str
    participation_id: str
    forum: str
    meeting_date: date
    topic: str
    department: str
    requested_by: str
    AUTHORITY: ClassVar[str] = "IFP-01"


@frozen
class InformAua:
    """AUA has been told of the request: recorded by the department concerned or AUA
    (IFP-01)."""

    actor: str
    participation_id: str
    AUTHORITY: ClassVar[str] = "IFP-01"


@frozen
class AssessParticipation:
    """The participation is assessed (IFP-02): by the department concerned, which clears
    it in consultation with AUA IGS."""

    actor: str
    participation_id: str
    agenda: str
    cost_benefit: str
    contribution: str
    udi_attends_alone: bool = False
    law_change: bool = False
    budget_consequences: bool = False
    politically_sensitive: bool = False
    needs_principled_clarification: bool = False
    interpretation_discussed: bool = False
    pre_meeting_needed: bool | None = None
    options_memo_needed: bool | None = None
    AUTHORITY: ClassVar[str] = "IFP-02"


@frozen
class ClearParticipation:
    """The department concerned clears the participation with AUA IGS (IFP-03)."""

    actor: str
    participation_id: str
    igs_contact: str
    AUTHORITY: ClassVar[str] = "IFP-03"


@frozen
class ChooseParticipant:
    """The participant is chosen for competence and continuity (IFP-04): by the department
    concerned."""

    actor: str
    participation_id: str
    participant: str
    competence: str
    continuity: str
    AUTHORITY: ClassVar[str] = "IFP-04"


@frozen
class RecordAnchoring:
    """UDI's position was anchored (IFP-06): recorded by the participant, who anchors it,
    or the department concerned."""

    actor: str
    participation_id: str
    summary: str
    with_ministry: bool = False
    AUTHORITY: ClassVar[str] = "IFP-06"


@frozen
class RecordAuaContact:
    """AUA was contacted for a principled or strategic clarification (IFP-07): recorded by
    the department concerned or AUA."""

    actor: str
    participation_id: str
    contact: str
    summary: str
    AUTHORITY: ClassVar[str] = "IFP-07"


@frozen
class RecordMinistryConsultation:
    """The ministry was consulted before the meeting (IFP-09): recorded by the department
    concerned or AUA."""

    actor: str
    participation_id: str
    summary: str
    AUTHORITY: ClassVar[str] = "IFP-09"


@frozen
class RecordAttendance:
    """The cleared meeting was attended: recorded by the participant or the department
    concerned. Its AUTHORITY is IFP-03, the rule that makes the participation the
    department concerned's and allows no attendance without its clearance."""

    actor: str
    participation_id: str
    matters_of_principle: bool = False
    minutes_expected: bool = False
    jd_attended: bool | None = None
    AUTHORITY: ClassVar[str] = "IFP-03"


@frozen
class RecordMinutesArrived:
    """The official minutes arrived (they set IFP-10's deadline): recorded by the
    participant or the department concerned."""

    actor: str
    participation_id: str
    reference: str = ""
    AUTHORITY: ClassVar[str] = "IFP-10"


@frozen
class PostMeetingReport:
    actor: str
    participation_id: str
    archive_case: str
    experts: tuple[str, ...] = field(default=(), converter=strings)
    reference: str = ""
    AUTHORITY: ClassVar[str] = "IFP-10"


@frozen
class SendMinistryLetter:
    actor: str
    participation_id: str
    archive_case: str
    reference: str = ""
    AUTHORITY: ClassVar[str] = "IFP-11"


@frozen
class CloseParticipation:
    """The participation is closed once reported (IFP-10) and, where required, lettered to
    the ministry (IFP-11): by the department concerned."""

    actor: str
    participation_id: str
    AUTHORITY: ClassVar[str] = "IFP-10"


# -- parsing helpers --------------------------------------------------------------------


def person(uow: UnitOfWork, raw: object, name: str) -> Result[Person, DomainError]:
    """The employee ``raw`` names, with their unit's WebSak code."""
    parsed = EmployeeId.parse(raw, name)
    if isinstance(parsed, Failure):
        return Failure(parsed.failure())
    employee = uow.organisation.employee(parsed.unwrap())
    if employee is None:
        return Failure(NotFound("employee", str(raw), name))
    unit = uow.organisation.unit(employee.unit)
    return Success(Person.of(employee, unit.websak_code if unit else None))


def _text(raw: object, name: str, max_len: int = 2000) -> Result[str, InvalidInput]:
    return require_text(raw, name, max_len=max_len)


def _free(raw: object, name: str) -> Result[str, InvalidInput]:
    """Text that may be empty (the domain says which rule an empty one breaks)."""
    if isinstance(raw, str) and len(raw) <= 2000 and "\x00" not in raw:
        return Success(raw.strip())
    return Failure(InvalidInput(name, "text of at most 2000 characters", repr(raw)[:80]))


class ForumParticipationService:
    """Commands and queries of one meeting participation (IFP-01 to IFP-11)."""

    def __init__(
        self,
        runner: CommandRunner,
        store: Store,
        catalogue: ForumCatalogue | None = None,
        minutes_reasonable_days: int = MINUTES_REASONABLE_DAYS,
    ) -> None:
        self._runner = runner
        self._store = store
        self.catalogue = catalogue or ForumCatalogue.seeded()
        self.minutes_reasonable_days = minutes_reasonable_days

    def handlers(self) -> Mapping[type, Callable[[Any], Done]]:
        return {
            ReceiveForumRequest: lambda c: self.receive_request(
                c.actor,
                c.participation_id,
                c.forum,
                c.meeting_date,
                c.topic,
                c.department,
                c.requested_by,
            ),
            InformAua: lambda c: self.inform_aua(c.actor, c.participation_id),
            AssessParticipation: self._assess_command,
            ClearParticipation: lambda c: self.clear(c.actor, c.participation_id, c.igs_contact),
            ChooseParticipant: lambda c: self.choose_participant(
                c.actor, c.participation_id, c.participant, c.competence, c.continuity
            ),
            RecordAnchoring: lambda c: self.record_anchoring(
                c.actor, c.participation_id, c.summary, c.with_ministry
            ),
            RecordAuaContact: lambda c: self.record_aua_contact(
                c.actor, c.participation_id, c.contact, c.summary
            ),
            RecordMinistryConsultation: lambda c: self.record_ministry_consultation(
                c.actor, c.participation_id, c.summary
            ),
            RecordAttendance: lambda c: self.record_attendance(
                c.actor,
                c.participation_id,
                c.matters_of_principle,
                c.minutes_expected,
                c.jd_attended,
            ),
            RecordMinutesArrived: lambda c: self.record_minutes(
                c.actor, c.participation_id, c.reference
            ),
            PostMeetingReport: lambda c: self.post_report(
                c.actor, c.participation_id, c.archive_case, c.experts, c.reference
            ),
            SendMinistryLetter: lambda c: self.send_ministry_letter(
                c.actor, c.participation_id, c.archive_case, c.reference
            ),
            CloseParticipation: lambda c: self.close(c.actor, c.participation_id),
        }

    def _run(
        self,
        actor: str,
        participation_id: object,
        decide: Callable[[ForumParticipation | None, str, Context, UnitOfWork], Decided],
    ) -> Done:
        pid = fp.parse_participation_id(participation_id)
        if isinstance(pid, Failure):
            return Failure(pid.failure())
        key = pid.unwrap()
        return self._runner.run(
            fp.KIND, key, actor, lambda state, ctx, uow: decide(state, key, ctx, uow)
        )

    # -- commands -----------------------------------------------------------------------

    def receive_request(
        self,
        actor: str,
        participation_id: str,
        forum: str,
        meeting_date: date | str,
        topic: str,
        department: str,
        requested_by: str,
    ) -> Done:
        found = self.catalogue.lookup(forum)
        if isinstance(found, Failure):
            return Failure(found.failure())
        day = parse_date(meeting_date, "meeting_date")
        if isinstance(day, Failure):
            return Failure(day.failure())
        subject = _text(topic, "topic", max_len=150)
        if isinstance(subject, Failure):
            return Failure(subject.failure())
        dep = parse_choice(Department, department, "department")
        if isinstance(dep, Failure):
            return Failure(dep.failure())
        asker = _text(requested_by, "requested_by", max_len=200)
        if isinstance(asker, Failure):
            return Failure(asker.failure())
        return self._run(
            actor,
            participation_id,
            lambda state, pid, ctx, _uow: fp.receive_request(
                state,
                pid,
                found.unwrap(),
                day.unwrap(),
                subject.unwrap(),
                dep.unwrap(),
                asker.unwrap(),
                ctx,
            ),
        )

    def inform_aua(self, actor: str, participation_id: str) -> Done:
        return self._run(
            actor, participation_id, lambda s, pid, ctx, _uow: fp.inform_aua(s, pid, ctx)
        )

    def _assess_command(self, c: AssessParticipation) -> Done:
        return self.assess(
            c.actor,
            c.participation_id,
            c.agenda,
            c.cost_benefit,
            c.contribution,
            udi_attends_alone=c.udi_attends_alone,
            law_change=c.law_change,
            budget_consequences=c.budget_consequences,
            politically_sensitive=c.politically_sensitive,
            needs_principled_clarification=c.needs_principled_clarification,
            interpretation_discussed=c.interpretation_discussed,
            pre_meeting_needed=c.pre_meeting_needed,
            options_memo_needed=c.options_memo_needed,
        )

    def assess(
        self,
        actor: str,
        participation_id: str,
        agenda: str,
        cost_benefit: str,
        contribution: str,
        *,
        udi_attends_alone: bool = False,
        law_change: bool = False,
        budget_consequences: bool = False,
        politically_sensitive: bool = False,
        needs_principled_clarification: bool = False,
        interpretation_discussed: bool = False,
        pre_meeting_needed: bool | None = None,
        options_memo_needed: bool | None = None,
    ) -> Done:
        """IFP-02 (an empty ground is refused by the rule), with the invitation's flags."""
        texts: list[str] = []
        for name, raw in (
            ("agenda", agenda),
            ("cost_benefit", cost_benefit),
            ("contribution", contribution),
        ):
            parsed = _free(raw, name)
            if isinstance(parsed, Failure):
                return Failure(parsed.failure())
            texts.append(parsed.unwrap())
        assessment = Assessment(
            texts[0],
            texts[1],
            texts[2],
            udi_attends_alone,
            law_change,
            budget_consequences,
            politically_sensitive,
            needs_principled_clarification,
            interpretation_discussed,
            pre_meeting_needed,
            options_memo_needed,
        )
        return self._run(
            actor,
            participation_id,
            lambda s, pid, ctx, _uow: fp.assess(s, pid, assessment, ctx),
        )

    def clear(self, actor: str, participation_id: str, igs_contact: str) -> Done:
        def decide(
            s: ForumParticipation | None, pid: str, ctx: Context, uow: UnitOfWork
        ) -> Decided:
            contact = person(uow, igs_contact, "igs_contact")
            if isinstance(contact, Failure):
                return Failure(contact.failure())
            return fp.clear(s, pid, contact.unwrap(), ctx)

        return self._run(actor, participation_id, decide)

    def choose_participant(
        self,
        actor: str,
        participation_id: str,
        participant: str,
        competence: str,
        continuity: str,
    ) -> Done:
        why = [_free(competence, "competence"), _free(continuity, "continuity")]
        for parsed in why:
            if isinstance(parsed, Failure):
                return Failure(parsed.failure())

        def decide(
            s: ForumParticipation | None, pid: str, ctx: Context, uow: UnitOfWork
        ) -> Decided:
            chosen = person(uow, participant, "participant")
            if isinstance(chosen, Failure):
                return Failure(chosen.failure())
            return fp.choose_participant(
                s, pid, chosen.unwrap(), why[0].unwrap(), why[1].unwrap(), ctx
            )

        return self._run(actor, participation_id, decide)

    def record_anchoring(
        self, actor: str, participation_id: str, summary: str, with_ministry: bool = False
    ) -> Done:
        text = _text(summary, "summary")
        if isinstance(text, Failure):
            return Failure(text.failure())
        return self._run(
            actor,
            participation_id,
            lambda s, pid, ctx, _uow: fp.record_anchoring(
                s, pid, with_ministry, text.unwrap(), ctx
            ),
        )

    def record_aua_contact(
        self, actor: str, participation_id: str, contact: str, summary: str
    ) -> Done:
        text = _text(summary, "summary")
        if isinstance(text, Failure):
            return Failure(text.failure())

        def decide(
            s: ForumParticipation | None, pid: str, ctx: Context, uow: UnitOfWork
        ) -> Decided:
            found = person(uow, contact, "contact")
            if isinstance(found, Failure):
                return Failure(found.failure())
            return fp.record_aua_contact(s, pid, found.unwrap(), text.unwrap(), ctx)

        return self._run(actor, participation_id, decide)

    def record_ministry_consultation(self, actor: str, participation_id: str, summary: str) -> Done:
        text = _text(summary, "summary")
        if isinstance(text, Failure):
            return Failure(text.failure())
        return self._run(
            actor,
            participation_id,
            lambda s, pid, ctx, _uow: fp.record_ministry_consultation(s, pid, text.unwrap(), ctx),
        )

    def record_attendance(
        self,
        actor: str,
        participation_id: str,
        matters_of_principle: bool = False,
        minutes_expected: bool = False,
        jd_attended: bool | None = None,
    ) -> Done:
        days = self.minutes_reasonable_days
        return self._run(
            actor,
            participation_id,
            lambda s, pid, ctx, _uow: fp.attend(
                s, pid, jd_attended, matters_of_principle, minutes_expected, days, ctx
            ),
        )

    def record_minutes(self, actor: str, participation_id: str, reference: str = "") -> Done:
        ref = _free(reference, "reference")
        if isinstance(ref, Failure):
            return Failure(ref.failure())
        return self._run(
            actor,
            participation_id,
            lambda s, pid, ctx, _uow: fp.record_minutes(s, pid, ref.unwrap(), ctx),
        )

    def post_report(
        self,
        actor: str,
        participation_id: str,
        archive_case: str,
        experts: Iterable[str] = (),
        reference: str = "",
    ) -> Done:
        case = ArchiveCaseNumber.parse(archive_case, "archive_case")
        if isinstance(case, Failure):
            return Failure(case.failure())
        ref = _free(reference, "reference")
        if isinstance(ref, Failure):
            return Failure(ref.failure())
        expert_ids = tuple(experts)

        def decide(
            s: ForumParticipation | None, pid: str, ctx: Context, uow: UnitOfWork
        ) -> Decided:
            found: list[Expert] = []
            for i, raw in enumerate(expert_ids):
                one = person(uow, raw, f"experts[{i}]")
                if isinstance(one, Failure):
                    return Failure(one.failure())
                found.append(Expert(one.unwrap().name, one.unwrap().unit_code))
            return fp.post_report(s, pid, case.unwrap(), tuple(found), ref.unwrap(), ctx)

        return self._run(actor, participation_id, decide)

    def send_ministry_letter(
        self, actor: str, participation_id: str, archive_case: str, reference: str = ""
    ) -> Done:
        case = ArchiveCaseNumber.parse(archive_case, "archive_case")
        if isinstance(case, Failure):
            return Failure(case.failure())
        ref = _free(reference, "reference")
        if isinstance(ref, Failure):
            return Failure(ref.failure())

        def decide(
            s: ForumParticipation | None, pid: str, ctx: Context, uow: UnitOfWork
        ) -> Decided:
            director = person(uow, str(ctx.actor.id), "actor")
            if isinstance(director, Failure):
                return Failure(director.failure())
            return fp.send_ministry_letter(
                s, pid, case.unwrap(), director.unwrap(), ref.unwrap(), ctx
            )

        return self._run(actor, participation_id, decide)

    def close(self, actor: str, participation_id: str) -> Done:
        return self._run(actor, participation_id, lambda s, pid, ctx, _uow: fp.close(s, pid, ctx))

    # -- queries ------------------------------------------------------------------------

    def get(self, participation_id: str) -> Result[Loaded[ForumParticipation], DomainError]:
        with self._store.unit_of_work() as uow:
            found = uow.repository(fp.KIND).get(participation_id)
        if found is None:
            return Failure(NotFound(fp.KIND_NAME, participation_id, "participation_id"))
        return Success(found)

    def find(self, key: str, value: str) -> list[Loaded[ForumParticipation]]:
        """Participations by index: ``forum``, ``department``, ``stage``, ``participant``,
        ``meeting_month`` (YYYY-MM)."""
        with self._store.unit_of_work() as uow:
            return uow.repository(fp.KIND).find(key, value)
