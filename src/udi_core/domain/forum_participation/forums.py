"""The forum catalogue: the international forums UDI takes part in (annex 2 of the IM).

Annex 2 (vedlegg 2) is not in the seed text. The catalogue is therefore data the caller
can extend or override (:meth:`ForumCatalogue.with_forums`), seeded with the forums the
IM names in §4.1: Schengen, EASO, EMN, GDISC (leader level) and NU (leader level), whose
minutes go to the ministry when JD does not attend (IFP-11).

Seeded values the seed text does not state, and which the caller should correct from
annex 2: the level (GDISC and NU meet at leader level and are taken as strategic, the
others as operational), the responsible coordinator (AUA Internasjonal enhet, the IM's
contact point, for all of them) and ``jd_usually_attends`` (False for all: the IM lists
these forums precisely for meetings JD does not attend).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable

from attrs import field, frozen
from returns.result import Failure, Result, Success

from udi_core.domain.kernel.errors import InvalidInput
from udi_core.domain.kernel.identifiers import UnitId
from udi_core.domain.kernel.organisation import NamedUnits

_CODE = re.compile(r"^[A-Za-z0-9ÆØÅæøå][A-Za-z0-9ÆØÅæøå _.-]{0,39}$")


class ForumLevel(enum.Enum):
    """Where the forum's topics sit (IFP-05)."""

    STRATEGIC = "strategic"  # overordnet, strategisk nivå: AUA attends
    OPERATIONAL = "operational"  # tolkning av regelverk og/eller praksis: departments attend


def _check_code(_inst: object, _attr: object, value: str) -> None:
    if not _CODE.match(value):
        raise ValueError(f"{value!r} is not a forum code (1-40 letters, digits, ' ._-')")


@frozen
class Forum:
    """One forum: its code, name, level, responsible coordinator and ministry flags."""

    code: str = field(validator=_check_code)
    name: str
    level: ForumLevel
    coordinator: UnitId
    minutes_to_ministry: bool = False  # IFP-11: Schengen, EASO, EMN, GDISC, NU
    jd_usually_attends: bool = False
    leader_level: bool = False  # the forum meets at leader level (ledernivå)


def _by_code(forums: Iterable[Forum]) -> tuple[Forum, ...]:
    table: dict[str, Forum] = {}
    for forum in forums:
        table[forum.code.casefold()] = forum
    return tuple(sorted(table.values(), key=lambda f: f.code.casefold()))


@frozen
class ForumCatalogue:
    """An immutable set of forums, looked up by code (case-insensitive)."""

    forums: tuple[Forum, ...] = field(converter=_by_code)

    @classmethod
    def seeded(cls) -> ForumCatalogue:
        """The forums the IM names (§4.1), with the assumptions in the module docstring."""
        return cls(SEEDED_FORUMS)

    def with_forums(self, forums: Iterable[Forum]) -> ForumCatalogue:
        """A catalogue with ``forums`` added; a forum with a known code replaces it."""
        return ForumCatalogue((*self.forums, *forums))

    def get(self, code: str) -> Forum | None:
        wanted = code.strip().casefold()
        return next((f for f in self.forums if f.code.casefold() == wanted), None)

    def lookup(self, code: object, field: str = "forum") -> Result[Forum, InvalidInput]:
        """The forum with ``code``, or an InvalidInput listing the known codes."""
        found = self.get(code) if isinstance(code, str) else None
        if found is None:
            known = ", ".join(f.code for f in self.forums)
            return Failure(InvalidInput(field, f"a forum in the catalogue ({known})", str(code)))
        return Success(found)


_IGS = NamedUnits.AUA_IGS.id

SEEDED_FORUMS: tuple[Forum, ...] = (
    Forum("Schengen", "Schengen-samarbeidet", ForumLevel.OPERATIONAL, _IGS, True),
    Forum("EASO", "European Asylum Support Office", ForumLevel.OPERATIONAL, _IGS, True),
    Forum("EMN", "European Migration Network", ForumLevel.OPERATIONAL, _IGS, True),
    Forum(
        "GDISC",
        "General Directors' Immigration Services Conference (ledernivå)",
        ForumLevel.STRATEGIC,
        _IGS,
        True,
        leader_level=True,
    ),
    Forum(
        "NU",
        "Nordisk utlendingsutvalg (ledernivå)",
        ForumLevel.STRATEGIC,
        _IGS,
        True,
        leader_level=True,
    ),
)
