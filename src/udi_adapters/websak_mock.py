"""A mock WebSak: an in-memory Noark 5 archive.

It keeps archive cases (saksmapper) and their journal posts with parties and documents,
numbers documents within their case (``26/00012-3`` is document 3 of case 26/00012),
can open new cases numbered per year, and refuses a post that breaks Noark 5 rules (see
:meth:`JournalPost.problems`). Idempotency: a key that was registered returns the same
document number and registers nothing more. With a file ledger (setting
``mock:/path/websak.jsonl``) the archive survives the process.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from returns.result import Failure, Result, Success

from udi_adapters.faults import Faults
from udi_adapters.ledger import Ledger
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber, DocumentNumber
from udi_core.domain.kernel.noark5 import JournalPost
from udi_core.ports.external import ExternalFailure, RegisteredPost
from udi_core.serialization import structure, unstructure

SYSTEM = "WebSak"


class MockWebSak:
    """Implements :class:`~udi_core.ports.external.Journal` in memory."""

    def __init__(
        self, now: Callable[[], datetime] | None = None, ledger: Ledger | None = None
    ) -> None:
        self._now = now or (lambda: datetime.now(UTC))
        self._lock = threading.Lock()
        self._cases: dict[ArchiveCaseNumber, str] = {}
        self._next_case: dict[int, int] = {}
        self._posts: dict[ArchiveCaseNumber, list[RegisteredPost]] = {}
        self._by_key: dict[str, DocumentNumber] = {}
        self.ledger: Counter[str] = Counter()
        self.faults = Faults()
        self._file = ledger
        if ledger is not None:
            for entry in ledger.replay():
                self._replay(entry)

    def _replay(self, entry: dict[str, Any]) -> None:
        if entry["op"] == "open":
            case = ArchiveCaseNumber(entry["year"], entry["sequence"])
            self._cases[case] = entry["title"]
            self._next_case[case.year] = max(self._next_case.get(case.year, 0), case.sequence)
            return
        post: JournalPost = structure(entry["post"], JournalPost).unwrap()
        moment = datetime.fromisoformat(entry["at"])
        self._register(post, entry["key"], moment)

    def _register(self, post: JournalPost, key: str, at: datetime) -> DocumentNumber:
        case = post.archive_case
        # An archive case not opened here is taken to exist in WebSak already.
        self._cases.setdefault(case, post.title)
        posts = self._posts.setdefault(case, [])
        number = DocumentNumber(case, len(posts) + 1)
        posts.append(RegisteredPost(number, post, at))
        self._by_key[key] = number
        self.ledger[key] += 1
        return number

    def open_case(self, title: str, year: int) -> ArchiveCaseNumber:
        """Open a new archive case; numbers run per two-digit year: 26/00001, 26/00002..."""
        with self._lock:
            yy = year % 100
            seq = self._next_case.get(yy, 0) + 1
            while ArchiveCaseNumber(yy, seq) in self._cases:
                seq += 1
            self._next_case[yy] = seq
            case = ArchiveCaseNumber(yy, seq)
            self._cases[case] = title
            if self._file is not None:
                self._file.append({"op": "open", "year": yy, "sequence": seq, "title": title})
            return case

    def case_title(self, case: ArchiveCaseNumber) -> str | None:
        return self._cases.get(case)

    def post(self, post: JournalPost, key: str) -> Result[DocumentNumber, ExternalFailure]:
        if self.faults.should_fail():
            return Failure(ExternalFailure(SYSTEM, f"injected fault posting {post.title!r}"))
        problems = post.problems()
        if problems:
            return Failure(
                ExternalFailure(SYSTEM, "Noark 5 refuses the post: " + "; ".join(problems), False)
            )
        with self._lock:
            known = self._by_key.get(key)
            if known is not None:
                return Success(known)
            at = self._now()
            if self._file is not None:
                entry = {"op": "post", "key": key, "post": unstructure(post), "at": at.isoformat()}
                self._file.append(entry)
            return Success(self._register(post, key, at))

    def posts(
        self, case: ArchiveCaseNumber | None = None
    ) -> Result[Sequence[RegisteredPost], ExternalFailure]:
        with self._lock:
            if case is not None:
                return Success(tuple(self._posts.get(case, ())))
            return Success(tuple(p for c in sorted(self._posts) for p in self._posts[c]))

    def cases(self) -> dict[ArchiveCaseNumber, str]:
        with self._lock:
            return dict(sorted(self._cases.items()))
