"""Reliability and security proof (issue 9): concurrency on PostgreSQL, faults in the
outside systems with a killed dispatcher, bad input, the authorization matrix and SQL
safety. The harness modules here also feed ``benchmarks/bench_reliability.py``, which
runs them at full size and prints the figures."""
