"""Helpers shared by the SQL integration tests: an app on a SQL store, tally commands."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from returns.result import Result, Success

from udi_core.app import App, bootstrap
from udi_core.app.runner import Decide
from udi_core.domain.kernel.aggregate import Context, Decision, fold
from udi_core.domain.kernel.effects import Effect
from udi_core.domain.kernel.errors import DomainError
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber
from udi_core.domain.kernel.noark5 import (
    Document,
    DocumentRole,
    JournalPost,
    Journalposttype,
    Korrespondansepart,
    Korrespondanseparttype,
)
from udi_core.ports.persistence import UnitOfWork
from udi_core.testing.tally import Counted, Scheduled, Tally, evolve_tally

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def sql_app(setting: str) -> App:
    """An app on ``setting`` with a fixed clock, the named units and employee ``kari``."""
    app = bootstrap({"store": setting, "clock": f"fixed:{T0.isoformat()}"}).unwrap()
    app.organisation.ensure_named_units().unwrap()
    app.organisation.register_employee("kari", "Kari Nordmann", "AUA-IGS").unwrap()
    return app


def count(by: int, *effects: Effect, name: str = "t") -> Decide[Tally]:
    """Count ``by`` and schedule the next count two weeks on, asking for ``effects``."""

    def decide(
        state: Tally | None, ctx: Context, _uow: UnitOfWork
    ) -> Result[Decision[Tally], DomainError]:
        base = state or Tally(name, str(ctx.actor.id))
        events = (Counted(by), Scheduled(ctx.today + timedelta(days=14)))
        return Success(Decision(fold(evolve_tally, base, events), events, tuple(effects)))

    return decide


def note(case: int, title: str = "Intern rapportering fra møte") -> JournalPost:
    kp = Korrespondanseparttype
    return JournalPost(
        ArchiveCaseNumber(26, case),
        Journalposttype.INTERNAL_NO_FOLLOW_UP,
        title,
        "Intern rapportering fra møte – internasjonale fora",
        (
            Korrespondansepart(kp.INTERNAL_SENDER, "Kari Nordmann"),
            Korrespondansepart(kp.INTERNAL_RECIPIENT, "AUA Internasjonal enhet", "IGS"),
        ),
        (Document("Rapport", DocumentRole.MAIN),),
    )
