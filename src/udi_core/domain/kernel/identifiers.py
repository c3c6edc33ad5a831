"""Validated identifiers: DUF case number, WebSak case and document numbers, IM id, ids.

Each has ``parse(raw, field=...) -> Result[T, InvalidInput]`` for untrusted input; the
constructor itself rejects malformed values with ``ValueError`` (a programming error).
"""

from __future__ import annotations

import re
from typing import Self

from attrs import field, frozen
from returns.result import Failure, Result, Success

from udi_core.domain.kernel.errors import InvalidInput, invalid

_DUF = re.compile(r"^(\d{4})\s?(\d{6})\s?(\d{2})$")
_ARCHIVE_CASE = re.compile(r"^(\d{2})/(\d{1,6})$")
_DOCUMENT = re.compile(r"^(\d{2})/(\d{1,6})-(\d{1,4})$")
_IM = re.compile(r"^IM (\d{4})-(\d{3})$")
_SLUG = re.compile(r"^[A-Za-z0-9ÆØÅæøå][A-Za-z0-9ÆØÅæøå._-]{0,63}$")


@frozen(order=True)
class DufCaseNumber:
    """A case number in DUF: twelve digits, written ``YYYYNNNNNNNN`` (spaces allowed)."""

    value: str = field()

    EXPECTED = "a DUF case number of 12 digits, e.g. 201512345601"

    @value.validator
    def _check(self, _attr: object, value: str) -> None:
        if not (len(value) == 12 and value.isascii() and value.isdigit()):
            raise ValueError(f"{value!r} is not {self.EXPECTED}")

    @classmethod
    def parse(cls, raw: object, field: str = "duf_case") -> Result[Self, InvalidInput]:
        if isinstance(raw, str) and (m := _DUF.match(raw.strip())):
            return Success(cls("".join(m.groups())))
        return invalid(field, cls.EXPECTED, raw)

    def __str__(self) -> str:
        return self.value


@frozen(order=True)
class ArchiveCaseNumber:
    """A WebSak (Noark 5) archive case number ``YY/NNNNN``: year and sequence number."""

    year: int = field()
    sequence: int = field()

    EXPECTED = "an archive case number YY/NNNNN, e.g. 16/02035"

    @year.validator
    def _check_year(self, _attr: object, value: int) -> None:
        if not 0 <= value <= 99:
            raise ValueError(f"archive case year {value} is not two digits")

    @sequence.validator
    def _check_sequence(self, _attr: object, value: int) -> None:
        if not 1 <= value <= 999_999:
            raise ValueError(f"archive case sequence {value} is out of range")

    @classmethod
    def parse(cls, raw: object, field: str = "archive_case") -> Result[Self, InvalidInput]:
        if isinstance(raw, str) and (m := _ARCHIVE_CASE.match(raw.strip())):
            year, seq = int(m.group(1)), int(m.group(2))
            if seq >= 1:
                return Success(cls(year, seq))
        return invalid(field, cls.EXPECTED, raw)

    def __str__(self) -> str:
        return f"{self.year:02d}/{self.sequence:05d}"


@frozen(order=True)
class DocumentNumber:
    """A WebSak document number ``YY/NNNNN-D``: the archive case and the document's number."""

    case: ArchiveCaseNumber
    document: int = field()

    EXPECTED = "a document number YY/NNNNN-D, e.g. 16/02035-7"

    @document.validator
    def _check_document(self, _attr: object, value: int) -> None:
        if not 1 <= value <= 9999:
            raise ValueError(f"document number {value} is out of range")

    @classmethod
    def parse(cls, raw: object, field: str = "document_number") -> Result[Self, InvalidInput]:
        if isinstance(raw, str) and (m := _DOCUMENT.match(raw.strip())):
            year, seq, doc = (int(g) for g in m.groups())
            if seq >= 1 and doc >= 1:
                return Success(cls(ArchiveCaseNumber(year, seq), doc))
        return invalid(field, cls.EXPECTED, raw)

    def __str__(self) -> str:
        return f"{self.case}-{self.document}"


@frozen(order=True)
class ImId:
    """An internal message id ``IM YYYY-NNN``."""

    year: int = field()
    number: int = field()

    EXPECTED = "an IM id 'IM YYYY-NNN', e.g. IM 2015-002"

    @year.validator
    def _check_year(self, _attr: object, value: int) -> None:
        if not 1990 <= value <= 2999:
            raise ValueError(f"IM year {value} is out of range")

    @number.validator
    def _check_number(self, _attr: object, value: int) -> None:
        if not 1 <= value <= 999:
            raise ValueError(f"IM number {value} is out of range")

    @classmethod
    def parse(cls, raw: object, field: str = "im") -> Result[Self, InvalidInput]:
        if isinstance(raw, str) and (m := _IM.match(raw.strip())):
            year, number = int(m.group(1)), int(m.group(2))
            if 1990 <= year <= 2999 and number >= 1:
                return Success(cls(year, number))
        return invalid(field, cls.EXPECTED, raw)

    def __str__(self) -> str:
        return f"IM {self.year}-{self.number:03d}"


def _slug_parse(raw: object, field: str, expected: str) -> Result[str, InvalidInput]:
    if isinstance(raw, str) and _SLUG.match(raw):
        return Success(raw)
    return invalid(field, expected, raw)


@frozen(order=True)
class EmployeeId:
    """An employee's user id (letters, digits, '.', '_' or '-'; at most 64)."""

    value: str = field()

    EXPECTED = "an employee id of letters, digits, '.', '_' or '-' (1-64 characters)"

    @value.validator
    def _check(self, _attr: object, value: str) -> None:
        if not _SLUG.match(value):
            raise ValueError(f"{value!r} is not {self.EXPECTED}")

    @classmethod
    def parse(cls, raw: object, field: str = "employee") -> Result[Self, InvalidInput]:
        return _slug_parse(raw, field, cls.EXPECTED).map(cls)

    def __str__(self) -> str:
        return self.value


@frozen(order=True)
class UnitId:
    """An organisational unit's id (letters, digits, '.', '_' or '-'; at most 64)."""

    value: str = field()

    EXPECTED = "a unit id of letters, digits, '.', '_' or '-' (1-64 characters)"

    @value.validator
    def _check(self, _attr: object, value: str) -> None:
        if not _SLUG.match(value):
            raise ValueError(f"{value!r} is not {self.EXPECTED}")

    @classmethod
    def parse(cls, raw: object, field: str = "unit") -> Result[Self, InvalidInput]:
        return _slug_parse(raw, field, cls.EXPECTED).map(cls)

    def __str__(self) -> str:
        return self.value


def require_text(raw: object, field: str, *, max_len: int = 500) -> Result[str, InvalidInput]:
    """Free text: a non-empty string of at most ``max_len`` characters, without NUL."""
    if isinstance(raw, str):
        text = raw.strip()
        if text and len(text) <= max_len and "\x00" not in text:
            return Success(text)
    return Failure(
        InvalidInput(field, f"non-empty text of at most {max_len} characters", repr(raw)[:80])
    )
