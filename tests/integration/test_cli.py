"""The command line through typer's runner, and once as a real subprocess."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from udi_core.cli.common import Common, common_command
from udi_core.cli.i18n import all_keys, resolve_lang, t
from udi_core.cli.main import cli
from udi_core.domain.catalog import RULES

runner = CliRunner()


def test_rules_as_json_lists_the_catalogue() -> None:
    result = runner.invoke(cli, ["rules", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["ok"] is True
    assert [r["id"] for r in data["data"]] == [r.id for r in RULES]


def test_bad_input_exits_2_with_one_message_and_no_traceback() -> None:
    result = runner.invoke(cli, ["obligations", "--store", "memory", "--as-of", "2026-13-01"])
    assert result.exit_code == 2
    assert "--as-of" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_unknown_store_lists_the_available_adapters() -> None:
    result = runner.invoke(cli, ["obligations", "--store", "oracle://x", "--json"])
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["field"] == "settings.store"
    assert "memory" in error["message"]


def test_exec_runs_a_json_command_and_reports_bad_payloads_in_norwegian() -> None:
    payload = {
        "command": "RegisterUnit",
        "actor": "admin",
        "unit_id": "OPA-E1",
        "name": "Enhet 1",
        "department": "OPA",
    }
    ok = runner.invoke(cli, ["exec", json.dumps(payload), "--store", "memory", "--json"])
    assert ok.exit_code == 0, ok.stdout
    assert json.loads(ok.stdout)["ok"] is True
    bad = runner.invoke(
        cli,
        ["exec", json.dumps({**payload, "department": "XX"}), "--store", "memory", "--lang", "nb"],
    )
    assert bad.exit_code == 2
    assert bad.stderr.startswith("feil: Ugyldig verdi i department")
    broken = runner.invoke(cli, ["exec", "{not json", "--store", "memory", "--json"])
    assert broken.exit_code == 2
    assert json.loads(broken.stdout)["error"]["field"] == "payload"


def test_outbox_commands_answer_in_json() -> None:
    for args in (["outbox", "list"], ["outbox", "deliver"], ["outbox", "retry"]):
        result = runner.invoke(cli, [*args, "--store", "memory", "--json"])
        assert result.exit_code == 0, result.stdout
        assert json.loads(result.stdout)["ok"] is True
    bad = runner.invoke(cli, ["outbox", "list", "--status", "lost", "--store", "memory"])
    assert bad.exit_code == 2


def test_language_follows_option_then_lang() -> None:
    assert resolve_lang("nb", {}) == "nb"
    assert resolve_lang(None, {"LANG": "nb_NO.UTF-8"}) == "nb"
    assert resolve_lang(None, {"LANG": "en_GB.UTF-8"}) == "en"
    for key in all_keys():
        assert t(key, "nb", **_placeholders()) != ""
        assert t(key, "en", **_placeholders()) != ""


def _placeholders() -> dict[str, object]:
    return {
        "day": "2026-01-01",
        "id": "x",
        "n": 1,
        "delivered": 1,
        "retried": 0,
        "failed": 0,
        "store": "s",
        "revision": "r",
        "posts": 0,
        "path": "p",
        "validated": True,
        "command": "C",
        "version": 1,
        "result": "r",
        "year": 2025,
        "unmarked": 0,
        "retained": 0,
        "done": 0,
        "total": 0,
        "completed": True,
        "units": "u",
        "events": 0,
        "commands": 0,
        "advisories": 0,
        "journal": "mock",
        "duf": "mock",
        "codes_set": 0,
        "codes_removed": 0,
        "as_of": "2026-12-31",
    }


@pytest.mark.parametrize("args", [["--help"], ["rules", "--lang", "nb"]])
def test_the_installed_command_runs_as_a_subprocess(args: list[str], tmp_path: Path) -> None:
    udi = Path(sys.executable).with_name("udi")
    done = subprocess.run(
        [str(udi), *args], capture_output=True, text=True, cwd=tmp_path, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    from udi_core.app.rule_docs import render

    docs = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    assert docs.read_text(encoding="utf-8") == render(RULES), (
        "docs/rules.md is stale: run `udi rules --markdown > docs/rules.md`"
    )
    for rule in RULES:
        assert f"| {rule.id} |" in docs.read_text(encoding="utf-8")


SCHEMAS = Path(__file__).resolve().parents[2].parent / "shared" / "noark5"


def test_journal_export_writes_and_validates_an_arkivuttrekk(tmp_path: Path) -> None:
    args = ["journal", "export", str(tmp_path / "out"), "--schema-dir", str(SCHEMAS)]
    result = runner.invoke(cli, [*args, "--store", "memory", "--json"])
    assert result.exit_code == 0, result.stdout
    data = json.loads(result.stdout)["data"]
    assert data["validated"] is True
    assert (tmp_path / "out" / "arkivstruktur.xml").exists()
    missing = runner.invoke(
        cli,
        [
            "journal",
            "export",
            str(tmp_path / "o2"),
            "--schema-dir",
            str(tmp_path),
            "--store",
            "memory",
        ],
    )
    assert missing.exit_code == 2
    assert "arkivstruktur.xsd" in missing.stderr


def test_db_upgrade_on_a_fresh_sqlite_file_and_refused_for_memory(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/u.sqlite3"
    done = runner.invoke(cli, ["db", "upgrade", "--store", url, "--json"])
    assert done.exit_code == 0, done.stdout
    first = json.loads(done.stdout)["data"]["revision"]
    again = runner.invoke(cli, ["db", "upgrade", "--store", url, "--json"])
    assert json.loads(again.stdout)["data"]["revision"] == first
    memory = runner.invoke(cli, ["db", "upgrade", "--store", "memory"])
    assert memory.exit_code == 2
    assert "sqlite" in memory.stderr


def test_journal_export_to_a_relative_folder_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["journal", "export", "out", "--schema-dir", str(SCHEMAS), "--store", "memory"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "arkivstruktur.xml").exists()


def test_common_command_gives_a_command_the_shared_options_after_its_own() -> None:
    app = typer.Typer()
    seen: list[tuple[str, Common]] = []

    @common_command(app, "probe")
    def probe(name: Annotated[str, typer.Argument()], *, common: Common) -> None:
        seen.append((name, common))

    assert list(inspect.signature(probe).parameters) == ["name", "common"]  # unchanged
    shared = ["--store", "memory", "--clock", "system", "--lang", "nb", "--json"]
    assert runner.invoke(app, ["x", *shared]).exit_code == 0
    assert runner.invoke(app, ["y"]).exit_code == 0
    assert seen == [
        ("x", Common("memory", "system", "nb", as_json=True)),
        ("y", Common(None, None, resolve_lang(None), as_json=False)),
    ]
    shown = runner.invoke(app, ["--help"], env={"COLUMNS": "200"}).stdout
    assert shown.index("--store") < shown.index("--clock") < shown.index("--lang")
    assert shown.index("--lang") < shown.index("--json")


def test_common_command_refuses_a_function_that_does_not_take_common_alone() -> None:
    app = typer.Typer()

    def without(name: str) -> None:
        return None

    def clashing(store: str, *, common: Common) -> None:
        return None

    with pytest.raises(TypeError, match="common: Common"):
        common_command(app)(without)
    with pytest.raises(TypeError, match="store"):
        common_command(app)(clashing)
