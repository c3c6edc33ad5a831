"""A realistic working period of the four routines as one list of commands.

The period runs over ``DAYS`` calendar days from ``START``. Each routine contributes its
stories (a unit's review work, a network's agenda, a portfolio's lifecycle, a forum
meeting's participation), spread over the days and interleaved within a day, so the
commands of different aggregates alternate as they would in an office:

- second-hand review (``App.reviews``, IM 2015-002): in each of ``REVIEW_UNITS`` units a
  leader appoints two reviewers and places two new caseworkers under review; then the
  unit's caseworkers draft, sign and finalise decisions, the reviewers co-sign, note
  review or return some for revision, and note the new caseworkers' progress;
- coordinator networks (``App.networks``, IM 2018-001/-002): the three networks are set
  up (members, regional contacts), then members submit agenda items and the coordinator
  records meetings; Regionkontor Øst sends a ROSA notice now and then;
- shared portfolios (``App.shared_portfolio``, IM 2016-003): portfolios are planned,
  prepared (requirements, categories, codes, training, contacts, notices), activated,
  given a clearance plan, then cases are sorted into categories (DUF markings through the
  outbox) and distributed, the decision bank grows, forums are held;
- forum participation (``App.forum_participation``, IM 2011-013): each participation runs
  request, AUA told, assessment, clearance, participant, attendance on the meeting day,
  minutes, the report and the letter to the ministry (journal posts through the outbox),
  closing; and international coordination (``App.international_coordination``): the EMN
  coordinator, the knowledge base, meetings and the annual note.

The commands are the payload objects of the command bus (``app.commands.execute``). The
organisation (units, employees) is set up by :func:`organise` and is not part of the mix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from functools import partial
from itertools import count
from typing import TypeVar

from attrs import frozen

from udi_core.app import App
from udi_core.app.coordinator_network import (
    AppointContactPerson,
    AppointDepartmentCoordinator,
    AppointRegionalContact,
    AppointRepresentative,
    EstablishNetwork,
    RecordMeeting,
    SendRosaNotice,
    SubmitAgendaItem,
)
from udi_core.app.forum_participation import (
    AssessParticipation,
    ChooseParticipant,
    ClearParticipation,
    CloseParticipation,
    InformAua,
    PostMeetingReport,
    ReceiveForumRequest,
    RecordAttendance,
    RecordMinutesArrived,
    SendMinistryLetter,
)
from udi_core.app.international_coordination import (
    AddKnowledgeCase,
    AppointCoordinator,
    PostAnnualNote,
    RecordCoordinationMeeting,
)
from udi_core.app.second_hand_review import (
    AppointReviewer,
    DraftCaseDecision,
    FinaliseCaseDecision,
    NoteReviewProgress,
    PlaceUnderReview,
    ReturnCaseDecision,
    SignCaseDecision,
    WriteReviewNote,
)
from udi_core.app.shared_portfolio import (
    ActivatePortfolio,
    AddAssistingUnit,
    AddBankEntry,
    AppointContact,
    AssessSideCases,
    CaseToSort,
    ClearanceStep,
    CreateMarkingCode,
    DefineCategory,
    DistributeCases,
    GrantInterviewFreePeriod,
    HoldForum,
    InviteToTraining,
    NotifyParty,
    PlanPortfolio,
    PresentCategoriesToPu,
    RecordTraining,
    SetClearancePlan,
    SetProductionRequirement,
    SortCases,
    StartPreparation,
)
from udi_core.domain.kernel.dates import OSLO
from udi_core.domain.shared_portfolio.model import TrainingElement
from udi_core.serialization import structure

T = TypeVar("T")

START = date(2026, 1, 5)  # a Monday
DAYS = 40

SHARES = {  # of the commands, per routine
    "second_hand_review": 0.60,
    "coordinator_network": 0.15,
    "shared_portfolio": 0.13,
    "forum_participation": 0.10,
    "international_coordination": 0.02,
}
REVIEW_UNITS = 10  # each unit's aggregate holds every decision drafted in it

Payload = Callable[[date], object]
"""A command, given the day it is given on."""


@frozen
class Step:
    """One command of the mix: its day, its routine and its payload."""

    day: date
    routine: str
    payload: object

    @property
    def moment(self) -> datetime:
        return datetime.combine(self.day, time(9), OSLO)


# -- the organisation (not part of the mix) ---------------------------------------------------

CN_PEOPLE = {
    "cn-lead": "AUA-RVE",
    "cn-asa": "ASA-KOR",
    "cn-opa": "OPA-FAMILIE",
    "cn-opaut": "OPA-UTVISNING",
    "cn-rma": "RMA-FAGSTAB",
    "cn-rmaret": "RMA-RETUR",
    "cn-rkost": "RMA-RK-OST",
    "cn-rkvest": "RMA-RK-VEST",
}
SP_UNITS = ("ASA-E1", "ASA-E2", "ASA-E3")


def review_unit(u: int) -> str:
    return f"OPA-E{u + 1}"


def organise(app: App) -> None:
    """Register the units and people the mix acts as (through the organisation service)."""
    org = app.organisation
    org.ensure_named_units().unwrap()
    for u in range(REVIEW_UNITS):
        unit = review_unit(u)
        org.register_unit(unit, f"OPA enhet {u + 1}", "OPA").unwrap()
        org.register_employee(f"{unit}-leader", "Leder", unit, ("unit_leader",)).unwrap()
        for who in ("rev1", "rev2", "new1", "new2", "cw1", "cw2", "cw3", "cw4"):
            org.register_employee(f"{unit}-{who}", who.title(), unit).unwrap()
    org.register_unit("RMA-RK-VEST", "Regionkontor Vest", "RMA", "regional_office").unwrap()
    for person, unit in CN_PEOPLE.items():
        org.register_employee(person, person.title(), unit).unwrap()
    org.register_unit("ASA-LEDELSE", "ASA ledelse", "ASA", "leadership").unwrap()
    org.register_unit("ASA-FSG", "Fagsystemgruppen", "ASA").unwrap()
    org.register_unit("ASA-INT", "Intervjufaglig nettverk", "ASA").unwrap()
    for unit in SP_UNITS:
        org.register_unit(unit, unit, "ASA").unwrap()
        org.register_employee(f"lead-{unit}", "Leder", unit, ("unit_leader",)).unwrap()
        org.register_employee(f"cw-{unit}", "Saksbehandler", unit).unwrap()
    org.register_employee("asa-dir", "Direktør", "ASA-LEDELSE", ("department_director",)).unwrap()
    org.register_employee("fsg", "Systemist", "ASA-FSG").unwrap()
    org.register_employee("kor", "Koordinator", "ASA-KOR").unwrap()
    org.register_unit("OPA-LEDELSE", "OPA ledelse", "OPA", "leadership", "OPA").unwrap()
    org.register_employee("ola", "Ola Saksbehandler", "OPA-FAMILIE").unwrap()
    org.register_employee("lea", "Lea Leder", "OPA-FAMILIE", ("unit_leader",)).unwrap()
    org.register_employee("dir", "Dina Direktør", "OPA-LEDELSE", ("department_director",)).unwrap()
    org.register_employee("igs", "Ingrid Internasjonal", "AUA-IGS").unwrap()
    org.register_employee("eva", "Eva Ekspert", "AUA-RVE").unwrap()


# -- the stories ---------------------------------------------------------------------------


def _fixed(payload: object) -> Payload:
    return lambda _day: payload


def _payload(command: type[T], **fields: object) -> T:
    """A command with tuple fields, as the command bus structures it from plain data."""
    return structure(fields, command).unwrap()


def _review_unit(u: int) -> Iterator[Payload]:
    """One unit's review work: appointments and placements, then decisions without end."""
    unit = review_unit(u)
    leader, rev1, rev2, new1, new2 = (
        f"{unit}-{w}" for w in ("leader", "rev1", "rev2", "new1", "new2")
    )
    authors = (new1, f"{unit}-cw1", new2, f"{unit}-cw2", f"{unit}-cw3", new1, f"{unit}-cw4")
    fields = ("family_immigration", "visa", "work_permit")
    scope = {new1: {"family_immigration", "visa"}, new2: {"family_immigration"}}
    reviewer_of = {new1: rev1, new2: rev2}
    yield _fixed(AppointReviewer(leader, unit, rev1, "senior adviser, 8 years in the field"))
    yield _fixed(AppointReviewer(leader, unit, rev2, "adviser, 5 years in the field"))
    for employee, ground, scoped, reviewer in (
        (new1, "new_hire", ["family_immigration", "visa"], rev1),
        (new2, "moved", ["family_immigration"], rev2),
    ):
        yield _fixed(
            _payload(
                PlaceUnderReview,
                actor=leader,
                unit_id=unit,
                employee_id=employee,
                ground=ground,
                case_fields=scoped,
                reviewer_ids=[reviewer],
            )
        )
    for k in count():
        author, field = authors[k % len(authors)], fields[k % len(fields)]
        ref = f"2026{u:02d}{k:06d}-1"
        yield _fixed(DraftCaseDecision(author, unit, ref, field))
        yield _fixed(SignCaseDecision(author, unit, ref))
        if field in scope.get(author, ()):
            reviewer = reviewer_of[author]
            if k % 9 == 0:
                yield _fixed(ReturnCaseDecision(reviewer, unit, ref, "Begrunnelsen må utdypes."))
                yield _fixed(SignCaseDecision(author, unit, ref))
            if k % 4 == 1:
                yield _fixed(WriteReviewNote(reviewer, unit, ref, "Gjennomgått uten merknader."))
            else:
                yield _fixed(SignCaseDecision(reviewer, unit, ref))
        yield _fixed(FinaliseCaseDecision(author, unit, ref))
        if k % 25 == 24:
            yield _fixed(NoteReviewProgress(rev1, unit, new1, "God framgang i visumsakene."))


def _network_meeting(network: str, kind: str, day: date) -> object:
    return RecordMeeting("cn-lead", network, day.isoformat(), kind, "Status i nettverket")


def _networks() -> Iterator[Payload]:
    """The three networks set up, then their agenda and meetings without end."""
    lead = "cn-lead"
    for network in ("violence", "fgm", "trafficking"):
        yield _fixed(EstablishNetwork("igs", network, lead))
    for network in ("violence", "fgm"):
        for person in ("cn-asa", "cn-opa", "cn-rma"):
            yield _fixed(AppointRepresentative(lead, network, person))
    for office in ("cn-rkost", "cn-rkvest"):
        for field in ("forced_marriage", "child_marriage", "domestic_violence"):
            yield _fixed(AppointRegionalContact(lead, "violence", office, field))
        yield _fixed(AppointRegionalContact(lead, "fgm", office, "fgm"))
    yield _fixed(AppointDepartmentCoordinator(lead, "cn-opaut"))
    for person in ("cn-opa", "cn-asa", "cn-rmaret", "cn-rkvest"):
        yield _fixed(AppointContactPerson(lead, person))
    members = {
        "violence": ("cn-asa", "cn-opa", "cn-rma"),
        "fgm": ("cn-asa", "cn-opa", "cn-rma"),
        "trafficking": ("cn-opaut", "cn-opa", "cn-asa", "cn-rmaret"),
    }
    networks = tuple(members)
    for k in count():
        network = networks[k % 3]
        if k % 5 == 4:
            kind = "core" if network == "trafficking" and k % 15 != 14 else "whole"
            yield partial(_network_meeting, network, kind)
        elif k % 40 == 17:
            yield _fixed(SendRosaNotice("cn-rkost", f"2026{70_000_000 + k:08d}"))
        else:
            people = members[network]
            case = f"2025{80_000_000 + k:08d}" if k % 3 == 0 else None
            yield _fixed(
                SubmitAgendaItem(people[k % len(people)], network, f"Sak til drøfting {k}", case)
            )


_ALL_TRAINING = tuple(e.value for e in TrainingElement)
_COUNTRIES = ("ER", "SYR", "AFG", "SO", "IRQ", "IRN", "ET", "SD", "YE", "PSE", "LY", "TUR")


def _portfolio(i: int) -> Iterator[Payload]:
    """One shared portfolio from planning to work in the line."""
    pid, resp = f"portfolio-{i}", SP_UNITS[i % 3]
    assisting = tuple(u for u in SP_UNITS if u != resp)
    cw = f"cw-{resp}"
    country = _COUNTRIES[i % len(_COUNTRIES)]
    yield _fixed(
        PlanPortfolio(
            "asa-dir", pid, country, f"Land {i}", "ASA-LEDELSE", resp, "ASA-INT", "ASA-FSG"
        )
    )
    for unit in assisting:
        yield _fixed(AddAssistingUnit("asa-dir", pid, unit))
    yield _fixed(StartPreparation("asa-dir", pid))
    yield _fixed(SetProductionRequirement("asa-dir", pid, resp, 6, 10))
    for unit in assisting:
        yield _fixed(SetProductionRequirement("asa-dir", pid, unit, 10))
    yield lambda day: GrantInterviewFreePeriod("asa-dir", pid, day + timedelta(days=30))
    categories = (("EASY", "low"), ("MID", "medium"), ("HARD", "high"))
    for code, complexity in categories:
        yield _fixed(DefineCategory(cw, pid, code, code.title(), complexity, "risk"))
        yield _fixed(CreateMarkingCode("fsg", pid, code, f"{country}-{code}"))
    yield _fixed(PresentCategoriesToPu(cw, pid, "agreed deviation routine"))
    for unit in SP_UNITS:
        yield partial(RecordTraining, cw, pid, unit, _ALL_TRAINING)
        yield _fixed(AppointContact(f"lead-{unit}", pid, unit, f"lead-{unit}", True))
        yield _fixed(AppointContact(f"lead-{unit}", pid, unit, f"cw-{unit}"))
    for unit in ("ASA-BFE", "ASA-F1"):
        yield _fixed(InviteToTraining(cw, pid, unit))
    for party in ("Landinfo", "BFE", "F1"):
        yield _fixed(NotifyParty(cw, pid, party, "informed"))
    yield _fixed(AssessSideCases(cw, pid, "side cases stay with the responsible unit"))
    yield _fixed(ActivatePortfolio("asa-dir", pid))
    yield lambda day: SetClearancePlan(
        cw,
        pid,
        (ClearanceStep(day, assisting[0], ("EASY",)), ClearanceStep(day, assisting[1], ("MID",))),
        day + timedelta(days=180),
        25,
    )
    for k in count():
        if k % 4 == 3:
            yield _fixed(DistributeCases("kor", pid))
        elif k % 6 == 1:
            case = f"2026{i:02d}{k:06d}"
            yield _fixed(AddBankEntry(cw, pid, f"v{k}", "EASY", case, "Innvilget etter praksis"))
        elif k % 10 == 5:
            yield lambda day: HoldForum(
                cw,
                pid,
                "practice_forum",
                day,
                "Praksisoppdatering",
                tuple(f"cw-{u}" for u in SP_UNITS),
            )
        else:
            cases = tuple(
                CaseToSort(f"2026{50 + i:02d}{k * 3 + j:06d}", categories[j][0], f"PU-{k}-{j}")
                for j in range(3)
            )
            yield _fixed(SortCases("kor", pid, cases))


PORTFOLIO_STEPS = 50  # commands a portfolio takes in the period


def _participation(j: int) -> Iterator[tuple[int, Payload]]:
    """One forum meeting's participation: (day offset, command), ten commands."""
    pid, case = f"emn-{j:04d}", f"26/{100 + j:05d}"
    yield (
        0,
        lambda day: ReceiveForumRequest(
            "ola", pid, "EMN", day + timedelta(days=10), f"returns {j}", "OPA", "EMN NCP"
        ),
    )
    yield 0, _fixed(InformAua("ola", pid))
    yield (
        1,
        _fixed(
            AssessParticipation(
                "ola",
                pid,
                "agenda",
                "cost vs gain",
                "practice",
                pre_meeting_needed=False,
                options_memo_needed=False,
            )
        ),
    )
    yield 2, _fixed(ClearParticipation("dir", pid, "igs"))
    yield 3, _fixed(ChooseParticipant("lea", pid, "lea", "knows the field", "attended before"))
    yield 10, _fixed(RecordAttendance("lea", pid, minutes_expected=True))
    yield 12, _fixed(RecordMinutesArrived("lea", pid, f"EMN-minutes-{j}.pdf"))
    report = _payload(
        PostMeetingReport,
        actor="lea",
        participation_id=pid,
        archive_case=case,
        experts=["eva"],
        reference="report.docx",
    )
    yield 13, _fixed(report)
    yield 14, _fixed(SendMinistryLetter("dir", pid, case, "letter.docx"))
    yield 15, _fixed(CloseParticipation("lea", pid))


PARTICIPATION_DAYS = 16


def _coordination_meeting(kind: str, day: date) -> object:
    return RecordCoordinationMeeting("igs", "udi", kind, day, "internasjonalt arbeid")


def _coordination() -> Iterator[Payload]:
    """The EMN coordinator, then the knowledge base, meetings and the annual note."""
    yield _fixed(AppointCoordinator("igs", "udi", "EMN", "igs", date(2025, 1, 15)))
    yield _fixed(PostAnnualNote("igs", "udi", "EMN", "26/00099", "note.docx"))
    kinds = ("directors", "jd", "ud")
    for k in count():
        if k % 10 == 9:
            yield partial(_coordination_meeting, kinds[k // 10 % 3])
        else:
            yield _fixed(AddKnowledgeCase("igs", "udi", "EMN", f"25/{k + 1:05d}", f"EMN-sak {k}"))


# -- the mix ------------------------------------------------------------------------------


def _spread(story: Iterator[Payload], n: int) -> list[tuple[int, Payload]]:
    """The first ``n`` commands of ``story``, evenly over the period (order kept)."""
    taken = [next(story) for _ in range(n)]
    return [(p * DAYS // max(n, 1), payload) for p, payload in enumerate(taken)]


def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if k < total % parts else 0) for k in range(parts)]


def _budgets(n: int) -> dict[str, int]:
    budgets = {routine: int(n * share) for routine, share in SHARES.items()}
    budgets["second_hand_review"] += n - sum(budgets.values())
    return budgets


def stories(n: int) -> dict[str, list[list[tuple[int, Payload]]]]:
    """Each routine's stories for a mix of ``n`` commands: (day index, command)."""
    budget = _budgets(n)
    reviews = [
        _spread(_review_unit(u), b)
        for u, b in enumerate(_split(budget["second_hand_review"], REVIEW_UNITS))
    ]
    networks = [_spread(_networks(), budget["coordinator_network"])]
    portfolios = max(1, budget["shared_portfolio"] // PORTFOLIO_STEPS)
    shared = [
        _spread(_portfolio(i), b)
        for i, b in enumerate(_split(budget["shared_portfolio"], portfolios))
    ]
    full, rest = divmod(budget["forum_participation"], 10)
    participations = full + (1 if rest else 0)
    last_start = DAYS - PARTICIPATION_DAYS
    forums = [
        [
            (j * last_start // max(participations, 1) + offset, payload)
            for offset, payload in list(_participation(j))[: 10 if j < full else rest]
        ]
        for j in range(participations)
    ]
    coordination = [_spread(_coordination(), budget["international_coordination"])]
    return {
        "second_hand_review": reviews,
        "coordinator_network": networks,
        "shared_portfolio": shared,
        "forum_participation": forums,
        "international_coordination": coordination,
    }


def mix(n: int) -> list[Step]:
    """``n`` commands over the period: by day, and within a day the stories in turn."""
    keyed: list[tuple[int, int, int, Step]] = []
    story_no = 0
    for routine, routine_stories in stories(n).items():
        for story in routine_stories:
            seen: dict[int, int] = {}
            for day, payload in story:
                nth = seen.get(day, 0)
                seen[day] = nth + 1
                when = START + timedelta(days=day)
                keyed.append((day, nth, story_no, Step(when, routine, payload(when))))
            story_no += 1
    keyed.sort(key=lambda k: k[:3])
    steps = [k[3] for k in keyed]
    assert len(steps) == n, (len(steps), n)
    return steps
