"""The store contract: one suite, written once, run against every store adapter.

To check an adapter, subclass :class:`StoreContract` in a test module and provide a
``store`` fixture that yields a fresh, empty store::

    import pytest
    from udi_core.testing.contract import StoreContract

    class TestMyStore(StoreContract):
        @pytest.fixture
        def store(self):
            s = MyStore(...)
            yield s
            s.close()

The suite stores the :mod:`udi_core.testing.tally` kind, and round-trips a generated state
of every catalogued aggregate kind (:data:`udi_core.domain.catalog.KINDS`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from returns.result import Failure, Success

from udi_core.domain import catalog
from udi_core.domain.kernel.advisories import Advisory
from udi_core.domain.kernel.aggregate import AggregateKind
from udi_core.domain.kernel.effects import AddDufCode, PostJournal
from udi_core.domain.kernel.errors import ConcurrencyConflict
from udi_core.domain.kernel.events import EventRecord
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber, DufCaseNumber, EmployeeId, UnitId
from udi_core.domain.kernel.noark5 import (
    Document,
    DocumentRole,
    JournalPost,
    Journalposttype,
    Korrespondansepart,
    Korrespondanseparttype,
)
from udi_core.domain.kernel.obligations import Obligation, ObligationStatus
from udi_core.domain.kernel.organisation import Department, Employee, OrgUnit, Role, UnitKind
from udi_core.ports.outbox import OutboxItem, OutboxStatus
from udi_core.ports.persistence import AdvisoryRecord, ObligationQuery, Store
from udi_core.testing import strategies
from udi_core.testing.tally import TALLY, TALLY_SHOULD, Counted, Renamed, Tally

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ACTOR = EmployeeId("e1")


def _record(aggregate_id: str, version: int, event: object) -> EventRecord:
    return EventRecord(
        TALLY.name, aggregate_id, version, T0 + timedelta(minutes=version), ACTOR, ("TT-01",), event
    )


def _obligation(aid: str, key: str, due: date, met: date | None = None) -> Obligation:
    return Obligation(key, "TT-01", "tally", aid, f"do {key}", "e1", due, met)


def _post() -> JournalPost:
    kp = Korrespondanseparttype
    return JournalPost(
        ArchiveCaseNumber(26, 12),
        Journalposttype.INTERNAL_NO_FOLLOW_UP,
        "Intern rapportering fra møte – EMN – «quotes» 'and'; DROP TABLE x; --",
        "Intern rapportering fra møte – internasjonale fora",
        (
            Korrespondansepart(kp.INTERNAL_SENDER, "Kari Nordmann"),
            Korrespondansepart(kp.INTERNAL_RECIPIENT, "AUA Internasjonal enhet", "IGS"),
        ),
        (Document("Rapport", DocumentRole.MAIN), Document("Referat", DocumentRole.ATTACHMENT)),
    )


class StoreContract:
    """Behaviour every :class:`~udi_core.ports.persistence.Store` must have."""

    @pytest.fixture
    def store(self) -> Any:  # pragma: no cover - overridden by the adapter's test module
        raise NotImplementedError("provide a `store` fixture yielding a fresh, empty store")

    # -- aggregates -------------------------------------------------------------------

    def test_missing_aggregate_is_none(self, store: Store) -> None:
        with store.unit_of_work() as uow:
            assert uow.repository(TALLY).get("nope") is None
            assert uow.repository(TALLY).ids() == []

    def test_saved_state_reads_back_equal(self, store: Store) -> None:
        state = Tally("første «tally»", "e1", 3, date(2026, 5, 1))
        with store.unit_of_work() as uow:
            uow.repository(TALLY).save("t1", state, expected_version=0, version=2)
            assert uow.commit() == Success(None)
        with store.unit_of_work() as uow:
            loaded = uow.repository(TALLY).get("t1")
            assert loaded is not None
            assert (loaded.id, loaded.state, loaded.version) == ("t1", state, 2)
            assert uow.repository(TALLY).ids() == ["t1"]

    def test_leaving_without_commit_stores_nothing(self, store: Store) -> None:
        with store.unit_of_work() as uow:
            uow.repository(TALLY).save("t1", Tally("a", "e1"), expected_version=0, version=1)
            uow.events.append([_record("t1", 1, Counted(1))])
            uow.outbox.add(
                [
                    OutboxItem.new(
                        AddDufCode("k1", DufCaseNumber("201500000001"), "MH"), "tally", "t1", T0
                    )
                ]
            )
        with store.unit_of_work() as uow:
            assert uow.repository(TALLY).get("t1") is None
            assert uow.events.history("t1") == []
            assert uow.outbox.get("k1") is None

    def test_explicit_rollback_discards_staged_writes(self, store: Store) -> None:
        with store.unit_of_work() as uow:
            uow.repository(TALLY).save("t1", Tally("a", "e1"), expected_version=0, version=1)
            uow.rollback()
            assert uow.commit() == Success(None)
        with store.unit_of_work() as uow:
            assert uow.repository(TALLY).get("t1") is None

    def test_stale_writer_gets_conflict_and_stores_nothing(self, store: Store) -> None:
        with store.unit_of_work() as uow:
            uow.repository(TALLY).save("t1", Tally("a", "e1"), expected_version=0, version=1)
            assert uow.commit() == Success(None)
        first, second = store.unit_of_work(), store.unit_of_work()
        with first, second:
            a = first.repository(TALLY).get("t1")
            b = second.repository(TALLY).get("t1")
            assert a is not None
            assert b is not None
            first.repository(TALLY).save("t1", Tally("a", "e1", 1), expected_version=1, version=2)
            first.events.append([_record("t1", 2, Counted(1))])
            assert first.commit() == Success(None)
            second.repository(TALLY).save("t1", Tally("a", "e1", 5), expected_version=1, version=2)
            second.events.append([_record("t1", 2, Counted(5))])
            effect = AddDufCode("lost-key", DufCaseNumber("201500000002"), "MH")
            second.outbox.add([OutboxItem.new(effect, "tally", "t1", T0)])
            result = second.commit()
        assert result == Failure(ConcurrencyConflict("tally", "t1", 1, 2))
        with store.unit_of_work() as uow:
            loaded = uow.repository(TALLY).get("t1")
            assert loaded is not None
            assert loaded.state.count == 1
            assert [r.event for r in uow.events.history("t1")] == [Counted(1)]
            assert uow.outbox.get("lost-key") is None

    def test_a_read_sees_what_another_unit_of_work_committed_since(self, store: Store) -> None:
        """A store may remember states it read or wrote, but never returns an older one
        once a newer version is committed."""
        with store.unit_of_work() as uow:
            uow.repository(TALLY).save("t1", Tally("a", "kari"), expected_version=0, version=1)
            assert uow.commit() == Success(None)
        with store.unit_of_work() as reader:
            repo = reader.repository(TALLY)
            first = repo.get("t1")
            assert first is not None
            assert [t.state for t in repo.find("owner", "kari")] == [Tally("a", "kari")]
            with store.unit_of_work() as writer:
                newer = Tally("b", "ola", 4)
                writer.repository(TALLY).save("t1", newer, expected_version=1, version=3)
                assert writer.commit() == Success(None)
            again = repo.get("t1")
            assert again is not None
            assert (again.state, again.version) == (newer, 3)
            assert repo.find("owner", "kari") == []
            assert [(t.state, t.version) for t in repo.find("owner", "ola")] == [(newer, 3)]
        with store.unit_of_work() as uow:
            latest = uow.repository(TALLY).get("t1")
            assert latest is not None
            assert (latest.state, latest.version) == (newer, 3)

    def test_new_aggregate_created_twice_conflicts(self, store: Store) -> None:
        first, second = store.unit_of_work(), store.unit_of_work()
        with first, second:
            first.repository(TALLY).save("t1", Tally("a", "e1"), expected_version=0, version=1)
            second.repository(TALLY).save("t1", Tally("b", "e1"), expected_version=0, version=1)
            assert first.commit() == Success(None)
            assert isinstance(second.commit(), Failure)
        with store.unit_of_work() as uow:
            loaded = uow.repository(TALLY).get("t1")
            assert loaded is not None
            assert loaded.state.name == "a"

    def test_find_follows_the_index_as_state_changes(self, store: Store) -> None:
        with store.unit_of_work() as uow:
            repo = uow.repository(TALLY)
            repo.save("t1", Tally("x", "kari"), expected_version=0, version=1)
            repo.save("t2", Tally("y", "kari"), expected_version=0, version=1)
            repo.save("t3", Tally("z", "ola"), expected_version=0, version=1)
            assert uow.commit() == Success(None)
        with store.unit_of_work() as uow:
            repo = uow.repository(TALLY)
            assert [t.id for t in repo.find("owner", "kari")] == ["t1", "t2"]
            repo.save("t1", Tally("x", "ola"), expected_version=1, version=2)
            assert [t.id for t in repo.find("owner", "ola")] == ["t1", "t3"]
            assert uow.commit() == Success(None)
        with store.unit_of_work() as uow:
            repo = uow.repository(TALLY)
            assert [t.id for t in repo.find("owner", "kari")] == ["t2"]
            assert [t.id for t in repo.find("owner", "ola")] == ["t1", "t3"]
            assert repo.find("owner", "nobody") == []

    # -- events -----------------------------------------------------------------------

    def test_history_reads_back_in_version_order(self, store: Store) -> None:
        with store.unit_of_work() as uow:
            uow.events.append([_record("t1", 1, Counted(2)), _record("t1", 2, Renamed("b'; --"))])
            uow.events.append([_record("t2", 1, Counted(9))])
            assert uow.commit() == Success(None)
        with store.unit_of_work() as uow:
            uow.repository(TALLY)  # the kind is known to the store from here on
            history = uow.events.history("t1")
        assert [(r.version, r.event) for r in history] == [(1, Counted(2)), (2, Renamed("b'; --"))]
        assert history[0].actor == ACTOR
        assert history[0].rule_ids == ("TT-01",)
        assert history[0].occurred_at == T0 + timedelta(minutes=1)
        assert history[0].id == "tally/t1/1"

    # -- outbox -----------------------------------------------------------------------

    def test_outbox_keeps_the_first_item_of_a_key(self, store: Store) -> None:
        first = OutboxItem.new(
            AddDufCode("k1", DufCaseNumber("201500000001"), "A"), "tally", "t", T0
        )
        again = OutboxItem.new(
            AddDufCode("k1", DufCaseNumber("201500000009"), "B"), "tally", "t", T0
        )
        with store.unit_of_work() as uow:
            uow.outbox.add([first])
            assert uow.commit() == Success(None)
        with store.unit_of_work() as uow:
            uow.outbox.add([again])
            assert uow.outbox.get("k1") == first  # already in this unit of work
            assert uow.outbox.list() == [first]
            uow.outbox.add([again])
            assert uow.commit() == Success(None)
        with store.unit_of_work() as uow:
            uow.outbox.add([again])  # and read only after it
            assert uow.commit() == Success(None)
        with store.unit_of_work() as uow:
            assert uow.outbox.get("k1") == first
            assert uow.outbox.list() == [first]
            assert uow.outbox.due(T0, 10) == [first]

    def test_outbox_due_and_status_changes(self, store: Store) -> None:
        post = OutboxItem.new(PostJournal("p1", _post()), "tally", "t", T0)
        later = OutboxItem.new(
            AddDufCode("k2", DufCaseNumber("201500000002"), "MH"),
            "tally",
            "t",
            T0 + timedelta(hours=1),
        )
        with store.unit_of_work() as uow:
            uow.outbox.add([later, post])
            assert uow.commit() == Success(None)
        with store.unit_of_work() as uow:
            assert [i.key for i in uow.outbox.due(T0, 10)] == ["p1"]
            assert [i.key for i in uow.outbox.due(T0 + timedelta(hours=2), 10)] == ["p1", "k2"]
            assert uow.outbox.get("p1") == post
            uow.outbox.update(post.delivered("26/00012-1", T0 + timedelta(seconds=5)))
            uow.outbox.update(later.failed("DUF: down", T0 + timedelta(hours=3)))
            assert uow.commit() == Success(None)
        with store.unit_of_work() as uow:
            delivered = uow.outbox.get("p1")
            assert delivered is not None
            assert delivered.status is OutboxStatus.DELIVERED
            assert delivered.result == "26/00012-1"
            assert delivered.attempts == 1
            assert [i.key for i in uow.outbox.due(T0 + timedelta(hours=2), 10)] == []
            assert [i.key for i in uow.outbox.due(T0 + timedelta(hours=3), 10)] == ["k2"]
            assert [i.key for i in uow.outbox.list(OutboxStatus.PENDING)] == ["k2"]
            assert [i.key for i in uow.outbox.list(OutboxStatus.DELIVERED)] == ["p1"]

    # -- obligations ------------------------------------------------------------------

    def test_obligations_are_replaced_per_aggregate_and_queried_by_status(
        self, store: Store
    ) -> None:
        with store.unit_of_work() as uow:
            uow.obligations.replace("tally", "a", [_obligation("a", "x", date(2026, 1, 31))])
            uow.obligations.replace(
                "tally",
                "b",
                [
                    _obligation("b", "late", date(2026, 2, 1)),
                    _obligation("b", "met", date(2026, 2, 10), date(2026, 2, 9)),
                    _obligation("b", "soon", date(2026, 4, 1)),
                ],
            )
            assert uow.commit() == Success(None)
        with store.unit_of_work() as uow:
            uow.obligations.replace("tally", "a", [_obligation("a", "y", date(2026, 5, 1))])
            assert uow.commit() == Success(None)
        as_of = date(2026, 3, 1)
        with store.unit_of_work() as uow:
            every = uow.obligations.query(ObligationQuery(as_of))
            assert [(o.aggregate_id, o.key) for o in every] == [
                ("b", "late"),
                ("b", "met"),
                ("b", "soon"),
                ("a", "y"),
            ]
            overdue = uow.obligations.query(ObligationQuery(as_of, {ObligationStatus.OVERDUE}))
            assert [o.key for o in overdue] == ["late"]
            met = uow.obligations.query(ObligationQuery(as_of, {ObligationStatus.MET}))
            assert [o.key for o in met] == ["met"]
            assert met[0] == _obligation("b", "met", date(2026, 2, 10), date(2026, 2, 9))
            page = uow.obligations.query(ObligationQuery(as_of, limit=2, offset=1))
            assert [o.key for o in page] == ["met", "soon"]
            only_a = uow.obligations.query(ObligationQuery(as_of, aggregate_id="a"))
            assert [o.key for o in only_a] == ["y"]
            before = uow.obligations.query(ObligationQuery(as_of, due_before=date(2026, 3, 1)))
            assert [o.key for o in before] == ["late", "met"]
            assert dict(uow.obligations.totals(as_of)) == {
                ("tally", ObligationStatus.OVERDUE): 1,
                ("tally", ObligationStatus.MET): 1,
                ("tally", ObligationStatus.DUE): 2,
            }
            # met after the as-of date counts as not yet met on that date
            early = uow.obligations.query(ObligationQuery(date(2026, 2, 5)))
            assert [o.status(date(2026, 2, 5)) for o in early][:2] == [
                ObligationStatus.OVERDUE,
                ObligationStatus.DUE,
            ]

    # -- advisories -------------------------------------------------------------------

    def test_advisories_are_recorded(self, store: Store) -> None:
        record = AdvisoryRecord("tally", "t1", 3, T0, ACTOR, Advisory(TALLY_SHOULD, "not counted"))
        with store.unit_of_work() as uow:
            uow.advisories.record([record])
            assert uow.commit() == Success(None)
        with store.unit_of_work() as uow:
            assert uow.advisories.list("t1") == [record]
            assert uow.advisories.list() == [record]
            assert uow.advisories.list("other") == []

    # -- organisation -----------------------------------------------------------------

    def test_organisation_round_trips(self, store: Store) -> None:
        unit = OrgUnit(
            UnitId("OPA-E1"), 'Enhet for "familie"; --', Department.OPA, UnitKind.UNIT, None
        )
        igs = OrgUnit(
            UnitId("AUA-IGS"), "AUA Internasjonal enhet", Department.AUA, UnitKind.UNIT, "IGS"
        )
        leader = Employee(
            EmployeeId("kari"), "Kari Nordmann", unit.id, Department.OPA, {Role.UNIT_LEADER}
        )
        worker = Employee(EmployeeId("ola"), "Ola O'Neill", unit.id, Department.OPA)
        with store.unit_of_work() as uow:
            for u in (unit, igs):
                uow.organisation.put_unit(u)
            for e in (worker, leader):
                uow.organisation.put_employee(e)
            assert uow.commit() == Success(None)
        with store.unit_of_work() as uow:
            assert uow.organisation.unit(unit.id) == unit
            assert uow.organisation.employee(leader.id) == leader
            assert uow.organisation.employee(EmployeeId("nobody")) is None
            assert uow.organisation.units() == [igs, unit]
            assert uow.organisation.employees(unit.id) == [leader, worker]
            assert uow.organisation.employees(igs.id) == []
            promoted = Employee(worker.id, worker.name, unit.id, Department.OPA, {Role.UNIT_LEADER})
            uow.organisation.put_employee(promoted)
            assert uow.commit() == Success(None)
        with store.unit_of_work() as uow:
            assert uow.organisation.employee(worker.id) == promoted

    def test_an_organisation_change_is_seen_by_the_next_unit_of_work(self, store: Store) -> None:
        """A store may remember the organisation it read, but never past a change."""
        unit = OrgUnit(UnitId("OPA-E1"), "Enhet 1", Department.OPA, UnitKind.UNIT, None)
        kari = Employee(EmployeeId("kari"), "Kari Nordmann", unit.id, Department.OPA)
        with store.unit_of_work() as uow:
            uow.organisation.put_unit(unit)
            uow.organisation.put_employee(kari)
            assert uow.commit() == Success(None)
        with store.unit_of_work() as uow:  # read (and perhaps remembered)
            assert uow.organisation.employee(kari.id) == kari
            assert uow.organisation.employee(EmployeeId("ola")) is None
            assert uow.organisation.unit(UnitId("OPA-E2")) is None
            assert uow.organisation.units() == [unit]
            assert uow.organisation.employees(unit.id) == [kari]
        other = OrgUnit(UnitId("OPA-E2"), "Enhet 2", Department.OPA, UnitKind.UNIT, None)
        ola = Employee(EmployeeId("ola"), "Ola Nordmann", unit.id, Department.OPA)
        moved = Employee(kari.id, kari.name, other.id, Department.OPA, {Role.UNIT_LEADER})
        with store.unit_of_work() as uow:
            assert uow.organisation.employee(ola.id) is None
            uow.organisation.put_unit(other)
            uow.organisation.put_employee(ola)
            uow.organisation.put_employee(moved)
            assert uow.commit() == Success(None)
            assert uow.organisation.employee(ola.id) == ola  # its own commit, read back
        with store.unit_of_work() as uow:
            assert uow.organisation.employee(kari.id) == moved
            assert uow.organisation.employee(ola.id) == ola
            assert uow.organisation.unit(other.id) == other
            assert uow.organisation.units() == [unit, other]
            assert uow.organisation.employees(unit.id) == [ola]
            assert uow.organisation.employees(other.id) == [moved]
            assert uow.organisation.employees() == [moved, ola]

    # -- every catalogued aggregate ----------------------------------------------------

    @pytest.mark.parametrize("kind_name", [k.name for k in catalog.KINDS] + ["tally"])
    def test_every_kind_round_trips(self, store: Store, kind_name: str) -> None:
        kind: AggregateKind[Any] = catalog.kind_named(kind_name) or TALLY
        made = strategies.state_strategies().get(kind_name)
        assert made is not None, f"no state strategy for {kind_name}: add it to strategies"

        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
        @given(state=made(), n=st.integers(1, 10**6))
        def round_trip(state: object, n: int) -> None:
            aid = f"{kind_name}-{n}"
            with store.unit_of_work() as uow:
                repo = uow.repository(kind)
                previous = repo.get(aid)
                base = previous.version if previous is not None else 0
                repo.save(aid, state, expected_version=base, version=base + 1)
                assert uow.commit() == Success(None)
            with store.unit_of_work() as uow:
                loaded = uow.repository(kind).get(aid)
                assert loaded is not None
                assert loaded.state == state
                for key, value in kind.index(state):
                    assert aid in [f.id for f in uow.repository(kind).find(key, value)]

        round_trip()
