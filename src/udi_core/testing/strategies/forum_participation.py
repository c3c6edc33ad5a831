"""Hypothesis strategies for the forum participation and international coordination states."""

from __future__ import annotations

from typing import TypeVar

from hypothesis import strategies as st

from udi_core.domain.forum_participation.coordination import (
    AnnualNote,
    CoordinationMeeting,
    Coordinator,
    InternationalCoordination,
    KnowledgeEntry,
    MeetingKind,
)
from udi_core.domain.forum_participation.forums import SEEDED_FORUMS, Forum, ForumLevel
from udi_core.domain.forum_participation.model import (
    Assessment,
    Attendance,
    Choice,
    Clearance,
    ForumParticipation,
    Minutes,
    Person,
    Posting,
    Record,
    Stage,
)
from udi_core.domain.kernel.organisation import Department
from udi_core.testing.strategies import (
    archive_case_numbers,
    dates,
    employee_ids,
    keys,
    text,
    unit_ids,
)

T = TypeVar("T")

forum_codes = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9 _.-]{0,12}\Z")
forums = st.sampled_from(SEEDED_FORUMS) | st.builds(
    Forum,
    forum_codes,
    text,
    st.sampled_from(ForumLevel),
    unit_ids,
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
persons = st.builds(
    Person,
    employee_ids,
    text,
    unit_ids,
    st.sampled_from(Department),
    st.none() | st.sampled_from(["IGS", "RVE", "KOR"]),
    st.booleans(),
)
records = st.builds(Record, employee_ids, dates, st.just("") | text)
optional_bools = st.none() | st.booleans()
assessments = st.builds(
    Assessment,
    text,
    text,
    text,
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    optional_bools,
    optional_bools,
)
postings = st.builds(Posting, keys, archive_case_numbers, dates, employee_ids)


def _maybe(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


participations = st.builds(
    ForumParticipation,
    forum=forums,
    meeting_date=dates,
    topic=text,
    department=st.sampled_from(Department),
    requested_by=text,
    received=records,
    stage=st.sampled_from(Stage),
    aua_told=_maybe(records),
    assessment=_maybe(assessments),
    assessed=_maybe(records),
    clearance=_maybe(st.builds(Clearance, employee_ids, dates, employee_ids)),
    choice=_maybe(st.builds(Choice, persons, text, text, employee_ids, dates)),
    anchoring=_maybe(records),
    anchored_with_ministry=st.booleans(),
    aua_contact=_maybe(records),
    ministry_consultation=_maybe(records),
    attendance=_maybe(
        st.builds(
            Attendance, dates, st.booleans(), st.booleans(), st.booleans(), st.integers(0, 90)
        )
    ),
    minutes=_maybe(st.builds(Minutes, dates, st.just("") | text)),
    report=_maybe(postings),
    ministry_letter=_maybe(postings),
    closed_on=_maybe(dates),
)
"""Any participation state: every optional part present or not, at any stage."""


fields = st.from_regex(r"\A\w[\w .-]{0,20}\Z").map(str.strip).filter(bool)
coordinations = st.builds(
    InternationalCoordination,
    dates,
    st.lists(
        st.builds(
            Coordinator,
            fields,
            employee_ids,
            text,
            st.none() | st.just("IGS"),
            dates,
        ),
        max_size=3,
    ).map(tuple),
    st.lists(
        st.builds(
            AnnualNote, fields, st.integers(2000, 2099), archive_case_numbers, dates, employee_ids
        ),
        max_size=3,
    ).map(tuple),
    st.lists(
        st.builds(CoordinationMeeting, st.sampled_from(MeetingKind), dates, st.just("") | text),
        max_size=4,
    ).map(tuple),
    st.lists(
        st.builds(KnowledgeEntry, fields, archive_case_numbers, text, dates, employee_ids),
        max_size=3,
    ).map(tuple),
)
