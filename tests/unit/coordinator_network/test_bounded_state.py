"""The network's state is bounded: it keeps the meetings CN-05 can count and the open
agenda; CN-05's obligations from the kept meetings equal those from every meeting, and
the event history keeps the full record."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta

from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st
from returns.result import Result

from udi_core.domain.coordinator_network import (
    KIND,
    WHOLE_PER_YEAR,
    AgendaItem,
    CoordinatorNetwork,
    Meeting,
    MeetingKind,
    NetworkId,
    cadence_obligations,
    evolve_network,
    meetings_that_count,
    record_meeting,
    submit_agenda_item,
)
from udi_core.domain.coordinator_network.model import AgendaItemSubmitted, MeetingHeld
from udi_core.domain.kernel.aggregate import Context, Decision, fold
from udi_core.domain.kernel.errors import DomainError
from udi_core.domain.kernel.identifiers import EmployeeId, UnitId
from udi_core.domain.kernel.organisation import Department, Employee
from udi_core.serialization import unstructure

LEAD = Employee(EmployeeId("lead"), "Lead", UnitId("AUA-RVE"), Department.AUA)
ASA = EmployeeId("asa1")
WHOLE, CORE = MeetingKind.WHOLE, MeetingKind.CORE


def _at(day: date) -> Context:
    return Context(LEAD, datetime(day.year, day.month, day.day, 10, tzinfo=UTC))


def _network(
    network: NetworkId = NetworkId.TRAFFICKING, on: date = date(2024, 1, 2)
) -> CoordinatorNetwork:
    return CoordinatorNetwork(network, LEAD.id, on)


def _then(result: Result[Decision[CoordinatorNetwork], DomainError]) -> CoordinatorNetwork:
    return result.unwrap().state


def _submitted(state: CoordinatorNetwork, topic: str, on: date) -> CoordinatorNetwork:
    return _then(submit_agenda_item(state, topic, None, _at(on)))


def _met(
    state: CoordinatorNetwork, held_on: date, today: date, kind: MeetingKind = WHOLE
) -> CoordinatorNetwork:
    return _then(record_meeting(state, held_on, kind, "n", _at(today)))


# -- the open agenda ---------------------------------------------------------------------


def test_a_meeting_on_or_after_an_item_s_day_takes_it_up() -> None:
    state = _submitted(_network(), "Attester", date(2026, 3, 2))
    state = _submitted(state, "Tolk", date(2026, 3, 9))
    assert [i.topic for i in state.agenda] == ["Attester", "Tolk"]
    state = _met(state, date(2026, 3, 2), today=date(2026, 3, 10))  # the day of "Attester"
    assert [i.topic for i in state.agenda] == ["Tolk"]
    state = _met(state, date(2026, 3, 10), today=date(2026, 3, 10), kind=CORE)
    assert state.agenda == ()


def test_an_item_survives_a_meeting_backdated_before_it() -> None:
    state = _submitted(_network(NetworkId.FGM), "Attester", date(2026, 3, 2))
    state = _met(state, date(2026, 3, 1), today=date(2026, 3, 2))
    assert [i.topic for i in state.agenda] == ["Attester"]
    assert [m.held_on for m in state.meetings] == [date(2026, 3, 1)]


def test_an_item_raised_after_the_meeting_on_its_day_waits_for_the_next() -> None:
    state = _met(_network(), date(2026, 3, 2), today=date(2026, 3, 2))
    state = _submitted(state, "Attester", date(2026, 3, 2))
    assert [i.topic for i in state.agenda] == ["Attester"]


# -- the meetings that count -------------------------------------------------------------


def test_each_month_keeps_its_first_meeting_and_each_year_its_first_four_whole() -> None:
    days = [date(2025, 1, d) for d in (20, 5, 12, 28, 3, 9)]  # out of order
    state = _network()
    for day in days:
        state = _met(state, day, today=date(2025, 2, 1))
    kept = [m.held_on for m in state.meetings]
    assert kept == [date(2025, 1, d) for d in (3, 5, 9, 12)]  # four whole, date order
    state = _met(state, date(2025, 3, 1), today=date(2025, 3, 1), kind=CORE)
    state = _met(state, date(2025, 3, 2), today=date(2025, 3, 2), kind=CORE)
    assert [m.held_on for m in state.meetings][4:] == [date(2025, 3, 1)]
    state = _met(state, date(2025, 3, 1), today=date(2025, 3, 2))  # whole, the same day
    # March has its first meeting, 2025 its four whole ones: the fifth whole one is not kept
    assert [(m.held_on, m.kind) for m in state.meetings][4:] == [(date(2025, 3, 1), CORE)]


def test_an_earlier_meeting_recorded_later_displaces_a_kept_one() -> None:
    state = _network()
    for day in (5, 6, 7, 8):
        state = _met(state, date(2025, 6, day), today=date(2025, 6, 30))
    state = _met(state, date(2025, 6, 20), today=date(2025, 6, 30), kind=CORE)
    assert [m.held_on.day for m in state.meetings] == [5, 6, 7, 8]  # June's first is the 5th
    state = _met(state, date(2025, 6, 1), today=date(2025, 6, 30))
    assert [m.held_on.day for m in state.meetings] == [1, 5, 6, 7]  # the 8th is fifth whole


def test_the_state_stays_the_same_size_after_a_thousand_items_and_meetings() -> None:
    """1,000 agenda items and 1,000 meetings over two years, each meeting held on a random
    day up to 60 days back (so recorded out of order), for each network: at most 12 + 4
    meetings a year; only the open items, none older than the backdating allows; and,
    the open items aside, no larger as JSON at the end of the second year than at the end
    of the first plus one year's meetings."""
    rng = random.Random(2018)
    start = date(2024, 1, 1)
    for network in NetworkId:
        state = _network(network, start)
        events: list[object] = []
        size: dict[date, int] = {}
        for step in range(1000):
            today = start + timedelta(days=step * 731 // 1000)
            submitted = submit_agenda_item(state, f"Sak {step:04d}", None, _at(today)).unwrap()
            held_on = max(start, today - timedelta(days=rng.randint(0, 60)))
            kind = CORE if network is NetworkId.TRAFFICKING and rng.random() < 0.5 else WHOLE
            met = record_meeting(submitted.state, held_on, kind, "n", _at(today)).unwrap()
            state = met.state
            events += [*submitted.events, *met.events]
            assert all(i.submitted_on > today - timedelta(days=61) for i in state.agenda)
            size[today] = len(json.dumps(unstructure(evolve(state, agenda=()))))
        for year in (2024, 2025):
            in_year = [m for m in state.meetings if m.held_on.year == year]
            assert 12 <= len(in_year) <= 12 + WHOLE_PER_YEAR
        first_year, second_year = size[date(2024, 12, 31)], size[date(2025, 12, 31)]
        a_year_of_meetings = len(json.dumps([unstructure(m) for m in state.meetings[-16:]]))
        assert second_year <= first_year + a_year_of_meetings, (first_year, second_year)
        # the open items: those no meeting recorded after them was held on or after
        latest_held, still_open = date.min, []
        for event in reversed(events):
            if isinstance(event, MeetingHeld):
                latest_held = max(latest_held, event.meeting.held_on)
            elif isinstance(event, AgendaItemSubmitted) and event.item.submitted_on > latest_held:
                still_open.append(event.item)
        assert list(state.agenda) == still_open[::-1]
        assert len(events) == 2000


# -- obligations from the kept meetings equal those from every meeting -------------------

meeting_days = st.dates(date(2017, 11, 1), date(2021, 2, 28))
meetings = st.builds(Meeting, meeting_days, st.sampled_from(MeetingKind), st.sampled_from("ab"))


@given(
    recorded=st.lists(meetings, max_size=80),
    established_on=st.dates(date(2017, 6, 1), date(2020, 12, 31)),
    today=st.dates(date(2018, 1, 1), date(2021, 6, 30)),
)
def test_cadence_from_the_kept_meetings_is_cadence_from_every_meeting(
    recorded: list[Meeting], established_on: date, today: date
) -> None:
    start = _network(NetworkId.TRAFFICKING, established_on)
    bounded = fold(evolve_network, start, [MeetingHeld(m) for m in recorded])
    everything = evolve(start, meetings=tuple(recorded))  # the full list, in recorded order
    assert list(cadence_obligations("t", bounded, today)) == list(
        cadence_obligations("t", everything, today)
    )
    kept = bounded.meetings
    assert kept == meetings_that_count(recorded)
    assert [m.held_on for m in kept] == sorted(m.held_on for m in kept)
    assert set(kept) <= set(recorded)
    for year in {m.held_on.year for m in recorded}:
        in_year = [m for m in kept if m.held_on.year == year]
        all_in_year = [m for m in recorded if m.held_on.year == year]
        months = {m.held_on.month for m in all_in_year}
        assert len(in_year) <= len(months) + WHOLE_PER_YEAR <= 12 + WHOLE_PER_YEAR
        for month in months:
            first = min(m.held_on for m in all_in_year if m.held_on.month == month)
            assert min(m.held_on for m in in_year if m.held_on.month == month) == first
        whole = sorted(m.held_on for m in all_in_year if m.kind is WHOLE)
        whole_kept = sorted(m.held_on for m in in_year if m.kind is WHOLE)
        assert whole_kept[:WHOLE_PER_YEAR] == whole[:WHOLE_PER_YEAR]


@given(recorded=st.lists(meetings, max_size=40), data=st.data())
def test_the_kept_meetings_do_not_depend_on_the_order_they_were_recorded_in(
    recorded: list[Meeting], data: st.DataObject
) -> None:
    reordered = data.draw(st.permutations(recorded))
    for network in NetworkId:
        start = _network(network, date(2017, 6, 1))
        assert fold(evolve_network, start, [MeetingHeld(m) for m in recorded]) == fold(
            evolve_network, start, [MeetingHeld(m) for m in reordered]
        )


@given(
    steps=st.lists(
        st.tuples(st.booleans(), st.dates(date(2025, 1, 1), date(2025, 3, 31))), max_size=40
    )
)
def test_the_open_agenda_is_every_item_no_later_meeting_took_up(
    steps: list[tuple[bool, date]],
) -> None:
    """Items and meetings in any order of days: an item is open unless a meeting recorded
    after it was held on or after its day."""
    events: list[object] = [
        AgendaItemSubmitted(AgendaItem(ASA, day, f"{n}"))
        if is_item
        else MeetingHeld(Meeting(day, WHOLE, "n"))
        for n, (is_item, day) in enumerate(steps)
    ]
    state = fold(evolve_network, _network(NetworkId.VIOLENCE), events)
    expected = [
        e.item
        for n, e in enumerate(events)
        if isinstance(e, AgendaItemSubmitted)
        and not any(
            isinstance(later, MeetingHeld) and later.meeting.held_on >= e.item.submitted_on
            for later in events[n + 1 :]
        )
    ]
    assert list(state.agenda) == expected


def test_obligations_of_a_stored_state_with_every_meeting_are_unchanged() -> None:
    """A state stored before the bound (every meeting, in recorded order) still gives its
    obligations, and the next meeting bounds it."""
    old = evolve(
        _network(),
        meetings=tuple(Meeting(date(2025, 1, d), WHOLE, "n") for d in range(28, 0, -1)),
    )
    before = {o.key: o.met_on for o in KIND.obligations("t", old, date(2025, 2, 1))}
    assert before["CN-05/whole/2025"] == date(2025, 1, 4)
    new = evolve_network(old, MeetingHeld(Meeting(date(2025, 1, 30), CORE, "n")))
    assert [m.held_on.day for m in new.meetings] == [1, 2, 3, 4]
    after = {o.key: o.met_on for o in KIND.obligations("t", new, date(2025, 2, 1))}
    assert after == before
