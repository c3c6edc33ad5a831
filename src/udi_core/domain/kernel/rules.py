"""The rule registry: every rule of the IMs is one named object.

Errors, advisories and obligations point at these objects; the rule catalogue and the
docs are generated from them.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator
from datetime import date

from attrs import field, frozen

from udi_core.domain.kernel.identifiers import ImId

_RULE_ID = re.compile(r"^[A-Z]{2,4}-\d{2}[a-z]?$")


class Modality(enum.Enum):
    """How binding a rule is, from the wording of the IM."""

    MUST = "MUST"  # "skal": breaking it refuses the command
    SHOULD = "SHOULD"  # "bør", "som hovedregel", "vurderes": allowed, with an advisory
    MAY = "MAY"  # "kan": a permission the model offers
    DEADLINE = "DEADLINE"  # an obligation with a due date computed from the facts
    CADENCE = "CADENCE"  # a recurring obligation (monthly, yearly, ...)


@frozen
class Rule:
    """One rule: id, modality, source (IM id and section), valid-from date and titles."""

    id: str = field()
    modality: Modality
    im: ImId
    section: str
    valid_from: date
    title_en: str
    title_nb: str

    @id.validator
    def _check_id(self, _attr: object, value: str) -> None:
        if not _RULE_ID.match(value):
            raise ValueError(f"rule id {value!r} is not of the form XX-NN")

    @property
    def source(self) -> str:
        """``IM 2015-002 §3``: where the rule comes from."""
        return f"{self.im} {self.section}"

    def title(self, lang: str = "en") -> str:
        return self.title_nb if lang == "nb" else self.title_en

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on


@frozen
class RuleRegistry:
    """An immutable catalogue of rules, looked up by id."""

    _rules: dict[str, Rule] = field(alias="rules")

    @classmethod
    def of(cls, rules: Iterable[Rule]) -> RuleRegistry:
        table: dict[str, Rule] = {}
        for rule in rules:
            if rule.id in table and table[rule.id] != rule:
                raise ValueError(f"rule id {rule.id} is registered twice")
            table[rule.id] = rule
        return cls(dict(sorted(table.items(), key=lambda kv: _sort_key(kv[0]))))

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def get(self, rule_id: str) -> Rule | None:
        return self._rules.get(rule_id)

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def in_force(self, on: date) -> tuple[Rule, ...]:
        return tuple(r for r in self if r.in_force(on))

    def by_modality(self, modality: Modality) -> tuple[Rule, ...]:
        return tuple(r for r in self if r.modality is modality)


def _sort_key(rule_id: str) -> tuple[str, int, str]:
    prefix, _, rest = rule_id.partition("-")
    digits = rest[:2]
    return (prefix, int(digits), rest[2:])
