"""Shared test configuration: hypothesis profiles and the PostgreSQL policy.

- ``HYPOTHESIS_PROFILE=ci`` (set by ``.ci/run``) bounds the examples so CI stays fast;
  the default ``dev`` profile runs more.
- ``UDI_REQUIRE_POSTGRES=1`` (set by ``.ci/run``) makes PostgreSQL tests mandatory: an
  unreachable server fails them instead of skipping them.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=40,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "dev",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
