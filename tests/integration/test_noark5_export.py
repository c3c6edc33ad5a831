"""The Noark 5 arkivuttrekk: export, validation against the official v5.0 schema, and
collecting the registered posts from the outbox through the real dispatcher."""

from __future__ import annotations

import shutil
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pytest
from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st
from returns.result import Failure, Result, Success

from udi_adapters.websak_mock import MockWebSak
from udi_core.app import App, bootstrap
from udi_core.app.noark5_export import (
    ARKIVSTRUKTUR_NS,
    FILE_NAME,
    ArchiveCreator,
    export,
    posts_from_outbox,
    render,
    validate,
)
from udi_core.app.runner import Decide
from udi_core.domain.kernel.aggregate import Context, Decision, fold
from udi_core.domain.kernel.effects import AddDufCode, Effect, PostJournal
from udi_core.domain.kernel.errors import DomainError, InvalidInput, StorageFailure
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber, DocumentNumber, DufCaseNumber
from udi_core.domain.kernel.noark5 import (
    Document,
    DocumentRole,
    JournalPost,
    Journalposttype,
    Korrespondansepart,
    Korrespondanseparttype,
)
from udi_core.ports.external import RegisteredPost
from udi_core.ports.outbox import OutboxItem, OutboxStatus
from udi_core.ports.persistence import UnitOfWork
from udi_core.testing.tally import TALLY, Counted, Tally, evolve_tally

SCHEMAS = Path(__file__).resolve().parents[2].parent / "shared" / "noark5"
NS = {"a": ARKIVSTRUKTUR_NS}
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
EXPORTED = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
KP = Korrespondanseparttype
NOTE_CASE = ArchiveCaseNumber(26, 40)
LETTER_CASE = ArchiveCaseNumber(26, 41)
TITLES = {LETTER_CASE: "Klage på vedtak om utvisning"}


def internal_note() -> JournalPost:
    """X: an internal report, from a case officer to her unit, copy to a colleague."""
    return JournalPost(
        NOTE_CASE,
        Journalposttype.INTERNAL_NO_FOLLOW_UP,
        "Intern rapportering fra møte – EMN – returns",
        "Intern rapportering fra møte – internasjonale fora",
        (
            Korrespondansepart(KP.INTERNAL_SENDER, "Kari Nordmann"),
            Korrespondansepart(KP.INTERNAL_RECIPIENT, "AUA Internasjonal enhet", "IGS"),
            Korrespondansepart(KP.INTERNAL_COPY_RECIPIENT, "Ola Hansen", "RVE"),
        ),
        (
            Document("Rapport", DocumentRole.MAIN),
            Document("Agenda", DocumentRole.ATTACHMENT, "agenda.pdf"),
        ),
    )


def outgoing_letter() -> JournalPost:
    """U: a letter to a lawyer, written by the case officer, copy to her unit."""
    return JournalPost(
        LETTER_CASE,
        Journalposttype.OUTGOING,
        "Svar på klage",
        "Brev til advokat",
        (
            Korrespondansepart(KP.INTERNAL_SENDER, "Kari Nordmann", "IGS"),
            Korrespondansepart(KP.RECIPIENT, "Advokat Berg"),
            Korrespondansepart(KP.INTERNAL_COPY_RECIPIENT, "AUA Internasjonal enhet", "IGS"),
        ),
        # The attachment first: the export still numbers the main document 1.
        (Document("Vedtak", DocumentRole.ATTACHMENT), Document("Brev", DocumentRole.MAIN)),
    )


def incoming_letter() -> JournalPost:
    """I: the lawyer's reply, to the case officer."""
    return JournalPost(
        LETTER_CASE,
        Journalposttype.INCOMING,
        "Tilleggsopplysninger til klage",
        "Inngående brev",
        (
            Korrespondansepart(KP.SENDER, "Advokat Berg"),
            Korrespondansepart(KP.INTERNAL_RECIPIENT, "Kari Nordmann", "IGS"),
        ),
        (Document("Brev fra advokat", DocumentRole.MAIN),),
    )


def registered() -> list[RegisteredPost]:
    return [
        RegisteredPost(DocumentNumber(LETTER_CASE, 2), incoming_letter(), T0 + timedelta(days=9)),
        RegisteredPost(DocumentNumber(NOTE_CASE, 1), internal_note(), T0 + timedelta(days=5)),
        RegisteredPost(DocumentNumber(LETTER_CASE, 1), outgoing_letter(), T0),
    ]


def texts(element: ET.Element, path: str) -> list[str]:
    return [e.text or "" for e in element.findall(path, NS)]


def text(element: ET.Element, path: str) -> str:
    found = element.find(path, NS)
    assert found is not None, f"no {path}"
    return found.text or ""


def journal_posts(root: ET.Element) -> dict[str, ET.Element]:
    return {text(r, "a:registreringsID"): r for r in root.iterfind(".//a:registrering", NS)}


def failure_of(result: Result[Any, Any]) -> Any:
    assert isinstance(result, Failure), result
    return result.failure()


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    result = export(registered(), exported_at=EXPORTED, directory=tmp_path, case_titles=TITLES)
    assert result == Success(tmp_path / FILE_NAME)
    return tmp_path / FILE_NAME


def test_the_export_is_valid_against_the_noark5_schema(exported: Path) -> None:
    assert validate(exported, SCHEMAS) == Success(None)
    assert exported.read_bytes().startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<arkiv ")


def test_journal_posts_carry_the_full_code_list_names(exported: Path) -> None:
    root = ET.parse(exported).getroot()
    assert root.tag == f"{{{ARKIVSTRUKTUR_NS}}}arkiv"
    posts = journal_posts(root)
    assert sorted(posts) == ["2026/00040-1", "2026/00041-1", "2026/00041-2"]
    assert {r.get(XSI_TYPE) for r in posts.values()} == {"journalpost"}

    note, letter, reply = posts["2026/00040-1"], posts["2026/00041-1"], posts["2026/00041-2"]
    assert text(note, "a:journalposttype") == "Organinternt dokument uten oppfølging"
    assert text(letter, "a:journalposttype") == "Utgående dokument"
    assert text(reply, "a:journalposttype") == "Inngående dokument"
    assert text(note, "a:journalstatus") == "Journalført"
    assert text(letter, "a:journalstatus") == "Ekspedert"
    assert text(reply, "a:journalstatus") == "Journalført"

    party_types = "a:korrespondansepart/a:korrespondanseparttype"
    assert texts(note, party_types) == ["Intern avsender", "Intern mottaker", "Intern kopimottaker"]
    assert texts(letter, party_types) == ["Intern avsender", "Mottaker", "Intern kopimottaker"]
    assert texts(reply, party_types) == ["Avsender", "Intern mottaker"]
    assert texts(note, "a:korrespondansepart/a:korrespondansepartNavn")[1] == (
        "AUA Internasjonal enhet"
    )
    # administrativEnhet is written for internal parties that carry a unit code only.
    units = [texts(p, "a:administrativEnhet") for p in letter.findall("a:korrespondansepart", NS)]
    assert units == [["IGS"], [], ["IGS"]]
    assert texts(note.findall("a:korrespondansepart", NS)[0], "a:administrativEnhet") == []


def test_documents_are_numbered_main_first_with_their_role(exported: Path) -> None:
    posts = journal_posts(ET.parse(exported).getroot())
    letter, note = posts["2026/00041-1"], posts["2026/00040-1"]
    described = "a:dokumentbeskrivelse/"
    assert texts(letter, described + "a:tilknyttetRegistreringSom") == ["Hoveddokument", "Vedlegg"]
    assert texts(letter, described + "a:dokumentnummer") == ["1", "2"]
    assert texts(letter, described + "a:tittel") == ["Brev", "Vedtak"]
    assert texts(letter, described + "a:dokumenttype") == ["Brev", "Brev"]
    assert texts(note, described + "a:dokumenttype") == ["Notat", "Notat"]
    assert texts(note, described + "a:beskrivelse") == ["agenda.pdf"]
    assert texts(letter, "a:antallVedlegg") == ["1"]
    assert set(texts(letter, described + "a:dokumentstatus")) == {"Dokumentet er ferdigstilt"}


def test_journal_numbers_and_dates(exported: Path) -> None:
    posts = journal_posts(ET.parse(exported).getroot())
    # Within its case (the -D of the document number), and within the year by registration.
    number = {k: text(p, "a:journalpostnummer") for k, p in posts.items()}
    assert number == {"2026/00040-1": "1", "2026/00041-1": "1", "2026/00041-2": "2"}
    sequence = {k: text(p, "a:journalsekvensnummer") for k, p in posts.items()}
    assert sequence == {"2026/00041-1": "1", "2026/00040-1": "2", "2026/00041-2": "3"}
    assert {text(p, "a:journalaar") for p in posts.values()} == {"2026"}
    assert text(posts["2026/00040-1"], "a:journaldato") == "2026-03-07"
    assert text(posts["2026/00041-1"], "a:opprettetDato") == "2026-03-02T09:00:00+01:00"


def test_one_saksmappe_per_archive_case(exported: Path) -> None:
    root = ET.parse(exported).getroot()
    assert texts(root, "a:arkivskaper/a:arkivskaperNavn") == ["Utlendingsdirektoratet"]
    assert texts(root, "a:arkivskaper/a:arkivskaperID") == ["UDI"]
    folders = root.findall("a:arkivdel/a:mappe", NS)
    assert [f.get(XSI_TYPE) for f in folders] == ["saksmappe", "saksmappe"]
    note_case, letter_case = folders
    assert texts(letter_case, "a:mappeID") == ["2026/00041"]
    assert texts(letter_case, "a:saksaar") == ["2026"]
    assert texts(letter_case, "a:sakssekvensnummer") == ["41"]
    assert texts(letter_case, "a:tittel") == ["Klage på vedtak om utvisning"]
    assert texts(note_case, "a:tittel") == ["Arkivsak 26/00040"]
    assert texts(letter_case, "a:saksdato") == ["2026-03-02"]
    assert texts(letter_case, "a:saksansvarlig") == ["Kari Nordmann"]
    assert texts(letter_case, "a:administrativEnhet") == ["IGS"]
    # The note's sender has no unit code: the unit comes from its internal recipient.
    assert texts(note_case, "a:administrativEnhet") == ["IGS"]
    assert texts(note_case, "a:saksstatus") == ["Under behandling"]
    assert len(letter_case.findall("a:registrering", NS)) == 2


def test_system_ids_are_distinct_uuids(exported: Path) -> None:
    ids = texts(ET.parse(exported).getroot(), ".//a:systemID")
    # arkiv, arkivdel, 2 mapper, 3 journal posts, 5 documents
    assert len(ids) == len(set(ids)) == 12
    assert all(uuid.UUID(i).version == 5 for i in ids)


@settings(max_examples=10, deadline=None)
@given(st.permutations(registered()))
def test_the_same_posts_give_the_same_bytes(order: Sequence[RegisteredPost]) -> None:
    first = render(registered(), exported_at=EXPORTED, case_titles=TITLES).unwrap()
    assert render(order, exported_at=EXPORTED, case_titles=TITLES).unwrap() == first


def test_another_case_number_gives_other_system_ids() -> None:
    moved = [
        RegisteredPost(
            DocumentNumber(ArchiveCaseNumber(26, 42), 1),
            evolve(internal_note(), archive_case=ArchiveCaseNumber(26, 42)),
            T0,
        )
    ]
    one = render(registered()[1:2], exported_at=EXPORTED).unwrap()
    other = render(moved, exported_at=EXPORTED).unwrap()
    ids = (texts(ET.fromstring(x), ".//a:mappe/a:systemID") for x in (one, other))
    assert len(set(next(ids)) | set(next(ids))) == 2


def test_an_export_of_nothing_is_a_valid_empty_archive(tmp_path: Path) -> None:
    path = export([], exported_at=EXPORTED, directory=tmp_path / "new" / "folder").unwrap()
    assert validate(path, SCHEMAS) == Success(None)
    assert ET.parse(path).getroot().findall(".//a:mappe", NS) == []


def test_a_case_from_the_last_century_gets_a_four_digit_year() -> None:
    old = ArchiveCaseNumber(99, 7)
    post = RegisteredPost(DocumentNumber(old, 3), evolve(internal_note(), archive_case=old), T0)
    root = ET.fromstring(render([post], exported_at=EXPORTED).unwrap())
    assert texts(root, ".//a:saksaar") == ["1999"]
    assert texts(root, ".//a:mappeID") == ["1999/00007"]


# -- refusals ------------------------------------------------------------------------


def broken(**changes: Any) -> list[RegisteredPost]:
    first = registered()[0]
    return [evolve(first, post=evolve(first.post, **changes)), *registered()[1:]]


@pytest.mark.parametrize(
    ("posts", "field", "got"),
    [
        (broken(type="Q"), "$[0].post.type", "'Q'"),
        (
            broken(parties=(Korrespondansepart(cast(Any, "XX"), "Advokat Berg"),)),
            "$[0].post.parties[0].type",
            "'XX'",
        ),
        (
            broken(documents=(Document("Brev", cast(Any, "H")),)),
            "$[0].post.documents[0].role",
            "'H'",
        ),
        (broken(title="Svar\x00"), "$[0].post.title", "'Svar\\x00'"),
        (broken(documents=()), "$[0]", "exactly one main document"),
        (broken(archive_case=NOTE_CASE), "$[0].post.archive_case", "26/00040"),
        (registered() + registered()[:1], "$[3].number", "26/00041-2"),
    ],
)
def test_an_unknown_code_or_a_malformed_post_is_refused(
    tmp_path: Path, posts: list[RegisteredPost], field: str, got: str
) -> None:
    error = failure_of(export(posts, exported_at=EXPORTED, directory=tmp_path))
    assert isinstance(error, InvalidInput)
    assert error.field == field
    assert got in error.got
    assert list(tmp_path.iterdir()) == []


def test_the_codes_allowed_are_named_in_the_refusal() -> None:
    error = failure_of(render(broken(type="Q"), exported_at=EXPORTED))
    assert "Journalposttype code (I, U, N, X, S)" in error.describe()


def test_times_must_be_aware_and_not_after_the_export() -> None:
    naive = failure_of(render(registered(), exported_at=EXPORTED.replace(tzinfo=None)))
    assert naive.field == "exported_at"
    late = failure_of(render(registered(), exported_at=T0 + timedelta(days=1)))
    assert late.field == "$[0].registered_at"
    assert failure_of(render([], exported_at=EXPORTED, system=" ")).field == "system"
    blank = ArchiveCreator("UDI", "")
    assert failure_of(render([], exported_at=EXPORTED, creator=blank)).field == "creator.name"
    bad_title = {LETTER_CASE: "\x07"}
    refused = failure_of(render(registered(), exported_at=EXPORTED, case_titles=bad_title))
    assert refused.field == "case_titles[26/00041]"


def test_an_unwritable_directory_is_a_storage_failure(tmp_path: Path) -> None:
    occupied = tmp_path / "a-file"
    occupied.write_text("not a folder")
    error = failure_of(export(registered(), exported_at=EXPORTED, directory=occupied))
    assert isinstance(error, StorageFailure)
    assert str(occupied / FILE_NAME) in error.describe()


def test_a_missing_schema_dir_is_a_failure_naming_the_path(exported: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no-schemas"
    error = failure_of(validate(exported, missing))
    assert error.field == "schema_dir"
    assert str(missing) in error.describe()
    assert "arkivstruktur.xsd" in error.describe()


def test_a_schema_dir_without_the_metadata_catalogue_names_it(
    exported: Path, tmp_path: Path
) -> None:
    half = tmp_path / "half"
    half.mkdir()
    shutil.copy(SCHEMAS / "arkivstruktur.xsd", half)
    error = failure_of(validate(exported, half))
    assert "no metadatakatalog.xsd" in error.describe()


def test_an_unreadable_schema_is_a_failure_naming_it(exported: Path, tmp_path: Path) -> None:
    garbled = tmp_path / "garbled"
    garbled.mkdir()
    shutil.copy(SCHEMAS / "metadatakatalog.xsd", garbled)
    (garbled / "arkivstruktur.xsd").write_text("<xs:schema this is not xml")
    error = failure_of(validate(exported, garbled))
    assert error.field == "schema_dir"
    assert str(garbled / "arkivstruktur.xsd") in error.got


def test_an_xml_that_breaks_the_schema_fails_validation_naming_the_element(
    exported: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "broken" / FILE_NAME
    copy.parent.mkdir()
    content = exported.read_text(encoding="utf-8")
    assert content.count("<journalaar>2026</journalaar>") == 3
    copy.write_text(
        content.replace("<journalaar>2026</journalaar>", "<journalaar>MMXXVI</journalaar>", 1)
    )
    error = failure_of(validate(copy, SCHEMAS))
    assert error.field == str(copy)
    assert "journalaar" in error.got
    assert "MMXXVI" in error.got


def test_elements_out_of_schema_order_fail_validation(exported: Path, tmp_path: Path) -> None:
    copy = tmp_path / FILE_NAME
    content = exported.read_text(encoding="utf-8")
    # saksaar belongs after the journal posts of its saksmappe, not before them.
    moved = content.replace("<saksaar>2026</saksaar>", "", 1).replace(
        "<mappeID>", "<saksaar>2026</saksaar><mappeID>", 1
    )
    copy.write_text(moved)
    error = failure_of(validate(copy, SCHEMAS))
    assert "saksaar" in error.got


def test_a_malformed_or_missing_xml_is_a_failure(tmp_path: Path) -> None:
    malformed = tmp_path / FILE_NAME
    malformed.write_text("<arkiv><unclosed></arkiv>")
    error = failure_of(validate(malformed, SCHEMAS))
    assert error.expected == "well-formed XML"
    assert failure_of(validate(tmp_path / "absent.xml", SCHEMAS)).field == "xml_path"


# -- from the outbox, through the real dispatcher ---------------------------------------


@pytest.fixture
def app() -> Iterator[App]:
    built = bootstrap({"store": "memory", "clock": f"fixed:{T0.isoformat()}"}).unwrap()
    built.organisation.ensure_named_units().unwrap()
    built.organisation.register_employee("kari", "Kari Nordmann", "AUA-IGS").unwrap()
    yield built
    built.close()


def record(*effects: Effect) -> Decide[Tally]:
    def decide(
        state: Tally | None, ctx: Context, _uow: UnitOfWork
    ) -> Result[Decision[Tally], DomainError]:
        base = state or Tally("t", str(ctx.actor.id))
        events = (Counted(1),)
        return Success(Decision(fold(evolve_tally, base, events), events, effects, (), ()))

    return decide


def test_posts_from_outbox_collects_what_websak_registered(app: App, tmp_path: Path) -> None:
    websak = cast(MockWebSak, app.journal)
    note, letter, reply = internal_note(), outgoing_letter(), incoming_letter()
    no_main = evolve(reply, documents=())
    app.runner.run(
        TALLY,
        "t1",
        "kari",
        record(
            PostJournal("t1/note", note),
            AddDufCode("t1/mark", DufCaseNumber("201512345601"), "MH"),
            PostJournal("t1/bad", no_main),
        ),
    ).unwrap()
    app.runner.run(
        TALLY,
        "t2",
        "kari",
        record(PostJournal("t2/letter", letter), PostJournal("t2/reply", reply)),
    ).unwrap()
    report = app.outbox.deliver()
    assert (report.delivered, report.failed) == (4, 1)
    items = app.outbox.items(limit=100_000)
    assert {i.key for i in items if i.status is OutboxStatus.FAILED} == {"t1/bad"}

    collected = posts_from_outbox(items).unwrap()
    registered_by_websak = websak.posts().unwrap()
    assert [(p.number, p.post) for p in collected] == [
        (p.number, p.post) for p in registered_by_websak
    ]
    assert [str(p.number) for p in collected] == ["26/00040-1", "26/00041-1", "26/00041-2"]
    assert {p.registered_at for p in collected} == {T0}

    path = export(
        collected, exported_at=EXPORTED, directory=tmp_path, case_titles=websak.cases()
    ).unwrap()
    assert validate(path, SCHEMAS) == Success(None)
    types = texts(ET.parse(path).getroot(), ".//a:registrering/a:journalposttype")
    assert types == [
        "Organinternt dokument uten oppfølging",
        "Utgående dokument",
        "Inngående dokument",
    ]


def test_a_delivered_post_without_a_document_number_is_refused() -> None:
    item = OutboxItem.new(PostJournal("k1", internal_note()), "tally", "t1", T0)
    assert posts_from_outbox([item]) == Success([])  # pending: not registered yet
    garbled = item.delivered("not a number", T0)
    error = failure_of(posts_from_outbox([garbled]))
    assert error.field == "outbox[k1].result"
    assert error.expected == DocumentNumber.EXPECTED
