"""The organisation service: register units and employees, look them up."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from attrs import field, frozen
from returns.result import Failure, Result, Success

from udi_core.app.commands import strings
from udi_core.app.inputs import parse_choice
from udi_core.domain.kernel.errors import DomainError, NotFound
from udi_core.domain.kernel.identifiers import EmployeeId, UnitId, require_text
from udi_core.domain.kernel.organisation import (
    Department,
    Employee,
    NamedUnits,
    OrgUnit,
    Role,
    UnitKind,
)
from udi_core.ports.persistence import Store


@frozen
class RegisterUnit:
    """Register (or rename) a unit, area, staff, regional office or leadership."""

    actor: str
    unit_id: str
    name: str
    department: str
    kind: str = "unit"
    websak_code: str | None = None

    AUTHORITY: ClassVar[str] = "organisation administrator"


@frozen
class RegisterEmployee:
    """Register an employee in a unit, with roles (caseworker, unit_leader, ...)."""

    actor: str
    employee_id: str
    name: str
    unit_id: str
    roles: tuple[str, ...] = field(default=("caseworker",), converter=strings)

    AUTHORITY: ClassVar[str] = "organisation administrator"


class OrganisationService:
    """Keeps the organisation the rules consult (who leads which unit, who belongs where).

    In production it mirrors the directorate's HR data; the ``actor`` of its commands is
    recorded by the caller's audit and is not checked against a routine's rule.
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    def handlers(self) -> Mapping[type, Any]:
        return {
            RegisterUnit: lambda c: self.register_unit(
                c.unit_id, c.name, c.department, c.kind, c.websak_code
            ),
            RegisterEmployee: lambda c: self.register_employee(
                c.employee_id, c.name, c.unit_id, c.roles
            ),
        }

    def register_unit(
        self,
        unit_id: str,
        name: str,
        department: str,
        kind: str = "unit",
        websak_code: str | None = None,
    ) -> Result[OrgUnit, DomainError]:
        uid = UnitId.parse(unit_id, "unit_id")
        if isinstance(uid, Failure):
            return Failure(uid.failure())
        title = require_text(name, "name", max_len=200)
        if isinstance(title, Failure):
            return Failure(title.failure())
        dep = parse_choice(Department, department, "department")
        if isinstance(dep, Failure):
            return Failure(dep.failure())
        ukind = parse_choice(UnitKind, kind, "kind")
        if isinstance(ukind, Failure):
            return Failure(ukind.failure())
        unit = OrgUnit(uid.unwrap(), title.unwrap(), dep.unwrap(), ukind.unwrap(), websak_code)
        return self.put_units([unit]).map(lambda _: unit)

    def put_units(self, units: Iterable[OrgUnit]) -> Result[None, DomainError]:
        with self._store.unit_of_work() as uow:
            for unit in units:
                uow.organisation.put_unit(unit)
            return uow.commit()

    def ensure_named_units(self) -> Result[None, DomainError]:
        """Register the units the IMs name (AUA IGS, AUA RVE, ASA KOR, ...) if missing."""
        with self._store.unit_of_work() as uow:
            for unit in NamedUnits.all():
                if uow.organisation.unit(unit.id) is None:
                    uow.organisation.put_unit(unit)
            return uow.commit()

    def register_employee(
        self, employee_id: str, name: str, unit_id: str, roles: Iterable[str] = ("caseworker",)
    ) -> Result[Employee, DomainError]:
        eid = EmployeeId.parse(employee_id, "employee_id")
        if isinstance(eid, Failure):
            return Failure(eid.failure())
        title = require_text(name, "name", max_len=200)
        if isinstance(title, Failure):
            return Failure(title.failure())
        uid = UnitId.parse(unit_id, "unit_id")
        if isinstance(uid, Failure):
            return Failure(uid.failure())
        parsed_roles: set[Role] = set()
        for i, raw in enumerate(roles):
            role = parse_choice(Role, raw, f"roles[{i}]")
            if isinstance(role, Failure):
                return Failure(role.failure())
            parsed_roles.add(role.unwrap())
        with self._store.unit_of_work() as uow:
            unit = uow.organisation.unit(uid.unwrap())
            if unit is None:
                return Failure(NotFound("unit", unit_id, "unit_id"))
            employee = Employee(
                eid.unwrap(), title.unwrap(), unit.id, unit.department, frozenset(parsed_roles)
            )
            uow.organisation.put_employee(employee)
            return uow.commit().map(lambda _: employee)

    def employee(self, employee_id: str) -> Result[Employee, DomainError]:
        eid = EmployeeId.parse(employee_id, "employee_id")
        if isinstance(eid, Failure):
            return Failure(eid.failure())
        with self._store.unit_of_work() as uow:
            found = uow.organisation.employee(eid.unwrap())
        return Success(found) if found else Failure(NotFound("employee", employee_id))

    def units(self) -> list[OrgUnit]:
        with self._store.unit_of_work() as uow:
            return uow.organisation.units()

    def employees(self, unit_id: str | None = None) -> list[Employee]:
        with self._store.unit_of_work() as uow:
            return uow.organisation.employees(UnitId(unit_id) if unit_id else None)
