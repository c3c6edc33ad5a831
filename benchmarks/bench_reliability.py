"""Reliability and security figures (issue 9), each a measured count, at full size:

- concurrency: 8 writers × 1,000 commands on the three coordinator networks of one
  PostgreSQL database; conflicts retried; checked against the fold and a serial replay;
- faults: 10,000 outbox effects, the mock DUF and WebSak failing every 5th call (20%),
  the dispatcher process SIGKILLed 5 times; checked against the mocks' ledgers;
- bad input: hypothesis-mutated payloads for every command (bus and ``udi exec``) and
  data for every value object and state;
- authorization: every command tried by everyone in the prepared organisation who may
  not perform it.

Smoke mode runs small sizes. The harness lives in ``tests/reliability`` (the tests run the
same code at CI sizes). Run from the project root: ``make reliability``.
"""

from __future__ import annotations

import functools
import json
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.pg import fresh_schema
from tests.reliability import bad_input, concurrency, faults
from tests.reliability.authorization import (
    EXEMPT,
    KNOWN_GAPS,
    PREPARATIONS,
    attempt,
    is_proper_refusal,
    network_world,
)

from udi_core.app import bootstrap
from udi_core.serialization import unstructure


def _fuzz(
    examples: int, check: Callable[[object], None], strategy: st.SearchStrategy[Any]
) -> str | None:
    """Run ``check`` on ``examples`` drawn examples; the first problem, or None."""

    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def body(data: object) -> None:
        check(data)

    try:
        body()
    except AssertionError as exc:
        return str(exc).splitlines()[0][:200]
    return None


def _concurrency(smoke: bool) -> bool:
    writers, per_writer = 8, 10 if smoke else 1000
    try:
        with fresh_schema() as setting:
            concurrency.prepared_app(setting).close()
            started = time.perf_counter()
            outcome = concurrency.race(setting, writers, per_writer)
            seconds = time.perf_counter() - started
            verdict = concurrency.check(setting, outcome)
    except (pytest.skip.Exception, pytest.fail.Exception) as exc:
        print(f"concurrency: not run ({exc})")
        return False
    print(f"concurrency (PostgreSQL, {writers} writers × {per_writer} commands, {seconds:.1f} s)")
    print(f"  commands committed        {len(outcome.committed):>8,}")
    print(f"  conflicts (typed)         {outcome.conflicts:>8,}")
    print(f"  retries                   {outcome.conflicts:>8,}")
    print(f"  commands that retried     {outcome.retried_commands:>8,}")
    print(f"  most retries of one       {outcome.most_retries:>8,}")
    print(f"  events stored             {verdict.events:>8,}")
    print(f"  other errors              {len(outcome.errors):>8,}")
    print(f"  problems                  {len(verdict.problems):>8,}  {list(verdict.problems)[:3]}")
    return not verdict.problems and len(outcome.committed) == writers * per_writer


def _faults(smoke: bool) -> bool:
    effects, kills = (200, 2) if smoke else (10_000, 5)
    with tempfile.TemporaryDirectory() as folder:
        where = Path(folder)
        faults.seed_outbox(where, effects)
        delivery = faults.deliver_with_kills(
            where, kills, fail_every=5, seed=2026, calls_between_kills=effects // (kills + 1)
        )
        verdict = faults.verify(where, effects)
    print(f"faults (SQLite outbox, dispatcher process, {delivery.seconds:.1f} s)")
    print(f"  effects                   {verdict.effects:>8,}")
    print(f"  delivered                 {verdict.delivered:>8,}")
    print(f"  calls to DUF/WebSak       {verdict.calls:>8,}")
    print(f"  injected faults           {verdict.injected_faults:>8,}")
    print(f"  SIGKILLs                  {delivery.kills:>8,}")
    print(f"  dispatcher runs           {delivery.runs:>8,}")
    print(f"  re-sent after a kill      {verdict.repeated_sends:>8,}  (idempotent repeats)")
    print(f"  applied in DUF            {verdict.duf_applied:>8,}")
    print(f"  registered in WebSak      {verdict.journal_registered:>8,}")
    print(f"  lost or doubled           {len(verdict.problems):>8,}  {list(verdict.problems)[:3]}")
    return delivery.clean_exit and not verdict.problems and delivery.kills == kills


def _check_cli(setting: str, tally: Counter[str], text: object) -> None:
    bad_input.check_cli(setting, str(text), tally)


def _bad_input(smoke: bool) -> bool:
    per_command, per_value, cli = (5, 5, 10) if smoke else (200, 200, 300)
    tally: Counter[str] = Counter()
    problems: list[str] = []
    for name, prepare in sorted(bad_input.ALL_PREPARATIONS.items()):
        prepared = prepare()
        strategy = bad_input.mutated(dict(prepared.right), frozenset({"command"}))
        check = functools.partial(bad_input.check_command, prepared, tally=tally)
        problem = _fuzz(per_command, check, strategy)
        if problem:
            problems.append(f"{name}: {problem}")
    for name, (cls, good) in sorted(bad_input.value_types().items()):
        strategy = good.map(unstructure).flatmap(bad_input.mutated)
        problem = _fuzz(
            per_value, functools.partial(bad_input.check_value, cls, tally=tally), strategy
        )
        if problem:
            problems.append(f"{name}: {problem}")
    with tempfile.TemporaryDirectory() as folder:
        setting = f"sqlite:///{Path(folder) / 'udi.sqlite3'}"
        network_world(store=setting).close()
        payloads = st.sampled_from(sorted(bad_input.ALL_PREPARATIONS)).flatmap(
            lambda n: bad_input.mutated(dict(bad_input.right_payloads()[n]), frozenset({"command"}))
        )
        strategy = payloads.map(json.dumps) | st.text(st.characters(codec="utf-8"), max_size=60)
        problem = _fuzz(cli, functools.partial(_check_cli, setting, tally), strategy)
        if problem:
            problems.append(f"udi exec: {problem}")
    failures = sum(
        tally[k] for k in ("InvalidInput", "NotFound", "RuleViolation", "StorageFailure")
    )
    print("bad input (hypothesis-mutated, through the bus, udi exec and structure)")
    commands = len(bad_input.ALL_PREPARATIONS)
    print(f"  command payloads tried    {tally['payloads']:>8,}  ({commands} commands)")
    print(f"    InvalidInput            {tally['InvalidInput']:>8,}")
    print(f"    NotFound                {tally['NotFound']:>8,}")
    print(f"    RuleViolation           {tally['RuleViolation']:>8,}")
    print(f"    accepted (still valid)  {tally['accepted']:>8,}")
    print(
        f"  udi exec payloads tried   {tally['cli payloads']:>8,}  exit 0/1/2: "
        f"{tally['cli exit 0']}/{tally['cli exit 1']}/{tally['cli exit 2']}"
    )
    types = len(bad_input.value_types())
    print(
        f"  value data tried          {tally['values']:>8,}  ({types} types), "
        f"refused {tally['values refused']:,}"
    )
    print(f"  failures, all clean       {failures:>8,}")
    print(f"  uncaught / unclean        {len(problems):>8,}  {problems[:3]}")
    return not problems


def _authorization() -> bool:
    bus = {t.__name__: t for t in bootstrap({"store": "memory"}).unwrap().commands.command_types}
    tried = refused = 0
    improper: Counter[str] = Counter()
    for name, prepare in sorted(PREPARATIONS.items()):
        prepared = prepare()
        for actor in prepared.wrong:
            tried += 1
            result = attempt(prepared, name, actor)
            if is_proper_refusal(result, bus[name]):
                refused += 1
            else:
                improper[name] += 1
    unexpected = sorted(set(improper) - set(KNOWN_GAPS))
    print("authorization matrix (every command × everyone who may not perform it)")
    covered = f"in the matrix {len(PREPARATIONS)}, exempt {len(EXEMPT)}"
    print(f"  commands on the bus       {len(bus):>8,}  ({covered})")
    print(f"  wrong-actor attempts      {tried:>8,}")
    print(f"  refused by the rule       {refused:>8,}")
    print(
        f"  not refused by the rule   {sum(improper.values()):>8,}  in {len(improper)} commands "
        f"(known gaps: {', '.join(sorted(improper))})"
    )
    print(f"  unexpected                {len(unexpected):>8,}  {unexpected}")
    return not improper


def run(smoke: bool) -> bool:
    results = {
        "concurrency": _concurrency(smoke),
        "faults": _faults(smoke),
        "bad input": _bad_input(smoke),
        "authorization": _authorization(),
    }
    missed = [name for name, ok in results.items() if not ok]
    print(f"targets met: {'yes' if not missed else 'no: ' + ', '.join(missed)}")
    return not missed
