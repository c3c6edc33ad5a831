"""structure(unstructure(x)) == x for every persisted type: kernel values and every
catalogued aggregate kind's state (the memory store keeps objects, so this is where the
round trip is proven for it; the SQL stores prove it again through their rows)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from returns.result import Success

from udi_core.domain import catalog
from udi_core.domain.kernel.errors import InvalidInput
from udi_core.domain.kernel.identifiers import EmployeeId
from udi_core.serialization import structure, unstructure
from udi_core.testing.strategies import obligations, state_strategies


@pytest.mark.parametrize("kind", catalog.KINDS, ids=lambda k: k.name)
def test_every_kind_state_round_trips_through_cattrs(kind: Any) -> None:
    made = state_strategies().get(kind.name)
    assert made is not None, f"no state strategy registered for {kind.name}"

    @given(made())
    def round_trip(state: object) -> None:
        assert structure(unstructure(state), kind.state_type) == Success(state)

    round_trip()


def test_every_kind_has_a_state_strategy_and_distinct_name() -> None:
    names = [k.name for k in catalog.KINDS]
    assert len(names) == len(set(names))
    assert set(names) <= set(state_strategies())


@given(st.lists(obligations, max_size=5))
def test_obligations_round_trip(items: list[object]) -> None:
    from udi_core.domain.kernel.obligations import Obligation

    assert structure(unstructure(items), list[Obligation]) == Success(items)


@pytest.mark.parametrize("kind", catalog.KINDS, ids=lambda k: k.name)
@pytest.mark.parametrize("data", ["", 7, None, ["a"], 1.5])
def test_data_that_is_not_an_object_is_invalid_input_at_the_root(kind: Any, data: object) -> None:
    result = structure(data, kind.state_type)
    failure = result.failure()
    assert isinstance(failure, InvalidInput)
    assert failure.field == "$"
    assert kind.state_type.__name__ in failure.expected


def test_a_value_object_is_still_structured_from_its_string() -> None:
    assert structure("kari", EmployeeId) == Success(EmployeeId("kari"))
    assert isinstance(structure(7, EmployeeId).failure(), InvalidInput)
