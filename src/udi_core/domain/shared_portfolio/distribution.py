"""The distribution engine (SP-09): which participating unit gets which categorised case.

A pure, deterministic function over plain indices so it runs in linear time on a million
cases. The policy, in order:

1. **Targets.** Each unit's target load is ``N * capacity / sum(capacities)`` for the
   ``N`` cases of the run, rounded by largest remainder (ties to the earlier unit), so the
   targets add up to ``N``. Capacity is the unit's production requirement; the responsible
   unit's is the reduced one (SP-03).
2. **Easy share (SP-09b).** The responsible unit first takes
   ``ceil(easy_share_percent * n_easy / 100)`` of the run's easy cases (categories of
   complexity ``LOW``), spread over the easy categories by largest remainder. It is
   therefore never left with only the hardest cases while easy ones arrive.
3. **Clearance (SP-09).** The remaining cases of a category go only to units cleared for
   it. Categories are handled most constrained first (fewest cleared units, then hardest,
   then catalogue order). Each unit's *room* is its target minus what it already holds.
   When the category fits in the cleared units' room it is split in proportion to room
   (never above it); otherwise every cleared unit's room is filled and the rest is split
   in proportion to capacity. A unit therefore ends above its target only when every
   unit cleared for some category it received had reached its own target.
4. **Order.** Within a category the cases keep arrival order and the units are
   interleaved: a unit's k-th case sits near position ``(2k + 1) * n / (2 * quota)``, so
   each unit gets early and late arrivals alike.

Every case is assigned exactly once. The responsible unit must be cleared for every
category (it holds the competence the others build up), so no case is left over.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

from attrs import field, frozen


class Complexity(enum.Enum):
    """How demanding a category is (kompleksitet), easiest first."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Complexity.LOW: 0, Complexity.MEDIUM: 1, Complexity.HIGH: 2}


@frozen
class UnitSpec:
    """One participating unit as the engine sees it: its capacity and cleared categories
    (indices into :attr:`DistributionInput.complexities`)."""

    capacity: int = field()
    cleared: frozenset[int]

    @capacity.validator
    def _positive(self, _attr: object, value: int) -> None:
        if value < 1:
            raise ValueError("a unit's capacity (production requirement) is at least 1")


@frozen
class DistributionInput:
    """Everything the engine needs besides the cases: category complexities (by index),
    units (by index), which unit is responsible, and its share of easy cases."""

    complexities: tuple[Complexity, ...]
    units: tuple[UnitSpec, ...]
    responsible: int
    easy_share_percent: int

    def __attrs_post_init__(self) -> None:
        if not self.units or not 0 <= self.responsible < len(self.units):
            raise ValueError("the responsible unit is one of the units")
        everything = frozenset(range(len(self.complexities)))
        if not everything <= self.units[self.responsible].cleared:
            raise ValueError("the responsible unit is cleared for every category")
        if not 0 <= self.easy_share_percent <= 100:
            raise ValueError("the easy share is a percentage 0-100")


@frozen
class Allocation:
    """The engine's result: the unit index of every case (in the order given), how many
    cases of each category each unit got (``quotas[unit][category]``), the targets, and
    how many easy cases the responsible unit took as its share."""

    unit_of_case: tuple[int, ...]
    quotas: tuple[tuple[int, ...], ...]
    targets: tuple[int, ...]
    easy_share: int

    @property
    def loads(self) -> tuple[int, ...]:
        return tuple(sum(row) for row in self.quotas)


def apportion(total: int, weights: Sequence[int]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder, ties to the lower
    index). Each part is at most ``ceil(total * w / sum(weights))``."""
    whole = sum(weights)
    if total == 0 or whole == 0:
        return [0] * len(weights)
    parts: list[int] = []
    remainders: list[tuple[int, int]] = []
    for i, w in enumerate(weights):
        q, r = divmod(total * w, whole)
        parts.append(q)
        remainders.append((-r, i))
    remainders.sort()
    for _neg, i in remainders[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _interleave(bucket: list[int], quotas: list[int], out: list[int]) -> None:
    """Write into ``out`` the unit of each case in ``bucket`` (arrival order)."""
    n = len(bucket)
    givers = [u for u, q in enumerate(quotas) if q]
    if len(givers) == 1:
        unit = givers[0]
        for i in bucket:
            out[i] = unit
        return
    width = len(quotas)
    keys: list[int] = []
    for unit in givers:
        q = quotas[unit]
        half = 2 * q
        keys.extend([((2 * k + 1) * n // half) * width + unit for k in range(q)])
    keys.sort()
    for i, key in zip(bucket, keys, strict=True):
        out[i] = key % width


def distribute(spec: DistributionInput, case_categories: Sequence[int]) -> Allocation:
    """Assign every case (given by its category index, in arrival order) to a unit."""
    n_units, n_cats = len(spec.units), len(spec.complexities)
    buckets: list[list[int]] = [[] for _ in range(n_cats)]
    appenders = [b.append for b in buckets]
    for i, c in enumerate(case_categories):
        appenders[c](i)
    counts = [len(b) for b in buckets]
    capacities = [u.capacity for u in spec.units]
    targets = apportion(len(case_categories), capacities)
    quotas = [[0] * n_cats for _ in range(n_units)]
    remaining = counts[:]
    loads = [0] * n_units

    easy = [c for c in range(n_cats) if spec.complexities[c] is Complexity.LOW]
    n_easy = sum(counts[c] for c in easy)
    share = -(-spec.easy_share_percent * n_easy // 100)
    r = spec.responsible
    for c, part in zip(easy, apportion(share, [counts[c] for c in easy]), strict=True):
        quotas[r][c] += part
        remaining[c] -= part
        loads[r] += part

    cleared = [[u for u in range(n_units) if c in spec.units[u].cleared] for c in range(n_cats)]
    order = sorted(range(n_cats), key=lambda c: (len(cleared[c]), -spec.complexities[c].rank, c))
    for c in order:
        n = remaining[c]
        if n == 0:
            continue
        units = cleared[c]
        room = [max(0, targets[u] - loads[u]) for u in units]
        if n <= sum(room):
            parts = apportion(n, room)
        else:
            extra = apportion(n - sum(room), [capacities[u] for u in units])
            parts = [a + b for a, b in zip(room, extra, strict=True)]
        for u, part in zip(units, parts, strict=True):
            quotas[u][c] += part
            loads[u] += part

    out = [0] * len(case_categories)
    for c in range(n_cats):
        if buckets[c]:
            _interleave(buckets[c], [quotas[u][c] for u in range(n_units)], out)
    return Allocation(tuple(out), tuple(tuple(row) for row in quotas), tuple(targets), share)
