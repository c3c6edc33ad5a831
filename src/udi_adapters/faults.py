"""Fault injection shared by the mock adapters: fail the next N calls, or every k-th."""

from __future__ import annotations

import threading


class Faults:
    """Decides whether a call fails. Thread-safe; counts every call it is asked about."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._fail_next = 0
        self._every = 0
        self.calls = 0
        self.injected = 0

    def fail_next(self, n: int) -> None:
        """The next ``n`` calls fail."""
        with self._lock:
            self._fail_next = n

    def fail_every(self, k: int) -> None:
        """Every ``k``-th call fails (0 turns it off)."""
        if k < 0:
            raise ValueError("k is 0 (off) or positive")
        with self._lock:
            self._every = k

    def clear(self) -> None:
        with self._lock:
            self._fail_next = 0
            self._every = 0

    def should_fail(self) -> bool:
        with self._lock:
            self.calls += 1
            fail = False
            if self._fail_next > 0:
                self._fail_next -= 1
                fail = True
            elif self._every and self.calls % self._every == 0:
                fail = True
            if fail:
                self.injected += 1
            return fail
