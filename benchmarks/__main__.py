"""Run the benchmarks: ``python -m benchmarks [--smoke] [NAME ...]``."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time
from pathlib import Path


def _names() -> list[str]:
    here = Path(__file__).parent
    return sorted(
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules([str(here)])
        if m.name.startswith("bench_")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="small sizes: checks they run")
    parser.add_argument("names", nargs="*", help=f"which to run (default all): {_names()}")
    args = parser.parse_args(argv)
    chosen = args.names or _names()
    unknown = sorted(set(chosen) - set(_names()))
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; known: {_names()}")
    failed = []
    for name in chosen:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        print(f"## {name}{' (smoke)' if args.smoke else ''}", flush=True)
        started = time.perf_counter()
        ok = module.run(args.smoke)
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
        if not ok:
            failed.append(name)
    if failed and not args.smoke:
        print(f"targets missed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
