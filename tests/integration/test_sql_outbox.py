"""The transactional outbox on SQLite and PostgreSQL: effects stored with their command,
delivered through the mocks despite faults, each exactly once, also across a crash
between the delivery and the recording of it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import cast

import pytest
from returns.result import Failure

from tests.integration.sql_helpers import count, note, sql_app
from udi_adapters.clocks import FixedClock
from udi_adapters.duf_mock import MockDuf
from udi_adapters.websak_mock import MockWebSak
from udi_core.app import App
from udi_core.app.outbox import OutboxDispatcher
from udi_core.domain.kernel.effects import AddDufCode, PostJournal
from udi_core.domain.kernel.identifiers import DufCaseNumber
from udi_core.ports.outbox import OutboxStatus
from udi_core.ports.plugins import Plugins
from udi_core.testing.tally import TALLY


@pytest.fixture
def app(sql_setting: str) -> Iterator[App]:
    built = sql_app(sql_setting)
    yield built
    built.close()


@pytest.mark.parametrize("k", [2, 3, 5])
def test_every_effect_is_delivered_once_despite_every_kth_call_failing(app: App, k: int) -> None:
    duf, websak = cast(MockDuf, app.duf), cast(MockWebSak, app.journal)
    marks = [AddDufCode(f"m{i}", DufCaseNumber(f"2015000000{i:02d}"), "MH") for i in range(24)]
    posts = [PostJournal(f"p{i}", note(100 + i)) for i in range(12)]
    for i, mark in enumerate(marks):
        extra = (posts[i // 2],) if i % 2 == 0 else ()
        app.runner.run(TALLY, f"t{i}", "kari", count(1, mark, *extra)).unwrap()
    assert len(app.outbox.items(OutboxStatus.PENDING)) == 36
    duf.faults.fail_every(k)
    websak.faults.fail_every(k)
    clock = cast(FixedClock, app.clock)
    for _ in range(30):
        app.outbox.deliver()
        clock.advance(timedelta(hours=2))
    items = app.outbox.items()
    assert {i.status for i in items} == {OutboxStatus.DELIVERED}
    assert dict(duf.ledger) == {m.key: 1 for m in marks}
    assert dict(websak.ledger) == {p.key: 1 for p in posts}
    assert duf.faults.injected > 0
    assert websak.faults.injected > 0
    numbers = {str(p.number) for p in websak.posts().unwrap()}
    assert {i.result for i in items if i.key.startswith("p")} == numbers
    assert any(i.attempts > 1 for i in items)


def test_failed_attempts_wait_for_their_backoff_and_can_be_listed(app: App) -> None:
    duf = cast(MockDuf, app.duf)
    mark = AddDufCode("m1", DufCaseNumber("201500000001"), "MH")
    app.runner.run(TALLY, "t1", "kari", count(1, mark)).unwrap()
    duf.faults.fail_next(1)
    assert app.outbox.deliver().retried == 1
    [waiting] = app.outbox.items(OutboxStatus.PENDING)
    assert waiting.attempts == 1
    assert "injected" in (waiting.last_error or "")
    assert waiting.next_attempt_at == app.clock.now() + app.outbox.policy.next_delay(1)
    assert app.outbox.deliver().delivered == 0  # not due yet
    cast(FixedClock, app.clock).advance(app.outbox.policy.next_delay(1))
    assert app.outbox.deliver().delivered == 1
    assert dict(duf.ledger) == {"m1": 1}


def test_a_crash_between_delivery_and_recording_sends_once(
    app: App, sql_setting: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    websak, duf = cast(MockWebSak, app.journal), cast(MockDuf, app.duf)
    post = PostJournal("t1/report", note(40))
    mark = AddDufCode("t1/mark", DufCaseNumber("201512345601"), "MH")
    app.runner.run(TALLY, "t1", "kari", count(1, post, mark)).unwrap()

    def die(_item: object) -> None:
        raise SystemExit("killed after delivery, before recording")

    monkeypatch.setattr(app.outbox, "_record", die)
    with pytest.raises(SystemExit):
        app.outbox.deliver()
    assert dict(duf.ledger) == {"t1/mark": 1}  # the first due item went out, unrecorded
    assert dict(websak.ledger) == {}
    app.close()  # the process is gone; its connections with it

    # a new process: a new store on the same database, the same outside systems
    store = Plugins.load().build_store(sql_setting).unwrap()
    restarted = OutboxDispatcher(store, duf, websak, app.clock)
    assert {i.status for i in restarted.items()} == {OutboxStatus.PENDING}
    report = restarted.deliver()
    assert report.delivered == 2
    assert dict(websak.ledger) == {"t1/report": 1}
    assert dict(duf.ledger) == {"t1/mark": 1}
    [number] = [str(p.number) for p in websak.posts().unwrap()]
    recorded = {i.key: i for i in restarted.items()}
    assert recorded["t1/report"].status is OutboxStatus.DELIVERED
    assert recorded["t1/report"].result == number
    assert restarted.deliver().delivered == 0
    store.close()


def test_a_refused_command_stores_no_effect(app: App) -> None:
    mark = AddDufCode("t1/mark", DufCaseNumber("201512345601"), "MH")
    result = app.runner.run(TALLY, "t1", "nobody", count(1, mark))
    assert isinstance(result, Failure)
    assert app.outbox.items() == []
    assert app.queries.history("t1") == []
