"""Store baseline: commands through the runner on the in-memory store, against the same
state changes written straight into a dict (the floor any store can reach)."""

from __future__ import annotations

import time

from returns.result import Result, Success

from udi_core.app import bootstrap
from udi_core.domain.kernel.aggregate import Context, Decision, fold
from udi_core.domain.kernel.errors import DomainError
from udi_core.ports.persistence import UnitOfWork
from udi_core.testing.tally import TALLY, Counted, Tally, evolve_tally


def _count(
    state: Tally | None, ctx: Context, _uow: UnitOfWork
) -> Result[Decision[Tally], DomainError]:
    base = state or Tally("t", str(ctx.actor.id))
    events = (Counted(1),)
    return Success(Decision(fold(evolve_tally, base, events), events))


def run(smoke: bool) -> bool:
    n = 500 if smoke else 20_000
    app = bootstrap({"store": "memory", "clock": "fixed:2026-03-02T09:00:00+01:00"}).unwrap()
    app.organisation.ensure_named_units().unwrap()
    app.organisation.register_employee("kari", "Kari", "AUA-IGS").unwrap()
    started = time.perf_counter()
    for i in range(n):
        app.runner.run(TALLY, f"t{i % 100}", "kari", _count).unwrap()
    library = time.perf_counter() - started

    floor: dict[str, Tally] = {}
    started = time.perf_counter()
    for i in range(n):
        key = f"t{i % 100}"
        floor[key] = evolve_tally(floor.get(key) or Tally("t", "kari"), Counted(1))
    bare = time.perf_counter() - started
    print(f"   {n} commands: runner {library:.3f} s, bare dict {bare:.4f} s")
    print(f"   per command: {library / n * 1e6:.1f} µs (ratio to bare {library / bare:.0f}x)")
    return True
