"""The coordinator networks through the application: refusals, queries and the MH removal."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from returns.result import Failure, Result, Success

from udi_adapters.clocks import FixedClock
from udi_adapters.duf_mock import MockDuf
from udi_core.app import App, bootstrap
from udi_core.app.coordinator_network import CoordinatorNetworkService, MhDryRun, mh_key
from udi_core.domain.coordinator_network import KIND, MH, MhCodesRemoved
from udi_core.domain.coordinator_network.model import AgendaItemSubmitted, MeetingHeld
from udi_core.domain.kernel.errors import InvalidInput, NotFound, RuleViolation
from udi_core.domain.kernel.identifiers import DufCaseNumber, EmployeeId
from udi_core.domain.kernel.obligations import ObligationStatus
from udi_core.ports.external import ExternalFailure

NOW = "2026-03-02T09:00:00+01:00"
TODAY = date(2026, 3, 2)
PEOPLE = {
    "lead": "AUA-RVE",
    "lead2": "AUA-RVE",
    "igs": "AUA-IGS",
    "asa1": "ASA-KOR",
    "asastab": "ASA-FAGSTAB",
    "opa1": "OPA-FAMILIE",
    "opa2": "OPA-VAS",
    "opaut": "OPA-UTVISNING",
    "rma1": "RMA-FAGSTAB",
    "rmaret": "RMA-RETUR",
    "rkost": "RMA-RK-OST",
    "rkvest": "RMA-RK-VEST",
}


def _case(i: int) -> DufCaseNumber:
    return DufCaseNumber(f"2025{i:08d}")


def _make_app() -> App:
    app = bootstrap({"store": "memory", "clock": f"fixed:{NOW}"}).unwrap()
    app.organisation.ensure_named_units().unwrap()
    app.organisation.register_unit(
        "RMA-RK-VEST", "Regionkontor Vest", "RMA", "regional_office"
    ).unwrap()
    for person, unit in PEOPLE.items():
        app.organisation.register_employee(person, person.title(), unit).unwrap()
    for network in ("violence", "fgm", "trafficking"):
        app.networks.establish("igs", network, "lead").unwrap()
    return app


@pytest.fixture
def app() -> Iterator[App]:
    built = _make_app()
    yield built
    built.close()


def _snapshot(app: App, network: str = "trafficking") -> tuple[Any, ...]:
    duf = app.duf
    assert isinstance(duf, MockDuf)
    return (
        app.networks.network(network),
        app.queries.history(network, KIND.name),
        app.outbox.items(),
        app.queries.obligations(TODAY, limit=10_000),
        dict(duf.ledger),
    )


def _refused(result: Result[Any, Any], rule_id: str) -> RuleViolation:
    assert isinstance(result, Failure), result
    error = result.failure()
    assert isinstance(error, RuleViolation), error
    assert error.rule_ids[0] == rule_id
    assert rule_id in error.describe()
    assert str(error.rule.im) in error.describe()  # the source
    return error


def _field(result: Result[Any, Any]) -> str:
    """The field an InvalidInput names."""
    assert isinstance(result, Failure), result
    error = result.failure()
    assert isinstance(error, InvalidInput), error
    return error.field


# -- composition -------------------------------------------------------------------------


def test_network_led_from_outside_rve_is_refused_cn_01() -> None:
    app = bootstrap({"store": "memory", "clock": f"fixed:{NOW}"}).unwrap()
    app.organisation.ensure_named_units().unwrap()
    app.organisation.register_employee("igs", "Igs", "AUA-IGS").unwrap()
    app.organisation.register_employee("asa1", "Asa", "ASA-KOR").unwrap()
    _refused(app.networks.establish("igs", "violence", "asa1"), "CN-01")
    _refused(app.networks.establish("asa1", "trafficking", "igs"), "CN-01b")
    assert isinstance(app.networks.network("violence").failure(), NotFound)
    assert app.queries.history("violence") == []


def test_only_the_coordinator_appoints_cn_01(app: App) -> None:
    before = _snapshot(app, "violence")
    _refused(app.networks.appoint("igs", "violence", "asa1", "representative"), "CN-01")
    assert _snapshot(app, "violence") == before


def test_representative_from_the_wrong_department_is_refused_cn_02(app: App) -> None:
    before = _snapshot(app, "violence")
    _refused(app.networks.appoint("lead", "violence", "igs", "representative"), "CN-02")
    assert _snapshot(app, "violence") == before
    assert isinstance(app.networks.appoint("lead", "violence", "asa1", "representative"), Success)


def test_regional_contacts_sit_at_regional_offices_and_are_not_members_cn_03(app: App) -> None:
    before = _snapshot(app, "violence")
    bad = app.networks.appoint_regional_contact("lead", "violence", "rma1", "forced_marriage")
    _refused(bad, "CN-03")
    assert _snapshot(app, "violence") == before
    app.networks.appoint_regional_contact("lead", "violence", "rkost", "child_marriage").unwrap()
    before = _snapshot(app, "violence")
    _refused(app.networks.appoint("lead", "violence", "rkost", "representative"), "CN-03")
    assert _snapshot(app, "violence") == before
    wrong_field = app.networks.appoint_regional_contact("lead", "violence", "rkvest", "fgm")
    assert isinstance(wrong_field.failure(), InvalidInput)


def test_core_coordinators_sit_where_cn_04_places_them(app: App) -> None:
    before = _snapshot(app)
    _refused(app.networks.appoint("lead", "trafficking", "opa1", "department_coordinator"), "CN-04")
    _refused(app.networks.appoint("lead", "trafficking", "igs", "department_coordinator"), "CN-04")
    _refused(app.networks.appoint("lead", "violence", "opaut", "department_coordinator"), "CN-04")
    assert _snapshot(app) == before
    app.networks.appoint("lead", "trafficking", "opaut", "department_coordinator").unwrap()
    assert app.networks.permit_contact_point() == Success(EmployeeId("opaut"))


def test_contact_persons_sit_where_cn_06_places_them(app: App) -> None:
    before = _snapshot(app)
    _refused(app.networks.appoint("lead", "trafficking", "opaut", "contact_person"), "CN-06")
    _refused(app.networks.appoint("lead", "trafficking", "asastab", "contact_person"), "CN-06")
    _refused(app.networks.appoint("lead", "trafficking", "rma1", "contact_person"), "CN-06")
    _refused(app.networks.appoint("lead", "trafficking", "igs", "contact_person"), "CN-06")
    assert _snapshot(app) == before
    for person in ("opa1", "asa1", "rmaret", "rkvest"):
        app.networks.appoint("lead", "trafficking", person, "contact_person").unwrap()


def test_gaps_list_what_each_network_lacks_with_its_rule(app: App) -> None:
    def listed(network: str) -> list[tuple[str, str]]:
        return [(g.rule.id, g.detail) for g in app.networks.gaps(network).unwrap()]

    fgm = listed("fgm")
    assert [rule for rule, _ in fgm] == ["CN-02"] * 3 + ["CN-03"] * 2
    assert "RMA-RK-VEST has no contact person for fgm" in [d for _, d in fgm]
    app.networks.appoint("lead", "fgm", "asa1", "representative").unwrap()
    app.networks.appoint("lead", "fgm", "opa1", "representative").unwrap()
    app.networks.appoint("lead", "fgm", "rma1", "representative").unwrap()
    app.networks.appoint_regional_contact("lead", "fgm", "rkost", "fgm").unwrap()
    app.networks.appoint_regional_contact("lead", "fgm", "rkvest", "fgm").unwrap()
    assert listed("fgm") == []
    assert len([r for r, _ in listed("violence") if r == "CN-03"]) == 6  # 2 offices x 3

    app.networks.appoint("lead", "trafficking", "opaut", "department_coordinator").unwrap()
    app.networks.appoint("lead", "trafficking", "opa1", "contact_person").unwrap()
    app.networks.set_relevant_asa_units("lead", ["ASA-BFE"]).unwrap()
    trafficking = listed("trafficking")
    assert ("CN-04", "no ASA coordinator") in trafficking
    assert ("CN-04", "no RMA coordinator") in trafficking
    assert ("CN-06", "no contact person in ASA-BFE (relevant ASA decision unit)") in trafficking
    assert ("CN-06", "no contact person in RMA-RK-OST (regional office)") in trafficking
    assert not any("OPA-FAMILIE" in d for _, d in trafficking)
    # people move: a coordinator who leaves RVE is a gap of CN-01b today
    app.organisation.register_employee("lead", "Lead", "AUA-IGS").unwrap()
    assert ("CN-01b", "coordinator lead is placed in AUA-IGS, not AUA-RVE") in listed("trafficking")
    app.organisation.register_employee("opaut", "Opaut", "OPA-VAS").unwrap()
    assert ("CN-04", "the OPA coordinator opaut is in OPA-VAS, not OPA-UTVISNING") in listed(
        "trafficking"
    )


def test_unknown_network_and_bad_input_are_typed(app: App) -> None:
    unknown = app.networks.appoint("lead", "smuggling", "asa1", "representative")
    assert isinstance(unknown.failure(), InvalidInput)
    assert _field(unknown) == "network"
    assert isinstance(app.networks.gaps("nope").failure(), InvalidInput)
    assert isinstance(
        app.networks.appoint("lead", "fgm", "nobody", "representative").failure(), NotFound
    )
    payload = {
        "command": "RecordMeeting",
        "actor": "lead",
        "network": "trafficking",
        "held_on": "2026-02-30",
        "kind": "core",
        "topic": "x",
    }
    bad_date = app.commands.execute_payload(payload)
    assert isinstance(bad_date.failure(), InvalidInput)
    assert _field(bad_date) == "held_on"
    bad_year = app.commands.execute_payload(
        {"command": "RecordKomInput", "actor": "lead", "year": "2025", "cases": []}
    )
    assert _field(bad_year) == "$.year"
    bad_case = app.networks.record_kom_input("lead", 2025, ["201912345678", "12"])
    assert _field(bad_case) == "cases[1]"


# -- meetings, agenda, case decisions ----------------------------------------------------


def test_cadence_reports_months_and_years_met_or_missed(app: App) -> None:
    app.networks.record_meeting("lead", "trafficking", "2026-03-01", "core", "status").unwrap()
    for day in ("2025-02-03", "2025-05-05", "2025-09-01", "2025-11-03"):
        app.networks.record_meeting("lead", "trafficking", day, "whole", "nettverk").unwrap()
    entries = {e.key: e for e in app.networks.cadence("trafficking", TODAY).unwrap()}
    # established today (2026-03-02): the first period is March 2026
    assert "CN-05/core/2026-02" not in entries
    assert entries["CN-05/core/2026-03"].status == "met"
    assert entries["CN-05/core/2026-04"].status == "open"
    assert max(entries) == "CN-05/whole/2027"
    assert "CN-05/core/2027-12" in entries
    assert entries["CN-05/whole/2026"].status == "open"
    later = {e.key: e for e in app.networks.cadence("trafficking", date(2026, 5, 1)).unwrap()}
    assert later["CN-05/core/2026-04"].status == "missed"
    overdue = app.queries.obligations(
        date(2026, 5, 1), statuses=[ObligationStatus.OVERDUE], routine=KIND.name
    )
    assert [o.key for o in overdue] == ["CN-05/core/2026-04"]
    assert app.networks.cadence("violence", TODAY) == Success(())


def test_future_meeting_and_core_meeting_of_a_2018_001_network_are_bad_input(app: App) -> None:
    assert (
        _field(app.networks.record_meeting("lead", "fgm", "2026-03-03", "whole", "x")) == "held_on"
    )
    assert _field(app.networks.record_meeting("lead", "fgm", "2026-03-01", "core", "x")) == "kind"


def test_members_submit_agenda_items_cn_07(app: App) -> None:
    app.networks.appoint("lead", "fgm", "asa1", "representative").unwrap()
    app.networks.appoint_regional_contact("lead", "fgm", "rkost", "fgm").unwrap()
    done = app.networks.submit_agenda_item("asa1", "fgm", "Praksis ved attester", "201512345601")
    assert isinstance(done, Success)
    before = _snapshot(app, "fgm")
    _refused(app.networks.submit_agenda_item("rkost", "fgm", "Sak"), "CN-07")
    _refused(app.networks.submit_agenda_item("opa1", "fgm", "Sak"), "CN-07")
    assert _snapshot(app, "fgm") == before
    state = app.networks.network("fgm").unwrap()
    assert [i.topic for i in state.agenda] == ["Praksis ved attester"]


def test_the_next_meeting_takes_up_the_open_agenda_and_the_history_keeps_it(app: App) -> None:
    app.networks.appoint("lead", "fgm", "asa1", "representative").unwrap()
    app.networks.submit_agenda_item("asa1", "fgm", "Praksis ved attester").unwrap()
    app.networks.record_meeting("lead", "fgm", "2026-03-01", "whole", "Status").unwrap()
    state = app.networks.network("fgm").unwrap()
    assert [i.topic for i in state.agenda] == ["Praksis ved attester"]  # met before it came
    app.networks.record_meeting("lead", "fgm", TODAY.isoformat(), "whole", "Attester").unwrap()
    state = app.networks.network("fgm").unwrap()
    assert state.agenda == ()
    assert [m.topic for m in state.meetings] == ["Status", "Attester"]
    events = [r.event for r in app.queries.history("fgm", KIND.name)]
    assert [e.item.topic for e in events if isinstance(e, AgendaItemSubmitted)] == [
        "Praksis ved attester"
    ]
    assert [e.meeting.topic for e in events if isinstance(e, MeetingHeld)] == [
        "Status",
        "Attester",
    ]


@pytest.mark.parametrize("network", ["violence", "fgm", "trafficking"])
def test_a_case_decision_through_a_network_is_refused_cn_08(app: App, network: str) -> None:
    before = _snapshot(app, network)
    command = {
        "command": "RecordCaseDecision",
        "actor": "lead",
        "network": network,
        "duf_case": "201512345601",
        "outcome": "innvilget",
    }
    _refused(app.commands.execute_payload(command), "CN-08")
    assert _snapshot(app, network) == before


# -- KOM, ROSA, permit statistics --------------------------------------------------------


def test_only_the_aua_coordinator_records_kom_input_cn_10(app: App) -> None:
    before = _snapshot(app)
    _refused(app.networks.record_kom_input("igs", 2025, ["201912345678"]), "CN-10")
    assert _snapshot(app) == before


def test_rosa_notices_come_from_regionkontor_ost_cn_11(app: App) -> None:
    before = _snapshot(app)
    _refused(app.networks.send_rosa_notice("rkvest", "201912345678"), "CN-11")
    assert _snapshot(app) == before
    app.networks.send_rosa_notice("rkost", "201912345678").unwrap()
    notices = app.networks.network("trafficking").unwrap().rosa_notices
    assert [(str(n.case), str(n.sent_by)) for n in notices] == [("201912345678", "rkost")]


def test_only_the_opa_coordinator_reports_permit_statistics_cn_12(app: App) -> None:
    app.networks.appoint("lead", "trafficking", "opaut", "department_coordinator").unwrap()
    before = _snapshot(app)
    _refused(app.networks.report_permit_statistics("opa1", "2025", "reflection", 12), "CN-12")
    assert _snapshot(app) == before
    app.networks.report_permit_statistics("opaut", "2025", "limited", 7).unwrap()
    stats = app.networks.network("trafficking").unwrap().statistics
    assert [(s.period, s.permits.value, s.count) for s in stats] == [("2025", "limited", 7)]


# -- the MH removal (CN-09) --------------------------------------------------------------


def _kom_setup(
    app: App,
    marked: Sequence[DufCaseNumber],
    reported: Sequence[DufCaseNumber],
    retained: Sequence[DufCaseNumber] = (),
    published: str = "2026-02-15",
) -> None:
    duf = app.duf
    assert isinstance(duf, MockDuf)
    duf.seed(MH, marked)
    app.networks.record_kom_input("lead", 2025, [str(c) for c in reported]).unwrap()
    if retained:
        app.networks.retain_mh_code("lead", 2025, [str(c) for c in retained], "open case").unwrap()
    app.networks.record_kom_publication("lead", 2025, published).unwrap()


def _marked(app: App) -> set[DufCaseNumber]:
    return set(app.duf.cases_with(MH, limit=1_000_000).unwrap())


def test_removal_before_publication_or_by_another_is_refused_cn_09(app: App) -> None:
    cases = [_case(i) for i in range(10)]
    duf = app.duf
    assert isinstance(duf, MockDuf)
    duf.seed(MH, cases)
    app.networks.record_kom_input("lead", 2025, [str(c) for c in cases[:5]]).unwrap()
    before = _snapshot(app)
    _refused(app.networks.remove_mh_codes("lead", 2025), "CN-09")  # not published
    assert _snapshot(app) == before
    app.networks.record_kom_publication("lead", 2025, "2026-03-02").unwrap()
    before = _snapshot(app)
    _refused(app.networks.remove_mh_codes("igs", 2025), "CN-09")
    _refused(app.networks.remove_mh_codes("lead", 2024), "CN-09")
    assert isinstance(app.networks.mh_dry_run("igs", 2025).failure(), RuleViolation)
    assert _snapshot(app) == before
    assert _marked(app) == set(cases)
    assert duf.calls == []


def test_removal_on_a_date_before_publication_is_refused(app: App) -> None:
    _kom_setup(app, [_case(1)], [_case(1)], published="2026-03-01")
    clock = app.clock
    assert isinstance(clock, FixedClock)
    clock.set(datetime.fromisoformat("2026-02-28T12:00:00+01:00"))
    before = _snapshot(app)
    error = _refused(app.networks.remove_mh_codes("lead", 2025), "CN-09")
    assert "published 2026-03-01" in error.describe()
    assert _snapshot(app) == before
    assert _marked(app) == {_case(1)}


def test_dry_run_then_run_removes_exactly_the_reported_unretained_cases(app: App) -> None:
    marked = [_case(i) for i in range(40)]
    reported = [*marked[::3], _case(999)]  # 999 was reported but no longer carries MH
    retained = [marked[3], marked[9]]
    _kom_setup(app, marked, reported, retained)
    expected = set(reported) - set(retained)
    dry = app.networks.mh_dry_run("lead", 2025).unwrap()
    assert isinstance(dry, MhDryRun)
    assert set(dry.would_remove) == expected - {_case(999)}
    assert dry.not_marked == (_case(999),)
    assert (dry.retained, dry.already_handled) == (2, 0)
    assert _marked(app) == set(marked)  # the dry run changed nothing

    report = app.networks.remove_mh_codes("lead", 2025, batch_size=4).unwrap()
    assert (report.removed, report.completed, report.batches) == (len(expected), True, 4)
    assert _marked(app) == set(marked) - expected
    history = app.queries.history("trafficking", KIND.name)
    batches = [r for r in history if isinstance(r.event, MhCodesRemoved)]
    assert all(str(r.actor) == "lead" and r.rule_ids == ("CN-09",) for r in batches)
    removed = [c for r in batches if isinstance(r.event, MhCodesRemoved) for c in r.event.cases]
    assert sorted(removed) == sorted(expected)

    again = app.networks.remove_mh_codes("lead", 2025).unwrap()
    assert (again.removed, again.removed_total, again.completed) == (0, len(expected), True)
    assert app.queries.history("trafficking", KIND.name) == history
    assert app.networks.mh_dry_run("lead", 2025).unwrap().would_remove == ()
    late = app.networks.record_kom_input("lead", 2025, ["202599999999"])
    _refused(late, "CN-09")


def test_a_duf_failure_stops_the_run_and_the_next_run_resumes(app: App) -> None:
    marked = [_case(i) for i in range(30)]
    _kom_setup(app, marked, marked[:20])
    duf = app.duf
    assert isinstance(duf, MockDuf)
    duf.faults.fail_every(7)
    first = app.networks.remove_mh_codes("lead", 2025, batch_size=5).unwrap()
    assert not first.completed
    assert first.stopped_by is not None
    assert "DUF" in first.stopped_by
    assert first.removed == 6
    duf.faults.clear()
    second = app.networks.remove_mh_codes("lead", 2025, batch_size=5).unwrap()
    assert (second.removed, second.removed_total, second.completed) == (14, 20, True)
    assert _marked(app) == set(marked[20:])


class CrashError(Exception):
    """The process dies: raised from inside a batch, after some DUF calls."""


class CrashingDuf:
    """Delegates to a MockDuf and dies on the ``crash_at``-th removal (before it)."""

    def __init__(self, inner: MockDuf, crash_at: int) -> None:
        self.inner = inner
        self.crash_at = crash_at
        self.removals = 0

    def add(self, case: DufCaseNumber, code: str, key: str) -> Result[None, ExternalFailure]:
        return self.inner.add(case, code, key)

    def remove(self, case: DufCaseNumber, code: str, key: str) -> Result[None, ExternalFailure]:
        self.removals += 1
        if self.removals == self.crash_at:
            raise CrashError(key)
        return self.inner.remove(case, code, key)

    def codes(self, case: DufCaseNumber) -> Result[frozenset[str], ExternalFailure]:
        return self.inner.codes(case)

    def cases_with(
        self, code: str, after: DufCaseNumber | None = None, limit: int = 1000
    ) -> Result[Sequence[DufCaseNumber], ExternalFailure]:
        return self.inner.cases_with(code, after, limit)


@settings(max_examples=25)
@given(
    n_marked=st.integers(1, 60),
    data=st.data(),
    k=st.integers(0, 6),
    batch=st.integers(1, 9),
    crashes=st.lists(st.integers(1, 25), max_size=3),
)
def test_removal_touches_exactly_the_reported_set_despite_faults_and_crashes(
    n_marked: int, data: st.DataObject, k: int, batch: int, crashes: list[int]
) -> None:
    app = _make_app()
    marked = [_case(i) for i in range(n_marked)]
    reported = data.draw(st.lists(st.sampled_from(marked), min_size=1, unique=True))
    retained = data.draw(st.lists(st.sampled_from(reported), unique=True))
    _kom_setup(app, marked, reported, retained)
    duf = app.duf
    assert isinstance(duf, MockDuf)
    duf.faults.fail_every(k if k != 1 else 2)  # every call failing would never finish
    expected = set(reported) - set(retained)
    completed = False
    for attempt in range(500):
        crash_at = crashes[attempt] if attempt < len(crashes) else 0
        service = CoordinatorNetworkService(app.runner, app.store, CrashingDuf(duf, crash_at))
        try:
            report = service.remove_mh_codes("lead", 2025, batch_size=batch).unwrap()
        except CrashError:
            continue
        if report.completed:
            completed = True
            break
    assert completed
    duf.faults.clear()
    assert _marked(app) == set(marked) - expected
    assert set(duf.ledger) == {mh_key(2025, c) for c in expected}
    assert set(duf.ledger.values()) <= {1}
    removed = [
        c
        for r in app.queries.history("trafficking", KIND.name)
        if isinstance(r.event, MhCodesRemoved)
        for c in r.event.cases
    ]
    assert sorted(removed) == sorted(expected)  # each recorded once, none skipped
    state = app.networks.network("trafficking").unwrap()
    kom = state.kom_year(2025)
    assert kom is not None
    assert kom.removal is not None
    assert kom.removal.removed == len(expected)
    app.close()
