"""The authorization matrix: every command on the bus, tried by everyone in the prepared
organisation who may not perform it, is refused under the rule that says who may (the
command's AUTHORITY, or its routine's documented equivalent), and nothing changes. Then
the right actor performs it, proving the state was one where the command can succeed.

The matrix is generated from the command bus and the rule registry: a command type with
no entry in ``PREPARATIONS`` (and no reasoned exemption) fails the first test."""

from __future__ import annotations

import pytest
from returns.result import Failure, Success

from tests.reliability.authorization import (
    EQUIVALENT_RULES,
    EXEMPT,
    KNOWN_GAPS,
    ORGANISATION_ADMINISTRATOR,
    PREPARATIONS,
    attempt,
    authority_of,
    is_proper_refusal,
)
from udi_core.app import bootstrap
from udi_core.domain import catalog
from udi_core.domain.kernel.errors import RuleViolation

COMMAND_TYPES = {
    t.__name__: t for t in bootstrap({"store": "memory"}).unwrap().commands.command_types
}


def test_every_command_on_the_bus_has_a_matrix_entry_or_a_reasoned_exemption() -> None:
    names = set(COMMAND_TYPES)
    assert names - set(PREPARATIONS) - set(EXEMPT) == set(), "commands left out of the matrix"
    assert set(PREPARATIONS) - names == set(), "entries for commands not on the bus"
    assert set(PREPARATIONS) & set(EXEMPT) == set()
    for name in EXEMPT:
        assert authority_of(COMMAND_TYPES[name]) == ORGANISATION_ADMINISTRATOR
    for name in PREPARATIONS:
        assert authority_of(COMMAND_TYPES[name]) in catalog.RULES, name
    for rule_id, _why in EQUIVALENT_RULES.values():
        assert rule_id in catalog.RULES
    assert set(KNOWN_GAPS) <= set(PREPARATIONS)


def _case(name: str) -> object:
    if name in KNOWN_GAPS:
        return pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_GAPS[name], strict=True))
    return name


@pytest.mark.parametrize("name", [_case(n) for n in sorted(PREPARATIONS)])
def test_everyone_else_is_refused_by_the_authority_rule_and_nothing_changes(name: str) -> None:
    command_type = COMMAND_TYPES[name]
    prepared = PREPARATIONS[name]()
    wrong = prepared.wrong
    assert len(wrong) >= 10, "too few wrong actors to prove anything"
    improper = [
        a
        for a in (attempt(prepared, name, actor) for actor in wrong)
        if not is_proper_refusal(a, command_type)
    ]
    assert improper == []
    result = prepared.app.commands.execute_payload(dict(prepared.right))
    if prepared.allowed:
        assert isinstance(result, Success), result.failure().describe()
    else:  # nobody may perform it: the right payload is refused by the same rule
        assert isinstance(result, Failure)
        failure = result.failure()
        assert isinstance(failure, RuleViolation)
        assert authority_of(command_type) in failure.rule_ids


def test_a_refusal_names_the_rule_and_its_source() -> None:
    prepared = PREPARATIONS["EndReview"]()
    refused = attempt(prepared, "EndReview", "cas")  # a caseworker ending their own review
    assert refused.outcome == "refused"
    assert "SHR-07" in refused.rule_ids
    assert "SHR-07 (IM 2015-002 §" in refused.detail
    assert not refused.changed
