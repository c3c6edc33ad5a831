"""International coordination: what IM 2011-013 asks of UDI beyond single meetings.

The coordinators' annual notes (IFP-12, due 1 May), the directors' yearly meeting and
the half-yearly meetings with JD and UD (IFP-13), and each coordinator's knowledge base
of archive cases (IFP-14) belong to no meeting, so they live in a second aggregate kind,
``international_coordination``. It is one *standing* aggregate (normally a single one,
e.g. id ``udi``) rather than one per year: cadences then run on from the day it is
established without anyone having to open next year's aggregate, which is exactly the
step that would let a cadence go silently missing. Obligations are generated per period
from the start up to the end of the year after today (a bounded horizon).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator
from datetime import date

from attrs import evolve, frozen
from returns.result import Failure, Result, Success

from udi_core.domain.forum_participation.rules import IFP_12, IFP_13, IFP_14
from udi_core.domain.kernel.aggregate import AggregateKind, Context, Decision, fold
from udi_core.domain.kernel.effects import PostJournal
from udi_core.domain.kernel.errors import DomainError, InvalidInput, invalid, refuse
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber, EmployeeId
from udi_core.domain.kernel.noark5 import (
    Document,
    DocumentRole,
    JournalPost,
    Journalposttype,
    Korrespondansepart,
    Korrespondanseparttype,
)
from udi_core.domain.kernel.obligations import Obligation
from udi_core.domain.kernel.organisation import Department, NamedUnits

KIND_NAME = "international_coordination"
NOTE_DUE_MONTH, NOTE_DUE_DAY = 5, 1
_FIELD = re.compile(r"^\w[\w .-]{0,59}$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class MeetingKind(enum.Enum):
    """The recurring meetings of IFP-13."""

    DIRECTORS = "directors"  # direktørmøtet, once a year
    JD = "jd"  # Justis- og beredskapsdepartementet, half-yearly
    UD = "ud"  # Utenriksdepartementet, half-yearly


@frozen
class Coordinator:
    """A coordinator function for a field or forum and the employee holding it."""

    field: str
    employee: EmployeeId
    name: str
    unit_code: str | None
    function_since: date


@frozen
class AnnualNote:
    """IFP-12: a coordinator's annual report or analysis note, posted to WebSak."""

    field: str
    year: int
    archive_case: ArchiveCaseNumber
    posted_on: date
    by: EmployeeId


@frozen
class CoordinationMeeting:
    kind: MeetingKind
    held_on: date
    summary: str


@frozen
class KnowledgeEntry:
    """IFP-14: one archive case in a field's overview ("Dokumenter i WebSak")."""

    field: str
    archive_case: ArchiveCaseNumber
    title: str
    added_on: date
    by: EmployeeId


@frozen
class InternationalCoordination:
    established_on: date
    coordinators: tuple[Coordinator, ...] = ()
    notes: tuple[AnnualNote, ...] = ()
    meetings: tuple[CoordinationMeeting, ...] = ()
    knowledge_base: tuple[KnowledgeEntry, ...] = ()

    def coordinator(self, field: str) -> Coordinator | None:
        return next((c for c in self.coordinators if c.field == field), None)

    def entries(self, field: str) -> tuple[KnowledgeEntry, ...]:
        return tuple(e for e in self.knowledge_base if e.field == field)


@frozen
class CoordinationEstablished:
    on: date


@frozen
class CoordinatorAppointed:
    coordinator: Coordinator


@frozen
class AnnualNotePosted:
    note: AnnualNote


@frozen
class CoordinationMeetingHeld:
    meeting: CoordinationMeeting


@frozen
class KnowledgeCaseAdded:
    entry: KnowledgeEntry


@frozen
class KnowledgeCaseRemoved:
    field: str
    archive_case: ArchiveCaseNumber


def evolve_coordination(
    state: InternationalCoordination, event: object
) -> InternationalCoordination:
    match event:
        case CoordinationEstablished(on=on):
            return InternationalCoordination(on)
        case CoordinatorAppointed(coordinator=c):
            rest = tuple(x for x in state.coordinators if x.field != c.field)
            return evolve(state, coordinators=tuple(sorted((*rest, c), key=lambda x: x.field)))
        case AnnualNotePosted(note=note):
            return evolve(state, notes=(*state.notes, note))
        case CoordinationMeetingHeld(meeting=meeting):
            return evolve(state, meetings=(*state.meetings, meeting))
        case KnowledgeCaseAdded(entry=entry):
            return evolve(state, knowledge_base=(*state.knowledge_base, entry))
        case KnowledgeCaseRemoved(field=field, archive_case=case):
            kept = tuple(
                e for e in state.knowledge_base if (e.field, e.archive_case) != (field, case)
            )
            return evolve(state, knowledge_base=kept)
    return state


Outcome = Result[Decision[InternationalCoordination], DomainError]


def parse_field(raw: object, field: str = "field") -> Result[str, InvalidInput]:
    """A field or forum name: letters, digits, space, '.', '_' or '-' (1-60)."""
    if isinstance(raw, str) and _FIELD.match(raw.strip()):
        return Success(raw.strip())
    return invalid(field, "a field or forum name of letters, digits, ' ._-' (1-60)", raw)


def _begin(
    state: InternationalCoordination | None, coordination_id: str, ctx: Context
) -> Result[tuple[InternationalCoordination, tuple[object, ...]], InvalidInput]:
    """The state to decide on, establishing the aggregate on its first command."""
    if state is not None:
        return Success((state, ()))
    if not _ID.match(coordination_id):
        return invalid(
            "coordination_id", "an id of letters, digits, '.', '_' or '-'", coordination_id
        )
    first = CoordinationEstablished(ctx.today)
    return Success((InternationalCoordination(ctx.today), (first,)))


def _decide(
    base: InternationalCoordination,
    earlier: tuple[object, ...],
    events: tuple[object, ...],
    rule_ids: tuple[str, ...],
    effects: tuple[PostJournal, ...] = (),
) -> Outcome:
    new = fold(evolve_coordination, base, events)
    return Success(Decision(new, (*earlier, *events), effects, rule_ids=rule_ids))


def appoint_coordinator(
    state: InternationalCoordination | None,
    coordination_id: str,
    field: str,
    employee: EmployeeId,
    name: str,
    unit_code: str | None,
    function_since: date | None,
    ctx: Context,
) -> Outcome:
    """Appoint (or replace) the coordinator of a field; the function keeps its start."""
    begun = _begin(state, coordination_id, ctx)
    if isinstance(begun, Failure):
        return Failure(begun.failure())
    base, earlier = begun.unwrap()
    known = base.coordinator(field)
    since = known.function_since if known else (function_since or ctx.today)
    coordinator = Coordinator(field, employee, name, unit_code, since)
    return _decide(base, earlier, (CoordinatorAppointed(coordinator),), (IFP_12.id, IFP_14.id))


def note_title(field: str, year: int) -> str:
    return f"Årlig rapportering om internasjonalt arbeid – {field} – {year}"


def _note_post(
    coordinator: Coordinator, archive_case: ArchiveCaseNumber, year: int, reference: str
) -> JournalPost:
    kp = Korrespondanseparttype
    title = note_title(coordinator.field, year)
    return JournalPost(
        archive_case,
        Journalposttype.INTERNAL_NO_FOLLOW_UP,
        title,
        "",  # the IM names no WebSak template for the annual notes
        (
            Korrespondansepart(kp.INTERNAL_SENDER, coordinator.name, coordinator.unit_code),
            Korrespondansepart(kp.INTERNAL_RECIPIENT, NamedUnits.AUA_IGS.name, "IGS"),
        ),
        (Document(title, DocumentRole.MAIN, reference),),
    )


def _key_part(field: str) -> str:
    return field.replace(" ", "+")


def post_annual_note(
    state: InternationalCoordination | None,
    coordination_id: str,
    field: str,
    archive_case: ArchiveCaseNumber,
    reference: str,
    ctx: Context,
) -> Outcome:
    """IFP-12: the field's coordinator posts this year's note to WebSak via the outbox.

    It goes as an internal note (X) to AUA Internasjonal enhet, which compiles the
    account for the directors' meeting and the ministry (the IM: "for orientering til
    ledelsen"); the IM names no template for it.
    """
    begun = _begin(state, coordination_id, ctx)
    if isinstance(begun, Failure):
        return Failure(begun.failure())
    base, earlier = begun.unwrap()
    coordinator = base.coordinator(field)
    if coordinator is None:
        return invalid("field", "a field with a coordinator", field)
    if coordinator.employee != ctx.actor.id:
        return refuse(IFP_12, f"the coordinator of {field}, {coordinator.employee}, writes it")
    year = ctx.today.year
    if any(n.field == field and n.year == year for n in base.notes):
        return invalid("field", f"a field without a note for {year}", field)
    key = f"ifp/coordination/{coordination_id}/note/{_key_part(field)}/{year}"
    post = _note_post(coordinator, archive_case, year, reference)
    note = AnnualNote(field, year, archive_case, ctx.today, ctx.actor.id)
    return _decide(
        base, earlier, (AnnualNotePosted(note),), (IFP_12.id,), (PostJournal(key, post),)
    )


def record_meeting(
    state: InternationalCoordination | None,
    coordination_id: str,
    kind: MeetingKind,
    held_on: date,
    summary: str,
    ctx: Context,
) -> Outcome:
    """IFP-13: record a directors' meeting on international work, or a JD or UD meeting.

    Who: AUA, which has the overall responsibility for UDI's international work and whose
    International unit is its contact point (§1), and which takes the initiative to the
    meetings (§2.1): someone in AUA Internasjonal enhet (IGS), or AUA's department
    director. Anyone else is refused under IFP-13 and nothing is recorded.
    """
    actor = ctx.actor
    in_igs = actor.unit == NamedUnits.AUA_IGS.id
    aua_director = actor.department is Department.AUA and actor.is_department_director
    if not (in_igs or aua_director):
        return refuse(
            IFP_13,
            "someone in AUA Internasjonal enhet (IGS) or AUA's department director records "
            f"it; not {actor.id} ({actor.unit})",
        )
    if held_on > ctx.today:
        return invalid("held_on", f"a date on or before today ({ctx.today})", str(held_on))
    begun = _begin(state, coordination_id, ctx)
    if isinstance(begun, Failure):
        return Failure(begun.failure())
    base, earlier = begun.unwrap()
    event = CoordinationMeetingHeld(CoordinationMeeting(kind, held_on, summary))
    return _decide(base, earlier, (event,), (IFP_13.id,))


def _keeper(
    state: InternationalCoordination | None, field: str, ctx: Context
) -> Result[InternationalCoordination, DomainError]:
    coordinator = state.coordinator(field) if state is not None else None
    if state is None or coordinator is None:
        return refuse(IFP_14, f"{field} has no coordinator to keep its knowledge base")
    if coordinator.employee != ctx.actor.id:
        return refuse(
            IFP_14, f"the coordinator of {field}, {coordinator.employee}, keeps its knowledge base"
        )
    return Success(state)


def add_knowledge_case(
    state: InternationalCoordination | None,
    field: str,
    archive_case: ArchiveCaseNumber,
    title: str,
    ctx: Context,
) -> Outcome:
    """IFP-14: the coordinator adds an archive case to the field's overview."""
    kept = _keeper(state, field, ctx)
    if isinstance(kept, Failure):
        return Failure(kept.failure())
    base = kept.unwrap()
    if any(e.archive_case == archive_case for e in base.entries(field)):
        return invalid("archive_case", f"a case not yet in the {field} overview", str(archive_case))
    entry = KnowledgeEntry(field, archive_case, title, ctx.today, ctx.actor.id)
    return _decide(base, (), (KnowledgeCaseAdded(entry),), (IFP_14.id,))


def remove_knowledge_case(
    state: InternationalCoordination | None,
    field: str,
    archive_case: ArchiveCaseNumber,
    ctx: Context,
) -> Outcome:
    """IFP-14: the coordinator removes an archive case from the field's overview."""
    kept = _keeper(state, field, ctx)
    if isinstance(kept, Failure):
        return Failure(kept.failure())
    base = kept.unwrap()
    if not any(e.archive_case == archive_case for e in base.entries(field)):
        return invalid("archive_case", f"a case in the {field} overview", str(archive_case))
    return _decide(base, (), (KnowledgeCaseRemoved(field, archive_case),), (IFP_14.id,))


# -- obligations ------------------------------------------------------------------------


def _periods(kind: MeetingKind, year: int) -> Iterator[tuple[str, date, date]]:
    """(label, first day, due) of each period of ``kind`` in ``year``."""
    if kind is MeetingKind.DIRECTORS:
        yield (f"{year}", date(year, 1, 1), date(year, 12, 31))
    else:
        yield (f"{year}H1", date(year, 1, 1), date(year, 6, 30))
        yield (f"{year}H2", date(year, 7, 1), date(year, 12, 31))


_WHAT = {
    MeetingKind.DIRECTORS: "The directors' meeting takes up UDI's international work",
    MeetingKind.JD: "Meeting with JD on Norway's international priorities",
    MeetingKind.UD: "Meeting with UD on priorities and foreign-policy matters",
}


def coordination_obligations(
    aggregate_id: str, state: InternationalCoordination, today: date
) -> Iterable[Obligation]:
    """IFP-12 notes per coordinator and year; IFP-13 meetings per year or half-year."""
    last = today.year + 1
    for c in state.coordinators:
        for year in range(c.function_since.year + 1, last + 1):
            note = next((n for n in state.notes if (n.field, n.year) == (c.field, year)), None)
            yield Obligation(
                key=f"{IFP_12.id}/{_key_part(c.field)}/{year}",
                rule_id=IFP_12.id,
                routine=KIND_NAME,
                aggregate_id=aggregate_id,
                what=f"Annual note on {c.field} for leadership, in WebSak",
                who=str(c.employee),
                due=date(year, NOTE_DUE_MONTH, NOTE_DUE_DAY),
                met_on=note.posted_on if note else None,
            )
    for kind in MeetingKind:
        for year in range(state.established_on.year, last + 1):
            for label, first, due in _periods(kind, year):
                if due < state.established_on:
                    continue
                held = sorted(m.held_on for m in state.meetings if m.kind is kind)
                met = next((d for d in held if first <= d <= due), None)
                yield Obligation(
                    key=f"{IFP_13.id}/{kind.value}/{label}",
                    rule_id=IFP_13.id,
                    routine=KIND_NAME,
                    aggregate_id=aggregate_id,
                    what=_WHAT[kind],
                    who="AUA Internasjonal enhet",
                    due=due,
                    met_on=met,
                )


def _index(state: InternationalCoordination) -> Iterable[tuple[str, str]]:
    for c in state.coordinators:
        yield ("coordinator", str(c.employee))
        yield ("field", c.field)


COORDINATION_EVENT_TYPES: tuple[type, ...] = (
    CoordinationEstablished,
    CoordinatorAppointed,
    AnnualNotePosted,
    CoordinationMeetingHeld,
    KnowledgeCaseAdded,
    KnowledgeCaseRemoved,
)

COORDINATION_KIND: AggregateKind[InternationalCoordination] = AggregateKind(
    name=KIND_NAME,
    routine="IM 2011-013",
    state_type=InternationalCoordination,
    event_types=COORDINATION_EVENT_TYPES,
    index=_index,
    obligations=coordination_obligations,
)
