"""SQL store: (a) commands through ``bootstrap()`` and the runner on SQLite and PostgreSQL
against the same row writes done with bare SQLAlchemy Core, one transaction per command
(target: within 2x); (b) the obligations query over 1,000,000 stored obligations on
PostgreSQL: totals per routine and status plus the first page of 100 overdue items,
oldest first (target: under 0.5 s), timed at 100,000 and 1,000,000 rows side by side.

PostgreSQL is ``UDI_BENCH_POSTGRES_URL`` (else ``UDI_TEST_POSTGRES_URL``, else
postgresql://postgres@127.0.0.1:5432/test); each run uses a fresh schema, dropped after.
The smoke run uses small sizes (PostgreSQL only when a server answers).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta

from returns.result import Result, Success

from benchmarks._sql import bare_engine, database, interleaved, migrated, pg_reachable, pg_url
from udi_adapters_sql import SqlStore
from udi_adapters_sql.schema import aggregate_index, aggregates, events, obligations, outbox
from udi_core.app import bootstrap
from udi_core.domain.kernel.aggregate import Context, Decision, fold
from udi_core.domain.kernel.effects import AddDufCode, Effect
from udi_core.domain.kernel.errors import DomainError
from udi_core.domain.kernel.identifiers import DufCaseNumber
from udi_core.domain.kernel.obligations import ObligationStatus
from udi_core.ports.persistence import ObligationQuery, UnitOfWork
from udi_core.ports.plugins import Plugins
from udi_core.testing.tally import TALLY, Counted, Scheduled, Tally, evolve_tally

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TALLIES = 200
EFFECT_EVERY = 10  # every tenth command also asks for a DUF marking
ROUTINES = ("second_hand_review", "shared_portfolio", "forum_participation", "coordinator_network")


# -- (a) commands through the library against bare Core ----------------------------------


def _command(i: int) -> Callable[..., Result[Decision[Tally], DomainError]]:
    effects: tuple[Effect, ...] = ()
    if i % EFFECT_EVERY == 0:
        effects = (AddDufCode(f"mark-{i}", DufCaseNumber(f"2015{i:08d}"), "MH"),)

    def decide(
        state: Tally | None, ctx: Context, _uow: UnitOfWork
    ) -> Result[Decision[Tally], DomainError]:
        base = state or Tally(f"tally {i % TALLIES}", str(ctx.actor.id))
        evs = (Counted(1), Scheduled(ctx.today + timedelta(days=14)))
        return Success(Decision(fold(evolve_tally, base, evs), evs, effects, (), ("TT-01",)))

    return decide


class _Library:
    """Commands through ``bootstrap()`` and the runner."""

    def __init__(self, setting: str) -> None:
        self.app = bootstrap({"store": setting, "clock": f"fixed:{NOW.isoformat()}"}).unwrap()
        self.app.organisation.ensure_named_units().unwrap()
        self.app.organisation.register_employee("kari", "Kari", "AUA-IGS").unwrap()

    def step(self, i: int) -> None:
        self.app.runner.run(TALLY, f"t{i % TALLIES}", "kari", _command(i)).unwrap()

    def close(self) -> None:
        self.app.close()


class _BareCore:
    """The same rows, written straight with Core: one transaction per command."""

    def __init__(self, setting: str) -> None:
        self.engine = bare_engine(migrated(setting))
        self.versions: dict[str, int] = {}
        self.counts: dict[str, int] = {}

    def step(self, i: int) -> None:
        aid = f"t{i % TALLIES}"
        base = self.versions.get(aid, 0)
        count = self.counts.get(aid, 0) + 1
        name = f"tally {i % TALLIES}"
        due = NOW.date() + timedelta(days=14)
        state = {
            "name": name,
            "owner": "kari",
            "count": count,
            "due": due.isoformat(),
            "done_on": None,
        }
        with self.engine.begin() as conn:
            if base == 0:
                conn.execute(
                    aggregates.insert().values(
                        kind="tally", id=aid, version=2, state=state, updated_at=NOW
                    )
                )
            else:
                conn.execute(
                    aggregates.update()
                    .where(
                        aggregates.c.kind == "tally",
                        aggregates.c.id == aid,
                        aggregates.c.version == base,
                    )
                    .values(version=base + 2, state=state, updated_at=NOW)
                )
                conn.execute(
                    aggregate_index.delete().where(
                        aggregate_index.c.kind == "tally", aggregate_index.c.id == aid
                    )
                )
            conn.execute(
                aggregate_index.insert(),
                [
                    {"kind": "tally", "id": aid, "key": "name", "value": name},
                    {"kind": "tally", "id": aid, "key": "owner", "value": "kari"},
                ],
            )
            conn.execute(
                events.insert(),
                [
                    {
                        "kind": "tally",
                        "aggregate_id": aid,
                        "version": base + v,
                        "occurred_at": NOW,
                        "actor": "kari",
                        "rule_ids": ["TT-01"],
                        "type": kind,
                        "payload": payload,
                    }
                    for v, kind, payload in (
                        (1, "Counted", {"by": 1}),
                        (2, "Scheduled", {"due": due.isoformat()}),
                    )
                ],
            )
            if i % EFFECT_EVERY == 0:
                effect = {"type": "AddDufCode", "key": f"mark-{i}", "case": f"2015{i:08d}"}
                conn.execute(
                    outbox.insert().values(
                        key=f"mark-{i}",
                        effect={**effect, "code": "MH"},
                        aggregate_kind="tally",
                        aggregate_id=aid,
                        created_at=NOW,
                        next_attempt_at=NOW,
                        status="pending",
                        attempts=0,
                    )
                )
            conn.execute(
                obligations.delete().where(
                    obligations.c.routine == "tally", obligations.c.aggregate_id == aid
                )
            )
            conn.execute(
                obligations.insert().values(
                    routine="tally",
                    aggregate_id=aid,
                    key="count",
                    rule_id="TT-01",
                    what=f"count {name}",
                    who="kari",
                    due=due,
                    met_on=None,
                )
            )
        self.versions[aid] = base + 2
        self.counts[aid] = count

    def close(self) -> None:
        self.engine.dispose()


def _commands(backend: str, n: int) -> bool:
    """Both sides in interleaved rounds (so a busy moment on the machine hits both)."""
    with database(backend) as lib_setting, database(backend) as bare_setting:
        sides: dict[str, _Library | _BareCore] = {
            "library": _Library(lib_setting),
            "bare": _BareCore(bare_setting),
        }
        times = interleaved(sides, n)
        for side in sides.values():
            side.close()
    library, bare = times["library"], times["bare"]
    ratio = library / bare
    print(
        f"   {backend:<10} {n} commands: library {library:.2f} s "
        f"({library / n * 1e3:.2f} ms each), bare Core {bare:.2f} s "
        f"({bare / n * 1e3:.2f} ms each), ratio {ratio:.2f}x (target <= 2x)"
    )
    return ratio <= 2.0


# -- (b) the obligations query --------------------------------------------------------


AS_OF = date(2026, 3, 1)
FIRST_DUE = date(2024, 1, 1)
SPAN_DAYS = 4 * 365


def _obligation_rows(start: int, stop: int, seed: int) -> Iterator[tuple[object, ...]]:
    """Ten obligations per aggregate, due over four years; most of the past ones met."""
    rnd = random.Random(seed)
    for i in range(start, stop):
        due = FIRST_DUE + timedelta(days=rnd.randrange(SPAN_DAYS))
        past = due < AS_OF - timedelta(days=30)
        met = rnd.random() < (0.9 if past else 0.3)
        met_on = due - timedelta(days=rnd.randrange(10)) if met else None
        routine = ROUTINES[(i // 10) % len(ROUTINES)]
        yield (
            routine,
            f"agg-{i // 10:07d}",
            f"k{i % 10}",
            "XX-01",
            f"obligation {i}",
            "kari",
            due,
            met_on,
        )


def _bulk_load(store: SqlStore, start: int, stop: int) -> None:
    columns = "routine, aggregate_id, key, rule_id, what, who, due, met_on"
    if store.name == "postgresql":
        raw = store.engine.raw_connection()
        try:
            driver = raw.driver_connection
            assert driver is not None
            with (
                driver.cursor() as cur,
                cur.copy(f"COPY obligations ({columns}) FROM STDIN") as copy,
            ):
                for row in _obligation_rows(start, stop, start):
                    copy.write_row(row)
            driver.commit()
            driver.autocommit = True
            driver.execute("VACUUM (ANALYZE) obligations")
        finally:
            raw.close()
        return
    with store.engine.connect() as conn:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        conn.execute(
            obligations.insert(),
            [
                dict(zip(columns.split(", "), r, strict=True))
                for r in _obligation_rows(start, stop, start)
            ],
        )
        conn.exec_driver_sql("COMMIT")
        conn.exec_driver_sql("ANALYZE")


def _query_time(store: SqlStore) -> tuple[float, int, int]:
    """Best of five: totals per routine and status, and the first 100 overdue items."""
    best = float("inf")
    total = page = 0
    for _ in range(5):
        started = time.perf_counter()
        with store.unit_of_work() as uow:
            totals = uow.obligations.totals(AS_OF)
            overdue = uow.obligations.query(
                ObligationQuery(AS_OF, {ObligationStatus.OVERDUE}, limit=100)
            )
        best = min(best, time.perf_counter() - started)
        total, page = sum(totals.values()), len(overdue)
        assert [o.due for o in overdue] == sorted(o.due for o in overdue)
    return best, total, page


def _obligations(backend: str, sizes: tuple[int, int]) -> bool:
    small, large = sizes
    with database(backend) as setting:
        store = Plugins.load().build_store(setting).unwrap()
        assert isinstance(store, SqlStore)
        _bulk_load(store, 0, small)
        at_small, n_small, page_small = _query_time(store)
        _bulk_load(store, small, large)
        at_large, n_large, page_large = _query_time(store)
        store.close()
    assert (n_small, n_large, page_small, page_large) == (small, large, 100, 100)
    print(f"   {backend} obligations query (totals per routine and status + first 100 overdue):")
    print(f"   {'rows':>12} {small:>12,} {large:>12,}")
    print(f"   {'seconds':>12} {at_small:>12.3f} {at_large:>12.3f}   (target < 0.5 s)")
    return at_large < 0.5


def run(smoke: bool) -> bool:
    pg = pg_reachable()
    if not pg:
        print(f"   PostgreSQL: no server reachable at {pg_url()}")
    ok = True
    n = 200 if smoke else 10_000
    ok &= _commands("sqlite", n)
    if pg:
        ok &= _commands("postgresql", 100 if smoke else n)
        ok &= _obligations("postgresql", (2_000, 20_000) if smoke else (100_000, 1_000_000))
    elif smoke:
        ok &= _obligations("sqlite", (2_000, 20_000))
    else:
        ok = False
    return ok
