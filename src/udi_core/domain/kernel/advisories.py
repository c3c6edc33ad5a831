"""Advisories: a SHOULD rule that was not followed lets the command through with a note."""

from __future__ import annotations

from attrs import frozen

from udi_core.domain.kernel.rules import Modality, Rule


@frozen
class Advisory:
    """A recorded advisory pointing at the SHOULD rule it concerns."""

    rule: Rule
    detail: str

    def __attrs_post_init__(self) -> None:
        if self.rule.modality not in (Modality.SHOULD, Modality.MAY):
            raise ValueError(f"an advisory points at a SHOULD or MAY rule, not {self.rule.id}")

    def describe(self, lang: str = "en") -> str:
        return f"{self.rule.id} ({self.rule.source}) {self.rule.title(lang)}: {self.detail}"
