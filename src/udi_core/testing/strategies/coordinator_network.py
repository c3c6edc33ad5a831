"""Hypothesis strategies for the coordinator network's state and records."""

from __future__ import annotations

from hypothesis import strategies as st

from udi_core.domain.coordinator_network import (
    AgendaItem,
    CoordinatorNetwork,
    Field,
    KomYear,
    Meeting,
    MeetingKind,
    Member,
    MemberRole,
    MhRemoval,
    NetworkId,
    PermitKind,
    PermitStatistics,
    RegionalContact,
    RosaNotice,
)
from udi_core.domain.kernel.organisation import Department
from udi_core.testing.strategies import (
    dates,
    duf_case_numbers,
    employee_ids,
    moments,
    text,
    unit_ids,
)

members = st.builds(
    Member,
    employee_ids,
    st.sampled_from(MemberRole),
    st.sampled_from(Department),
    unit_ids,
    dates,
)
regional_contacts = st.builds(
    RegionalContact, employee_ids, unit_ids, st.sampled_from(Field), dates
)
meetings = st.builds(Meeting, dates, st.sampled_from(MeetingKind), text)
agenda_items = st.builds(AgendaItem, employee_ids, dates, text, st.none() | duf_case_numbers)
removals = st.builds(
    MhRemoval,
    moments,
    st.none() | duf_case_numbers,
    st.integers(0, 10**6),
    st.integers(0, 10**4),
    st.none() | moments,
)


@st.composite
def kom_years(draw: st.DrawFn) -> KomYear:
    reported = draw(st.lists(duf_case_numbers, max_size=8, unique=True))
    retained = draw(st.frozensets(st.sampled_from(reported))) if reported else frozenset()
    return KomYear(
        draw(st.integers(2018, 2099)),
        tuple(sorted(reported)),
        draw(dates),
        retained,
        draw(st.none() | dates),
        draw(st.none() | removals),
    )


rosa_notices = st.builds(RosaNotice, duf_case_numbers, employee_ids, dates)
permit_statistics = st.builds(
    PermitStatistics, text, st.sampled_from(PermitKind), st.integers(0, 10**5), employee_ids, dates
)

networks = st.builds(
    CoordinatorNetwork,
    st.sampled_from(NetworkId),
    employee_ids,
    dates,
    st.lists(members, max_size=4).map(tuple),
    st.lists(regional_contacts, max_size=4).map(tuple),
    st.frozensets(unit_ids, max_size=3),
    st.lists(meetings, max_size=4).map(tuple),
    st.lists(agenda_items, max_size=3).map(tuple),
    st.lists(kom_years(), max_size=2).map(tuple),
    st.lists(rosa_notices, max_size=2).map(tuple),
    st.lists(permit_statistics, max_size=2).map(tuple),
)
"""Any stored network state (not necessarily one the commands would reach): its meetings
and agenda need not be as bounded as ``evolve_network`` keeps them, like states stored
before the bound, which must still round-trip. Tests of the bound fold events instead."""
