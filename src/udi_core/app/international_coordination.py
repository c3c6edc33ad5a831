"""The international coordination service (IM 2011-013 §2, §4.2): coordinators and their
annual notes (IFP-12), the recurring meetings (IFP-13) and the knowledge base (IFP-14)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, ClassVar

from attrs import frozen
from returns.result import Failure, Result, Success

from udi_core.app.forum_participation import person
from udi_core.app.inputs import parse_date
from udi_core.app.runner import CommandRunner, Outcome
from udi_core.domain.forum_participation import coordination as co
from udi_core.domain.forum_participation.participation import parse_participation_id
from udi_core.domain.kernel.aggregate import Context, Decision
from udi_core.domain.kernel.errors import DomainError, InvalidInput, NotFound
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber, require_text
from udi_core.ports.persistence import Loaded, Store, UnitOfWork

State = co.InternationalCoordination
Decided = Result[Decision[State], DomainError]
Done = Result[Outcome[State], DomainError]


@frozen
class AppointCoordinator:
    """Appoint the coordinator of a field or forum (organisation data, kept by AUA)."""

    actor: str
    coordination_id: str
    field: str
    employee: str
    function_since: date | None = None
    AUTHORITY: ClassVar[str] = "organisation administrator"


@frozen
class PostAnnualNote:
    actor: str
    coordination_id: str
    field: str
    archive_case: str
    reference: str = ""
    AUTHORITY: ClassVar[str] = "IFP-12"


@frozen
class RecordCoordinationMeeting:
    """A directors' meeting on international work, or a meeting with JD or UD (IFP-13):
    recorded by AUA, through its International unit (IGS) or its department director."""

    actor: str
    coordination_id: str
    kind: str
    held_on: date
    summary: str = ""
    AUTHORITY: ClassVar[str] = "IFP-13"


@frozen
class AddKnowledgeCase:
    actor: str
    coordination_id: str
    field: str
    archive_case: str
    title: str
    AUTHORITY: ClassVar[str] = "IFP-14"


@frozen
class RemoveKnowledgeCase:
    actor: str
    coordination_id: str
    field: str
    archive_case: str
    AUTHORITY: ClassVar[str] = "IFP-14"


def _kind(raw: object) -> Result[co.MeetingKind, InvalidInput]:
    for member in co.MeetingKind:
        if raw == member.value:
            return Success(member)
    choices = ", ".join(k.value for k in co.MeetingKind)
    return Failure(InvalidInput("kind", f"one of {choices}", str(raw)[:80]))


class InternationalCoordinationService:
    """Commands and queries of the standing coordination aggregate."""

    def __init__(self, runner: CommandRunner, store: Store) -> None:
        self._runner = runner
        self._store = store

    def handlers(self) -> Mapping[type, Callable[[Any], Done]]:
        return {
            AppointCoordinator: lambda c: self.appoint_coordinator(
                c.actor, c.coordination_id, c.field, c.employee, c.function_since
            ),
            PostAnnualNote: lambda c: self.post_annual_note(
                c.actor, c.coordination_id, c.field, c.archive_case, c.reference
            ),
            RecordCoordinationMeeting: lambda c: self.record_meeting(
                c.actor, c.coordination_id, c.kind, c.held_on, c.summary
            ),
            AddKnowledgeCase: lambda c: self.add_knowledge_case(
                c.actor, c.coordination_id, c.field, c.archive_case, c.title
            ),
            RemoveKnowledgeCase: lambda c: self.remove_knowledge_case(
                c.actor, c.coordination_id, c.field, c.archive_case
            ),
        }

    def _run(
        self,
        actor: str,
        coordination_id: str,
        decide: Callable[[State | None, Context, UnitOfWork], Decided],
    ) -> Done:
        parsed = parse_participation_id(coordination_id, "coordination_id")
        if isinstance(parsed, Failure):
            return Failure(parsed.failure())
        return self._runner.run(co.COORDINATION_KIND, coordination_id, actor, decide)

    def appoint_coordinator(
        self,
        actor: str,
        coordination_id: str,
        field: str,
        employee: str,
        function_since: date | str | None = None,
    ) -> Done:
        name = co.parse_field(field)
        if isinstance(name, Failure):
            return Failure(name.failure())
        since: date | None = None
        if function_since is not None:
            parsed = parse_date(function_since, "function_since")
            if isinstance(parsed, Failure):
                return Failure(parsed.failure())
            since = parsed.unwrap()

        def decide(s: State | None, ctx: Context, uow: UnitOfWork) -> Decided:
            holder = person(uow, employee, "employee")
            if isinstance(holder, Failure):
                return Failure(holder.failure())
            p = holder.unwrap()
            return co.appoint_coordinator(
                s, coordination_id, name.unwrap(), p.id, p.name, p.unit_code, since, ctx
            )

        return self._run(actor, coordination_id, decide)

    def post_annual_note(
        self, actor: str, coordination_id: str, field: str, archive_case: str, reference: str = ""
    ) -> Done:
        name = co.parse_field(field)
        if isinstance(name, Failure):
            return Failure(name.failure())
        case = ArchiveCaseNumber.parse(archive_case, "archive_case")
        if isinstance(case, Failure):
            return Failure(case.failure())
        return self._run(
            actor,
            coordination_id,
            lambda s, ctx, _uow: co.post_annual_note(
                s, coordination_id, name.unwrap(), case.unwrap(), reference.strip(), ctx
            ),
        )

    def record_meeting(
        self, actor: str, coordination_id: str, kind: str, held_on: date | str, summary: str = ""
    ) -> Done:
        which = _kind(kind)
        if isinstance(which, Failure):
            return Failure(which.failure())
        day = parse_date(held_on, "held_on")
        if isinstance(day, Failure):
            return Failure(day.failure())
        return self._run(
            actor,
            coordination_id,
            lambda s, ctx, _uow: co.record_meeting(
                s, coordination_id, which.unwrap(), day.unwrap(), summary.strip(), ctx
            ),
        )

    def add_knowledge_case(
        self, actor: str, coordination_id: str, field: str, archive_case: str, title: str
    ) -> Done:
        name = co.parse_field(field)
        if isinstance(name, Failure):
            return Failure(name.failure())
        case = ArchiveCaseNumber.parse(archive_case, "archive_case")
        if isinstance(case, Failure):
            return Failure(case.failure())
        heading = require_text(title, "title", max_len=255)
        if isinstance(heading, Failure):
            return Failure(heading.failure())
        return self._run(
            actor,
            coordination_id,
            lambda s, ctx, _uow: co.add_knowledge_case(
                s, name.unwrap(), case.unwrap(), heading.unwrap(), ctx
            ),
        )

    def remove_knowledge_case(
        self, actor: str, coordination_id: str, field: str, archive_case: str
    ) -> Done:
        name = co.parse_field(field)
        if isinstance(name, Failure):
            return Failure(name.failure())
        case = ArchiveCaseNumber.parse(archive_case, "archive_case")
        if isinstance(case, Failure):
            return Failure(case.failure())
        return self._run(
            actor,
            coordination_id,
            lambda s, ctx, _uow: co.remove_knowledge_case(s, name.unwrap(), case.unwrap(), ctx),
        )

    # -- queries ------------------------------------------------------------------------

    def get(self, coordination_id: str) -> Result[Loaded[State], DomainError]:
        with self._store.unit_of_work() as uow:
            found = uow.repository(co.COORDINATION_KIND).get(coordination_id)
        if found is None:
            return Failure(NotFound(co.KIND_NAME, coordination_id, "coordination_id"))
        return Success(found)

    def knowledge_base(
        self, coordination_id: str, field: str
    ) -> Result[tuple[co.KnowledgeEntry, ...], DomainError]:
        """IFP-14: the archive cases in a field's or forum's overview."""
        return self.get(coordination_id).map(lambda loaded: loaded.state.entries(field))
