"""A realistic year of the four routines, played through the public commands and services.

``play_year(app, on_step)`` registers an organisation and its staff, then plays 2026
month by month: second-hand review in an OPA unit, a shared Eritrea portfolio in ASA,
international forum meetings and the coordination around them, and the coordinator
networks with the MH removal after KOM's report. At each month's end the outbox is
delivered to DUF and WebSak. It returns a :class:`DemoReport` with what was written and
the obligations dashboard at the end of the year.

Every step is checked: a command that should succeed and does not stops the year with a
:class:`DemoStopped` naming the step, and a command the year expects to be refused (the
demo shows a few MUST rules at work) must be refused under the expected rule, or the
year stops too. Nothing is asserted silently.

The app must run on a clock that can be set (``fixed:...``), which the year moves from
day to day; DUF and WebSak are whatever adapters the app was built with.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from typing import Any, Protocol, runtime_checkable

from attrs import frozen
from returns.result import Failure, Result, Success

from udi_core.app import coordinator_network as cn
from udi_core.app import forum_participation as fp
from udi_core.app import international_coordination as ic
from udi_core.app import second_hand_review as shr
from udi_core.app import shared_portfolio as sp
from udi_core.app.bootstrap import App
from udi_core.app.organisation import RegisterEmployee, RegisterUnit
from udi_core.app.outbox import DeliveryReport
from udi_core.app.runner import Outcome
from udi_core.domain.kernel.dates import OSLO
from udi_core.domain.kernel.effects import AddDufCode, PostJournal, RemoveDufCode
from udi_core.domain.kernel.errors import DomainError, RuleViolation
from udi_core.domain.kernel.identifiers import DufCaseNumber
from udi_core.domain.kernel.obligations import Obligation, ObligationStatus
from udi_core.ports.external import ExternalFailure
from udi_core.ports.outbox import OutboxStatus

YEAR = 2026
START = datetime(YEAR, 1, 5, 9, 0, tzinfo=OSLO)
"""Where the year begins; ``bootstrap`` the demo app with ``clock=f"fixed:{START}"``."""
END = date(YEAR, 12, 31)
KOM_YEAR = YEAR - 1
UNIT = "OPA-E1"
PORTFOLIO = "eritrea-2026"
COORDINATION = "udi"
MH = "MH"


@runtime_checkable
class SettableClock(Protocol):
    """A clock the demo can move (the fixed clock adapter is one)."""

    def now(self) -> datetime: ...

    def set(self, moment: datetime) -> None: ...


@frozen
class DemoStopped:
    """A step of the year did not go as it should; nothing after it was played."""

    step: str
    problem: str

    def describe(self, lang: str = "en") -> str:
        if lang == "nb":
            return f"Demoen stoppet i steget «{self.step}»: {self.problem}"
        return f"The demo stopped at step '{self.step}': {self.problem}"


@frozen
class Refusal:
    """A command the year expected to be refused, and the refusal it got."""

    step: str
    what: str
    error: RuleViolation


@frozen
class JournalEntry:
    """A journal post WebSak registered, with the document number it gave."""

    document_number: str
    post_type: str
    title: str


@frozen
class DemoReport:
    """What the year did, what it wrote where, and the dashboard at its end."""

    as_of: date
    steps: tuple[str, ...]
    commands: int
    events: int
    advisories: int
    refusals: tuple[Refusal, ...]
    delivery: DeliveryReport
    journal_posts: tuple[JournalEntry, ...]
    duf_codes_set: int
    duf_codes_removed: int
    totals: tuple[tuple[str, str, int], ...]  # routine, status, count
    overdue: tuple[Obligation, ...]


StepCallback = Callable[[int, int, str], None]
"""Told ``(index, total, label)`` as each step begins (index from 0)."""


class _StopError(Exception):
    """Raised inside the year to stop at a step; turned into ``DemoStopped`` at the edge."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class _Year:
    """The state of a year being played: the app, the clock, and the tallies."""

    def __init__(self, app: App, clock: SettableClock) -> None:
        self.app = app
        self.clock = clock
        self.commands = 0
        self.advisories = 0
        self.touched: set[str] = set()
        self.refusals: list[Refusal] = []
        self.delivery = DeliveryReport()
        self.mh_removed = 0
        self.step = ""

    def on(self, month: int, day: int, hour: int = 9) -> None:
        self.clock.set(datetime.combine(date(YEAR, month, day), time(hour), OSLO))

    def do(self, command: object) -> Any:
        """Run a command that must succeed."""
        return self.check(self.app.commands.execute(command), type(command).__name__)

    def check(self, result: Result[Any, DomainError | ExternalFailure], what: str) -> Any:
        self.commands += 1
        if isinstance(result, Failure):
            raise _StopError(f"{what}: {result.failure().describe()}")
        value = result.unwrap()
        if isinstance(value, Outcome):
            self.advisories += len(value.advisories)
            if value.events:
                self.touched.add(value.aggregate_id)
        return value

    def refused(self, command: object, rule_id: str, what: str) -> None:
        """Run a command that a MUST rule must refuse; record the refusal."""
        self.commands += 1
        result = self.app.commands.execute(command)
        if isinstance(result, Success):
            raise _StopError(
                f"{type(command).__name__} was accepted, but {rule_id} should refuse it"
            )
        error = result.failure()
        if not isinstance(error, RuleViolation) or rule_id not in error.rule_ids:
            raise _StopError(
                f"{type(command).__name__}: expected {rule_id}, got {error.describe()}"
            )
        self.refusals.append(Refusal(self.step, what, error))

    def deliver(self) -> None:
        self.delivery += self.app.outbox.deliver()


# -- the organisation ---------------------------------------------------------------------

UNITS = (
    ("OPA-E1", "OPA Enhet for familieinnvandring 1", "OPA", "unit", None),
    ("OPA-LEDELSE", "OPA avdelingsledelse", "OPA", "leadership", "OPA"),
    ("ASA-LEDELSE", "ASA avdelingsledelse", "ASA", "leadership", "ASA"),
    ("ASA-FSG", "ASA Fagsystemgruppen", "ASA", "unit", "FSG"),
    ("ASA-INT", "ASA Intervjufaglig nettverk", "ASA", "unit", None),
    ("ASA-E1", "ASA Enhet 1 (fagansvarlig for Eritrea)", "ASA", "unit", "E1"),
    ("ASA-E2", "ASA Enhet 2", "ASA", "unit", "E2"),
    ("ASA-E3", "ASA Enhet 3", "ASA", "unit", "E3"),
    ("RMA-RK-VEST", "Regionkontor Vest", "RMA", "regional_office", None),
)

LEADER = ("unit_leader",)
DIRECTOR = ("department_director",)
STAFF: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    # second-hand review in OPA-E1
    ("lea", "Lea Lund", "OPA-E1", LEADER),
    ("rita", "Rita Rasmussen", "OPA-E1", ()),
    ("rolf", "Rolf Rønning", "OPA-E1", ()),
    ("cas", "Cas Carlsen", "OPA-E1", ()),
    ("cato", "Cato Berg", "OPA-E1", ()),
    # department directors
    ("opadir", "Dina Dahl", "OPA-LEDELSE", DIRECTOR),
    ("asadir", "Anne Aas", "ASA-LEDELSE", DIRECTOR),
    # OPA areas
    ("famleder", "Frida Fjeld", "OPA-FAMILIE", LEADER),
    ("ola", "Ola Olsen", "OPA-FAMILIE", ()),
    ("per", "Per Pedersen", "OPA-FAMILIE", ()),
    ("vera", "Vera Vik", "OPA-VAS", ()),
    ("ulf", "Ulf Urne", "OPA-UTVISNING", ()),
    # ASA units of the shared portfolio
    ("leder-e1", "Eli Ek", "ASA-E1", LEADER),
    ("sb-e1", "Siri Sand", "ASA-E1", ()),
    ("leder-e2", "Erik Eng", "ASA-E2", LEADER),
    ("sb-e2", "Sara Strand", "ASA-E2", ()),
    ("leder-e3", "Espen Eide", "ASA-E3", LEADER),
    ("sb-e3", "Stine Sol", "ASA-E3", ()),
    ("fsg", "Frode Fosse", "ASA-FSG", ()),
    ("kor", "Kai Korsvik", "ASA-KOR", ()),
    ("astrid", "Astrid Ask", "ASA-KOR", ()),
    ("britt", "Britt Berge", "ASA-BFE", ()),
    ("gro", "Gro Grande", "ASA-FAGSTAB", ()),
    # RMA and the regional offices
    ("rune", "Rune Rød", "RMA-FAGSTAB", ()),
    ("tone", "Tone Tveit", "RMA-FAGSTAB", ()),
    ("rolv", "Rolv Rye", "RMA-RETUR", ()),
    ("oystein", "Øystein Østby", "RMA-RK-OST", ()),
    ("vigdis", "Vigdis Vestre", "RMA-RK-VEST", ()),
    # AUA
    ("kari", "Kari Koordinator", "AUA-RVE", ()),
    ("eva", "Eva Elstad", "AUA-RVE", ()),
    ("ingrid", "Ingrid Ims", "AUA-IGS", ()),
)
ADMIN = "hr-import"  # the organisation's commands name the HR import as their actor


def organisation(y: _Year) -> None:
    y.check(y.app.organisation.ensure_named_units(), "the units the IMs name")
    for unit_id, name, department, kind, code in UNITS:
        y.do(RegisterUnit(ADMIN, unit_id, name, department, kind, code))
    for employee_id, name, unit_id, roles in STAFF:
        y.do(RegisterEmployee(ADMIN, employee_id, name, unit_id, roles or ("caseworker",)))
    # cases marked "MH" in DUF during last year, as caseworkers do it in DUF itself
    for case in _mh_cases():
        marked = y.app.duf.add(case, MH, f"demo/mh/{case}")
        y.check(marked, f"marking {case} with MH in DUF")


def _mh_cases() -> list[DufCaseNumber]:
    return [DufCaseNumber(f"{KOM_YEAR}{i:08d}") for i in range(1, 41)]


# -- the months ----------------------------------------------------------------------------


def january(y: _Year) -> None:
    y.on(1, 6)
    for network in ("violence", "fgm", "trafficking"):
        y.do(cn.EstablishNetwork("ingrid", network, "kari"))
    for network in ("violence", "fgm"):
        for rep in ("astrid", "per", "tone"):
            y.do(cn.AppointRepresentative("kari", network, rep))
    fields = {
        "violence": ("forced_marriage", "child_marriage", "domestic_violence"),
        "fgm": ("fgm",),
    }
    for network, names in fields.items():
        for field in names:
            for office_contact in ("oystein", "vigdis"):
                y.do(cn.AppointRegionalContact("kari", network, office_contact, field))
    for coordinator in ("ulf", "gro", "rune"):
        y.do(cn.AppointDepartmentCoordinator("kari", coordinator))
    y.do(cn.SetRelevantAsaUnits("kari", ("ASA-BFE",)))
    for contact in ("per", "vera", "britt", "rolv", "oystein", "vigdis"):
        y.do(cn.AppointContactPerson("kari", contact))
    y.do(ic.AppointCoordinator("ingrid", COORDINATION, "EMN", "ingrid", date(2025, 1, 15)))

    y.on(1, 12)
    basis = "Senior adviser, eight years in family immigration"
    y.do(shr.AppointReviewer("lea", UNIT, "rita", basis))
    y.do(shr.AppointReviewer("lea", UNIT, "rolf", ""))  # no basis recorded: SHR-02 advises
    y.do(shr.PlaceUnderReview("lea", UNIT, "cas", "new_hire", ("family_immigration",), ("rita",)))
    fields_cato = ("visa", "family_immigration")
    y.do(shr.PlaceUnderReview("lea", UNIT, "cato", "moved", fields_cato, ("rolf",)))

    y.on(1, 15)
    y.do(cn.RecordKomInput("kari", KOM_YEAR, tuple(str(c) for c in _mh_cases())))
    kept = tuple(str(c) for c in _mh_cases()[:3])
    y.do(cn.RetainMhCode("kari", KOM_YEAR, "criminal case still open with the police", kept))
    y.on(1, 19)
    y.do(cn.RecordMeeting("kari", "trafficking", "2026-01-19", "core", "Plan for 2026"))

    y.on(1, 21)
    d1 = _decision(1)
    y.do(shr.DraftCaseDecision("cas", UNIT, d1, "family_immigration"))
    y.do(shr.SignCaseDecision("cas", UNIT, d1))
    y.do(shr.ReturnCaseDecision("rita", UNIT, d1, "Weigh the child's best interest explicitly"))
    y.on(1, 23)
    y.do(shr.SignCaseDecision("cas", UNIT, d1))
    y.do(shr.SignCaseDecision("rita", UNIT, d1))
    y.do(shr.FinaliseCaseDecision("cas", UNIT, d1))
    y.on(1, 27)
    _reviewed(y, "cas", "rita", 2, "family_immigration")
    d3 = _decision(3)
    y.do(shr.DraftCaseDecision("cas", UNIT, d3, "family_immigration"))
    y.do(shr.SignCaseDecision("cas", UNIT, d3))
    y.refused(
        shr.FinaliseCaseDecision("cas", UNIT, d3),
        "SHR-05",
        "a new hire tries to finalise a decision nobody has reviewed",
    )
    y.do(shr.WriteReviewNote("rita", UNIT, d3, "Reviewed: reasoning and legal basis in order"))
    y.do(shr.FinaliseCaseDecision("cas", UNIT, d3))
    y.on(1, 30, 16)
    y.deliver()


def february(y: _Year) -> None:
    y.on(2, 2)
    y.do(
        sp.PlanPortfolio(
            "asadir", PORTFOLIO, "ER", "Eritrea", "ASA-LEDELSE", "ASA-E1", "ASA-INT", "ASA-FSG"
        )
    )
    for unit in ("ASA-E2", "ASA-E3"):
        y.do(sp.AddAssistingUnit("asadir", PORTFOLIO, unit))
    y.do(sp.StartPreparation("asadir", PORTFOLIO))
    y.do(sp.SetProductionRequirement("asadir", PORTFOLIO, "ASA-E1", 6, 10))
    for unit in ("ASA-E2", "ASA-E3"):
        y.do(sp.SetProductionRequirement("asadir", PORTFOLIO, unit, 10))
    y.do(sp.GrantInterviewFreePeriod("asadir", PORTFOLIO, date(YEAR, 3, 13)))
    categories = (
        ("EASY", "Clear identity, no risk factors", "low", "basic country knowledge"),
        ("MID", "Deserters and draft evaders", "medium", "risk assessment of military service"),
        ("HARD", "Exclusion and credibility", "high", "exclusion and credibility training"),
    )
    for code, name, complexity, competence in categories:
        y.do(sp.DefineCategory("sb-e1", PORTFOLIO, code, name, complexity, competence))
        y.do(sp.CreateMarkingCode("fsg", PORTFOLIO, code, f"ER-{code}"))
    y.on(2, 9)
    y.refused(
        sp.ActivatePortfolio("asadir", PORTFOLIO),
        "SP-07",
        "ASA leadership tries to start sharing before training and contacts are in place",
    )
    y.on(2, 10)
    y.do(ic.RecordCoordinationMeeting("ingrid", COORDINATION, "directors", date(YEAR, 2, 10)))
    y.on(2, 16)
    y.do(sp.PresentCategoriesToPu("sb-e1", PORTFOLIO, "PU registers the category at arrival"))
    elements = (
        "landinfo_introduction",
        "practice_review",
        "interview_guide_review",
        "interview_practice_and_strategy",
    )
    for unit, leader, worker in (
        ("ASA-E1", "leder-e1", "sb-e1"),
        ("ASA-E2", "leder-e2", "sb-e2"),
        ("ASA-E3", "leder-e3", "sb-e3"),
    ):
        y.do(sp.RecordTraining("sb-e1", PORTFOLIO, unit, elements, date(YEAR, 2, 16)))
        y.do(sp.AppointContact(leader, PORTFOLIO, unit, leader, True))
        y.do(sp.AppointContact(leader, PORTFOLIO, unit, worker))
    for unit in ("ASA-BFE", "ASA-F1"):
        y.do(sp.InviteToTraining("sb-e1", PORTFOLIO, unit))
    for party in ("Landinfo", "BFE", "F1"):
        y.do(sp.NotifyParty("sb-e1", PORTFOLIO, party, "Told of the sharing from March"))
    y.do(sp.AssessSideCases("sb-e1", PORTFOLIO, "Side cases stay with the responsible unit"))
    y.do(cn.RecordMeeting("kari", "trafficking", "2026-02-16", "core", "Identification"))
    y.on(2, 18)
    _reviewed(y, "cas", "rita", 4, "family_immigration")
    _reviewed(y, "cas", "rita", 5, "family_immigration")
    y.do(shr.NoteReviewProgress("rita", UNIT, "cas", "Steady progress; reasoning much improved"))
    y.on(2, 27, 16)
    y.deliver()


def march(y: _Year) -> None:
    y.on(3, 2)
    y.do(sp.ActivatePortfolio("asadir", PORTFOLIO))
    steps = (
        sp.ClearanceStep(date(YEAR, 3, 2), "ASA-E2", ("EASY",)),
        sp.ClearanceStep(date(YEAR, 3, 2), "ASA-E3", ("EASY", "MID")),
        sp.ClearanceStep(date(YEAR, 6, 1), "ASA-E2", ("MID",)),
    )
    y.do(sp.SetClearancePlan("sb-e1", PORTFOLIO, steps, date(YEAR, 9, 1), 25))
    _participation_until_chosen(y, "emn-2026-03", "EMN", date(YEAR, 3, 20), "Return policy")
    y.on(3, 9)
    _sort_and_distribute(y, 1, 24)
    y.on(3, 16)
    y.do(cn.RecordKomPublication("kari", KOM_YEAR, "2026-03-16"))
    y.do(cn.RecordMeeting("kari", "trafficking", "2026-03-16", "core", "KOM report"))
    y.do(cn.RecordMeeting("kari", "trafficking", "2026-03-16", "whole", "KOM report, Q1"))
    y.on(3, 18)
    dry = y.check(y.app.networks.mh_dry_run("kari", KOM_YEAR), "MH dry run")
    removed = y.check(y.app.networks.remove_mh_codes("kari", KOM_YEAR, batch_size=10), "MH run")
    if not removed.completed or removed.removed != len(dry.would_remove):
        raise _StopError(f"the MH removal did {removed}, the dry run planned {dry}")
    y.touched.add("trafficking")
    y.mh_removed += removed.removed
    y.on(3, 20, 15)
    y.do(fp.RecordAttendance("famleder", "emn-2026-03", minutes_expected=True))
    y.on(3, 24)
    _reviewed(y, "cas", "rita", 6, "family_immigration")
    y.refused(
        shr.EndReview("lea", UNIT, "cato", "rolf", "Too early to tell"),
        "SHR-08",
        "the unit leader tries to end review before the record shows the standard is met",
    )
    y.on(3, 30)
    y.do(fp.RecordMinutesArrived("famleder", "emn-2026-03", "EMN-minutes-2026-03.pdf"))
    y.do(fp.PostMeetingReport("famleder", "emn-2026-03", "26/00812", ("eva",), "report.docx"))
    y.do(fp.SendMinistryLetter("opadir", "emn-2026-03", "26/00812", "letter.docx"))
    y.do(fp.CloseParticipation("famleder", "emn-2026-03"))
    y.on(3, 31, 16)
    y.deliver()


def april(y: _Year) -> None:
    y.on(4, 13)
    y.do(cn.RecordMeeting("kari", "trafficking", "2026-04-13", "core", "Reflection permits"))
    y.do(cn.SubmitAgendaItem("astrid", "fgm", "Practice on medical certificates", None))
    y.do(cn.RecordMeeting("kari", "fgm", "2026-04-13", "whole", "Medical certificates"))
    _sort_and_distribute(y, 25, 18)
    y.on(4, 20)
    y.do(ic.PostAnnualNote("ingrid", COORDINATION, "EMN", "26/00321", "annual-note-emn.docx"))
    y.do(ic.AddKnowledgeCase("ingrid", COORDINATION, "EMN", "26/00400", "EMN 2026"))
    y.on(4, 21)
    y.do(sp.AddBankEntry("sb-e1", PORTFOLIO, "v1", "EASY", "202600000001", "Granted: identity"))
    y.do(sp.AddBankEntry("sb-e1", PORTFOLIO, "v2", "MID", "202600000002", "Granted: deserter"))
    contacts = ("leder-e1", "sb-e1", "leder-e2", "sb-e2", "leder-e3", "sb-e3")
    forum = sp.HoldForum(
        "sb-e1", PORTFOLIO, "practice_forum", date(YEAR, 4, 21), "Deserters", contacts
    )
    y.do(forum)
    y.on(4, 30, 16)
    y.deliver()


def may(y: _Year) -> None:
    y.on(5, 11)
    y.do(cn.RecordMeeting("kari", "trafficking", "2026-05-11", "core", "Crisis shelters"))
    y.on(5, 12)
    y.do(ic.RecordCoordinationMeeting("ingrid", COORDINATION, "jd", date(YEAR, 5, 12)))
    y.on(5, 18)
    y.do(cn.SendRosaNotice("oystein", "202600009001"))
    y.do(cn.ReportPermitStatistics("ulf", "2025", "reflection", 12))
    for n in range(1, 6):
        y.on(5, 18 + n)
        _reviewed(y, "cato", "rolf", 100 + n, "visa")
    y.on(5, 29, 16)
    y.deliver()


def june(y: _Year) -> None:
    y.on(6, 1)
    _participation_until_chosen(y, "schengen-2026-06", "Schengen", date(YEAR, 6, 18), "Visa code")
    y.on(6, 8)
    y.do(cn.RecordMeeting("kari", "trafficking", "2026-06-08", "core", "Return"))
    y.do(cn.RecordMeeting("kari", "trafficking", "2026-06-08", "whole", "Q2"))
    y.on(6, 10)
    consultation = "Rita: the last five decisions met the standard without comments"
    y.do(shr.EndReview("lea", UNIT, "cas", "rita", consultation))
    y.on(6, 15)
    y.do(ic.RecordCoordinationMeeting("ingrid", COORDINATION, "ud", date(YEAR, 6, 15)))
    y.on(6, 18, 15)
    y.do(fp.RecordAttendance("famleder", "schengen-2026-06", jd_attended=True))
    y.on(6, 25)
    y.do(fp.PostMeetingReport("famleder", "schengen-2026-06", "26/00955", (), "report.docx"))
    y.do(fp.CloseParticipation("famleder", "schengen-2026-06"))
    y.on(6, 30, 16)
    y.deliver()


def summer(y: _Year) -> None:
    """July passes without a core meeting (CN-05 will show it); August picks up."""
    y.on(8, 17)
    y.do(cn.RecordMeeting("kari", "trafficking", "2026-08-17", "core", "After the summer"))
    _sort_and_distribute(y, 43, 15)
    y.do(sp.AddBankEntry("sb-e1", PORTFOLIO, "v3", "EASY", "202600000043", "Granted: new practice"))
    y.do(sp.OutdateBankEntry("sb-e1", PORTFOLIO, "v1", "Practice note of August", "v3"))
    y.on(8, 31, 16)
    y.deliver()


def september(y: _Year) -> None:
    y.on(9, 7)
    y.do(cn.RecordMeeting("kari", "trafficking", "2026-09-07", "core", "Statistics"))
    y.do(cn.RecordMeeting("kari", "trafficking", "2026-09-07", "whole", "Q3"))
    y.on(9, 14)
    consultation = "Rolf: visa decisions are in line; family immigration needs more time"
    y.do(shr.EndReview("lea", UNIT, "cato", "rolf", consultation, ("visa",)))
    y.on(9, 30, 16)
    y.deliver()


def october(y: _Year) -> None:
    y.on(10, 5)
    y.do(cn.RecordMeeting("kari", "trafficking", "2026-10-05", "core", "Victims in asylum cases"))
    for kind in ("practice_note", "interview_guide", "favourite_texts"):
        y.do(sp.PublishPracticeDocument("sb-e1", "ER", kind, f"https://intranett/er/{kind}"))
    y.do(sp.FlagCountry("asadir", "ET", True, "Arrivals rising in Europe"))
    y.on(10, 30, 16)
    y.deliver()


def november(y: _Year) -> None:
    y.on(11, 2)
    y.do(cn.RecordMeeting("kari", "trafficking", "2026-11-02", "core", "Budget"))
    pid = "gdisc-2026-11"
    y.do(
        fp.ReceiveForumRequest(
            "ola", pid, "GDISC", date(YEAR, 11, 24), "Digitalisation", "OPA", "GDISC secretariat"
        )
    )
    y.do(fp.InformAua("ola", pid))
    y.do(
        fp.AssessParticipation(
            "ola",
            pid,
            "Digital case handling",
            "Low cost",
            "Our experience",
            pre_meeting_needed=False,
            options_memo_needed=False,
        )
    )
    y.refused(
        fp.ClearParticipation("astrid", pid, "ingrid"),
        "IFP-03",
        "ASA tries to clear a participation that is OPA's to clear",
    )
    y.do(fp.ClearParticipation("opadir", pid, "ingrid"))
    y.do(fp.ChooseParticipant("famleder", pid, "famleder", "Leads the area", "Attended in 2025"))
    y.on(11, 10)
    y.do(ic.RecordCoordinationMeeting("ingrid", COORDINATION, "jd", date(YEAR, 11, 10)))
    y.on(11, 24, 15)
    y.do(fp.RecordAttendance("famleder", pid, matters_of_principle=True))
    y.on(11, 30, 16)
    y.deliver()


def december(y: _Year) -> None:
    y.on(12, 7)
    y.do(cn.RecordMeeting("kari", "trafficking", "2026-12-07", "core", "Year's end"))
    y.do(cn.RecordMeeting("kari", "trafficking", "2026-12-07", "whole", "Q4"))
    y.refused(
        cn.RecordCaseDecision("kari", "trafficking", "202600009001", "granted"),
        "CN-08",
        "the network is asked to decide an individual case",
    )
    y.on(12, 31, 16)
    y.deliver()


# -- helpers -----------------------------------------------------------------------------


def _decision(n: int) -> str:
    return f"2026{n:08d}-1"


def _reviewed(y: _Year, author: str, reviewer: str, n: int, field: str) -> None:
    """A decision drafted, signed by its author and a reviewer, and finalised."""
    ref = _decision(n)
    y.do(shr.DraftCaseDecision(author, UNIT, ref, field))
    y.do(shr.SignCaseDecision(author, UNIT, ref))
    y.do(shr.SignCaseDecision(reviewer, UNIT, ref))
    y.do(shr.FinaliseCaseDecision(author, UNIT, ref))


def _participation_until_chosen(y: _Year, pid: str, forum: str, meeting: date, topic: str) -> None:
    y.do(fp.ReceiveForumRequest("ola", pid, forum, meeting, topic, "OPA", f"{forum} secretariat"))
    y.do(fp.InformAua("ola", pid))
    y.do(
        fp.AssessParticipation(
            "ola",
            pid,
            f"{topic}: exchange of practice",
            "Two days' travel against first-hand practice",
            "UDI's experience with the topic",
            pre_meeting_needed=False,
            options_memo_needed=False,
        )
    )
    y.do(fp.ClearParticipation("opadir", pid, "ingrid"))
    y.do(fp.ChooseParticipant("famleder", pid, "famleder", "Leads the area", "Attends each year"))


def _sort_and_distribute(y: _Year, first: int, count: int) -> None:
    """KOR sorts ``count`` arrivals into categories (DUF codes via the outbox); the
    responsible unit's plan distributes them."""
    categories = ("EASY", "EASY", "MID", "HARD")
    cases = tuple(
        sp.CaseToSort(f"2026{n:08d}", categories[n % 4], f"PU-2026-{n:05d}")
        for n in range(first, first + count)
    )
    y.do(sp.SortCases("kor", PORTFOLIO, cases))
    y.do(sp.DistributeCases("kor", PORTFOLIO))


MONTHS: tuple[tuple[str, Callable[[_Year], None]], ...] = (
    ("organisation: units, staff, MH codes in DUF", organisation),
    ("January: networks, reviewers, KOM input", january),
    ("February: portfolio preparation", february),
    ("March: activation, EMN meeting, MH removal", march),
    ("April: annual note, decision bank, practice forum", april),
    ("May: JD meeting, ROSA, visa decisions", may),
    ("June: Schengen meeting, review ended", june),
    ("July-August: summer, distribution", summer),
    ("September: review ended for visa", september),
    ("October: preparedness", october),
    ("November: GDISC meeting", november),
    ("December: year's end", december),
)


NORWEGIAN: Mapping[str, str] = {
    # the steps
    "organisation: units, staff, MH codes in DUF": "organisasjon: enheter, ansatte, MH-koder i DUF",
    "January: networks, reviewers, KOM input": (
        "januar: nettverk, annenhåndsbehandlere, innspill til KOM"
    ),
    "February: portfolio preparation": "februar: forberedelse av porteføljen",
    "March: activation, EMN meeting, MH removal": "mars: aktivering, EMN-møte, fjerning av MH",
    "April: annual note, decision bank, practice forum": (
        "april: årsnotat, vedtaksbank, praksisforum"
    ),
    "May: JD meeting, ROSA, visa decisions": "mai: møte med JD, ROSA, visumvedtak",
    "June: Schengen meeting, review ended": "juni: Schengen-møte, annenhåndsbehandling opphører",
    "July-August: summer, distribution": "juli-august: sommer, fordeling",
    "September: review ended for visa": "september: annenhåndsbehandling opphører for visum",
    "October: preparedness": "oktober: beredskap",
    "November: GDISC meeting": "november: GDISC-møte",
    "December: year's end": "desember: årsslutt",
    # the refusals the year expects
    "a new hire tries to finalise a decision nobody has reviewed": (
        "en nyansatt prøver å ferdigstille et vedtak ingen har annenhåndsbehandlet"
    ),
    "ASA leadership tries to start sharing before training and contacts are in place": (
        "ASA-ledelsen prøver å starte delingen før opplæring og kontaktpersoner er på plass"
    ),
    "the unit leader tries to end review before the record shows the standard is met": (
        "enhetslederen prøver å avslutte annenhåndsbehandlingen før kvaliteten er dokumentert"
    ),
    "ASA tries to clear a participation that is OPA's to clear": (
        "ASA prøver å klarere en deltakelse som OPA skal klarere"
    ),
    "the network is asked to decide an individual case": (
        "nettverket blir bedt om å avgjøre en enkeltsak"
    ),
}
"""The Norwegian (Bokmål) wording of the year's step labels and expected refusals."""


def in_language(label: str, lang: str) -> str:
    """A step label or refusal description of the year in ``lang`` (``en`` or ``nb``)."""
    return NORWEGIAN.get(label, label) if lang == "nb" else label


def play_year(app: App, on_step: StepCallback | None = None) -> Result[DemoReport, DemoStopped]:
    """Play the year on ``app`` (a fresh store, a settable clock). See the module doc."""
    clock = app.clock
    if not isinstance(clock, SettableClock):
        return Failure(DemoStopped("clock", "the demo needs a settable clock (fixed:...)"))
    year = _Year(app, clock)
    clock.set(START)
    for index, (label, play) in enumerate(MONTHS):
        year.step = label
        if on_step is not None:
            on_step(index, len(MONTHS), label)
        try:
            play(year)
        except _StopError as stopped:
            return Failure(DemoStopped(label, stopped.problem))
    return Success(_report(year))


def _report(y: _Year) -> DemoReport:
    app = y.app
    delivered = app.outbox.items(OutboxStatus.DELIVERED, limit=100_000)
    posts = tuple(
        JournalEntry(i.result or "", i.effect.post.type.value, i.effect.post.title)
        for i in delivered
        if isinstance(i.effect, PostJournal)
    )
    added = sum(1 for i in delivered if isinstance(i.effect, AddDufCode))
    removed = sum(1 for i in delivered if isinstance(i.effect, RemoveDufCode)) + y.mh_removed
    totals = app.queries.obligation_totals(END)
    overdue = app.queries.obligations(END, (ObligationStatus.OVERDUE,), limit=1000)
    return DemoReport(
        as_of=END,
        steps=tuple(label for label, _ in MONTHS),
        commands=y.commands,
        events=sum(len(app.queries.history(a)) for a in sorted(y.touched)),
        advisories=len(app.queries.advisories()),
        refusals=tuple(y.refusals),
        delivery=y.delivery,
        journal_posts=posts,
        duf_codes_set=added,
        duf_codes_removed=removed,
        totals=tuple(sorted((r, s.value, n) for (r, s), n in totals.items())),
        overdue=tuple(overdue),
    )


def fresh_sqlite_path(store: str) -> str | None:
    """The file of a ``sqlite:///FILE`` store URL (relative to the current folder), or
    None for other stores."""
    prefix = "sqlite:///"
    if not store.startswith(prefix):
        return None
    path = store.removeprefix(prefix).split("?", 1)[0]
    return path or None
