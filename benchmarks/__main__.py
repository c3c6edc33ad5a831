"""Run the benchmarks: ``python -m benchmarks [--smoke] [NAME ...]``."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import subprocess
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
    if len(chosen) > 1:
        # Each in a process of its own: memory figures (peak RSS) and caches of one
        # benchmark must not carry over into the next.
        for name in chosen:
            argv_one = [sys.executable, "-m", "benchmarks", name] + (
                ["--smoke"] if args.smoke else []
            )
            if subprocess.run(argv_one, check=False).returncode != 0:
                failed.append(name)
    else:
        name = chosen[0]
        module = importlib.import_module(f"benchmarks.bench_{name}")
        print(f"## {name}{' (smoke)' if args.smoke else ''}", flush=True)
        started = time.perf_counter()
        ok = module.run(args.smoke)
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
        if not ok:
            failed.append(name)
    if failed and not args.smoke:
        if len(chosen) > 1:
            print(f"targets missed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
