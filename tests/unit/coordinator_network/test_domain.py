"""The coordinator network's pure domain: rules, cadence, and the MH removal batches."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st
from returns.result import Failure, Success

from udi_core.domain import catalog
from udi_core.domain import coordinator_network as cn
from udi_core.domain.coordinator_network import (
    KIND,
    CoordinatorNetwork,
    Meeting,
    MeetingKind,
    MhCodesRemoved,
    NetworkId,
)
from udi_core.domain.coordinator_network.model import (
    EVENT_TYPES,
    KomInputRecorded,
    KomReportPublished,
    MhCodeRetained,
    evolve_network,
)
from udi_core.domain.kernel.aggregate import Context, fold
from udi_core.domain.kernel.errors import InvalidInput, RuleViolation
from udi_core.domain.kernel.identifiers import DufCaseNumber, EmployeeId, UnitId
from udi_core.domain.kernel.organisation import Department, Employee
from udi_core.domain.kernel.rules import Modality
from udi_core.serialization import structure_event, unstructure_event

LEAD = Employee(EmployeeId("lead"), "Lead", UnitId("AUA-RVE"), Department.AUA)
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
CTX = Context(LEAD, NOW)


def _case(i: int) -> DufCaseNumber:
    return DufCaseNumber(f"2025{i:08d}")


def test_rules_are_registered_with_modality_source_and_valid_from() -> None:
    rules = {r.id: r for r in catalog.RULES if r.id.startswith("CN-")}
    assert sorted(rules) == [
        "CN-01",
        "CN-01b",
        "CN-02",
        "CN-02b",
        "CN-03",
        "CN-04",
        "CN-05",
        "CN-06",
        "CN-07",
        "CN-08",
        "CN-09",
        "CN-10",
        "CN-11",
        "CN-12",
    ]
    assert {i for i, r in rules.items() if r.modality is not Modality.MUST} == {
        "CN-02b",
        "CN-05",
        "CN-07",
    }
    assert rules["CN-05"].modality is Modality.CADENCE
    assert rules["CN-09"].valid_from == date(2019, 9, 23)
    assert rules["CN-02"].valid_from == date(2018, 1, 5)
    assert rules["CN-04"].valid_from == date(2018, 2, 20)
    assert rules["CN-03"].source == "IM 2018-001 §5, §6.1"
    assert all(r.title_nb and r.title_en for r in rules.values())


def _trafficking(established: date, *meetings: Meeting) -> CoordinatorNetwork:
    return CoordinatorNetwork(NetworkId.TRAFFICKING, LEAD.id, established, meetings=meetings)


def test_whole_network_meets_four_times_a_year_prorated_in_the_first() -> None:
    whole = [Meeting(date(2025, m, 2), MeetingKind.WHOLE, "n") for m in (3, 6, 9)]
    late_start = _trafficking(
        date(2024, 10, 15), Meeting(date(2024, 11, 5), MeetingKind.WHOLE, "n")
    )
    first = {o.key: o for o in KIND.obligations("trafficking", late_start, date(2025, 1, 10))}
    assert first["CN-05/whole/2024"].met_on == date(2024, 11, 5)  # 3 months left: 1 meeting
    assert "4 meetings" in first["CN-05/whole/2025"].what
    three = _trafficking(date(2024, 10, 15), *whole)
    assert {o.key: o for o in KIND.obligations("t", three, date(2026, 1, 2))}[
        "CN-05/whole/2025"
    ].met_on is None
    four = _trafficking(
        date(2024, 10, 15), *whole, Meeting(date(2025, 11, 30), MeetingKind.WHOLE, "n")
    )
    met = {o.key: o for o in KIND.obligations("t", four, date(2026, 1, 2))}
    assert met["CN-05/whole/2025"].met_on == date(2025, 11, 30)
    assert met["CN-05/core/2025-11"].met_on == date(2025, 11, 30)  # the core attended
    assert met["CN-05/core/2025-10"].met_on is None
    assert max(o.due for o in met.values()) == date(2027, 12, 31)


def test_cadence_starts_no_earlier_than_the_rule_and_only_for_trafficking() -> None:
    early = _trafficking(date(2017, 6, 1))
    keys = [o.key for o in KIND.obligations("t", early, date(2018, 3, 1))]
    assert keys[0] == "CN-05/core/2018-02"
    assert len([k for k in keys if "/core/" in k]) == 23  # Feb 2018 - Dec 2019
    violence = CoordinatorNetwork(NetworkId.VIOLENCE, LEAD.id, date(2018, 2, 1))
    assert list(KIND.obligations("violence", violence, date(2026, 1, 1))) == []


def _kom(reported: list[DufCaseNumber], retained: list[DufCaseNumber]) -> CoordinatorNetwork:
    events: list[object] = [KomInputRecorded(2025, tuple(reported), date(2026, 1, 10))]
    if retained:
        events.append(MhCodeRetained(2025, tuple(retained), "open"))
    events.append(KomReportPublished(2025, date(2026, 2, 1)))
    return fold(evolve_network, _trafficking(date(2025, 1, 1)), events)


def test_a_batch_that_skips_or_repeats_a_case_is_refused() -> None:
    state = _kom([_case(i) for i in range(6)], [_case(2)])
    skipping = cn.record_mh_batch(state, 2025, [_case(0), _case(3)], CTX)
    assert isinstance(skipping, Failure)
    assert isinstance(skipping.failure(), InvalidInput)
    first = cn.record_mh_batch(state, 2025, [_case(0), _case(1), _case(3)], CTX).unwrap()
    repeating = cn.record_mh_batch(first.state, 2025, [_case(3)], CTX)
    assert isinstance(repeating.failure(), InvalidInput)


def test_the_rule_is_not_applied_before_its_valid_from() -> None:
    state = _kom([_case(1)], [])
    before = Context(LEAD, datetime(2019, 9, 1, 8, tzinfo=UTC))
    refused = cn.record_mh_batch(state, 2025, [_case(1)], before)
    assert isinstance(refused, Failure)
    error = refused.failure()
    assert isinstance(error, RuleViolation)
    assert error.rule_ids == ("CN-09",)


@given(
    reported=st.sets(st.integers(0, 500), min_size=1, max_size=80),
    data=st.data(),
    sizes=st.lists(st.integers(0, 12), min_size=1, max_size=10),
)
def test_batches_cover_exactly_the_reported_unretained_cases_in_order(
    reported: set[int], data: st.DataObject, sizes: list[int]
) -> None:
    cases = sorted(_case(i) for i in reported)
    retained = data.draw(st.lists(st.sampled_from(cases), unique=True))
    state = _kom(list(reversed(cases)), retained)
    removed: list[DufCaseNumber] = []
    for turn in range(200):
        kom = state.kom_year(2025)
        assert kom is not None
        if kom.removal is not None and kom.removal.completed_at is not None:
            break
        batch = cn.remaining(kom, sizes[turn % len(sizes)] or None)
        decision = cn.record_mh_batch(state, 2025, batch, CTX)
        assert isinstance(decision, Success)
        state = decision.unwrap().state
        removed += [
            c for e in decision.unwrap().events if isinstance(e, MhCodesRemoved) for c in e.cases
        ]
    expected = [c for c in cases if c not in set(retained)]
    assert removed == expected
    kom = state.kom_year(2025)
    assert kom is not None
    assert kom.removal is not None
    assert (kom.removal.removed, kom.removal.completed_at) == (len(expected), NOW)
    assert cn.record_mh_batch(state, 2025, [], CTX).unwrap().events == ()


def test_events_round_trip_through_the_wire_format() -> None:
    events = [
        KomInputRecorded(2025, (_case(1), _case(2)), date(2026, 1, 10)),
        MhCodesRemoved(2025, (_case(1),), _case(1)),
        cn.establish(None, NetworkId.FGM, LEAD, CTX).unwrap().events[0],
    ]
    for event in events:
        assert structure_event(unstructure_event(event), EVENT_TYPES) == Success(event)
