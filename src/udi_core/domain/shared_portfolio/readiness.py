"""What a portfolio still lacks: the activation check (all unmet MUST items at once, the
SHOULD items as advisories), the checklist view, and the decision bank view."""

from __future__ import annotations

from attrs import evolve, frozen

from udi_core.domain.kernel.advisories import Advisory
from udi_core.domain.kernel.errors import Breach
from udi_core.domain.kernel.organisation import NamedUnits
from udi_core.domain.shared_portfolio import rules as r
from udi_core.domain.shared_portfolio.model import (
    BankEntry,
    ChecklistItem,
    ItemStatus,
    Party,
    SharedPortfolio,
    Task,
    TrainingElement,
)

TRAINING = frozenset(TrainingElement)


def activation_breaches(state: SharedPortfolio) -> tuple[Breach, ...]:
    """Every MUST item that keeps the portfolio from becoming active, each with its rule."""
    found: list[Breach] = []
    if not state.assisting:
        found.append(Breach(r.SP_01, "no assisting unit takes part"))
    responsible = state.participant(state.responsible)
    if responsible is None or not responsible.reduced:
        found.append(
            Breach(r.SP_03, f"no reduced production requirement recorded for {state.responsible}")
        )
    if not state.categories:
        found.append(Breach(r.SP_04, "no categories are defined"))
    found.extend(
        Breach(r.SP_04, f"category {c.code!r} is not presented to PU")
        for c in state.categories
        if c.presented_to_pu_on is None
    )
    found.extend(
        Breach(r.SP_05, f"category {c.code!r} has no DUF marking code")
        for c in state.categories
        if c.duf_code is None
    )
    for p in state.participants:
        missing = sorted(e.value for e in TRAINING - p.training)
        if missing:
            found.append(Breach(r.SP_07, f"{p.unit} lacks training: {', '.join(missing)}"))
    found.extend(
        Breach(r.SP_08, f"{p.unit} has appointed no country-practice contact")
        for p in state.assisting
        if not p.contacts
    )
    return tuple(found)


def activation_advisories(state: SharedPortfolio) -> tuple[Advisory, ...]:
    """The SHOULD items not followed when sharing starts."""
    found: list[Advisory] = []
    if state.interview_free_until is None:
        found.append(
            Advisory(r.SP_03b, f"no interview-free preparation period for {state.responsible}")
        )
    found.extend(
        Advisory(r.SP_07b, f"{unit.id} is not invited to the training")
        for unit in (NamedUnits.ASA_BFE, NamedUnits.ASA_F1)
        if unit.id not in state.invited_to_training
    )
    found.extend(
        Advisory(r.SP_08b, f"{p.unit} has {len(p.contacts)} country-practice contact(s), not two")
        for p in state.participants
        if len(p.contacts) < 2
    )
    found.extend(
        Advisory(r.SP_13, f"{party.value} is not notified and involved")
        for party in Party
        if party not in state.notified
    )
    if state.side_cases_assessed is None:
        found.append(Advisory(r.SP_13, "sharing the side cases is not assessed"))
    return tuple(found)


def checklist(state: SharedPortfolio) -> tuple[ChecklistItem, ...]:
    """The checklists of §4.1-§4.5 with the items recorded by their own commands filled
    in from the facts (so the view never disagrees with the activation check)."""
    responsible = state.participant(state.responsible)
    categories = state.categories
    facts: dict[tuple[Task, str], str | None] = {
        (Task.REDUCE_PRODUCTION_REQUIREMENT, str(state.leadership)): (
            f"requirement {responsible.production_requirement} of {responsible.normal_requirement}"
            if responsible is not None and responsible.reduced
            else None
        ),
        (Task.DEFINE_CATEGORIES, str(state.responsible)): (
            f"{len(categories)} categories" if categories else None
        ),
        (Task.CATEGORISE_WITH_KOR_AND_PU, str(state.responsible)): (
            "presented to PU"
            if categories and all(c.presented_to_pu_on for c in categories)
            else None
        ),
        (Task.CREATE_MARKING_CODES, str(state.system_group)): (
            "codes " + ", ".join(str(c.duf_code) for c in categories)
            if categories and all(c.duf_code for c in categories)
            else None
        ),
    }
    for p in state.assisting:
        facts[(Task.APPOINT_CONTACTS, str(p.unit))] = (
            ", ".join(str(c.employee) for c in p.contacts) if p.contacts else None
        )
        facts[(Task.TAKE_PART_IN_TRAINING, str(p.unit))] = (
            "all four elements" if p.training >= TRAINING else None
        )
    shown = []
    for item in state.checklist:
        key = (item.task, str(item.owner))
        if key in facts:
            evidence = facts[key]
            status = ItemStatus.DONE if evidence is not None else ItemStatus.OPEN
            shown.append(evolve(item, status=status, evidence=evidence))
        else:
            shown.append(item)
    return tuple(shown)


NOTICE_EN = (
    "The decisions in the decision bank do not necessarily give a fully correct picture of "
    "today's practice."
)
NOTICE_NB = (
    "Enkeltvedtakene i vedtaksbanken gir ikke nødvendigvis et fullstendig korrekt bilde av "
    "dagens praksis."
)


@frozen
class BankView:
    """A read of the decision bank: always with the notice of SP-10."""

    notice_en: str
    notice_nb: str
    entries: tuple[BankEntry, ...]
    categories_without_current_example: tuple[str, ...]


def bank_view(state: SharedPortfolio, category: str | None = None) -> BankView:
    """The decision bank (optionally one category), with the SP-10 notice and the
    categories that have no current example (SP-10b)."""
    entries = tuple(e for e in state.bank if category is None or e.category == category)
    covered = {e.category for e in state.bank if e.current}
    lacking = tuple(c.code for c in state.categories if c.code not in covered)
    return BankView(NOTICE_EN, NOTICE_NB, entries, lacking)
