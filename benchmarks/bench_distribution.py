"""Distribution (SP-09): 100,000 and 1,000,000 categorised cases over 10 units.

What is measured, at each size, on the in-memory store:
- ``engine``: the pure engine :func:`distribute` alone over the pending cases;
- ``service``: the whole command path ``app.shared_portfolio.distribute(...)``: the runner
  resolves the actor, loads the portfolio, the domain builds the engine input from the
  state (category of every pending case), runs the engine, records the run (parameters,
  per-unit counts and one unit index per case) as an event, and the unit of work stores
  state, event and obligations in one transaction.
Not measured: the set-up that puts the sorted cases into the portfolio (one CasesSorted
event folded into the state and saved directly, without the per-case DUF outbox items
that sorting through the service would also create). Targets: service < 1 s at 100k and
< 10 s at 1M; the per-case cost ratio (1M / 100k) shows linearity (1.0 = linear).
Each size is measured on three fresh portfolios and the fastest service run is shown.
"""

from __future__ import annotations

import random
import time

from udi_core.app import App, bootstrap
from udi_core.app.shared_portfolio import (
    ActivatePortfolio,
    AddAssistingUnit,
    AppointContact,
    ClearanceStep,
    CreateMarkingCode,
    DefineCategory,
    DistributeCases,
    PlanPortfolio,
    PresentCategoriesToPu,
    RecordTraining,
    SetClearancePlan,
    SetProductionRequirement,
    StartPreparation,
)
from udi_core.domain.kernel.aggregate import fold
from udi_core.domain.kernel.identifiers import UnitId
from udi_core.domain.shared_portfolio import KIND
from udi_core.domain.shared_portfolio.distribution import DistributionInput, UnitSpec, distribute
from udi_core.domain.shared_portfolio.events import CasesSorted
from udi_core.domain.shared_portfolio.evolve import evolve
from udi_core.domain.shared_portfolio.model import TrainingElement

UNITS = 10
CATEGORIES = (("A", "low"), ("B", "low"), ("C", "medium"), ("D", "medium"), ("E", "high"))


def _portfolio(n: int) -> tuple[App, str]:
    app = bootstrap({"store": "memory", "clock": "fixed:2026-03-02T09:00:00+01:00"}).unwrap()
    org = app.organisation
    org.ensure_named_units().unwrap()
    org.register_unit("ASA-LEDELSE", "ASA ledelse", "ASA", "leadership").unwrap()
    org.register_employee("dir", "Direktør", "ASA-LEDELSE", ["department_director"]).unwrap()
    org.register_unit("ASA-FSG", "Fagsystemgruppen", "ASA").unwrap()
    org.register_employee("fsg", "Systemist", "ASA-FSG").unwrap()
    units = [f"ASA-E{i}" for i in range(UNITS)]
    for u in units:
        org.register_unit(u, u, "ASA").unwrap()
        org.register_employee(f"lead-{u}", "Leder", u, ["unit_leader"]).unwrap()
    run = app.commands.execute
    pid, resp = "bench", units[0]
    run(PlanPortfolio("dir", pid, "ER", "Eritrea", "ASA-LEDELSE", resp, resp, "ASA-FSG")).unwrap()
    for u in units[1:]:
        run(AddAssistingUnit("dir", pid, u)).unwrap()
    run(StartPreparation("dir", pid)).unwrap()
    run(SetProductionRequirement("dir", pid, resp, 6, 10)).unwrap()
    for i, u in enumerate(units[1:]):
        run(SetProductionRequirement("dir", pid, u, 8 + i % 5)).unwrap()
    for code, complexity in CATEGORIES:
        run(DefineCategory(f"lead-{resp}", pid, code, code, complexity, "risk")).unwrap()
        run(CreateMarkingCode("fsg", pid, code, f"ER-{code}")).unwrap()
    run(PresentCategoriesToPu(f"lead-{resp}", pid, "presented")).unwrap()
    elements = tuple(e.value for e in TrainingElement)
    for u in units:
        run(RecordTraining(f"lead-{resp}", pid, u, elements, app.clock.now().date())).unwrap()
        if u != resp:
            run(AppointContact(f"lead-{u}", pid, u, f"lead-{u}")).unwrap()
    run(ActivatePortfolio("dir", pid)).unwrap()
    early = [ClearanceStep(app.clock.now().date(), u, ("A", "B", "C")) for u in units[1:6]]
    steps = tuple(early + [ClearanceStep(app.clock.now().date(), u, ("A",)) for u in units[6:]])
    run(
        SetClearancePlan(f"lead-{resp}", pid, steps, app.clock.now().date().replace(year=2027), 20)
    ).unwrap()

    rng = random.Random(2016_003)
    codes = [code for code, _ in CATEGORIES]
    categories = tuple(rng.choices(codes, weights=(30, 20, 25, 15, 10), k=n))
    numbers = tuple(f"2026{i:08d}" for i in range(n))
    with app.store.unit_of_work() as uow:
        repo = uow.repository(KIND)
        loaded = repo.get(pid)
        assert loaded is not None
        sorted_ = CasesSorted(
            UnitId(units[0]), app.clock.now().date(), numbers, categories, numbers
        )
        state = fold(evolve, loaded.state, [sorted_])
        repo.save(pid, state, expected_version=loaded.version, version=loaded.version + 1)
        uow.commit().unwrap()
    return app, pid


def _engine_only(app: App, pid: str) -> float:
    state = app.shared_portfolio.portfolio(pid).unwrap()
    index = {c.code: i for i, c in enumerate(state.categories)}
    spec = DistributionInput(
        tuple(c.complexity for c in state.categories),
        tuple(UnitSpec(8, frozenset(range(len(index)))) for _ in range(UNITS)),
        0,
        20,
    )
    cases = [index[c] for c in state.cases.categories]
    started = time.perf_counter()
    distribute(spec, cases)
    return time.perf_counter() - started


def _measure(n: int) -> tuple[float, float]:
    app, pid = _portfolio(n)
    engine = _engine_only(app, pid)
    started = time.perf_counter()
    outcome = app.commands.execute(DistributeCases("lead-ASA-E0", pid)).unwrap()
    service = time.perf_counter() - started
    assert outcome.state.distributed == n
    app.close()
    return engine, service


def run(smoke: bool) -> bool:
    small, large = (1_000, 10_000) if smoke else (100_000, 1_000_000)
    results = {}
    for n in (small, large):
        # best of three fresh portfolios, so one garbage-collection pause does not decide
        engine, service = min((_measure(n) for _ in range(3)), key=lambda t: t[1])
        results[n] = service
        print(
            f"   {n:>9,} cases over {UNITS} units: engine {engine:.3f} s, "
            f"service path {service:.3f} s ({service / n * 1e6:.2f} µs/case)",
            flush=True,
        )
    ratio = (results[large] / large) / (results[small] / small)
    print(f"   per-case cost ratio {large:,} / {small:,}: {ratio:.2f} (1.00 = linear)")
    ok = results[small] < 1.0 and results[large] < 10.0
    verdict = "met" if ok else "MISSED"
    print(f"   targets ({small:,} < 1 s, {large:,} < 10 s on the service path): {verdict}")
    return ok
