"""The evidence policy for ending review (SHR-08) and the drawing of decisions (SHR-09)."""

from __future__ import annotations

import hashlib

from attrs import field, frozen

from udi_core.domain.second_hand_review.model import (
    EVIDENCE_WINDOW,
    CaseField,
    DecisionRef,
    Placement,
    ReviewedOutcome,
)

DEFAULT_REQUIRED_APPROVALS = 5
DEFAULT_REASON = (
    "The last 5 reviewed decisions in the case field were finalised without being returned. "
    "Five consecutive clean decisions is reached within a few weeks of ordinary production, "
    "yet is unlikely by chance: a caseworker who still gets every second decision returned "
    "passes five in a row about 3 % of the time (0.5^5)."
)


def _positive(_inst: object, _attr: object, value: int) -> None:
    if not 1 <= value <= EVIDENCE_WINDOW:
        raise ValueError(f"required approvals {value} is not 1-{EVIDENCE_WINDOW}")


@frozen
class EvidencePolicy:
    """When does the record show that an employee handles a case field to standard?

    The evidence is the employee's reviewed decisions in the case field during the current
    placement: at least ``required_approvals`` of them are final, and the most recent
    ``required_approvals`` were all finalised without having been returned for revision.
    """

    required_approvals: int = field(default=DEFAULT_REQUIRED_APPROVALS, validator=_positive)
    reason: str = DEFAULT_REASON

    def evidence(self, placement: Placement, case_field: CaseField) -> tuple[ReviewedOutcome, ...]:
        """The outcomes of the reviewed, final decisions the policy weighs, oldest
        finalisation first: those of the employee in scope in ``case_field``, drafted since
        the field came under review in this placement (the latest :data:`EVIDENCE_WINDOW`
        of them, which covers any ``required_approvals``)."""
        scope = placement.scope(case_field)
        return scope.outcomes if scope is not None else ()

    def shortfall(self, placement: Placement, case_field: CaseField) -> str | None:
        """Why the evidence does not hold for ``case_field`` yet, or None when it does."""
        n = self.required_approvals
        recent = self.evidence(placement, case_field)[-n:]
        if len(recent) < n:
            return (
                f"{placement.employee} has {len(recent)} reviewed final decision(s) in "
                f"{case_field.value}; the policy asks for the last {n} approved without return"
            )
        returned = [str(o.decision) for o in recent if o.returned]
        if returned:
            return (
                f"of the last {n} reviewed decisions of {placement.employee} in "
                f"{case_field.value}, {', '.join(returned)} had been returned for revision"
            )
        return None


def drawn_for_review(decision: DecisionRef, share_percent: int) -> bool:
    """Is ``decision`` one of the share that must be reviewed? Reproducible: the first eight
    bytes of SHA-256 of the decision id, modulo 100, fall below the share in percent."""
    digest = hashlib.sha256(str(decision).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 100 < share_percent
