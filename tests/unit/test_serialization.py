"""The cattrs boundary refuses shapes that only look right."""

from __future__ import annotations

from typing import Any

import pytest
from returns.result import Failure, Success

from udi_core.app import bootstrap
from udi_core.domain.kernel.errors import InvalidInput
from udi_core.domain.kernel.identifiers import DufCaseNumber, EmployeeId
from udi_core.domain.kernel.organisation import Department
from udi_core.serialization import structure


@pytest.mark.parametrize(
    ("raw", "cls"),
    [
        ("visa", tuple[str, ...]),
        ("ab", frozenset[str]),
        ({"a": 1}, tuple[str, ...]),
        ("ab", list[str]),
        (7, tuple[str, ...]),
    ],
)
def test_only_an_array_becomes_a_collection(raw: object, cls: Any) -> None:
    result = structure(raw, cls)
    assert result == Failure(InvalidInput("$", "a list", str(raw)))


def test_collections_keep_their_items_and_paths() -> None:
    assert structure(["a", "b"], tuple[str, ...]) == Success(("a", "b"))
    assert structure(["b", "a"], frozenset[str]) == Success(frozenset({"a", "b"}))
    assert structure(["x", 3], tuple[str, ...]) == Failure(InvalidInput("$[1]", "text", "3"))


def test_a_command_with_a_string_for_a_list_names_the_field() -> None:
    app = bootstrap({"store": "memory"}).unwrap()
    payload = {
        "command": "PlaceUnderReview",
        "actor": "leader",
        "unit_id": "OPA-E1",
        "employee_id": "ola",
        "ground": "new_hire",
        "case_fields": "visa",
        "reviewer_ids": ["rita"],
    }
    error = app.commands.execute_payload(payload).failure()
    assert isinstance(error, InvalidInput)
    assert error.field == "$.case_fields"
    assert error.expected == "a list"


def test_identifiers_read_the_same_each_time_and_bad_ones_stay_refused() -> None:
    class Text(str):
        """A str subclass: read without the remembered identifiers."""

    for _ in range(2):
        assert structure("kari", EmployeeId) == Success(EmployeeId("kari"))
        assert structure(Text("kari"), EmployeeId) == Success(EmployeeId("kari"))
        assert structure("2015 123456 01", DufCaseNumber) == Success(DufCaseNumber("201512345601"))
        bad: object = structure("kari nordmann", EmployeeId)
        assert bad == Failure(InvalidInput("$", EmployeeId.EXPECTED, "kari nordmann"))
        assert structure(["kari", "no way"], tuple[EmployeeId, ...]) == Failure(
            InvalidInput("$[1]", EmployeeId.EXPECTED, "no way")
        )


def test_an_enum_refuses_unhashable_and_unknown_values() -> None:
    expected = "one of " + ", ".join(repr(m.value) for m in Department)
    assert structure(["AUA"], Department) == Failure(InvalidInput("$", expected, "['AUA']"))
    assert structure("XYZ", Department) == Failure(InvalidInput("$", expected, "XYZ"))
    assert structure(Department.AUA.value, Department) == Success(Department.AUA)
