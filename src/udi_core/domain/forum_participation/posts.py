"""The Noark 5 journal posts of §4.1: the internal report (IFP-10) and the letter to JD
(IFP-11), built exactly as the IM's WebSak templates ask."""

from __future__ import annotations

from attrs import frozen

from udi_core.domain.forum_participation.model import (
    DEPARTMENT_NAMES,
    ForumParticipation,
    Person,
)
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber
from udi_core.domain.kernel.noark5 import (
    Document,
    DocumentRole,
    JournalPost,
    Journalposttype,
    Korrespondansepart,
    Korrespondanseparttype,
)
from udi_core.domain.kernel.organisation import NamedUnits

REPORT_TEMPLATE = "Intern rapportering fra møte – internasjonale fora"
LETTER_TEMPLATE = "UDIs rapportering fra møte – internasjonale fora"
MINISTRY = "Justis- og beredskapsdepartementet"
IGS_NAME = NamedUnits.AUA_IGS.name
IGS_CODE = "IGS"

_KP = Korrespondanseparttype


@frozen
class Expert:
    """A relevant expert (aktuell fagperson), set as an internal copy recipient (IK)."""

    name: str
    unit_code: str | None = None


def report_title(forum: str, topic: str) -> str:
    """ "Intern rapportering fra møte – (fora) – (tema for møtet)", with en dashes."""
    return f"Intern rapportering fra møte – {forum} – {topic}"


def letter_title(forum: str, topic: str) -> str:
    return f"UDIs rapportering fra møte – {forum} – {topic}"


def _minutes(state: ForumParticipation) -> tuple[Document, ...]:
    if state.minutes is None:
        return ()
    title = f"Offisielt referat – {state.forum.code} – {state.topic}"
    return (Document(title, DocumentRole.ATTACHMENT, state.minutes.reference),)


def report_post(
    state: ForumParticipation,
    archive_case: ArchiveCaseNumber,
    participant: Person,
    experts: tuple[Expert, ...],
    reference: str,
) -> JournalPost:
    """IFP-10: internal note (X) from the participant to IGS and the department concerned,
    the experts as copy recipients, the report as main document and minutes attached."""
    title = report_title(state.forum.code, state.topic)
    department = state.department
    parties = (
        Korrespondansepart(_KP.INTERNAL_SENDER, participant.name, participant.unit_code),
        Korrespondansepart(_KP.INTERNAL_RECIPIENT, IGS_NAME, IGS_CODE),
        Korrespondansepart(_KP.INTERNAL_RECIPIENT, DEPARTMENT_NAMES[department], department.value),
        *(Korrespondansepart(_KP.INTERNAL_COPY_RECIPIENT, e.name, e.unit_code) for e in experts),
    )
    documents = (Document(title, DocumentRole.MAIN, reference), *_minutes(state))
    return JournalPost(
        archive_case,
        Journalposttype.INTERNAL_NO_FOLLOW_UP,
        title,
        REPORT_TEMPLATE,
        parties,
        documents,
    )


def letter_post(
    state: ForumParticipation,
    archive_case: ArchiveCaseNumber,
    director: Person,
    reference: str,
) -> JournalPost:
    """IFP-11: outgoing letter (U) from the department director to JD, copy to IGS, with
    the official minutes attached."""
    title = letter_title(state.forum.code, state.topic)
    parties = (
        Korrespondansepart(_KP.INTERNAL_SENDER, director.name, director.unit_code),
        Korrespondansepart(_KP.RECIPIENT, MINISTRY),
        Korrespondansepart(_KP.INTERNAL_COPY_RECIPIENT, IGS_NAME, IGS_CODE),
    )
    documents = (Document(title, DocumentRole.MAIN, reference), *_minutes(state))
    return JournalPost(
        archive_case, Journalposttype.OUTGOING, title, LETTER_TEMPLATE, parties, documents
    )
