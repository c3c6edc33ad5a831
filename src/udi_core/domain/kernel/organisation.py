"""The organisation: departments, units, employees and their roles.

UDI's departments are ASA, OPA, RMA and AUA. Units, areas (område), staffs (fagstab) and
regional offices (regionkontor, under RMA) belong to a department. An employee belongs to
one unit; roles say who may act (``UNIT_LEADER``, ``DEPARTMENT_DIRECTOR``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from attrs import field, frozen

from udi_core.domain.kernel.identifiers import EmployeeId, UnitId


class Department(enum.Enum):
    ASA = "ASA"  # Asylavdelingen
    OPA = "OPA"  # Oppholdsavdelingen
    RMA = "RMA"  # Region- og mottaksavdelingen
    AUA = "AUA"  # Analyse- og utviklingsavdelingen


class UnitKind(enum.Enum):
    UNIT = "unit"  # enhet
    AREA = "area"  # område
    STAFF = "staff"  # fagstab
    REGIONAL_OFFICE = "regional_office"  # regionkontor (RMA)
    LEADERSHIP = "leadership"  # avdelingsledelse


class Role(enum.Enum):
    CASEWORKER = "caseworker"  # saksbehandler
    UNIT_LEADER = "unit_leader"  # enhetsleder
    DEPARTMENT_DIRECTOR = "department_director"  # avdelingsdirektør


@frozen
class OrgUnit:
    """A unit, area, staff, regional office or leadership of one department."""

    id: UnitId
    name: str
    department: Department
    kind: UnitKind = UnitKind.UNIT
    websak_code: str | None = None  # e.g. "IGS" for AUA Internasjonal enhet
    parent: UnitId | None = None  # an area a unit belongs to, if any


def _roles(roles: Iterable[Role]) -> frozenset[Role]:
    return frozenset(roles)


@frozen
class Employee:
    """A person who can act. Every command names one as the actor."""

    id: EmployeeId
    name: str
    unit: UnitId
    department: Department
    roles: frozenset[Role] = field(default=frozenset({Role.CASEWORKER}), converter=_roles)

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    def leads(self, unit: UnitId) -> bool:
        """Is this the unit leader of ``unit``?"""
        return Role.UNIT_LEADER in self.roles and self.unit == unit

    @property
    def is_department_director(self) -> bool:
        return Role.DEPARTMENT_DIRECTOR in self.roles


def _u(uid: str, name: str, dep: Department, kind: UnitKind, code: str | None = None) -> OrgUnit:
    return OrgUnit(UnitId(uid), name, dep, kind, code)


class NamedUnits:
    """The units named in the IMs, with stable ids."""

    AUA_IGS = _u("AUA-IGS", "AUA Internasjonal enhet", Department.AUA, UnitKind.UNIT, "IGS")
    AUA_RVE = _u("AUA-RVE", "AUA Regelverksenheten", Department.AUA, UnitKind.UNIT, "RVE")
    ASA_KOR = _u("ASA-KOR", "ASA Koordineringsenheten", Department.ASA, UnitKind.UNIT, "KOR")
    ASA_BFE = _u("ASA-BFE", "ASA BFE", Department.ASA, UnitKind.UNIT, "BFE")
    ASA_F1 = _u("ASA-F1", "ASA F1", Department.ASA, UnitKind.UNIT, "F1")
    ASA_STAFF = _u("ASA-FAGSTAB", "ASA fagstab", Department.ASA, UnitKind.STAFF)
    OPA_EXPULSION = _u("OPA-UTVISNING", "OPA Område for utvisning", Department.OPA, UnitKind.AREA)
    OPA_FAMILY = _u(
        "OPA-FAMILIE", "OPA Område for familieinnvandring", Department.OPA, UnitKind.AREA
    )
    OPA_VISA_WORK_STUDY = _u(
        "OPA-VAS",
        "OPA Område for visum, arbeidstillatelser og studiesaker",
        Department.OPA,
        UnitKind.AREA,
    )
    RMA_STAFF = _u("RMA-FAGSTAB", "RMA fagstab", Department.RMA, UnitKind.STAFF)
    RMA_RETURN = _u("RMA-RETUR", "RMA Returenheten", Department.RMA, UnitKind.UNIT)
    RMA_EAST = _u("RMA-RK-OST", "Regionkontor Øst", Department.RMA, UnitKind.REGIONAL_OFFICE)

    @classmethod
    def all(cls) -> tuple[OrgUnit, ...]:
        return tuple(v for v in vars(cls).values() if isinstance(v, OrgUnit))
