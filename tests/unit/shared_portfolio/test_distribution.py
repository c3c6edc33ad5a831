"""Properties of the distribution engine (SP-09) on random portfolios."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from udi_core.domain.shared_portfolio.distribution import (
    Allocation,
    Complexity,
    DistributionInput,
    UnitSpec,
    apportion,
    distribute,
)
from udi_core.testing.strategies.shared_portfolio import distribution_inputs


@st.composite
def runs(draw: st.DrawFn) -> tuple[DistributionInput, list[int]]:
    spec = draw(distribution_inputs())
    cases = draw(st.lists(st.integers(0, len(spec.complexities) - 1), max_size=400))
    return spec, cases


def _easy(spec: DistributionInput, cases: list[int]) -> int:
    return sum(1 for c in cases if spec.complexities[c] is Complexity.LOW)


@given(runs())
def test_every_case_is_assigned_exactly_once_to_a_real_unit(
    run: tuple[DistributionInput, list[int]],
) -> None:
    spec, cases = run
    allocation = distribute(spec, cases)
    assert len(allocation.unit_of_case) == len(cases)
    assert all(0 <= u < len(spec.units) for u in allocation.unit_of_case)
    # the per-case assignment and the per-unit, per-category counts agree
    tallied = Counter(zip(allocation.unit_of_case, cases, strict=True))
    for u, row in enumerate(allocation.quotas):
        for c, n in enumerate(row):
            assert tallied[(u, c)] == n
    assert sum(allocation.loads) == len(cases)


@given(runs())
def test_a_unit_only_gets_categories_it_is_cleared_for(
    run: tuple[DistributionInput, list[int]],
) -> None:
    spec, cases = run
    allocation = distribute(spec, cases)
    for unit, category in zip(allocation.unit_of_case, cases, strict=True):
        assert category in spec.units[unit].cleared


@given(runs())
def test_the_responsible_unit_gets_its_share_of_the_easy_cases(
    run: tuple[DistributionInput, list[int]],
) -> None:
    spec, cases = run
    allocation = distribute(spec, cases)
    easy = _easy(spec, cases)
    got = sum(
        1
        for u, c in zip(allocation.unit_of_case, cases, strict=True)
        if u == spec.responsible and spec.complexities[c] is Complexity.LOW
    )
    assert got * 100 >= spec.easy_share_percent * easy
    if easy and spec.easy_share_percent:
        assert got >= 1  # never only the hardest while easy ones arrive


@given(runs())
def test_targets_follow_capacity(run: tuple[DistributionInput, list[int]]) -> None:
    spec, cases = run
    allocation = distribute(spec, cases)
    total = sum(u.capacity for u in spec.units)
    assert sum(allocation.targets) == len(cases)
    for unit, target in zip(spec.units, allocation.targets, strict=True):
        exact = len(cases) * unit.capacity / total
        assert abs(target - exact) < 1


@given(runs())
def test_load_follows_capacity_when_every_unit_is_cleared_for_everything(
    run: tuple[DistributionInput, list[int]],
) -> None:
    base, cases = run
    everything = frozenset(range(len(base.complexities)))
    spec = DistributionInput(
        base.complexities,
        tuple(UnitSpec(u.capacity, everything) for u in base.units),
        base.responsible,
        0,
    )
    allocation = distribute(spec, cases)
    assert allocation.loads == allocation.targets


def _witness(spec: DistributionInput, allocation: Allocation, unit: int) -> bool:
    """Some category the unit got had every unit cleared for it at or above target."""
    loads, targets = allocation.loads, allocation.targets
    return any(
        allocation.quotas[unit][c]
        and all(
            loads[v] >= targets[v] for v in range(len(spec.units)) if c in spec.units[v].cleared
        )
        for c in range(len(spec.complexities))
    )


@given(runs())
def test_a_unit_is_above_target_only_when_the_units_cleared_with_it_are_full(
    run: tuple[DistributionInput, list[int]],
) -> None:
    spec, cases = run
    allocation = distribute(spec, cases)
    for unit, (load, target) in enumerate(zip(allocation.loads, allocation.targets, strict=True)):
        if load <= target:
            continue
        forced = unit == spec.responsible and load <= max(target, allocation.easy_share)
        assert forced or _witness(spec, allocation, unit), (unit, allocation)


@given(runs())
def test_distribution_is_deterministic(run: tuple[DistributionInput, list[int]]) -> None:
    spec, cases = run
    assert distribute(spec, cases) == distribute(spec, list(cases))


@given(st.integers(0, 10_000), st.lists(st.integers(0, 100), min_size=1, max_size=12))
def test_apportion_splits_the_total_within_one_of_the_exact_share(
    total: int, weights: list[int]
) -> None:
    parts = apportion(total, weights)
    if sum(weights) == 0:
        assert parts == [0] * len(weights)
        return
    assert sum(parts) == total
    for part, w in zip(parts, weights, strict=True):
        assert abs(part - total * w / sum(weights)) < 1


def test_a_worked_example() -> None:
    """Two categories (easy, hard); responsible unit 0 (capacity 2) takes everything, unit
    1 (capacity 2) only the easy one; a 50 % easy share for the responsible unit."""
    spec = DistributionInput(
        (Complexity.LOW, Complexity.HIGH),
        (UnitSpec(2, frozenset({0, 1})), UnitSpec(2, frozenset({0}))),
        0,
        50,
    )
    cases = [0, 0, 0, 0, 1, 1]
    allocation = distribute(spec, cases)
    assert allocation.targets == (3, 3)
    assert allocation.easy_share == 2
    # the responsible unit: 2 easy (its share) + both hard cases; unit 1: the other 2 easy
    assert allocation.quotas == ((2, 2), (2, 0))
    assert allocation.unit_of_case == (0, 1, 0, 1, 0, 0)
