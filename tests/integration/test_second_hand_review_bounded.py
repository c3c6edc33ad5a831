"""A unit's review state stays bounded through the application: final decisions are kept
apart (and read back from there), and their ids are never drafted again, on the memory
store and on the SQL stores."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from returns.result import Failure, Result

from tests.integration.test_second_hand_review_service import (
    T0,
    UNIT,
    dec,
    ok,
    reviewed_and_final,
    setup_review,
    snapshot,
)
from udi_core.app import App, bootstrap
from udi_core.domain.kernel.errors import InvalidInput, NotFound
from udi_core.domain.second_hand_review import FINAL_KIND, KIND, DecisionStatus


def _organised(app: App) -> App:
    org = app.organisation
    org.register_unit(UNIT, "OPA enhet 1", "OPA").unwrap()
    org.register_employee("lea", "Lea Leder", UNIT, ("unit_leader",)).unwrap()
    org.register_employee("rita", "Rita Revisor", UNIT).unwrap()
    org.register_employee("cas", "Cas Saksbehandler", UNIT).unwrap()
    return app


@pytest.fixture
def app(any_setting: str) -> Iterator[App]:
    built = bootstrap({"store": any_setting, "clock": f"fixed:{T0.isoformat()}"}).unwrap()
    yield _organised(built)
    built.close()


def test_a_final_decision_leaves_the_unit_state_and_reads_back_whole(app: App) -> None:
    setup_review(app)
    reviewed_and_final(app, 1)
    ok(app.reviews.draft_decision("cas", UNIT, dec(2), "visa"))
    state = ok(app.reviews.state(UNIT))
    assert [str(d.id) for d in state.open_decisions] == [dec(2)]
    final = ok(app.reviews.decision(UNIT, dec(1)))
    assert final.status is DecisionStatus.FINAL
    assert final.in_scope
    assert final.reviewed
    assert [s.signer.value for s in final.signatures] == ["cas", "rita"]
    assert final.finalised_at == T0
    assert ok(app.reviews.decision(UNIT, dec(2))).status is DecisionStatus.DRAFT
    missing = app.reviews.decision(UNIT, dec(3))
    assert isinstance(missing, Failure)
    assert isinstance(missing.failure(), NotFound)
    with app.store.unit_of_work() as uow:
        assert uow.repository(FINAL_KIND).ids() == [f"{UNIT}/{dec(1)}"]


def test_a_finalised_id_is_never_drafted_again_nor_acted_on(app: App) -> None:
    setup_review(app)
    reviewed_and_final(app, 1)
    before = snapshot(app)
    with app.store.unit_of_work() as uow:
        kept = uow.repository(FINAL_KIND).get(f"{UNIT}/{dec(1)}")
    r = app.reviews
    attempts: tuple[tuple[Result[Any, Any], str], ...] = (
        (r.draft_decision("cas", UNIT, dec(1), "visa"), "not yet used"),
        (r.sign_decision("rita", UNIT, dec(1)), "not final"),
        (r.return_decision("rita", UNIT, dec(1), "Again."), "not final"),
        (r.note_review("rita", UNIT, dec(1), "Seen."), "not final"),
        (r.finalise_decision("cas", UNIT, dec(1)), "not final"),
    )
    for result, expected in attempts:
        assert isinstance(result, Failure), result
        error = result.failure()
        assert isinstance(error, InvalidInput), error
        assert error.field == "decision_id"
        assert expected in error.expected
        assert snapshot(app) == before
    with app.store.unit_of_work() as uow:
        assert uow.repository(FINAL_KIND).get(f"{UNIT}/{dec(1)}") == kept


def test_the_unit_state_does_not_grow_with_finalised_decisions(app: App) -> None:
    setup_review(app)
    reviewed_and_final(app, 1)
    with app.store.unit_of_work() as uow:
        small = uow.repository(KIND).get(UNIT)
    for n in range(2, 8):
        reviewed_and_final(app, n)
    with app.store.unit_of_work() as uow:
        later = uow.repository(KIND).get(UNIT)
        kept = len(uow.repository(FINAL_KIND).ids())
    assert small is not None
    assert later is not None
    assert later.state.open_decisions == small.state.open_decisions == ()
    assert later.state.appointments == small.state.appointments
    assert kept == 7
    placement = later.state.active_placement(later.state.placements[0].employee)
    assert placement is not None
    assert len(placement.fields[0].outcomes) == 7
