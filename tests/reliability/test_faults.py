"""Outbox effects through a DUF and a WebSak that fail every fifth call, delivered by a
dispatcher process that is SIGKILLed mid-run and restarted: every effect takes effect
exactly once (the mocks' file ledgers count each idempotency key once), none is lost.

The test runs 600 effects and 3 kills; ``benchmarks/bench_reliability.py`` runs 10,000."""

from __future__ import annotations

from pathlib import Path

from tests.reliability.faults import deliver_with_kills, seed_outbox, verify

EFFECTS = 600
KILLS = 3
FAIL_EVERY = 5  # 20% of the calls to each mock fail


def test_a_killed_dispatcher_and_failing_systems_lose_nothing_and_double_nothing(
    tmp_path: Path,
) -> None:
    seed_outbox(tmp_path, EFFECTS)
    delivery = deliver_with_kills(
        tmp_path, KILLS, FAIL_EVERY, seed=9, calls_between_kills=EFFECTS // (KILLS + 1)
    )
    assert delivery.kills == KILLS
    assert delivery.clean_exit
    verdict = verify(tmp_path, EFFECTS)
    assert verdict.problems == ()
    assert verdict.delivered == EFFECTS
    assert verdict.duf_applied + verdict.journal_registered == EFFECTS
    assert verdict.injected_faults >= verdict.calls // FAIL_EVERY - 2 * delivery.runs
    assert verdict.calls >= EFFECTS + verdict.injected_faults


def test_the_verdict_notices_a_doubled_and_a_lost_effect(tmp_path: Path) -> None:
    seed_outbox(tmp_path, 10)
    assert deliver_with_kills(tmp_path, 0, 0, seed=1, calls_between_kills=1).clean_exit
    assert verify(tmp_path, 10).problems == ()
    ledger = tmp_path / "duf.jsonl"
    first, *rest = ledger.read_text(encoding="utf-8").splitlines(keepends=True)
    ledger.write_text("".join([first, first, *rest[1:]]), encoding="utf-8")
    problems = verify(tmp_path, 10).problems
    assert any("more than once" in p for p in problems)
    assert any("never reached" in p for p in problems)
