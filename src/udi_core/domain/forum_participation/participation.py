"""The commands of one meeting participation (IFP-01 to IFP-11), as pure functions.

Each takes the current state (None when the id is unused), the payload and the context,
and returns a Decision or a typed Failure; nothing raises. Records that must come
"before the meeting" (anchoring IFP-06, AUA contact IFP-07, ministry consultation
IFP-09) are dated by the day they are recorded, and count only when that day is before
the meeting date: with dates alone, a record made on the meeting day cannot be shown to
precede the meeting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from returns.result import Failure, Result, Success

from udi_core.domain.forum_participation.deadlines import participation_obligations
from udi_core.domain.forum_participation.forums import Forum, ForumLevel
from udi_core.domain.forum_participation.model import (
    EVENT_TYPES,
    Assessment,
    Attendance,
    AuaContacted,
    AuaTold,
    Choice,
    Clearance,
    ForumParticipation,
    MeetingAttended,
    MinistryConsulted,
    MinistryLetterSent,
    Minutes,
    MinutesArrived,
    ParticipantChosen,
    ParticipationAssessed,
    ParticipationCleared,
    ParticipationClosed,
    Person,
    PositionAnchored,
    Posting,
    Record,
    ReportPosted,
    RequestReceived,
    Stage,
    evolve_participation,
    start,
)
from udi_core.domain.forum_participation.posts import Expert, letter_post, report_post
from udi_core.domain.forum_participation.rules import (
    IFP_01,
    IFP_02,
    IFP_03,
    IFP_04,
    IFP_05,
    IFP_06,
    IFP_07,
    IFP_08,
    IFP_09,
    IFP_10,
    IFP_11,
    IFP_06b,
)
from udi_core.domain.kernel.advisories import Advisory
from udi_core.domain.kernel.aggregate import AggregateKind, Context, Decision, fold
from udi_core.domain.kernel.effects import PostJournal
from udi_core.domain.kernel.errors import (
    Breach,
    DomainError,
    InvalidInput,
    NotFound,
    RuleViolation,
    invalid,
    refuse,
)
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber
from udi_core.domain.kernel.noark5 import JournalPost
from udi_core.domain.kernel.organisation import Department, NamedUnits
from udi_core.domain.kernel.rules import Rule

KIND_NAME = "forum_participation"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_TITLE_MAX = 255

Outcome = Result[Decision[ForumParticipation], DomainError]


def parse_participation_id(
    raw: object, field: str = "participation_id"
) -> Result[str, InvalidInput]:
    """A participation id: letters, digits, '.', '_' or '-' (1-64), as the caller chose it."""
    if isinstance(raw, str) and _ID.match(raw):
        return Success(raw)
    return invalid(field, "an id of letters, digits, '.', '_' or '-' (1-64 characters)", raw)


def _decide(
    state: ForumParticipation,
    events: tuple[object, ...],
    rules: Iterable[Rule],
    effects: tuple[PostJournal, ...] = (),
    advisories: tuple[Advisory, ...] = (),
) -> Outcome:
    new = fold(evolve_participation, state, events)
    ids = tuple(dict.fromkeys(r.id for r in rules))
    return Success(Decision(new, events, effects, advisories, ids))


def _missing(pid: str) -> Failure[NotFound]:
    return Failure(NotFound(KIND_NAME, pid, "participation_id"))


def _stage(state: ForumParticipation, expected: str) -> Failure[InvalidInput]:
    return invalid("stage", expected, state.stage.value)


def _violation(breaches: list[Breach]) -> Failure[RuleViolation]:
    return Failure(RuleViolation(tuple(breaches)))


def _before_meeting(record: Record | None, meeting: date) -> bool:
    return record is not None and record.on < meeting


# -- who may act ------------------------------------------------------------------------


def _may_act(
    department: Department,
    rule: Rule,
    what: str,
    ctx: Context,
    *,
    aua: bool = False,
    participant: Person | None = None,
) -> Failure[RuleViolation] | None:
    """Refuse under ``rule`` unless the actor is in the department concerned, or (where
    the IM lets them) in AUA or the chosen participant; the detail says who may, and who
    tried. Nothing is recorded on a refusal."""
    actor = ctx.actor
    if actor.department is department:
        return None
    if aua and actor.department is Department.AUA:
        return None
    if participant is not None and actor.id == participant.id:
        return None
    who = [f"someone in the department concerned ({department.value})"]
    if aua and department is not Department.AUA:
        who.append("AUA")
    if participant is not None:
        who.append(f"the participant ({participant.id})")
    may = ", ".join(who[:-1]) + f" or {who[-1]}" if len(who) > 1 else who[0]
    return refuse(rule, f"{may} {what}; not {actor.id} ({actor.department.value})")


def _chosen(state: ForumParticipation) -> Person | None:
    return state.choice.participant if state.choice is not None else None


# -- request, AUA told, assessment, clearance -------------------------------------------


def receive_request(
    state: ForumParticipation | None,
    participation_id: str,
    forum: Forum,
    meeting_date: date,
    topic: str,
    department: Department,
    requested_by: str,
    ctx: Context,
) -> Outcome:
    """Record a request to take part in a meeting. When AUA receives it, AUA is told.

    Who (IFP-01, §3.1): the request comes to a department ("når avdelingene får
    henvendelser") or to AUA, which tells the departments it concerns; so it is recorded by
    someone in the department concerned or in AUA, and refused under IFP-01 otherwise.
    """
    if state is not None:
        return invalid("participation_id", "an id not yet in use", participation_id)
    refused = _may_act(department, IFP_01, "records a request", ctx, aua=True)
    if refused is not None:
        return refused
    parsed = parse_participation_id(participation_id)
    if isinstance(parsed, Failure):
        return Failure(parsed.failure())
    if meeting_date < ctx.today:
        return invalid(
            "meeting_date", f"a meeting on or after today ({ctx.today})", str(meeting_date)
        )
    if len(f"Intern rapportering fra møte – {forum.code} – {topic}") > _TITLE_MAX:
        return invalid("topic", f"a topic that keeps the report title within {_TITLE_MAX}", topic)
    received = Record(ctx.actor.id, ctx.today, requested_by)
    first = RequestReceived(forum, meeting_date, topic, department, requested_by, received)
    events: tuple[object, ...] = (first,)
    if ctx.actor.department is Department.AUA:
        events += (AuaTold(Record(ctx.actor.id, ctx.today, "received by AUA")),)
    new = fold(evolve_participation, start(first), events[1:])
    return Success(Decision(new, events, rule_ids=(IFP_01.id,)))


def inform_aua(state: ForumParticipation | None, participation_id: str, ctx: Context) -> Outcome:
    """IFP-01: record that AUA has been told of the request (once; again is a no-op).

    Who: the department concerned, which tells AUA, or AUA, which was told.
    """
    if state is None:
        return _missing(participation_id)
    refused = _may_act(state.department, IFP_01, "records that AUA was told", ctx, aua=True)
    if refused is not None:
        return refused
    if state.aua_told is not None:
        return Success(Decision(state, (), rule_ids=(IFP_01.id,)))
    return _decide(state, (AuaTold(Record(ctx.actor.id, ctx.today)),), (IFP_01,))


def assess(
    state: ForumParticipation | None,
    participation_id: str,
    assessment: Assessment,
    ctx: Context,
) -> Outcome:
    """IFP-02: assess the participation; IFP-08's needs not assessed give advisories.

    Who: the department concerned. §3.1 weighs cost, benefit and the agenda as the ground
    of the clearance, which "aktuell fagavdeling" gives in consultation with AUA IGS (the
    consultation is recorded at clearance, IFP-03); anyone else is refused under IFP-02.
    """
    if state is None:
        return _missing(participation_id)
    refused = _may_act(state.department, IFP_02, "assesses the participation", ctx)
    if refused is not None:
        return refused
    if state.stage not in (Stage.REQUESTED, Stage.ASSESSED):
        return _stage(state, "a participation not yet cleared")
    if state.aua_told is None:
        return refuse(IFP_01, "AUA has not been told of the request; tell AUA before assessing")
    grounds = (
        ("agenda", assessment.agenda, "the agenda's content"),
        ("cost_benefit", assessment.cost_benefit, "cost against expected benefit"),
        ("contribution", assessment.contribution, "what UDI's participation can contribute"),
    )
    breaches = [
        Breach(IFP_02, f"{name}: {what} is not assessed")
        for name, text, what in grounds
        if not text.strip()
    ]
    if breaches:
        return _violation(breaches)
    advisories: list[Advisory] = []
    if assessment.pre_meeting_needed is None:
        advisories.append(Advisory(IFP_08, "the need for an internal pre-meeting is not assessed"))
    if assessment.options_memo_needed is None:
        advisories.append(
            Advisory(IFP_08, "the need for an options memo (veivalgsnotat) is not assessed")
        )
    event = ParticipationAssessed(assessment, Record(ctx.actor.id, ctx.today))
    return _decide(state, (event,), (IFP_01, IFP_02, IFP_08), advisories=tuple(advisories))


def clear(
    state: ForumParticipation | None,
    participation_id: str,
    igs_contact: Person,
    ctx: Context,
) -> Outcome:
    """IFP-03: the department concerned clears the participation with AUA IGS."""
    if state is None:
        return _missing(participation_id)
    if state.stage is Stage.REQUESTED:
        return refuse(IFP_02, "the participation is not assessed; assess it before clearing")
    if state.stage is not Stage.ASSESSED:
        return _stage(state, "an assessed participation")
    breaches: list[Breach] = []
    if ctx.actor.department is not state.department:
        breaches.append(
            Breach(
                IFP_03,
                f"{ctx.actor.id} belongs to {ctx.actor.department.value}; the department "
                f"concerned, {state.department.value}, clears",
            )
        )
    if igs_contact.unit != NamedUnits.AUA_IGS.id:
        breaches.append(
            Breach(
                IFP_03,
                f"{igs_contact.id} is in {igs_contact.unit}, not AUA Internasjonal enhet (IGS)",
            )
        )
    if breaches:
        return _violation(breaches)
    clearance = Clearance(ctx.actor.id, ctx.today, igs_contact.id)
    return _decide(state, (ParticipationCleared(clearance),), (IFP_02, IFP_03))


# -- participant, and what comes before the meeting --------------------------------------


def _ifp05(state: ForumParticipation, participant: Person) -> tuple[Advisory, ...]:
    in_aua = participant.department is Department.AUA
    found: list[Advisory] = []
    if state.forum.level is ForumLevel.STRATEGIC and not in_aua:
        found.append(
            Advisory(IFP_05, f"{state.forum.code} is a strategic-level forum; AUA attends these")
        )
    interpreting = state.assessment is not None and state.assessment.interpretation_discussed
    if interpreting and in_aua:
        found.append(
            Advisory(IFP_05, "rules or practice are interpreted; the department concerned attends")
        )
    return tuple(found)


def choose_participant(
    state: ForumParticipation | None,
    participation_id: str,
    participant: Person,
    competence: str,
    continuity: str,
    ctx: Context,
) -> Outcome:
    """IFP-04: choose the participant, recording competence and continuity.

    Who: the department concerned, whose participation it is once cleared (§3.1, "klareres
    av aktuell fagavdeling"); anyone else is refused under IFP-04. The participant may be
    from AUA (IFP-05).
    """
    if state is None:
        return _missing(participation_id)
    refused = _may_act(state.department, IFP_04, "chooses the participant", ctx)
    if refused is not None:
        return refused
    if state.stage.rank < Stage.CLEARED.rank:
        return refuse(IFP_03, "the participation is not cleared; no participant before clearance")
    if state.stage.rank > Stage.PARTICIPANT_CHOSEN.rank:
        return _stage(state, "a participation not yet attended")
    breaches = [
        Breach(IFP_04, f"the participant's {what} is not recorded")
        for what, text in (("competence", competence), ("continuity", continuity))
        if not text.strip()
    ]
    if breaches:
        return _violation(breaches)
    advisories = _ifp05(state, participant)
    if not participant.leader:
        advisories += (
            Advisory(
                IFP_06b,
                f"{participant.id} is not a leader; anchor UDI's position before the meeting",
            ),
        )
    choice = Choice(participant, competence, continuity, ctx.actor.id, ctx.today)
    return _decide(
        state, (ParticipantChosen(choice),), (IFP_04, IFP_05, IFP_06b), advisories=advisories
    )


def _not_attended(state: ForumParticipation | None, pid: str) -> Failure[DomainError] | None:
    if state is None:
        return _missing(pid)
    if state.stage.rank >= Stage.ATTENDED.rank:
        return _stage(state, "a participation whose meeting is not yet attended")
    return None


def record_anchoring(
    state: ForumParticipation | None,
    participation_id: str,
    with_ministry: bool,
    summary: str,
    ctx: Context,
) -> Outcome:
    """IFP-06: record how UDI's position was anchored, internally or with the ministry.

    Who: the participant, who anchors it (§3.2: "ved at deltaker ... avklarer hva vi skal
    mene"), or the department concerned; anyone else is refused under IFP-06.
    """
    refused = _not_attended(state, participation_id)
    if refused is not None or state is None:
        return refused or _missing(participation_id)
    refused = _may_act(
        state.department, IFP_06, "records the anchoring", ctx, participant=_chosen(state)
    )
    if refused is not None:
        return refused
    event = PositionAnchored(Record(ctx.actor.id, ctx.today, summary), with_ministry)
    return _decide(state, (event,), (IFP_06,))


def record_aua_contact(
    state: ForumParticipation | None,
    participation_id: str,
    contact: Person,
    summary: str,
    ctx: Context,
) -> Outcome:
    """IFP-07: record that AUA was contacted for a principled or strategic clarification.

    Who: the department concerned, which contacts AUA, or AUA, which was contacted;
    anyone else is refused under IFP-07.
    """
    refused = _not_attended(state, participation_id)
    if refused is not None or state is None:
        return refused or _missing(participation_id)
    refused = _may_act(state.department, IFP_07, "records the contact with AUA", ctx, aua=True)
    if refused is not None:
        return refused
    if contact.department is not Department.AUA:
        return refuse(IFP_07, f"{contact.id} belongs to {contact.department.value}, not AUA")
    event = AuaContacted(Record(ctx.actor.id, ctx.today, f"{contact.id}: {summary}"))
    return _decide(state, (event,), (IFP_07,))


def record_ministry_consultation(
    state: ForumParticipation | None,
    participation_id: str,
    summary: str,
    ctx: Context,
) -> Outcome:
    """IFP-09: record that the ministry was consulted on UDI's room for manoeuvre.

    Who: the department concerned, or AUA (the contact point with the ministries, §2.2);
    the IM says only that the ministry "skal konsulteres". Anyone else is refused under
    IFP-09.
    """
    refused = _not_attended(state, participation_id)
    if refused is not None or state is None:
        return refused or _missing(participation_id)
    refused = _may_act(state.department, IFP_09, "records the ministry consultation", ctx, aua=True)
    if refused is not None:
        return refused
    event = MinistryConsulted(Record(ctx.actor.id, ctx.today, summary))
    return _decide(state, (event,), (IFP_09,))


def _attendance_breaches(state: ForumParticipation, participant: Person) -> list[Breach]:
    meeting = state.meeting_date
    breaches: list[Breach] = []
    if not participant.leader and not _before_meeting(state.anchoring, meeting):
        breaches.append(
            Breach(
                IFP_06,
                f"{participant.id} is not a leader and no anchoring of UDI's position was "
                f"recorded before {meeting}",
            )
        )
    assessment = state.assessment
    if (
        assessment is not None
        and assessment.needs_principled_clarification
        and not _before_meeting(state.aua_contact, meeting)
    ):
        breaches.append(
            Breach(
                IFP_07, f"a principled clarification is needed and no AUA contact before {meeting}"
            )
        )
    if (
        assessment is not None
        and assessment.udi_attends_alone
        and assessment.sensitive
        and not _before_meeting(state.ministry_consultation, meeting)
    ):
        breaches.append(
            Breach(
                IFP_09,
                "UDI attends alone, the invitation points to law changes, budget consequences "
                f"or political sensitivity, and the ministry was not consulted before {meeting}",
            )
        )
    return breaches


def attend(
    state: ForumParticipation | None,
    participation_id: str,
    jd_attended: bool | None,
    matters_of_principle: bool,
    minutes_expected: bool,
    minutes_reasonable_days: int,
    ctx: Context,
) -> Outcome:
    """Record the meeting as attended; refused without clearance (IFP-03), participant
    (IFP-04), anchoring (IFP-06), AUA contact (IFP-07) or ministry consultation (IFP-09).

    ``jd_attended`` None takes the forum's ``jd_usually_attends``.

    Who: the participant, who attended, or the department concerned, which cleared the
    participation (IFP-03); anyone else is refused under IFP-03.
    """
    if state is None:
        return _missing(participation_id)
    refused = _may_act(
        state.department, IFP_03, "records the attendance", ctx, participant=_chosen(state)
    )
    if refused is not None:
        return refused
    if state.stage.rank < Stage.CLEARED.rank:
        return refuse(IFP_03, "the participation is not cleared; no attendance without clearance")
    if state.choice is None:
        return refuse(IFP_04, "no participant is chosen")
    if state.stage.rank > Stage.PARTICIPANT_CHOSEN.rank:
        return _stage(state, "a participation not yet attended")
    if ctx.today < state.meeting_date:
        return invalid(
            "meeting_date", f"a meeting held by today ({ctx.today})", str(state.meeting_date)
        )
    if minutes_reasonable_days < 0:
        return invalid(
            "minutes_reasonable_days", "a number of days >= 0", str(minutes_reasonable_days)
        )
    breaches = _attendance_breaches(state, state.choice.participant)
    if breaches:
        return _violation(breaches)
    attendance = Attendance(
        ctx.today,
        state.forum.jd_usually_attends if jd_attended is None else jd_attended,
        matters_of_principle,
        minutes_expected,
        minutes_reasonable_days,
    )
    return _decide(state, (MeetingAttended(attendance),), (IFP_03, IFP_04, IFP_06, IFP_07, IFP_09))


# -- after the meeting ------------------------------------------------------------------


def record_minutes(
    state: ForumParticipation | None,
    participation_id: str,
    reference: str,
    ctx: Context,
) -> Outcome:
    """Record the official minutes' arrival; when awaited, it sets the IFP-10 deadline.

    Who: the participant, who attaches the minutes to the report (§4.1), or the department
    concerned; anyone else is refused under IFP-10.
    """
    if state is None:
        return _missing(participation_id)
    refused = _may_act(
        state.department, IFP_10, "records the minutes", ctx, participant=_chosen(state)
    )
    if refused is not None:
        return refused
    if state.stage not in (Stage.ATTENDED, Stage.REPORTED):
        return _stage(state, "an attended participation that is not closed")
    if state.minutes is not None:
        return invalid("minutes", "minutes not yet recorded", state.minutes.reference)
    return _decide(state, (MinutesArrived(Minutes(ctx.today, reference)),), (IFP_10,))


def _after_meeting(
    state: ForumParticipation, rule: Rule, ctx: Context
) -> Failure[RuleViolation] | None:
    if ctx.today < state.meeting_date:
        return refuse(
            rule, f"the meeting on {state.meeting_date} has not taken place (today is {ctx.today})"
        )
    if state.stage.rank < Stage.ATTENDED.rank:
        return refuse(rule, "the meeting's attendance is not recorded")
    return None


def _well_formed(post: JournalPost) -> Failure[InvalidInput] | None:
    problems = post.problems()
    if problems:
        return invalid("journal_post", "a well-formed Noark 5 journal post", "; ".join(problems))
    return None


def post_report(
    state: ForumParticipation | None,
    participation_id: str,
    archive_case: ArchiveCaseNumber,
    experts: tuple[Expert, ...],
    reference: str,
    ctx: Context,
) -> Outcome:
    """IFP-10: the participant posts the report as an internal note (X) via the outbox."""
    if state is None:
        return _missing(participation_id)
    refused = _after_meeting(state, IFP_10, ctx)
    if refused is not None:
        return refused
    if state.stage is not Stage.ATTENDED or state.choice is None:
        return _stage(state, "an attended participation not yet reported")
    participant = state.choice.participant
    if ctx.actor.id != participant.id:
        return refuse(IFP_10, f"the participant, {participant.id}, reports; not {ctx.actor.id}")
    post = report_post(state, archive_case, participant, experts, reference)
    bad = _well_formed(post)
    if bad is not None:
        return bad
    key = f"ifp/{participation_id}/report"
    posting = Posting(key, archive_case, ctx.today, ctx.actor.id)
    return _decide(state, (ReportPosted(posting),), (IFP_10,), effects=(PostJournal(key, post),))


def send_ministry_letter(
    state: ForumParticipation | None,
    participation_id: str,
    archive_case: ArchiveCaseNumber,
    director: Person,
    reference: str,
    ctx: Context,
) -> Outcome:
    """IFP-11: the department director sends the minutes to JD (U), copy to IGS."""
    if state is None:
        return _missing(participation_id)
    refused = _after_meeting(state, IFP_11, ctx)
    if refused is not None:
        return refused
    if state.stage is Stage.CLOSED or state.ministry_letter is not None:
        return _stage(state, "an open participation whose letter to JD is not yet sent")
    actor = ctx.actor
    if not (actor.is_department_director and actor.department is state.department):
        return refuse(
            IFP_11,
            f"the letter goes from the department director of {state.department.value}; "
            f"{actor.id} is not",
        )
    post = letter_post(state, archive_case, director, reference)
    bad = _well_formed(post)
    if bad is not None:
        return bad
    key = f"ifp/{participation_id}/ministry-letter"
    posting = Posting(key, archive_case, ctx.today, actor.id)
    return _decide(
        state, (MinistryLetterSent(posting),), (IFP_11,), effects=(PostJournal(key, post),)
    )


def close(state: ForumParticipation | None, participation_id: str, ctx: Context) -> Outcome:
    """Close a reported participation; the letter to JD must be sent when required.

    Who: the department concerned, whose participation it is (it cleared it, IFP-03, and
    receives the report, IFP-10); anyone else is refused under IFP-10.
    """
    if state is None:
        return _missing(participation_id)
    refused = _may_act(state.department, IFP_10, "closes the participation", ctx)
    if refused is not None:
        return refused
    if state.stage is Stage.CLOSED:
        return _stage(state, "an open participation")
    if state.report is None:
        return refuse(IFP_10, "the report from the meeting is not posted")
    if state.ministry_letter_required and state.ministry_letter is None:
        return refuse(IFP_11, "the minutes are not yet sent to the ministry")
    return _decide(state, (ParticipationClosed(ctx.today, ctx.actor.id),), (IFP_10, IFP_11))


def _index(state: ForumParticipation) -> Iterable[tuple[str, str]]:
    yield ("forum", state.forum.code)
    yield ("department", state.department.value)
    yield ("stage", state.stage.value)
    yield ("meeting_month", state.meeting_date.strftime("%Y-%m"))
    if state.choice is not None:
        yield ("participant", str(state.choice.participant.id))


KIND: AggregateKind[ForumParticipation] = AggregateKind(
    name=KIND_NAME,
    routine="IM 2011-013",
    state_type=ForumParticipation,
    event_types=EVENT_TYPES,
    index=_index,
    obligations=participation_obligations,
)
