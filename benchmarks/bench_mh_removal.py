"""CN-09: remove "MH" from the cases reported to KOM, against a mock DUF of 1,000,000
marked cases, through the service and the in-memory store.

Two KOM years on the same DUF: 100,000 reported cases (the target: under 5 s, peak
memory under 300 MB for the whole process, DUF included), then 50,000 others. The cost
per removal at both sizes, and their ratio, shows the cost is linear in removals (not in
the marked cases). One event per batch names each case it removed, with the batch's
actor and time on its record. The set-up (DUF seed, KOM input) is frozen out of the
garbage collector before timing, as a remote DUF would hold it outside the process.
"""

from __future__ import annotations

import gc
import resource
import sys
import time

from udi_adapters.duf_mock import MockDuf
from udi_core.app import bootstrap
from udi_core.app.coordinator_network import CoordinatorNetworkService, MhRemovalReport
from udi_core.domain.coordinator_network import KIND, MH, MhCodesRemoved
from udi_core.domain.kernel.identifiers import DufCaseNumber

TARGET_SECONDS = 5.0
TARGET_MB = 300.0
BATCH = 1000


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _timed(service: CoordinatorNetworkService, year: int) -> tuple[float, MhRemovalReport]:
    started = time.perf_counter()
    report = service.remove_mh_codes("lead", year, batch_size=BATCH).unwrap()
    return time.perf_counter() - started, report


def run(smoke: bool) -> bool:
    marked_n, big, small = (20_000, 2_000, 1_000) if smoke else (1_000_000, 100_000, 50_000)
    app = bootstrap({"store": "memory", "clock": "fixed:2026-03-02T09:00:00+01:00"}).unwrap()
    app.organisation.ensure_named_units().unwrap()
    app.organisation.register_employee("igs", "Igs", "AUA-IGS").unwrap()
    app.organisation.register_employee("lead", "Lead", "AUA-RVE").unwrap()
    duf = MockDuf(record_calls=False)
    service = CoordinatorNetworkService(app.runner, app.store, duf)
    service.establish("igs", "trafficking", "lead").unwrap()

    marked = [DufCaseNumber(f"2024{i:08d}") for i in range(marked_n)]
    duf.seed(MH, marked)
    # every 10th case reported for 2025; every 10th from the 5th on, half as many, for 2024
    years = {2025: marked[::10][:big], 2024: marked[5::10][:small]}
    for year, cases in years.items():
        service.record_kom_input("lead", year, [c.value for c in cases]).unwrap()
        service.record_kom_publication("lead", year, "2026-02-15").unwrap()
    del marked
    setup_mb = _peak_mb()
    # The mock DUF's million cases stand for a remote system: keep the collector from
    # rescanning them during the runs (the library's own objects are still collected).
    gc.collect()
    gc.freeze()

    seconds: dict[int, float] = {}
    for year, cases in years.items():
        took, report = _timed(service, year)
        assert report.completed
        assert report.removed == len(cases)
        seconds[year] = took
    remaining = len(duf.cases_with(MH, limit=marked_n).unwrap())
    assert remaining == marked_n - big - small
    peak_mb = _peak_mb()

    history = app.queries.history("trafficking", KIND.name)
    batches = sum(1 for r in history if isinstance(r.event, MhCodesRemoved))
    per_big = seconds[2025] / big * 1e6
    per_small = seconds[2024] / small * 1e6
    ratio = seconds[2025] / seconds[2024]
    print(f"   DUF: {marked_n:,} cases marked {MH}; batches of {BATCH}")
    print(f"   {big:,} removals: {seconds[2025]:.2f} s ({per_big:.1f} µs per removal)")
    print(f"   {small:,} removals: {seconds[2024]:.2f} s ({per_small:.1f} µs per removal)")
    print(
        f"   time ratio {ratio:.2f} for {big / small:.0f}x the removals "
        f"(per-removal ratio {per_big / per_small:.2f}; 1.00 is linear)"
    )
    print(f"   events: {len(history)} in all, {batches} removal batches naming each case")
    print(
        f"   peak memory (process RSS, DUF included): {peak_mb:.0f} MB "
        f"(after set-up {setup_mb:.0f} MB)"
    )
    linear = 0.67 <= per_big / per_small <= 1.5
    ok = seconds[2025] < TARGET_SECONDS and peak_mb < TARGET_MB and linear
    print(
        f"   targets: < {TARGET_SECONDS:.0f} s, < {TARGET_MB:.0f} MB, linear: "
        f"{'met' if ok else 'MISSED'}"
    )
    app.close()
    gc.unfreeze()
    return ok
