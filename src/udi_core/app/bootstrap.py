"""The composition root. ``bootstrap(settings)`` reads settings and builds every adapter;
nothing else in the library does, and importing a module has no side effects."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from attrs import frozen
from returns.result import Failure, Result, Success

from udi_core.app.commands import CommandBus
from udi_core.app.coordinator_network import CoordinatorNetworkService
from udi_core.app.forum_participation import ForumParticipationService
from udi_core.app.international_coordination import InternationalCoordinationService
from udi_core.app.organisation import OrganisationService
from udi_core.app.outbox import OutboxDispatcher, RetryPolicy
from udi_core.app.queries import Queries
from udi_core.app.runner import CommandRunner
from udi_core.app.second_hand_review import SecondHandReviewService
from udi_core.app.settings import Settings
from udi_core.app.shared_portfolio import SharedPortfolioService
from udi_core.domain import catalog
from udi_core.domain.forum_participation.deadlines import MINUTES_REASONABLE_DAYS
from udi_core.domain.kernel.errors import InvalidInput, StorageFailure
from udi_core.domain.kernel.rules import RuleRegistry
from udi_core.domain.second_hand_review import EvidencePolicy
from udi_core.ports.external import Clock, DufMarking, Journal
from udi_core.ports.persistence import Store
from udi_core.ports.plugins import Plugins


@frozen
class App:
    """Everything a caller needs, wired. Close it when done (``with bootstrap(...).unwrap()``)."""

    settings: Settings
    plugins: Plugins
    store: Store
    duf: DufMarking
    journal: Journal
    clock: Clock
    runner: CommandRunner
    organisation: OrganisationService
    forum_participation: ForumParticipationService
    international_coordination: InternationalCoordinationService
    networks: CoordinatorNetworkService
    shared_portfolio: SharedPortfolioService
    queries: Queries
    outbox: OutboxDispatcher
    commands: CommandBus
    reviews: SecondHandReviewService

    @property
    def rules(self) -> RuleRegistry:
        return catalog.RULES

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> App:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def bootstrap(
    settings: Settings | Mapping[str, object] | None = None,
    *,
    plugins: Sequence[object] = (),
    entry_points: bool = True,
    retry_policy: RetryPolicy | None = None,
) -> Result[App, InvalidInput | StorageFailure]:
    """Build the application from ``settings`` (defaults: embedded SQLite, mocks).

    ``plugins`` are extra pluggy plugins registered before the built-ins are consulted,
    so they can add or override adapters without any change to the core.
    """
    if settings is None:
        chosen = Settings()
    elif isinstance(settings, Settings):
        chosen = settings
    else:
        parsed = Settings.from_mapping(settings)
        if isinstance(parsed, Failure):
            return Failure(parsed.failure())
        chosen = parsed.unwrap()
    pm = Plugins.load(plugins, entry_points=entry_points)
    clock = pm.build_clock(chosen.clock, chosen.options)
    if isinstance(clock, Failure):
        return Failure(clock.failure())
    duf = pm.build_duf(chosen.duf, chosen.options)
    if isinstance(duf, Failure):
        return Failure(duf.failure())
    journal = pm.build_journal(chosen.journal, chosen.options)
    if isinstance(journal, Failure):
        return Failure(journal.failure())
    store = pm.build_store(chosen.store, chosen.options)
    if isinstance(store, Failure):
        return Failure(store.failure())
    s, c = store.unwrap(), clock.unwrap()
    runner = CommandRunner(s, c)
    organisation = OrganisationService(s)
    minutes_days = _minutes_reasonable_days(chosen.options)
    if isinstance(minutes_days, Failure):
        return Failure(minutes_days.failure())
    forum_participation = ForumParticipationService(
        runner, s, minutes_reasonable_days=minutes_days.unwrap()
    )
    international_coordination = InternationalCoordinationService(runner, s)
    shared_portfolio = SharedPortfolioService(runner, s)
    policy = _evidence_policy(chosen.options)
    if isinstance(policy, Failure):
        return Failure(policy.failure())
    reviews = SecondHandReviewService(runner, s, policy.unwrap())
    # Each routine's service is built here and handed to the command bus.
    networks = CoordinatorNetworkService(runner, s, duf.unwrap())
    return Success(
        App(
            settings=chosen,
            plugins=pm,
            store=s,
            duf=duf.unwrap(),
            journal=journal.unwrap(),
            clock=c,
            runner=runner,
            organisation=organisation,
            forum_participation=forum_participation,
            international_coordination=international_coordination,
            networks=networks,
            shared_portfolio=shared_portfolio,
            queries=Queries(s),
            outbox=OutboxDispatcher(s, duf.unwrap(), journal.unwrap(), c, retry_policy),
            commands=CommandBus(
                [
                    organisation,
                    reviews,
                    shared_portfolio,
                    forum_participation,
                    international_coordination,
                    networks,
                ]
            ),
            reviews=reviews,
        )
    )


MINUTES_DAYS_OPTION = "forum_participation.minutes_reasonable_days"


def _minutes_reasonable_days(options: Mapping[str, str]) -> Result[int, InvalidInput]:
    """IFP-10's reasonable time after official minutes arrive (option, default 14 days)."""
    raw = options.get(MINUTES_DAYS_OPTION)
    if raw is None:
        return Success(MINUTES_REASONABLE_DAYS)
    if raw.strip().isdigit() and int(raw) <= 366:
        return Success(int(raw))
    return Failure(InvalidInput(f"settings.options.{MINUTES_DAYS_OPTION}", "days 0-366", raw))


def _evidence_policy(options: Mapping[str, str]) -> Result[EvidencePolicy, InvalidInput]:
    """The SHR-08 evidence policy: option ``shr_required_approvals`` (1-100) sets how many
    of the latest reviewed decisions in a case field must have been approved without being
    returned; without it, the documented default applies."""
    raw = options.get("shr_required_approvals")
    if raw is None:
        return Success(EvidencePolicy())
    if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= 100:
        n = int(raw)
        reason = f"The last {n} reviewed decisions in the case field were approved without return."
        return Success(EvidencePolicy(n, reason))
    return Failure(
        InvalidInput("settings.options.shr_required_approvals", "a whole number 1-100", raw)
    )
