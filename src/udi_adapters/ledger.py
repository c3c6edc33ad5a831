"""An append-only JSON-lines ledger, so the mock systems survive a killed process.

Each applied operation is written and fsync'd before the mock answers; a new mock on the
same file replays it. A process killed after the write but before the answer leaves the
operation applied, and the caller's retry with the same idempotency key is then a repeat,
exactly as with the real systems.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class Ledger:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._drop_torn_tail()

    def _drop_torn_tail(self) -> None:
        """A line cut short by a kill never took effect; cut it off, so the next append
        starts a line of its own instead of running on from the torn one."""
        if not self.path.exists():
            return
        with self.path.open("rb+") as data:
            size = data.seek(0, os.SEEK_END)
            if size == 0:
                return
            data.seek(size - 1)
            if data.read(1) == b"\n":
                return
            data.seek(0)
            content = data.read()
            data.truncate(content.rfind(b"\n") + 1)

    def replay(self) -> Iterator[dict[str, Any]]:
        if not self.path.exists():
            return
        with self.path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.endswith("\n"):  # a torn last line (killed mid-write) never took effect
                    yield json.loads(line)

    def append(self, record: dict[str, Any]) -> None:
        data = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        with self._lock, self.path.open("a", encoding="utf-8") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
