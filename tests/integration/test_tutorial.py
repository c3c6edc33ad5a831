"""docs/tutorial.md cannot go stale: its Python code blocks run, in order, here."""

from __future__ import annotations

import re
from pathlib import Path

TUTORIAL = Path(__file__).resolve().parents[2] / "docs" / "tutorial.md"


def python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


def test_the_tutorials_code_runs_in_order_on_a_memory_store() -> None:
    blocks = python_blocks(TUTORIAL.read_text(encoding="utf-8"))
    assert len(blocks) >= 8
    assert '"store": "memory"' in blocks[0]
    namespace: dict[str, object] = {"__name__": "tutorial"}
    for number, block in enumerate(blocks, start=1):
        code = compile(block, f"{TUTORIAL.name} block {number}", "exec")
        exec(code, namespace)
    assert "app" in namespace


def test_blocks_are_found_with_their_fences() -> None:
    text = "a\n```python\nx = 1\n```\nb\n```sh\nls\n```\n```python\ny = 2\n```\n"
    assert python_blocks(text) == ["x = 1\n", "y = 2\n"]
