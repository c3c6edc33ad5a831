"""Ports: the Protocols the core needs from the outside world, and the pluggy hookspecs.

- persistence: :class:`UnitOfWork`, :class:`AggregateRepository`, the event log, outbox,
  obligation store, advisory log and organisation repository, behind a :class:`Store`.
- external: :class:`DufMarking` (DUF marking codes), :class:`Journal` (WebSak, Noark 5)
  and :class:`Clock`.
- plugins: the ``udi`` pluggy project, its hookspecs and the typed adapter registry.
"""
