"""Clocks: the system clock, and a fixed clock that tests and demos can move."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """Stands still at a moment until told to move."""

    def __init__(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("a FixedClock needs a timezone-aware moment")
        self._lock = threading.Lock()
        self._moment = moment

    def now(self) -> datetime:
        with self._lock:
            return self._moment

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("a FixedClock needs a timezone-aware moment")
        with self._lock:
            self._moment = moment

    def advance(self, delta: timedelta) -> datetime:
        with self._lock:
            self._moment += delta
            return self._moment
