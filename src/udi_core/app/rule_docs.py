"""The rule catalogue as Markdown (``docs/rules.md`` is generated from the registry)."""

from __future__ import annotations

from itertools import groupby

from udi_core.domain.kernel.rules import RuleRegistry

HEADER = """# Rules

Generated from the rule registry (`udi_core.domain.catalog.RULES`) by
`udi rules --markdown > docs/rules.md`; a test fails when this file is stale.

Modality: MUST refuses what breaks it; SHOULD lets it through with a recorded advisory;
MAY is a permission; DEADLINE and CADENCE are obligations with due dates.
"""


def render(registry: RuleRegistry) -> str:
    lines = [HEADER]
    # The registry is in rule-id order; a stable sort by IM keeps that order per IM.
    for im, group in groupby(sorted(registry, key=lambda r: str(r.im)), key=lambda r: r.im):
        lines.append(f"\n## {im}\n")
        lines.append("| id | modality | section | valid from | title | tittel |")
        lines.append("|---|---|---|---|---|---|")
        lines.extend(
            f"| {rule.id} | {rule.modality.value} | {rule.section} | "
            f"{rule.valid_from.isoformat()} | {_cell(rule.title_en)} | {_cell(rule.title_nb)} |"
            for rule in group
        )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
