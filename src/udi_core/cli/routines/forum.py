"""``udi forum``: international work and forum participation (IM 2011-013)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from udi_core.cli.common import Actor, Common, common_command, group
from udi_core.cli.i18n import t

cli = group("International forum participation and coordination (IM 2011-013).")

Participation = Annotated[
    str, typer.Argument(help="The participation's id (one meeting), e.g. emn-2026-03.")
]
Coordination = Annotated[
    str, typer.Option("--coordination", help="The standing coordination's id.")
]
ArchiveCase = Annotated[str, typer.Option("--archive-case", help="WebSak case, e.g. 26/00812.")]
Reference = Annotated[str, typer.Option("--reference", help="The document's file or link.")]
FieldName = Annotated[str, typer.Argument(help="A field or forum, e.g. EMN.")]


@common_command(cli, "receive")
def receive(
    participation: Participation,
    actor: Actor,
    forum: Annotated[str, typer.Option("--forum", help="The forum, e.g. EMN, EASO, Schengen.")],
    meeting_date: Annotated[str, typer.Option("--meeting-date", help="YYYY-MM-DD.")],
    topic: Annotated[str, typer.Option("--topic", help="The meeting's topic.")],
    department: Annotated[str, typer.Option("--department", help="ASA, OPA, RMA or AUA.")],
    requested_by: Annotated[str, typer.Option("--requested-by", help="Who asked.")],
    *,
    common: Common,
) -> None:
    """A department is asked to take part in a forum meeting."""
    from udi_core.app.forum_participation import ReceiveForumRequest

    day = common.parse_day(meeting_date, "--meeting-date")
    command = ReceiveForumRequest(actor, participation, forum, day, topic, department, requested_by)
    common.execute(command)


@common_command(cli, "inform-aua")
def inform_aua(participation: Participation, actor: Actor, *, common: Common) -> None:
    """AUA is told of the request (IFP-01)."""
    from udi_core.app.forum_participation import InformAua

    common.execute(InformAua(actor, participation))


@common_command(cli, "assess")
def assess(
    participation: Participation,
    actor: Actor,
    agenda: Annotated[str, typer.Option("--agenda", help="What the agenda holds.")] = "",
    cost_benefit: Annotated[
        str, typer.Option("--cost-benefit", help="Cost against expected benefit.")
    ] = "",
    contribution: Annotated[
        str, typer.Option("--contribution", help="What UDI can contribute.")
    ] = "",
    alone: Annotated[bool, typer.Option("--alone", help="UDI attends alone.")] = False,
    law_change: Annotated[bool, typer.Option("--law-change")] = False,
    budget: Annotated[bool, typer.Option("--budget", help="Budget consequences.")] = False,
    sensitive: Annotated[bool, typer.Option("--sensitive", help="Politically sensitive.")] = False,
    principled: Annotated[
        bool, typer.Option("--principled", help="Needs a principled clarification.")
    ] = False,
    interpretation: Annotated[
        bool, typer.Option("--interpretation", help="Interpretation is discussed.")
    ] = False,
    pre_meeting: Annotated[
        bool | None, typer.Option("--pre-meeting/--no-pre-meeting", help="IFP-08.")
    ] = None,
    options_memo: Annotated[
        bool | None, typer.Option("--options-memo/--no-options-memo", help="IFP-08.")
    ] = None,
    *,
    common: Common,
) -> None:
    """Assess participation on agenda, cost/benefit and contribution (IFP-02)."""
    from udi_core.app.forum_participation import AssessParticipation

    command = AssessParticipation(
        actor,
        participation,
        agenda,
        cost_benefit,
        contribution,
        udi_attends_alone=alone,
        law_change=law_change,
        budget_consequences=budget,
        politically_sensitive=sensitive,
        needs_principled_clarification=principled,
        interpretation_discussed=interpretation,
        pre_meeting_needed=pre_meeting,
        options_memo_needed=options_memo,
    )
    common.execute(command)


@common_command(cli, "clear")
def clear(
    participation: Participation,
    actor: Actor,
    igs_contact: Annotated[str, typer.Option("--igs-contact", help="Who in AUA IGS was asked.")],
    *,
    common: Common,
) -> None:
    """The department clears participation with AUA's international unit (IFP-03)."""
    from udi_core.app.forum_participation import ClearParticipation

    command = ClearParticipation(actor, participation, igs_contact)
    common.execute(command)


@common_command(cli, "choose")
def choose(
    participation: Participation,
    participant: Annotated[str, typer.Argument(help="The participant's employee id.")],
    actor: Actor,
    competence: Annotated[str, typer.Option("--competence", help="Why their competence fits.")],
    continuity: Annotated[str, typer.Option("--continuity", help="How continuity is kept.")],
    *,
    common: Common,
) -> None:
    """Choose the participant for competence and continuity (IFP-04)."""
    from udi_core.app.forum_participation import ChooseParticipant

    command = ChooseParticipant(actor, participation, participant, competence, continuity)
    common.execute(command)


@common_command(cli, "anchor")
def anchor(
    participation: Participation,
    actor: Actor,
    summary: Annotated[str, typer.Option("--summary", help="UDI's position, as anchored.")],
    with_ministry: Annotated[bool, typer.Option("--with-ministry")] = False,
    *,
    common: Common,
) -> None:
    """Anchor UDI's position beforehand when no leader attends (IFP-06)."""
    from udi_core.app.forum_participation import RecordAnchoring

    command = RecordAnchoring(actor, participation, summary, with_ministry)
    common.execute(command)


@common_command(cli, "attend")
def attend(
    participation: Participation,
    actor: Actor,
    principle: Annotated[
        bool, typer.Option("--principle", help="Matters of principle were discussed.")
    ] = False,
    minutes_expected: Annotated[
        bool, typer.Option("--minutes-expected", help="Official minutes will come.")
    ] = False,
    jd_attended: Annotated[
        bool | None, typer.Option("--jd-attended/--jd-absent", help="Did JD attend?")
    ] = None,
    *,
    common: Common,
) -> None:
    """Record that the meeting was attended (starts the IFP-10/IFP-11 deadlines)."""
    from udi_core.app.forum_participation import RecordAttendance

    command = RecordAttendance(actor, participation, principle, minutes_expected, jd_attended)
    common.execute(command)


@common_command(cli, "minutes")
def minutes(
    participation: Participation, actor: Actor, reference: Reference = "", *, common: Common
) -> None:
    """The official minutes arrived (IFP-10)."""
    from udi_core.app.forum_participation import RecordMinutesArrived

    command = RecordMinutesArrived(actor, participation, reference)
    common.execute(command)


@common_command(cli, "report")
def report(
    participation: Participation,
    actor: Actor,
    archive_case: ArchiveCase,
    experts: Annotated[
        list[str] | None, typer.Option("--expert", help="An expert to copy (repeat).")
    ] = None,
    reference: Reference = "",
    *,
    common: Common,
) -> None:
    """Post the internal meeting report to WebSak (IFP-10; a journal post via the outbox)."""
    from udi_core.app.forum_participation import PostMeetingReport

    command = PostMeetingReport(actor, participation, archive_case, tuple(experts or ()), reference)
    common.execute(command)


@common_command(cli, "letter")
def letter(
    participation: Participation,
    actor: Actor,
    archive_case: ArchiveCase,
    reference: Reference = "",
    *,
    common: Common,
) -> None:
    """The department director sends the minutes to the ministry (IFP-11)."""
    from udi_core.app.forum_participation import SendMinistryLetter

    command = SendMinistryLetter(actor, participation, archive_case, reference)
    common.execute(command)


@common_command(cli, "close")
def close(participation: Participation, actor: Actor, *, common: Common) -> None:
    """Close the participation once reported."""
    from udi_core.app.forum_participation import CloseParticipation

    common.execute(CloseParticipation(actor, participation))


@common_command(cli, "coordinator")
def coordinator(
    field_name: FieldName,
    employee: Annotated[str, typer.Argument(help="The coordinator's employee id.")],
    actor: Actor,
    coordination: Coordination = "udi",
    since: Annotated[
        str | None, typer.Option("--since", help="In the function since, YYYY-MM-DD.")
    ] = None,
    *,
    common: Common,
) -> None:
    """Appoint the coordinator of a field or forum."""
    from udi_core.app.international_coordination import AppointCoordinator

    day = common.parse_day(since, "--since") if since else None
    command = AppointCoordinator(actor, coordination, field_name, employee, day)
    common.execute(command)


@common_command(cli, "annual-note")
def annual_note(
    field_name: FieldName,
    actor: Actor,
    archive_case: ArchiveCase,
    coordination: Coordination = "udi",
    reference: Reference = "",
    *,
    common: Common,
) -> None:
    """The coordinator posts the annual note to WebSak by 1 May (IFP-12)."""
    from udi_core.app.international_coordination import PostAnnualNote

    command = PostAnnualNote(actor, coordination, field_name, archive_case, reference)
    common.execute(command)


@common_command(cli, "coordination-meeting")
def coordination_meeting(
    kind: Annotated[str, typer.Argument(help="directors, jd or ud.")],
    actor: Actor,
    held_on: Annotated[str, typer.Option("--held-on", help="YYYY-MM-DD.")],
    summary: Annotated[str, typer.Option("--summary")] = "",
    coordination: Coordination = "udi",
    *,
    common: Common,
) -> None:
    """Record a directors' meeting or a meeting with JD or UD (IFP-13)."""
    from udi_core.app.international_coordination import RecordCoordinationMeeting

    day = common.parse_day(held_on, "--held-on")
    command = RecordCoordinationMeeting(actor, coordination, kind, day, summary)
    common.execute(command)


@common_command(cli, "knowledge-add")
def knowledge_add(
    field_name: FieldName,
    actor: Actor,
    archive_case: ArchiveCase,
    title: Annotated[str, typer.Option("--title", help="The archive case's title.")],
    coordination: Coordination = "udi",
    *,
    common: Common,
) -> None:
    """Add an archive case to the field's knowledge base (IFP-14)."""
    from udi_core.app.international_coordination import AddKnowledgeCase

    command = AddKnowledgeCase(actor, coordination, field_name, archive_case, title)
    common.execute(command)


@common_command(cli, "knowledge")
def knowledge(field_name: FieldName, coordination: Coordination = "udi", *, common: Common) -> None:
    """The archive cases in a field's knowledge base (IFP-14)."""
    with common.open_app() as app:
        found = app.international_coordination.knowledge_base(coordination, field_name)

    def rows(value: Any) -> list[tuple[object, ...]]:
        return [(e.archive_case, e.title) for e in value]

    headers = [t("archive_case", common.lang), t("title", common.lang)]
    common.query(found, t("knowledge_title", common.lang, id=field_name), headers, rows)


@common_command(cli, "status")
def status(participation: Participation, *, common: Common) -> None:
    """Where a participation stands, and what is on record."""
    with common.open_app() as app:
        found = app.forum_participation.get(participation).map(lambda loaded: loaded.state)

    def rows(value: Any) -> list[tuple[object, ...]]:
        return [
            (t("forum", common.lang), value.forum.name),
            (t("due", common.lang), value.meeting_date.isoformat()),
            (t("what", common.lang), value.topic),
            (t("status", common.lang), value.stage.value),
        ]

    headers = [t("key", common.lang), t("result", common.lang)]
    common.query(found, participation, headers, rows)
