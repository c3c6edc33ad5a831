"""The routine command groups through typer's runner, on one shared store per test:
exit codes 0/1/2, JSON that round-trips to the services' answers, Norwegian refusals."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from udi_core.app import App
from udi_core.cli.main import cli
from udi_core.domain.catalog import RULES
from udi_core.domain.coordinator_network import MH
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber, DufCaseNumber
from udi_core.serialization import unstructure

from .cli_shared import shared_app

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
UNIT = "OPA-E1"
runner = CliRunner()


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    yield from shared_app(monkeypatch, T0)


def udi(*args: str) -> Result:
    return runner.invoke(cli, [*args, "--store", "memory"])


def data(result: Result) -> Any:
    assert result.exit_code == 0, result.stdout + result.stderr
    parsed = json.loads(result.stdout)
    assert parsed["ok"] is True
    return parsed["data"]


def error(result: Result, code: int) -> dict[str, Any]:
    assert result.exit_code == code, result.stdout + result.stderr
    parsed = json.loads(result.stdout)
    assert parsed["ok"] is False
    return dict(parsed["error"])


def review_unit() -> None:
    """The unit and its people, registered through ``udi org``."""
    data(udi("org", "unit", UNIT, "--name", "OPA enhet 1", "--department", "OPA", *ADMIN))
    for who, role in (("lea", "unit_leader"), ("rita", "caseworker"), ("cas", "caseworker")):
        args = ("org", "employee", who, "--name", who.title(), "--unit", UNIT, "--role", role)
        data(udi(*args, *ADMIN))


ADMIN = ("--actor", "hr", "--json")


# -- udi review: exit codes, JSON, Norwegian ---------------------------------------------


def test_a_review_placed_and_a_decision_finalised_through_the_cli(app: App) -> None:
    review_unit()
    appointed = data(udi("review", "appoint", "rita", "--unit", UNIT, "--actor", "lea", "--json"))
    assert appointed["command"] == "AppointReviewer"
    assert [e["type"] for e in appointed["events"]] == ["ReviewerAppointed"]
    (advice,) = appointed["advisories"]  # no basis given: SHR-02 advises, and lets it pass
    assert advice.startswith("SHR-02")
    placed = udi(
        "review",
        "place",
        "cas",
        "--unit",
        UNIT,
        "--actor",
        "lea",
        "--ground",
        "new_hire",
        "--field",
        "family_immigration",
        "--field",
        "visa",
        "--reviewer",
        "rita",
    )
    assert placed.exit_code == 0, placed.stderr
    assert "PlacedUnderReview" in placed.stdout
    decision = "201512345601-1"
    for args in (
        ("draft", decision, "--field", "visa", "--actor", "cas"),
        ("sign", decision, "--actor", "cas"),
        ("sign", decision, "--actor", "rita"),
        ("finalise", decision, "--actor", "cas"),
    ):
        done = udi("review", *args, "--unit", UNIT)
        assert done.exit_code == 0, done.stderr
    final = app.reviews.decision(UNIT, decision).unwrap()
    assert final.status.value == "final"


def test_overview_json_equals_the_service_query(app: App) -> None:
    review_unit()
    app.reviews.appoint_reviewer("lea", UNIT, "rita", "senior").unwrap()
    app.reviews.place_under_review("lea", UNIT, "cas", "moved", ("visa",), ("rita",)).unwrap()
    shown = data(udi("review", "overview", "--unit", UNIT, "--json"))
    expected = unstructure(app.reviews.overview(UNIT).unwrap())
    assert shown == json.loads(json.dumps(expected))
    assert shown[0]["employee"] == "cas"
    table = udi("review", "overview", "--unit", UNIT)
    assert table.exit_code == 0
    assert "cas" in table.stdout
    assert "rita" in table.stdout


def test_a_refused_command_exits_1_naming_the_rule_and_changes_nothing(app: App) -> None:
    review_unit()
    before = app.queries.history(UNIT)
    refused = udi("review", "appoint", "cas", "--unit", UNIT, "--actor", "rita")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("refused: Refused: SHR-01 (IM 2015-002 §")
    assert "Traceback" not in refused.stdout + refused.stderr
    as_json = error(udi("review", "appoint", "cas", "--unit", UNIT, "--actor", "rita", "--json"), 1)
    assert as_json["kind"] == "RuleViolation"
    assert [r["id"] for r in as_json["rules"]] == ["SHR-01"]
    assert as_json["rules"][0]["source"].startswith("IM 2015-002")
    assert app.queries.history(UNIT) == before


def test_bad_input_exits_2_naming_the_field(app: App) -> None:
    review_unit()
    app.reviews.appoint_reviewer("lea", UNIT, "rita", "senior").unwrap()
    args = ("review", "place", "cas", "--unit", UNIT, "--actor", "lea", "--field", "visa")
    bad_ground = udi(*args, "--reviewer", "rita", "--ground", "hired", "--json")
    assert error(bad_ground, 2)["field"] == "ground"
    bad_field = udi(*args, "--field", "cooking", "--reviewer", "rita", "--ground", "moved")
    assert bad_field.exit_code == 2
    assert "case_fields[1]" in bad_field.stderr
    unknown = error(udi("review", "sign", "1-1", "--unit", UNIT, "--actor", "cas", "--json"), 2)
    assert unknown["field"] == "decision_id"
    nobody = error(udi("review", "revoke", "rita", "--unit", UNIT, "--actor", "zed", "--json"), 2)
    assert (nobody["kind"], nobody["field"]) == ("NotFound", "actor")
    no_actor = udi("review", "revoke", "rita", "--unit", UNIT)
    assert no_actor.exit_code == 2
    assert "--actor" in no_actor.stderr


def test_refusals_in_norwegian_carry_the_rules_norwegian_title(app: App) -> None:
    review_unit()
    refused = udi("review", "appoint", "cas", "--unit", UNIT, "--actor", "rita", "--lang", "nb")
    assert refused.exit_code == 1
    rule = next(r for r in RULES if r.id == "SHR-01")
    assert refused.stderr.startswith("avvist: Avvist: SHR-01")
    assert rule.title_nb in refused.stderr.replace("\n", " ")
    assert rule.title_en not in refused.stderr


def test_every_rule_has_a_norwegian_title_of_its_own() -> None:
    for rule in RULES:
        assert rule.title_nb.strip(), rule.id
        assert rule.title_nb != rule.title_en, rule.id


# -- udi portfolio -------------------------------------------------------------------------


def portfolio_org(app: App) -> None:
    org = app.organisation
    org.ensure_named_units().unwrap()
    org.register_unit("ASA-LEDELSE", "ASA ledelse", "ASA", "leadership").unwrap()
    for unit in ("ASA-FSG", "ASA-INT", "ASA-E1", "ASA-E2"):
        org.register_unit(unit, unit, "ASA").unwrap()
    org.register_employee("dir", "Direktør", "ASA-LEDELSE", ["department_director"]).unwrap()
    org.register_employee("sb", "Saksbehandler", "ASA-E1").unwrap()
    org.register_employee("fsg", "Systemist", "ASA-FSG").unwrap()


def test_portfolio_preparation_and_an_activation_refused_with_every_unmet_item(app: App) -> None:
    portfolio_org(app)
    pid = "eritrea-2026"
    plan = ("portfolio", "plan", pid, "--actor", "dir", "--country", "ER", "--name", "Eritrea")
    roles: tuple[str, ...] = ("--leadership", "ASA-LEDELSE", "--responsible", "ASA-E1")
    roles += ("--interview-network", "ASA-INT", "--system-group", "ASA-FSG")
    assert udi(*plan, *roles).exit_code == 0
    assert udi("portfolio", "assist", pid, "ASA-E2", "--actor", "dir").exit_code == 0
    assert udi("portfolio", "prepare", pid, "--actor", "dir").exit_code == 0
    category = ("portfolio", "category", pid, "EASY", "--actor", "sb", "--name", "Easy")
    assert udi(*category, "--complexity", "low", "--competence", "none").exit_code == 0
    assert udi("portfolio", "code", pid, "EASY", "ER-EASY", "--actor", "fsg").exit_code == 0
    refused = error(udi("portfolio", "activate", pid, "--actor", "dir", "--json"), 1)
    ids = {r["id"] for r in refused["rules"]}
    assert {"SP-03", "SP-04", "SP-07", "SP-08"} <= ids
    readiness = data(udi("portfolio", "readiness", pid, "--json"))
    expected = app.shared_portfolio.readiness(pid).unwrap()
    assert [(u["rule"], u["detail"]) for u in readiness["unmet"]] == [
        (b.rule.id, b.detail) for b in expected.unmet
    ]
    assert [a["rule"] for a in readiness["advisories"]] == [a.rule.id for a in expected.advisories]
    assert udi("portfolio", "readiness", pid).exit_code == 0
    bad_sort = error(
        udi("portfolio", "sort", pid, "201600000001:EASY", "--actor", "sb", "--json"), 2
    )
    assert bad_sort["field"] == "cases[0]"
    bad_step = udi(
        "portfolio", "clearance", pid, "--actor", "sb", "--step", "x", "--ends-on", "2026-09-01"
    )
    assert bad_step.exit_code == 2
    assert "--step[0]" in bad_step.stderr


def test_preparedness_lists_the_countries_lacking_documents(app: App) -> None:
    portfolio_org(app)
    gaps = data(udi("portfolio", "preparedness", "ER=900", "SY=800", "--json"))
    assert [g["country"] for g in gaps] == ["ER", "SY"]
    assert error(udi("portfolio", "preparedness", "Eritrea", "--json"), 2)["field"] == "arrivals[0]"


# -- udi forum --------------------------------------------------------------------------------


def forum_org(app: App) -> None:
    org = app.organisation
    org.ensure_named_units().unwrap()
    org.register_unit("OPA-LEDELSE", "OPA ledelse", "OPA", "leadership", "OPA").unwrap()
    org.register_employee("ola", "Ola Saksbehandler", "OPA-FAMILIE").unwrap()
    org.register_employee("lea", "Lea Leder", "OPA-FAMILIE", ["unit_leader"]).unwrap()
    org.register_employee("dir", "Dina Direktør", "OPA-LEDELSE", ["department_director"]).unwrap()
    org.register_employee("igs", "Ingrid Internasjonal", "AUA-IGS").unwrap()


def test_a_forum_meeting_from_request_to_journal_posts(app: App) -> None:
    forum_org(app)
    pid = "emn-2026-03"
    steps: list[tuple[str, ...]] = [
        (
            "receive",
            pid,
            "--actor",
            "ola",
            "--forum",
            "EMN",
            "--meeting-date",
            "2026-03-02",
            "--topic",
            "returns",
            "--department",
            "OPA",
            "--requested-by",
            "EMN NCP",
        ),
        ("inform-aua", pid, "--actor", "ola"),
        (
            "assess",
            pid,
            "--actor",
            "ola",
            "--agenda",
            "a",
            "--cost-benefit",
            "b",
            "--contribution",
            "c",
            "--no-pre-meeting",
            "--no-options-memo",
        ),
        ("clear", pid, "--actor", "dir", "--igs-contact", "igs"),
        ("choose", pid, "lea", "--actor", "lea", "--competence", "k", "--continuity", "c"),
        ("attend", pid, "--actor", "lea"),
        ("report", pid, "--actor", "lea", "--archive-case", "26/00812", "--reference", "r.docx"),
        ("letter", pid, "--actor", "dir", "--archive-case", "26/00812"),
        ("close", pid, "--actor", "lea"),
    ]
    for step in steps:
        done = udi("forum", *step)
        assert done.exit_code == 0, (step, done.stderr)
    status = data(udi("forum", "status", pid, "--json"))
    assert status["stage"] == "closed"
    delivered = data(udi("outbox", "deliver", "--json"))
    assert delivered == {"delivered": 2, "retried": 0, "failed": 0}
    numbers = sorted(str(p.number) for p in app.journal.posts(ArchiveCaseNumber(26, 812)).unwrap())
    assert numbers == ["26/00812-1", "26/00812-2"]
    bad_day = error(
        udi(
            "forum",
            "receive",
            "x",
            "--actor",
            "ola",
            "--forum",
            "EMN",
            "--meeting-date",
            "2 March",
            "--topic",
            "t",
            "--department",
            "OPA",
            "--requested-by",
            "r",
            "--json",
        ),
        2,
    )
    assert bad_day["field"] == "--meeting-date"


def test_coordination_commands_and_the_knowledge_base(app: App) -> None:
    forum_org(app)
    assert (
        udi(
            "forum", "coordinator", "EMN", "igs", "--actor", "igs", "--since", "2025-01-15"
        ).exit_code
        == 0
    )
    refused = error(
        udi(
            "forum",
            "knowledge-add",
            "EMN",
            "--actor",
            "lea",
            "--archive-case",
            "26/00400",
            "--title",
            "EMN 2026",
            "--json",
        ),
        1,
    )
    assert refused["rules"][0]["id"] == "IFP-14"
    added = udi(
        "forum",
        "knowledge-add",
        "EMN",
        "--actor",
        "igs",
        "--archive-case",
        "26/00400",
        "--title",
        "EMN 2026",
    )
    assert added.exit_code == 0
    shown = data(udi("forum", "knowledge", "EMN", "--json"))
    assert shown == json.loads(
        json.dumps(
            unstructure(app.international_coordination.knowledge_base("udi", "EMN").unwrap())
        )
    )
    meeting = udi(
        "forum",
        "coordination-meeting",
        "weekly",
        "--actor",
        "igs",
        "--held-on",
        "2026-02-10",
        "--json",
    )
    assert error(meeting, 2)["field"] == "kind"


# -- udi network ----------------------------------------------------------------------------


def network_org(app: App) -> None:
    org = app.organisation
    org.ensure_named_units().unwrap()
    for person, unit in (("kari", "AUA-RVE"), ("igs", "AUA-IGS"), ("asa", "ASA-KOR")):
        org.register_employee(person, person.title(), unit).unwrap()


def test_networks_meetings_gaps_cadence_and_the_mh_removal(app: App) -> None:
    network_org(app)
    for network in ("fgm", "trafficking"):
        assert udi("network", "establish", network, "kari", "--actor", "igs").exit_code == 0
    appointed = udi(
        "network", "appoint", "fgm", "asa", "--actor", "kari", "--role", "representative"
    )
    assert appointed.exit_code == 0, appointed.stderr
    wrong_role = error(
        udi("network", "appoint", "fgm", "asa", "--actor", "kari", "--role", "chair", "--json"), 2
    )
    assert wrong_role["field"] == "--role"
    no_field = error(
        udi(
            "network",
            "appoint",
            "fgm",
            "asa",
            "--actor",
            "kari",
            "--role",
            "regional_contact",
            "--json",
        ),
        2,
    )
    assert no_field["field"] == "--field"
    gaps = data(udi("network", "gaps", "fgm", "--json"))
    assert gaps == json.loads(json.dumps(unstructure(app.networks.gaps("fgm").unwrap())))
    assert (
        udi(
            "network",
            "meeting",
            "trafficking",
            "--actor",
            "kari",
            "--held-on",
            "2026-03-01",
            "--kind",
            "core",
            "--topic",
            "status",
        ).exit_code
        == 0
    )
    cadence = data(udi("network", "cadence", "trafficking", "--as-of", "2026-03-02", "--json"))
    assert cadence == json.loads(
        json.dumps(unstructure(app.networks.cadence("trafficking", T0.date()).unwrap()))
    )
    agenda = error(udi("network", "agenda", "fgm", "--actor", "igs", "--topic", "x", "--json"), 1)
    assert agenda["rules"][0]["id"] == "CN-07"
    cases = [DufCaseNumber(f"2025{i:08d}") for i in range(1, 13)]
    app.duf.seed(MH, cases)  # type: ignore[attr-defined]
    assert (
        udi("network", "kom", "2025", *(str(c) for c in cases[:10]), "--actor", "kari").exit_code
        == 0
    )
    early = error(udi("network", "purge-mh", "2025", "--actor", "kari", "--json"), 1)
    assert early["rules"][0]["id"] == "CN-09"
    assert (
        udi("network", "kom-published", "2025", "--actor", "kari", "--on", "2026-03-01").exit_code
        == 0
    )
    assert (
        udi(
            "network", "retain", "2025", str(cases[0]), "--actor", "kari", "--reason", "open"
        ).exit_code
        == 0
    )
    dry = data(udi("network", "purge-mh", "2025", "--actor", "kari", "--dry-run", "--json"))
    assert dry["would_remove"] == [str(c) for c in cases[1:10]]
    assert set(app.duf.cases_with(MH, limit=100).unwrap()) == set(cases)
    run = data(udi("network", "purge-mh", "2025", "--actor", "kari", "--batch-size", "4", "--json"))
    assert (run["removed"], run["removed_total"], run["completed"]) == (9, 9, True)
    assert set(app.duf.cases_with(MH, limit=100).unwrap()) == {cases[0], *cases[10:]}
    shown = udi("network", "purge-mh", "2025", "--actor", "kari", "--dry-run")
    assert shown.exit_code == 0
    assert "0 case(s) would lose MH" in shown.stdout
    rosa = error(udi("network", "rosa", "202600000001", "--actor", "kari", "--json"), 1)
    assert rosa["rules"][0]["id"] == "CN-11"
