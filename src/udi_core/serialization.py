"""The cattrs boundary: domain objects to and from plain data (JSON-ready).

One private converter per boundary: :func:`converter` is the persistence and wire
converter (forbids extra keys, tags events and effects with their type name). Bad
payloads become :class:`InvalidInput` Failures with a path, e.g.
``$.post.parties[0].type``; nothing raises out of :func:`structure`.

Structuring runs on a twin converter without cattrs' detailed validation first (no
per-field exception bookkeeping); only when that one fails is the input structured again
by the detailed converter, whose error names the path. Value objects (identifiers) are
parsed once per distinct text and shared afterwards: they are frozen, so a stored state
full of the same employee and unit ids does not parse each of them again.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
import orjson
from cattrs.cols import list_structure_factory
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.preconf.json import make_converter
from returns.result import Failure, Result, Success

from udi_core.domain.kernel.effects import AddDufCode, PostJournal, RemoveDufCode
from udi_core.domain.kernel.errors import InvalidInput
from udi_core.domain.kernel.identifiers import (
    ArchiveCaseNumber,
    DocumentNumber,
    DufCaseNumber,
    EmployeeId,
    ImId,
    UnitId,
)

T = TypeVar("T")

_EFFECT_TYPES: tuple[type, ...] = (AddDufCode, RemoveDufCode, PostJournal)
_VALUE_TYPES: tuple[Any, ...] = (
    DufCaseNumber,
    ArchiveCaseNumber,
    DocumentNumber,
    ImId,
    EmployeeId,
    UnitId,
)


class _BadValueError(ValueError):
    """Raised inside structuring only; turned into InvalidInput with a path."""

    def __init__(self, expected: str, got: object) -> None:
        super().__init__(f"expected {expected}")
        self.expected = expected
        self.got = got


_VALUE_MEMO = 4096  # distinct texts remembered per value type


def _value_hook(cls: Any) -> Callable[[object, type], object]:
    def parse(raw: object) -> object | None:
        parsed = cls.parse(raw, "value")
        return None if isinstance(parsed, Failure) else parsed.unwrap()

    remembered = lru_cache(maxsize=_VALUE_MEMO)(parse)

    def structure(raw: object, _t: type) -> object:
        value = remembered(raw) if type(raw) is str else parse(raw)
        if value is None:
            raise _BadValueError(cls.EXPECTED, raw)
        return value

    return structure


def _datetime(raw: object, _t: type) -> datetime:
    if isinstance(raw, str):
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return moment
    raise _BadValueError(
        "an ISO 8601 moment with a UTC offset, e.g. 2026-03-01T09:00:00+01:00", raw
    )


def _date(raw: object, _t: type) -> date:
    if isinstance(raw, str) and len(raw) == 10:
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise _BadValueError("an ISO date YYYY-MM-DD", raw)


def _strict_str(raw: object, _t: type) -> str:
    if isinstance(raw, str):
        return raw
    raise _BadValueError("text", raw)


def _strict_int(raw: object, _t: type) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    raise _BadValueError("a whole number", raw)


def _strict_bool(raw: object, _t: type) -> bool:
    if isinstance(raw, bool):
        return raw
    raise _BadValueError("true or false", raw)


def _enum_hook(raw: object, cls: type[enum.Enum]) -> enum.Enum:
    try:
        member: enum.Enum | None = cls._value2member_map_.get(raw)  # what cls(raw) tries first
        return member if member is not None else cls(raw)
    except (ValueError, TypeError):
        choices = ", ".join(repr(m.value) for m in cls)
        raise _BadValueError(f"one of {choices}", raw) from None


_COLLECTIONS: dict[object, Callable[[list[Any]], object]] = {
    list: list,
    tuple: tuple,
    frozenset: frozenset,
    set: set,
    Sequence: tuple,
}


def _is_collection(t: object) -> bool:
    """list[X], tuple[X, ...], frozenset[X], set[X], Sequence[X] (not fixed tuples)."""
    origin, args = get_origin(t), get_args(t)
    if origin is tuple:
        return len(args) == 2 and args[1] is Ellipsis
    return origin in _COLLECTIONS and len(args) == 1


def _collection_hook(t: Any, conv: cattrs.Converter) -> Callable[[object, type], object]:
    """Only a JSON array becomes a collection: cattrs alone would split "visa" into
    letters, or take a mapping's keys."""
    item = get_args(t)[0]
    build = _COLLECTIONS[get_origin(t)]
    as_list = list[item]  # type: ignore[valid-type]
    items = list_structure_factory(as_list, conv)  # plain, or with item paths when detailed

    def structure(raw: object, _t: type) -> object:
        if not isinstance(raw, list | tuple):
            raise _BadValueError("a list", raw)
        return build(items(raw, as_list))

    return structure


def _tagged(
    conv: cattrs.Converter, types: Iterable[type], field: str = "type"
) -> Callable[[object, type], object]:
    """A structure hook for a union tagged by the class name in ``field``."""
    by_name = {t.__name__: t for t in types}

    def structure(raw: object, _t: type) -> object:
        if not isinstance(raw, dict) or not isinstance(raw.get(field), str):
            raise _BadValueError(f"an object with a {field!r} naming its type", raw)
        name = raw[field]
        cls = by_name.get(name)
        if cls is None:
            raise _BadValueError(f"{field} one of {', '.join(sorted(by_name))}", name)
        body = {k: v for k, v in raw.items() if k != field}
        return conv.structure(body, cls)

    return structure


@cache
def converter() -> cattrs.Converter:
    """The converter for persistence and the wire (built once, on first use); its
    structuring failures carry the path of the problem."""
    return _built(detailed=True)


@cache
def _fast() -> cattrs.Converter:
    """The same converter without detailed validation: tried first by :func:`structure`."""
    return _built(detailed=False)


def _built(*, detailed: bool) -> cattrs.Converter:
    conv = make_converter(forbid_extra_keys=True, detailed_validation=detailed)
    for cls in _VALUE_TYPES:
        conv.register_unstructure_hook(cls, str)
        conv.register_structure_hook(cls, _value_hook(cls))
    conv.register_unstructure_hook(datetime, lambda d: d.isoformat())
    conv.register_structure_hook(datetime, _datetime)
    conv.register_unstructure_hook(date, lambda d: d.isoformat())
    conv.register_structure_hook(date, _date)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )
    conv.register_unstructure_hook(frozenset, lambda s: sorted(conv.unstructure(x) for x in s))
    conv.register_structure_hook_factory(_is_collection, _collection_hook)

    for t in _EFFECT_TYPES:
        conv.register_unstructure_hook(t, _wrap_un(conv, t, "type"))
    conv.register_structure_hook(
        AddDufCode | RemoveDufCode | PostJournal, _tagged(conv, _EFFECT_TYPES)
    )

    return conv


def _wrap_un(conv: cattrs.Converter, cls: type, field: str) -> Callable[[object], object]:
    base: Callable[[Any], dict[str, Any]] = cattrs.gen.make_dict_unstructure_fn(cls, conv)

    def tagged(obj: object) -> object:
        return {field: cls.__name__, **base(obj)}

    return tagged


def unstructure(obj: object) -> Any:
    """``obj`` as plain data (JSON-ready)."""
    return converter().unstructure(obj)


DOMAIN_PACKAGE = "udi_core.domain"
_SHARED_MEMO = 8192  # frozen objects whose plain data :func:`state_json` remembers


@cache
def _sharing() -> cattrs.Converter:
    """The persistence converter, remembering the plain data of the last frozen attrs
    objects it unstructured, by identity (see :func:`state_json`)."""
    conv = converter().copy()
    memo: dict[int, tuple[object, Any]] = {}

    def factory(cls: type) -> Callable[[object], Any]:
        made: Callable[[object], Any] = conv.gen_unstructure_attrs_fromdict(cls)

        def remembered(obj: object) -> Any:
            known = memo.get(id(obj))
            if known is not None and known[0] is obj:
                return known[1]
            data = made(obj)
            if len(memo) >= _SHARED_MEMO:
                memo.clear()
            memo[id(obj)] = (obj, data)  # holding obj keeps its id from being reused
            return data

        return remembered

    conv.register_unstructure_hook_factory(_is_domain_class, factory)
    return conv


def _is_domain_class(cls: object) -> bool:
    """A domain class: every attrs class of ``udi_core.domain`` is frozen (a unit test
    checks), and so is everything its instances hold."""
    return (
        isinstance(cls, type) and attrs.has(cls) and cls.__module__.startswith(DOMAIN_PACKAGE + ".")
    )


@cache
def _state_hook(cls: type) -> Callable[[object], Any]:
    """Unstructures a state itself without remembering it (a new state is a new object
    every time; only the objects it shares with earlier states are worth remembering)."""
    made: Callable[[object], Any] = _sharing().gen_unstructure_attrs_fromdict(cls)
    return made


def state_json(state: object) -> str:
    """An aggregate state as compact JSON text (``json.loads`` gives back
    ``unstructure(state)``).

    A new state shares most of its objects with the one before it (they are frozen and
    an event changes a few of them), so the plain data of each frozen object is
    remembered by identity and reused while the object lives in the recent states;
    only the objects an event made are unstructured again. The state object itself is
    not remembered, so the memo holds the parts of recent states, not whole ones. The
    plain data never leaves this function, so nothing can change what is remembered.
    The text is written by orjson (an order of magnitude faster than ``json.dumps``
    for a state of a few kilobytes); text it refuses (a lone surrogate) is written by
    ``json.dumps``, which escapes it.
    """
    cls: Any = type(state)
    data = _state_hook(cls)(state) if _is_domain_class(cls) else _sharing().unstructure(state)
    try:
        return orjson.dumps(data).decode()
    except orjson.JSONEncodeError:
        return json.dumps(data)


def unstructure_event(event: object) -> dict[str, Any]:
    """An event as ``{"type": "ClassName", ...fields}``."""
    data = converter().unstructure(event, type(event))
    return {"type": type(event).__name__, **data}


def structure_event(data: object, event_types: Iterable[type]) -> Result[object, InvalidInput]:
    """An event from ``{"type": "ClassName", ...}``, the class being one of ``event_types``."""
    try:
        return Success(_tagged(_fast(), event_types)(data, object))
    except Exception:  # structured again below, for the error's path
        pass
    try:
        return Success(_tagged(converter(), event_types)(data, object))
    except (cattrs.BaseValidationError, _BadValueError, ValueError, TypeError, KeyError) as exc:
        return Failure(_first_problem(exc))


def structure(data: object, cls: type[T] | Any) -> Result[T, InvalidInput]:
    """``data`` as a ``cls``, or the first problem with its path (``$.a.b[2]``)."""
    if attrs.has(cls) and cls not in _VALUE_TYPES and not isinstance(data, Mapping):
        # cattrs' generated hook would call data.keys() and raise AttributeError
        got = data if isinstance(data, str) else repr(data)
        return Failure(InvalidInput("$", f"an object (a {cls.__name__})", got[:80]))
    try:
        return Success(_fast().structure(data, cls))
    except Exception:  # structured again below, for the error's path
        pass
    try:
        return Success(converter().structure(data, cls))
    except (cattrs.BaseValidationError, _BadValueError, ValueError, TypeError, KeyError) as exc:
        return Failure(_first_problem(exc))


def _first_problem(exc: BaseException, path: str = "$") -> InvalidInput:
    if isinstance(exc, ForbiddenExtraKeysError):
        extra = ", ".join(sorted(exc.extra_fields))
        return InvalidInput(path, "no keys other than the documented ones", extra)
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without_notes = exc.group_exceptions()
        if with_notes:
            inner, note = with_notes[0]
            return _first_problem(inner, path + _step(note))
        if without_notes:
            return _first_problem(without_notes[0], path)
        return InvalidInput(path, str(exc))
    if isinstance(exc, cattrs.BaseValidationError) and exc.exceptions:
        return _first_problem(exc.exceptions[0], path)
    if isinstance(exc, _BadValueError):
        got = exc.got if isinstance(exc.got, str) else repr(exc.got)
        return InvalidInput(path, exc.expected, got[:80])
    if isinstance(exc, KeyError):
        return InvalidInput(path, "a required key")
    return InvalidInput(path, str(exc) or type(exc).__name__)


def _step(note: object) -> str:
    name = getattr(note, "name", None)
    if name is not None:
        return f".{name}"
    index = getattr(note, "index", None)
    if index is not None:
        return f"[{index}]"
    return ""
