"""``udi portfolio``: sharing a country's case portfolio between ASA units (IM 2016-003)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from udi_core.cli.common import Actor, Common, common_command, group
from udi_core.cli.i18n import t

cli = group("A shared case portfolio between ASA units (IM 2016-003).")

Portfolio = Annotated[str, typer.Argument(help="The portfolio's id, e.g. eritrea-2026.")]
Unit = Annotated[str, typer.Argument(help="A unit's id, e.g. ASA-E2.")]


@common_command(cli, "plan")
def plan(
    portfolio: Portfolio,
    actor: Actor,
    country: Annotated[str, typer.Option("--country", help="ISO country code, e.g. ER.")],
    name: Annotated[str, typer.Option("--name", help="The portfolio's name.")],
    leadership: Annotated[str, typer.Option("--leadership", help="ASA leadership's unit.")],
    responsible: Annotated[str, typer.Option("--responsible", help="The responsible unit.")],
    interview_network: Annotated[
        str, typer.Option("--interview-network", help="The interview network's unit.")
    ],
    system_group: Annotated[str, typer.Option("--system-group", help="The system group's unit.")],
    *,
    common: Common,
) -> None:
    """ASA leadership plans a shared portfolio and names its roles (SP-01)."""
    from udi_core.app.shared_portfolio import PlanPortfolio

    command = PlanPortfolio(
        actor, portfolio, country, name, leadership, responsible, interview_network, system_group
    )
    common.execute(command)


@common_command(cli, "assist")
def assist(portfolio: Portfolio, unit: Unit, actor: Actor, *, common: Common) -> None:
    """Add an assisting unit (bistandsenhet)."""
    from udi_core.app.shared_portfolio import AddAssistingUnit

    common.execute(AddAssistingUnit(actor, portfolio, unit))


@common_command(cli, "prepare")
def prepare(portfolio: Portfolio, actor: Actor, *, common: Common) -> None:
    """Start the preparation phase."""
    from udi_core.app.shared_portfolio import StartPreparation

    common.execute(StartPreparation(actor, portfolio))


@common_command(cli, "requirement")
def requirement(
    portfolio: Portfolio,
    unit: Unit,
    actor: Actor,
    per_week: Annotated[int, typer.Option("--requirement", help="The production requirement.")],
    normal: Annotated[
        int | None, typer.Option("--normal", help="The unit's normal requirement (SP-03).")
    ] = None,
    *,
    common: Common,
) -> None:
    """Set a unit's production requirement (reduced for the responsible unit, SP-03)."""
    from udi_core.app.shared_portfolio import SetProductionRequirement

    command = SetProductionRequirement(actor, portfolio, unit, per_week, normal)
    common.execute(command)


@common_command(cli, "category")
def category(
    portfolio: Portfolio,
    code: Annotated[str, typer.Argument(help="The category's code, e.g. EASY.")],
    actor: Actor,
    name: Annotated[str, typer.Option("--name", help="The category's name.")],
    complexity: Annotated[str, typer.Option("--complexity", help="low, medium or high.")],
    competence: Annotated[
        str, typer.Option("--competence", help="Competence needed for risk assessments.")
    ],
    *,
    common: Common,
) -> None:
    """The responsible unit defines a category (SP-04)."""
    from udi_core.app.shared_portfolio import DefineCategory

    command = DefineCategory(actor, portfolio, code, name, complexity, competence)
    common.execute(command)


@common_command(cli, "present")
def present(
    portfolio: Portfolio,
    actor: Actor,
    note: Annotated[str, typer.Option("--note", help="What was agreed with PU.")],
    *,
    common: Common,
) -> None:
    """The categories are presented to PU (SP-04)."""
    from udi_core.app.shared_portfolio import PresentCategoriesToPu

    common.execute(PresentCategoriesToPu(actor, portfolio, note))


@common_command(cli, "code")
def code(
    portfolio: Portfolio,
    category_code: Annotated[str, typer.Argument(help="The category.")],
    duf_code: Annotated[str, typer.Argument(help="The DUF marking code, e.g. ER-EASY.")],
    actor: Actor,
    *,
    common: Common,
) -> None:
    """The system group creates the category's DUF marking code (SP-05)."""
    from udi_core.app.shared_portfolio import CreateMarkingCode

    command = CreateMarkingCode(actor, portfolio, category_code, duf_code)
    common.execute(command)


@common_command(cli, "train")
def train(
    portfolio: Portfolio,
    unit: Unit,
    actor: Actor,
    elements: Annotated[
        list[str],
        typer.Option(
            "--element",
            help="landinfo_introduction, practice_review, interview_guide_review or "
            "interview_practice_and_strategy (repeat).",
        ),
    ],
    on: Annotated[str | None, typer.Option("--on", help="The day, YYYY-MM-DD (today).")] = None,
    *,
    common: Common,
) -> None:
    """Record a unit's training before start (SP-07)."""
    from udi_core.app.shared_portfolio import RecordTraining

    day = common.parse_day(on, "--on") if on else None
    if day is None:
        with common.open_app() as app:
            day = common.parse_day(None, "--on", app)
    command = RecordTraining(actor, portfolio, unit, tuple(elements), day)
    common.execute(command)


@common_command(cli, "contact")
def contact(
    portfolio: Portfolio,
    unit: Unit,
    employee: Annotated[str, typer.Argument(help="The contact's employee id.")],
    actor: Actor,
    interview_coordinator: Annotated[
        bool, typer.Option("--interview-coordinator", help="Also the interview coordinator.")
    ] = False,
    *,
    common: Common,
) -> None:
    """A unit appoints a country-practice contact (SP-08)."""
    from udi_core.app.shared_portfolio import AppointContact

    command = AppointContact(actor, portfolio, unit, employee, interview_coordinator)
    common.execute(command)


@common_command(cli, "activate")
def activate(portfolio: Portfolio, actor: Actor, *, common: Common) -> None:
    """Start sharing: refused with every unmet item at once, advised on SHOULD items."""
    from udi_core.app.shared_portfolio import ActivatePortfolio

    common.execute(ActivatePortfolio(actor, portfolio))


@common_command(cli, "clearance")
def clearance(
    portfolio: Portfolio,
    actor: Actor,
    steps: Annotated[
        list[str],
        typer.Option("--step", help="DATE:UNIT:CAT1,CAT2 — from DATE the unit takes them."),
    ],
    ends_on: Annotated[str, typer.Option("--ends-on", help="When every unit takes all.")],
    easy_share: Annotated[
        int, typer.Option("--easy-share", help="Percent of easy cases kept by the responsible.")
    ] = 20,
    *,
    common: Common,
) -> None:
    """Set the clearance plan the distribution follows (SP-09)."""
    from udi_core.app.shared_portfolio import ClearanceStep, SetClearancePlan
    from udi_core.domain.kernel.errors import InvalidInput

    parsed = []
    for i, raw in enumerate(steps):
        day, _, rest = raw.partition(":")
        unit, _, cats = rest.partition(":")
        if not unit or not cats:
            common.fail(InvalidInput(f"--step[{i}]", "DATE:UNIT:CAT1,CAT2", raw))
        when = common.parse_day(day, f"--step[{i}]")
        parsed.append(ClearanceStep(when, unit, tuple(c for c in cats.split(",") if c)))
    end_day = common.parse_day(ends_on, "--ends-on")
    command = SetClearancePlan(actor, portfolio, tuple(parsed), end_day, easy_share)
    common.execute(command)


@common_command(cli, "sort")
def sort(
    portfolio: Portfolio,
    cases: Annotated[
        list[str],
        typer.Argument(help="CASE:CATEGORY:PU-REGISTRATION, e.g. 201600000001:EASY:PU-1."),
    ],
    actor: Actor,
    *,
    common: Common,
) -> None:
    """KOR or the responsible unit sorts arrived cases into categories (DUF codes, SP-06)."""
    from udi_core.app.shared_portfolio import CaseToSort, SortCases
    from udi_core.domain.kernel.errors import InvalidInput

    entries = []
    for i, raw in enumerate(cases):
        parts = raw.split(":")
        if len(parts) != 3:
            expected = "CASE:CATEGORY:PU-REGISTRATION"
            common.fail(InvalidInput(f"cases[{i}]", expected, raw))
        entries.append(CaseToSort(parts[0], parts[1], parts[2]))
    common.execute(SortCases(actor, portfolio, tuple(entries)))


@common_command(cli, "distribute")
def distribute(portfolio: Portfolio, actor: Actor, *, common: Common) -> None:
    """Distribute the sorted cases to the units cleared for them (SP-09)."""
    from udi_core.app.shared_portfolio import DistributeCases

    common.execute(DistributeCases(actor, portfolio))


@common_command(cli, "bank-add")
def bank_add(
    portfolio: Portfolio,
    entry: Annotated[str, typer.Argument(help="The entry's id, e.g. v1.")],
    actor: Actor,
    category_code: Annotated[str, typer.Option("--category", help="The category.")],
    case: Annotated[str, typer.Option("--case", help="The DUF case number.")],
    summary: Annotated[str, typer.Option("--summary", help="What was decided, and why.")],
    *,
    common: Common,
) -> None:
    """The responsible unit adds a decision to the decision bank (SP-10)."""
    from udi_core.app.shared_portfolio import AddBankEntry

    command = AddBankEntry(actor, portfolio, entry, category_code, case, summary)
    common.execute(command)


@common_command(cli, "bank")
def bank(
    portfolio: Portfolio,
    category_code: Annotated[
        str | None, typer.Option("--category", help="Only this category.")
    ] = None,
    *,
    common: Common,
) -> None:
    """The decision bank, with its notice that entries may not reflect today's practice."""
    from udi_core.cli.output import say

    with common.open_app() as app:
        found = app.shared_portfolio.decision_bank(portfolio, category_code)

    def rows(value: Any) -> list[tuple[object, ...]]:
        say(value.notice_nb if common.lang == "nb" else value.notice_en)
        return [
            (e.entry_id, e.category, e.case, e.summary, e.replaced_by or "") for e in value.entries
        ]

    headers = [t(k, common.lang) for k in ("key", "category", "case", "what", "replaced_by")]
    common.query(found, t("bank_title", common.lang, id=portfolio), headers, rows)


@common_command(cli, "readiness")
def readiness(portfolio: Portfolio, *, common: Common) -> None:
    """What keeps the portfolio from activation (MUST), and what activation would advise."""
    with common.open_app() as app:
        found = app.shared_portfolio.readiness(portfolio)

    def rows(value: Any) -> list[tuple[object, ...]]:
        unmet = [(b.rule.id, "MUST", b.detail) for b in value.unmet]
        return unmet + [(a.rule.id, a.rule.modality.value, a.detail) for a in value.advisories]

    def plain(value: Any) -> dict[str, object]:
        return {
            "unmet": [
                {"rule": b.rule.id, "source": b.rule.source, "detail": b.detail}
                for b in value.unmet
            ],
            "advisories": [
                {"rule": a.rule.id, "source": a.rule.source, "detail": a.detail}
                for a in value.advisories
            ],
        }

    headers = [t(k, common.lang) for k in ("rule", "modality", "what")]
    title = t("readiness_title", common.lang, id=portfolio)
    common.query(found, title, headers, rows, plain)


@common_command(cli, "preparedness")
def preparedness(
    arrivals: Annotated[
        list[str], typer.Argument(help="Arrivals in the period per country, e.g. ER=900 SY=800.")
    ],
    *,
    common: Common,
) -> None:
    """SP-02: the largest arrival countries and flagged ones lacking practice documents."""
    from udi_core.domain.kernel.errors import InvalidInput

    figures: dict[str, object] = {}
    for i, raw in enumerate(arrivals):
        country, _, count = raw.partition("=")
        if not count.isdigit():
            common.fail(InvalidInput(f"arrivals[{i}]", "COUNTRY=COUNT, e.g. ER=900", raw))
        figures[country] = int(count)
    with common.open_app() as app:
        found = app.shared_portfolio.preparedness_gaps(figures)

    def rows(value: Any) -> list[tuple[object, ...]]:
        return [
            (
                g.country,
                g.rule.id,
                ", ".join(g.reasons),
                ", ".join(k.value for k in g.missing),
            )
            for g in value
        ]

    headers = [t(k, common.lang) for k in ("country", "rule", "why", "missing")]
    common.query(found, t("preparedness_title", common.lang), headers, rows)
