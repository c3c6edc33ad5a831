"""Shared builders for the forum participation domain tests."""

from __future__ import annotations

from datetime import date, datetime, time

from returns.result import Result

from udi_core.domain.forum_participation import participation as fp
from udi_core.domain.forum_participation.forums import ForumCatalogue
from udi_core.domain.forum_participation.model import Assessment, ForumParticipation, Person, Stage
from udi_core.domain.kernel.aggregate import Context, Decision
from udi_core.domain.kernel.dates import OSLO
from udi_core.domain.kernel.errors import DomainError
from udi_core.domain.kernel.identifiers import EmployeeId, UnitId
from udi_core.domain.kernel.organisation import Department, Employee, Role

TODAY = date(2026, 3, 2)
MEETING = date(2026, 3, 20)
PID = "emn-2026-03"
CATALOGUE = ForumCatalogue.seeded()
EMN = CATALOGUE.lookup("EMN").unwrap()


def employee(eid: str, unit: str, department: Department, *roles: Role) -> Employee:
    return Employee(
        EmployeeId(eid), eid.capitalize(), UnitId(unit), department, roles or {Role.CASEWORKER}
    )


CASEWORKER = employee("ola", "OPA-FAMILIE", Department.OPA)
LEADER = employee("lea", "OPA-FAMILIE", Department.OPA, Role.UNIT_LEADER)
DIRECTOR = employee("dir", "OPA-LEDELSE", Department.OPA, Role.DEPARTMENT_DIRECTOR)
IGS = employee("igs", "AUA-IGS", Department.AUA)
ASA_WORKER = employee("asa", "ASA-KOR", Department.ASA)


def person(e: Employee, code: str | None = None) -> Person:
    return Person.of(e, code)


def ctx(actor: Employee, day: date = TODAY) -> Context:
    return Context(actor, datetime.combine(day, time(9, 0), OSLO))


def unwrap(result: Result[Decision[ForumParticipation], DomainError]) -> ForumParticipation:
    return result.unwrap().state


def assessment(**flags: bool | None) -> Assessment:
    base: dict[str, bool | None] = {"pre_meeting_needed": False, "options_memo_needed": False}
    base.update(flags)
    return Assessment("agenda", "cost and gain", "UDI's practice", **base)  # type: ignore[arg-type]


def until(
    stage: Stage,
    *,
    participant: Employee = LEADER,
    flags: dict[str, bool | None] | None = None,
    forum: str = "EMN",
) -> ForumParticipation:
    """A participation walked through the pure commands up to ``stage`` (before CLOSED)."""
    chosen_forum = CATALOGUE.get(forum)
    assert chosen_forum is not None
    s = unwrap(
        fp.receive_request(
            None,
            PID,
            chosen_forum,
            MEETING,
            "returns",
            Department.OPA,
            "EMN secretariat",
            ctx(CASEWORKER),
        )
    )
    if stage is Stage.REQUESTED:
        return s
    s = unwrap(fp.inform_aua(s, PID, ctx(CASEWORKER)))
    s = unwrap(fp.assess(s, PID, assessment(**(flags or {})), ctx(CASEWORKER)))
    if stage is Stage.ASSESSED:
        return s
    s = unwrap(fp.clear(s, PID, person(IGS, "IGS"), ctx(DIRECTOR)))
    if stage is Stage.CLEARED:
        return s
    s = unwrap(
        fp.choose_participant(
            s, PID, person(participant), "knows EMN", "went last time", ctx(LEADER)
        )
    )
    if stage is Stage.PARTICIPANT_CHOSEN:
        return s
    s = unwrap(fp.attend(s, PID, False, False, False, 14, ctx(participant, MEETING)))
    if stage is Stage.ATTENDED:
        return s
    raise ValueError(stage)
