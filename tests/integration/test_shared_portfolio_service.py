"""SharedPortfolio through the application: bootstrap, service, command bus, outbox, DUF."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from returns.result import Failure, Result, Success

from udi_adapters.duf_mock import MockDuf
from udi_core.app import App, bootstrap
from udi_core.app.shared_portfolio import (
    ActivatePortfolio,
    AddAssistingUnit,
    AddBankEntry,
    AppointContact,
    AssessSideCases,
    CaseToSort,
    ClearanceStep,
    CreateMarkingCode,
    DefineCategory,
    DistributeCases,
    FlagCountry,
    GrantInterviewFreePeriod,
    HoldForum,
    InviteToTraining,
    NotifyParty,
    OutdateBankEntry,
    PlanPortfolio,
    PresentCategoriesToPu,
    PublishPracticeDocument,
    RecordTraining,
    SetClearancePlan,
    SetProductionRequirement,
    SortCases,
    StartPreparation,
)
from udi_core.domain.kernel.effects import AddDufCode
from udi_core.domain.kernel.errors import InvalidInput, NotFound, RuleViolation
from udi_core.domain.kernel.identifiers import DufCaseNumber
from udi_core.domain.shared_portfolio import KIND
from udi_core.domain.shared_portfolio.model import ItemStatus, Phase, Task, TrainingElement
from udi_core.domain.shared_portfolio.preparedness import DocumentKind
from udi_core.ports.persistence import ObligationQuery

PID = "eritrea-2026"
TODAY = date(2026, 3, 2)
ALL_TRAINING = tuple(e.value for e in TrainingElement)
RESP = "ASA-E1"


@pytest.fixture
def app() -> Iterator[App]:
    built = bootstrap({"store": "memory", "clock": "fixed:2026-03-02T09:00:00+01:00"}).unwrap()
    org = built.organisation
    org.ensure_named_units().unwrap()
    org.register_unit("ASA-LEDELSE", "ASA ledelse", "ASA", "leadership").unwrap()
    org.register_unit("ASA-FSG", "Fagsystemgruppen", "ASA").unwrap()
    org.register_unit("ASA-INT", "Intervjufaglig nettverk", "ASA").unwrap()
    for unit in ("ASA-E1", "ASA-E2", "ASA-E3"):
        org.register_unit(unit, unit, "ASA").unwrap()
        org.register_employee(f"lead-{unit}", "Leder", unit, ["unit_leader"]).unwrap()
        org.register_employee(f"cw-{unit}", "Saksbehandler", unit).unwrap()
    org.register_employee("dir", "Avdelingsdirektør", "ASA-LEDELSE", ["department_director"])
    org.register_employee("fsg", "Systemist", "ASA-FSG").unwrap()
    org.register_employee("kor", "Koordinator", "ASA-KOR").unwrap()
    org.register_employee("opa", "OPA-ansatt", "OPA-UTVISNING").unwrap()
    yield built
    built.close()


def ok(result: Result[Any, Any]) -> Any:
    assert isinstance(result, Success), result
    return result.unwrap()


def refused(result: Result[Any, Any], *rule_ids: str) -> RuleViolation:
    assert isinstance(result, Failure), result
    error = result.failure()
    assert isinstance(error, RuleViolation), error
    assert error.rule_ids == rule_ids, error.describe()
    for rid in rule_ids:
        assert rid in error.describe()
        assert "IM 2016-003" in error.describe()
    return error


def snapshot(app: App) -> tuple[object, ...]:
    """Everything a refused command must leave as it was."""
    with app.store.unit_of_work() as uow:
        return (
            uow.repository(KIND).get(PID),
            len(uow.events.history(PID)),
            tuple(uow.outbox.list()),
            tuple(uow.obligations.query(ObligationQuery(TODAY))),
            len(uow.advisories.list()),
        )


def run(app: App, command: object) -> Any:
    return app.commands.execute(command)


def planned(app: App) -> None:
    ok(
        run(
            app,
            PlanPortfolio("dir", PID, "ER", "Eritrea", "ASA-LEDELSE", RESP, "ASA-INT", "ASA-FSG"),
        )
    )
    for unit in ("ASA-E2", "ASA-E3"):
        ok(run(app, AddAssistingUnit("dir", PID, unit)))


def preparing(app: App) -> None:
    planned(app)
    ok(run(app, StartPreparation("dir", PID)))


def ready(app: App) -> None:
    """Every MUST item of activation holds, and every SHOULD item too."""
    preparing(app)
    ok(run(app, SetProductionRequirement("dir", PID, RESP, 6, 10)))
    for unit in ("ASA-E2", "ASA-E3"):
        ok(run(app, SetProductionRequirement("dir", PID, unit, 10)))
    ok(run(app, GrantInterviewFreePeriod("dir", PID, date(2026, 4, 1))))
    for code, complexity in (("EASY", "low"), ("MID", "medium"), ("HARD", "high")):
        ok(run(app, DefineCategory(f"cw-{RESP}", PID, code, code.title(), complexity, "risk")))
        ok(run(app, CreateMarkingCode("fsg", PID, code, f"ER-{code}")))
    ok(run(app, PresentCategoriesToPu(f"cw-{RESP}", PID, "agreed deviation routine")))
    for unit in (RESP, "ASA-E2", "ASA-E3"):
        ok(run(app, RecordTraining(f"cw-{RESP}", PID, unit, ALL_TRAINING, TODAY)))
        ok(run(app, AppointContact(f"lead-{unit}", PID, unit, f"lead-{unit}", True)))
        ok(run(app, AppointContact(f"lead-{unit}", PID, unit, f"cw-{unit}")))
    for unit in ("ASA-BFE", "ASA-F1"):
        ok(run(app, InviteToTraining(f"cw-{RESP}", PID, unit)))
    for party in ("Landinfo", "BFE", "F1"):
        ok(run(app, NotifyParty(f"cw-{RESP}", PID, party, "informed")))
    ok(run(app, AssessSideCases(f"cw-{RESP}", PID, "side cases stay with the responsible unit")))


def active(app: App) -> None:
    ready(app)
    ok(run(app, ActivatePortfolio("dir", PID)))
    steps = (
        ClearanceStep(TODAY, "ASA-E2", ("EASY",)),
        ClearanceStep(TODAY, "ASA-E3", ("EASY", "MID")),
    )
    ok(run(app, SetClearancePlan(f"cw-{RESP}", PID, steps, date(2026, 9, 1), 25)))


def sort(app: App, actor: str, *cases: tuple[str, str]) -> Any:
    payload = tuple(CaseToSort(n, cat, f"PU-{n}") for n, cat in cases)
    return run(app, SortCases(actor, PID, payload))


# -- the lifecycle and activation ---------------------------------------------------------


def test_a_ready_portfolio_activates_without_advisories(app: App) -> None:
    ready(app)
    outcome = ok(run(app, ActivatePortfolio("dir", PID)))
    assert outcome.state.phase is Phase.ACTIVE
    assert outcome.advisories == ()
    items = ok(app.shared_portfolio.checklist(PID))
    done = {(i.task, str(i.owner)) for i in items if i.status is ItemStatus.DONE}
    assert (Task.CREATE_MARKING_CODES, "ASA-FSG") in done
    assert (Task.APPOINT_CONTACTS, "ASA-E2") in done


def test_activation_lists_every_unmet_must_item_at_once(app: App) -> None:
    preparing(app)
    ok(run(app, DefineCategory(f"cw-{RESP}", PID, "EASY", "Easy", "low", "none")))
    before = snapshot(app)
    error = refused(
        run(app, ActivatePortfolio("dir", PID)),
        "SP-03",
        "SP-04",
        "SP-05",
        "SP-07",
        "SP-07",
        "SP-07",
        "SP-08",
        "SP-08",
    )
    text = error.describe()
    assert "ASA-E2 has appointed no country-practice contact" in text
    assert "category 'EASY' has no DUF marking code" in text
    assert snapshot(app) == before


def test_activation_with_should_items_missing_passes_with_advisories(app: App) -> None:
    preparing(app)
    ok(run(app, SetProductionRequirement("dir", PID, RESP, 6, 10)))
    ok(run(app, DefineCategory(f"cw-{RESP}", PID, "EASY", "Easy", "low", "none")))
    ok(run(app, CreateMarkingCode("fsg", PID, "EASY", "ER-EASY")))
    ok(run(app, PresentCategoriesToPu("kor", PID, "presented")))
    for unit in (RESP, "ASA-E2", "ASA-E3"):
        ok(run(app, RecordTraining("cw-ASA-E1", PID, unit, ALL_TRAINING, TODAY)))
    for unit in ("ASA-E2", "ASA-E3"):
        ok(run(app, AppointContact(f"lead-{unit}", PID, unit, f"cw-{unit}")))
    outcome = ok(run(app, ActivatePortfolio("dir", PID)))
    rules = sorted({a.rule.id for a in outcome.advisories})
    assert rules == ["SP-03b", "SP-07b", "SP-08b", "SP-13"]
    stored = app.queries.advisories(PID)
    assert {r.advisory.rule.id for r in stored} == set(rules)


def test_sp01_only_asa_leadership_plans_and_a_portfolio_needs_an_assisting_unit(app: App) -> None:
    refused(
        run(
            app,
            PlanPortfolio(
                "cw-ASA-E1", PID, "ER", "Eritrea", "ASA-LEDELSE", RESP, "ASA-INT", "ASA-FSG"
            ),
        ),
        "SP-01",
    )
    ok(
        run(
            app,
            PlanPortfolio("dir", PID, "ER", "Eritrea", "ASA-LEDELSE", RESP, "ASA-INT", "ASA-FSG"),
        )
    )
    before = snapshot(app)
    refused(run(app, StartPreparation("dir", PID)), "SP-01")
    refused(run(app, AddAssistingUnit("dir", PID, "OPA-UTVISNING")), "SP-01")
    assert snapshot(app) == before


def test_unknown_unit_is_not_found_and_changes_nothing(app: App) -> None:
    planned(app)
    before = snapshot(app)
    result = run(app, AddAssistingUnit("dir", PID, "ASA-NOPE"))
    assert result == Failure(NotFound("unit", "ASA-NOPE", "unit_id"))
    assert snapshot(app) == before


def test_sp03_the_responsible_unit_requirement_must_be_reduced(app: App) -> None:
    preparing(app)
    before = snapshot(app)
    refused(run(app, SetProductionRequirement("dir", PID, RESP, 10, 10)), "SP-03")
    refused(run(app, SetProductionRequirement("dir", PID, RESP, 12)), "SP-03")
    assert snapshot(app) == before


def test_sp04_categories_are_defined_by_the_responsible_unit(app: App) -> None:
    preparing(app)
    before = snapshot(app)
    refused(run(app, DefineCategory("cw-ASA-E2", PID, "EASY", "Easy", "low", "none")), "SP-04")
    refused(run(app, PresentCategoriesToPu(f"cw-{RESP}", PID, "nothing yet")), "SP-04")
    assert snapshot(app) == before


def test_sp05_only_the_system_group_creates_codes(app: App) -> None:
    preparing(app)
    ok(run(app, DefineCategory(f"cw-{RESP}", PID, "EASY", "Easy", "low", "none")))
    before = snapshot(app)
    refused(run(app, CreateMarkingCode(f"cw-{RESP}", PID, "EASY", "ER-EASY")), "SP-05")
    refused(run(app, CreateMarkingCode("fsg", PID, "NOPE", "ER-NOPE")), "SP-05")
    assert isinstance(
        run(app, CreateMarkingCode("fsg", PID, "EASY", "er easy")).failure(), InvalidInput
    )
    assert snapshot(app) == before


def test_sp07_training_is_recorded_by_the_responsible_unit_for_participants(app: App) -> None:
    preparing(app)
    before = snapshot(app)
    refused(run(app, RecordTraining("cw-ASA-E2", PID, "ASA-E2", ALL_TRAINING, TODAY)), "SP-07")
    refused(run(app, RecordTraining(f"cw-{RESP}", PID, "ASA-BFE", ALL_TRAINING, TODAY)), "SP-07")
    bad = run(app, RecordTraining(f"cw-{RESP}", PID, "ASA-E2", ("cooking",), TODAY))
    assert bad == Failure(InvalidInput("elements[0]", bad.failure().expected, "cooking"))
    assert snapshot(app) == before


def test_sp08_each_unit_appoints_its_own_contacts(app: App) -> None:
    preparing(app)
    before = snapshot(app)
    refused(run(app, AppointContact("lead-ASA-E3", PID, "ASA-E2", "cw-ASA-E2")), "SP-08")
    refused(run(app, AppointContact("lead-ASA-E2", PID, "ASA-E2", "cw-ASA-E3")), "SP-08")
    assert snapshot(app) == before


# -- sorting, DUF codes, distribution ------------------------------------------------------


def test_sorting_marks_each_case_in_duf_through_the_outbox(app: App) -> None:
    active(app)
    outcome = ok(sort(app, "kor", ("201600000001", "EASY"), ("201600000002", "HARD")))
    assert outcome.effects == (
        AddDufCode(f"{PID}/sort/201600000001/ER-EASY", DufCaseNumber("201600000001"), "ER-EASY"),
        AddDufCode(f"{PID}/sort/201600000002/ER-HARD", DufCaseNumber("201600000002"), "ER-HARD"),
    )
    app.outbox.deliver()
    duf = app.duf
    assert isinstance(duf, MockDuf)
    assert duf.codes(DufCaseNumber("201600000001")) == Success(frozenset({"ER-EASY"}))
    before = snapshot(app)
    again = sort(app, "kor", ("201600000001", "EASY"))
    assert isinstance(again.failure(), InvalidInput)
    assert again.failure().field == "cases[0].case"
    assert snapshot(app) == before


def test_sp06_sorting_by_another_unit_is_refused_and_nothing_reaches_duf(app: App) -> None:
    active(app)
    before = snapshot(app)
    refused(sort(app, "cw-ASA-E2", ("201600000001", "EASY")), "SP-06")
    app.outbox.deliver()
    duf = app.duf
    assert isinstance(duf, MockDuf)
    assert duf.calls == []
    assert snapshot(app) == before


def test_sp05_sorting_into_a_category_without_a_code_sends_nothing(app: App) -> None:
    active(app)
    ok(run(app, DefineCategory(f"cw-{RESP}", PID, "NEW", "New", "medium", "none")))
    ok(run(app, PresentCategoriesToPu(f"cw-{RESP}", PID, "the new one")))
    before = snapshot(app)
    refused(sort(app, "kor", ("201600000001", "EASY"), ("201600000002", "NEW")), "SP-05")
    app.outbox.deliver()
    duf = app.duf
    assert isinstance(duf, MockDuf)
    assert duf.calls == []
    assert snapshot(app) == before


def test_sp04_unknown_or_unpresented_categories_are_refused_together(app: App) -> None:
    active(app)
    ok(run(app, DefineCategory(f"cw-{RESP}", PID, "NEW", "New", "medium", "none")))
    before = snapshot(app)
    error = refused(
        sort(app, f"cw-{RESP}", ("201600000001", "NEW"), ("201600000002", "ZZZ")),
        "SP-04",
        "SP-04",
    )
    assert "not yet presented to PU" in error.describe()
    assert snapshot(app) == before


def test_distribution_follows_the_plan_and_decisions_stay_in_the_line(app: App) -> None:
    active(app)
    cases = [(f"2016{i:08d}", ("EASY", "MID", "HARD")[i % 3]) for i in range(30)]
    ok(sort(app, "kor", *cases))
    outcome = ok(run(app, DistributeCases("kor", PID)))
    state = outcome.state
    assert state.distributed == 30
    for number, category in cases:
        holder = str(state.holder(number))
        if category == "HARD":
            assert holder == RESP
        if category == "MID":
            assert holder in (RESP, "ASA-E3")
    easy_holders = {str(state.holder(n)) for n, c in cases if c == "EASY"}
    assert RESP in easy_holders
    held_by_e2 = next(n for n, _ in cases if str(state.holder(n)) == "ASA-E2")
    assert ok(app.shared_portfolio.check_line(PID, held_by_e2, "cw-ASA-E2")) == ()
    advice = ok(app.shared_portfolio.check_line(PID, held_by_e2, "cw-ASA-E2", "lead-ASA-E3"))
    assert [a.rule.id for a in advice] == ["SP-12b"]
    refused(app.shared_portfolio.check_line(PID, held_by_e2, "cw-ASA-E3"), "SP-12")
    # a second run has nothing new to distribute and stores nothing
    assert ok(run(app, DistributeCases("kor", PID))).events == ()


def test_sp09_distribution_needs_a_plan_and_the_right_unit(app: App) -> None:
    ready(app)
    ok(run(app, ActivatePortfolio("dir", PID)))
    ok(sort(app, "kor", ("201600000001", "EASY")))
    before = snapshot(app)
    refused(run(app, DistributeCases("kor", PID)), "SP-09")
    refused(run(app, DistributeCases("cw-ASA-E2", PID)), "SP-09")
    bad_plan = SetClearancePlan(
        f"cw-{RESP}", PID, (ClearanceStep(TODAY, RESP, ("EASY",)),), date(2026, 9, 1), 10
    )
    refused(run(app, bad_plan), "SP-09")
    assert snapshot(app) == before


# -- decision bank, forums, preparedness ----------------------------------------------------


def test_sp10_decision_bank_is_kept_by_the_responsible_unit(app: App) -> None:
    active(app)
    ok(run(app, AddBankEntry(f"cw-{RESP}", PID, "v1", "EASY", "201600000001", "Granted")))
    ok(run(app, AddBankEntry(f"cw-{RESP}", PID, "v2", "EASY", "201600000002", "Granted, new")))
    before = snapshot(app)
    refused(run(app, AddBankEntry("cw-ASA-E2", PID, "v3", "EASY", "201600000003", "x")), "SP-10")
    refused(run(app, OutdateBankEntry(f"cw-{RESP}", PID, "v1", "Practice changed", "v9")), "SP-10")
    refused(run(app, OutdateBankEntry(f"cw-{RESP}", PID, "v1", "Practice changed", "v1")), "SP-10")
    assert isinstance(
        run(app, OutdateBankEntry(f"cw-{RESP}", PID, "v1", "  ")).failure(), InvalidInput
    )
    assert snapshot(app) == before
    outcome = ok(run(app, OutdateBankEntry(f"cw-{RESP}", PID, "v1", "Practice changed", "v2")))
    assert outcome.advisories == ()
    left = ok(run(app, OutdateBankEntry(f"cw-{RESP}", PID, "v2", "Changed again")))
    assert [a.rule.id for a in left.advisories] == ["SP-10b"]
    view = ok(app.shared_portfolio.decision_bank(PID))
    assert "dagens praksis" in view.notice_nb
    assert "today's practice" in view.notice_en
    assert view.categories_without_current_example == ("EASY", "MID", "HARD")
    assert [e.replaced_by for e in view.entries] == ["v2", None]


def test_sp11_practice_forum_without_all_contacts_is_advised(app: App) -> None:
    active(app)
    outcome = ok(
        run(app, HoldForum("cw-ASA-E2", PID, "practice_forum", TODAY, "Update", ("cw-ASA-E2",)))
    )
    assert [a.rule.id for a in outcome.advisories] == ["SP-11"]
    corner = ok(run(app, HoldForum("cw-ASA-E2", PID, "solution_corner", TODAY, "Case X", ())))
    assert corner.advisories == ()
    assert [r.name for r in app.queries.history(PID)][-2:] == ["ForumHeld", "ForumHeld"]


def test_sp02_preparedness_gaps_and_who_flags(app: App) -> None:
    arrivals = {"ER": 900, "SY": 800, "AF": 700, "SO": 600, "IQ": 500, "ET": 400}
    ok(run(app, PublishPracticeDocument("cw-ASA-E1", "ER", "practice_note", "link")))
    ok(run(app, PublishPracticeDocument("cw-ASA-E1", "ER", "interview_guide", "link")))
    ok(run(app, PublishPracticeDocument("cw-ASA-E1", "ER", "favourite_texts", "link")))
    refused(run(app, FlagCountry("cw-ASA-E1", "ET", True, "rising in Europe")), "SP-02")
    refused(run(app, PublishPracticeDocument("opa", "SY", "practice_note", "link")), "SP-02")
    ok(run(app, FlagCountry("dir", "ET", True, "rising in Europe")))
    gaps = ok(app.shared_portfolio.preparedness_gaps(arrivals))
    assert [g.country for g in gaps] == ["SY", "AF", "SO", "IQ", "ET"]
    assert gaps[-1].reasons == ("flagged as likely to rise",)
    assert gaps[0].missing == tuple(DocumentKind)
    assert all(g.rule.id == "SP-02" for g in gaps)
    bad = app.shared_portfolio.preparedness_gaps({"Eritrea": 3})
    assert isinstance(bad.failure(), InvalidInput)


def test_commands_come_in_as_payloads_with_field_paths(app: App) -> None:
    active(app)
    bad = app.commands.execute_payload(
        {
            "command": "SortCases",
            "actor": "kor",
            "portfolio_id": PID,
            "cases": [{"case": "1", "category": "EASY"}],
        }
    )
    problem = bad.failure()
    assert isinstance(problem, InvalidInput)
    assert problem.field.startswith("$.cases[0]")
    good = app.commands.execute_payload(
        {
            "command": "SortCases",
            "actor": "kor",
            "portfolio_id": PID,
            "cases": [{"case": "201600000009", "category": "EASY", "registration": "PU-9"}],
        }
    )
    assert ok(good).state.cases.numbers == ("201600000009",)
