from __future__ import annotations

from datetime import date

import pytest

from udi_core.domain.catalog import RULES
from udi_core.domain.kernel.advisories import Advisory
from udi_core.domain.kernel.errors import Breach, RuleViolation, refuse
from udi_core.domain.kernel.identifiers import ImId
from udi_core.domain.kernel.rules import Modality, Rule, RuleRegistry


def _rule(rule_id: str, modality: Modality = Modality.MUST, day: date = date(2015, 1, 22)) -> Rule:
    return Rule(
        rule_id, modality, ImId(2015, 2), "§3", day, f"title {rule_id}", f"tittel {rule_id}"
    )


def test_rule_knows_its_source_and_titles() -> None:
    rule = _rule("SHR-05")
    assert rule.source == "IM 2015-002 §3"
    assert rule.title("nb") == "tittel SHR-05"
    assert rule.title("en") == "title SHR-05"
    assert rule.in_force(date(2015, 1, 22))
    assert not rule.in_force(date(2015, 1, 21))


def test_rule_ids_have_one_form() -> None:
    for bad in ("SHR5", "shr-05", "SHR-5", "SHR-05x1"):
        with pytest.raises(ValueError, match="rule id"):
            _rule(bad)


def test_registry_sorts_by_prefix_and_number_and_refuses_duplicates() -> None:
    registry = RuleRegistry.of([_rule("SP-10"), _rule("SP-02"), _rule("IFP-01"), _rule("SP-03b")])
    assert [r.id for r in registry] == ["IFP-01", "SP-02", "SP-03b", "SP-10"]
    assert "SP-02" in registry
    assert registry.get("XX-01") is None
    with pytest.raises(ValueError, match="twice"):
        RuleRegistry.of([_rule("SP-02"), _rule("SP-02", Modality.SHOULD)])


def test_registry_filters_by_date_and_modality() -> None:
    later = _rule("CN-09", day=date(2019, 9, 23))
    registry = RuleRegistry.of([_rule("CN-01"), later, _rule("CN-05", Modality.CADENCE)])
    assert later not in registry.in_force(date(2019, 9, 22))
    assert later in registry.in_force(date(2019, 9, 23))
    assert [r.id for r in registry.by_modality(Modality.CADENCE)] == ["CN-05"]


def test_a_refusal_names_rule_and_source() -> None:
    error = refuse(_rule("SHR-05"), "no second signature").failure()
    assert error.rule_ids == ("SHR-05",)
    assert "SHR-05 (IM 2015-002 §3)" in error.describe()
    assert "no second signature" in error.describe()
    assert error.describe("nb").startswith("Avvist")
    with pytest.raises(ValueError, match="at least one"):
        RuleViolation(())
    two = RuleViolation((Breach(_rule("SP-03"), "a"), Breach(_rule("SP-05"), "b")))
    assert two.rule_ids == ("SP-03", "SP-05")


def test_advisories_point_at_should_rules_only() -> None:
    should = _rule("SHR-02", Modality.SHOULD)
    assert Advisory(should, "no basis").describe().startswith("SHR-02 (IM 2015-002 §3)")
    with pytest.raises(ValueError, match="SHOULD"):
        Advisory(_rule("SHR-05"), "x")


def test_catalogue_rules_are_well_formed() -> None:
    for rule in RULES:
        assert rule.title_en
        assert rule.title_nb
        assert rule.valid_from >= date(2011, 1, 1)
