"""The benchmark's command mix stays a valid working period: every command is accepted."""

from __future__ import annotations

from collections import Counter

import pytest
from benchmarks._mix import SHARES, START, mix, organise
from returns.result import Success

from udi_adapters.clocks import FixedClock
from udi_core.app import bootstrap


@pytest.mark.parametrize("n", [300, 1_000])
def test_every_command_of_the_mix_is_accepted_in_the_declared_shares(n: int) -> None:
    steps = mix(n)
    app = bootstrap({"store": "memory", "clock": f"fixed:{START.isoformat()}T09:00:00+01:00"})
    with app.unwrap() as built:
        organise(built)
        clock = built.clock
        assert isinstance(clock, FixedClock)
        for step in steps:
            clock.set(step.moment)
            done = built.commands.execute(step.payload)
            assert isinstance(done, Success), (step, done)
        assert [s.day for s in steps] == sorted(s.day for s in steps)
        counted = Counter(s.routine for s in steps)
        assert sum(counted.values()) == n
        for routine, share in SHARES.items():
            assert abs(counted[routine] - share * n) <= 1, routine
        outbox = built.outbox.items(limit=10_000)
        assert outbox  # sorting into categories and reports reach the outbox
