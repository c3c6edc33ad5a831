"""Benchmarks: speed and memory targets measured as ratios within one run.

Run all with ``make bench`` (``python -m benchmarks``), a small smoke run with
``make bench-smoke``, or one with ``python -m benchmarks NAME``. Each module
``benchmarks/bench_NAME.py`` has ``run(smoke: bool) -> list[str]``, which returns
the lines it prints. Targets are checked here, never by timed assertions in tests.
"""
