"""The command runner and the outbox dispatcher, with the tally kind and the mocks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from returns.result import Failure, Result, Success

from udi_adapters.clocks import FixedClock
from udi_adapters.duf_mock import MockDuf
from udi_adapters.websak_mock import MockWebSak
from udi_core.app import App, bootstrap
from udi_core.app.runner import Decide
from udi_core.domain.kernel.advisories import Advisory
from udi_core.domain.kernel.aggregate import Context, Decision, fold
from udi_core.domain.kernel.effects import AddDufCode, Effect, PostJournal
from udi_core.domain.kernel.errors import DomainError, InvalidInput, NotFound, refuse
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber, DufCaseNumber, EmployeeId
from udi_core.domain.kernel.noark5 import (
    Document,
    DocumentRole,
    JournalPost,
    Journalposttype,
    Korrespondansepart,
    Korrespondanseparttype,
)
from udi_core.domain.kernel.rules import Modality, Rule
from udi_core.ports.outbox import OutboxStatus
from udi_core.ports.persistence import UnitOfWork
from udi_core.testing.tally import (
    TALLY,
    TALLY_SHOULD,
    Counted,
    Scheduled,
    Tally,
    evolve_tally,
)

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _note() -> JournalPost:
    kp = Korrespondanseparttype
    return JournalPost(
        ArchiveCaseNumber(26, 40),
        Journalposttype.INTERNAL_NO_FOLLOW_UP,
        "Intern rapportering fra møte – EMN – returns",
        "Intern rapportering fra møte – internasjonale fora",
        (
            Korrespondansepart(kp.INTERNAL_SENDER, "Kari Nordmann"),
            Korrespondansepart(kp.INTERNAL_RECIPIENT, "AUA Internasjonal enhet", "IGS"),
        ),
        (Document("Rapport", DocumentRole.MAIN),),
    )


MUST = Rule("TT-02", Modality.MUST, TALLY_SHOULD.im, "§2", date(2000, 1, 1), "positive", "positiv")


@pytest.fixture
def app() -> Iterator[App]:
    built = bootstrap({"store": "memory", "clock": f"fixed:{T0.isoformat()}"}).unwrap()
    built.organisation.ensure_named_units().unwrap()
    built.organisation.register_employee("kari", "Kari Nordmann", "AUA-IGS").unwrap()
    yield built
    built.close()


def count(by: int, *effects: Effect) -> Decide[Tally]:
    def decide(
        state: Tally | None, ctx: Context, _uow: UnitOfWork
    ) -> Result[Decision[Tally], DomainError]:
        if by <= 0:
            return refuse(MUST, f"count by {by}")
        base = state or Tally("t", str(ctx.actor.id))
        events = (Counted(by), Scheduled(ctx.today + timedelta(days=14)))
        advice = (Advisory(TALLY_SHOULD, "counted late"),) if by > 5 else ()
        return Success(
            Decision(fold(evolve_tally, base, events), events, tuple(effects), advice, ("TT-02",))
        )

    return decide


def test_an_accepted_command_stores_state_events_outbox_obligations_and_advisories(
    app: App,
) -> None:
    effect = AddDufCode("t1/mark", DufCaseNumber("201512345601"), "MH")
    outcome = app.runner.run(TALLY, "t1", "kari", count(7, effect)).unwrap()
    assert outcome.version == 2
    assert outcome.state.count == 7
    assert [r.version for r in outcome.events] == [1, 2]
    history = app.queries.history("t1")
    assert [type(r.event) for r in history] == [Counted, Scheduled]
    assert {str(r.actor) for r in history} == {"kari"}
    assert history[0].occurred_at == T0
    assert [i.key for i in app.outbox.items()] == ["t1/mark"]
    [obligation] = app.queries.obligations(date(2026, 3, 2))
    assert obligation.due == date(2026, 3, 16)
    [advisory] = app.queries.advisories("t1")
    assert advisory.advisory.rule is TALLY_SHOULD
    assert advisory.version == 2


def test_a_refused_command_changes_nothing(app: App) -> None:
    effect = AddDufCode("t1/mark", DufCaseNumber("201512345601"), "MH")
    result = app.runner.run(TALLY, "t1", "kari", count(-1, effect))
    assert isinstance(result, Failure)
    assert result.failure().rule_ids == ("TT-02",)
    assert app.queries.history("t1") == []
    assert app.outbox.items() == []
    assert app.queries.obligations(date(2026, 3, 2)) == []


def test_an_unknown_or_malformed_actor_is_refused(app: App) -> None:
    unknown = app.runner.run(TALLY, "t1", "nobody", count(1))
    assert unknown == Failure(NotFound("employee", "nobody", "actor"))
    malformed = app.runner.run(TALLY, "t1", "no body", count(1))
    assert malformed.failure() == InvalidInput("actor", EmployeeId.EXPECTED, "no body")


def test_dispatcher_delivers_each_effect_once_despite_faults(app: App) -> None:
    duf = cast(MockDuf, app.duf)
    effects = [AddDufCode(f"m{i}", DufCaseNumber(f"2015000000{i:02d}"), "MH") for i in range(30)]
    for i, effect in enumerate(effects):
        app.runner.run(TALLY, f"t{i}", "kari", count(1, effect)).unwrap()
    duf.faults.fail_every(3)
    clock = cast(FixedClock, app.clock)
    for _ in range(20):
        app.outbox.deliver()
        clock.advance(timedelta(hours=2))
    assert all(i.status is OutboxStatus.DELIVERED for i in app.outbox.items())
    assert sorted(duf.ledger) == sorted(e.key for e in effects)
    assert set(duf.ledger.values()) == {1}
    assert duf.faults.injected > 0


def test_a_crash_between_delivery_and_recording_is_harmless(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    websak = cast(MockWebSak, app.journal)
    post = _note()
    app.runner.run(TALLY, "t1", "kari", count(1, PostJournal("t1/report", post))).unwrap()

    def crash(_item: object) -> None:
        raise SystemExit("killed after delivery, before recording")

    monkeypatch.setattr(app.outbox, "_record", crash)
    with pytest.raises(SystemExit):
        app.outbox.deliver()
    assert websak.ledger == {"t1/report": 1}
    assert app.outbox.items()[0].status is OutboxStatus.PENDING
    monkeypatch.undo()
    report = app.outbox.deliver()
    assert report.delivered == 1
    assert websak.ledger == {"t1/report": 1}
    [item] = app.outbox.items()
    assert item.status is OutboxStatus.DELIVERED
    assert item.result == str(websak.posts().unwrap()[0].number)


def test_a_final_refusal_fails_the_item_and_retry_makes_it_pending(app: App) -> None:
    post = _note()
    broken = PostJournal(
        "t1/bad",
        type(post)(post.archive_case, post.type, post.title, post.template, post.parties, ()),
    )
    app.runner.run(TALLY, "t1", "kari", count(1, broken)).unwrap()
    report = app.outbox.deliver()
    assert report.failed == 1
    [item] = app.outbox.items(OutboxStatus.FAILED)
    assert "main document" in (item.last_error or "")
    assert app.outbox.retry("no-such-key") == Success(0)
    assert app.outbox.retry() == Success(1)
    assert [i.key for i in app.outbox.items(OutboxStatus.PENDING)] == ["t1/bad"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-3, 9), min_size=1, max_size=12))
def test_stored_state_equals_the_fold_of_its_history(bys: list[int]) -> None:
    app = bootstrap({"store": "memory", "clock": f"fixed:{T0.isoformat()}"}).unwrap()
    app.organisation.ensure_named_units().unwrap()
    app.organisation.register_employee("kari", "Kari", "AUA-IGS").unwrap()
    for by in bys:
        app.runner.run(TALLY, "t", "kari", count(by))
    history = app.queries.history("t")
    with app.store.unit_of_work() as uow:
        loaded = uow.repository(TALLY).get("t")
    if not history:
        assert loaded is None
        return
    assert loaded is not None
    first = Tally("t", "kari")
    assert fold(evolve_tally, first, [r.event for r in history]) == loaded.state
    assert [r.version for r in history] == list(range(1, loaded.version + 1))
    assert loaded.state.count == sum(b for b in bys if b > 0)
