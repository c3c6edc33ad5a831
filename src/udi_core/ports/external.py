"""Ports to the directorate's outside systems: DUF, WebSak (Noark 5) and the clock.

Every call returns a ``Result``; an adapter turns its driver's exceptions into an
:class:`ExternalFailure` at this edge. Calls that change something take an idempotency
key: the same key twice has one effect, and the second call returns the first result.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, runtime_checkable

from attrs import frozen
from returns.result import Result

from udi_core.domain.kernel.identifiers import ArchiveCaseNumber, DocumentNumber, DufCaseNumber
from udi_core.domain.kernel.noark5 import JournalPost


@frozen
class ExternalFailure:
    """An outside system did not do what was asked. ``retryable`` says if a retry may help."""

    system: str
    message: str
    retryable: bool = True

    def describe(self, lang: str = "en") -> str:
        return f"{self.system}: {self.message}"


@runtime_checkable
class DufMarking(Protocol):
    """Marking codes on DUF cases (e.g. a category code, or the characteristic code "MH")."""

    def add(self, case: DufCaseNumber, code: str, key: str) -> Result[None, ExternalFailure]: ...

    def remove(self, case: DufCaseNumber, code: str, key: str) -> Result[None, ExternalFailure]: ...

    def codes(self, case: DufCaseNumber) -> Result[frozenset[str], ExternalFailure]: ...

    def cases_with(
        self, code: str, after: DufCaseNumber | None = None, limit: int = 1000
    ) -> Result[Sequence[DufCaseNumber], ExternalFailure]:
        """Cases carrying ``code``, in case-number order after ``after`` (a page)."""
        ...


@frozen
class RegisteredPost:
    """A journal post as the archive registered it."""

    number: DocumentNumber
    post: JournalPost
    registered_at: datetime


@runtime_checkable
class Journal(Protocol):
    """WebSak: registers journal posts in archive cases (Noark 5)."""

    def post(self, post: JournalPost, key: str) -> Result[DocumentNumber, ExternalFailure]: ...

    def posts(
        self, case: ArchiveCaseNumber | None = None
    ) -> Result[Sequence[RegisteredPost], ExternalFailure]: ...


@runtime_checkable
class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware."""
        ...
