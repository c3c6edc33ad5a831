"""``udi network``: the coordinator networks (IM 2018-001, IM 2018-002) and the MH removal."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from udi_core.cli.common import Actor, AsOf, Common, common_command, group
from udi_core.cli.i18n import t

cli = group("Coordinator networks against violence, FGM and trafficking (IM 2018-001/-002).")

Network = Annotated[str, typer.Argument(help="violence, fgm or trafficking.")]
Year = Annotated[int, typer.Argument(help="The KOM report's year, e.g. 2025.")]
Cases = Annotated[list[str], typer.Argument(help="DUF case numbers.")]
ROLES = ("representative", "resource_person", "department_coordinator", "contact_person")


@common_command(cli, "establish")
def establish(
    network: Network,
    coordinator: Annotated[str, typer.Argument(help="The coordinator (placed in AUA/RVE).")],
    actor: Actor,
    *,
    common: Common,
) -> None:
    """Set up a network led by a coordinator in AUA/RVE (CN-01, CN-01b)."""
    from udi_core.app.coordinator_network import EstablishNetwork

    common.execute(EstablishNetwork(actor, network, coordinator))


@common_command(cli, "appoint")
def appoint(
    network: Network,
    employee: Annotated[str, typer.Argument(help="The appointee's employee id.")],
    actor: Actor,
    role: Annotated[
        str,
        typer.Option(
            "--role",
            help="representative, resource_person, department_coordinator, contact_person "
            "or regional_contact (with --field).",
        ),
    ],
    field_name: Annotated[
        str | None, typer.Option("--field", help="A regional contact's field.")
    ] = None,
    *,
    common: Common,
) -> None:
    """The coordinator appoints a member or a regional contact (CN-02, CN-03, CN-04, CN-06)."""
    from udi_core.app import coordinator_network as cn
    from udi_core.domain.kernel.errors import InvalidInput

    command: object
    if role == "regional_contact":
        if field_name is None:
            common.fail(InvalidInput("--field", "the regional contact's field"))
        command = cn.AppointRegionalContact(actor, network, employee, field_name)
    elif role == "representative":
        command = cn.AppointRepresentative(actor, network, employee)
    elif role == "resource_person":
        command = cn.AppointResourcePerson(actor, network, employee)
    elif role == "department_coordinator":
        command = cn.AppointDepartmentCoordinator(actor, employee, network)
    elif role == "contact_person":
        command = cn.AppointContactPerson(actor, employee, network)
    else:
        common.fail(InvalidInput("--role", f"one of {', '.join(ROLES)}, regional_contact", role))
    common.execute(command)


@common_command(cli, "meeting")
def meeting(
    network: Network,
    actor: Actor,
    held_on: Annotated[str, typer.Option("--held-on", help="YYYY-MM-DD.")],
    kind: Annotated[str, typer.Option("--kind", help="core (monthly) or whole.")],
    topic: Annotated[str, typer.Option("--topic", help="What was discussed.")],
    *,
    common: Common,
) -> None:
    """Record a network meeting (the CN-05 cadence); it takes up the open agenda items
    submitted on or before its day."""
    from udi_core.app.coordinator_network import RecordMeeting

    command = RecordMeeting(actor, network, held_on, kind, topic)
    common.execute(command)


@common_command(cli, "agenda")
def agenda(
    network: Network,
    actor: Actor,
    topic: Annotated[str, typer.Option("--topic", help="The general issue to discuss.")],
    case: Annotated[str | None, typer.Option("--case", help="A DUF case it comes from.")] = None,
    *,
    common: Common,
) -> None:
    """A member submits a general issue for the network to discuss (CN-07); it stays on
    the network's open agenda until a meeting held on or after its day takes it up."""
    from udi_core.app.coordinator_network import SubmitAgendaItem

    common.execute(SubmitAgendaItem(actor, network, topic, case))


@common_command(cli, "gaps")
def gaps(network: Network, *, common: Common) -> None:
    """What the network lacks today, each gap with its rule."""
    with common.open_app() as app:
        found = app.networks.gaps(network)

    def rows(value: Any) -> list[tuple[object, ...]]:
        return [(g.rule.id, g.rule.source, g.detail) for g in value]

    headers = [t(k, common.lang) for k in ("rule", "source", "what")]
    common.query(found, t("gaps_title", common.lang, id=network), headers, rows)


@common_command(cli, "cadence")
def cadence(network: Network, as_of: AsOf = None, *, common: Common) -> None:
    """CN-05 period by period up to the end of next year: met, missed or open."""
    with common.open_app() as app:
        day = common.parse_day(as_of, "--as-of", app)
        found = app.networks.cadence(network, day)

    def rows(value: Any) -> list[tuple[object, ...]]:
        return [
            (e.key, e.due.isoformat(), e.status, e.met_on.isoformat() if e.met_on else "")
            for e in value
        ]

    headers = [t(k, common.lang) for k in ("key", "due", "status", "met_on")]
    common.query(found, t("cadence_title", common.lang, id=network), headers, rows)


@common_command(cli, "kom")
def kom(year: Year, cases: Cases, actor: Actor, *, common: Common) -> None:
    """The AUA coordinator records the cases reported to KOM for a year (CN-10)."""
    from udi_core.app.coordinator_network import RecordKomInput

    common.execute(RecordKomInput(actor, year, tuple(cases)))


@common_command(cli, "kom-published")
def kom_published(
    year: Year,
    actor: Actor,
    on: Annotated[str, typer.Option("--on", help="KOM's publication day, YYYY-MM-DD.")],
    *,
    common: Common,
) -> None:
    """KOM's report for the year was published (the MH removal may start, CN-09)."""
    from udi_core.app.coordinator_network import RecordKomPublication

    common.execute(RecordKomPublication(actor, year, on))


@common_command(cli, "retain")
def retain(
    year: Year,
    cases: Cases,
    actor: Actor,
    reason: Annotated[str, typer.Option("--reason", help="Why the code is still needed.")],
    *,
    common: Common,
) -> None:
    """Keep "MH" on reported cases whose code is still needed (CN-09)."""
    from udi_core.app.coordinator_network import RetainMhCode

    command = RetainMhCode(actor, year, reason, tuple(cases))
    common.execute(command)


@common_command(cli, "purge-mh")
def purge_mh(
    year: Year,
    actor: Actor,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only list what the removal would change.")
    ] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, max=100_000)] = 1000,
    *,
    common: Common,
) -> None:
    """Remove the DUF code MH from the year's reported cases after KOM's report (CN-09).

    Resumable: a DUF failure stops the run at a known case; run it again to go on.
    """
    from returns.result import Failure

    from udi_core.cli.output import emit_json, errors, say
    from udi_core.serialization import unstructure

    with common.open_app() as app:
        if dry_run:
            planned = app.networks.mh_dry_run(actor, year)
            if isinstance(planned, Failure):
                common.fail(planned.failure())
            dry = planned.unwrap()
            if common.as_json:
                emit_json(unstructure(dry))
                return
            say(
                t(
                    "mh_dry_run",
                    common.lang,
                    year=year,
                    n=len(dry.would_remove),
                    unmarked=len(dry.not_marked),
                    retained=dry.retained,
                    done=dry.already_handled,
                )
            )
            for case in dry.would_remove[:20]:
                say(f"  {case}")
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        total = _still_to_handle(app, year)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=errors,
            transient=True,
            disable=common.as_json,
        ) as progress:
            task = progress.add_task(t("mh_removing", common.lang, year=year), total=total)
            removed = 0
            while True:  # one batch per call, so the bar moves; stop when no progress
                ran = app.networks.remove_mh_codes(actor, year, batch_size, max_batches=1)
                if isinstance(ran, Failure):
                    common.fail(ran.failure())
                report = ran.unwrap()
                removed += report.removed
                progress.update(task, completed=removed)
                if report.completed or report.removed == 0:
                    break
    data = {**unstructure(report), "removed": removed}
    if common.as_json:
        emit_json(data)
        return
    say(
        t(
            "mh_removed",
            common.lang,
            year=year,
            n=removed,
            total=report.removed_total,
            completed=report.completed,
        )
    )
    if report.stopped_by and not report.completed:
        say(report.stopped_by)


def _still_to_handle(app: Any, year: int) -> int | None:
    """How many cases the year's removal still has to handle (for the progress bar)."""
    from returns.result import Success

    from udi_core.domain.coordinator_network import NetworkId
    from udi_core.domain.coordinator_network.kom import remaining

    found = app.networks.network(NetworkId.TRAFFICKING.value)
    kom = found.unwrap().kom_year(year) if isinstance(found, Success) else None
    return len(remaining(kom)) if kom is not None else None


@common_command(cli, "rosa")
def rosa(
    case: Annotated[str, typer.Argument(help="The DUF case of the crisis-shelter placement.")],
    actor: Actor,
    *,
    common: Common,
) -> None:
    """Regionkontor Øst records a notice to the ROSA project (CN-11)."""
    from udi_core.app.coordinator_network import SendRosaNotice

    common.execute(SendRosaNotice(actor, case))
