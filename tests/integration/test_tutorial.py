"""docs/tutorial.md cannot go stale: its Python code blocks run, in order, here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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


def test_the_readme_example_runs_on_the_embedded_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = TUTORIAL.parents[1] / "README.md"
    [block] = python_blocks(readme.read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)  # the example writes udi.sqlite3 in the current folder
    exec(compile(block, "README.md", "exec"), {"__name__": "readme"})
    printed = capsys.readouterr().out
    assert printed.startswith("<Success:")
    assert "SHR-01 (IM 2015-002" in printed
    assert (tmp_path / "udi.sqlite3").exists()
