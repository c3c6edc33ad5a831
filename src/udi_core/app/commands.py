"""Commands as typed payloads, and one dispatcher for all of them.

Every command is a frozen attrs class whose fields are plain data (strings, numbers,
ISO dates, lists of those), so it can come from Python, from ``--json`` on the command
line or from another system's message, through the same cattrs boundary. Each command
names the acting person (``actor``) and the rule that says who may perform it
(``AUTHORITY``), which the authorization tests enumerate.

A service contributes ``handlers()``: command type -> handler. :class:`CommandBus` finds
the handler for a command object, or structures a ``{"command": "Name", ...}`` payload
first; a bad payload is an ``InvalidInput`` naming the field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, Protocol

from returns.result import Failure, Result

from udi_core.domain.kernel.errors import DomainError, InvalidInput
from udi_core.serialization import structure

Handler = Callable[[Any], Result[Any, DomainError]]


def strings(raw: Iterable[str]) -> tuple[str, ...]:
    """The converter of a command's list-of-text field: a typed ``tuple``, so type
    checkers see ``tuple[str, ...]`` where ``converter=tuple`` would lose the item type."""
    return tuple(raw)


class Command(Protocol):
    """What every command class has."""

    AUTHORITY: ClassVar[str]

    @property
    def actor(self) -> str: ...


class Service(Protocol):
    def handlers(self) -> Mapping[type, Handler]: ...


class CommandBus:
    def __init__(self, services: Iterable[Service]) -> None:
        self._handlers: dict[type, Handler] = {}
        for service in services:
            for command_type, handler in service.handlers().items():
                if command_type in self._handlers:
                    raise ValueError(f"{command_type.__name__} has two handlers")
                self._handlers[command_type] = handler
        self._by_name = {t.__name__: t for t in self._handlers}

    @property
    def command_types(self) -> tuple[type, ...]:
        return tuple(sorted(self._handlers, key=lambda t: t.__name__))

    def execute(self, command: object) -> Result[Any, DomainError]:
        handler = self._handlers.get(type(command))
        if handler is None:
            return Failure(InvalidInput("command", "a known command", type(command).__name__))
        return handler(command)

    def parse(self, payload: object) -> Result[object, InvalidInput]:
        """A command object from ``{"command": "Name", ...fields}``."""
        if not isinstance(payload, Mapping):
            return Failure(InvalidInput("$", "an object with a 'command' key", repr(payload)[:80]))
        name = payload.get("command")
        command_type = self._by_name.get(name) if isinstance(name, str) else None
        if command_type is None:
            known = ", ".join(sorted(self._by_name))
            return Failure(InvalidInput("$.command", f"one of {known}", str(name)[:80]))
        body = {k: v for k, v in payload.items() if k != "command"}
        return structure(body, command_type)

    def execute_payload(self, payload: object) -> Result[Any, DomainError]:
        parsed = self.parse(payload)
        if isinstance(parsed, Failure):
            return Failure(parsed.failure())
        return self.execute(parsed.unwrap())
