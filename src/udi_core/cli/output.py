"""Printing results, and turning Failures into one readable message and an exit code."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from udi_core.cli.i18n import t
from udi_core.domain.kernel.errors import (
    ConcurrencyConflict,
    DomainError,
    InvalidInput,
    NotFound,
    RuleViolation,
    StorageFailure,
)
from udi_core.ports.external import ExternalFailure

Problem = DomainError | ExternalFailure
"""What a command can end with: a domain error, or an outside system's failure."""

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_BAD_INPUT = 2

console = Console(highlight=False, soft_wrap=True)
errors = Console(stderr=True, highlight=False, soft_wrap=True)


def exit_code(error: Problem) -> int:
    if isinstance(error, RuleViolation | ConcurrencyConflict):
        return EXIT_REFUSED
    return EXIT_BAD_INPUT


def error_data(error: Problem, lang: str) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": type(error).__name__, "message": error.describe(lang)}
    if isinstance(error, RuleViolation):
        data["rules"] = [
            {"id": b.rule.id, "source": b.rule.source, "detail": b.detail} for b in error.breaches
        ]
    if isinstance(error, InvalidInput | NotFound):
        data["field"] = error.field
    if isinstance(error, StorageFailure) and error.fix:
        data["fix"] = error.fix
    if isinstance(error, ExternalFailure):
        data["system"] = error.system
        data["retryable"] = error.retryable
    return data


def fail(error: Problem, lang: str, as_json: bool) -> NoReturn:
    """Print the refusal or error (one message, never a traceback) and exit."""
    if as_json:
        print(json.dumps({"ok": False, "error": error_data(error, lang)}, ensure_ascii=False))
    else:
        word = t("refused", lang) if isinstance(error, RuleViolation) else t("error", lang)
        errors.print(f"[bold red]{word}:[/] {_escape(error.describe(lang))}")
    raise typer.Exit(exit_code(error))


def emit_json(data: object) -> None:
    print(json.dumps({"ok": True, "data": data}, ensure_ascii=False, default=str))


def table(title: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    grid = Table(title=title, title_justify="left")
    for header in headers:
        grid.add_column(header)
    for row in rows:
        grid.add_row(*(_escape(str(c)) for c in row))
    console.print(grid)


def say(text: str) -> None:
    console.print(_escape(text))


def _escape(text: str) -> str:
    return text.replace("[", r"\[")


def flush() -> None:
    sys.stdout.flush()
