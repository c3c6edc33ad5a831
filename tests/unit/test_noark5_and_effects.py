from __future__ import annotations

from typing import Any

import pytest
from attrs import evolve
from hypothesis import given
from returns.result import Success

from udi_core.domain.kernel.effects import AddDufCode, Effect, PostJournal
from udi_core.domain.kernel.identifiers import ArchiveCaseNumber, DufCaseNumber
from udi_core.domain.kernel.noark5 import (
    Document,
    DocumentRole,
    JournalPost,
    Journalposttype,
    Korrespondansepart,
    Korrespondanseparttype,
)
from udi_core.serialization import structure, unstructure
from udi_core.testing import strategies

KP = Korrespondanseparttype


def _note() -> JournalPost:
    return JournalPost(
        ArchiveCaseNumber(26, 12),
        Journalposttype.INTERNAL_NO_FOLLOW_UP,
        "Intern rapportering fra møte – EMN – returns",
        "Intern rapportering fra møte – internasjonale fora",
        (
            Korrespondansepart(KP.INTERNAL_SENDER, "Kari"),
            Korrespondansepart(KP.INTERNAL_RECIPIENT, "AUA Internasjonal enhet", "IGS"),
        ),
        (Document("Rapport", DocumentRole.MAIN),),
    )


def test_a_well_formed_internal_note_has_no_problems() -> None:
    assert _note().problems() == ()


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"documents": ()}, "exactly one main document"),
        (
            {"documents": (Document("a", DocumentRole.MAIN), Document("b", DocumentRole.MAIN))},
            "exactly one main document",
        ),
        ({"title": "  "}, "title"),
        ({"parties": ()}, "at least one korrespondansepart"),
        ({"parties": (Korrespondansepart(KP.INTERNAL_SENDER, "Kari"),)}, "internal recipient"),
        (
            {
                "parties": (
                    Korrespondansepart(KP.INTERNAL_RECIPIENT, "IGS"),
                    Korrespondansepart(KP.RECIPIENT, "JD"),
                )
            },
            "internal parties only",
        ),
        ({"type": Journalposttype.OUTGOING}, "recipient (EM)"),
        ({"type": Journalposttype.INCOMING}, "sender (EA)"),
    ],
)
def test_noark5_problems_are_named(change: dict[str, Any], problem: str) -> None:
    post = evolve(_note(), **change)
    assert any(problem in p for p in post.problems()), post.problems()


def test_effects_check_their_key_and_code() -> None:
    case = DufCaseNumber("201512345601")
    with pytest.raises(ValueError, match="marking code"):
        AddDufCode("k", case, "mh")
    with pytest.raises(ValueError, match="idempotency key"):
        AddDufCode("k with spaces", case, "MH")


@given(strategies.effects)
def test_effects_round_trip_through_cattrs_with_a_type_tag(effect: Effect) -> None:
    data = unstructure(effect)
    assert data["type"] == type(effect).__name__
    assert structure(data, Effect) == Success(effect)


def test_bad_payload_names_the_path() -> None:
    data: Any = unstructure(PostJournal("k1", _note()))
    data["post"]["parties"][1]["type"] = "XX"
    result: Any = structure(data, Effect)
    assert result.failure().field == "$.post.parties[1].type"
    data["post"]["parties"][1]["type"] = "IM"
    data["post"]["surprise"] = 1
    result = structure(data, Effect)
    assert result.failure().field == "$.post"
    assert "surprise" in result.failure().got
    del data["post"]["surprise"]
    data["post"]["archive_case"] = "2026/12"
    assert structure(data, Effect).failure().field == "$.post.archive_case"
    assert structure({"type": "Nope"}, Effect).failure().got == "Nope"
