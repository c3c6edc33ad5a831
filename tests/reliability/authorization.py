"""The authorization matrix: for every command on the bus, a prepared state in which the
right actor would succeed, and everyone else in the organisation trying it instead.

:data:`PREPARATIONS` maps each command type to a factory of :class:`Prepared` (the app in
that state, the right payload, and who may perform it there). Everyone else employed in
the prepared organisation is a wrong actor: caseworkers, reviewers, unit leaders of other
units, directors of other departments, network members, the coordinator of another
network, people from other units. :data:`EXEMPT` names the commands left out and why; a
command type in neither fails the test, so a new command cannot be left out.

:func:`attempt` tries one wrong actor and tells what happened; the test and the figures
both use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any, cast

from attrs import frozen
from returns.result import Success

from udi_adapters.clocks import FixedClock
from udi_adapters.duf_mock import MockDuf
from udi_core.app import App, bootstrap
from udi_core.app.commands import Command
from udi_core.app.organisation import RegisterEmployee, RegisterUnit
from udi_core.domain import catalog
from udi_core.domain.coordinator_network import MH
from udi_core.domain.kernel.dates import OSLO
from udi_core.domain.kernel.errors import RuleViolation
from udi_core.domain.kernel.identifiers import DufCaseNumber
from udi_core.domain.shared_portfolio.model import TrainingElement
from udi_core.ports.persistence import ObligationQuery

ORGANISATION_ADMINISTRATOR = "organisation administrator"
EXEMPT_REASON = (
    "records organisation facts mirrored from HR and staffing (units, employees, who holds "
    "a function); no IM rule says who may perform it, so there is no rule to refuse by"
)
EXEMPT: dict[str, str] = {
    RegisterUnit.__name__: EXEMPT_REASON,
    RegisterEmployee.__name__: EXEMPT_REASON,
    "AppointCoordinator": EXEMPT_REASON,
}

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=OSLO)
TODAY = NOW.date()

UNITS: tuple[tuple[str, str, str], ...] = (  # id, department, kind
    ("OPA-E1", "OPA", "unit"),
    ("OPA-E2", "OPA", "unit"),
    ("OPA-LEDELSE", "OPA", "leadership"),
    ("ASA-LEDELSE", "ASA", "leadership"),
    ("ASA-FSG", "ASA", "unit"),
    ("ASA-INT", "ASA", "unit"),
    ("ASA-E1", "ASA", "unit"),
    ("ASA-E2", "ASA", "unit"),
    ("ASA-E3", "ASA", "unit"),
    ("RMA-RK-VEST", "RMA", "regional_office"),
)
PEOPLE: tuple[tuple[str, str, tuple[str, ...]], ...] = (  # id, unit, roles
    # second-hand review in OPA-E1; OPA-E2 is another unit
    ("lea", "OPA-E1", ("unit_leader",)),
    ("rita", "OPA-E1", ()),  # reviewer
    ("rolf", "OPA-E1", ()),  # a colleague, not appointed
    ("cas", "OPA-E1", ()),  # caseworker under review
    ("otto", "OPA-E2", ("unit_leader",)),  # unit leader of another unit
    ("ola", "OPA-E2", ()),  # someone from another unit
    ("opadir", "OPA-LEDELSE", ("department_director",)),
    ("asadir", "ASA-LEDELSE", ("department_director",)),  # director of another department
    # shared portfolio in ASA
    ("lead-ASA-E1", "ASA-E1", ("unit_leader",)),
    ("cw-ASA-E1", "ASA-E1", ()),
    ("lead-ASA-E2", "ASA-E2", ("unit_leader",)),
    ("cw-ASA-E2", "ASA-E2", ()),
    ("fsg", "ASA-FSG", ()),
    ("kor", "ASA-KOR", ()),
    # forum participation and international coordination
    ("fam", "OPA-FAMILIE", ()),
    ("famlead", "OPA-FAMILIE", ("unit_leader",)),
    ("igs", "AUA-IGS", ()),
    ("eva", "AUA-RVE", ()),
    # coordinator networks
    ("rve1", "AUA-RVE", ()),  # coordinates fgm and trafficking
    ("rve2", "AUA-RVE", ()),  # coordinates violence: the coordinator of another network
    ("asa1", "ASA-KOR", ()),  # a network member
    ("asastab", "ASA-FAGSTAB", ()),
    ("opaut", "OPA-UTVISNING", ()),
    ("rkost", "RMA-RK-OST", ()),
    ("rkvest", "RMA-RK-VEST", ()),
)
EVERYONE = frozenset(p for p, _, _ in PEOPLE)
_DEPARTMENT_OF_UNIT = {u: d for u, d, _ in UNITS} | {
    "ASA-KOR": "ASA",
    "ASA-FAGSTAB": "ASA",
    "OPA-FAMILIE": "OPA",
    "OPA-UTVISNING": "OPA",
    "AUA-IGS": "AUA",
    "AUA-RVE": "AUA",
    "RMA-RK-OST": "RMA",
}


def department(name: str) -> frozenset[str]:
    """Everyone above employed in department ``name``."""
    return frozenset(p for p, unit, _ in PEOPLE if _DEPARTMENT_OF_UNIT[unit] == name)


EQUIVALENT_RULES: dict[str, tuple[str, str]] = {
    # command module -> (rule id accepted besides AUTHORITY, why)
    "shared_portfolio": (
        "SP-01",
        "SP-01 names the portfolio's roles (leadership, responsible, assisting units, "
        "interview network, system group); someone with no role in the portfolio is "
        "refused under SP-01 before the command's own rule is consulted",
    ),
}

KNOWN_GAPS: dict[str, str] = {
    # command -> what the matrix found; the test expects these to fail (strict xfail), so
    # fixing one makes the test fail until its entry here is removed.
}


@frozen
class Prepared:
    """An app in a state where ``right`` (a payload) succeeds, and who may perform it.

    ``allowed`` is empty for a command nobody may perform (it exists to be refused)."""

    app: App
    right: Mapping[str, Any]
    allowed: frozenset[str]

    @property
    def wrong(self) -> tuple[str, ...]:
        return tuple(sorted(EVERYONE - self.allowed))


def organisation(options: Mapping[str, str] | None = None, store: str = "memory") -> App:
    """A fresh app (in memory unless ``store`` says otherwise) with every unit and person
    above."""
    settings: dict[str, object] = {"store": store, "clock": f"fixed:{NOW.isoformat()}"}
    if options:
        settings["options"] = dict(options)
    app = bootstrap(settings).unwrap()
    org = app.organisation
    org.ensure_named_units().unwrap()
    for unit, department, kind in UNITS:
        code = department if kind == "leadership" else None
        org.register_unit(unit, unit, department, kind, code).unwrap()
    for person, unit, roles in PEOPLE:
        org.register_employee(person, person.title(), unit, roles).unwrap()
    return app


def do(app: App, command: str, actor: str, **fields: Any) -> None:
    """Run a set-up step; it must succeed."""
    result = app.commands.execute_payload({"command": command, "actor": actor, **fields})
    if not isinstance(result, Success):
        raise AssertionError(f"set-up {command} by {actor} failed: {result.failure().describe()}")


def on(app: App, day: str) -> None:
    cast(FixedClock, app.clock).set(datetime.combine(date.fromisoformat(day), NOW.time(), OSLO))


def payload(command: str, actor: str, **fields: Any) -> dict[str, Any]:
    return {"command": command, "actor": actor, **fields}


# -- second-hand review (IM 2015-002) ------------------------------------------------------

UNIT = "OPA-E1"
DECISION = "201512345601-1"


def review_world() -> App:
    """rita reviews cas in OPA-E1 for family immigration; one decision is drafted."""
    app = organisation({"shr_required_approvals": "1"})
    do(app, "AppointReviewer", "lea", unit_id=UNIT, reviewer_id="rita", basis="senior adviser")
    do(
        app,
        "PlaceUnderReview",
        "lea",
        unit_id=UNIT,
        employee_id="cas",
        ground="new_hire",
        case_fields=["family_immigration"],
        reviewer_ids=["rita"],
    )
    do(
        app,
        "DraftCaseDecision",
        "cas",
        unit_id=UNIT,
        decision_id=DECISION,
        case_field="family_immigration",
    )
    return app


def _shr(command: str, actor: str, allowed: Iterable[str], then: str = "", **fields: Any) -> Any:
    def prepare() -> Prepared:
        app = review_world()
        steps = {
            "signed": [("SignCaseDecision", "cas")],
            "reviewed": [("SignCaseDecision", "cas"), ("SignCaseDecision", "rita")],
            "final": [
                ("SignCaseDecision", "cas"),
                ("SignCaseDecision", "rita"),
                ("FinaliseCaseDecision", "cas"),
            ],
        }.get(then, [])
        for name, who in steps:
            do(app, name, who, unit_id=UNIT, decision_id=DECISION)
        return Prepared(app, payload(command, actor, unit_id=UNIT, **fields), frozenset(allowed))

    return prepare


# -- shared portfolio and country practice (IM 2016-003) -----------------------------------

PID = "eritrea-2026"
RESP = "ASA-E1"
ALL_TRAINING = [e.value for e in TrainingElement]


def portfolio_world(phase: str) -> App:
    """Portfolio ``PID``: planned, preparing, ready (everything done) or active."""
    app = organisation()
    do(
        app,
        "PlanPortfolio",
        "asadir",
        portfolio_id=PID,
        country="ER",
        name="Eritrea",
        leadership_unit="ASA-LEDELSE",
        responsible_unit=RESP,
        interview_network_unit="ASA-INT",
        system_group_unit="ASA-FSG",
    )
    do(app, "AddAssistingUnit", "asadir", portfolio_id=PID, unit_id="ASA-E2")
    if phase == "planned":
        return app
    do(app, "StartPreparation", "asadir", portfolio_id=PID)
    if phase == "preparing":
        return app
    for unit, requirement in ((RESP, 6), ("ASA-E2", 10)):
        do(
            app,
            "SetProductionRequirement",
            "asadir",
            portfolio_id=PID,
            unit_id=unit,
            requirement=requirement,
            normal_requirement=10,
        )
    do(app, "GrantInterviewFreePeriod", "asadir", portfolio_id=PID, until="2026-04-01")
    for code, complexity in (("EASY", "low"), ("HARD", "high")):
        do(
            app,
            "DefineCategory",
            f"cw-{RESP}",
            portfolio_id=PID,
            code=code,
            name=code.title(),
            complexity=complexity,
            competence="risk",
        )
        do(
            app,
            "CreateMarkingCode",
            "fsg",
            portfolio_id=PID,
            category=code,
            duf_code=f"ER-{code}",
        )
    do(app, "PresentCategoriesToPu", f"cw-{RESP}", portfolio_id=PID, note="agreed")
    for unit in (RESP, "ASA-E2"):
        do(
            app,
            "RecordTraining",
            f"cw-{RESP}",
            portfolio_id=PID,
            unit_id=unit,
            elements=ALL_TRAINING,
            on=TODAY.isoformat(),
        )
        do(
            app,
            "AppointContact",
            f"lead-{unit}",
            portfolio_id=PID,
            unit_id=unit,
            employee_id=f"lead-{unit}",
            interview_coordinator=True,
        )
    for unit in ("ASA-BFE", "ASA-F1"):
        do(app, "InviteToTraining", f"cw-{RESP}", portfolio_id=PID, unit_id=unit)
    for party in ("Landinfo", "BFE", "F1"):
        do(app, "NotifyParty", f"cw-{RESP}", portfolio_id=PID, party=party, note="informed")
    do(app, "AssessSideCases", f"cw-{RESP}", portfolio_id=PID, conclusion="stay with E1")
    if phase == "ready":
        return app
    do(app, "ActivatePortfolio", "asadir", portfolio_id=PID)
    steps = [{"on": TODAY.isoformat(), "unit_id": "ASA-E2", "categories": ["EASY"]}]
    do(
        app,
        "SetClearancePlan",
        f"cw-{RESP}",
        portfolio_id=PID,
        steps=steps,
        ends_on="2026-09-01",
        easy_share_percent=25,
    )
    do(
        app,
        "SortCases",
        "kor",
        portfolio_id=PID,
        cases=[{"case": "201600000001", "category": "EASY", "registration": "PU-1"}],
    )
    do(
        app,
        "AddBankEntry",
        f"cw-{RESP}",
        portfolio_id=PID,
        entry_id="v1",
        category="EASY",
        case="201600000001",
        summary="Granted",
    )
    return app


Step = tuple[str, str, dict[str, Any]]
EASY_CATEGORY: Step = (
    "DefineCategory",
    f"cw-{RESP}",
    {
        "portfolio_id": PID,
        "code": "EASY",
        "name": "Easy",
        "complexity": "low",
        "competence": "none",
    },
)


def _sp(
    command: str,
    actor: str,
    allowed: Iterable[str],
    phase: str = "active",
    before: Iterable[Step] = (),
    **fields: Any,
) -> Any:
    def prepare() -> Prepared:
        app = portfolio_world(phase)
        for name, who, body in before:
            do(app, name, who, **body)
        body = fields if "country" in fields else {"portfolio_id": PID, **fields}
        return Prepared(app, payload(command, actor, **body), frozenset(allowed))

    return prepare


def _plan() -> Prepared:
    app = organisation()
    right = payload(
        "PlanPortfolio",
        "asadir",
        portfolio_id="somalia-2026",
        country="SO",
        name="Somalia",
        leadership_unit="ASA-LEDELSE",
        responsible_unit=RESP,
        interview_network_unit="ASA-INT",
        system_group_unit="ASA-FSG",
    )
    return Prepared(app, right, frozenset({"asadir"}))


def _withdraw() -> Prepared:
    app = organisation()
    do(
        app,
        "PublishPracticeDocument",
        "cw-ASA-E1",
        country="ER",
        kind="practice_note",
        reference="l",
    )
    right = payload(
        "WithdrawPracticeDocument", "asadir", country="ER", kind="practice_note", reason="old"
    )
    return Prepared(app, right, department("ASA"))


# -- forum participation (IM 2011-013) -----------------------------------------------------

FP = "emn-2026-03"
MEETING = "2026-03-20"
ARCHIVE = "26/00812"


FORUM_STAGES = ("requested", "informed", "assessed", "cleared", "chosen", "attended", "minuted")


def forum_world(stage: str) -> App:
    """Participation ``FP`` brought to ``stage``: one of :data:`FORUM_STAGES`, ``met``
    (chosen, on the meeting day), ``reported`` (the report posted) or ``lettered`` (and
    the letter to the ministry sent)."""
    app = organisation()
    if stage == "met":  # chosen, and the meeting day has come
        reached = set(FORUM_STAGES[: FORUM_STAGES.index("chosen") + 1])
    elif stage in FORUM_STAGES:
        reached = set(FORUM_STAGES[: FORUM_STAGES.index(stage) + 1])
    else:
        reached = set(FORUM_STAGES)
    do(
        app,
        "ReceiveForumRequest",
        "fam",
        participation_id=FP,
        forum="EMN",
        meeting_date=MEETING,
        topic="returns",
        department="OPA",
        requested_by="EMN NCP",
    )
    if "informed" in reached:
        do(app, "InformAua", "fam", participation_id=FP)
    if "assessed" in reached:
        do(
            app,
            "AssessParticipation",
            "fam",
            participation_id=FP,
            agenda="agenda",
            cost_benefit="cost vs gain",
            contribution="practice",
            udi_attends_alone=False,
            law_change=False,
            budget_consequences=False,
            politically_sensitive=False,
            needs_principled_clarification=False,
            interpretation_discussed=False,
            pre_meeting_needed=False,
            options_memo_needed=False,
        )
    if "cleared" in reached:
        do(app, "ClearParticipation", "opadir", participation_id=FP, igs_contact="igs")
    if "chosen" in reached:
        do(
            app,
            "ChooseParticipant",
            "famlead",
            participation_id=FP,
            participant="famlead",
            competence="knows the field",
            continuity="attended before",
        )
    if stage == "met" or "attended" in reached:
        on(app, MEETING)
    if "attended" in reached:
        do(
            app,
            "RecordAttendance",
            "famlead",
            participation_id=FP,
            matters_of_principle=False,
            minutes_expected=True,
            jd_attended=None,
        )
    if "minuted" in reached:
        on(app, "2026-03-30")
        do(app, "RecordMinutesArrived", "famlead", participation_id=FP, reference="m.pdf")
    if stage in {"reported", "lettered"}:
        do(
            app,
            "PostMeetingReport",
            "famlead",
            participation_id=FP,
            archive_case=ARCHIVE,
            experts=["eva"],
            reference="report.docx",
        )
    if stage == "lettered":
        do(
            app,
            "SendMinistryLetter",
            "opadir",
            participation_id=FP,
            archive_case=ARCHIVE,
            reference="letter.docx",
        )
    return app


def _fp(command: str, actor: str, allowed: Iterable[str], stage: str, **fields: Any) -> Any:
    def prepare() -> Prepared:
        app = forum_world(stage)
        return Prepared(
            app, payload(command, actor, participation_id=FP, **fields), frozenset(allowed)
        )

    return prepare


def _receive() -> Prepared:
    right = payload(
        "ReceiveForumRequest",
        "fam",
        participation_id="gdisc-2026-04",
        forum="GDISC",
        meeting_date="2026-04-20",
        topic="asylum",
        department="OPA",
        requested_by="GDISC secretariat",
    )
    return Prepared(organisation(), right, department("OPA") | department("AUA"))


# -- international coordination (IM 2011-013 §7) -------------------------------------------

CID = "udi"


def coordination_world() -> App:
    app = organisation()
    do(
        app,
        "AppointCoordinator",
        "igs",
        coordination_id=CID,
        field="EMN",
        employee="igs",
        function_since="2025-01-15",
    )
    do(
        app,
        "AddKnowledgeCase",
        "igs",
        coordination_id=CID,
        field="EMN",
        archive_case="26/00100",
        title="EMN annual report",
    )
    return app


def _ic(command: str, actor: str, allowed: Iterable[str], **fields: Any) -> Any:
    def prepare() -> Prepared:
        app = coordination_world()
        return Prepared(
            app, payload(command, actor, coordination_id=CID, **fields), frozenset(allowed)
        )

    return prepare


# -- coordinator networks (IM 2018-001, IM 2018-002) ---------------------------------------

MEMBERS = {"violence": "representative", "fgm": "representative", "trafficking": "contact_person"}


def network_world(
    established: Iterable[str] = ("violence", "fgm", "trafficking"), store: str = "memory"
) -> App:
    """violence led by rve2, fgm and trafficking by rve1; asa1 is a member of each, opaut
    the OPA coordinator of trafficking, rkost a regional contact of violence."""
    app = organisation(store=store)
    for network in established:
        lead = "rve2" if network == "violence" else "rve1"
        do(app, "EstablishNetwork", "igs", network=network, coordinator_id=lead)
        do(
            app,
            "AppointRepresentative"
            if MEMBERS[network] == "representative"
            else "AppointContactPerson",
            lead,
            network=network,
            employee_id="asa1",
        )
        if network == "trafficking":
            do(app, "AppointDepartmentCoordinator", lead, network=network, employee_id="opaut")
        if network == "violence":
            do(
                app,
                "AppointRegionalContact",
                lead,
                network=network,
                employee_id="rkost",
                field="child_marriage",
            )
    return app


def _cn(command: str, actor: str, allowed: Iterable[str], **fields: Any) -> Any:
    def prepare() -> Prepared:
        return Prepared(network_world(), payload(command, actor, **fields), frozenset(allowed))

    return prepare


def _establish() -> Prepared:
    app = network_world(("fgm", "trafficking"))
    right = payload("EstablishNetwork", "igs", network="violence", coordinator_id="rve2")
    return Prepared(app, right, frozenset({"igs", "eva", "rve1", "rve2"}))


def _kom(stage: str) -> App:
    app = network_world()
    duf = app.duf
    assert isinstance(duf, MockDuf)
    cases = [DufCaseNumber(f"2025{i:08d}") for i in range(3)]
    duf.seed(MH, cases)
    if stage in {"input", "published"}:
        do(app, "RecordKomInput", "rve1", year=2025, cases=[str(c) for c in cases])
    if stage == "published":
        do(app, "RecordKomPublication", "rve1", year=2025, published_on="2026-02-15")
    return app


def _cn_kom(command: str, stage: str, **fields: Any) -> Any:
    def prepare() -> Prepared:
        return Prepared(_kom(stage), payload(command, "rve1", **fields), frozenset({"rve1"}))

    return prepare


AUA = frozenset({"igs", "eva", "rve1", "rve2"})

PREPARATIONS: dict[str, Callable[[], Prepared]] = {
    # second-hand review
    "AppointReviewer": _shr(
        "AppointReviewer", "lea", {"lea"}, reviewer_id="rolf", basis="senior adviser"
    ),
    "RevokeReviewer": _shr("RevokeReviewer", "lea", {"lea"}, reviewer_id="rita"),
    "PlaceUnderReview": _shr(
        "PlaceUnderReview",
        "lea",
        {"lea"},
        employee_id="rolf",
        ground="new_hire",
        case_fields=["visa"],
        reviewer_ids=["rita"],
    ),
    "DraftCaseDecision": _shr(
        "DraftCaseDecision",
        "cas",
        {"lea", "rita", "rolf", "cas"},
        decision_id="201512345601-2",
        case_field="family_immigration",
    ),
    "SignCaseDecision": _shr(
        "SignCaseDecision", "cas", {"cas", "rita", "lea"}, decision_id=DECISION
    ),
    "WriteReviewNote": _shr(
        "WriteReviewNote", "rita", {"rita", "lea"}, then="signed", decision_id=DECISION, text="ok"
    ),
    "ReturnCaseDecision": _shr(
        "ReturnCaseDecision",
        "rita",
        {"rita", "lea"},
        then="signed",
        decision_id=DECISION,
        comments="x",
    ),
    "FinaliseCaseDecision": _shr(
        "FinaliseCaseDecision", "cas", {"cas"}, then="reviewed", decision_id=DECISION
    ),
    "NoteReviewProgress": _shr(
        "NoteReviewProgress", "rita", {"rita"}, employee_id="cas", text="steady progress"
    ),
    "LowerReviewShare": _shr(
        "LowerReviewShare",
        "lea",
        {"lea"},
        then="final",
        employee_id="cas",
        share_percent=50,
        consulted_reviewer_id="rita",
        consultation="rita agrees",
    ),
    "EndReview": _shr(
        "EndReview",
        "lea",
        {"lea"},
        then="final",
        employee_id="cas",
        consulted_reviewer_id="rita",
        consultation="rita agrees: to standard",
        case_fields=["family_immigration"],
    ),
    # shared portfolio
    "PlanPortfolio": _plan,
    "AddAssistingUnit": _sp("AddAssistingUnit", "asadir", {"asadir"}, "planned", unit_id="ASA-E3"),
    "StartPreparation": _sp("StartPreparation", "asadir", {"asadir"}, "planned"),
    "SetProductionRequirement": _sp(
        "SetProductionRequirement",
        "asadir",
        {"asadir"},
        "preparing",
        unit_id=RESP,
        requirement=6,
        normal_requirement=10,
    ),
    "GrantInterviewFreePeriod": _sp(
        "GrantInterviewFreePeriod", "asadir", {"asadir"}, "preparing", until="2026-04-01"
    ),
    "ActivatePortfolio": _sp("ActivatePortfolio", "asadir", {"asadir"}, "ready"),
    "EndPortfolio": _sp("EndPortfolio", "asadir", {"asadir"}),
    "CompleteChecklistItem": _sp(
        "CompleteChecklistItem",
        "asadir",
        {"asadir"},
        "preparing",
        role="asa_leadership",
        task="monitor_arrivals",
        owner_unit="ASA-LEDELSE",
        evidence="weekly arrivals report",
    ),
    "DefineCategory": _sp(
        "DefineCategory",
        f"cw-{RESP}",
        {f"cw-{RESP}", f"lead-{RESP}"},
        "preparing",
        code="MID",
        name="Mid",
        complexity="medium",
        competence="risk",
    ),
    "PresentCategoriesToPu": _sp(
        "PresentCategoriesToPu",
        f"cw-{RESP}",
        {f"cw-{RESP}", f"lead-{RESP}", "kor", "asa1"},
        "preparing",
        before=[EASY_CATEGORY],
        note="ok",
    ),
    "CreateMarkingCode": _sp(
        "CreateMarkingCode",
        "fsg",
        {"fsg"},
        "preparing",
        before=[EASY_CATEGORY],
        category="EASY",
        duf_code="ER-EASY",
    ),
    "RecordTraining": _sp(
        "RecordTraining",
        f"cw-{RESP}",
        {f"cw-{RESP}", f"lead-{RESP}"},
        "preparing",
        unit_id="ASA-E2",
        elements=ALL_TRAINING,
        on=TODAY.isoformat(),
    ),
    "InviteToTraining": _sp(
        "InviteToTraining",
        f"cw-{RESP}",
        {f"cw-{RESP}", f"lead-{RESP}"},
        "preparing",
        unit_id="ASA-BFE",
    ),
    "AppointContact": _sp(
        "AppointContact",
        "lead-ASA-E2",
        {"lead-ASA-E2"},
        "preparing",
        unit_id="ASA-E2",
        employee_id="cw-ASA-E2",
        interview_coordinator=False,
    ),
    "SetClearancePlan": _sp(
        "SetClearancePlan",
        f"cw-{RESP}",
        {f"cw-{RESP}", f"lead-{RESP}"},
        steps=[{"on": TODAY.isoformat(), "unit_id": "ASA-E2", "categories": ["EASY", "HARD"]}],
        ends_on="2026-10-01",
        easy_share_percent=30,
    ),
    "SortCases": _sp(
        "SortCases",
        "kor",
        {"kor", "asa1", f"cw-{RESP}", f"lead-{RESP}"},
        cases=[{"case": "201600000002", "category": "HARD", "registration": "PU-2"}],
    ),
    "DistributeCases": _sp("DistributeCases", "kor", {"kor", "asa1", f"cw-{RESP}", f"lead-{RESP}"}),
    "AddBankEntry": _sp(
        "AddBankEntry",
        f"cw-{RESP}",
        {f"cw-{RESP}", f"lead-{RESP}"},
        entry_id="v2",
        category="EASY",
        case="201600000003",
        summary="Granted, new",
    ),
    "OutdateBankEntry": _sp(
        "OutdateBankEntry",
        f"cw-{RESP}",
        {f"cw-{RESP}", f"lead-{RESP}"},
        entry_id="v1",
        explanation="practice changed",
        replaced_by=None,
    ),
    "RemoveBankEntry": _sp(
        "RemoveBankEntry",
        f"cw-{RESP}",
        {f"cw-{RESP}", f"lead-{RESP}"},
        entry_id="v1",
        explanation="entered by mistake",
    ),
    "HoldForum": _sp(
        "HoldForum",
        "cw-ASA-E2",
        {"cw-ASA-E2", "lead-ASA-E2", f"cw-{RESP}", f"lead-{RESP}"},
        kind="solution_corner",
        on=TODAY.isoformat(),
        topic="Case X",
        participants=[],
    ),
    "NotifyParty": _sp(
        "NotifyParty",
        f"cw-{RESP}",
        {f"cw-{RESP}", f"lead-{RESP}"},
        "preparing",
        party="Landinfo",
        note="informed",
    ),
    "AssessSideCases": _sp(
        "AssessSideCases",
        f"cw-{RESP}",
        {f"cw-{RESP}", f"lead-{RESP}"},
        "preparing",
        conclusion="stay with E1",
    ),
    "PublishPracticeDocument": _sp(
        "PublishPracticeDocument",
        "asadir",
        department("ASA"),
        "planned",
        country="SY",
        kind="practice_note",
        reference="link",
    ),
    "WithdrawPracticeDocument": _withdraw,
    "FlagCountry": _sp(
        "FlagCountry", "asadir", {"asadir"}, "planned", country="ET", rising=True, reason="r"
    ),
    # forum participation
    "ReceiveForumRequest": _receive,
    "InformAua": _fp("InformAua", "fam", department("OPA") | department("AUA"), "requested"),
    "AssessParticipation": _fp(
        "AssessParticipation",
        "fam",
        department("OPA"),
        "informed",
        agenda="agenda",
        cost_benefit="cost vs gain",
        contribution="practice",
        udi_attends_alone=False,
        law_change=False,
        budget_consequences=False,
        politically_sensitive=False,
        needs_principled_clarification=False,
        interpretation_discussed=False,
        pre_meeting_needed=False,
        options_memo_needed=False,
    ),
    "ClearParticipation": _fp(
        "ClearParticipation", "opadir", department("OPA"), "assessed", igs_contact="igs"
    ),
    "ChooseParticipant": _fp(
        "ChooseParticipant",
        "famlead",
        department("OPA"),
        "cleared",
        participant="famlead",
        competence="knows the field",
        continuity="attended before",
    ),
    "RecordAnchoring": _fp(
        "RecordAnchoring",
        "famlead",
        department("OPA"),
        "chosen",
        summary="anchored",
        with_ministry=False,
    ),
    "RecordAuaContact": _fp(
        "RecordAuaContact",
        "famlead",
        department("OPA") | department("AUA"),
        "chosen",
        contact="eva",
        summary="talked",
    ),
    "RecordMinistryConsultation": _fp(
        "RecordMinistryConsultation",
        "famlead",
        department("OPA") | department("AUA"),
        "chosen",
        summary="consulted",
    ),
    "RecordAttendance": _fp(
        "RecordAttendance",
        "famlead",
        department("OPA"),
        "met",
        matters_of_principle=False,
        minutes_expected=True,
        jd_attended=None,
    ),
    "RecordMinutesArrived": _fp(
        "RecordMinutesArrived", "famlead", department("OPA"), "attended", reference="m.pdf"
    ),
    "PostMeetingReport": _fp(
        "PostMeetingReport",
        "famlead",
        {"famlead"},
        "minuted",
        archive_case=ARCHIVE,
        experts=["eva"],
        reference="report.docx",
    ),
    "SendMinistryLetter": _fp(
        "SendMinistryLetter",
        "opadir",
        {"opadir"},
        "reported",
        archive_case=ARCHIVE,
        reference="letter.docx",
    ),
    "CloseParticipation": _fp("CloseParticipation", "famlead", department("OPA"), "lettered"),
    # international coordination
    "PostAnnualNote": _ic(
        "PostAnnualNote", "igs", {"igs"}, field="EMN", archive_case="26/00321", reference="n"
    ),
    "RecordCoordinationMeeting": _ic(
        "RecordCoordinationMeeting",
        "igs",
        {"igs"},
        kind="directors",
        held_on="2026-03-01",
        summary="met",
    ),
    "AddKnowledgeCase": _ic(
        "AddKnowledgeCase",
        "igs",
        {"igs"},
        field="EMN",
        archive_case="26/00101",
        title="EMN study",
    ),
    "RemoveKnowledgeCase": _ic(
        "RemoveKnowledgeCase", "igs", {"igs"}, field="EMN", archive_case="26/00100"
    ),
    # coordinator networks
    "EstablishNetwork": _establish,
    "ChangeCoordinator": _cn("ChangeCoordinator", "igs", AUA, network="fgm", coordinator_id="eva"),
    "AppointRepresentative": _cn(
        "AppointRepresentative", "rve1", {"rve1"}, network="fgm", employee_id="opaut"
    ),
    "AppointResourcePerson": _cn(
        "AppointResourcePerson", "rve1", {"rve1"}, network="fgm", employee_id="eva"
    ),
    "AppointRegionalContact": _cn(
        "AppointRegionalContact",
        "rve1",
        {"rve1"},
        network="fgm",
        employee_id="rkvest",
        field="fgm",
    ),
    "AppointDepartmentCoordinator": _cn(
        "AppointDepartmentCoordinator",
        "rve1",
        {"rve1"},
        network="trafficking",
        employee_id="asastab",
    ),
    "AppointContactPerson": _cn(
        "AppointContactPerson", "rve1", {"rve1"}, network="trafficking", employee_id="fam"
    ),
    "SetRelevantAsaUnits": _cn(
        "SetRelevantAsaUnits", "rve1", {"rve1"}, network="trafficking", unit_ids=["ASA-KOR"]
    ),
    "ReleaseFromNetwork": _cn(
        "ReleaseFromNetwork", "rve1", {"rve1"}, network="fgm", employee_id="asa1"
    ),
    "RecordMeeting": _cn(
        "RecordMeeting",
        "rve1",
        {"rve1"},
        network="fgm",
        held_on="2026-03-01",
        kind="whole",
        topic="practice",
    ),
    "SubmitAgendaItem": _cn(
        "SubmitAgendaItem", "asa1", {"asa1", "rve1"}, network="fgm", topic="t", duf_case=None
    ),
    "RecordCaseDecision": _cn(
        "RecordCaseDecision",
        "rve1",
        (),
        network="fgm",
        duf_case="201512345601",
        outcome="granted",
    ),
    "RecordKomInput": _cn_kom("RecordKomInput", "none", year=2025, cases=["202500000001"]),
    "RetainMhCode": _cn_kom(
        "RetainMhCode", "input", year=2025, reason="open case", cases=["202500000001"]
    ),
    "RecordKomPublication": _cn_kom(
        "RecordKomPublication", "input", year=2025, published_on="2026-02-15"
    ),
    "RemoveMhCodes": _cn_kom(
        "RemoveMhCodes", "published", year=2025, dry_run=False, batch_size=100
    ),
    "SendRosaNotice": _cn("SendRosaNotice", "rkost", {"rkost"}, duf_case="201912345678"),
    "ReportPermitStatistics": _cn(
        "ReportPermitStatistics", "opaut", {"opaut"}, period="2025", permits="limited", count=7
    ),
}


def snapshot(app: App) -> tuple[object, ...]:
    """Everything a refused command must leave as it was: every aggregate's state and
    version, every event, the outbox, obligations, advisories and the DUF mock."""
    with app.store.unit_of_work() as uow:
        states = []
        events = []
        for kind in catalog.KINDS:
            repository = uow.repository(kind)
            for aggregate_id in repository.ids():
                states.append((kind.name, aggregate_id, repository.get(aggregate_id)))
                events.extend(uow.events.history(aggregate_id, kind.name))
        outbox = uow.outbox.list(None, limit=100_000)
        obligations = uow.obligations.query(ObligationQuery(TODAY, limit=100_000))
        advisories = uow.advisories.list()
    duf = app.duf
    ledger = dict(duf.ledger) if isinstance(duf, MockDuf) else {}
    return (
        tuple(states),
        tuple(events),
        tuple(outbox),
        tuple(obligations),
        tuple(advisories),
        ledger,
    )


@frozen
class Attempt:
    """One wrong actor trying a command: refused by the authority rule (as it must be),
    and whether anything changed."""

    command: str
    actor: str
    outcome: str  # "refused", "accepted" or the failure's type name
    rule_ids: tuple[str, ...]
    changed: bool
    detail: str


def attempt(prepared: Prepared, command: str, actor: str) -> Attempt:
    before = snapshot(prepared.app)
    result = prepared.app.commands.execute_payload({**prepared.right, "actor": actor})
    changed = snapshot(prepared.app) != before
    if isinstance(result, Success):
        return Attempt(command, actor, "accepted", (), changed, "")
    failure = result.failure()
    if isinstance(failure, RuleViolation):
        return Attempt(command, actor, "refused", failure.rule_ids, changed, failure.describe())
    return Attempt(command, actor, type(failure).__name__, (), changed, failure.describe())


def authority_of(command_type: type) -> str:
    return cast("type[Command]", command_type).AUTHORITY


def accepted_rules(command_type: type) -> frozenset[str]:
    """The rule ids a refusal may name: the command's AUTHORITY, and its routine's
    documented equivalent (see :data:`EQUIVALENT_RULES`)."""
    routine = command_type.__module__.rsplit(".", 1)[-1]
    equivalent = EQUIVALENT_RULES.get(routine)
    return frozenset({authority_of(command_type), *([equivalent[0]] if equivalent else [])})


def is_proper_refusal(a: Attempt, command_type: type) -> bool:
    """Refused by a rule the command may be refused by, with nothing changed."""
    return (
        a.outcome == "refused"
        and bool(accepted_rules(command_type) & set(a.rule_ids))
        and not a.changed
    )
