"""``state_json``: the JSON text of a state, with the plain data of unchanged frozen
objects reused, always reads back as ``unstructure(state)``."""

from __future__ import annotations

import gc
import importlib
import inspect
import json
import pkgutil
import weakref
from datetime import UTC, datetime
from typing import Any

import attrs
import pytest
from attrs import evolve, frozen
from hypothesis import given
from hypothesis import strategies as st

import udi_core.domain
from udi_core.domain import catalog
from udi_core.domain.kernel.identifiers import EmployeeId, UnitId
from udi_core.domain.second_hand_review.model import (
    Appointment,
    SecondHandReview,
)
from udi_core.serialization import DOMAIN_PACKAGE, state_json, unstructure
from udi_core.testing.strategies import state_strategies

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)


@pytest.mark.parametrize("kind", catalog.KINDS, ids=lambda k: k.name)
def test_state_json_is_the_plain_encoding_also_when_states_share_objects(kind: Any) -> None:
    made = state_strategies()[kind.name]

    @given(st.lists(made(), min_size=1, max_size=4))
    def same_text(states: list[Any]) -> None:
        for state in states + states[::-1]:  # again: now from what was remembered
            assert json.loads(state_json(state)) == _plain(state)

    same_text()


def test_a_changed_object_is_encoded_afresh_and_the_unchanged_ones_reused() -> None:
    kari = Appointment(EmployeeId("kari"), "experienced", T0)
    ola = Appointment(EmployeeId("ola"), "experienced", T0)
    before = SecondHandReview(UnitId("OPA-E1"), appointments=(kari, ola))
    assert json.loads(state_json(before)) == _plain(before)
    revoked = evolve(kari, revoked_at=T0)
    after = evolve(before, appointments=(revoked, ola))
    assert json.loads(state_json(after))["appointments"][0]["revoked_at"] == T0.isoformat()
    assert json.loads(state_json(after)) == _plain(after)
    assert json.loads(state_json(before)) == _plain(before)


@pytest.mark.parametrize("text", ["ÆØÅ 🙂 \u202e", "nul \x00 here", "lone \ud800 surrogate"])
def test_any_text_is_written_and_read_back_exactly(text: str) -> None:
    state = SecondHandReview(
        UnitId("OPA-E1"), appointments=(Appointment(EmployeeId("kari"), text, T0),)
    )
    written = state_json(state)
    assert json.loads(written)["appointments"][0]["basis"] == text
    # non-ASCII kept as it is, unless the text holds a lone surrogate (then all escaped)
    assert written.isascii() is (text.isascii() or "\ud800" in text)


def _plain(state: object) -> Any:
    """``unstructure(state)`` as JSON reads it back (tuples become lists)."""
    return json.loads(json.dumps(unstructure(state)))


def _domain_classes() -> list[type]:
    found: list[type] = []
    prefix = udi_core.domain.__name__ + "."
    for info in pkgutil.walk_packages(udi_core.domain.__path__, prefix):
        module = importlib.import_module(info.name)
        found += [
            c
            for _, c in inspect.getmembers(module, inspect.isclass)
            if c.__module__ == module.__name__ and attrs.has(c)
        ]
    return found


@frozen
class _Frozen:
    a: int


def test_every_attrs_class_of_the_domain_is_frozen() -> None:
    """``state_json`` remembers the plain data of domain objects by identity: it relies
    on this."""
    assert udi_core.domain.__name__ == DOMAIN_PACKAGE
    classes = _domain_classes()
    assert len(classes) > 50
    frozen_setattr: object = _Frozen.__setattr__
    setattrs: list[tuple[str, object]] = [(c.__qualname__, c.__setattr__) for c in classes]
    mutable = [name for name, setattr_ in setattrs if setattr_ is not frozen_setattr]
    assert mutable == []


def test_the_state_itself_is_not_kept_alive_by_what_is_remembered() -> None:
    state = SecondHandReview(
        UnitId("OPA-E9"), appointments=(Appointment(EmployeeId("kari"), "experienced", T0),)
    )
    state_json(state)
    gone = weakref.ref(state)
    del state
    gc.collect()
    assert gone() is None
