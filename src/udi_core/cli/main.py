"""The ``udi`` commands. Each builds the app through ``bootstrap`` from the options."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from udi_core.cli.common import (
    AsOf,
    Common,
    Json,
    Lang,
    Store,
    common_command,
    group,
    overrides,
    parse_day,
)
from udi_core.cli.i18n import STATUS_WORDS, resolve_lang, t
from udi_core.cli.routines import demo, forum, network, org, portfolio, review

cli = typer.Typer(
    name="udi",
    help="UDI's internal routines as executable rules: commands, obligations, audit.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rich's help renderer costs ~0.2 s of start-up
)
outbox_cli = group("External effects waiting for DUF and WebSak.")
cli.add_typer(outbox_cli, name="outbox")
journal_cli = group("What was posted to WebSak (Noark 5).")
cli.add_typer(journal_cli, name="journal")
db_cli = group("The store's schema.")
cli.add_typer(db_cli, name="db")
cli.add_typer(org.cli, name="org")
cli.add_typer(review.cli, name="review")
cli.add_typer(portfolio.cli, name="portfolio")
cli.add_typer(forum.cli, name="forum")
cli.add_typer(network.cli, name="network")
cli.command("demo")(demo.demo)


@cli.command()
def rules(
    as_of: AsOf = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print docs/rules.md (both languages).")
    ] = False,
    lang: Lang = None,
    json_out: Json = False,
) -> None:
    """The rule catalogue: id, modality, source, valid-from and title."""
    from udi_core.cli.output import emit_json, table
    from udi_core.domain.catalog import RULES

    if markdown:
        from udi_core.app.rule_docs import render

        sys.stdout.write(render(RULES))
        return
    language = resolve_lang(lang)
    day = parse_day(as_of, "--as-of", language, json_out, None) if as_of else None
    chosen = [r for r in RULES if day is None or r.in_force(day)]
    if json_out:
        emit_json(
            [
                {
                    "id": r.id,
                    "modality": r.modality.value,
                    "im": str(r.im),
                    "section": r.section,
                    "source": r.source,
                    "valid_from": r.valid_from.isoformat(),
                    "title": r.title(language),
                }
                for r in chosen
            ]
        )
        return
    table(
        t("rules_title", language),
        [t(k, language) for k in ("id", "modality", "source", "valid_from", "title")],
        [
            (r.id, r.modality.value, r.source, r.valid_from.isoformat(), r.title(language))
            for r in chosen
        ],
    )


@common_command(cli)
def obligations(
    as_of: AsOf = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue ones.")] = False,
    routine: Annotated[str | None, typer.Option("--routine", help="Only this routine.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=10_000)] = 100,
    *,
    common: Common,
) -> None:
    """What is due, overdue and met, per routine, with rule ids."""
    from udi_core.cli.output import emit_json, table
    from udi_core.domain.kernel.obligations import ObligationStatus

    with common.open_app() as app:
        day = common.parse_day(as_of, "--as-of", app)
        statuses = (ObligationStatus.OVERDUE,) if overdue else tuple(ObligationStatus)
        found = app.queries.obligations(day, statuses, routine=routine, limit=limit)
        totals = app.queries.obligation_totals(day)
        advisories = app.queries.advisories()
    if common.as_json:
        emit_json(
            {
                "as_of": day.isoformat(),
                "totals": [
                    {"routine": r, "status": s.value, "count": n}
                    for (r, s), n in sorted(
                        totals.items(), key=lambda kv: (kv[0][0], kv[0][1].value)
                    )
                ],
                "obligations": [_obligation_data(o, day) for o in found],
                "advisories": len(advisories),
            }
        )
        return
    table(
        t("totals", common.lang),
        [t("routine", common.lang), t("status", common.lang), "#"],
        [
            (r, STATUS_WORDS[s.value][common.lang], n)
            for (r, s), n in sorted(totals.items(), key=lambda kv: (kv[0][0], kv[0][1].value))
        ],
    )
    table(
        t("obligations_title", common.lang, day=day.isoformat()),
        [t(k, common.lang) for k in ("due", "status", "rule", "routine", "what", "who")],
        [
            (
                o.due.isoformat(),
                STATUS_WORDS[o.status(day).value][common.lang],
                o.rule_id,
                o.routine,
                o.what,
                o.who,
            )
            for o in found
        ],
    )
    if advisories:
        table(
            t("advisories", common.lang),
            [t("rule", common.lang), t("aggregate", common.lang), t("what", common.lang)],
            [
                (a.advisory.rule.id, a.aggregate_id, a.advisory.describe(common.lang))
                for a in advisories[-20:]
            ],
        )


def _obligation_data(o: Any, day: date) -> dict[str, object]:
    return {
        "key": o.key,
        "rule": o.rule_id,
        "routine": o.routine,
        "aggregate_id": o.aggregate_id,
        "what": o.what,
        "who": o.who,
        "due": o.due.isoformat(),
        "met_on": o.met_on.isoformat() if o.met_on else None,
        "status": o.status(day).value,
    }


@common_command(cli)
def history(
    aggregate_id: Annotated[str, typer.Argument(help="The aggregate's id.")],
    kind: Annotated[str | None, typer.Option("--kind", help="Only this aggregate kind.")] = None,
    *,
    common: Common,
) -> None:
    """The audit trail of one aggregate: every event in order, with actor and time."""
    from udi_core.cli.output import emit_json, say, table
    from udi_core.serialization import unstructure_event

    with common.open_app() as app:
        records = app.queries.history(aggregate_id, kind)
    if common.as_json:
        emit_json(
            [
                {
                    "id": r.id,
                    "kind": r.aggregate_kind,
                    "version": r.version,
                    "occurred_at": r.occurred_at.isoformat(),
                    "actor": str(r.actor),
                    "rules": list(r.rule_ids),
                    "event": unstructure_event(r.event),
                }
                for r in records
            ]
        )
        return
    if not records:
        say(t("no_history", common.lang, id=aggregate_id))
        return
    table(
        t("history_title", common.lang, id=aggregate_id),
        [t(k, common.lang) for k in ("version", "time", "actor", "event", "rule")],
        [
            (r.version, r.occurred_at.isoformat(), r.actor, r.name, ", ".join(r.rule_ids))
            for r in records
        ],
    )


@common_command(cli, "exec")
def exec_command(
    payload: Annotated[
        str, typer.Argument(help='A JSON command {"command": NAME, ...}, or - to read stdin.')
    ],
    *,
    common: Common,
) -> None:
    """Run one command given as JSON (the same payloads other systems send)."""
    from returns.result import Failure

    from udi_core.cli.common import outcome_data
    from udi_core.cli.output import emit_json, say
    from udi_core.domain.kernel.errors import InvalidInput

    text = sys.stdin.read() if payload == "-" else payload
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        common.fail(InvalidInput("payload", f"valid JSON ({exc.msg} at {exc.pos})", text[:40]))
    with common.open_app() as app:
        result = app.commands.execute_payload(data)
    if isinstance(result, Failure):
        common.fail(result.failure())
    outcome = result.unwrap()
    summary = outcome_data(outcome, common.lang)
    if common.as_json:
        emit_json(summary)
    else:
        say(json.dumps(summary, ensure_ascii=False, indent=2, default=str))


@common_command(outbox_cli, "list")
def outbox_list(
    status: Annotated[
        str | None, typer.Option("--status", help="pending, delivered or failed.")
    ] = None,
    *,
    common: Common,
) -> None:
    """Effects stored for delivery, with their status."""
    from udi_core.cli.output import emit_json, table
    from udi_core.domain.kernel.errors import InvalidInput
    from udi_core.ports.outbox import OutboxStatus

    chosen = None
    if status is not None:
        try:
            chosen = OutboxStatus(status)
        except ValueError:
            common.fail(InvalidInput("--status", "pending, delivered or failed", status))
    with common.open_app() as app:
        items = app.outbox.items(chosen)
    rows = [
        (i.key, type(i.effect).__name__, i.status.value, i.attempts, i.result or i.last_error or "")
        for i in items
    ]
    if common.as_json:
        emit_json(
            [
                {"key": k, "effect": e, "status": s, "attempts": a, "result": r}
                for k, e, s, a, r in rows
            ]
        )
        return
    table(
        t("outbox_title", common.lang),
        [t(k, common.lang) for k in ("key", "effect", "status", "attempts", "result")],
        rows,
    )


@common_command(outbox_cli, "deliver")
def outbox_deliver(*, common: Common) -> None:
    """Deliver what is due now to DUF and WebSak (failures are retried later)."""
    from udi_core.cli.output import emit_json, say

    with common.open_app() as app:
        report = app.outbox.deliver()
    data = {"delivered": report.delivered, "retried": report.retried, "failed": report.failed}
    if common.as_json:
        emit_json(data)
    else:
        say(t("delivered", common.lang, **data))


@common_command(outbox_cli, "retry")
def outbox_retry(
    key: Annotated[str | None, typer.Option("--key", help="Only the item with this key.")] = None,
    *,
    common: Common,
) -> None:
    """Make failed items pending again, due now."""
    from returns.result import Failure

    from udi_core.cli.output import emit_json, say

    with common.open_app() as app:
        retried = app.outbox.retry(key)
    if isinstance(retried, Failure):
        common.fail(retried.failure())
    n = retried.unwrap()
    if common.as_json:
        emit_json({"pending_again": n})
    else:
        say(t("retried", common.lang, n=n))


@common_command(journal_cli, "export")
def journal_export(
    directory: Annotated[Path, typer.Argument(help="Folder to write arkivstruktur.xml into.")],
    schema_dir: Annotated[
        Path | None,
        typer.Option("--schema-dir", help="Validate against the Noark 5 XSDs in this folder."),
    ] = None,
    *,
    common: Common,
) -> None:
    """Everything delivered to the archive, as a Noark 5 arkivuttrekk (arkivstruktur.xml)."""
    from returns.result import Failure
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from udi_core.app.noark5_export import export, posts_from_outbox, validate
    from udi_core.cli.output import emit_json, errors, say
    from udi_core.ports.outbox import OutboxStatus

    with (
        common.open_app() as app,
        Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            console=errors,
            transient=True,
            disable=common.as_json,
        ) as progress,
    ):
        task = progress.add_task(t("export_collect", common.lang))
        items = app.outbox.items(OutboxStatus.DELIVERED, limit=10_000_000)
        posts = posts_from_outbox(items)
        if isinstance(posts, Failure):
            common.fail(posts.failure())
        progress.update(task, description=t("export_write", common.lang, n=len(posts.unwrap())))
        written = export(posts.unwrap(), exported_at=app.clock.now(), directory=directory)
        if isinstance(written, Failure):
            common.fail(written.failure())
        path = written.unwrap()
        if schema_dir is not None:
            progress.update(task, description=t("export_validate", common.lang))
            checked = validate(path, schema_dir)
            if isinstance(checked, Failure):
                common.fail(checked.failure())
    data = {"path": str(path), "posts": len(posts.unwrap()), "validated": schema_dir is not None}
    if common.as_json:
        emit_json(data)
    else:
        say(t("exported", common.lang, **data))


@db_cli.command("upgrade")
def db_upgrade(store: Store = None, lang: Lang = None, json_out: Json = False) -> None:
    """Bring the store's schema to the newest revision (safe to run again)."""
    from returns.result import Failure

    from udi_core.app import Settings
    from udi_core.cli.output import emit_json, fail, say
    from udi_core.ports.plugins import Plugins

    language = resolve_lang(lang)
    settings = Settings.from_env({**os.environ, **overrides(store, None)})
    if isinstance(settings, Failure):
        fail(settings.failure(), language, json_out)
    chosen = settings.unwrap()
    upgraded = Plugins.load().upgrade_store(chosen.store, chosen.options)
    if isinstance(upgraded, Failure):
        fail(upgraded.failure(), language, json_out)
    data = {"store": chosen.store, "revision": upgraded.unwrap()}
    if json_out:
        emit_json(data)
    else:
        say(t("upgraded", language, **data))
