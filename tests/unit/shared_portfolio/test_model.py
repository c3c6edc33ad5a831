"""Round-trips, the rule catalogue, preparedness and the clearance plan, purely."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from returns.result import Success

from udi_core.domain import catalog
from udi_core.domain.kernel.identifiers import UnitId
from udi_core.domain.kernel.rules import Modality
from udi_core.domain.shared_portfolio import COUNTRY_PRACTICE, KIND
from udi_core.domain.shared_portfolio.events import CasesSorted, MarkingCodeCreated
from udi_core.domain.shared_portfolio.model import Clearance, ClearancePlan, SharedPortfolio
from udi_core.domain.shared_portfolio.preparedness import (
    CountryPractice,
    DocumentKind,
    PracticeDocument,
    preparedness_gaps,
)
from udi_core.serialization import structure, structure_event, unstructure, unstructure_event
from udi_core.testing.strategies.shared_portfolio import country_practices, portfolios


@given(portfolios)
def test_a_portfolio_state_round_trips(state: SharedPortfolio) -> None:
    assert structure(unstructure(state), SharedPortfolio) == Success(state)


@given(country_practices)
def test_a_country_practice_round_trips(state: CountryPractice) -> None:
    assert structure(unstructure(state), CountryPractice) == Success(state)


def test_events_round_trip_by_name() -> None:
    for event in (
        MarkingCodeCreated("A", "ER-A"),
        CasesSorted(UnitId("ASA-KOR"), date(2026, 3, 2), ("201600000001",), ("A",), ("PU-1",)),
    ):
        data = unstructure_event(event)
        assert structure_event(data, KIND.event_types) == Success(event)


def test_every_rule_of_the_im_is_registered_with_its_modality() -> None:
    ids = {r.id: r.modality for r in catalog.RULES if r.id.startswith("SP-")}
    assert ids == {
        "SP-01": Modality.MUST,
        "SP-02": Modality.MUST,
        "SP-03": Modality.MUST,
        "SP-03b": Modality.SHOULD,
        "SP-04": Modality.MUST,
        "SP-05": Modality.MUST,
        "SP-06": Modality.MUST,
        "SP-07": Modality.MUST,
        "SP-07b": Modality.SHOULD,
        "SP-08": Modality.MUST,
        "SP-08b": Modality.SHOULD,
        "SP-09": Modality.MUST,
        "SP-09b": Modality.SHOULD,
        "SP-10": Modality.MUST,
        "SP-10b": Modality.SHOULD,
        "SP-11": Modality.SHOULD,
        "SP-12": Modality.MUST,
        "SP-12b": Modality.SHOULD,
        "SP-13": Modality.SHOULD,
    }
    sp01 = catalog.RULES["SP-01"]
    assert sp01.valid_from == date(2016, 5, 11)
    assert str(sp01.im) == "IM 2016-003"
    assert {KIND.name, COUNTRY_PRACTICE.name} <= {k.name for k in catalog.KINDS}


def test_the_five_largest_and_the_flagged_countries_are_checked() -> None:
    full = tuple(PracticeDocument(k, "link", date(2026, 1, 1)) for k in DocumentKind)
    practices = {
        "AF": CountryPractice("AF", full),
        "SY": CountryPractice("SY", full[:2]),
        "SO": CountryPractice(
            "SO", (PracticeDocument(DocumentKind.PRACTICE_NOTE, "x", date(2025, 1, 1), False),)
        ),
    }
    arrivals = [("AF", 50), ("SY", 40), ("SO", 40), ("IQ", 30), ("ER", 20), ("ET", 10), ("TR", 0)]
    gaps = {g.country: g for g in preparedness_gaps(arrivals, practices, ["TR"])}
    assert set(gaps) == {"SY", "SO", "IQ", "ER", "TR"}  # ET is sixth; AF is complete
    assert gaps["SY"].missing == (DocumentKind.FAVOURITE_TEXTS,)
    assert gaps["SO"].missing == tuple(DocumentKind)  # a withdrawn note is not current
    assert gaps["TR"].reasons == ("flagged as likely to rise",)
    assert "SP-02" in gaps["IQ"].describe()


def test_clearance_widens_and_is_complete_at_the_plans_end() -> None:
    e2 = UnitId("ASA-E2")
    plan = ClearancePlan(
        (
            Clearance(date(2026, 3, 1), e2, frozenset({"A"})),
            Clearance(date(2026, 5, 1), e2, frozenset({"B"})),
        ),
        date(2026, 9, 1),
        20,
    )
    assert plan.cleared(e2, date(2026, 2, 28)) == frozenset()
    assert plan.cleared(e2, date(2026, 3, 1)) == frozenset({"A"})
    assert plan.cleared(e2, date(2026, 6, 1)) == frozenset({"A", "B"})
    assert plan.cleared(e2, date(2026, 9, 1)) is None  # every category
