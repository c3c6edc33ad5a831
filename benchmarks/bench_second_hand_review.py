"""Second-hand review: the cost of a command as a unit's production grows.

The unit aggregate keeps only what the rules read to decide the next command
(appointments, placements with at most 100 evidence outcomes per case field, open
decisions); a finalised decision leaves it and is kept apart, one record per decision.
This measures one review cycle (draft, author signs, reviewer signs, finalise: four
commands) on the in-memory store after the unit has finalised 0, 1,000 and 5,000
decisions, and prints the size of the unit's state as the SQL store would keep it (JSON).
Target: flat in the number of finalised decisions: at the largest size a command takes
at most 5 ms on average and at most twice what it takes in a fresh unit.
"""

from __future__ import annotations

import json
import time

from udi_core.app import App, bootstrap
from udi_core.serialization import unstructure

UNIT = "OPA-E1"
TARGET_MS = 5.0
TARGET_GROWTH = 2.0


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


def _state_bytes(app: App) -> int:
    state = app.reviews.state(UNIT).unwrap()
    return len(json.dumps(unstructure(state)).encode("utf-8"))


def run(smoke: bool) -> bool:
    sizes = (0, 100) if smoke else (0, 1_000, 5_000)
    measured = 20 if smoke else 100
    app = _app()
    done = 0
    figures: list[float] = []
    for size in sizes:
        while done < size:
            _cycle(app, done)
            done += 1
        state_bytes = _state_bytes(app)
        started = time.perf_counter()
        for _ in range(measured):
            _cycle(app, done)
            done += 1
        per_command = (time.perf_counter() - started) / (measured * 4) * 1e3
        figures.append(per_command)
        print(
            f"   unit with {size:>5} finalised decisions: {per_command:.2f} ms per command "
            f"(state {state_bytes:,} bytes as JSON)"
        )
    app.close()
    growth = figures[-1] / figures[0]
    print(
        f"   largest / fresh: {growth:.2f}x; target: at most {TARGET_MS} ms per command and "
        f"at most {TARGET_GROWTH}x a fresh unit at the largest size"
    )
    return figures[-1] <= TARGET_MS and growth <= TARGET_GROWTH
