"""What a SQL store remembers between units of work, so it need not read or decode it
again.

:class:`StateCache` keeps decoded aggregate states, each with the version and the exact
JSON text it is stored as. A read still selects the row; its state is reused only when
the row's version AND text are the ones remembered, so a state written meanwhile by
another unit of work, store or process, or changed in the database by hand, is decoded
afresh (never served stale). States are frozen, so one object can serve every reader.

:class:`OrganisationCache` keeps the units and employees read at one version of the
organisation (the ``organisation_version`` row, bumped in the same transaction as every
organisation write through any store). A unit of work reads that row once, with its
first read of an aggregate or of the organisation, and uses the cache of that version.
A row of ``org_units`` or ``employees`` changed by hand without bumping the version is
not seen until the next organisation write (or a new store).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from attrs import define, field, frozen

from udi_core.domain.kernel.identifiers import EmployeeId, UnitId
from udi_core.domain.kernel.organisation import Employee, OrgUnit

MAX_STATES = 1024  # aggregates remembered per store, least recently used dropped first
MAX_CHARS = 16_000_000  # and at most this much stored JSON text in all


@frozen
class _Remembered:
    version: int
    text: str
    state: Any


class StateCache:
    """Decoded aggregate states by (kind, id): bounded, least recently used first out;
    thread-safe."""

    def __init__(self, max_states: int = MAX_STATES, max_chars: int = MAX_CHARS) -> None:
        self._max_states = max_states
        self._max_chars = max_chars
        self._chars = 0
        self._entries: OrderedDict[tuple[str, str], _Remembered] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def state(self, kind: str, aggregate_id: str, version: int, text: str) -> Any | None:
        """The state stored as ``text`` at ``version``, if remembered (else None)."""
        key = (kind, aggregate_id)
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry.version != version or entry.text != text:
                return None
            self._entries.move_to_end(key)
            return entry.state

    def remember(self, kind: str, aggregate_id: str, version: int, text: str, state: Any) -> None:
        """``state`` is stored as ``text`` at ``version`` (replaces what was remembered)."""
        if len(text) > self._max_chars:
            return
        key = (kind, aggregate_id)
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self._chars -= len(previous.text)
            self._entries[key] = _Remembered(version, text, state)
            self._chars += len(text)
            while len(self._entries) > self._max_states or self._chars > self._max_chars:
                _, dropped = self._entries.popitem(last=False)
                self._chars -= len(dropped.text)


@define
class OrganisationCache:
    """Units and employees as read at ``version`` of the organisation (None: not found).
    Readers fill it; it is replaced, never emptied, when the version moves."""

    version: int
    units: dict[UnitId, OrgUnit | None] = field(factory=dict)
    employees: dict[EmployeeId, Employee | None] = field(factory=dict)
    all_units: tuple[OrgUnit, ...] | None = None
    staff: dict[UnitId | None, tuple[Employee, ...]] = field(factory=dict)
