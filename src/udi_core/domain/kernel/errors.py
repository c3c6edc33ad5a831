"""Typed domain errors. They are values carried in ``Failure``, never raised."""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import field, frozen
from returns.result import Failure

if TYPE_CHECKING:
    from udi_core.domain.kernel.rules import Rule


@frozen
class Breach:
    """One rule broken, with what broke it."""

    rule: Rule
    detail: str

    def describe(self, lang: str = "en") -> str:
        title = self.rule.title(lang)
        return f"{self.rule.id} ({self.rule.source}) {title}: {self.detail}"


@frozen
class RuleViolation:
    """A command was refused because it would break one or more MUST rules."""

    breaches: tuple[Breach, ...] = field()

    @breaches.validator
    def _not_empty(self, _attr: object, value: tuple[Breach, ...]) -> None:
        if not value:
            raise ValueError("a RuleViolation names at least one breach")

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(b.rule.id for b in self.breaches)

    @property
    def rule(self) -> Rule:
        """The first rule broken (most refusals break exactly one)."""
        return self.breaches[0].rule

    def describe(self, lang: str = "en") -> str:
        head = "Refused" if lang != "nb" else "Avvist"
        return f"{head}: " + "; ".join(b.describe(lang) for b in self.breaches)


@frozen
class InvalidInput:
    """Input that does not have the expected form. ``field`` is a path like ``$.agenda[2]``."""

    field: str
    expected: str
    got: str = ""

    def describe(self, lang: str = "en") -> str:
        got = f" (got {self.got!r})" if self.got else ""
        if lang == "nb":
            return f"Ugyldig verdi i {self.field}: forventet {self.expected}{got}"
        return f"Invalid {self.field}: expected {self.expected}{got}"


@frozen
class NotFound:
    """A referenced thing (employee, unit, aggregate, ...) does not exist."""

    kind: str
    key: str
    field: str = ""

    def describe(self, lang: str = "en") -> str:
        where = f" (field {self.field})" if self.field else ""
        if lang == "nb":
            return f"Fant ikke {self.kind} {self.key!r}{where}"
        return f"No {self.kind} {self.key!r}{where}"


@frozen
class ConcurrencyConflict:
    """Another writer changed the aggregate after it was loaded; nothing was stored."""

    aggregate_kind: str
    aggregate_id: str
    expected_version: int
    actual_version: int

    def describe(self, lang: str = "en") -> str:
        if lang == "nb":
            return (
                f"Samtidig endring av {self.aggregate_kind} {self.aggregate_id}: lest versjon "
                f"{self.expected_version}, lagret versjon {self.actual_version}. Prøv igjen."
            )
        return (
            f"Concurrent change to {self.aggregate_kind} {self.aggregate_id}: loaded version "
            f"{self.expected_version}, stored version {self.actual_version}. Retry the command."
        )


@frozen
class StorageFailure:
    """The store could not carry out the command (unreachable, out of date schema, ...)."""

    message: str
    fix: str = ""

    def describe(self, lang: str = "en") -> str:
        return self.message + (f" ({self.fix})" if self.fix else "")


DomainError = RuleViolation | InvalidInput | NotFound | ConcurrencyConflict | StorageFailure
"""Everything a command can fail with. Match on it; every member has ``describe(lang)``."""


def refuse(rule: Rule, detail: str) -> Failure[RuleViolation]:
    """A Failure that names one broken rule."""
    return Failure(RuleViolation((Breach(rule, detail),)))


def invalid(field: str, expected: str, got: object = "") -> Failure[InvalidInput]:
    """A Failure for input of the wrong form."""
    shown = got if isinstance(got, str) else repr(got)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return Failure(InvalidInput(field, expected, shown))
