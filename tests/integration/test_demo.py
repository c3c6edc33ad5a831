"""``udi demo`` and the year it plays (``udi_core.app.demo.play_year``)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from returns.result import Failure, Success
from typer.testing import CliRunner

from udi_core.app import App, bootstrap
from udi_core.app.demo import (
    END,
    MONTHS,
    NORWEGIAN,
    START,
    DemoStopped,
    fresh_sqlite_path,
    in_language,
    play_year,
)
from udi_core.cli.main import cli
from udi_core.domain.coordinator_network import MH
from udi_core.domain.kernel.obligations import ObligationStatus
from udi_core.ports.outbox import OutboxStatus

from .cli_shared import shared_app

runner = CliRunner()
FIXED = f"fixed:{START.isoformat()}"


@pytest.fixture
def app() -> Iterator[App]:
    built = bootstrap({"store": "memory", "clock": FIXED}).unwrap()
    yield built
    built.close()


def test_the_year_plays_every_routine_and_reports_what_it_wrote(app: App) -> None:
    seen: list[tuple[int, int, str]] = []
    played = play_year(app, lambda i, n, label: seen.append((i, n, label)))
    assert isinstance(played, Success), played
    report = played.unwrap()
    assert [label for _, _, label in seen] == [label for label, _ in MONTHS]
    assert {n for _, n, _ in seen} == {len(MONTHS)}
    # the MUST rules the year shows at work, each refused as expected
    assert [r.error.rule_ids[0] for r in report.refusals] == [
        "SHR-05",
        "SP-04",
        "SHR-08",
        "IFP-03",
        "CN-08",
    ]
    # the outbox went to the mocks: nothing pending or failed, each post numbered
    assert app.outbox.items(OutboxStatus.PENDING) == []
    assert (report.delivery.failed, report.delivery.retried) == (0, 0)
    numbers = {p.document_number for p in report.journal_posts}
    assert numbers == {"26/00812-1", "26/00812-2", "26/00321-1", "26/00955-1"}
    registered = {str(p.number) for p in app.journal.posts().unwrap()}
    assert registered == numbers
    assert report.duf_codes_set == 57  # 24 + 18 + 15 sorted cases, one category code each
    assert report.duf_codes_removed == 37  # 40 reported to KOM, 3 retained
    assert len(app.duf.cases_with(MH, limit=100).unwrap()) == 3
    # reviews: cas's ended with evidence, cato's gradually (visa ended)
    overview = {str(r.employee): r for r in app.reviews.overview("OPA-E1").unwrap()}
    assert list(overview) == ["cato"]
    assert [f.value for f in overview["cato"].case_fields] == ["family_immigration"]
    # the portfolio is active and its cases distributed
    portfolio = app.shared_portfolio.portfolio("eritrea-2026").unwrap()
    assert portfolio.phase.value == "active"
    assert portfolio.distributed == 57
    # the dashboard: the summer's missed core meeting and the late GDISC report
    assert report.as_of == END
    assert {(o.rule_id, o.key) for o in report.overdue} == {
        ("CN-05", "CN-05/core/2026-07"),
        ("IFP-10", "IFP-10/report"),
        ("IFP-11", "IFP-11/ministry-letter"),
    }
    totals = {(r, s): n for r, s, n in report.totals}
    stored = app.queries.obligation_totals(END)
    assert totals == {(r, s.value): n for (r, s), n in stored.items()}
    assert totals[("coordinator_network", ObligationStatus.MET.value)] == 12
    assert report.events == sum(
        len(app.queries.history(a))
        for a in ("OPA-E1", "eritrea-2026", "ER", "ET", "udi", "violence", "fgm", "trafficking")
    ) + sum(
        len(app.queries.history(p)) for p in ("emn-2026-03", "schengen-2026-06", "gdisc-2026-11")
    )
    assert report.advisories == len(app.queries.advisories()) == 2


def test_a_step_that_fails_stops_the_year_and_names_the_step() -> None:
    options = {"shr_required_approvals": "6"}  # June's ending then lacks the evidence
    built = bootstrap({"store": "memory", "clock": FIXED, "options": options}).unwrap()
    played = play_year(built)
    assert isinstance(played, Failure)
    stopped = played.failure()
    assert stopped.step.startswith("June")
    assert "SHR-08" in stopped.problem
    assert "June" in stopped.describe("en")
    assert stopped.describe("nb").startswith("Demoen stoppet")
    # the months after June were not played
    assert built.queries.history("schengen-2026-06")[-1].name != "ParticipationClosed"


def test_the_year_needs_a_clock_it_can_move() -> None:
    built = bootstrap({"store": "memory"}).unwrap()
    assert play_year(built) == Failure(
        DemoStopped("clock", "the demo needs a settable clock (fixed:...)")
    )


def test_sqlite_store_urls_name_the_file_to_start_afresh() -> None:
    assert fresh_sqlite_path("sqlite:///udi.sqlite3") == "udi.sqlite3"
    assert fresh_sqlite_path("sqlite:////tmp/x/udi.db") == "/tmp/x/udi.db"
    assert fresh_sqlite_path("postgresql://u@h/db") is None
    assert fresh_sqlite_path("memory") is None


# -- the command ----------------------------------------------------------------------


def test_udi_demo_prints_the_dashboard_and_the_summary() -> None:
    done = runner.invoke(cli, ["demo", "--store", "memory"])
    assert done.exit_code == 0, done.stderr
    out = " ".join(done.stdout.split())
    assert "Obligations on 2026-12-31" in out
    assert "CN-05" in out
    assert "26/00812-1" in out
    assert "delivered 61 outbox items" in out
    nb = runner.invoke(cli, ["demo", "--store", "memory", "--lang", "nb"])
    assert nb.exit_code == 0
    said = " ".join(nb.stdout.split())
    assert "Forpliktelser per 2026-12-31" in said
    words = set(said.split())  # table cells wrap their text over lines
    assert {"enkeltsak", "nyansatt", "desember"} <= words
    assert not {"individual", "December"} & words


def test_every_step_and_expected_refusal_of_the_year_has_its_norwegian_wording(
    app: App,
) -> None:
    report = play_year(app).unwrap()
    labels = [label for label, _ in MONTHS] + [r.what for r in report.refusals]
    assert [label for label in labels if label not in NORWEGIAN] == []
    assert all(in_language(label, "nb") != label for label in labels)
    assert in_language(labels[0], "en") == labels[0]


def test_udi_demo_json_reports_what_it_wrote_and_where() -> None:
    done = runner.invoke(cli, ["demo", "--store", "memory", "--json"])
    assert done.exit_code == 0, done.stderr
    data = json.loads(done.stdout)["data"]
    assert (data["store"], data["duf"], data["journal"]) == ("memory", "mock", "mock")
    assert data["outbox"] == {"delivered": 61, "retried": 0, "failed": 0}
    assert data["duf_codes"] == {"set": 57, "removed": 37}
    assert sorted(p["document_number"] for p in data["journal_posts"]) == [
        "26/00321-1",
        "26/00812-1",
        "26/00812-2",
        "26/00955-1",
    ]
    assert {o["rule"] for o in data["obligations"]["overdue"]} == {"CN-05", "IFP-10", "IFP-11"}
    assert [r["rules"][0] for r in data["refusals"]] == [
        "SHR-05",
        "SP-04",
        "SHR-08",
        "IFP-03",
        "CN-08",
    ]


def test_fresh_is_refused_for_a_store_it_cannot_recreate() -> None:
    done = runner.invoke(cli, ["demo", "--store", "postgresql://u@h/db", "--json"])
    assert done.exit_code == 2
    error = json.loads(done.stdout)["error"]
    assert error["field"] == "--store"


def test_keep_refuses_a_store_that_already_holds_data(monkeypatch: pytest.MonkeyPatch) -> None:
    for app in shared_app(monkeypatch, START):
        app.organisation.ensure_named_units().unwrap()
        done = runner.invoke(cli, ["demo", "--store", "memory", "--keep", "--json"])
        assert done.exit_code == 2
        assert json.loads(done.stdout)["error"]["field"] == "--keep"


def test_a_failing_step_exits_1_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    for app in shared_app(monkeypatch, START):
        app.organisation.ensure_named_units().unwrap()
        app.organisation.register_employee("igs", "Igs", "AUA-IGS").unwrap()
        app.organisation.register_employee("kari", "Kari", "AUA-RVE").unwrap()
        app.networks.establish("igs", "violence", "kari").unwrap()
        done = runner.invoke(cli, ["demo", "--store", "memory"])
        assert done.exit_code == 1
        message = " ".join(done.stderr.split())
        assert message.startswith("The demo stopped at step 'January")
        assert "EstablishNetwork" in message
        assert "Traceback" not in done.stdout + done.stderr


def test_udi_demo_runs_as_a_real_subprocess(tmp_path: Path) -> None:
    udi = Path(sys.executable).with_name("udi")
    done = subprocess.run(
        [str(udi), "demo", "--store", "memory", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)["data"]
    assert data["events"] > 150
    assert data["outbox"]["failed"] == 0
    assert list(tmp_path.iterdir()) == []  # a memory store writes nothing
