"""CoordinatorNetwork: the networks of IM 2018-001 (violence, FGM) and IM 2018-002
(human trafficking), with the yearly removal of the DUF code "MH" (CN-09)."""

from __future__ import annotations

from collections.abc import Iterable

from udi_core.domain.coordinator_network import rules
from udi_core.domain.coordinator_network.composition import (
    Gap,
    appoint_contact_person,
    appoint_department_coordinator,
    appoint_regional_contact,
    appoint_representative,
    appoint_resource_person,
    change_coordinator,
    establish,
    gaps,
    people_named,
    release,
    set_relevant_asa_units,
)
from udi_core.domain.coordinator_network.kom import (
    authorise_mh_removal,
    mh_candidates,
    permit_contact_point,
    record_kom_input,
    record_kom_publication,
    record_mh_batch,
    remaining,
    report_permit_statistics,
    retain_mh_code,
    send_rosa_notice,
)
from udi_core.domain.coordinator_network.meetings import (
    cadence_obligations,
    record_case_decision,
    record_meeting,
    submit_agenda_item,
)
from udi_core.domain.coordinator_network.model import (
    EVENT_TYPES,
    KIND_NAME,
    MH,
    WHOLE_PER_YEAR,
    AgendaItem,
    CoordinatorNetwork,
    Field,
    KomYear,
    Meeting,
    MeetingKind,
    Member,
    MemberRole,
    MhCodesRemoved,
    MhRemoval,
    NetworkId,
    PermitKind,
    PermitStatistics,
    RegionalContact,
    RosaNotice,
    evolve_network,
    meetings_that_count,
)
from udi_core.domain.kernel.aggregate import AggregateKind


def _index(state: CoordinatorNetwork) -> Iterable[tuple[str, str]]:
    yield ("network", state.network.value)
    yield ("coordinator", str(state.coordinator))
    for member in state.members:
        yield ("member", str(member.employee))
    for contact in state.regional_contacts:
        yield ("regional_contact", str(contact.employee))


KIND: AggregateKind[CoordinatorNetwork] = AggregateKind(
    name=KIND_NAME,
    routine=KIND_NAME,
    state_type=CoordinatorNetwork,
    event_types=EVENT_TYPES,
    index=_index,
    obligations=cadence_obligations,
)

__all__ = [
    "KIND",
    "MH",
    "WHOLE_PER_YEAR",
    "AgendaItem",
    "CoordinatorNetwork",
    "Field",
    "Gap",
    "KomYear",
    "Meeting",
    "MeetingKind",
    "Member",
    "MemberRole",
    "MhCodesRemoved",
    "MhRemoval",
    "NetworkId",
    "PermitKind",
    "PermitStatistics",
    "RegionalContact",
    "RosaNotice",
    "appoint_contact_person",
    "appoint_department_coordinator",
    "appoint_regional_contact",
    "appoint_representative",
    "appoint_resource_person",
    "authorise_mh_removal",
    "cadence_obligations",
    "change_coordinator",
    "establish",
    "evolve_network",
    "gaps",
    "meetings_that_count",
    "mh_candidates",
    "people_named",
    "permit_contact_point",
    "record_case_decision",
    "record_kom_input",
    "record_kom_publication",
    "record_meeting",
    "record_mh_batch",
    "release",
    "remaining",
    "report_permit_statistics",
    "retain_mh_code",
    "rules",
    "send_rosa_notice",
    "set_relevant_asa_units",
    "submit_agenda_item",
]
