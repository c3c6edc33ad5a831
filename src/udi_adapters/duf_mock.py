"""A mock DUF: marking codes on cases in memory, a record of calls, fault injection.

Idempotency: the first successful call with a key takes effect and is remembered; a later
call with the same key does nothing more and answers as the first did. ``ledger`` counts
how many times each key took effect (always at most once). With a file
:class:`~udi_adapters.ledger.Ledger` (setting ``mock:/path/duf.jsonl``) the mock's state
survives the process.

It holds millions of marked cases cheaply: a case's codes are a shared (interned)
frozenset, and a removal leaves its case in the per-code sorted list until the list is
compacted (``cases_with`` skips cases that no longer carry the code), so a removal costs
O(1) instead of shifting a list of a million entries.
"""

from __future__ import annotations

import bisect
import threading
from collections import Counter
from collections.abc import Iterable, Sequence

from attrs import frozen
from returns.result import Failure, Result, Success

from udi_adapters.faults import Faults
from udi_adapters.ledger import Ledger
from udi_core.domain.kernel.effects import valid_marking_code
from udi_core.domain.kernel.identifiers import DufCaseNumber
from udi_core.ports.external import ExternalFailure

SYSTEM = "DUF"


@frozen
class DufCall:
    operation: str  # "add" | "remove"
    case: DufCaseNumber
    code: str
    key: str
    outcome: str  # "applied" | "repeated" | "failed"


class MockDuf:
    """Implements :class:`~udi_core.ports.external.DufMarking` in memory."""

    def __init__(self, *, record_calls: bool = True, ledger: Ledger | None = None) -> None:
        self._lock = threading.Lock()
        self._codes: dict[DufCaseNumber, frozenset[str]] = {}
        self._interned: dict[frozenset[str], frozenset[str]] = {}
        # sorted case numbers per code; may hold cases that lost the code since (stale)
        self._by_code: dict[str, list[DufCaseNumber]] = {}
        self._stale: Counter[str] = Counter()
        self._done: set[str] = set()
        self.ledger: Counter[str] = Counter()
        self.calls: list[DufCall] = []
        self.faults = Faults()
        self._record = record_calls
        self._ledger = ledger
        if ledger is not None:
            for entry in ledger.replay():
                self._apply(entry["op"], DufCaseNumber(entry["case"]), entry["code"], entry["key"])

    def seed(self, code: str, cases: Iterable[DufCaseNumber]) -> None:
        """Mark many cases with ``code`` directly (test and benchmark set-up)."""
        with self._lock:
            for case in cases:
                self._codes[case] = self._with(self._codes.get(case, frozenset()), code, True)
            self._by_code[code] = sorted(c for c, codes in self._codes.items() if code in codes)
            self._stale[code] = 0

    def _with(self, codes: frozenset[str], code: str, present: bool) -> frozenset[str]:
        changed = codes | {code} if present else codes - {code}
        return self._interned.setdefault(changed, changed)

    def _compact(self, code: str) -> None:
        listed = self._by_code.get(code, [])
        if self._stale[code] * 2 > len(listed):
            self._by_code[code] = [c for c in listed if code in self._codes.get(c, ())]
            self._stale[code] = 0

    def _log(self, op: str, case: DufCaseNumber, code: str, key: str, outcome: str) -> None:
        if self._record:
            self.calls.append(DufCall(op, case, code, key, outcome))

    def _change(
        self, op: str, case: DufCaseNumber, code: str, key: str
    ) -> Result[None, ExternalFailure]:
        if not valid_marking_code(code):
            return Failure(ExternalFailure(SYSTEM, f"{code!r} is not a marking code", False))
        if self.faults.should_fail():
            with self._lock:
                self._log(op, case, code, key, "failed")
            return Failure(ExternalFailure(SYSTEM, f"injected fault on {op} {code} {case}"))
        with self._lock:
            if key in self._done:
                self._log(op, case, code, key, "repeated")
                return Success(None)
            if self._ledger is not None:
                self._ledger.append({"op": op, "case": case.value, "code": code, "key": key})
            self._apply(op, case, code, key)
            self._log(op, case, code, key, "applied")
            return Success(None)

    def _apply(self, op: str, case: DufCaseNumber, code: str, key: str) -> None:
        codes = self._codes.get(case, frozenset())
        listed = self._by_code.setdefault(code, [])
        if op == "add" and code not in codes:
            self._codes[case] = self._with(codes, code, True)
            i = bisect.bisect_left(listed, case)
            if i < len(listed) and listed[i] == case:
                self._stale[code] -= 1  # a stale entry is live again
            else:
                listed.insert(i, case)
        elif op == "remove" and code in codes:
            self._codes[case] = self._with(codes, code, False)
            self._stale[code] += 1
            self._compact(code)
        self._done.add(key)
        self.ledger[key] += 1

    def add(self, case: DufCaseNumber, code: str, key: str) -> Result[None, ExternalFailure]:
        return self._change("add", case, code, key)

    def remove(self, case: DufCaseNumber, code: str, key: str) -> Result[None, ExternalFailure]:
        return self._change("remove", case, code, key)

    def codes(self, case: DufCaseNumber) -> Result[frozenset[str], ExternalFailure]:
        if self.faults.should_fail():
            return Failure(ExternalFailure(SYSTEM, f"injected fault on codes {case}"))
        with self._lock:
            return Success(frozenset(self._codes.get(case, ())))

    def cases_with(
        self, code: str, after: DufCaseNumber | None = None, limit: int = 1000
    ) -> Result[Sequence[DufCaseNumber], ExternalFailure]:
        if self.faults.should_fail():
            return Failure(ExternalFailure(SYSTEM, f"injected fault on cases_with {code}"))
        with self._lock:
            listed = self._by_code.get(code, [])
            i = 0 if after is None else bisect.bisect_right(listed, after)
            page: list[DufCaseNumber] = []
            while i < len(listed) and len(page) < limit:
                if code in self._codes.get(listed[i], ()):
                    page.append(listed[i])
                i += 1
            return Success(tuple(page))
