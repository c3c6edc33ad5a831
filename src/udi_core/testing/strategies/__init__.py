"""Hypothesis strategies for every domain type, in one place.

Kernel types are here; each aggregate adds a module beside this one and registers its
state strategy in :func:`state_strategies` so the contract suite round-trips it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from hypothesis import strategies as st

from udi_core.domain.kernel.effects import AddDufCode, Effect, PostJournal, RemoveDufCode
from udi_core.domain.kernel.identifiers import (
    ArchiveCaseNumber,
    DocumentNumber,
    DufCaseNumber,
    EmployeeId,
    ImId,
    UnitId,
)
from udi_core.domain.kernel.noark5 import (
    Document,
    DocumentRole,
    JournalPost,
    Journalposttype,
    Korrespondansepart,
    Korrespondanseparttype,
)
from udi_core.domain.kernel.obligations import Obligation
from udi_core.domain.kernel.organisation import Department, Employee, OrgUnit, Role, UnitKind

_SLUG_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789æøåÆØÅ"

text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and bool(s))
"""Free text as the domain accepts it: non-empty, no surrounding white space."""

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
moments = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2099, 12, 31),
    timezones=st.just(UTC),
)


def slugs(max_size: int = 16) -> st.SearchStrategy[str]:
    return st.builds(
        lambda first, rest: first + rest,
        st.sampled_from(_SLUG_CHARS),
        st.text(alphabet=_SLUG_CHARS + "._-", max_size=max_size - 1),
    )


duf_case_numbers = st.builds(
    lambda year, seq: DufCaseNumber(f"{year:04d}{seq:08d}"),
    st.integers(2000, 2099),
    st.integers(0, 99_999_999),
)
archive_case_numbers = st.builds(ArchiveCaseNumber, st.integers(0, 99), st.integers(1, 999_999))
document_numbers = st.builds(DocumentNumber, archive_case_numbers, st.integers(1, 9999))
im_ids = st.builds(ImId, st.integers(1990, 2999), st.integers(1, 999))
employee_ids = slugs().map(EmployeeId)
unit_ids = slugs().map(UnitId)
marking_codes = st.from_regex(r"\A[A-Z][A-Z0-9]{0,5}\Z")

org_units = st.builds(
    OrgUnit,
    unit_ids,
    text,
    st.sampled_from(Department),
    st.sampled_from(UnitKind),
    st.none() | st.sampled_from(["IGS", "RVE", "KOR"]),
    st.none() | unit_ids,
)
employees = st.builds(
    Employee,
    employee_ids,
    text,
    unit_ids,
    st.sampled_from(Department),
    st.frozensets(st.sampled_from(Role), max_size=3),
)

parties = st.builds(Korrespondansepart, st.sampled_from(Korrespondanseparttype), text)
documents = st.builds(Document, text, st.sampled_from(DocumentRole), st.just(""))
journal_posts = st.builds(
    JournalPost,
    archive_case_numbers,
    st.sampled_from(Journalposttype),
    text,
    text,
    st.tuples(parties) | st.tuples(parties, parties),
    st.tuples(documents) | st.tuples(documents, documents),
)


@st.composite
def valid_internal_notes(draw: st.DrawFn) -> JournalPost:
    """An internal note (X) that satisfies Noark 5."""
    kp = Korrespondanseparttype
    return JournalPost(
        draw(archive_case_numbers),
        Journalposttype.INTERNAL_NO_FOLLOW_UP,
        draw(text),
        draw(text),
        (
            Korrespondansepart(kp.INTERNAL_SENDER, draw(text)),
            Korrespondansepart(kp.INTERNAL_RECIPIENT, draw(text), "IGS"),
        ),
        (Document(draw(text), DocumentRole.MAIN),),
    )


keys = st.from_regex(r"\A[a-z0-9:/-]{1,40}\Z")
effects: st.SearchStrategy[Effect] = st.one_of(
    st.builds(AddDufCode, keys, duf_case_numbers, marking_codes),
    st.builds(RemoveDufCode, keys, duf_case_numbers, marking_codes),
    st.builds(PostJournal, keys, journal_posts),
)

obligations = st.builds(
    Obligation,
    keys,
    st.sampled_from(["SHR-05", "IFP-10", "CN-05"]),
    st.sampled_from(["second_hand_review", "forum_participation", "coordinator_network"]),
    slugs(),
    text,
    text,
    dates,
    st.none() | dates,
)

VALUE_OBJECTS: dict[type, st.SearchStrategy[Any]] = {
    DufCaseNumber: duf_case_numbers,
    ArchiveCaseNumber: archive_case_numbers,
    DocumentNumber: document_numbers,
    ImId: im_ids,
    EmployeeId: employee_ids,
    UnitId: unit_ids,
    OrgUnit: org_units,
    Employee: employees,
    JournalPost: journal_posts,
    Obligation: obligations,
}
"""Every kernel value type, for round-trip properties."""


def state_strategies() -> dict[str, Callable[[], st.SearchStrategy[Any]]]:
    """Aggregate state strategies by kind name (each aggregate registers its own)."""
    from udi_core.testing import tally
    from udi_core.testing.strategies import coordinator_network, second_hand_review
    from udi_core.testing.strategies import forum_participation as fp
    from udi_core.testing.strategies import shared_portfolio as sp

    registry: dict[str, Callable[[], st.SearchStrategy[Any]]] = {
        tally.TALLY.name: lambda: st.builds(
            tally.Tally,
            text,
            slugs(),
            st.integers(0, 10**9),
            st.none() | dates,
            st.none() | dates,
        ),
        "second_hand_review": lambda: second_hand_review.states,
        "second_hand_review_final_decision": lambda: second_hand_review.finalised,
        "shared_portfolio": lambda: sp.portfolios,
        "country_practice": lambda: sp.country_practices,
        "forum_participation": lambda: fp.participations,
        "international_coordination": lambda: fp.coordinations,
        "coordinator_network": lambda: coordinator_network.networks,
    }
    return registry
