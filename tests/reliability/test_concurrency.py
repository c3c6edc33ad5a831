"""8 writers on the three coordinator networks of one PostgreSQL database: every conflict
is a typed ConcurrencyConflict the caller retries, and at the end nothing is lost, nothing
is doubled and the state is what a serial run of the committed commands gives.

The test runs 8 × 60 commands; ``benchmarks/bench_reliability.py`` runs 8 × 1,000."""

from __future__ import annotations

import attrs
import pytest

from tests.reliability.concurrency import check, prepared_app, race

WRITERS = 8
PER_WRITER = 60


@pytest.mark.postgres
def test_racing_writers_on_postgresql_lose_nothing_and_match_a_serial_replay(
    pg_setting: str,
) -> None:
    prepared_app(pg_setting).close()
    outcome = race(pg_setting, WRITERS, PER_WRITER)
    assert outcome.errors == ()
    assert len(outcome.committed) == WRITERS * PER_WRITER
    assert outcome.conflicts > 0, "the writers never overlapped: the test proves nothing"
    verdict = check(pg_setting, outcome)
    assert verdict.problems == ()
    setup_events = 2 * 3  # each network: established, one member appointed
    assert verdict.events == WRITERS * PER_WRITER + setup_events
    # The check itself notices a lost update and a doubled version.
    lost = attrs.evolve(outcome, committed=outcome.committed[1:])
    assert any("lost" in p or "unrequested" in p for p in check(pg_setting, lost).problems)
    first = outcome.committed[0]
    doubled = attrs.evolve(outcome, committed=(*outcome.committed, first))
    assert any("same version" in p for p in check(pg_setting, doubled).problems)
