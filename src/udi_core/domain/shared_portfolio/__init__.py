"""SharedPortfolio: sharing a portfolio between ASA units (IM 2016-003, rules SP-01..SP-13).

- :mod:`.rules`: one constant per rule; :mod:`.model`, :mod:`.events`, :mod:`.evolve`:
  the state and how events change it; :mod:`.commands`: the pure commands;
  :mod:`.readiness`: the activation check, checklist and decision bank views;
  :mod:`.distribution`: the distribution engine (SP-09); :mod:`.preparedness`: the
  ``country_practice`` kind and the preparedness gaps (SP-02).
"""

from __future__ import annotations

from collections.abc import Iterable

from udi_core.domain.kernel.aggregate import AggregateKind
from udi_core.domain.shared_portfolio.events import EVENT_TYPES
from udi_core.domain.shared_portfolio.model import SharedPortfolio
from udi_core.domain.shared_portfolio.preparedness import COUNTRY_PRACTICE, CountryPractice


def _index(state: SharedPortfolio) -> Iterable[tuple[str, str]]:
    yield ("country", state.country)
    yield ("phase", state.phase.value)
    for p in state.participants:
        yield ("unit", str(p.unit))


KIND: AggregateKind[SharedPortfolio] = AggregateKind(
    name="shared_portfolio",
    routine="IM 2016-003",
    state_type=SharedPortfolio,
    event_types=EVENT_TYPES,
    index=_index,
)

__all__ = ["COUNTRY_PRACTICE", "KIND", "CountryPractice", "SharedPortfolio"]
