"""Racing writers on shared aggregates: the harness behind the concurrency test and figures.

``race(setting, writers, per_writer)`` starts ``writers`` threads, each with its own app
(its own engine, so its own database sessions) on one store, and has each perform
``per_writer`` routine commands on the three coordinator networks: members submit agenda
items (CN-07) and the coordinator records meetings (CN-01/CN-05). Every command appends
exactly one event. A stale write comes back as a typed ``ConcurrencyConflict``; the
writer (the caller) retries the same payload until it commits. Anything else is an error.

``check(setting, outcome)`` then proves, from the store alone:

- each network's event versions run 1..n with no gap and no duplicate;
- every committed command left exactly one event, and no event lacks a command;
- the stored state equals the fold of the stored events;
- the stored state equals a serial replay of the committed commands (in version order)
  on a fresh in-memory app.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Mapping
from typing import Any

from attrs import frozen
from returns.result import Failure

from udi_core.app import App, bootstrap
from udi_core.domain.coordinator_network import KIND, CoordinatorNetwork, evolve_network
from udi_core.domain.coordinator_network.model import (
    AgendaItemSubmitted,
    MeetingHeld,
    NetworkEstablished,
    established,
)
from udi_core.domain.kernel.aggregate import fold
from udi_core.domain.kernel.errors import ConcurrencyConflict

NOW = "2026-03-02T09:00:00+01:00"
NETWORKS = ("violence", "fgm", "trafficking")
COORDINATOR = "lead"
MEMBER = "asa1"
PEOPLE = {"igs": "AUA-IGS", COORDINATOR: "AUA-RVE", MEMBER: "ASA-KOR"}


def prepared_app(setting: str) -> App:
    """An app on ``setting`` with the people, and the three networks with one member."""
    app = bootstrap({"store": setting, "clock": f"fixed:{NOW}"}).unwrap()
    app.organisation.ensure_named_units().unwrap()
    for person, unit in PEOPLE.items():
        app.organisation.register_employee(person, person.title(), unit).unwrap()
    for network in NETWORKS:
        app.networks.establish("igs", network, COORDINATOR).unwrap()
        role = "contact_person" if network == "trafficking" else "representative"
        app.networks.appoint(COORDINATOR, network, MEMBER, role).unwrap()
    return app


def command(writer: int, n: int) -> dict[str, Any]:
    """The ``n``-th command of ``writer``: its network overlaps with every other writer's."""
    network = NETWORKS[(writer + n) % len(NETWORKS)]
    tag = f"w{writer}-c{n}; '); DROP TABLE events; --"
    if n % 3 == 2:  # half held today (taking up the open agenda), half backdated
        day = NOW[:10] if n % 2 else f"2026-0{1 + n % 4 // 2}-{1 + n % 28:02d}"
        return {
            "command": "RecordMeeting",
            "actor": COORDINATOR,
            "network": network,
            "held_on": day,
            "kind": "whole",
            "topic": tag,
        }
    actor = MEMBER if n % 2 else COORDINATOR
    return {"command": "SubmitAgendaItem", "actor": actor, "network": network, "topic": tag}


@frozen
class Committed:
    """A command that committed, and the version its event got."""

    network: str
    version: int
    payload: Mapping[str, Any]


@frozen
class RaceOutcome:
    writers: int
    per_writer: int
    committed: tuple[Committed, ...]
    conflicts: int
    retried_commands: int
    most_retries: int
    errors: tuple[str, ...]


def race(setting: str, writers: int, per_writer: int) -> RaceOutcome:
    """Run the writers to the end (``setting`` must already hold :func:`prepared_app`)."""
    apps = [bootstrap({"store": setting, "clock": f"fixed:{NOW}"}).unwrap() for _ in range(writers)]
    barrier = threading.Barrier(writers)
    lock = threading.Lock()
    committed: list[Committed] = []
    retries: Counter[tuple[int, int]] = Counter()
    errors: list[str] = []

    def work(writer: int, app: App) -> None:
        barrier.wait()
        for n in range(per_writer):
            payload = command(writer, n)
            while True:
                result = app.commands.execute_payload(payload)
                if isinstance(result, Failure):
                    failure = result.failure()
                    if isinstance(failure, ConcurrencyConflict):
                        with lock:
                            retries[writer, n] += 1
                        continue
                    with lock:
                        errors.append(f"{payload}: {failure.describe()}")
                    break
                with lock:
                    committed.append(
                        Committed(payload["network"], result.unwrap().version, payload)
                    )
                break

    threads = [threading.Thread(target=work, args=(w, a)) for w, a in enumerate(apps)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for app in apps:
        app.close()
    return RaceOutcome(
        writers,
        per_writer,
        tuple(committed),
        sum(retries.values()),
        len(retries),
        max(retries.values(), default=0),
        tuple(errors),
    )


@frozen
class Verdict:
    """What :func:`check` found; ``problems`` is empty when everything holds."""

    events: int
    problems: tuple[str, ...]


def _replayed(outcome: RaceOutcome) -> dict[str, CoordinatorNetwork]:
    """The networks after running the committed commands one by one, in version order."""
    app = prepared_app("memory")
    for c in sorted(outcome.committed, key=lambda c: (c.network, c.version)):
        app.commands.execute_payload(dict(c.payload)).unwrap()
    states = {n: app.networks.network(n).unwrap() for n in NETWORKS}
    app.close()
    return states


def check(setting: str, outcome: RaceOutcome) -> Verdict:
    app = bootstrap({"store": setting, "clock": f"fixed:{NOW}"}).unwrap()
    problems: list[str] = [f"not a conflict: {e}" for e in outcome.errors]
    replayed = _replayed(outcome)
    events = 0
    for network in NETWORKS:
        history = app.queries.history(network, KIND.name)
        events += len(history)
        versions = [r.version for r in history]
        if versions != list(range(1, len(history) + 1)):
            problems.append(f"{network}: versions are not 1..{len(history)} once each")
        mine = sorted(c.version for c in outcome.committed if c.network == network)
        if len(set(mine)) != len(mine):
            problems.append(f"{network}: two commits were told the same version")
        topics = Counter(
            r.event.item.topic
            if isinstance(r.event, AgendaItemSubmitted)
            else r.event.meeting.topic
            for r in history
            if isinstance(r.event, AgendaItemSubmitted | MeetingHeld)
        )
        sent = Counter(str(c.payload["topic"]) for c in outcome.committed if c.network == network)
        if topics != sent:
            lost, extra = sent - topics, topics - sent
            problems.append(f"{network}: lost {sorted(lost)[:3]}, unrequested {sorted(extra)[:3]}")
        if not history or not isinstance(history[0].event, NetworkEstablished):
            problems.append(f"{network}: the history does not start with its establishment")
            continue
        folded = fold(evolve_network, established(history[0].event), [r.event for r in history[1:]])
        stored = app.networks.network(network).unwrap()
        if stored != folded:
            problems.append(f"{network}: the stored state is not the fold of its events")
        if stored != replayed[network]:
            problems.append(f"{network}: the stored state differs from a serial replay")
    app.close()
    return Verdict(events, tuple(problems))
