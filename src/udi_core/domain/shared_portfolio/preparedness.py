"""Preparedness (SP-02): up-to-date practice documentation per country.

Where the documentation status lives: in its own small aggregate kind,
``country_practice`` (one per country, id = the country code). The documentation is
kept for every large or rising arrival country whether or not any portfolio of it is
shared (§4.1, §5 are ASA leadership's and ASA fagstab's standing duties), and several
portfolios over the years concern the same country; a portfolio holding it would
duplicate it and could not answer for countries no portfolio exists for.

The gaps are a query: from arrival figures (country -> count for a period) take the five
largest countries, add those ASA leadership flags as likely to rise, and report for each
the documents (practice note, interview guide, favourite texts) not current.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from attrs import evolve, frozen
from returns.result import Result, Success

from udi_core.domain.kernel.aggregate import AggregateKind, Context, Decision
from udi_core.domain.kernel.errors import DomainError, InvalidInput, invalid, refuse
from udi_core.domain.kernel.organisation import Department, OrgUnit, UnitKind
from udi_core.domain.kernel.rules import Rule
from udi_core.domain.shared_portfolio import rules as r

_COUNTRY = re.compile(r"^[A-Z]{2,3}$")
TOP = 5


def parse_country(raw: object, field: str = "country") -> Result[str, InvalidInput]:
    """A country code: two or three capital letters (ISO 3166), e.g. "ER", "SYR"."""
    if isinstance(raw, str) and _COUNTRY.match(raw.strip()):
        return Success(raw.strip())
    return invalid(field, "a country code of 2-3 capital letters, e.g. ER", raw)


class DocumentKind(enum.Enum):
    """The documentation §5 asks for, per country."""

    PRACTICE_NOTE = "practice_note"  # Praksisnotat
    INTERVIEW_GUIDE = "interview_guide"  # Intervjuguide med oversikt/linker
    FAVOURITE_TEXTS = "favourite_texts"  # Favorittekster/nick


@frozen
class PracticeDocument:
    kind: DocumentKind
    reference: str  # where it is published (a link or an archive reference)
    updated_on: date
    current: bool = True


@frozen
class CountryPractice:
    """The practice documentation of one country, and leadership's flag that arrivals
    from it are likely to rise."""

    country: str
    documents: tuple[PracticeDocument, ...] = ()
    flagged_rising: bool = False
    flag_reason: str | None = None
    flagged_on: date | None = None

    def document(self, kind: DocumentKind) -> PracticeDocument | None:
        return next((d for d in self.documents if d.kind is kind), None)

    @property
    def missing(self) -> tuple[DocumentKind, ...]:
        """The kinds of document that are absent or no longer current."""
        return tuple(k for k in DocumentKind if (d := self.document(k)) is None or not d.current)


@frozen
class DocumentPublished:
    kind: DocumentKind
    reference: str
    on: date


@frozen
class DocumentWithdrawn:
    kind: DocumentKind
    reason: str
    on: date


@frozen
class RisingFlagSet:
    rising: bool
    reason: str
    on: date


def evolve_practice(state: CountryPractice, event: object) -> CountryPractice:
    match event:
        case DocumentPublished(kind=kind, reference=reference, on=on):
            others = tuple(d for d in state.documents if d.kind is not kind)
            return evolve(state, documents=(*others, PracticeDocument(kind, reference, on)))
        case DocumentWithdrawn(kind=kind, on=on):
            return evolve(
                state,
                documents=tuple(
                    evolve(d, current=False, updated_on=on) if d.kind is kind else d
                    for d in state.documents
                ),
            )
        case RisingFlagSet(rising=rising, reason=reason, on=on):
            return evolve(state, flagged_rising=rising, flag_reason=reason, flagged_on=on)
    return state


Outcome = Result[Decision[CountryPractice], DomainError]


def _accept(state: CountryPractice, event: object, rule: Rule) -> Outcome:
    return Success(Decision(evolve_practice(state, event), (event,), rule_ids=(rule.id,)))


def publish_document(
    state: CountryPractice | None, country: str, kind: DocumentKind, reference: str, ctx: Context
) -> Outcome:
    """An ASA employee (fagstab, or a responsible unit assisting) publishes a current
    practice note, interview guide or favourite texts for a country (SP-02)."""
    if ctx.actor.department is not Department.ASA:
        return refuse(
            r.SP_02, f"practice documentation is kept by ASA; {ctx.actor.id} is not in ASA"
        )
    base = state or CountryPractice(country)
    return _accept(base, DocumentPublished(kind, reference, ctx.today), r.SP_02)


def withdraw_document(
    state: CountryPractice | None, country: str, kind: DocumentKind, reason: str, ctx: Context
) -> Outcome:
    """Mark a document as no longer current (it then shows as a gap, SP-02)."""
    if ctx.actor.department is not Department.ASA:
        return refuse(
            r.SP_02, f"practice documentation is kept by ASA; {ctx.actor.id} is not in ASA"
        )
    document = state.document(kind) if state is not None else None
    if state is None or document is None or not document.current:
        return refuse(r.SP_02, f"{country} has no current {kind.value} to withdraw")
    return _accept(state, DocumentWithdrawn(kind, reason, ctx.today), r.SP_02)


def flag_rising(
    state: CountryPractice | None,
    country: str,
    rising: bool,
    reason: str,
    actor_unit: OrgUnit,
    ctx: Context,
) -> Outcome:
    """ASA leadership flags (or unflags) a country as likely to see strongly rising
    arrivals; its documentation then counts for preparedness (SP-02, §4.1)."""
    leader = (
        actor_unit.department is Department.ASA and actor_unit.kind is UnitKind.LEADERSHIP
    ) or (ctx.actor.is_department_director and ctx.actor.department is Department.ASA)
    if not leader:
        return refuse(r.SP_02, f"countries are flagged by ASA leadership, not by {ctx.actor.id}")
    base = state or CountryPractice(country)
    return _accept(base, RisingFlagSet(rising, reason, ctx.today), r.SP_02)


@frozen
class PreparednessGap:
    """A country that must have current documentation, why, and what is missing."""

    country: str
    reasons: tuple[str, ...]
    missing: tuple[DocumentKind, ...]
    rule: Rule = r.SP_02

    def describe(self) -> str:
        kinds = ", ".join(k.value for k in self.missing)
        why = "; ".join(self.reasons)
        return f"{self.rule.id} ({self.rule.source}) {self.country} ({why}): missing {kinds}"


def largest(arrivals: Sequence[tuple[str, int]], top: int = TOP) -> tuple[tuple[str, int], ...]:
    """The ``top`` countries with most arrivals (ties by country code), none with zero."""
    ranked = sorted(((c, n) for c, n in arrivals if n > 0), key=lambda cn: (-cn[1], cn[0]))
    return tuple(ranked[:top])


def preparedness_gaps(
    arrivals: Sequence[tuple[str, int]],
    practices: Mapping[str, CountryPractice],
    flagged: Iterable[str],
) -> tuple[PreparednessGap, ...]:
    """For the five largest arrival countries and the flagged ones, what is not current."""
    reasons: dict[str, list[str]] = {}
    for rank, (country, count) in enumerate(largest(arrivals), start=1):
        reasons.setdefault(country, []).append(f"arrivals rank {rank} ({count})")
    for country in sorted(flagged):
        reasons.setdefault(country, []).append("flagged as likely to rise")
    gaps = []
    for country, why in reasons.items():
        practice = practices.get(country) or CountryPractice(country)
        if practice.missing:
            gaps.append(PreparednessGap(country, tuple(why), practice.missing))
    return tuple(gaps)


def _index(state: CountryPractice) -> Iterable[tuple[str, str]]:
    yield ("country", state.country)
    if state.flagged_rising:
        yield ("flagged", "rising")


COUNTRY_PRACTICE: AggregateKind[CountryPractice] = AggregateKind(
    name="country_practice",
    routine="IM 2016-003",
    state_type=CountryPractice,
    event_types=(DocumentPublished, DocumentWithdrawn, RisingFlagSet),
    index=_index,
)
