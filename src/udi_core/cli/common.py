"""What every ``udi`` command shares: the option aliases, the ``common_command``
decorator that gives a command ``--store``, ``--clock``, ``--lang`` and ``--json``, opening
the app, running a command payload and rendering its outcome.

Only typer and the CLI's own words are imported at module level; everything heavy
(the app, the services, rich) is imported inside the functions, so ``udi --help`` stays
fast however many command groups there are.
"""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn, TypeVar

import typer

from udi_core.cli.i18n import resolve_lang, t

if TYPE_CHECKING:
    from udi_core.app import App
    from udi_core.domain.kernel.errors import DomainError
    from udi_core.ports.external import ExternalFailure

Store = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="memory, sqlite:///FILE or postgresql://USER@HOST/DB "
        "(default: $UDI_STORE or sqlite:///udi.sqlite3 in the current folder).",
    ),
]
Clock = Annotated[
    str | None,
    typer.Option("--clock", help="system, or fixed:ISO-MOMENT (default: $UDI_CLOCK or system)."),
]
Lang = Annotated[
    str | None, typer.Option("--lang", help="Message language: en or nb (default: from LANG).")
]
Json = Annotated[bool, typer.Option("--json", help="Machine-readable JSON output.")]
AsOf = Annotated[
    str | None, typer.Option("--as-of", help="The date to report on, YYYY-MM-DD (default: today).")
]
Actor = Annotated[
    str,
    typer.Option("--actor", envvar="UDI_ACTOR", help="The acting employee's id ($UDI_ACTOR)."),
]


class Common(NamedTuple):
    """The options every command shares, as one frozen value: ``--store``, ``--clock``,
    ``--lang`` (resolved to en or nb) and ``--json``.

    A NamedTuple rather than a dataclass: as immutable, and nothing more to import at
    start-up.
    """

    store: str | None
    clock: str | None
    lang: str
    as_json: bool

    # Shorthands for this module's functions of the same names (``fail`` for ``stop``),
    # with these options filled in.

    def open_app(self) -> App:
        return open_app(self.store, self.clock, self.lang, self.as_json)

    def execute(self, command: object) -> None:
        execute(command, self.store, self.clock, self.lang, self.as_json)

    def parse_day(self, raw: str | None, option: str, app: App | None = None) -> date:
        return parse_day(raw, option, self.lang, self.as_json, app)

    def fail(self, error: DomainError | ExternalFailure) -> NoReturn:
        stop(error, self.lang, self.as_json)

    def query(
        self, result: Any, title: str, headers: Sequence[str], rows: Any, plain: Any = None
    ) -> None:
        query(result, self.lang, self.as_json, title, headers, rows, plain)


_KW = inspect.Parameter.KEYWORD_ONLY
# What typer reads for the shared options, after a command's own parameters: the same
# names, aliases and defaults each command used to declare itself.
_SHARED = (
    inspect.Parameter("store", _KW, default=None, annotation=Store),
    inspect.Parameter("clock", _KW, default=None, annotation=Clock),
    inspect.Parameter("lang", _KW, default=None, annotation=Lang),
    inspect.Parameter("json_out", _KW, default=False, annotation=Json),
)
_NAMES = frozenset(p.name for p in _SHARED)

Body = TypeVar("Body", bound=Callable[..., None])


def common_command(app: typer.Typer, name: str | None = None) -> Callable[[Body], Body]:
    """Register the decorated function as command ``name`` of ``app``, with
    ``--store``, ``--clock``, ``--lang`` and ``--json`` after its own parameters.

    The function declares only its own arguments and options, and a keyword-only
    ``common: Common`` that receives the four shared options. It is returned unchanged.
    """

    def register(body: Body) -> Body:
        app.command(name)(_with_shared_options(body))
        return body

    return register


def _with_shared_options(body: Callable[..., None]) -> Callable[..., None]:
    """``body`` as typer should see it: its own parameters plus the shared options.

    typer builds a command from ``inspect.signature(f, eval_str=True)`` and
    ``typing.get_type_hints(f)``. An explicit ``__signature__`` is taken as it is (not
    evaluated), so the body's annotations, strings under ``from __future__ import
    annotations``, are evaluated here in the body's module; ``__annotations__`` is set to
    the same evaluated objects, so ``get_type_hints`` has nothing left to resolve.
    """
    own = inspect.signature(body, eval_str=True)
    kept = [p.replace(kind=_KW) for p in own.parameters.values() if p.name != "common"]
    taken = own.parameters.get("common")
    if taken is None or taken.annotation is not Common or {p.name for p in kept} & _NAMES:
        raise TypeError(
            f"{body.__qualname__} must take common: Common, and declare none of "
            f"{', '.join(sorted(_NAMES))} itself"
        )

    @functools.wraps(body)
    def run(
        *, store: str | None, clock: str | None, lang: str | None, json_out: bool, **own_values: Any
    ) -> None:
        body(**own_values, common=Common(store, clock, resolve_lang(lang), json_out))

    shown = own.replace(parameters=[*kept, *_SHARED])
    # inspect.signature reads __signature__; typeshed's function type does not declare it.
    run.__signature__ = shown  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in shown.parameters.values()}
    run.__annotations__["return"] = shown.return_annotation
    return run


def group(help_text: str) -> typer.Typer:
    """A command group with the same plain help as the root (fast start-up)."""
    return typer.Typer(help=help_text, no_args_is_help=True, rich_markup_mode=None)


def overrides(store: str | None, clock: str | None) -> dict[str, str]:
    chosen = {}
    if store is not None:
        chosen["UDI_STORE"] = store
    if clock is not None:
        chosen["UDI_CLOCK"] = clock
    return chosen


def open_app(store: str | None, clock: str | None, lang: str, as_json: bool) -> App:
    """Bootstrap from the environment and the options, or exit with a clear message."""
    from returns.result import Failure

    from udi_core.app import Settings, bootstrap
    from udi_core.cli.output import fail

    settings = Settings.from_env({**os.environ, **overrides(store, clock)})
    if isinstance(settings, Failure):
        fail(settings.failure(), lang, as_json)
    built = bootstrap(settings.unwrap())
    if isinstance(built, Failure):
        fail(built.failure(), lang, as_json)
    return built.unwrap()


def parse_day(raw: str | None, option: str, lang: str, as_json: bool, app: App | None) -> date:
    """``raw`` as a date, today (by the app's clock) when absent; exit 2 naming ``option``."""
    from udi_core.cli.output import fail
    from udi_core.domain.kernel.dates import local_date
    from udi_core.domain.kernel.errors import InvalidInput

    if raw is None:
        if app is not None:
            return local_date(app.clock.now())
        from datetime import UTC, datetime

        return local_date(datetime.now(UTC))
    try:
        return date.fromisoformat(raw)
    except ValueError:
        fail(InvalidInput(option, "a date YYYY-MM-DD", raw), lang, as_json)


def stop(error: DomainError | ExternalFailure, lang: str, as_json: bool) -> NoReturn:
    """``fail`` for errors from the services, including an outside system's failure."""
    from udi_core.cli.output import fail

    fail(error, lang, as_json)


def execute(
    command: object, store: str | None, clock: str | None, lang: str, as_json: bool
) -> None:
    """Run one command payload through the command bus and render the outcome."""
    from returns.result import Failure

    with open_app(store, clock, lang, as_json) as app:
        result = app.commands.execute(command)
    if isinstance(result, Failure):
        stop(result.failure(), lang, as_json)
    render_outcome(type(command).__name__, result.unwrap(), lang, as_json)


def outcome_data(outcome: object, lang: str) -> dict[str, object]:
    """An accepted command's outcome as plain data: events, effects, advisories."""
    from udi_core.app.runner import Outcome
    from udi_core.serialization import unstructure, unstructure_event

    if not isinstance(outcome, Outcome):
        return {"result": unstructure(outcome)}
    return {
        "aggregate_id": outcome.aggregate_id,
        "version": outcome.version,
        "events": [unstructure_event(r.event) for r in outcome.events],
        "effects": [e.key for e in outcome.effects],
        "advisories": [a.describe(lang) for a in outcome.advisories],
    }


def render_outcome(name: str, outcome: object, lang: str, as_json: bool) -> None:
    from udi_core.cli.output import emit_json, say

    data = outcome_data(outcome, lang)
    if as_json:
        emit_json({"command": name, **data})
        return
    if "result" in data:
        say(t("done_result", lang, command=name, result=data["result"]))
        return
    events = data["events"]
    assert isinstance(events, list)
    names = ", ".join(e["type"] for e in events) or t("nothing_changed", lang)
    say(t("done", lang, command=name, id=data["aggregate_id"], version=data["version"]))
    say(f"  {t('event', lang)}: {names}")
    effects = data["effects"]
    assert isinstance(effects, list)
    if effects:
        say(f"  {t('outbox_title', lang)}: {len(effects)} ({', '.join(effects[:5])})")
    advisories = data["advisories"]
    assert isinstance(advisories, list)
    for advice in advisories:
        say(f"  {t('advice', lang)}: {advice}")


def query(
    result: Any,
    lang: str,
    as_json: bool,
    title: str,
    headers: Sequence[str],
    rows: Any,
    plain: Any = None,
) -> None:
    """Render a query's ``Result``: the value as JSON, or a table.

    ``rows`` turns the successful value into table rows; ``plain`` into JSON-ready data
    (default: the value unstructured by the library's converter).
    """
    from returns.result import Failure

    from udi_core.cli.output import emit_json, table
    from udi_core.serialization import unstructure

    if isinstance(result, Failure):
        stop(result.failure(), lang, as_json)
    value = result.unwrap()
    if as_json:
        emit_json(plain(value) if plain is not None else unstructure(value))
        return
    table(title, headers, rows(value))
