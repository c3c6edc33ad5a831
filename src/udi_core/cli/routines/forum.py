"""``udi forum``: international work and forum participation (IM 2011-013)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from udi_core.cli.common import (
    Actor,
    Clock,
    Json,
    Lang,
    Store,
    execute,
    group,
    open_app,
    parse_day,
    query,
)
from udi_core.cli.i18n import resolve_lang, t

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


@cli.command("receive")
def receive(
    participation: Participation,
    actor: Actor,
    forum: Annotated[str, typer.Option("--forum", help="The forum, e.g. EMN, EASO, Schengen.")],
    meeting_date: Annotated[str, typer.Option("--meeting-date", help="YYYY-MM-DD.")],
    topic: Annotated[str, typer.Option("--topic", help="The meeting's topic.")],
    department: Annotated[str, typer.Option("--department", help="ASA, OPA, RMA or AUA.")],
    requested_by: Annotated[str, typer.Option("--requested-by", help="Who asked.")],
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """A department is asked to take part in a forum meeting."""
    from udi_core.app.forum_participation import ReceiveForumRequest

    language = resolve_lang(lang)
    day = parse_day(meeting_date, "--meeting-date", language, json_out, None)
    command = ReceiveForumRequest(actor, participation, forum, day, topic, department, requested_by)
    execute(command, store, clock, language, json_out)


@cli.command("inform-aua")
def inform_aua(
    participation: Participation,
    actor: Actor,
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """AUA is told of the request (IFP-01)."""
    from udi_core.app.forum_participation import InformAua

    execute(InformAua(actor, participation), store, clock, resolve_lang(lang), json_out)


@cli.command("assess")
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
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
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
    execute(command, store, clock, resolve_lang(lang), json_out)


@cli.command("clear")
def clear(
    participation: Participation,
    actor: Actor,
    igs_contact: Annotated[str, typer.Option("--igs-contact", help="Who in AUA IGS was asked.")],
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """The department clears participation with AUA's international unit (IFP-03)."""
    from udi_core.app.forum_participation import ClearParticipation

    command = ClearParticipation(actor, participation, igs_contact)
    execute(command, store, clock, resolve_lang(lang), json_out)


@cli.command("choose")
def choose(
    participation: Participation,
    participant: Annotated[str, typer.Argument(help="The participant's employee id.")],
    actor: Actor,
    competence: Annotated[str, typer.Option("--competence", help="Why their competence fits.")],
    continuity: Annotated[str, typer.Option("--continuity", help="How continuity is kept.")],
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """Choose the participant for competence and continuity (IFP-04)."""
    from udi_core.app.forum_participation import ChooseParticipant

    command = ChooseParticipant(actor, participation, participant, competence, continuity)
    execute(command, store, clock, resolve_lang(lang), json_out)


@cli.command("anchor")
def anchor(
    participation: Participation,
    actor: Actor,
    summary: Annotated[str, typer.Option("--summary", help="UDI's position, as anchored.")],
    with_ministry: Annotated[bool, typer.Option("--with-ministry")] = False,
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """Anchor UDI's position beforehand when no leader attends (IFP-06)."""
    from udi_core.app.forum_participation import RecordAnchoring

    command = RecordAnchoring(actor, participation, summary, with_ministry)
    execute(command, store, clock, resolve_lang(lang), json_out)


@cli.command("attend")
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
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """Record that the meeting was attended (starts the IFP-10/IFP-11 deadlines)."""
    from udi_core.app.forum_participation import RecordAttendance

    command = RecordAttendance(actor, participation, principle, minutes_expected, jd_attended)
    execute(command, store, clock, resolve_lang(lang), json_out)


@cli.command("minutes")
def minutes(
    participation: Participation,
    actor: Actor,
    reference: Reference = "",
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """The official minutes arrived (IFP-10)."""
    from udi_core.app.forum_participation import RecordMinutesArrived

    command = RecordMinutesArrived(actor, participation, reference)
    execute(command, store, clock, resolve_lang(lang), json_out)


@cli.command("report")
def report(
    participation: Participation,
    actor: Actor,
    archive_case: ArchiveCase,
    experts: Annotated[
        list[str] | None, typer.Option("--expert", help="An expert to copy (repeat).")
    ] = None,
    reference: Reference = "",
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """Post the internal meeting report to WebSak (IFP-10; a journal post via the outbox)."""
    from udi_core.app.forum_participation import PostMeetingReport

    command = PostMeetingReport(actor, participation, archive_case, tuple(experts or ()), reference)
    execute(command, store, clock, resolve_lang(lang), json_out)


@cli.command("letter")
def letter(
    participation: Participation,
    actor: Actor,
    archive_case: ArchiveCase,
    reference: Reference = "",
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """The department director sends the minutes to the ministry (IFP-11)."""
    from udi_core.app.forum_participation import SendMinistryLetter

    command = SendMinistryLetter(actor, participation, archive_case, reference)
    execute(command, store, clock, resolve_lang(lang), json_out)


@cli.command("close")
def close(
    participation: Participation,
    actor: Actor,
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """Close the participation once reported."""
    from udi_core.app.forum_participation import CloseParticipation

    execute(CloseParticipation(actor, participation), store, clock, resolve_lang(lang), json_out)


@cli.command("coordinator")
def coordinator(
    field_name: FieldName,
    employee: Annotated[str, typer.Argument(help="The coordinator's employee id.")],
    actor: Actor,
    coordination: Coordination = "udi",
    since: Annotated[
        str | None, typer.Option("--since", help="In the function since, YYYY-MM-DD.")
    ] = None,
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """Appoint the coordinator of a field or forum."""
    from udi_core.app.international_coordination import AppointCoordinator

    language = resolve_lang(lang)
    day = parse_day(since, "--since", language, json_out, None) if since else None
    command = AppointCoordinator(actor, coordination, field_name, employee, day)
    execute(command, store, clock, language, json_out)


@cli.command("annual-note")
def annual_note(
    field_name: FieldName,
    actor: Actor,
    archive_case: ArchiveCase,
    coordination: Coordination = "udi",
    reference: Reference = "",
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """The coordinator posts the annual note to WebSak by 1 May (IFP-12)."""
    from udi_core.app.international_coordination import PostAnnualNote

    command = PostAnnualNote(actor, coordination, field_name, archive_case, reference)
    execute(command, store, clock, resolve_lang(lang), json_out)


@cli.command("coordination-meeting")
def coordination_meeting(
    kind: Annotated[str, typer.Argument(help="directors, jd or ud.")],
    actor: Actor,
    held_on: Annotated[str, typer.Option("--held-on", help="YYYY-MM-DD.")],
    summary: Annotated[str, typer.Option("--summary")] = "",
    coordination: Coordination = "udi",
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """Record a directors' meeting or a meeting with JD or UD (IFP-13)."""
    from udi_core.app.international_coordination import RecordCoordinationMeeting

    language = resolve_lang(lang)
    day = parse_day(held_on, "--held-on", language, json_out, None)
    command = RecordCoordinationMeeting(actor, coordination, kind, day, summary)
    execute(command, store, clock, language, json_out)


@cli.command("knowledge-add")
def knowledge_add(
    field_name: FieldName,
    actor: Actor,
    archive_case: ArchiveCase,
    title: Annotated[str, typer.Option("--title", help="The archive case's title.")],
    coordination: Coordination = "udi",
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """Add an archive case to the field's knowledge base (IFP-14)."""
    from udi_core.app.international_coordination import AddKnowledgeCase

    command = AddKnowledgeCase(actor, coordination, field_name, archive_case, title)
    execute(command, store, clock, resolve_lang(lang), json_out)


@cli.command("knowledge")
def knowledge(
    field_name: FieldName,
    coordination: Coordination = "udi",
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """The archive cases in a field's knowledge base (IFP-14)."""
    language = resolve_lang(lang)
    with open_app(store, clock, language, json_out) as app:
        found = app.international_coordination.knowledge_base(coordination, field_name)

    def rows(value: Any) -> list[tuple[object, ...]]:
        return [(e.archive_case, e.title) for e in value]

    headers = [t("archive_case", language), t("title", language)]
    query(found, language, json_out, t("knowledge_title", language, id=field_name), headers, rows)


@cli.command("status")
def status(
    participation: Participation,
    store: Store = None,
    clock: Clock = None,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """Where a participation stands, and what is on record."""
    language = resolve_lang(lang)
    with open_app(store, clock, language, json_out) as app:
        found = app.forum_participation.get(participation).map(lambda loaded: loaded.state)

    def rows(value: Any) -> list[tuple[object, ...]]:
        return [
            (t("forum", language), value.forum.name),
            (t("due", language), value.meeting_date.isoformat()),
            (t("what", language), value.topic),
            (t("status", language), value.stage.value),
        ]

    headers = [t("key", language), t("result", language)]
    query(found, language, json_out, participation, headers, rows)
