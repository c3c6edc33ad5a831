"""IM 2011-013 through the app: commands, refusals that change nothing, journal posts in
the mock WebSak, obligations and advisories."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from typing import Any, cast

import pytest
from returns.result import Failure, Success

from udi_adapters.clocks import FixedClock
from udi_adapters.websak_mock import MockWebSak
from udi_core.app import App, bootstrap
from udi_core.domain.forum_participation.model import EVENT_TYPES, Stage
from udi_core.domain.kernel.dates import OSLO
from udi_core.domain.kernel.errors import InvalidInput, NotFound, RuleViolation
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber
from udi_core.domain.kernel.noark5 import DocumentRole, Journalposttype, Korrespondanseparttype
from udi_core.domain.kernel.obligations import ObligationStatus
from udi_core.serialization import structure_event, unstructure_event

from .forum_participation_setup import make_app

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
MEETING = "2026-03-20"
PID = "emn-2026-03"
CASE = "26/00812"


@pytest.fixture
def app() -> Iterator[App]:
    built = make_app(T0)
    yield built
    built.close()


def on(app: App, day: str) -> None:
    cast(FixedClock, app.clock).set(datetime.combine(date.fromisoformat(day), time(9), OSLO))


def snapshot(app: App) -> tuple[Any, ...]:
    loaded = app.forum_participation.get(PID)
    state = loaded.unwrap() if isinstance(loaded, Success) else None
    return (
        state,
        [r.id for r in app.queries.history(PID)],
        [(i.key, i.status) for i in app.outbox.items()],
        app.queries.obligations(date(2026, 12, 31)),
        app.journal.posts().unwrap(),
    )


def refused_by(app: App, rule_id: str, result: Any) -> None:
    assert isinstance(result, Failure), result
    error = result.failure()
    assert isinstance(error, RuleViolation), error
    assert rule_id in error.rule_ids
    assert rule_id in error.describe()
    assert "IM 2011-013" in error.describe()


def request(app: App, **kw: Any) -> None:
    svc = app.forum_participation
    svc.receive_request(
        kw.get("actor", "ola"), PID, kw.get("forum", "EMN"), MEETING, "returns", "OPA", "EMN NCP"
    ).unwrap()


def to_chosen(app: App, participant: str = "lea", **flags: Any) -> None:
    svc = app.forum_participation
    request(app)
    svc.inform_aua("ola", PID).unwrap()
    svc.assess(
        "ola",
        PID,
        "agenda",
        "cost vs gain",
        "practice",
        pre_meeting_needed=False,
        options_memo_needed=False,
        **flags,
    ).unwrap()
    svc.clear("dir", PID, "igs").unwrap()
    svc.choose_participant("lea", PID, participant, "knows the field", "attended before").unwrap()


def test_the_whole_lifecycle_posts_exactly_the_ims_journal_posts(app: App) -> None:
    svc = app.forum_participation
    to_chosen(app)
    on(app, MEETING)
    svc.record_attendance("lea", PID, minutes_expected=True).unwrap()
    on(app, "2026-03-30")
    svc.record_minutes("lea", PID, "EMN-minutes-2026-03.pdf").unwrap()
    svc.post_report("lea", PID, CASE, ["eva"], "report.docx").unwrap()
    svc.send_ministry_letter("dir", PID, CASE, "letter.docx").unwrap()
    svc.close("lea", PID).unwrap()
    assert svc.get(PID).unwrap().state.stage is Stage.CLOSED
    assert app.journal.posts().unwrap() == ()  # nothing is sent before the outbox runs
    report = app.outbox.deliver()
    assert report.delivered == 2
    websak = cast(MockWebSak, app.journal)
    posts = websak.posts(ArchiveCaseNumber(26, 812)).unwrap()
    assert sorted(str(p.number) for p in posts) == ["26/00812-1", "26/00812-2"]
    kp = Korrespondanseparttype
    by_type = {p.post.type: p.post for p in posts}
    note = by_type[Journalposttype.INTERNAL_NO_FOLLOW_UP]
    letter = by_type[Journalposttype.OUTGOING]
    assert note.type is Journalposttype.INTERNAL_NO_FOLLOW_UP
    assert note.title == "Intern rapportering fra møte – EMN – returns"
    assert note.template == "Intern rapportering fra møte – internasjonale fora"
    assert [(p.type, p.name, p.unit_code) for p in note.parties] == [
        (kp.INTERNAL_SENDER, "Lea Leder", None),
        (kp.INTERNAL_RECIPIENT, "AUA Internasjonal enhet", "IGS"),
        (kp.INTERNAL_RECIPIENT, "Oppholdsavdelingen", "OPA"),
        (kp.INTERNAL_COPY_RECIPIENT, "Eva Ekspert", "RVE"),
    ]
    assert [(d.title, d.role, d.reference) for d in note.documents] == [
        ("Intern rapportering fra møte – EMN – returns", DocumentRole.MAIN, "report.docx"),
        ("Offisielt referat – EMN – returns", DocumentRole.ATTACHMENT, "EMN-minutes-2026-03.pdf"),
    ]
    assert letter.type is Journalposttype.OUTGOING
    assert letter.title == "UDIs rapportering fra møte – EMN – returns"
    assert letter.template == "UDIs rapportering fra møte – internasjonale fora"
    assert [(p.type, p.name, p.unit_code) for p in letter.parties] == [
        (kp.INTERNAL_SENDER, "Dina Direktør", "OPA"),
        (kp.RECIPIENT, "Justis- og beredskapsdepartementet", None),
        (kp.INTERNAL_COPY_RECIPIENT, "AUA Internasjonal enhet", "IGS"),
    ]
    assert [d.role for d in letter.documents] == [DocumentRole.MAIN, DocumentRole.ATTACHMENT]
    assert websak.ledger == {f"ifp/{PID}/report": 1, f"ifp/{PID}/ministry-letter": 1}
    assert app.outbox.deliver().delivered == 0  # delivered once, never doubled
    obligations = app.queries.obligations(date(2026, 4, 30), routine="forum_participation")
    assert {(o.rule_id, o.status(date(2026, 4, 30))) for o in obligations} == {
        ("IFP-10", ObligationStatus.MET),
        ("IFP-11", ObligationStatus.MET),
    }
    for record in app.queries.history(PID):
        assert structure_event(unstructure_event(record.event), EVENT_TYPES) == Success(
            record.event
        )


def test_ifp01_assessing_before_aua_is_told(app: App) -> None:
    request(app)
    before = snapshot(app)
    result = app.forum_participation.assess("ola", PID, "a", "b", "c")
    refused_by(app, "IFP-01", result)
    assert snapshot(app) == before


def test_ifp02_an_assessment_without_its_grounds(app: App) -> None:
    request(app, actor="igs")
    before = snapshot(app)
    refused_by(app, "IFP-02", app.forum_participation.assess("ola", PID, "agenda", "", "c"))
    assert snapshot(app) == before


def test_ifp03_attendance_without_clearance(app: App) -> None:
    request(app, actor="igs")
    app.forum_participation.assess("ola", PID, "a", "b", "c").unwrap()
    on(app, MEETING)
    before = snapshot(app)
    refused_by(app, "IFP-03", app.forum_participation.record_attendance("lea", PID))
    refused_by(app, "IFP-03", app.forum_participation.clear("asa", PID, "igs"))
    refused_by(app, "IFP-03", app.forum_participation.clear("dir", PID, "eva"))
    assert snapshot(app) == before


def test_ifp04_a_participant_without_competence_and_continuity(app: App) -> None:
    request(app, actor="igs")
    app.forum_participation.assess("ola", PID, "a", "b", "c").unwrap()
    app.forum_participation.clear("dir", PID, "igs").unwrap()
    before = snapshot(app)
    result = app.forum_participation.choose_participant("lea", PID, "lea", "", "")
    refused_by(app, "IFP-04", result)
    assert snapshot(app) == before


def test_ifp06_a_non_leader_without_anchoring(app: App) -> None:
    to_chosen(app, participant="ola")
    on(app, MEETING)
    before = snapshot(app)
    refused_by(app, "IFP-06", app.forum_participation.record_attendance("ola", PID))
    assert snapshot(app) == before


def test_ifp07_a_principled_clarification_without_aua_contact(app: App) -> None:
    to_chosen(app, needs_principled_clarification=True)
    refused_by(app, "IFP-07", app.forum_participation.record_aua_contact("lea", PID, "asa", "x"))
    on(app, MEETING)
    before = snapshot(app)
    refused_by(app, "IFP-07", app.forum_participation.record_attendance("lea", PID))
    assert snapshot(app) == before


def test_ifp09_a_sensitive_meeting_without_ministry_consultation(app: App) -> None:
    to_chosen(app, udi_attends_alone=True, budget_consequences=True)
    on(app, MEETING)
    app.forum_participation.record_ministry_consultation("lea", PID, "too late").unwrap()
    before = snapshot(app)
    refused_by(app, "IFP-09", app.forum_participation.record_attendance("lea", PID))
    assert snapshot(app) == before


def test_ifp10_a_report_before_the_meeting(app: App) -> None:
    to_chosen(app)
    on(app, "2026-03-19")
    before = snapshot(app)
    refused_by(app, "IFP-10", app.forum_participation.post_report("lea", PID, CASE))
    assert snapshot(app) == before
    app.outbox.deliver()
    assert app.journal.posts().unwrap() == ()


def test_ifp11_the_letter_only_from_the_department_director(app: App) -> None:
    to_chosen(app)
    on(app, MEETING)
    app.forum_participation.record_attendance("lea", PID).unwrap()
    before = snapshot(app)
    refused_by(app, "IFP-11", app.forum_participation.send_ministry_letter("lea", PID, CASE))
    assert snapshot(app) == before


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda s: s.receive_request("ola", PID, "Atlantis", MEETING, "t", "OPA", "x"), "forum"),
        (
            lambda s: s.receive_request("ola", PID, "EMN", "20.03.2026", "t", "OPA", "x"),
            "meeting_date",
        ),
        (lambda s: s.receive_request("ola", PID, "EMN", MEETING, "", "OPA", "x"), "topic"),
        (lambda s: s.receive_request("ola", PID, "EMN", MEETING, "t\x00", "OPA", "x"), "topic"),
        (lambda s: s.receive_request("ola", PID, "EMN", MEETING, "t", "UDI", "x"), "department"),
        (
            lambda s: s.receive_request("ola", "a/b", "EMN", MEETING, "t", "OPA", "x"),
            "participation_id",
        ),
        (lambda s: s.post_report("lea", PID, "2026/812"), "archive_case"),
        (lambda s: s.post_report("lea", PID, "26/00812-1"), "archive_case"),
        (lambda s: s.send_ministry_letter("dir", PID, "26-812"), "archive_case"),
    ],
)
def test_bad_input_names_the_field_and_posts_nothing(app: App, call: Any, field: str) -> None:
    result = call(app.forum_participation)
    assert isinstance(result, Failure)
    error = result.failure()
    assert isinstance(error, InvalidInput)
    assert error.field == field
    app.outbox.deliver()
    assert app.journal.posts().unwrap() == ()
    assert app.queries.history(PID) == []


def test_an_unknown_participation_is_not_found(app: App) -> None:
    result = app.forum_participation.inform_aua("ola", "nope")
    assert result == Failure(NotFound("forum_participation", "nope", "participation_id"))


def test_payloads_through_the_command_bus(app: App) -> None:
    done = app.commands.execute_payload(
        {
            "command": "ReceiveForumRequest",
            "actor": "igs",
            "participation_id": PID,
            "forum": "gdisc",
            "meeting_date": MEETING,
            "topic": "directors' conference",
            "department": "AUA",
            "requested_by": "GDISC secretariat",
        }
    )
    assert isinstance(done, Success)
    assert done.unwrap().state.forum.code == "GDISC"
    bad = app.commands.execute_payload(
        {
            "command": "RecordAttendance",
            "actor": "lea",
            "participation_id": PID,
            "jd_attended": "no",
        }
    )
    error = bad.failure()
    assert isinstance(error, InvalidInput)
    assert error.field == "$.jd_attended"


def test_advisories_are_stored_and_queryable(app: App) -> None:
    request(app, actor="igs")
    app.forum_participation.assess("ola", PID, "a", "b", "c").unwrap()
    rules = [r.advisory.rule.id for r in app.queries.advisories(PID)]
    assert rules == ["IFP-08", "IFP-08"]


def test_obligations_show_due_overdue_and_met(app: App) -> None:
    to_chosen(app)
    on(app, MEETING)
    app.forum_participation.record_attendance("lea", PID, jd_attended=True).unwrap()
    [due] = app.queries.obligations(date(2026, 4, 3))
    assert (due.rule_id, due.due, due.status(date(2026, 4, 3))) == (
        "IFP-10",
        date(2026, 4, 3),
        ObligationStatus.DUE,
    )
    [overdue] = app.queries.obligations(date(2026, 4, 4), statuses=[ObligationStatus.OVERDUE])
    assert overdue.key == "IFP-10/report"
    on(app, "2026-04-06")
    app.forum_participation.post_report("lea", PID, CASE).unwrap()
    [met] = app.queries.obligations(date(2026, 4, 6), statuses=[ObligationStatus.MET])
    assert met.met_on == date(2026, 4, 6)


def test_the_reasonable_time_after_minutes_is_a_setting() -> None:
    app = make_app(T0, {"forum_participation.minutes_reasonable_days": "7"})
    to_chosen(app)
    on(app, MEETING)
    app.forum_participation.record_attendance("lea", PID, minutes_expected=True).unwrap()
    on(app, "2026-04-20")
    app.forum_participation.record_minutes("lea", PID).unwrap()
    due = {o.rule_id: o.due for o in app.queries.obligations(date(2026, 4, 20))}
    assert due == {"IFP-10": date(2026, 4, 27), "IFP-11": date(2026, 4, 27)}
    app.close()
    bad = bootstrap(
        {"store": "memory", "options": {"forum_participation.minutes_reasonable_days": "soon"}}
    )
    assert isinstance(bad.failure(), InvalidInput)


def test_participations_are_found_by_index(app: App) -> None:
    to_chosen(app)
    assert [x.id for x in app.forum_participation.find("forum", "EMN")] == [PID]
    assert [x.id for x in app.forum_participation.find("participant", "lea")] == [PID]
    assert app.forum_participation.find("stage", "closed") == []


# -- who may act: each command refused under its AUTHORITY rule, nothing stored ---------


def refused_actor(app: App, rule_id: str, result: Any, who_tried: str) -> None:
    """Refused under ``rule_id``, and the detail names who may and who tried."""
    refused_by(app, rule_id, result)
    detail = result.failure().describe()
    assert "department concerned (OPA)" in detail
    assert who_tried in detail


def test_ifp01_a_request_recorded_outside_the_department_concerned_and_aua(app: App) -> None:
    svc = app.forum_participation
    before = snapshot(app)
    result = svc.receive_request("asa", PID, "EMN", MEETING, "returns", "OPA", "EMN NCP")
    refused_actor(app, "IFP-01", result, "asa (ASA)")
    assert "department concerned (OPA) or AUA" in result.failure().describe()
    assert snapshot(app) == before
    assert isinstance(svc.get(PID).failure(), NotFound)


def test_ifp01_aua_told_recorded_only_by_the_department_concerned_or_aua(app: App) -> None:
    request(app)
    before = snapshot(app)
    refused_actor(app, "IFP-01", app.forum_participation.inform_aua("asa", PID), "asa (ASA)")
    assert snapshot(app) == before
    app.forum_participation.inform_aua("eva", PID).unwrap()  # AUA acknowledges it


def test_ifp02_aua_is_consulted_but_does_not_assess(app: App) -> None:
    request(app, actor="igs")
    before = snapshot(app)
    result = app.forum_participation.assess("igs", PID, "a", "b", "c")
    refused_actor(app, "IFP-02", result, "igs (AUA)")
    refused_actor(app, "IFP-02", app.forum_participation.assess("asa", PID, "a", "b", "c"), "asa")
    assert snapshot(app) == before


def test_ifp04_only_the_department_concerned_chooses_the_participant(app: App) -> None:
    request(app, actor="igs")
    app.forum_participation.assess("ola", PID, "a", "b", "c").unwrap()
    app.forum_participation.clear("dir", PID, "igs").unwrap()
    before = snapshot(app)
    result = app.forum_participation.choose_participant("igs", PID, "igs", "k", "c")
    refused_actor(app, "IFP-04", result, "igs (AUA)")
    assert snapshot(app) == before


def test_ifp06_the_anchoring_by_the_participant_or_the_department_concerned(app: App) -> None:
    to_chosen(app, participant="igs")
    svc = app.forum_participation
    before = snapshot(app)
    refused_actor(app, "IFP-06", svc.record_anchoring("asa", PID, "line"), "asa (ASA)")
    refused_actor(app, "IFP-06", svc.record_anchoring("eva", PID, "line"), "eva (AUA)")
    assert "the participant (igs)" in svc.record_anchoring("eva", PID, "x").failure().describe()
    assert snapshot(app) == before
    svc.record_anchoring("igs", PID, "line agreed with OPA").unwrap()  # the participant


def test_ifp07_the_aua_contact_by_the_department_concerned_or_aua(app: App) -> None:
    to_chosen(app, needs_principled_clarification=True)
    svc = app.forum_participation
    before = snapshot(app)
    refused_actor(app, "IFP-07", svc.record_aua_contact("asa", PID, "igs", "x"), "asa (ASA)")
    assert snapshot(app) == before
    svc.record_aua_contact("igs", PID, "igs", "clarified").unwrap()


def test_ifp09_the_ministry_consultation_by_the_department_concerned_or_aua(app: App) -> None:
    to_chosen(app, udi_attends_alone=True, budget_consequences=True)
    svc = app.forum_participation
    before = snapshot(app)
    result = svc.record_ministry_consultation("asa", PID, "room")
    refused_actor(app, "IFP-09", result, "asa (ASA)")
    assert snapshot(app) == before
    svc.record_ministry_consultation("igs", PID, "room for manoeuvre").unwrap()


def test_ifp03_the_attendance_by_the_participant_or_the_department_concerned(app: App) -> None:
    to_chosen(app, participant="igs")
    svc = app.forum_participation
    svc.record_anchoring("igs", PID, "line agreed with OPA").unwrap()
    on(app, MEETING)
    before = snapshot(app)
    refused_actor(app, "IFP-03", svc.record_attendance("eva", PID), "eva (AUA)")
    refused_actor(app, "IFP-03", svc.record_attendance("asa", PID), "asa (ASA)")
    assert snapshot(app) == before
    svc.record_attendance("igs", PID).unwrap()  # the participant, though not in OPA


def test_ifp10_the_minutes_by_the_participant_or_the_department_concerned(app: App) -> None:
    to_chosen(app)
    on(app, MEETING)
    app.forum_participation.record_attendance("lea", PID, minutes_expected=True).unwrap()
    before = snapshot(app)
    result = app.forum_participation.record_minutes("asa", PID, "m.pdf")
    refused_actor(app, "IFP-10", result, "asa (ASA)")
    assert snapshot(app) == before


def test_ifp10_only_the_department_concerned_closes(app: App) -> None:
    to_chosen(app)
    on(app, MEETING)
    svc = app.forum_participation
    svc.record_attendance("lea", PID).unwrap()
    svc.post_report("lea", PID, CASE).unwrap()
    svc.send_ministry_letter("dir", PID, CASE).unwrap()
    before = snapshot(app)
    refused_actor(app, "IFP-10", svc.close("igs", PID), "igs (AUA)")
    refused_actor(app, "IFP-10", svc.close("asa", PID), "asa (ASA)")
    assert snapshot(app) == before
    assert svc.close("ola", PID).unwrap().state.stage is Stage.CLOSED
