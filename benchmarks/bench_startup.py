"""Start-up: ``udi --help`` under 0.4 s and ``python -c "import udi_core"`` under 0.15 s.

Each is run as a fresh process several times; the median is compared with the target and
with a bare ``python -c pass`` measured in the same run (the interpreter's own floor).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

HELP_TARGET = 0.4
IMPORT_TARGET = 0.15


def _median(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(smoke: bool) -> bool:
    runs = 3 if smoke else 11
    python = sys.executable
    udi = str(Path(python).with_name("udi"))
    floor = _median([python, "-c", "pass"], runs)
    imported = _median([python, "-c", "import udi_core"], runs)
    helped = _median([udi, "--help"], runs)
    print(f"   python -c pass:             {floor:.3f} s (the interpreter's floor)")
    print(
        f"   python -c 'import udi_core': {imported:.3f} s "
        f"(target < {IMPORT_TARGET} s; {imported / floor:.1f}x the floor)"
    )
    print(f"   udi --help:                 {helped:.3f} s (target < {HELP_TARGET} s)")
    met = imported < IMPORT_TARGET and helped < HELP_TARGET
    print(f"   targets: {'met' if met else 'MISSED'}")
    return met
