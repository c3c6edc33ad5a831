"""A dispatcher process for the crash test: ``python -m tests.reliability.dispatcher DIR K``.

It bootstraps from settings alone (the SQLite store ``DIR/udi.sqlite3``, the mock DUF and
mock WebSak with ledger files in ``DIR``, every ``K``-th call to each mock failing) and
delivers the outbox until nothing is pending, with no backoff so retries come at once.
Each call's outcome is appended to ``DIR/calls.log`` (``ok KEY`` or ``fault KEY``) as it
happens, so the parent can count injected faults even across a SIGKILL.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from returns.result import Failure, Result

from udi_core.app import bootstrap
from udi_core.app.outbox import DeliveryReport, OutboxDispatcher, RetryPolicy
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber, DocumentNumber, DufCaseNumber
from udi_core.domain.kernel.noark5 import JournalPost
from udi_core.ports.external import DufMarking, ExternalFailure, Journal, RegisteredPost
from udi_core.ports.outbox import OutboxStatus

NO_BACKOFF = RetryPolicy(max_attempts=1000, first_delay=timedelta(0), max_delay=timedelta(0))
BATCH = 50


def settings(folder: Path, fail_every: int) -> dict[str, object]:
    return {
        "store": f"sqlite:///{folder / 'udi.sqlite3'}",
        "duf": f"mock:{folder / 'duf.jsonl'}",
        "journal": f"mock:{folder / 'websak.jsonl'}",
        "clock": "system",
        "options": {"mock_fail_every": str(fail_every)},
    }


class CallLog:
    """Appends one line per call with a single unbuffered write (survives a SIGKILL)."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def note(self, result: Result[object, ExternalFailure], key: str) -> None:
        outcome = "fault" if isinstance(result, Failure) else "ok"
        os.write(self._fd, f"{outcome} {key}\n".encode())


class LoggedDuf:
    def __init__(self, inner: DufMarking, log: CallLog) -> None:
        self._inner, self._log = inner, log

    def add(self, case: DufCaseNumber, code: str, key: str) -> Result[None, ExternalFailure]:
        result = self._inner.add(case, code, key)
        self._log.note(result, key)
        return result

    def remove(self, case: DufCaseNumber, code: str, key: str) -> Result[None, ExternalFailure]:
        result = self._inner.remove(case, code, key)
        self._log.note(result, key)
        return result

    def codes(self, case: DufCaseNumber) -> Result[frozenset[str], ExternalFailure]:
        return self._inner.codes(case)

    def cases_with(
        self, code: str, after: DufCaseNumber | None = None, limit: int = 1000
    ) -> Result[Sequence[DufCaseNumber], ExternalFailure]:
        return self._inner.cases_with(code, after, limit)


class LoggedJournal:
    def __init__(self, inner: Journal, log: CallLog) -> None:
        self._inner, self._log = inner, log

    def post(self, post: JournalPost, key: str) -> Result[DocumentNumber, ExternalFailure]:
        result = self._inner.post(post, key)
        self._log.note(result, key)
        return result

    def posts(
        self, case: ArchiveCaseNumber | None = None
    ) -> Result[Sequence[RegisteredPost], ExternalFailure]:
        return self._inner.posts(case)


def main(argv: list[str]) -> int:
    folder, fail_every = Path(argv[0]), int(argv[1])
    app = bootstrap(settings(folder, fail_every)).unwrap()
    log = CallLog(folder / "calls.log")
    dispatcher = OutboxDispatcher(
        app.store,
        LoggedDuf(app.duf, log),
        LoggedJournal(app.journal, log),
        app.clock,
        NO_BACKOFF,
    )
    while dispatcher.deliver_once(BATCH) != DeliveryReport():
        pass
    pending = dispatcher.items(OutboxStatus.PENDING, limit=1)
    app.close()
    return 0 if not pending else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
