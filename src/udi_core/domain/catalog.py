"""The catalogue: every aggregate kind and every rule, in one place.

Each aggregate package exposes ``KIND`` (its :class:`AggregateKind`) and a ``rules``
module of :class:`Rule` constants; adding an aggregate means adding it here.
"""

from __future__ import annotations

from types import ModuleType
from typing import cast

from udi_core.domain.kernel.aggregate import AggregateKind
from udi_core.domain.kernel.rules import Rule, RuleRegistry


def rules_in(*modules: ModuleType) -> tuple[Rule, ...]:
    """The Rule constants defined in ``modules``."""
    return tuple(v for m in modules for v in vars(m).values() if isinstance(v, Rule))


def _kinds() -> tuple[AggregateKind[object], ...]:
    from udi_core.domain import second_hand_review

    return (cast(AggregateKind[object], second_hand_review.KIND),)


def _rule_modules() -> tuple[ModuleType, ...]:
    from udi_core.domain.second_hand_review import rules as second_hand_review_rules

    return (second_hand_review_rules,)


KINDS: tuple[AggregateKind[object], ...] = _kinds()
RULES: RuleRegistry = RuleRegistry.of(rules_in(*_rule_modules()))


def kind_named(name: str) -> AggregateKind[object] | None:
    return next((k for k in KINDS if k.name == name), None)
