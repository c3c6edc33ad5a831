"""Obligations: deadlines and cadences as first-class, queryable facts.

An aggregate derives its obligations from its state (``AggregateKind.obligations``). The
store keeps them in indexed columns so "what is overdue on date D" is one query.
"""

from __future__ import annotations

import enum
from datetime import date

from attrs import frozen


class ObligationStatus(enum.Enum):
    DUE = "due"
    OVERDUE = "overdue"
    MET = "met"


@frozen
class Obligation:
    """Something someone must do by a date, under a rule.

    ``key`` is unique within the aggregate and stable across saves (e.g.
    ``IFP-10/report``), so a met obligation replaces its earlier due version.
    """

    key: str
    rule_id: str
    routine: str  # the aggregate kind, e.g. "forum_participation"
    aggregate_id: str
    what: str
    who: str
    due: date
    met_on: date | None = None

    def status(self, as_of: date) -> ObligationStatus:
        if self.met_on is not None and self.met_on <= as_of:
            return ObligationStatus.MET
        if self.due < as_of:
            return ObligationStatus.OVERDUE
        return ObligationStatus.DUE
