"""Strategies for the shared-portfolio kinds and for random inputs to the distribution
engine (random portfolios: categories, units, capacities, clearance, easy share)."""

from __future__ import annotations

from hypothesis import strategies as st

from udi_core.domain.shared_portfolio.distribution import (
    Complexity,
    DistributionInput,
    UnitSpec,
)
from udi_core.domain.shared_portfolio.model import (
    BankEntry,
    CaseBook,
    Category,
    ChecklistItem,
    Clearance,
    ClearancePlan,
    Contact,
    DistributionRun,
    ItemStatus,
    Participant,
    Party,
    Phase,
    RoleKind,
    SharedPortfolio,
    Task,
    TrainingElement,
    UnitCount,
)
from udi_core.domain.shared_portfolio.preparedness import (
    CountryPractice,
    DocumentKind,
    PracticeDocument,
)
from udi_core.testing.strategies import dates, duf_case_numbers, employee_ids, text, unit_ids

codes = st.from_regex(r"\A[A-Z][A-Z0-9]{0,4}\Z")
countries = st.from_regex(r"\A[A-Z]{2,3}\Z")

categories = st.builds(
    Category,
    codes,
    text,
    st.sampled_from(Complexity),
    text,
    st.none() | codes,
    st.none() | dates,
)
participants = st.builds(
    Participant,
    unit_ids,
    st.sampled_from(RoleKind),
    st.none() | st.integers(1, 500),
    st.none() | st.integers(1, 500),
    st.frozensets(st.sampled_from(TrainingElement)),
    st.lists(st.builds(Contact, employee_ids, st.booleans()), max_size=3).map(tuple),
)
checklist_items = st.builds(
    ChecklistItem,
    st.sampled_from(RoleKind),
    st.sampled_from(Task),
    unit_ids,
    st.sampled_from(ItemStatus),
    st.none() | text,
    st.none() | dates,
)
plans = st.builds(
    ClearancePlan,
    st.lists(
        st.builds(Clearance, dates, unit_ids, st.frozensets(codes, max_size=3)), max_size=3
    ).map(tuple),
    dates,
    st.integers(0, 100),
)


@st.composite
def case_books(draw: st.DrawFn) -> CaseBook:
    n = draw(st.integers(0, 6))
    numbers = tuple(draw(duf_case_numbers).value for _ in range(n))
    return CaseBook(
        numbers,
        tuple(draw(codes) for _ in range(n)),
        tuple(draw(text) for _ in range(n)),
    )


runs = st.builds(
    DistributionRun,
    st.integers(1, 9),
    dates,
    st.integers(0, 100),
    st.lists(unit_ids, min_size=1, max_size=3).map(tuple),
    st.lists(st.integers(0, 2), max_size=6).map(tuple),
    st.lists(st.builds(UnitCount, unit_ids, codes, st.integers(0, 99)), max_size=3).map(tuple),
    st.lists(st.integers(0, 99), max_size=3).map(tuple),
    st.integers(0, 99),
)
bank_entries = st.builds(
    BankEntry,
    codes,
    codes,
    duf_case_numbers.map(str),
    text,
    dates,
    st.none() | dates,
    st.none() | text,
    st.none() | codes,
)

portfolios = st.builds(
    SharedPortfolio,
    countries,
    text,
    st.sampled_from(Phase),
    unit_ids,
    unit_ids,
    unit_ids,
    unit_ids,
    st.lists(participants, min_size=1, max_size=3).map(tuple),
    st.lists(checklist_items, max_size=4).map(tuple),
    st.lists(categories, max_size=3).map(tuple),
    st.none() | plans,
    st.none() | dates,
    st.frozensets(unit_ids, max_size=2),
    st.frozensets(st.sampled_from(Party)),
    st.none() | text,
    case_books(),
    st.lists(runs, max_size=2).map(tuple),
    st.lists(bank_entries, max_size=2).map(tuple),
    st.integers(0, 50),
    st.none() | dates,
    st.none() | dates,
)
"""Any SharedPortfolio state (for round-trips, not necessarily reachable by commands)."""

country_practices = st.builds(
    CountryPractice,
    countries,
    st.lists(
        st.builds(PracticeDocument, st.sampled_from(DocumentKind), text, dates, st.booleans()),
        max_size=3,
    ).map(tuple),
    st.booleans(),
    st.none() | text,
    st.none() | dates,
)


@st.composite
def distribution_inputs(
    draw: st.DrawFn, max_units: int = 8, max_categories: int = 6
) -> DistributionInput:
    """A random portfolio for the engine: categories with complexity, units with
    capacities and clearances (the responsible unit cleared for all), an easy share."""
    n_cats = draw(st.integers(1, max_categories))
    complexities = tuple(
        draw(st.lists(st.sampled_from(Complexity), min_size=n_cats, max_size=n_cats))
    )
    n_units = draw(st.integers(1, max_units))
    responsible = draw(st.integers(0, n_units - 1))
    every = frozenset(range(n_cats))
    units = []
    for u in range(n_units):
        capacity = draw(st.integers(1, 60))
        cleared = every if u == responsible else draw(st.frozensets(st.integers(0, n_cats - 1)))
        units.append(UnitSpec(capacity, cleared))
    return DistributionInput(complexities, tuple(units), responsible, draw(st.integers(0, 100)))
