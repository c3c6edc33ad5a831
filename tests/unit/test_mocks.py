from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from returns.result import Failure, Success

from udi_adapters.duf_mock import MockDuf
from udi_adapters.ledger import Ledger
from udi_adapters.websak_mock import MockWebSak
from udi_core.app import bootstrap
from udi_core.domain.kernel.errors import InvalidInput
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber, DocumentNumber, DufCaseNumber
from udi_core.domain.kernel.noark5 import (
    Document,
    DocumentRole,
    JournalPost,
    Journalposttype,
    Korrespondansepart,
    Korrespondanseparttype,
)
from udi_core.ports.external import DufMarking, Journal

CASE = DufCaseNumber("201512345601")
OTHER = DufCaseNumber("201512345602")


def test_mock_duf_satisfies_the_port_and_is_idempotent_by_key() -> None:
    duf = MockDuf()
    assert isinstance(duf, DufMarking)
    assert duf.add(CASE, "MH", "k1") == Success(None)
    assert duf.remove(CASE, "MH", "k2") == Success(None)
    assert duf.add(CASE, "MH", "k1") == Success(None)  # a repeat: no effect
    assert duf.codes(CASE) == Success(frozenset())
    assert duf.ledger == {"k1": 1, "k2": 1}
    assert [c.outcome for c in duf.calls] == ["applied", "applied", "repeated"]


def test_mock_duf_lists_cases_with_a_code_in_pages() -> None:
    duf = MockDuf()
    duf.seed("MH", [OTHER, CASE])
    assert duf.cases_with("MH", limit=1) == Success((CASE,))
    assert duf.cases_with("MH", after=CASE) == Success((OTHER,))
    duf.remove(CASE, "MH", "r1")
    assert duf.cases_with("MH") == Success((OTHER,))


def test_mock_duf_fault_injection() -> None:
    duf = MockDuf()
    duf.faults.fail_next(2)
    assert isinstance(duf.add(CASE, "A", "k1"), Failure)
    assert isinstance(duf.add(CASE, "A", "k1"), Failure)
    assert duf.add(CASE, "A", "k1") == Success(None)
    assert duf.ledger["k1"] == 1
    duf.faults.fail_every(3)
    outcomes = [isinstance(duf.add(CASE, "B", f"e{i}"), Failure) for i in range(6)]
    assert outcomes.count(True) == 2
    assert duf.faults.injected == 4
    refused = duf.add(CASE, "bad code", "k9")
    assert isinstance(refused, Failure)
    assert not refused.failure().retryable


def _post(case: ArchiveCaseNumber) -> JournalPost:
    kp = Korrespondanseparttype
    return JournalPost(
        case,
        Journalposttype.OUTGOING,
        "UDIs rapportering fra møte",
        "UDIs rapportering fra møte – internasjonale fora",
        (
            Korrespondansepart(kp.INTERNAL_SENDER, "Avdelingsdirektør"),
            Korrespondansepart(kp.RECIPIENT, "Justis- og beredskapsdepartementet"),
        ),
        (Document("Brev", DocumentRole.MAIN),),
    )


def test_mock_websak_numbers_documents_within_cases_opened_per_year() -> None:
    websak = MockWebSak(now=lambda: datetime(2026, 3, 1, tzinfo=UTC))
    assert isinstance(websak, Journal)
    first = websak.open_case("Internasjonalt arbeid", 2026)
    second = websak.open_case("EMN", 2026)
    assert (str(first), str(second)) == ("26/00001", "26/00002")
    assert websak.post(_post(second), "a") == Success(DocumentNumber(second, 1))
    assert websak.post(_post(second), "b") == Success(DocumentNumber(second, 2))
    assert str(websak.post(_post(second), "a").unwrap()) == "26/00002-1"  # repeat
    assert len(websak.posts(second).unwrap()) == 2
    assert websak.ledger == {"a": 1, "b": 1}


def test_mock_websak_refuses_what_breaks_noark5() -> None:
    websak = MockWebSak()
    bad = _post(ArchiveCaseNumber(26, 5))
    bad = JournalPost(bad.archive_case, bad.type, bad.title, bad.template, bad.parties, ())
    refused = websak.post(bad, "x")
    assert isinstance(refused, Failure)
    assert "main document" in refused.failure().message
    assert not refused.failure().retryable
    assert websak.posts().unwrap() == ()


def test_file_ledgers_survive_a_new_process(tmp_path: Path) -> None:
    duf = MockDuf(ledger=Ledger(tmp_path / "duf.jsonl"))
    duf.add(CASE, "MH", "k1")
    duf.add(OTHER, "MH", "k2")
    duf.remove(CASE, "MH", "k3")
    websak = MockWebSak(ledger=Ledger(tmp_path / "websak.jsonl"))
    case = websak.open_case("EMN", 2026)
    number = websak.post(_post(case), "p1").unwrap()

    again = MockDuf(ledger=Ledger(tmp_path / "duf.jsonl"))
    assert again.ledger == {"k1": 1, "k2": 1, "k3": 1}
    assert again.cases_with("MH") == Success((OTHER,))
    assert again.add(OTHER, "MH", "k2") == Success(None)  # a repeat after the restart
    assert again.ledger["k2"] == 1
    archive = MockWebSak(ledger=Ledger(tmp_path / "websak.jsonl"))
    assert archive.post(_post(case), "p1") == Success(number)
    assert archive.ledger == {"p1": 1}
    assert archive.open_case("Ny sak", 2026) == ArchiveCaseNumber(26, 2)


def test_a_torn_last_line_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "duf.jsonl"
    MockDuf(ledger=Ledger(path)).add(CASE, "MH", "k1")
    with path.open("a", encoding="utf-8") as out:
        out.write('{"op":"add","case":"2015')  # the process died mid-write
    assert MockDuf(ledger=Ledger(path)).ledger == {"k1": 1}


def test_mock_settings_choose_memory_or_a_ledger_file(tmp_path: Path) -> None:
    app = bootstrap(
        {"store": "memory", "duf": f"mock:{tmp_path}/d.jsonl", "journal": "mock"}
    ).unwrap()
    app.duf.add(CASE, "MH", "k1")
    assert (tmp_path / "d.jsonl").exists()
    assert isinstance(bootstrap({"store": "memory", "duf": "mock:"}).failure(), InvalidInput)


def test_the_fail_every_option_injects_faults_into_both_mocks() -> None:
    app = bootstrap({"store": "memory", "options": {"mock_fail_every": "2"}}).unwrap()
    duf, websak = app.duf, app.journal
    assert isinstance(duf, MockDuf)
    assert isinstance(websak, MockWebSak)
    results = [duf.add(CASE, "MH", f"k{i}") for i in range(4)]
    assert [isinstance(r, Failure) for r in results] == [False, True, False, True]
    assert (duf.faults.injected, websak.faults.injected) == (2, 0)
    assert sorted(duf.ledger) == ["k0", "k2"]
    websak.posts()  # reading the archive is not a call that can fail
    assert isinstance(websak.post(_post(ArchiveCaseNumber(26, 1)), "p1"), Success)
    assert isinstance(websak.post(_post(ArchiveCaseNumber(26, 1)), "p2"), Failure)
    assert websak.ledger == {"p1": 1}


def test_a_bad_fail_every_option_is_invalid_input_naming_it() -> None:
    for raw in ("-1", "x", "1001", "٣"):
        built = bootstrap({"store": "memory", "options": {"mock_fail_every": raw}})
        failure = built.failure()
        assert isinstance(failure, InvalidInput)
        assert failure.field == "settings.options.mock_fail_every"
        assert failure.got == raw


def test_mock_duf_listing_stays_right_after_many_removals_and_re_adds() -> None:
    duf = MockDuf(record_calls=False)
    cases = [DufCaseNumber(f"2019{i:08d}") for i in range(20)]
    duf.seed("MH", cases)
    for i in range(0, 20, 2):
        assert duf.remove(cases[i], "MH", f"r{i}") == Success(None)
    assert duf.cases_with("MH", limit=3) == Success((cases[1], cases[3], cases[5]))
    assert duf.cases_with("MH", after=cases[4], limit=2) == Success((cases[5], cases[7]))
    assert duf.add(cases[4], "MH", "a4") == Success(None)
    assert duf.cases_with("MH", after=cases[2], limit=3) == Success((cases[3], cases[4], cases[5]))
    for i in range(1, 20, 2):
        duf.remove(cases[i], "MH", f"r{i}")
    assert duf.cases_with("MH") == Success((cases[4],))
    assert duf.codes(cases[4]) == Success(frozenset({"MH"}))
    assert duf.codes(cases[5]) == Success(frozenset())


def test_an_append_after_a_torn_line_starts_a_line_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "duf.jsonl"
    MockDuf(ledger=Ledger(path)).add(CASE, "MH", "k1")
    with path.open("a", encoding="utf-8") as out:
        out.write('{"op":"add","case":"2015')  # killed mid-write
    restarted = MockDuf(ledger=Ledger(path))
    restarted.add(OTHER, "MH", "k2")
    again = MockDuf(ledger=Ledger(path))
    assert again.ledger == {"k1": 1, "k2": 1}
    assert again.cases_with("MH") == Success((CASE, OTHER))
