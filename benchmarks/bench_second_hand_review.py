"""Second-hand review: the cost of a command as a unit's aggregate grows.

The unit aggregate keeps every decision drafted in the unit (SHR-05 scope is settled at
drafting, and the drawing at a reduced share stays auditable), so each command copies
and scans tuples that grow with the unit's production. This measures one review cycle
(draft, author signs, reviewer signs, finalise: four commands) on the in-memory store
after the unit has 0, 1,000 and 5,000 decisions. Target: at 5,000 decisions a command
takes at most 5 ms on average.
"""

from __future__ import annotations

import time

from udi_core.app import App, bootstrap

UNIT = "OPA-E1"
TARGET_MS = 5.0


def _app() -> App:
    app = bootstrap({"store": "memory", "clock": "fixed:2026-03-02T09:00:00+01:00"}).unwrap()
    org = app.organisation
    org.register_unit(UNIT, "OPA enhet 1", "OPA").unwrap()
    org.register_employee("lea", "Lea", UNIT, ("unit_leader",)).unwrap()
    org.register_employee("rita", "Rita", UNIT).unwrap()
    org.register_employee("cas", "Cas", UNIT).unwrap()
    app.reviews.appoint_reviewer("lea", UNIT, "rita", "senior").unwrap()
    app.reviews.place_under_review("lea", UNIT, "cas", "new_hire", ("visa",), ("rita",)).unwrap()
    return app


def _cycle(app: App, n: int) -> None:
    ref = f"{201600000000 + n // 999:012d}-{n % 999 + 1}"
    r = app.reviews
    r.draft_decision("cas", UNIT, ref, "visa").unwrap()
    r.sign_decision("cas", UNIT, ref).unwrap()
    r.sign_decision("rita", UNIT, ref).unwrap()
    r.finalise_decision("cas", UNIT, ref).unwrap()


def run(smoke: bool) -> bool:
    sizes = (0, 100) if smoke else (0, 1_000, 5_000)
    measured = 20 if smoke else 100
    app = _app()
    done = 0
    worst = 0.0
    for size in sizes:
        while done < size:
            _cycle(app, done)
            done += 1
        started = time.perf_counter()
        for _ in range(measured):
            _cycle(app, done)
            done += 1
        per_command = (time.perf_counter() - started) / (measured * 4) * 1e3
        worst = max(worst, per_command)
        print(f"   unit with {size:>5} decisions: {per_command:.2f} ms per command")
    app.close()
    print(f"   target: at most {TARGET_MS} ms per command at the largest size")
    return worst <= TARGET_MS
