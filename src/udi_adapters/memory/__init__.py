"""The in-memory store: transactions with optimistic concurrency, for tests and demos."""

from udi_adapters.memory.store import MemoryStore

__all__ = ["MemoryStore"]
