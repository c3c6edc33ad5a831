"""The SHR rules in the registry, decision ids and the reproducible drawing (SHR-09)."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from returns.result import Failure

from udi_core.domain import catalog
from udi_core.domain.kernel.identifiers import DufCaseNumber
from udi_core.domain.kernel.rules import Modality
from udi_core.domain.second_hand_review import KIND, DecisionRef, drawn_for_review
from udi_core.testing.strategies.second_hand_review import decision_refs


def test_every_rule_is_registered_with_its_modality_and_source() -> None:
    found = {r.id: r for r in catalog.RULES if r.id.startswith("SHR-")}
    assert sorted(found) == [f"SHR-0{n}" for n in range(1, 10)]
    assert found["SHR-02"].modality is Modality.SHOULD
    assert found["SHR-09"].modality is Modality.MAY
    musts = {i for i, r in found.items() if r.modality is Modality.MUST}
    assert musts == {"SHR-01", "SHR-03", "SHR-04", "SHR-05", "SHR-06", "SHR-07", "SHR-08"}
    for rule in found.values():
        assert rule.valid_from == date(2015, 1, 22)
        assert rule.source.startswith("IM 2015-002 §")
        assert rule.title_nb
        assert rule.title_en != rule.title_nb
    assert found["SHR-05"].source == "IM 2015-002 §3"
    assert "to underskrifter" in found["SHR-05"].title_nb
    assert catalog.kind_named("second_hand_review") is KIND
    assert KIND.routine == "IM 2015-002"


@pytest.mark.parametrize(
    "raw", ["", "201512345601", "201512345601-0", "201512345601-1000", "2015123456-1", 7, None]
)
def test_bad_decision_ids_name_the_field(raw: object) -> None:
    parsed = DecisionRef.parse(raw)
    assert isinstance(parsed, Failure)
    assert parsed.failure().field == "decision_id"


def test_decision_id_reads_and_writes() -> None:
    ref = DecisionRef.parse(" 201512345601-17 ").unwrap()
    assert ref == DecisionRef(DufCaseNumber("201512345601"), 17)
    assert str(ref) == "201512345601-17"


def test_drawing_is_sha256_of_the_id_modulo_100() -> None:
    ref = DecisionRef(DufCaseNumber("201512345601"), 1)
    bucket = int.from_bytes(hashlib.sha256(b"201512345601-1").digest()[:8], "big") % 100
    assert drawn_for_review(ref, bucket + 1)
    assert not drawn_for_review(ref, bucket)


@given(ref=decision_refs, share=st.integers(1, 99))
def test_drawing_is_monotone_in_the_share(ref: DecisionRef, share: int) -> None:
    assert drawn_for_review(ref, 100)
    assert not drawn_for_review(ref, 0)
    if drawn_for_review(ref, share):
        assert drawn_for_review(ref, share + 1)


def test_drawing_takes_about_the_share() -> None:
    refs = [DecisionRef(DufCaseNumber(f"2016{n:08d}"), 1) for n in range(2000)]
    drawn = sum(drawn_for_review(r, 30) for r in refs)
    assert 500 <= drawn <= 700
