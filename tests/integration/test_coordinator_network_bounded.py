"""A network's stored state stays bounded through the application, on the memory store and
on the SQL stores: it keeps the meetings CN-05 counts and the open agenda, the stored
CN-05 obligations are those of every meeting in the history, and the history keeps every
meeting and item."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from attrs import evolve

from udi_adapters.clocks import FixedClock
from udi_core.app import App, bootstrap
from udi_core.domain.coordinator_network import (
    KIND,
    WHOLE_PER_YEAR,
    cadence_obligations,
    meetings_that_count,
)
from udi_core.domain.coordinator_network.model import AgendaItemSubmitted, MeetingHeld

START = date(2026, 1, 5)
PEOPLE = {"igs": "AUA-IGS", "lead": "AUA-RVE", "asa1": "ASA-KOR"}


def _moment(day: date) -> datetime:
    return datetime.fromisoformat(f"{day.isoformat()}T09:00:00+01:00")


@pytest.fixture
def app(any_setting: str) -> Iterator[App]:
    built = bootstrap({"store": any_setting, "clock": f"fixed:{_moment(START)}"}).unwrap()
    built.organisation.ensure_named_units().unwrap()
    for person, unit in PEOPLE.items():
        built.organisation.register_employee(person, person.title(), unit).unwrap()
    built.networks.establish("igs", "trafficking", "lead").unwrap()
    built.networks.appoint("lead", "trafficking", "asa1", "contact_person").unwrap()
    yield built
    built.close()


def test_two_years_of_meetings_and_items_leave_a_bounded_state(app: App) -> None:
    clock = app.clock
    assert isinstance(clock, FixedClock)
    rng = random.Random(2)
    today = START
    for step in range(150):  # two years, a meeting and an item every five days
        today = START + timedelta(days=5 * step)
        clock.set(_moment(today))
        app.networks.submit_agenda_item("asa1", "trafficking", f"Sak {step}").unwrap()
        held_on = max(START, today - timedelta(days=rng.randint(0, 45)))
        kind = rng.choice(["core", "whole"])
        app.networks.record_meeting("lead", "trafficking", held_on.isoformat(), kind, "n").unwrap()
    state = app.networks.network("trafficking").unwrap()
    events = [r.event for r in app.queries.history("trafficking", KIND.name)]
    every_meeting = [e.meeting for e in events if isinstance(e, MeetingHeld)]
    assert len(every_meeting) == 150
    assert state.meetings == meetings_that_count(every_meeting)
    assert len(state.meetings) <= 2 * (12 + WHOLE_PER_YEAR)
    # CN-05 from the stored state, and as stored by the store, equal CN-05 from every meeting
    full = evolve(state, meetings=tuple(every_meeting))
    expected = {o.key: o.met_on for o in cadence_obligations("trafficking", full, today)}
    assert {o.key: o.met_on for o in cadence_obligations("trafficking", state, today)} == expected
    stored = app.queries.obligations(today, routine=KIND.name, limit=10_000)
    assert {o.key: o.met_on for o in stored} == expected
    # the open agenda: the items no meeting recorded after them was held on or after
    items = [e.item for e in events if isinstance(e, AgendaItemSubmitted)]
    assert len(items) == 150
    open_items = [
        item
        for n, item in enumerate(items)
        if all(m.held_on < item.submitted_on for m in every_meeting[n:])
    ]
    assert list(state.agenda) == open_items
    assert 0 < len(open_items) < 150  # the last meetings were backdated before some items
