"""External effects a command asks for: DUF marking codes and WebSak journal posts.

They are pure data with an idempotency key. The unit of work stores them in the outbox
with the state change; a dispatcher delivers them through the ports, once in effect.
"""

from __future__ import annotations

import re

from attrs import field, frozen

from udi_core.domain.kernel.identifiers import DufCaseNumber
from udi_core.domain.kernel.noark5 import JournalPost

_CODE = re.compile(r"^[A-ZÆØÅ0-9][A-ZÆØÅ0-9_-]{0,31}$")
_KEY = re.compile(r"^[\w.:/@+-]{1,200}$")


def _check_key(_inst: object, _attr: object, value: str) -> None:
    if not _KEY.match(value):
        raise ValueError(f"idempotency key {value!r} is not 1-200 word characters or .:/@+-")


def valid_marking_code(code: str) -> bool:
    """A DUF marking code: upper-case letters, digits, '_' or '-' (at most 32), e.g. "MH"."""
    return bool(_CODE.match(code))


def _check_code(_inst: object, _attr: object, value: str) -> None:
    if not valid_marking_code(value):
        raise ValueError(f"{value!r} is not a DUF marking code")


@frozen
class AddDufCode:
    key: str = field(validator=_check_key)
    case: DufCaseNumber
    code: str = field(validator=_check_code)


@frozen
class RemoveDufCode:
    key: str = field(validator=_check_key)
    case: DufCaseNumber
    code: str = field(validator=_check_code)


@frozen
class PostJournal:
    key: str = field(validator=_check_key)
    post: JournalPost


Effect = AddDufCode | RemoveDufCode | PostJournal
