"""The Noark 5 arkivuttrekk: what udi-core posted to WebSak, as ``arkivstruktur.xml``.

``export`` writes the journal posts the archive registered as a Noark 5 v5.0 archive
structure: arkiv → arkivskaper, arkivdel → one saksmappe per archive case → one
journalpost per registered post → one dokumentbeskrivelse per document (H first, then
V). ``posts_from_outbox`` collects those posts from the delivered outbox items, so the
export needs nothing but the store. ``validate`` checks a written file against the
official schema (``xmlschema``, from the ``cli`` extra, imported only when called).

Choices the schema leaves to the exporter, made here once:

- Code lists are written as their full names ("Utgående dokument", "Intern mottaker",
  "Hoveddokument"), as Noark 5 wants in an extract; the schema does not check them, so
  the codes are checked here and an unknown one is refused.
- journalstatus is "Ekspedert" for an outgoing letter (U) and "Journalført" for the
  rest; saksstatus is "Under behandling" (udi-core does not know whether a case was
  closed in WebSak); dokumentstatus is "Dokumentet er ferdigstilt".
- The schema makes ``avsluttetDato`` mandatory on arkiv, arkivdel and every mappe: the
  export writes its own cut-off (the export time) there, and "Avsluttet periode" as the
  arkivdelstatus.
- journalpostnummer is the post's number within its case (the ``-D`` of ``YY/NNNNN-D``);
  journalsekvensnummer numbers the exported posts per journal year in registration
  order, since WebSak does not report its own journal sequence.
- saksaar is the four-digit year of the two-digit case year, taken in the century that
  puts it at or before the case's first registration. mappeID is ``YYYY/NNNNN`` and
  registreringsID ``YYYY/NNNNN-D``.
- Nothing is known about a case beyond its posts: saksdato and opprettetDato are those
  of its first post; saksansvarlig is its first internal party (IA before IM before
  IK) and administrativEnhet the first internal unit code, else the archive creator.
- There are no document files, so no dokumentobjekt (the schema does not require one);
  a document's reference, when given, is its beskrivelse.
- systemIDs are UUIDs derived (uuid5) from the creator id and the case and document
  numbers, and posts are sorted, so the same posts give the same bytes.
"""

from __future__ import annotations

import enum
import io
import itertools
import os
import re
import tempfile
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from attrs import frozen
from returns.result import Failure, Result, Success

from udi_core.domain.kernel.dates import OSLO, local_date
from udi_core.domain.kernel.effects import PostJournal
from udi_core.domain.kernel.errors import InvalidInput, StorageFailure
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber, DocumentNumber
from udi_core.domain.kernel.noark5 import (
    Document,
    DocumentRole,
    Journalposttype,
    Korrespondansepart,
    Korrespondanseparttype,
)
from udi_core.ports.external import RegisteredPost
from udi_core.ports.outbox import OutboxItem, OutboxStatus

ARKIVSTRUKTUR_NS = "http://www.arkivverket.no/standarder/noark5/arkivstruktur"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
FILE_NAME = "arkivstruktur.xml"
SCHEMA_FILES = ("arkivstruktur.xsd", "metadatakatalog.xsd")

ExportError = InvalidInput | StorageFailure


@frozen
class ArchiveCreator:
    """The arkivskaper: the body whose archive this is."""

    id: str
    name: str


UDI = ArchiveCreator("UDI", "Utlendingsdirektoratet")

# Code-list values written by this exporter (Noark 5 metadata catalogue M051-M054, M083).
_JOURNALSTATUS = {
    t: "Ekspedert" if t is Journalposttype.OUTGOING else "Journalført" for t in Journalposttype
}
_DOKUMENTTYPE = {
    Journalposttype.INCOMING: "Brev",
    Journalposttype.OUTGOING: "Brev",
    Journalposttype.INTERNAL_FOLLOW_UP: "Notat",
    Journalposttype.INTERNAL_NO_FOLLOW_UP: "Notat",
    Journalposttype.CASE_PRESENTATION: "Saksframlegg",
}
_SAKSSTATUS = "Under behandling"
_ARKIVDELSTATUS = "Avsluttet periode"
_DOKUMENTSTATUS = "Dokumentet er ferdigstilt"
_RESPONSIBLE_ORDER = (
    Korrespondanseparttype.INTERNAL_SENDER,
    Korrespondanseparttype.INTERNAL_RECIPIENT,
    Korrespondanseparttype.INTERNAL_COPY_RECIPIENT,
)

_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:udi-core:noark5-arkivuttrekk")
# Characters XML 1.0 cannot carry at all (control characters other than tab, LF, CR).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_XSI_TYPE = f"{{{XSI_NS}}}type"

E = TypeVar("E", bound=enum.Enum)


def posts_from_outbox(items: Iterable[OutboxItem]) -> Result[list[RegisteredPost], InvalidInput]:
    """The journal posts WebSak registered, from the delivered PostJournal outbox items.

    The document number is the item's ``result`` and the registration time its
    ``delivered_at``. A delivered item without a readable document number is refused.
    """
    found: list[RegisteredPost] = []
    for item in items:
        if item.status is not OutboxStatus.DELIVERED or not isinstance(item.effect, PostJournal):
            continue
        number = DocumentNumber.parse(item.result, f"outbox[{item.key}].result")
        if isinstance(number, Failure):
            return Failure(number.failure())
        if item.delivered_at is None:
            return Failure(
                InvalidInput(f"outbox[{item.key}].delivered_at", "the time it was delivered")
            )
        found.append(RegisteredPost(number.unwrap(), item.effect.post, item.delivered_at))
    return Success(sorted(found, key=lambda p: p.number))


def export(
    posts: Iterable[RegisteredPost],
    *,
    exported_at: datetime,
    directory: Path,
    case_titles: Mapping[ArchiveCaseNumber, str] | None = None,
    creator: ArchiveCreator = UDI,
    system: str = "udi-core",
) -> Result[Path, ExportError]:
    """Write ``directory/arkivstruktur.xml`` (creating the folder) and return its path.

    ``case_titles`` names the archive cases whose titles are known; ``system`` is who
    registered and exported (opprettetAv, arkivertAv, avsluttetAv). The file is replaced
    atomically; nothing is written when the input is refused.
    """
    rendered = render(
        posts, exported_at=exported_at, case_titles=case_titles, creator=creator, system=system
    )
    if isinstance(rendered, Failure):
        return Failure(rendered.failure())
    return _write(directory, rendered.unwrap())


def render(
    posts: Iterable[RegisteredPost],
    *,
    exported_at: datetime,
    case_titles: Mapping[ArchiveCaseNumber, str] | None = None,
    creator: ArchiveCreator = UDI,
    system: str = "udi-core",
) -> Result[bytes, InvalidInput]:
    """The ``arkivstruktur.xml`` document, as UTF-8 bytes with an XML declaration."""
    titles = dict(case_titles or {})
    checked = _check(list(posts), titles, exported_at, creator, system)
    if isinstance(checked, Failure):
        return Failure(checked.failure())
    return Success(_Builder(exported_at, creator, system, titles).document(checked.unwrap()))


def validate(xml_path: Path, schema_dir: Path) -> Result[None, InvalidInput]:
    """Check ``xml_path`` against the Noark 5 schemas in ``schema_dir``.

    A missing or unreadable schema folder, an unreadable or malformed file, and a file
    that breaks the schema are each a Failure naming the path and the problem.
    """
    expected = "a folder holding the Noark 5 schemas " + " and ".join(SCHEMA_FILES)
    # xmlschema resolves a relative document path against the schema's folder: make both
    # absolute so "udi journal export out --schema-dir ..." checks ./out, not <schemas>/out.
    xml_path, schema_dir = xml_path.absolute(), schema_dir.absolute()
    for name in SCHEMA_FILES:
        if not (schema_dir / name).is_file():
            return Failure(InvalidInput("schema_dir", expected, f"{schema_dir} (no {name})"))
    if not xml_path.is_file():
        return Failure(InvalidInput("xml_path", f"an existing {FILE_NAME}", str(xml_path)))
    import xmlschema

    failures = (xmlschema.XMLSchemaException, OSError, SyntaxError, ValueError)
    xsd = schema_dir / SCHEMA_FILES[0]
    try:
        schema = xmlschema.XMLSchema(str(xsd), allow="sandbox")
    except failures as err:
        return Failure(InvalidInput("schema_dir", expected, f"{xsd}: {_first_line(err)}"))
    try:
        errors = list(itertools.islice(schema.iter_errors(str(xml_path)), 3))
    except failures as err:
        return Failure(InvalidInput(str(xml_path), "well-formed XML", _first_line(err)))
    if errors:
        found = "; ".join(f"{e.path}: {e.reason}" for e in errors)
        return Failure(
            InvalidInput(str(xml_path), f"a Noark 5 arkivstruktur valid against {xsd}", found)
        )
    return Success(None)


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


# -- checks ----------------------------------------------------------------------------


def _code(value: object, kind: type[E], field: str) -> Result[E, InvalidInput]:
    if isinstance(value, kind):
        return Success(value)
    codes = ", ".join(str(member.value) for member in kind)
    return Failure(InvalidInput(field, f"a Noark 5 {kind.__name__} code ({codes})", repr(value)))


def _text(value: object, field: str) -> Result[str, InvalidInput]:
    if not isinstance(value, str) or not value.strip():
        return Failure(InvalidInput(field, "non-empty text", repr(value)))
    if _NOT_XML.search(value):
        return Failure(InvalidInput(field, "text without control characters", repr(value)))
    return Success(value)


def _aware(value: object, field: str) -> Result[datetime, InvalidInput]:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return Success(value)
    return Failure(InvalidInput(field, "a timezone-aware date and time", repr(value)))


def _check(
    posts: Sequence[RegisteredPost],
    titles: Mapping[ArchiveCaseNumber, str],
    exported_at: datetime,
    creator: ArchiveCreator,
    system: str,
) -> Result[list[RegisteredPost], InvalidInput]:
    """The posts sorted by document number, or the first thing that cannot be exported."""
    head = [
        _aware(exported_at, "exported_at"),
        _text(creator.id, "creator.id"),
        _text(creator.name, "creator.name"),
        _text(system, "system"),
    ]
    for result in head:
        if isinstance(result, Failure):
            return Failure(result.failure())
    seen: dict[DocumentNumber, int] = {}
    for i, registered in enumerate(posts):
        checked = _check_post(registered, f"$[{i}]", exported_at)
        if isinstance(checked, Failure):
            return Failure(checked.failure())
        if registered.number in seen:
            first = seen[registered.number]
            return Failure(
                InvalidInput(
                    f"$[{i}].number",
                    f"a number not already used by $[{first}]",
                    str(registered.number),
                )
            )
        seen[registered.number] = i
    for case in sorted({n.case for n in seen}):
        if case in titles:
            title = _text(titles[case], f"case_titles[{case}]")
            if isinstance(title, Failure):
                return Failure(title.failure())
    return Success(sorted(posts, key=lambda p: p.number))


def _check_post(
    registered: RegisteredPost, at: str, exported_at: datetime
) -> Result[None, InvalidInput]:
    number: object = registered.number  # checked: the input may come from anywhere
    post = registered.post
    if not isinstance(number, DocumentNumber):
        return Failure(InvalidInput(f"{at}.number", DocumentNumber.EXPECTED, repr(number)))
    moment = _aware(registered.registered_at, f"{at}.registered_at")
    if isinstance(moment, Failure):
        return Failure(moment.failure())
    if moment.unwrap() > exported_at:
        return Failure(
            InvalidInput(
                f"{at}.registered_at",
                f"a moment at or before the export ({exported_at.isoformat()})",
                moment.unwrap().isoformat(),
            )
        )
    if post.archive_case != number.case:
        return Failure(
            InvalidInput(
                f"{at}.post.archive_case",
                f"the case of its number {number}",
                str(post.archive_case),
            )
        )
    results: list[Result[object, InvalidInput]] = [
        _code(post.type, Journalposttype, f"{at}.post.type"),
        _text(post.title, f"{at}.post.title"),
    ]
    for j, party in enumerate(post.parties):
        results.append(_code(party.type, Korrespondanseparttype, f"{at}.post.parties[{j}].type"))
        results.append(_text(party.name, f"{at}.post.parties[{j}].name"))
        if party.unit_code:
            results.append(_text(party.unit_code, f"{at}.post.parties[{j}].unit_code"))
    for j, document in enumerate(post.documents):
        results.append(_code(document.role, DocumentRole, f"{at}.post.documents[{j}].role"))
        results.append(_text(document.title, f"{at}.post.documents[{j}].title"))
        if document.reference:
            results.append(_text(document.reference, f"{at}.post.documents[{j}].reference"))
    for result in results:
        if isinstance(result, Failure):
            return Failure(result.failure())
    problems = post.problems()
    if problems:
        return Failure(
            InvalidInput(at, "a journal post Noark 5 accepts", f"{number}: " + "; ".join(problems))
        )
    return Success(None)


# -- building --------------------------------------------------------------------------


def _moment(value: datetime) -> str:
    return value.astimezone(OSLO).isoformat(timespec="seconds")


def _full_year(two_digits: int, not_after: int) -> int:
    """The year ending in ``two_digits`` that is the latest one at or before ``not_after``."""
    return not_after - (not_after - two_digits) % 100


class _Builder:
    """Builds the element tree; every value it writes has been checked by ``_check``."""

    def __init__(
        self,
        exported_at: datetime,
        creator: ArchiveCreator,
        system: str,
        titles: Mapping[ArchiveCaseNumber, str],
    ) -> None:
        self._end = _moment(exported_at)
        self._creator = creator
        self._system = system
        self._titles = titles

    def _id(self, *parts: object) -> str:
        return str(uuid.uuid5(_ID_NAMESPACE, "/".join([self._creator.id, *map(str, parts)])))

    def document(self, posts: Sequence[RegisteredPost]) -> bytes:
        start = min((p.registered_at for p in posts), default=None)
        opened = _moment(start) if start is not None else self._end
        root = ET.Element(_tag("arkiv"))
        root.set(f"{{{XSI_NS}}}schemaLocation", f"{ARKIVSTRUKTUR_NS} arkivstruktur.xsd")
        _add(root, "systemID", self._id("arkiv"))
        _add(root, "tittel", f"Arkiv for {self._creator.name}")
        self._lifetime(root, opened)
        creator = _add(root, "arkivskaper")
        _add(creator, "arkivskaperID", self._creator.id)
        _add(creator, "arkivskaperNavn", self._creator.name)
        part = _add(root, "arkivdel")
        _add(part, "systemID", self._id("arkivdel"))
        _add(part, "tittel", f"Journalposter registrert av {self._system}")
        _add(part, "arkivdelstatus", _ARKIVDELSTATUS)
        self._lifetime(part, opened)
        sequence = _journal_sequence(posts)
        for case, in_case in itertools.groupby(posts, key=lambda p: p.number.case):
            self._case(part, case, list(in_case), sequence)
        ET.indent(root)
        buffer = io.BytesIO()
        ET.ElementTree(root).write(
            buffer, encoding="UTF-8", xml_declaration=True, default_namespace=ARKIVSTRUKTUR_NS
        )
        return buffer.getvalue() + b"\n"

    def _lifetime(self, element: ET.Element, opened: str) -> None:
        _add(element, "opprettetDato", opened)
        _add(element, "opprettetAv", self._system)
        _add(element, "avsluttetDato", self._end)
        _add(element, "avsluttetAv", self._system)

    def _case(
        self,
        parent: ET.Element,
        case: ArchiveCaseNumber,
        posts: Sequence[RegisteredPost],
        sequence: Mapping[DocumentNumber, tuple[int, int]],
    ) -> None:
        first = min(posts, key=lambda p: (p.registered_at, p.number))
        year = _full_year(case.year, local_date(first.registered_at).year)
        folder_id = f"{year}/{case.sequence:05d}"
        folder = _add(parent, "mappe")
        folder.set(_XSI_TYPE, "saksmappe")
        _add(folder, "systemID", self._id("saksmappe", case))
        _add(folder, "mappeID", folder_id)
        _add(folder, "tittel", self._titles.get(case, f"Arkivsak {case}"))
        self._lifetime(folder, _moment(first.registered_at))
        for registered in posts:
            self._post(folder, registered, folder_id, sequence[registered.number])
        responsible, unit = self._responsible(posts)
        _add(folder, "saksaar", str(year))
        _add(folder, "sakssekvensnummer", str(case.sequence))
        _add(folder, "saksdato", local_date(first.registered_at).isoformat())
        _add(folder, "administrativEnhet", unit)
        _add(folder, "saksansvarlig", responsible)
        _add(folder, "saksstatus", _SAKSSTATUS)

    def _responsible(self, posts: Sequence[RegisteredPost]) -> tuple[str, str]:
        internal = sorted(
            (p for r in posts for p in r.post.parties if p.type.internal),
            key=lambda p: _RESPONSIBLE_ORDER.index(p.type),
        )
        name = next((p.name for p in internal), self._creator.name)
        unit = next((p.unit_code for p in internal if _has_unit(p)), None)
        return name, unit or self._creator.id

    def _post(
        self,
        parent: ET.Element,
        registered: RegisteredPost,
        folder_id: str,
        journal: tuple[int, int],
    ) -> None:
        number, post, at = registered.number, registered.post, _moment(registered.registered_at)
        day = local_date(registered.registered_at).isoformat()
        record = _add(parent, "registrering")
        record.set(_XSI_TYPE, "journalpost")
        _add(record, "systemID", self._id("journalpost", number))
        _add(record, "opprettetDato", at)
        _add(record, "opprettetAv", self._system)
        _add(record, "arkivertDato", at)
        _add(record, "arkivertAv", self._system)
        documents = sorted(post.documents, key=lambda d: d.role is not DocumentRole.MAIN)
        for n, document in enumerate(documents, start=1):
            self._document(record, registered, n, document)
        _add(record, "registreringsID", f"{folder_id}-{number.document}")
        _add(record, "tittel", post.title)
        for party in post.parties:
            _party(record, party)
        _add(record, "journalaar", str(journal[0]))
        _add(record, "journalsekvensnummer", str(journal[1]))
        _add(record, "journalpostnummer", str(number.document))
        _add(record, "journalposttype", post.type.full_name)
        _add(record, "journalstatus", _JOURNALSTATUS[post.type])
        _add(record, "journaldato", day)
        _add(record, "dokumentetsDato", day)
        attachments = sum(d.role is DocumentRole.ATTACHMENT for d in post.documents)
        _add(record, "antallVedlegg", str(attachments))

    def _document(
        self, parent: ET.Element, registered: RegisteredPost, n: int, document: Document
    ) -> None:
        at = _moment(registered.registered_at)
        element = _add(parent, "dokumentbeskrivelse")
        _add(element, "systemID", self._id("dokumentbeskrivelse", registered.number, n))
        _add(element, "dokumenttype", _DOKUMENTTYPE[registered.post.type])
        _add(element, "dokumentstatus", _DOKUMENTSTATUS)
        _add(element, "tittel", document.title)
        if document.reference:
            _add(element, "beskrivelse", document.reference)
        _add(element, "opprettetDato", at)
        _add(element, "opprettetAv", self._system)
        _add(element, "tilknyttetRegistreringSom", document.role.full_name)
        _add(element, "dokumentnummer", str(n))
        _add(element, "tilknyttetDato", at)
        _add(element, "tilknyttetAv", self._system)


def _party(parent: ET.Element, party: Korrespondansepart) -> None:
    element = _add(parent, "korrespondansepart")
    _add(element, "korrespondanseparttype", party.type.full_name)
    _add(element, "korrespondansepartNavn", party.name)
    if party.type.internal and _has_unit(party):
        _add(element, "administrativEnhet", str(party.unit_code))


def _has_unit(party: Korrespondansepart) -> bool:
    return party.unit_code is not None and bool(party.unit_code.strip())


def _journal_sequence(posts: Sequence[RegisteredPost]) -> dict[DocumentNumber, tuple[int, int]]:
    """(journalaar, journalsekvensnummer) per post: registration order within each year."""
    numbered: dict[DocumentNumber, tuple[int, int]] = {}
    counters: dict[int, int] = {}
    for registered in sorted(posts, key=lambda p: (p.registered_at, p.number)):
        year = local_date(registered.registered_at).year
        counters[year] = counters.get(year, 0) + 1
        numbered[registered.number] = (year, counters[year])
    return numbered


def _tag(name: str) -> str:
    return f"{{{ARKIVSTRUKTUR_NS}}}{name}"


def _add(parent: ET.Element, name: str, text: str | None = None) -> ET.Element:
    child = ET.SubElement(parent, _tag(name))
    if text is not None:
        child.text = text
    return child


# -- writing ---------------------------------------------------------------------------


def _write(directory: Path, data: bytes) -> Result[Path, StorageFailure]:
    target = directory / FILE_NAME
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{FILE_NAME}.", suffix=".tmp", dir=directory)
        temporary = Path(name)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            temporary.chmod(0o644)
            temporary.replace(target)
        finally:
            temporary.unlink(missing_ok=True)
    except OSError as err:
        return Failure(
            StorageFailure(
                f"Could not write the Noark 5 export {target}: {err.strerror or err}",
                "check that the folder can be created and written to",
            )
        )
    return Success(target)


__all__ = [
    "ARKIVSTRUKTUR_NS",
    "FILE_NAME",
    "SCHEMA_FILES",
    "UDI",
    "ArchiveCreator",
    "ExportError",
    "export",
    "posts_from_outbox",
    "render",
    "validate",
]
