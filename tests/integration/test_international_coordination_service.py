"""IFP-12 to IFP-14 through the app: annual notes to WebSak, meeting cadences, the
knowledge base, with refusals that change nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from returns.result import Failure

from udi_core.app import App
from udi_core.domain.kernel.errors import InvalidInput, RuleViolation
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber
from udi_core.domain.kernel.noark5 import Journalposttype, Korrespondanseparttype
from udi_core.domain.kernel.obligations import ObligationStatus

from .forum_participation_setup import make_app

T0 = datetime(2026, 4, 20, 8, 0, tzinfo=UTC)
CID = "udi"


@pytest.fixture
def app() -> Iterator[App]:
    built = make_app(T0)
    built.international_coordination.appoint_coordinator(
        "igs", CID, "EMN", "igs", "2025-01-15"
    ).unwrap()
    yield built
    built.close()


def test_the_annual_note_goes_to_websak_and_meets_the_obligation(app: App) -> None:
    svc = app.international_coordination
    [due] = app.queries.obligations(
        date(2026, 4, 20), routine="international_coordination", statuses=[ObligationStatus.DUE]
    )[:1]
    assert (due.rule_id, due.due) == ("IFP-12", date(2026, 5, 1))
    svc.post_annual_note("igs", CID, "EMN", "26/00321", "note.docx").unwrap()
    assert app.outbox.deliver().delivered == 1
    [registered] = app.journal.posts(ArchiveCaseNumber(26, 321)).unwrap()
    post = registered.post
    assert post.type is Journalposttype.INTERNAL_NO_FOLLOW_UP
    assert post.title == "Årlig rapportering om internasjonalt arbeid – EMN – 2026"
    assert [(p.type, p.unit_code) for p in post.parties] == [
        (Korrespondanseparttype.INTERNAL_SENDER, "IGS"),
        (Korrespondanseparttype.INTERNAL_RECIPIENT, "IGS"),
    ]
    notes = app.queries.obligations(date(2026, 4, 20), routine="international_coordination")
    by_key = {o.key: o.status(date(2026, 4, 20)) for o in notes if o.rule_id == "IFP-12"}
    assert by_key == {
        "IFP-12/EMN/2026": ObligationStatus.MET,
        "IFP-12/EMN/2027": ObligationStatus.DUE,
    }


def test_someone_else_cannot_post_the_note_and_nothing_is_stored(app: App) -> None:
    before = (app.queries.history(CID), app.outbox.items())
    result = app.international_coordination.post_annual_note("lea", CID, "EMN", "26/00321")
    assert isinstance(result, Failure)
    error = result.failure()
    assert isinstance(error, RuleViolation)
    assert error.rule_ids == ("IFP-12",)
    assert (app.queries.history(CID), app.outbox.items()) == before


def test_cadences_and_the_knowledge_base(app: App) -> None:
    svc = app.international_coordination
    svc.record_meeting("igs", CID, "directors", "2026-02-10", "international work").unwrap()
    obligations = app.queries.obligations(date(2026, 7, 1), routine="international_coordination")
    status = {o.key: o.status(date(2026, 7, 1)) for o in obligations if o.rule_id == "IFP-13"}
    assert status["IFP-13/directors/2026"] is ObligationStatus.MET
    assert status["IFP-13/jd/2026H1"] is ObligationStatus.OVERDUE
    assert status["IFP-13/ud/2027H2"] is ObligationStatus.DUE
    refused = svc.add_knowledge_case("lea", CID, "EMN", "26/00400", "EMN 2026")
    assert isinstance(refused, Failure)
    assert isinstance(refused.failure(), RuleViolation)
    svc.add_knowledge_case("igs", CID, "EMN", "26/00400", "EMN 2026").unwrap()
    [entry] = svc.knowledge_base(CID, "EMN").unwrap()
    assert str(entry.archive_case) == "26/00400"


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda s: s.record_meeting("igs", CID, "weekly", "2026-02-10"), "kind"),
        (lambda s: s.record_meeting("igs", CID, "jd", "10.02.2026"), "held_on"),
        (lambda s: s.add_knowledge_case("igs", CID, "EMN", "26/0040a", "t"), "archive_case"),
        (lambda s: s.post_annual_note("igs", CID, "EMN/x", "26/00400"), "field"),
        (lambda s: s.post_annual_note("igs", CID, "GDISC", "26/00400"), "field"),
    ],
)
def test_bad_input(app: App, call: object, field: str) -> None:
    result = call(app.international_coordination)  # type: ignore[operator]
    assert isinstance(result, Failure)
    error = result.failure()
    assert isinstance(error, InvalidInput)
    assert error.field == field
    app.outbox.deliver()
    assert app.journal.posts().unwrap() == ()


def test_ifp13_a_coordination_meeting_is_recorded_by_aua_and_nothing_else_stored(
    app: App,
) -> None:
    svc = app.international_coordination
    before = (
        app.international_coordination.get(CID).unwrap(),
        app.queries.history(CID),
        app.outbox.items(),
        app.queries.obligations(date(2026, 12, 31), routine="international_coordination"),
    )
    for actor in ("eva", "dir", "ola"):  # AUA outside IGS, another department's director
        result = svc.record_meeting(actor, CID, "directors", "2026-02-10", "international work")
        assert isinstance(result, Failure)
        error = result.failure()
        assert isinstance(error, RuleViolation)
        assert error.rule_ids == ("IFP-13",)
        assert "IFP-13 (IM 2011-013 §2.1, §2.2)" in error.describe()
        assert f"not {actor} (" in error.describe()
    after = (
        app.international_coordination.get(CID).unwrap(),
        app.queries.history(CID),
        app.outbox.items(),
        app.queries.obligations(date(2026, 12, 31), routine="international_coordination"),
    )
    assert after == before
    org = app.organisation
    org.register_unit("AUA-LEDELSE", "AUA ledelse", "AUA", "leadership", "AUA").unwrap()
    org.register_employee("auadir", "Aud Direktør", "AUA-LEDELSE", ["department_director"]).unwrap()
    svc.record_meeting("auadir", CID, "directors", "2026-02-10", "international work").unwrap()
