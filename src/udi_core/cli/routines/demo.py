"""``udi demo``: play a realistic year of the four routines on a fresh store, deliver the
outbox, and print the obligations dashboard and what was written where."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from udi_core.cli.common import Json, Lang, Store
from udi_core.cli.i18n import STATUS_WORDS, resolve_lang, t

if TYPE_CHECKING:
    from udi_core.app.demo import DemoReport
    from udi_core.app.settings import Settings
    from udi_core.domain.kernel.errors import RuleViolation

Fresh = Annotated[
    bool,
    typer.Option(
        "--fresh/--keep",
        help="--fresh (default) deletes and recreates the demo store (memory or a sqlite "
        "file); --keep plays into the store as it is, which must be empty.",
    ),
]


def demo(
    store: Store = None,
    fresh: Fresh = True,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """Play a year of the routines on a fresh store and print the dashboard."""
    from returns.result import Failure
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from udi_core.app import Settings, bootstrap
    from udi_core.app.demo import START, fresh_sqlite_path, in_language, play_year
    from udi_core.cli.output import errors, fail
    from udi_core.domain.kernel.errors import InvalidInput

    language = resolve_lang(lang)
    chosen: dict[str, str] = {"UDI_CLOCK": f"fixed:{START.isoformat()}"}
    if store is not None:
        chosen["UDI_STORE"] = store
    parsed = Settings.from_env({**os.environ, **chosen})
    if isinstance(parsed, Failure):
        fail(parsed.failure(), language, json_out)
    settings = parsed.unwrap()
    if fresh and settings.store != "memory":
        path = fresh_sqlite_path(settings.store)
        if path is None:
            expected = "memory or sqlite:///FILE with --fresh (use --keep for other stores)"
            fail(InvalidInput("--store", expected, settings.store), language, json_out)
        _remove_sqlite(Path(path))
    built = bootstrap(settings)
    if isinstance(built, Failure):
        fail(built.failure(), language, json_out)
    with built.unwrap() as app:
        if not fresh and app.organisation.units():
            expected = "an empty store (or --fresh to start one)"
            fail(InvalidInput("--keep", expected, settings.store), language, json_out)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=errors,
            transient=True,
            disable=json_out,
        ) as progress:
            task = progress.add_task(t("demo_playing", language), total=None)

            def step(index: int, total: int, label: str) -> None:
                description = in_language(label, language)
                progress.update(task, total=total, completed=index, description=description)

            played = play_year(app, step)
        if isinstance(played, Failure):
            stopped = played.failure()
            _stopped(in_language(stopped.step, language), stopped.describe(language), json_out)
        report = played.unwrap()
    _render(report, settings, language, json_out)


def _remove_sqlite(path: Path) -> None:
    """Delete the demo's SQLite file and its journal files, if any."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _stopped(step: str, message: str, as_json: bool) -> None:
    import json

    from udi_core.cli.output import EXIT_REFUSED, errors

    if as_json:
        error = {"kind": "DemoStopped", "step": step, "message": message}
        print(json.dumps({"ok": False, "error": error}, ensure_ascii=False))
    else:
        escaped = message.replace("[", r"\[")
        errors.print(f"[bold red]{escaped}[/]")
    raise typer.Exit(EXIT_REFUSED)


def _data(report: DemoReport, settings: Settings, lang: str) -> dict[str, Any]:
    return {
        "store": settings.store,
        "duf": settings.duf,
        "journal": settings.journal,
        "as_of": report.as_of.isoformat(),
        "steps": list(report.steps),
        "commands": report.commands,
        "events": report.events,
        "advisories": report.advisories,
        "refusals": [
            {
                "step": r.step,
                "what": r.what,
                "rules": list(r.error.rule_ids),
                "message": r.error.describe(lang),
            }
            for r in report.refusals
        ],
        "outbox": {
            "delivered": report.delivery.delivered,
            "retried": report.delivery.retried,
            "failed": report.delivery.failed,
        },
        "journal_posts": [
            {"document_number": p.document_number, "type": p.post_type, "title": p.title}
            for p in report.journal_posts
        ],
        "duf_codes": {"set": report.duf_codes_set, "removed": report.duf_codes_removed},
        "obligations": {
            "totals": [{"routine": r, "status": s, "count": n} for r, s, n in report.totals],
            "overdue": [
                {
                    "rule": o.rule_id,
                    "routine": o.routine,
                    "aggregate_id": o.aggregate_id,
                    "what": o.what,
                    "who": o.who,
                    "due": o.due.isoformat(),
                }
                for o in report.overdue
            ],
        },
    }


def _render(report: DemoReport, settings: Settings, lang: str, as_json: bool) -> None:
    from udi_core.app.demo import in_language
    from udi_core.cli.output import emit_json, say, table

    data = _data(report, settings, lang)
    if as_json:
        emit_json(data)
        return
    table(
        t("demo_dashboard", lang, day=data["as_of"]),
        [t(k, lang) for k in ("routine", "status")] + ["#"],
        [(r, STATUS_WORDS[s][lang], n) for r, s, n in report.totals],
    )
    table(
        t("demo_overdue", lang),
        [t(k, lang) for k in ("due", "rule", "routine", "what")],
        [(o.due.isoformat(), o.rule_id, o.routine, o.what) for o in report.overdue],
    )
    table(
        t("demo_refusals", lang),
        [t(k, lang) for k in ("step", "what", "rule", "detail")],
        [
            (
                in_language(r.step, lang).split(":")[0],
                in_language(r.what, lang),
                _rules(r.error),
                _detail(r.error),
            )
            for r in report.refusals
        ],
    )
    table(
        t("demo_journal", lang),
        [t(k, lang) for k in ("document_number", "type", "title")],
        [(p.document_number, p.post_type, p.title) for p in report.journal_posts],
    )
    outbox = data["outbox"]
    hint = "" if settings.store == "memory" else t("demo_hint", lang, **data)
    say(
        t(
            "demo_summary",
            lang,
            **{
                **data,
                **outbox,
                "posts": len(report.journal_posts),
                "codes_set": report.duf_codes_set,
                "codes_removed": report.duf_codes_removed,
            },
        )
        + hint
    )


def _rules(error: RuleViolation) -> str:
    """The rules a refusal names, each once, with its source."""
    seen = dict.fromkeys(f"{b.rule.id} ({b.rule.source})" for b in error.breaches)
    return ", ".join(seen)


def _detail(error: RuleViolation) -> str:
    more = len(error.breaches) - 1
    return error.breaches[0].detail + (f" (+{more})" if more else "")
