"""Bad input through every boundary: hypothesis mutates good payloads of every command
(through the command bus, and through ``udi exec --json``) and good plain data of every
value object and aggregate state (through ``udi_core.serialization.structure``): zero
uncaught exceptions, zero partial writes, every InvalidInput and NotFound names a field;
the CLI exits 0, 1 or 2 with one JSON answer and never a traceback."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.reliability.authorization import network_world
from tests.reliability.bad_input import (
    ALL_PREPARATIONS,
    bad_values,
    check_cli,
    check_command,
    check_value,
    mutated,
    right_payloads,
    value_types,
)
from udi_core.app import bootstrap
from udi_core.serialization import unstructure

VALUE_TYPES = value_types()


def test_every_command_on_the_bus_has_a_good_payload_to_mutate() -> None:
    bus = {t.__name__ for t in bootstrap({"store": "memory"}).unwrap().commands.command_types}
    assert set(ALL_PREPARATIONS) == bus


@pytest.mark.parametrize("name", sorted(ALL_PREPARATIONS))
def test_malformed_payloads_of_every_command_are_clean_failures(name: str) -> None:
    prepared = ALL_PREPARATIONS[name]()
    tally: Counter[str] = Counter()

    @given(mutated(dict(prepared.right), frozenset({"command"})))
    def attempt(data: object) -> None:
        check_command(prepared, data, tally)

    attempt()
    assert tally["payloads"] > 0
    assert tally["payloads"] > tally["accepted"], "no mutation was refused: nothing was tested"


@given(
    st.one_of(
        bad_values,
        mutated({"command": "SubmitAgendaItem", "actor": "asa1", "network": "fgm", "topic": "t"}),
    )
)
def test_payloads_that_are_not_a_command_at_all_are_clean_failures(data: object) -> None:
    check_command(ALL_PREPARATIONS["SubmitAgendaItem"](), data, Counter())


def test_a_lone_surrogate_or_nul_in_free_text_is_refused_or_kept_exactly() -> None:
    prepared = ALL_PREPARATIONS["SubmitAgendaItem"]()
    tally: Counter[str] = Counter()
    for topic in ("\ud800", "a\x00b", "\u202eevil", "x" * 100_000):
        check_command(prepared, {**prepared.right, "topic": topic}, tally)
    assert tally["InvalidInput"] == 2  # NUL and the huge text
    assert tally["accepted"] == 2


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite file with the organisation and the three coordinator networks."""
    setting = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'udi.sqlite3'}"
    network_world(store=setting).close()
    return setting


@given(
    st.one_of(
        st.sampled_from(sorted(ALL_PREPARATIONS)).flatmap(
            lambda name: mutated(dict(right_payloads()[name]), frozenset({"command"}))
        ),
        bad_values,
    ).map(json.dumps)
    | st.text(st.characters(codec="utf-8"), max_size=60)
)
def test_udi_exec_answers_malformed_json_payloads_with_exit_2_or_1_and_json(
    cli_store: str, text: str
) -> None:
    check_cli(cli_store, text, Counter())


def test_udi_exec_refuses_with_exit_1_and_the_rule(cli_store: str, tmp_path: Path) -> None:
    tally: Counter[str] = Counter()
    refused = {**right_payloads()["SubmitAgendaItem"], "actor": "cas"}
    check_cli(cli_store, json.dumps(refused), tally)
    assert tally["cli exit 1"] == 1
    check_cli(cli_store, '{"command": "SubmitAgendaItem", "actor": 7}', tally)
    assert tally["cli exit 2"] == 1


@pytest.mark.parametrize("name", sorted(VALUE_TYPES))
def test_malformed_data_for_every_value_object_is_invalid_input_naming_a_path(name: str) -> None:
    cls, good = VALUE_TYPES[name]
    tally: Counter[str] = Counter()

    @given(good.map(unstructure).flatmap(mutated))
    def attempt(data: object) -> None:
        check_value(cls, data, tally)

    attempt()
    assert tally["values refused"] > 0
