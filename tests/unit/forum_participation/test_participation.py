"""The pure participation commands: each MUST refusal names its rule and changes nothing,
SHOULD rules give advisories, and the journal posts carry exactly the IM's fields."""

from __future__ import annotations

from datetime import date

import pytest
from returns.result import Failure, Result

from udi_core.domain.forum_participation import participation as fp
from udi_core.domain.forum_participation.model import ForumParticipation, Stage
from udi_core.domain.forum_participation.posts import Expert
from udi_core.domain.kernel.aggregate import Decision
from udi_core.domain.kernel.effects import PostJournal
from udi_core.domain.kernel.errors import DomainError, InvalidInput, NotFound, RuleViolation
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber
from udi_core.domain.kernel.noark5 import DocumentRole, Journalposttype, Korrespondanseparttype
from udi_core.domain.kernel.organisation import Department

from .helpers import (
    ASA_WORKER,
    CASEWORKER,
    CATALOGUE,
    DIRECTOR,
    EMN,
    IGS,
    LEADER,
    MEETING,
    PID,
    TODAY,
    assessment,
    ctx,
    person,
    until,
    unwrap,
)

CASE = ArchiveCaseNumber(26, 812)
AFTER = date(2026, 3, 23)


def refused(result: Result[Decision[ForumParticipation], DomainError]) -> RuleViolation:
    assert isinstance(result, Failure), result
    error = result.failure()
    assert isinstance(error, RuleViolation), error
    return error


def test_a_request_received_by_a_department_waits_for_aua_to_be_told() -> None:
    s = until(Stage.REQUESTED)
    assert s.aua_told is None
    error = refused(fp.assess(s, PID, assessment(), ctx(CASEWORKER)))
    assert error.rule_ids == ("IFP-01",)
    assert "IM 2011-013 §3.1" in error.describe()


def test_a_request_received_by_aua_has_told_aua() -> None:
    decision = fp.receive_request(
        None, PID, EMN, MEETING, "returns", Department.OPA, "EMN", ctx(IGS)
    ).unwrap()
    assert decision.state.aua_told is not None
    assert [type(e).__name__ for e in decision.events] == ["RequestReceived", "AuaTold"]


def test_an_assessment_missing_its_grounds_lists_every_missing_one() -> None:
    s = unwrap(fp.inform_aua(until(Stage.REQUESTED), PID, ctx(CASEWORKER)))
    bare = assessment()
    from attrs import evolve

    error = refused(fp.assess(s, PID, evolve(bare, agenda=" ", contribution=""), ctx(CASEWORKER)))
    assert error.rule_ids == ("IFP-02", "IFP-02")
    assert "agenda" in error.describe()
    assert "contribution" in error.describe()


def test_clearing_before_assessment_is_refused_by_ifp02() -> None:
    s = unwrap(fp.inform_aua(until(Stage.REQUESTED), PID, ctx(CASEWORKER)))
    assert refused(fp.clear(s, PID, person(IGS), ctx(DIRECTOR))).rule_ids == ("IFP-02",)


def test_clearance_is_by_the_department_concerned_with_igs() -> None:
    s = until(Stage.ASSESSED)
    error = refused(fp.clear(s, PID, person(CASEWORKER), ctx(ASA_WORKER)))
    assert error.rule_ids == ("IFP-03", "IFP-03")
    assert "OPA" in error.breaches[0].detail
    assert "not AUA Internasjonal enhet" in error.breaches[1].detail
    cleared = unwrap(fp.clear(s, PID, person(IGS), ctx(CASEWORKER)))
    assert cleared.clearance is not None
    assert cleared.clearance.igs_consulted == IGS.id


def test_no_participant_and_no_attendance_without_clearance() -> None:
    s = until(Stage.ASSESSED)
    assert refused(
        fp.choose_participant(s, PID, person(LEADER), "a", "b", ctx(LEADER))
    ).rule_ids == ("IFP-03",)
    assert refused(fp.attend(s, PID, None, False, False, 14, ctx(LEADER, MEETING))).rule_ids == (
        "IFP-03",
    )


def test_participant_choice_records_competence_and_continuity() -> None:
    s = until(Stage.CLEARED)
    error = refused(fp.choose_participant(s, PID, person(LEADER), "", " ", ctx(LEADER)))
    assert error.rule_ids == ("IFP-04", "IFP-04")
    assert refused(fp.attend(s, PID, None, False, False, 14, ctx(LEADER, MEETING))).rule_ids == (
        "IFP-04",
    )


def test_a_non_leader_needs_anchoring_recorded_before_the_meeting_date() -> None:
    s = until(Stage.PARTICIPANT_CHOSEN, participant=CASEWORKER)
    error = refused(fp.attend(s, PID, None, False, False, 14, ctx(CASEWORKER, MEETING)))
    assert error.rule_ids == ("IFP-06",)
    on_the_day = unwrap(fp.record_anchoring(s, PID, False, "agreed line", ctx(CASEWORKER, MEETING)))
    assert refused(
        fp.attend(on_the_day, PID, None, False, False, 14, ctx(CASEWORKER, MEETING))
    ).rule_ids == ("IFP-06",)
    before = unwrap(
        fp.record_anchoring(s, PID, True, "JD agreed", ctx(CASEWORKER, date(2026, 3, 19)))
    )
    attended = unwrap(fp.attend(before, PID, None, False, False, 14, ctx(CASEWORKER, MEETING)))
    assert attended.stage is Stage.ATTENDED
    assert attended.anchored_with_ministry


def test_a_needed_principled_clarification_needs_aua_contact() -> None:
    s = until(Stage.PARTICIPANT_CHOSEN, flags={"needs_principled_clarification": True})
    assert refused(fp.attend(s, PID, None, False, False, 14, ctx(LEADER, MEETING))).rule_ids == (
        "IFP-07",
    )
    assert refused(
        fp.record_aua_contact(s, PID, person(ASA_WORKER), "x", ctx(LEADER))
    ).rule_ids == ("IFP-07",)
    contacted = unwrap(fp.record_aua_contact(s, PID, person(IGS), "line agreed", ctx(LEADER)))
    assert unwrap(
        fp.attend(contacted, PID, None, False, False, 14, ctx(LEADER, MEETING))
    ).attendance


@pytest.mark.parametrize("flag", ["law_change", "budget_consequences", "politically_sensitive"])
def test_attending_alone_on_a_sensitive_matter_needs_the_ministry_consulted(flag: str) -> None:
    s = until(Stage.PARTICIPANT_CHOSEN, flags={"udi_attends_alone": True, flag: True})
    error = refused(fp.attend(s, PID, None, False, False, 14, ctx(LEADER, MEETING)))
    assert error.rule_ids == ("IFP-09",)
    consulted = unwrap(fp.record_ministry_consultation(s, PID, "room for manoeuvre", ctx(LEADER)))
    assert unwrap(
        fp.attend(consulted, PID, None, False, False, 14, ctx(LEADER, MEETING))
    ).attendance


def test_not_alone_or_not_sensitive_needs_no_consultation() -> None:
    for flags in ({"udi_attends_alone": True}, {"law_change": True}):
        s = until(Stage.PARTICIPANT_CHOSEN, flags=dict(flags))
        assert unwrap(fp.attend(s, PID, None, False, False, 14, ctx(LEADER, MEETING))).attendance


def test_every_unmet_pre_meeting_rule_is_named_at_once() -> None:
    flags: dict[str, bool | None] = {
        "udi_attends_alone": True,
        "politically_sensitive": True,
        "needs_principled_clarification": True,
    }
    s = until(Stage.PARTICIPANT_CHOSEN, participant=CASEWORKER, flags=flags)
    error = refused(fp.attend(s, PID, None, False, False, 14, ctx(CASEWORKER, MEETING)))
    assert error.rule_ids == ("IFP-06", "IFP-07", "IFP-09")


def test_should_rules_give_advisories_not_refusals() -> None:
    s = unwrap(fp.inform_aua(until(Stage.REQUESTED), PID, ctx(CASEWORKER)))
    decision = fp.assess(
        s, PID, assessment(pre_meeting_needed=None, options_memo_needed=None), ctx(CASEWORKER)
    ).unwrap()
    assert [a.rule.id for a in decision.advisories] == ["IFP-08", "IFP-08"]
    cleared = unwrap(fp.clear(decision.state, PID, person(IGS), ctx(CASEWORKER)))
    chosen = fp.choose_participant(cleared, PID, person(CASEWORKER), "c", "c", ctx(LEADER)).unwrap()
    assert [a.rule.id for a in chosen.advisories] == ["IFP-06b"]


def test_ifp05_advises_aua_for_strategic_and_departments_for_interpretation() -> None:
    s = until(Stage.CLEARED, forum="GDISC", flags={"interpretation_discussed": True})
    by_opa = fp.choose_participant(s, PID, person(LEADER), "c", "c", ctx(LEADER)).unwrap()
    assert [a.rule.id for a in by_opa.advisories] == ["IFP-05"]
    assert "strategic" in by_opa.advisories[0].detail
    by_aua = fp.choose_participant(s, PID, person(IGS), "c", "c", ctx(LEADER)).unwrap()
    assert [a.rule.id for a in by_aua.advisories] == ["IFP-05", "IFP-06b"]
    assert "interpreted" in by_aua.advisories[0].detail


def test_a_report_before_the_meeting_is_refused_by_ifp10() -> None:
    s = until(Stage.PARTICIPANT_CHOSEN)
    error = refused(fp.post_report(s, PID, CASE, (), "", ctx(LEADER, date(2026, 3, 19))))
    assert error.rule_ids == ("IFP-10",)
    assert "has not taken place" in error.describe()


def test_only_the_participant_reports() -> None:
    s = until(Stage.ATTENDED)
    assert refused(fp.post_report(s, PID, CASE, (), "", ctx(CASEWORKER, AFTER))).rule_ids == (
        "IFP-10",
    )


def test_the_report_is_exactly_the_ims_internal_note() -> None:
    s = until(Stage.ATTENDED)
    s = unwrap(fp.record_minutes(s, PID, "minutes.pdf", ctx(LEADER, AFTER)))
    experts = (Expert("Eva Ekspert", "VAS"),)
    decision = fp.post_report(s, PID, CASE, experts, "report.docx", ctx(LEADER, AFTER)).unwrap()
    [effect] = decision.effects
    assert isinstance(effect, PostJournal)
    assert effect.key == f"ifp/{PID}/report"
    post = effect.post
    kp = Korrespondanseparttype
    assert post.type is Journalposttype.INTERNAL_NO_FOLLOW_UP
    assert post.archive_case == CASE
    assert post.title == "Intern rapportering fra møte – EMN – returns"
    assert post.template == "Intern rapportering fra møte – internasjonale fora"
    assert [(p.type, p.name, p.unit_code) for p in post.parties] == [
        (kp.INTERNAL_SENDER, "Lea", None),
        (kp.INTERNAL_RECIPIENT, "AUA Internasjonal enhet", "IGS"),
        (kp.INTERNAL_RECIPIENT, "Oppholdsavdelingen", "OPA"),
        (kp.INTERNAL_COPY_RECIPIENT, "Eva Ekspert", "VAS"),
    ]
    assert [(d.role, d.reference) for d in post.documents] == [
        (DocumentRole.MAIN, "report.docx"),
        (DocumentRole.ATTACHMENT, "minutes.pdf"),
    ]
    assert post.problems() == ()
    assert decision.state.stage is Stage.REPORTED


def test_without_minutes_the_report_has_only_its_main_document() -> None:
    decision = fp.post_report(until(Stage.ATTENDED), PID, CASE, (), "", ctx(LEADER, AFTER)).unwrap()
    [effect] = decision.effects
    assert isinstance(effect, PostJournal)
    assert [d.role for d in effect.post.documents] == [DocumentRole.MAIN]


def test_the_letter_to_jd_is_an_outgoing_letter_from_the_director() -> None:
    s = until(Stage.ATTENDED)
    s = unwrap(fp.record_minutes(s, PID, "minutes.pdf", ctx(LEADER, AFTER)))
    assert refused(
        fp.send_ministry_letter(s, PID, CASE, person(LEADER), "", ctx(LEADER, AFTER))
    ).rule_ids == ("IFP-11",)
    decision = fp.send_ministry_letter(
        s, PID, CASE, person(DIRECTOR, "OPA"), "letter.docx", ctx(DIRECTOR, AFTER)
    ).unwrap()
    [effect] = decision.effects
    assert isinstance(effect, PostJournal)
    assert effect.key == f"ifp/{PID}/ministry-letter"
    post = effect.post
    kp = Korrespondanseparttype
    assert post.type is Journalposttype.OUTGOING
    assert post.template == "UDIs rapportering fra møte – internasjonale fora"
    assert [(p.type, p.name, p.unit_code) for p in post.parties] == [
        (kp.INTERNAL_SENDER, "Dir", "OPA"),
        (kp.RECIPIENT, "Justis- og beredskapsdepartementet", None),
        (kp.INTERNAL_COPY_RECIPIENT, "AUA Internasjonal enhet", "IGS"),
    ]
    assert [d.role for d in post.documents] == [DocumentRole.MAIN, DocumentRole.ATTACHMENT]


@pytest.mark.parametrize(
    ("forum", "jd_attended", "principle", "required"),
    [
        ("EMN", False, False, True),
        ("EMN", True, False, False),
        ("EMN", True, True, True),
        ("OTHER", False, False, False),
        ("OTHER", False, True, True),
    ],
)
def test_when_the_ministry_letter_is_required(
    forum: str, jd_attended: bool, principle: bool, required: bool
) -> None:
    from udi_core.domain.forum_participation.forums import Forum, ForumLevel
    from udi_core.domain.kernel.identifiers import UnitId

    other = Forum("OTHER", "Another forum", ForumLevel.OPERATIONAL, UnitId("AUA-IGS"))
    chosen = other if forum == "OTHER" else EMN
    s = unwrap(fp.receive_request(None, PID, chosen, MEETING, "t", Department.OPA, "x", ctx(IGS)))
    s = unwrap(fp.assess(s, PID, assessment(), ctx(CASEWORKER)))
    s = unwrap(fp.clear(s, PID, person(IGS), ctx(CASEWORKER)))
    s = unwrap(fp.choose_participant(s, PID, person(LEADER), "c", "c", ctx(LEADER)))
    s = unwrap(fp.attend(s, PID, jd_attended, principle, False, 14, ctx(LEADER, MEETING)))
    assert s.ministry_letter_required is required
    s = unwrap(fp.post_report(s, PID, CASE, (), "", ctx(LEADER, AFTER)))
    closing = fp.close(s, PID, ctx(LEADER, AFTER))
    if required:
        assert refused(closing).rule_ids == ("IFP-11",)
    else:
        assert unwrap(closing).stage is Stage.CLOSED


def test_closing_needs_the_report() -> None:
    assert refused(fp.close(until(Stage.ATTENDED), PID, ctx(LEADER, AFTER))).rule_ids == ("IFP-10",)


def test_bad_input_is_typed() -> None:
    assert fp.inform_aua(None, PID, ctx(IGS)) == Failure(
        NotFound("forum_participation", PID, "participation_id")
    )
    again = fp.receive_request(
        until(Stage.REQUESTED), PID, EMN, MEETING, "t", Department.OPA, "x", ctx(IGS)
    )
    assert isinstance(again.failure(), InvalidInput)
    past = fp.receive_request(None, PID, EMN, date(2026, 3, 1), "t", Department.OPA, "x", ctx(IGS))
    assert past.failure().field == "meeting_date"  # type: ignore[union-attr]
    long_topic = fp.receive_request(
        None, PID, EMN, MEETING, "x" * 250, Department.OPA, "x", ctx(IGS)
    )
    assert long_topic.failure().field == "topic"  # type: ignore[union-attr]
    bad_id = fp.receive_request(None, "no spaces", EMN, MEETING, "t", Department.OPA, "x", ctx(IGS))
    assert bad_id.failure().field == "participation_id"  # type: ignore[union-attr]
    assert CATALOGUE.lookup("Atlantis").failure().field == "forum"
    early = fp.attend(
        until(Stage.PARTICIPANT_CHOSEN), PID, None, False, False, 14, ctx(LEADER, TODAY)
    )
    assert early.failure().field == "meeting_date"  # type: ignore[union-attr]
