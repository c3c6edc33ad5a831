from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from returns.result import Failure, Success

from udi_core.domain.kernel.errors import InvalidInput
from udi_core.domain.kernel.identifiers import (
    ArchiveCaseNumber,
    DocumentNumber,
    DufCaseNumber,
    EmployeeId,
    ImId,
    UnitId,
    require_text,
)
from udi_core.serialization import structure, unstructure
from udi_core.testing.strategies import VALUE_OBJECTS


@pytest.mark.parametrize(
    ("cls", "raw", "shown"),
    [
        (DufCaseNumber, "201512345601", "201512345601"),
        (DufCaseNumber, "2015 123456 01", "201512345601"),
        (ArchiveCaseNumber, "16/02035", "16/02035"),
        (ArchiveCaseNumber, "14/4584", "14/04584"),
        (DocumentNumber, "16/02035-7", "16/02035-7"),
        (DocumentNumber, "10/4296-30", "10/04296-30"),
        (ImId, "IM 2015-002", "IM 2015-002"),
        (EmployeeId, "kari.nordmann", "kari.nordmann"),
        (UnitId, "OPA-E1", "OPA-E1"),
    ],
)
def test_parse_accepts_the_documented_forms(cls: Any, raw: str, shown: str) -> None:
    parsed = cls.parse(raw)
    assert isinstance(parsed, Success)
    assert str(parsed.unwrap()) == shown


@pytest.mark.parametrize(
    ("cls", "raw"),
    [
        (DufCaseNumber, "20151234560"),
        (DufCaseNumber, "2015123456O1"),
        (DufCaseNumber, 201512345601),
        (ArchiveCaseNumber, "2016/02035"),
        (ArchiveCaseNumber, "16/00000"),
        (ArchiveCaseNumber, "16-02035"),
        (DocumentNumber, "16/02035"),
        (DocumentNumber, "16/02035-0"),
        (ImId, "IM 15-002"),
        (ImId, "im 2015-002"),
        (ImId, "IM 2015-000"),
        (EmployeeId, ""),
        (EmployeeId, "kari nordmann"),
        (EmployeeId, "x" * 65),
        (UnitId, "'; DROP TABLE units; --"),
        (UnitId, None),
    ],
)
def test_parse_names_the_field_and_the_expected_form(cls: Any, raw: object) -> None:
    parsed = cls.parse(raw, field="payload.thing")
    assert isinstance(parsed, Failure)
    error = parsed.failure()
    assert isinstance(error, InvalidInput)
    assert error.field == "payload.thing"
    assert error.expected == cls.EXPECTED


def test_constructor_rejects_malformed_values() -> None:
    with pytest.raises(ValueError, match="12 digits"):
        DufCaseNumber("123")
    with pytest.raises(ValueError, match="out of range"):
        ImId(2015, 0)


def test_require_text() -> None:
    assert require_text("  ok ", "f") == Success("ok")
    for bad in ("", "   ", "a\x00b", "x" * 501, 7):
        result = require_text(bad, "title")
        assert isinstance(result, Failure)
        assert result.failure().field == "title"


@given(
    st.sampled_from(sorted(VALUE_OBJECTS, key=lambda t: t.__name__)).flatmap(
        lambda t: st.tuples(st.just(t), VALUE_OBJECTS[t])
    )
)
def test_every_value_object_round_trips_through_cattrs(pair: tuple[type, object]) -> None:
    cls, value = pair
    assert structure(unstructure(value), cls) == Success(value)


@given(st.from_regex(r"\A\d{2}/\d{1,6}-\d{1,4}\Z"))
def test_document_numbers_render_canonically(raw: str) -> None:
    parsed = DocumentNumber.parse(raw)
    if isinstance(parsed, Success):
        again = DocumentNumber.parse(str(parsed.unwrap()))
        assert again == parsed
