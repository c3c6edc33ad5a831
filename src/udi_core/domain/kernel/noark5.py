"""Noark 5 journal posts, the form in which WebSak archives documents.

Code lists follow the Noark 5 metadata catalogue: journalposttype (I, U, N, X, S),
korrespondanseparttype (EA, EM, EK, IA, IM, IK) and tilknyttetRegistreringSom (H, V).
``JournalPost.problems()`` lists what breaks the Noark 5 rules this library relies on.
"""

from __future__ import annotations

import enum

from attrs import frozen

from udi_core.domain.kernel.identifiers import ArchiveCaseNumber


class Journalposttype(enum.Enum):
    INCOMING = "I"  # Inngående dokument
    OUTGOING = "U"  # Utgående dokument
    INTERNAL_FOLLOW_UP = "N"  # Organinternt dokument for oppfølging
    INTERNAL_NO_FOLLOW_UP = "X"  # Organinternt dokument uten oppfølging
    CASE_PRESENTATION = "S"  # Saksframlegg

    @property
    def full_name(self) -> str:
        return _JPT_NAMES[self]


_JPT_NAMES = {
    Journalposttype.INCOMING: "Inngående dokument",
    Journalposttype.OUTGOING: "Utgående dokument",
    Journalposttype.INTERNAL_FOLLOW_UP: "Organinternt dokument for oppfølging",
    Journalposttype.INTERNAL_NO_FOLLOW_UP: "Organinternt dokument uten oppfølging",
    Journalposttype.CASE_PRESENTATION: "Saksframlegg",
}


class Korrespondanseparttype(enum.Enum):
    SENDER = "EA"  # Avsender
    RECIPIENT = "EM"  # Mottaker
    COPY_RECIPIENT = "EK"  # Kopimottaker
    INTERNAL_SENDER = "IA"  # Intern avsender
    INTERNAL_RECIPIENT = "IM"  # Intern mottaker
    INTERNAL_COPY_RECIPIENT = "IK"  # Intern kopimottaker

    @property
    def full_name(self) -> str:
        return _KP_NAMES[self]

    @property
    def internal(self) -> bool:
        return self.value.startswith("I")


_KP_NAMES = {
    Korrespondanseparttype.SENDER: "Avsender",
    Korrespondanseparttype.RECIPIENT: "Mottaker",
    Korrespondanseparttype.COPY_RECIPIENT: "Kopimottaker",
    Korrespondanseparttype.INTERNAL_SENDER: "Intern avsender",
    Korrespondanseparttype.INTERNAL_RECIPIENT: "Intern mottaker",
    Korrespondanseparttype.INTERNAL_COPY_RECIPIENT: "Intern kopimottaker",
}


class DocumentRole(enum.Enum):
    """tilknyttetRegistreringSom: the main document or an attachment."""

    MAIN = "H"  # Hoveddokument
    ATTACHMENT = "V"  # Vedlegg

    @property
    def full_name(self) -> str:
        return "Hoveddokument" if self is DocumentRole.MAIN else "Vedlegg"


@frozen
class Korrespondansepart:
    """A sender or recipient. Internal parties carry the WebSak unit code (e.g. "IGS")."""

    type: Korrespondanseparttype
    name: str
    unit_code: str | None = None


@frozen
class Document:
    """A document registered on a journal post, with its role (H or V)."""

    title: str
    role: DocumentRole
    reference: str = ""  # where the file is, or what it is, in the calling system


@frozen
class JournalPost:
    """A journal post to be registered in an archive case."""

    archive_case: ArchiveCaseNumber
    type: Journalposttype
    title: str
    template: str
    parties: tuple[Korrespondansepart, ...]
    documents: tuple[Document, ...]

    def problems(self) -> tuple[str, ...]:
        """What breaks Noark 5 (an empty tuple means the post is well formed)."""
        found: list[str] = []
        if not self.title.strip():
            found.append("the title (tittel) is empty")
        if len(self.title) > 255:
            found.append("the title (tittel) is longer than 255 characters")
        mains = [d for d in self.documents if d.role is DocumentRole.MAIN]
        if len(mains) != 1:
            found.append(f"a journal post has exactly one main document (H), not {len(mains)}")
        if any(not d.title.strip() for d in self.documents):
            found.append("a document has an empty title")
        if not self.parties:
            found.append("a journal post has at least one korrespondansepart")
        types = {p.type for p in self.parties}
        kp = Korrespondanseparttype
        if self.type is Journalposttype.INCOMING and kp.SENDER not in types:
            found.append("an incoming post (I) names its sender (EA)")
        if self.type is Journalposttype.OUTGOING and kp.RECIPIENT not in types:
            found.append("an outgoing post (U) names its recipient (EM)")
        if self.type in (
            Journalposttype.INTERNAL_FOLLOW_UP,
            Journalposttype.INTERNAL_NO_FOLLOW_UP,
        ):
            if kp.INTERNAL_RECIPIENT not in types:
                found.append("an internal note (N/X) names an internal recipient (IM)")
            if any(not p.type.internal for p in self.parties):
                found.append("an internal note (N/X) has internal parties only (IA/IM/IK)")
        found.extend(
            f"a korrespondansepart ({p.type.value}) has no name"
            for p in self.parties
            if not p.name.strip()
        )
        return tuple(found)
