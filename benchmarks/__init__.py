"""Benchmarks: speed and memory targets measured as ratios within one run.

Run all with ``make bench`` (``python -m benchmarks``), a small smoke run with
``make bench-smoke``, or one with ``python -m benchmarks NAME``. Each module
``benchmarks/bench_NAME.py`` has ``run(smoke: bool) -> bool``: it prints its figures and
returns whether its targets were met (a full run exits 1 when one was missed). Targets
are checked here, never by timed assertions in tests.
"""
