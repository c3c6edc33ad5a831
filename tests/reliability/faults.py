"""Outbox delivery through failing outside systems and a killed dispatcher process.

:func:`seed_outbox` stores ``effects`` outbox items (DUF code additions and removals,
WebSak journal posts) in a SQLite store. :func:`deliver_with_kills` then runs the
dispatcher of :mod:`tests.reliability.dispatcher` as a child process, with every
``fail_every``-th call to the mock DUF and mock WebSak failing, SIGKILLs it ``kills``
times at random moments while it is delivering (after a random number of calls of the
current run), and restarts it until it exits having delivered everything.
:func:`verify` reads the store and the mocks' ledger files and reports what was lost or
doubled; the figures are counted from the call log, the ledgers and the store.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from attrs import frozen

from tests.reliability.dispatcher import settings
from udi_adapters.duf_mock import MockDuf
from udi_adapters.ledger import Ledger
from udi_adapters.websak_mock import MockWebSak
from udi_core.app import bootstrap
from udi_core.domain.kernel.effects import AddDufCode, Effect, PostJournal, RemoveDufCode
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber, DufCaseNumber
from udi_core.domain.kernel.noark5 import (
    Document,
    DocumentRole,
    JournalPost,
    Journalposttype,
    Korrespondansepart,
    Korrespondanseparttype,
)
from udi_core.ports.outbox import OutboxItem, OutboxStatus

ROOT = Path(__file__).resolve().parents[2]
LINE_BYTES = 14  # about one call-log line, for picking a kill point


def effect(i: int) -> Effect:
    """The ``i``-th effect: 2 in 5 add a DUF code, 1 in 5 removes one, 2 in 5 post a note."""
    case = DufCaseNumber(f"2025{i:08d}")
    match i % 5:
        case 0 | 1:
            return AddDufCode(f"add-{i}", case, "MH")
        case 2:
            return RemoveDufCode(f"remove-{i}", case, "MH")
    kp = Korrespondanseparttype
    post = JournalPost(
        ArchiveCaseNumber(26, 1 + i % 900),
        Journalposttype.INTERNAL_NO_FOLLOW_UP,
        f"Intern rapportering {i}",
        "Intern rapportering fra møte – internasjonale fora",
        (
            Korrespondansepart(kp.INTERNAL_SENDER, "Kari Nordmann"),
            Korrespondansepart(kp.INTERNAL_RECIPIENT, "AUA Internasjonal enhet", "IGS"),
        ),
        (Document("Rapport", DocumentRole.MAIN),),
    )
    return PostJournal(f"post-{i}", post)


def seed_outbox(folder: Path, effects: int) -> None:
    """Store ``effects`` pending outbox items in ``folder``'s SQLite store."""
    app = bootstrap(settings(folder, 0)).unwrap()
    at = app.clock.now()
    for start in range(0, effects, 1000):
        with app.store.unit_of_work() as uow:
            batch = [effect(i) for i in range(start, min(start + 1000, effects))]
            uow.outbox.add([OutboxItem.new(e, "reliability", "outbox", at) for e in batch])
            uow.commit().unwrap()
    app.close()


@frozen
class Delivery:
    """What happened while delivering: runs started, kills made, and whether the last
    run ended cleanly."""

    runs: int
    kills: int
    clean_exit: bool
    seconds: float


def _log_size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def deliver_with_kills(
    folder: Path, kills: int, fail_every: int, seed: int, calls_between_kills: int
) -> Delivery:
    """Run dispatcher processes until one finishes, killing ``kills`` of them mid-run."""
    rng = random.Random(seed)
    log = folder / "calls.log"
    command = [sys.executable, "-m", "tests.reliability.dispatcher", str(folder), str(fail_every)]
    started = time.perf_counter()
    runs = done = 0
    while True:
        runs += 1
        child = subprocess.Popen(command, cwd=ROOT)
        if done < kills:
            target = _log_size(log) + LINE_BYTES * rng.randint(1, calls_between_kills)
            while child.poll() is None and _log_size(log) < target:
                time.sleep(0.005)
            if child.poll() is None:
                os.kill(child.pid, signal.SIGKILL)
                child.wait()
                done += 1
                continue
        code = child.wait(timeout=900)
        if code == 0 or runs > kills + 5:
            return Delivery(runs, done, code == 0, time.perf_counter() - started)


@frozen
class Verdict:
    effects: int
    delivered: int
    calls: int
    injected_faults: int
    repeated_sends: int
    duf_applied: int
    journal_registered: int
    problems: tuple[str, ...]


def verify(folder: Path, effects: int) -> Verdict:
    """Compare the outbox with the mocks' ledgers: every key delivered, applied once."""
    problems: list[str] = []
    app = bootstrap(settings(folder, 0)).unwrap()
    with app.store.unit_of_work() as uow:
        items = uow.outbox.list(None, limit=effects + 1)
    app.close()
    if len(items) != effects:
        problems.append(f"{len(items)} outbox items, not {effects}")
    undelivered = [i.key for i in items if i.status is not OutboxStatus.DELIVERED]
    if undelivered:
        problems.append(f"{len(undelivered)} items not delivered, e.g. {undelivered[:3]}")
    duf = MockDuf(record_calls=False, ledger=Ledger(folder / "duf.jsonl")).ledger
    journal = MockWebSak(ledger=Ledger(folder / "websak.jsonl")).ledger
    applied: Counter[str] = duf + journal
    doubled = sorted(k for k, n in applied.items() if n != 1)
    if doubled:
        problems.append(f"{len(doubled)} keys took effect more than once, e.g. {doubled[:3]}")
    keys = {i.key for i in items}
    missing = sorted(keys - set(applied))
    if missing:
        problems.append(f"{len(missing)} keys never reached DUF/WebSak, e.g. {missing[:3]}")
    unasked = sorted(set(applied) - keys)
    if unasked:
        problems.append(f"{len(unasked)} keys applied without an outbox item: {unasked[:3]}")
    lines = (folder / "calls.log").read_text(encoding="utf-8").splitlines()
    outcomes = [line.split(" ", 1) for line in lines if " " in line]
    oks = Counter(key for outcome, key in outcomes if outcome == "ok")
    return Verdict(
        effects=len(items),
        delivered=len(items) - len(undelivered),
        calls=len(outcomes),
        injected_faults=sum(1 for outcome, _ in outcomes if outcome == "fault"),
        repeated_sends=sum(n - 1 for n in oks.values()),
        duf_applied=sum(duf.values()),
        journal_registered=sum(journal.values()),
        problems=tuple(problems),
    )
