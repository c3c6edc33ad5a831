"""The catalogue: every aggregate kind and every rule, in one place.

Each aggregate package exposes ``KIND`` (its :class:`AggregateKind`) and a ``rules``
module of :class:`Rule` constants; adding an aggregate means adding it here.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from udi_core.domain import (
    coordinator_network,
    forum_participation,
    second_hand_review,
    shared_portfolio,
)
from udi_core.domain.coordinator_network import rules as coordinator_network_rules
from udi_core.domain.forum_participation import rules as forum_participation_rules
from udi_core.domain.kernel.aggregate import AggregateKind
from udi_core.domain.kernel.rules import Rule, RuleRegistry
from udi_core.domain.second_hand_review import rules as second_hand_review_rules
from udi_core.domain.shared_portfolio import rules as shared_portfolio_rules


def rules_in(*modules: ModuleType) -> tuple[Rule, ...]:
    """The Rule constants defined in ``modules``."""
    return tuple(v for m in modules for v in vars(m).values() if isinstance(v, Rule))


def _kinds() -> tuple[AggregateKind[object], ...]:
    kinds: tuple[AggregateKind[Any], ...] = (
        second_hand_review.KIND,
        second_hand_review.FINAL_KIND,
        shared_portfolio.KIND,
        shared_portfolio.COUNTRY_PRACTICE,
        forum_participation.KIND,
        forum_participation.COORDINATION_KIND,
        coordinator_network.KIND,
    )
    return kinds


def _rule_modules() -> tuple[ModuleType, ...]:
    return (
        second_hand_review_rules,
        shared_portfolio_rules,
        forum_participation_rules,
        coordinator_network_rules,
    )


KINDS: tuple[AggregateKind[object], ...] = _kinds()
RULES: RuleRegistry = RuleRegistry.of(rules_in(*_rule_modules()))


def kind_named(name: str) -> AggregateKind[object] | None:
    return next((k for k in KINDS if k.name == name), None)
