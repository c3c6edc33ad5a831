"""The obligations query pushed down to SQL answers exactly as the in-memory reference:
statuses on any date, filters, paging and totals (a differential property test)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from returns.result import Success

from udi_adapters.memory import MemoryStore
from udi_core.domain.kernel.obligations import Obligation, ObligationStatus
from udi_core.ports.persistence import ObligationQuery, Store
from udi_core.ports.plugins import Plugins

AGGREGATES = [("tally", "a0"), ("tally", "a1"), ("other", "a1"), ("other", "b2")]
DAY0 = date(2026, 1, 1)
days = st.integers(0, 60).map(lambda n: DAY0 + timedelta(days=n))


@st.composite
def obligation_sets(draw: st.DrawFn) -> dict[tuple[str, str], list[Obligation]]:
    sets: dict[tuple[str, str], list[Obligation]] = {}
    for routine, aid in AGGREGATES:
        keys = draw(st.lists(st.sampled_from("klmn"), unique=True, max_size=4))
        sets[(routine, aid)] = [
            Obligation(
                k, "TT-01", routine, aid, f"do {k}", "e1", draw(days), draw(st.none() | days)
            )
            for k in keys
        ]
    return sets


queries = st.builds(
    ObligationQuery,
    as_of=days,
    statuses=st.frozensets(st.sampled_from(ObligationStatus)),
    routine=st.none() | st.sampled_from(["tally", "other", "none"]),
    aggregate_id=st.none() | st.sampled_from(["a0", "a1", "b2"]),
    due_before=st.none() | days,
    limit=st.integers(1, 8),
    offset=st.integers(0, 6),
)


def _replace(store: Store, sets: dict[tuple[str, str], list[Obligation]]) -> None:
    with store.unit_of_work() as uow:
        for (routine, aid), group in sets.items():
            uow.obligations.replace(routine, aid, group)
        assert uow.commit() == Success(None)


def test_sql_obligations_answer_as_the_reference(sql_setting: str) -> None:
    store = Plugins.load().build_store(sql_setting).unwrap()

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(sets=obligation_sets(), before=obligation_sets(), query=queries, staged=st.booleans())
    def same_answers(
        sets: dict[tuple[str, str], list[Obligation]],
        before: dict[tuple[str, str], list[Obligation]],
        query: ObligationQuery,
        staged: bool,
    ) -> None:
        reference = MemoryStore()
        _replace(reference, sets)
        _replace(store, before if staged else sets)
        with reference.unit_of_work() as expected, store.unit_of_work() as actual:
            if staged:  # staged replacements hide the stored ones, before the commit
                for (routine, aid), group in sets.items():
                    actual.obligations.replace(routine, aid, group)
            assert actual.obligations.query(query) == expected.obligations.query(query)
            assert dict(actual.obligations.totals(query.as_of)) == dict(
                expected.obligations.totals(query.as_of)
            )

    try:
        same_answers()
    finally:
        store.close()


def test_an_obligation_replaced_under_another_aggregate_is_refused(sql_setting: str) -> None:
    store = Plugins.load().build_store(sql_setting).unwrap()
    stray = Obligation("k", "TT-01", "tally", "a0", "do k", "e1", DAY0)
    with store.unit_of_work() as uow, pytest.raises(ValueError, match="belongs to tally/a0"):
        uow.obligations.replace("tally", "zz", [stray])
    store.close()
