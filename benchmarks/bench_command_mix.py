"""A realistic mix of 10,000 commands across the four routines, through ``bootstrap()`` on
SQLite and on PostgreSQL, against the same row writes done with bare SQLAlchemy, one
transaction per command (target: the library within 2x of the bare baseline on both).

What is compared, per command of the mix (``benchmarks._mix``):

- library: ``app.commands.execute(payload)`` on an app from ``bootstrap()`` with the SQL
  store: it parses the payload, looks up the actor (and the unit or the people named),
  loads the aggregate, decides, and writes state, index, events, outbox, obligations and
  advisories in one transaction;
- bare: the SQL the library sent for that command, captured from its engine
  (``before_cursor_execute``) as it ran and replayed with ``exec_driver_sql`` on a twin
  database in one transaction: the read of the aggregate row(s), then every write
  (aggregate INSERT or UPDATE with the version check, index, events, outbox,
  obligations, advisories), the same statements with the same parameters. The
  library's organisation reads (actor, unit, people) are not replayed (counted in the
  output); nor is any statement building or JSON encoding (the parameters are replayed
  as the driver got them).

Both engines carry the same statement listener (the library's records what is replayed;
the bare one's record is dropped), so instrumentation weighs the same on both sides.
Both sides run in interleaved rounds (library, then bare, per tenth of the mix) so the
noise of a shared machine falls on both. The twin databases are checked to hold the same
rows afterwards. The organisation (units, employees) is set up first on both, untimed.
PostgreSQL: see ``benchmarks._sql``. The smoke run: 300 commands on SQLite. A run of
another size, while iterating: ``python -m benchmarks.bench_command_mix [N [BACKEND ...]]``
(e.g. ``2000 sqlite postgresql``; the default is ``MEDIUM`` commands on both).
"""

from __future__ import annotations

import re
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from returns.result import Failure
from sqlalchemy import Connection, Engine, event, func, select

from benchmarks._mix import REVIEW_UNITS, START, Step, mix, organise
from benchmarks._sql import bare_engine, database, interleaved, migrated, pg_reachable, pg_url
from udi_adapters.clocks import FixedClock
from udi_adapters_sql import SqlStore
from udi_adapters_sql.schema import (
    advisories,
    aggregate_index,
    aggregates,
    events,
    obligations,
    outbox,
)
from udi_core.app import App, bootstrap
from udi_core.domain.coordinator_network import KIND as NETWORK
from udi_core.domain.forum_participation import COORDINATION_KIND as COORDINATION
from udi_core.domain.second_hand_review import FINAL_KIND as REVIEW_FINALS
from udi_core.domain.second_hand_review import KIND as REVIEW
from udi_core.domain.shared_portfolio import KIND as PORTFOLIO

TARGET = 2.0
MEDIUM = 2_000  # commands of a run while iterating
Sql = tuple[str, Any]  # a statement as the driver got it, and its parameters


def _app(setting: str) -> App:
    moment = datetime.combine(START, datetime.min.time()).isoformat()
    app = bootstrap({"store": setting, "clock": f"fixed:{moment}+01:00"}).unwrap()
    organise(app)
    return app


class _Heard:
    """The statements an engine sends, as its ``before_cursor_execute`` listener hears
    them; ``fresh()`` starts a new record (the previous one is returned)."""

    def __init__(self, engine: Engine) -> None:
        self.sent: list[Sql] = []
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(
        self, _conn: Connection, _cursor: Any, statement: str, parameters: Any, *_rest: Any
    ) -> None:
        self.sent.append((statement, parameters))

    def fresh(self) -> list[Sql]:
        done, self.sent = self.sent, []
        return done


class _Library:
    """The mix through the library; records the SQL each command sends."""

    def __init__(self, setting: str, steps: Sequence[Step]) -> None:
        self.app = _app(setting)
        clock = self.app.clock
        assert isinstance(clock, FixedClock)
        self.clock = clock
        self.steps = steps
        self.sql: list[list[Sql]] = []
        self.took: list[float] = []
        store = self.app.store
        assert isinstance(store, SqlStore)
        self._heard = _Heard(store.engine)

    def step(self, i: int) -> None:
        step = self.steps[i]
        self._heard.fresh()
        started = time.perf_counter()
        self.clock.set(step.moment)
        done = self.app.commands.execute(step.payload)
        self.took.append(time.perf_counter() - started)
        if isinstance(done, Failure):
            raise RuntimeError(f"command {i} {step.payload!r}: {done.failure().describe()}")
        self.sql.append(self._heard.fresh())

    def close(self) -> None:
        self.app.close()


_FROM_AGGREGATES = re.compile(r"\s(FROM|JOIN) aggregates\s")


def _is_begin(statement: str) -> bool:
    return statement in ("BEGIN", "BEGIN IMMEDIATE")


class _Plan:
    """What the bare side does for one command, split from what the library sent."""

    def __init__(self, sent: list[Sql]) -> None:
        begin = next(k for k, (s, _) in enumerate(sent) if _is_begin(s))
        end = next(k for k, (s, _) in enumerate(sent) if s == "COMMIT")
        reads = sent[:begin]
        self.aggregate_reads = [r for r in reads if _FROM_AGGREGATES.search(r[0])]
        self.other_reads = len(reads) - len(self.aggregate_reads)
        self.writes = sent[begin + 1 : end]


class _Bare:
    """The recorded reads of aggregate rows and all writes, replayed with bare SQLAlchemy,
    one transaction per command, on a twin database."""

    def __init__(self, setting: str, library: _Library) -> None:
        _app(setting).close()  # the same organisation, untimed
        self.engine = bare_engine(migrated(setting))
        self.library = library
        self.plans: list[_Plan] = []
        self.took: list[float] = []
        # the library's engine records every statement; this one carries the same
        # listener (what it records is dropped), so neither side's time has more
        # instrumentation in it than the other's
        self._heard = _Heard(self.engine)

    def step(self, i: int) -> None:
        plan = _Plan(self.library.sql[i])
        self._heard.fresh()
        started = time.perf_counter()
        with self.engine.begin() as conn:
            for statement, parameters in plan.aggregate_reads:
                conn.exec_driver_sql(statement, parameters).fetchall()
            for statement, parameters in plan.writes:
                conn.exec_driver_sql(statement, parameters)
        self.took.append(time.perf_counter() - started)
        self.plans.append(plan)

    def close(self) -> None:
        self.engine.dispose()


def _rows(engine: Engine) -> dict[str, object]:
    """What the two databases must agree on after the run."""
    with engine.connect() as conn:
        found: dict[str, object] = {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar()
            for t in (aggregate_index, events, outbox, obligations, advisories)
        }
        found["aggregates"] = sorted(
            conn.execute(select(aggregates.c.kind, aggregates.c.id, aggregates.c.version)).all()
        )
    return found


def _sizes(app: App) -> list[str]:
    """The aggregates' sizes at the end of the run."""
    with app.store.unit_of_work() as uow:
        units = [uow.repository(REVIEW).get(i) for i in uow.repository(REVIEW).ids()]
        finals = len(uow.repository(REVIEW_FINALS).ids())
        nets = [uow.repository(NETWORK).get(i) for i in uow.repository(NETWORK).ids()]
        portfolios = uow.repository(PORTFOLIO).ids()
        coordination = [
            uow.repository(COORDINATION).get(i) for i in uow.repository(COORDINATION).ids()
        ]
    decisions = sorted(len(u.state.open_decisions) for u in units if u is not None)
    agenda = sorted(
        (len(n.state.agenda), len(n.state.meetings), n.id) for n in nets if n is not None
    )
    lines = [
        f"{len(decisions)} review units (of {REVIEW_UNITS}): {min(decisions, default=0)}-"
        f"{max(decisions, default=0)} open decisions each at the end, {finals} finalised kept "
        "apart",
        "networks (agenda items + meetings at the end): "
        + ", ".join(f"{n} {a} + {m}" for a, m, n in agenda),
        f"{len(portfolios)} shared portfolios",
    ]
    for c in coordination:
        if c is not None:
            lines[-1] += f"; coordination {c.id!r}: {len(c.state.knowledge_base)} knowledge cases"
    return lines


def _commands(backend: str, n: int, *, judged: bool = True) -> bool:
    steps = mix(n)
    with database(backend) as lib_setting, database(backend) as bare_setting:
        library = _Library(lib_setting, steps)
        bare = _Bare(bare_setting, library)
        times = interleaved({"library": library, "bare": bare}, n)
        library_store = library.app.store
        assert isinstance(library_store, SqlStore)
        same = _rows(library_store.engine) == _rows(bare.engine)
        sizes = _sizes(library.app)
        library.close()
        bare.close()
    lib, base = times["library"], times["bare"]
    ratio = lib / base
    met = ratio <= TARGET
    verdict = (
        ("met" if met else "MISSED")
        if judged
        else "not judged on a smoke run, whose first commands pay one-time set-up"
    )
    print(
        f"   {backend:<10} {n} commands: library {lib:.2f} s ({lib / n * 1e3:.2f} ms each), "
        f"bare {base:.2f} s ({base / n * 1e3:.2f} ms each), ratio {ratio:.2f}x "
        f"(target <= {TARGET:g}x): {verdict}"
    )
    plans = bare.plans
    print(
        "     per command: {:.2f} aggregate reads + {:.2f} writes replayed; {:.2f} organisation "
        "reads of the library not replayed; twin databases hold the same rows: {}".format(
            sum(len(p.aggregate_reads) for p in plans) / n,
            sum(len(p.writes) for p in plans) / n,
            sum(p.other_reads for p in plans) / n,
            "yes" if same else "NO",
        )
    )
    by_routine: dict[str, list[int]] = defaultdict(list)
    for i, step in enumerate(steps):
        by_routine[step.routine].append(i)
    for routine, indexes in by_routine.items():
        lib_ms = sum(library.took[i] for i in indexes) / len(indexes) * 1e3
        bare_ms = sum(bare.took[i] for i in indexes) / len(indexes) * 1e3
        print(
            f"     {routine:<27} {len(indexes):>5} commands: library {lib_ms:6.2f} ms, "
            f"bare {bare_ms:5.2f} ms, ratio {lib_ms / bare_ms:5.2f}x"
        )
    for line in sizes:
        print(f"     {line}")
    return (met or not judged) and same


def run(smoke: bool) -> bool:
    print(
        "   library: app.commands.execute(payload) through bootstrap() and the SQL store;\n"
        "   bare: per command, one transaction replaying the library's own SQL for it (the\n"
        "   aggregate read and every write) with exec_driver_sql: same statements, same driver\n"
        "   parameters, no statement building, no organisation reads, no JSON (de)coding on\n"
        "   SQLite (psycopg encodes JSON at execute time)"
    )
    if smoke:
        return _commands("sqlite", 300, judged=False)
    ok = _commands("sqlite", 10_000)
    if not pg_reachable():
        print(f"   PostgreSQL: no server reachable at {pg_url()}: target not measured")
        return False
    return _commands("postgresql", 10_000) and ok


def main(argv: Sequence[str]) -> int:
    """``[N [BACKEND ...]]``: N commands (default ``MEDIUM``) on each backend."""
    n = int(argv[0]) if argv else MEDIUM
    backends = list(argv[1:]) or ["sqlite", "postgresql"]
    results = [_commands(backend, n) for backend in backends]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
