"""Parsing raw command values, shared by the services.

Each returns a ``Result``: the parsed value, or an ``InvalidInput`` / ``NotFound`` that
names the field it came from.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import TypeVar

from returns.result import Failure, Result, Success

from udi_core.domain.kernel.errors import DomainError, InvalidInput, NotFound
from udi_core.domain.kernel.identifiers import EmployeeId, UnitId
from udi_core.domain.kernel.organisation import Employee, OrgUnit
from udi_core.ports.persistence import UnitOfWork

E = TypeVar("E", bound=enum.Enum)


def parse_date(raw: object, field: str) -> Result[date, InvalidInput]:
    """A ``date``, or an ISO ``YYYY-MM-DD`` string."""
    if isinstance(raw, date):
        return Success(raw)
    if isinstance(raw, str) and len(raw) == 10:
        try:
            return Success(date.fromisoformat(raw))
        except ValueError:
            pass
    return Failure(InvalidInput(field, "an ISO date YYYY-MM-DD", str(raw)[:80]))


def parse_choice(cls: type[E], raw: object, field: str) -> Result[E, InvalidInput]:
    """The member of ``cls`` whose value is ``raw``; the refusal lists the choices."""
    for member in cls:
        if raw == member.value:
            return Success(member)
    choices = ", ".join(str(m.value) for m in cls)
    return Failure(InvalidInput(field, f"one of {choices}", str(raw)[:80]))


def find_employee(uow: UnitOfWork, raw: object, field: str) -> Result[Employee, DomainError]:
    """The employee ``raw`` (an id or its text) names, looked up in the organisation."""
    parsed = Success(raw) if isinstance(raw, EmployeeId) else EmployeeId.parse(raw, field)
    if isinstance(parsed, Failure):
        return Failure(parsed.failure())
    found = uow.organisation.employee(parsed.unwrap())
    return Success(found) if found is not None else Failure(NotFound("employee", str(raw), field))


def find_unit(uow: UnitOfWork, raw: object, field: str) -> Result[OrgUnit, DomainError]:
    """The unit ``raw`` (an id or its text) names, looked up in the organisation."""
    parsed = Success(raw) if isinstance(raw, UnitId) else UnitId.parse(raw, field)
    if isinstance(parsed, Failure):
        return Failure(parsed.failure())
    found = uow.organisation.unit(parsed.unwrap())
    return Success(found) if found is not None else Failure(NotFound("unit", str(raw), field))
