"""``udi org``: register the organisation the rules consult (units, employees)."""

from __future__ import annotations

from typing import Annotated

import typer

from udi_core.cli.common import Actor, Common, common_command, group
from udi_core.cli.i18n import t

cli = group("The organisation: units and employees (mirrors HR data).")


@common_command(cli, "unit")
def unit(
    unit_id: Annotated[str, typer.Argument(help="The unit's id, e.g. OPA-E1.")],
    actor: Actor,
    name: Annotated[str, typer.Option("--name", help="The unit's name.")],
    department: Annotated[str, typer.Option("--department", help="ASA, OPA, RMA or AUA.")],
    kind: Annotated[
        str,
        typer.Option("--kind", help="unit, area, staff, regional_office or leadership."),
    ] = "unit",
    websak_code: Annotated[
        str | None, typer.Option("--websak-code", help="The unit's code in WebSak.")
    ] = None,
    *,
    common: Common,
) -> None:
    """Register (or rename) a unit, area, staff, regional office or leadership."""
    from udi_core.app.organisation import RegisterUnit

    command = RegisterUnit(actor, unit_id, name, department, kind, websak_code)
    common.execute(command)


@common_command(cli, "employee")
def employee(
    employee_id: Annotated[str, typer.Argument(help="The employee's id.")],
    actor: Actor,
    name: Annotated[str, typer.Option("--name", help="The employee's name.")],
    unit_id: Annotated[str, typer.Option("--unit", help="The employee's unit.")],
    roles: Annotated[
        list[str] | None,
        typer.Option("--role", help="caseworker, unit_leader or department_director (repeat)."),
    ] = None,
    *,
    common: Common,
) -> None:
    """Register an employee in a unit, with roles."""
    from udi_core.app.organisation import RegisterEmployee

    command = RegisterEmployee(actor, employee_id, name, unit_id, tuple(roles or ("caseworker",)))
    common.execute(command)


@common_command(cli, "named-units")
def named_units(*, common: Common) -> None:
    """Register the units the IMs name (AUA-IGS, AUA-RVE, ASA-KOR, ...) if missing."""
    from returns.result import Failure

    from udi_core.cli.output import emit_json, say

    with common.open_app() as app:
        done = app.organisation.ensure_named_units()
        if isinstance(done, Failure):
            common.fail(done.failure())
        units = [str(u.id) for u in app.organisation.units()]
    if common.as_json:
        emit_json({"units": units})
    else:
        say(t("units_registered", common.lang, n=len(units), units=", ".join(units)))
