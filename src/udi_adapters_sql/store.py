"""The SQL :class:`~udi_core.ports.persistence.Store` (SQLAlchemy 2 Core; SQLite, PostgreSQL).

A unit of work reads with plain statements (each sees what is committed when it runs,
merged with the unit's own staged writes; the organisation as of the unit's first
read, see below) and stages every write. ``commit`` applies them
all in ONE transaction: first the optimistic checks on the aggregates' version column
(``UPDATE ... WHERE version = expected``; ``INSERT ... ON CONFLICT DO NOTHING`` for a new
aggregate), then events, index rows, outbox, obligations, advisories and the
organisation. A check that fails rolls everything back and returns
``ConcurrencyConflict``; a database error rolls back and returns ``StorageFailure``.
Locks are held only while committing, so units of work never wait on each other's reads.

States are written and read as JSON text. The store remembers the states it wrote or
read (:class:`~udi_adapters_sql.cache.StateCache`): a read still selects the row, and
reuses the remembered state only when the row holds exactly the version and text it was
remembered with, so nothing committed elsewhere is ever missed. It also remembers the
organisation's units and employees per organisation version
(:class:`~udi_adapters_sql.cache.OrganisationCache`): every organisation write bumps the
version row in its transaction, and a unit of work reads that row once, with its
first read of an aggregate (in the same statement) or of the organisation, so it sees
every organisation write committed before then, by any store or process.

Reads return plain values, as the ports say; a row that cannot be read back, or a
database that stops answering, raises :class:`~udi_core.ports.persistence.StoreError`
carrying the ``StorageFailure`` (the command runner returns it as a Failure).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Any, Self, TypeVar

from attrs import define, field, frozen
from returns.result import Failure, Result, Success
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Executable,
    and_,
    case,
    false,
    func,
    literal,
    not_,
    or_,
    select,
    tuple_,
)
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError

from udi_adapters_sql import rows
from udi_adapters_sql.cache import OrganisationCache, StateCache
from udi_adapters_sql.migrate import shown, unreachable
from udi_adapters_sql.schema import (
    advisories,
    aggregate_index,
    aggregates,
    employees,
    events,
    obligations,
    org_units,
    outbox,
)
from udi_adapters_sql.statements import STATE_TEXT, Prepared, Statements
from udi_core.domain import catalog
from udi_core.domain.kernel.aggregate import AggregateKind
from udi_core.domain.kernel.errors import ConcurrencyConflict, StorageFailure
from udi_core.domain.kernel.events import EventRecord
from udi_core.domain.kernel.identifiers import EmployeeId, UnitId
from udi_core.domain.kernel.obligations import Obligation, ObligationStatus
from udi_core.domain.kernel.organisation import Employee, OrgUnit
from udi_core.ports.outbox import Outbox, OutboxItem, OutboxStatus
from udi_core.ports.persistence import (
    AdvisoryLog,
    AdvisoryRecord,
    AggregateRepository,
    EventLog,
    Loaded,
    ObligationQuery,
    ObligationStore,
    OrganisationRepository,
    StoreError,
    UnitOfWork,
)

S = TypeVar("S")


class SqlStore:
    """A store on one database. Thread-safe; each unit of work uses one connection."""

    def __init__(self, engine: Engine, url: URL) -> None:
        self._engine = engine
        self.url = url
        self._kinds: dict[str, AggregateKind[Any]] = {k.name: k for k in catalog.KINDS}
        self.states = StateCache()
        self.sql = Statements(engine.dialect.name)
        self._organisation: OrganisationCache | None = None

    @property
    def name(self) -> str:
        return self._engine.dialect.name

    @property
    def engine(self) -> Engine:
        return self._engine

    def learn(self, kind: AggregateKind[Any]) -> None:
        """Remember ``kind`` so its events can be read back (``repository`` calls this)."""
        self._kinds[kind.name] = kind

    def kind_named(self, name: str) -> AggregateKind[Any] | None:
        return self._kinds.get(name)

    def organisation_at(self, version: int) -> OrganisationCache:
        """The remembered organisation of ``version`` (a new, empty one if it moved)."""
        known = self._organisation
        if known is None or known.version != version:
            known = self._organisation = OrganisationCache(version)
        return known

    def loaded(self, kind: AggregateKind[S], row: Mapping[str, Any]) -> Loaded[S]:
        """The aggregate in a row (``id``, ``version``, ``state`` as JSON text): the
        remembered state when the row holds the very version and text it came from."""
        known = self.states.state(kind.name, row["id"], row["version"], row["state"])
        if known is not None:
            return Loaded(row["id"], known, row["version"])
        fresh = rows.loaded(kind, row)
        self.states.remember(kind.name, fresh.id, fresh.version, row["state"], fresh.state)
        return fresh

    def unit_of_work(self) -> UnitOfWork:
        return SqlUnitOfWork(self)

    def close(self) -> None:
        self._engine.dispose()

    def __repr__(self) -> str:
        return f"SqlStore({shown(self.url)!r})"


@frozen
class _Staged:
    kind: AggregateKind[Any]
    state: Any
    version: int
    expected: int  # the stored version this write replaces (0: a new aggregate)
    index: frozenset[tuple[str, str]]

    def text(self) -> str:
        return rows.state_text(self.state)


class _Repository:
    def __init__(self, uow: SqlUnitOfWork, kind: AggregateKind[Any]) -> None:
        self._uow = uow
        self._kind = kind

    def get(self, aggregate_id: str) -> Loaded[Any] | None:
        staged = self._uow.staged.rows.get((self._kind.name, aggregate_id))
        if staged is not None:
            return Loaded(aggregate_id, staged.state, staged.version)
        uow = self._uow
        sql = uow.store.sql
        params = {"kind": self._kind.name, "id": aggregate_id}
        if uow.knows_organisation():
            found = uow.read(sql.get, params)
        else:  # the unit's first read: learn the organisation's version with it
            found = uow.read(sql.get_and_organisation, params)
            if len(found) != 1:  # no version row to go by
                found = uow.read(sql.get, params)
            else:
                uow.organisation_at(found[0]["organisation_version"])
                found = [found[0]] if found[0]["id"] is not None else []
        return uow.store.loaded(self._kind, found[0]) if found else None

    def save(self, aggregate_id: str, state: Any, *, expected_version: int, version: int) -> None:
        if version <= expected_version:
            raise ValueError("a saved version is greater than the expected one")
        key = (self._kind.name, aggregate_id)
        previous = self._uow.staged.rows.get(key)
        expected = previous.expected if previous is not None else expected_version
        index = frozenset(self._kind.index(state))
        self._uow.staged.rows[key] = _Staged(self._kind, state, version, expected, index)

    def find(self, key: str, value: str) -> list[Loaded[Any]]:
        name = self._kind.name
        found = self._uow.read(
            select(aggregates.c.id, aggregates.c.version, STATE_TEXT)
            .join(
                aggregate_index,
                and_(
                    aggregate_index.c.kind == aggregates.c.kind,
                    aggregate_index.c.id == aggregates.c.id,
                ),
            )
            .where(
                aggregate_index.c.kind == name,
                aggregate_index.c.key == key,
                aggregate_index.c.value == value,
            )
            .order_by(aggregates.c.id)
        )
        staged = {aid: s for (k, aid), s in self._uow.staged.rows.items() if k == name}
        loaded = self._uow.store.loaded
        result = {r["id"]: loaded(self._kind, r) for r in found if r["id"] not in staged}
        for aid, s in staged.items():
            if (key, value) in s.index:
                result[aid] = Loaded(aid, s.state, s.version)
        return [result[aid] for aid in sorted(result)]

    def ids(self) -> list[str]:
        name = self._kind.name
        stored = self._uow.read(
            select(aggregates.c.id).where(aggregates.c.kind == name).order_by(aggregates.c.id)
        )
        staged = {aid for (k, aid) in self._uow.staged.rows if k == name}
        return sorted({r["id"] for r in stored} | staged)


class _EventLog:
    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    def append(self, records: Sequence[EventRecord]) -> None:
        self._uow.staged.events.extend(records)

    def history(self, aggregate_id: str, aggregate_kind: str | None = None) -> list[EventRecord]:
        query = select(events).where(events.c.aggregate_id == aggregate_id)
        if aggregate_kind is not None:
            query = query.where(events.c.kind == aggregate_kind)
        found = self._uow.read(query.order_by(events.c.kind, events.c.version))
        kinds = self._uow.store.kind_named
        records = [rows.event_record(r, kinds) for r in found]
        records += [
            r
            for r in self._uow.staged.events
            if r.aggregate_id == aggregate_id
            and (aggregate_kind is None or r.aggregate_kind == aggregate_kind)
        ]
        return sorted(records, key=lambda r: (r.aggregate_kind, r.version))


def _not_unicode(exc: UnicodeEncodeError) -> StorageFailure:
    shown = exc.object[exc.start : exc.end].encode("unicode_escape").decode("ascii")
    return StorageFailure(
        f"nothing of the command was stored: it holds text the database cannot store "
        f"({shown}, a lone surrogate, is not a Unicode character)",
        "remove or replace that character in the command's text and send it again",
    )


def _outbox_order(item: OutboxItem) -> tuple[datetime, str]:
    return (item.created_at, item.key)


class _Outbox:
    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    def add(self, items: Sequence[OutboxItem]) -> None:
        # no read: a key stored already is found out only when this unit reads its outbox
        # (``_settle``), and at commit the stored item keeps its place (ON CONFLICT)
        staged = self._uow.staged
        for item in items:
            if item.key not in staged.outbox:
                staged.outbox[item.key] = item
                staged.new_outbox.add(item.key)
                staged.unsettled.add(item.key)

    def _settle(self) -> None:
        """Drop the staged new items whose keys turn out to be stored already."""
        staged = self._uow.staged
        if not staged.unsettled:
            return
        keys = sorted(staged.unsettled)
        found = self._uow.read(select(outbox.c.key).where(outbox.c.key.in_(keys)))
        staged.unsettled.clear()
        for row in found:
            del staged.outbox[row["key"]]
            staged.new_outbox.discard(row["key"])

    def get(self, key: str) -> OutboxItem | None:
        self._settle()
        staged = self._uow.staged.outbox.get(key)
        if staged is not None:
            return staged
        found = self._uow.read(select(outbox).where(outbox.c.key == key))
        return rows.outbox_item(found[0]) if found else None

    def update(self, item: OutboxItem) -> None:
        if self.get(item.key) is None:
            raise KeyError(f"no outbox item {item.key!r}")
        self._uow.staged.outbox[item.key] = item

    def _merged(
        self,
        where: ColumnElement[bool],
        order: Sequence[ColumnElement[Any]],
        keep: Callable[[OutboxItem], bool],
        sort: Callable[[OutboxItem], tuple[Any, ...]],
        limit: int,
    ) -> list[OutboxItem]:
        self._settle()
        staged = self._uow.staged.outbox
        query = select(outbox).where(where)
        if staged:
            query = query.where(outbox.c.key.not_in(list(staged)))
        found = [rows.outbox_item(r) for r in self._uow.read(query.order_by(*order).limit(limit))]
        if not staged:
            return found
        merged = found + [i for i in staged.values() if keep(i)]
        return sorted(merged, key=sort)[:limit]

    def due(self, now: datetime, limit: int) -> list[OutboxItem]:
        pending = OutboxStatus.PENDING
        return self._merged(
            and_(outbox.c.status == pending.value, outbox.c.next_attempt_at <= now),
            (outbox.c.next_attempt_at, outbox.c.created_at, outbox.c.key),
            lambda i: i.status is pending and i.next_attempt_at <= now,
            lambda i: (i.next_attempt_at, i.created_at, i.key),
            limit,
        )

    def list(self, status: OutboxStatus | None = None, limit: int = 1000) -> list[OutboxItem]:
        where = outbox.c.status == status.value if status is not None else literal(True)
        return self._merged(
            where,
            (outbox.c.created_at, outbox.c.key),
            lambda i: status is None or i.status is status,
            _outbox_order,
            limit,
        )


def status_of(as_of: date) -> ColumnElement[str]:
    """An obligation's status on ``as_of``, in SQL (as ``Obligation.status``)."""
    o = obligations.c
    return case(
        (o.met_on <= as_of, ObligationStatus.MET.value),
        (o.due < as_of, ObligationStatus.OVERDUE.value),
        else_=ObligationStatus.DUE.value,
    )


def status_filter(as_of: date, statuses: frozenset[ObligationStatus]) -> ColumnElement[bool]:
    """Obligations whose status on ``as_of`` is one of ``statuses``, as index-friendly
    conditions on ``due`` and ``met_on``."""
    o = obligations.c
    met = and_(o.met_on.is_not(None), o.met_on <= as_of)
    open_ = or_(o.met_on.is_(None), o.met_on > as_of)
    conditions = {
        ObligationStatus.MET: met,
        ObligationStatus.OVERDUE: and_(o.due < as_of, open_),
        ObligationStatus.DUE: and_(o.due >= as_of, open_),
    }
    if statuses >= set(ObligationStatus):
        return literal(True)
    chosen = [conditions[s] for s in ObligationStatus if s in statuses]
    return or_(*chosen) if chosen else false()


def _matches(o: Obligation, q: ObligationQuery) -> bool:
    if q.routine is not None and o.routine != q.routine:
        return False
    if q.aggregate_id is not None and o.aggregate_id != q.aggregate_id:
        return False
    if q.due_before is not None and o.due >= q.due_before:
        return False
    return o.status(q.as_of) in q.statuses


def _obligation_order(o: Obligation) -> tuple[date, str, str, str]:
    return (o.due, o.routine, o.aggregate_id, o.key)


class _Obligations:
    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    def replace(self, routine: str, aggregate_id: str, obligations: Sequence[Obligation]) -> None:
        for o in obligations:
            if (o.routine, o.aggregate_id) != (routine, aggregate_id):
                raise ValueError(
                    f"obligation {o.key!r} belongs to {o.routine}/{o.aggregate_id}, not to "
                    f"{routine}/{aggregate_id}: its routine is its aggregate kind's name"
                )
        self._uow.staged.obligations[(routine, aggregate_id)] = tuple(obligations)

    def _not_staged(self) -> ColumnElement[bool]:
        staged = list(self._uow.staged.obligations)
        if not staged:
            return literal(True)
        o = obligations.c
        return not_(tuple_(o.routine, o.aggregate_id).in_(staged))

    def query(self, query: ObligationQuery) -> list[Obligation]:
        o = obligations.c
        select_ = select(obligations).where(
            status_filter(query.as_of, query.statuses), self._not_staged()
        )
        if query.routine is not None:
            select_ = select_.where(o.routine == query.routine)
        if query.aggregate_id is not None:
            select_ = select_.where(o.aggregate_id == query.aggregate_id)
        if query.due_before is not None:
            select_ = select_.where(o.due < query.due_before)
        select_ = select_.order_by(o.due, o.routine, o.aggregate_id, o.key)
        staged = [
            ob
            for group in self._uow.staged.obligations.values()
            for ob in group
            if _matches(ob, query)
        ]
        if not staged:
            found = self._uow.read(select_.limit(query.limit).offset(query.offset))
            return [rows.obligation(r) for r in found]
        found = self._uow.read(select_.limit(query.offset + query.limit))
        merged = sorted([rows.obligation(r) for r in found] + staged, key=_obligation_order)
        return merged[query.offset : query.offset + query.limit]

    def totals(self, as_of: date) -> Mapping[tuple[str, ObligationStatus], int]:
        status = status_of(as_of).label("status")
        found = self._uow.read(
            select(obligations.c.routine, status, func.count().label("n"))
            .where(self._not_staged())
            .group_by(obligations.c.routine, status)
        )
        counts: dict[tuple[str, ObligationStatus], int] = {
            (r["routine"], ObligationStatus(r["status"])): r["n"] for r in found
        }
        for group in self._uow.staged.obligations.values():
            for ob in group:
                key = (ob.routine, ob.status(as_of))
                counts[key] = counts.get(key, 0) + 1
        return counts


class _Advisories:
    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    def record(self, records: Sequence[AdvisoryRecord]) -> None:
        self._uow.staged.advisories.extend(records)

    def list(self, aggregate_id: str | None = None) -> list[AdvisoryRecord]:
        query = select(advisories).order_by(advisories.c.seq)
        if aggregate_id is not None:
            query = query.where(advisories.c.aggregate_id == aggregate_id)
        stored = [rows.advisory_record(r) for r in self._uow.read(query)]
        staged = self._uow.staged.advisories
        return stored + [
            r for r in staged if aggregate_id is None or r.aggregate_id == aggregate_id
        ]


class _Organisation:
    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    def unit(self, unit_id: UnitId) -> OrgUnit | None:
        staged = self._uow.staged.units.get(unit_id)
        if staged is not None:
            return staged
        known = self._uow.organisation_cache().units
        if unit_id in known:
            return known[unit_id]
        found = self._uow.read(self._uow.store.sql.unit, {"id": str(unit_id)})
        unit = known[unit_id] = rows.unit(found[0]) if found else None
        return unit

    def employee(self, employee_id: EmployeeId) -> Employee | None:
        staged = self._uow.staged.employees.get(employee_id)
        if staged is not None:
            return staged
        known = self._uow.organisation_cache().employees
        if employee_id in known:
            return known[employee_id]
        found = self._uow.read(self._uow.store.sql.employee, {"id": str(employee_id)})
        employee = known[employee_id] = rows.employee(found[0]) if found else None
        return employee

    def units(self) -> list[OrgUnit]:
        known = self._uow.organisation_cache()
        if known.all_units is None:
            known.all_units = tuple(map(rows.unit, self._uow.read(select(org_units))))
        stored = {u.id: u for u in known.all_units}
        merged = {**stored, **self._uow.staged.units}
        return sorted(merged.values(), key=lambda u: u.id)

    def employees(self, unit: UnitId | None = None) -> list[Employee]:
        known = self._uow.organisation_cache()
        staff = known.staff.get(unit)
        if staff is None:
            query = select(employees)
            if unit is not None:
                query = query.where(employees.c.unit == str(unit))
            staff = known.staff[unit] = tuple(map(rows.employee, self._uow.read(query)))
        stored = {e.id: e for e in staff}
        merged = {**stored, **self._uow.staged.employees}
        return sorted(
            (e for e in merged.values() if unit is None or e.unit == unit), key=lambda e: e.id
        )

    def put_unit(self, unit: OrgUnit) -> None:
        self._uow.staged.units[unit.id] = unit

    def put_employee(self, employee: Employee) -> None:
        self._uow.staged.employees[employee.id] = employee


@define
class _Writes:
    """Everything a unit of work has staged, in the order it will be written."""

    rows: dict[tuple[str, str], _Staged] = field(factory=dict)
    events: list[EventRecord] = field(factory=list)
    outbox: dict[str, OutboxItem] = field(factory=dict)
    new_outbox: set[str] = field(factory=set)
    unsettled: set[str] = field(factory=set)  # new keys not yet looked up in the store
    obligations: dict[tuple[str, str], tuple[Obligation, ...]] = field(factory=dict)
    advisories: list[AdvisoryRecord] = field(factory=list)
    units: dict[UnitId, OrgUnit] = field(factory=dict)
    employees: dict[EmployeeId, Employee] = field(factory=dict)

    def empty(self) -> bool:
        return not (
            self.rows
            or self.events
            or self.outbox
            or self.obligations
            or self.advisories
            or self.units
            or self.employees
        )


class SqlUnitOfWork:
    """One transaction: reads now, writes staged and applied together by ``commit``."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store
        self.staged = _Writes()
        self._connection: Connection | None = None
        self._dialect = store.engine.dialect.name
        self._organisation: OrganisationCache | None = None
        self.organisation: OrganisationRepository = _Organisation(self)
        self.events: EventLog = _EventLog(self)
        self.outbox: Outbox = _Outbox(self)
        self.obligations: ObligationStore = _Obligations(self)
        self.advisories: AdvisoryLog = _Advisories(self)

    # -- connection ---------------------------------------------------------------------

    def _conn(self) -> Connection:
        if self._connection is None:
            try:
                self._connection = self.store.engine.connect()
            except DBAPIError as exc:
                raise StoreError(unreachable(self.store.url, exc)) from exc
        return self._connection

    def read(
        self, statement: Executable | Prepared, parameters: Mapping[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """Rows of a read statement; a database error becomes :class:`StoreError`."""
        try:
            if isinstance(statement, Prepared):
                return statement.rows(self._conn(), parameters)
            return [dict(r) for r in self._conn().execute(statement, parameters).mappings()]
        except UnicodeEncodeError:
            # a value with a lone surrogate cannot be stored, so it matches no row
            return []
        except DBAPIError as exc:
            self._release(invalidate=exc.connection_invalidated)
            raise StoreError(unreachable(self.store.url, exc)) from exc

    def organisation_cache(self) -> OrganisationCache:
        """The organisation as of this unit's first read of an aggregate or of the
        organisation (the store's remembered one when the version row has not moved)."""
        if self._organisation is None:
            found = self.read(self.store.sql.organisation_version)
            if len(found) == 1:
                self.organisation_at(found[0]["version"])
            else:  # no version row to go by: this unit's own reads only
                self._organisation = OrganisationCache(-1)
        assert self._organisation is not None
        return self._organisation

    def knows_organisation(self) -> bool:
        """Whether this unit has read the organisation's version yet."""
        return self._organisation is not None

    def organisation_at(self, version: int) -> None:
        """This unit sees the organisation as of ``version`` (read just now)."""
        self._organisation = self.store.organisation_at(version)

    def _release(self, *, invalidate: bool = False) -> None:
        if self._connection is not None:
            if invalidate:
                self._connection.invalidate()
            self._connection.close()
            self._connection = None

    # -- the port -----------------------------------------------------------------------

    def repository(self, kind: AggregateKind[S]) -> AggregateRepository[S]:
        self.store.learn(kind)
        return _Repository(self, kind)

    def commit(self) -> Result[None, ConcurrencyConflict | StorageFailure]:
        if self.staged.empty():
            return Success(None)
        staged, self.staged = self.staged, _Writes()
        try:
            conn = self._conn()
        except StoreError as exc:
            return Failure(exc.failure)
        texts = {key: row.text() for key, row in staged.rows.items()}  # before taking locks
        begin = "BEGIN IMMEDIATE" if self._dialect == "sqlite" else "BEGIN"
        ending = False
        try:
            conn.exec_driver_sql(begin)
            conflict = self._write(conn, staged, texts)
            ending = True
            conn.exec_driver_sql("ROLLBACK" if conflict is not None else "COMMIT")
        except DBAPIError as exc:
            self._abandon(conn)
            return Failure(self._failure(exc, lost_at_commit=ending))
        except UnicodeEncodeError as exc:
            self._abandon(conn)
            return Failure(_not_unicode(exc))
        except BaseException:
            self._abandon(conn)
            raise
        if conflict is not None:
            return Failure(conflict)
        if staged.units or staged.employees:  # read the moved version next time
            self._organisation = None
        for (kind, aid), row in staged.rows.items():
            self.store.states.remember(kind, aid, row.version, texts[kind, aid], row.state)
        return Success(None)

    def _abandon(self, conn: Connection) -> None:
        """Roll back after an error; a connection that cannot is thrown away."""
        try:
            conn.exec_driver_sql("ROLLBACK")
        except DBAPIError:
            self._release(invalidate=True)

    def _failure(self, exc: DBAPIError, *, lost_at_commit: bool) -> StorageFailure:
        failure = unreachable(self.store.url, exc)
        if lost_at_commit and exc.connection_invalidated:
            return StorageFailure(
                "the connection was lost while committing, so the command may or may not "
                "be stored: " + failure.message,
                "look at the aggregate's history before retrying; " + failure.fix,
            )
        if isinstance(exc, IntegrityError):
            return StorageFailure(
                "nothing of the command was stored: it clashes with stored data: "
                + failure.message.split(": ", 1)[-1],
                "reload and retry the command; if it clashes again, the stored rows of that "
                "aggregate disagree (e.g. events without their state): inspect them",
            )
        return StorageFailure(
            "nothing of the command was stored: " + failure.message, "retry it; " + failure.fix
        )

    def rollback(self) -> None:
        self.staged = _Writes()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()
        self._release()

    # -- writing ------------------------------------------------------------------------

    def _write(
        self, conn: Connection, staged: _Writes, texts: Mapping[tuple[str, str], str]
    ) -> ConcurrencyConflict | None:
        sql = self.store.sql
        now = datetime.now(UTC)
        replaced: list[dict[str, str]] = []
        index_rows: list[dict[str, str]] = []
        for (kind, aid), row in sorted(staged.rows.items(), key=lambda kv: kv[0]):
            values = {
                "v_kind": kind,
                "v_id": aid,
                "v_version": row.version,
                "v_state": texts[kind, aid],
                "v_updated_at": now,
            }
            if row.expected == 0:
                statement = sql.create
            else:
                statement = sql.replace
                values["v_expected"] = row.expected
                replaced.append({"v_kind": kind, "v_id": aid})
            written = statement.run(conn, values)
            if written.rowcount != 1:
                actual = conn.execute(sql.version_of, {"kind": kind, "id": aid}).scalar()
                return ConcurrencyConflict(kind, aid, row.expected, actual or 0)
            index_rows += [
                {"kind": kind, "id": aid, "key": k, "value": v} for k, v in sorted(row.index)
            ]
        if replaced:
            sql.unindex.run(conn, replaced)
        if index_rows:
            sql.index.run(conn, index_rows)
        if staged.events:
            sql.events.run(conn, [rows.event_row(r) for r in staged.events])
        self._write_outbox(conn, staged)
        if staged.obligations:
            sql.drop_obligations.run(
                conn, [{"v_routine": r, "v_aggregate_id": a} for r, a in staged.obligations]
            )
            new = [rows.obligation_row(ob) for group in staged.obligations.values() for ob in group]
            if new:
                sql.obligations.run(conn, new)
        if staged.advisories:
            sql.advisories.run(conn, [rows.advisory_row(r) for r in staged.advisories])
        if staged.units:
            sql.upsert_units.run(conn, [rows.unit_row(u) for u in staged.units.values()])
        if staged.employees:
            employee_rows = [rows.employee_row(e) for e in staged.employees.values()]
            sql.upsert_employees.run(conn, employee_rows)
        if staged.units or staged.employees:
            sql.bump_organisation.run(conn)
        return None

    def _write_outbox(self, conn: Connection, staged: _Writes) -> None:
        new = [rows.outbox_row(i) for k, i in staged.outbox.items() if k in staged.new_outbox]
        if new:
            # a key stored meanwhile by another writer keeps its first item
            self.store.sql.outbox_new.run(conn, new)
        changed = [
            {f"v_{c}": v for c, v in rows.outbox_row(i).items()}
            for k, i in staged.outbox.items()
            if k not in staged.new_outbox
        ]
        if changed:
            self.store.sql.outbox_changed.run(conn, changed)
