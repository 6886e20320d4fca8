"""Between model objects and plain JSON data, strictly.

``structure`` builds model objects from JSON data. It is driven by each attrs
class's own fields and type hints (a plan built once per class) and never coerces:
a string where a number belongs, a number where a date belongs, a single string
where a list belongs, a missing required field or a key the model does not know is
a :class:`DataError` that names the record, the field path (e.g.
``participations[1].phases[0].countries[2]``) and the value.

``unstructure`` turns model objects into plain data through the library's one
cattrs Converter (dates as ISO strings, countries as alpha-2 codes, enums by
value). cattrs is imported and its code generated only when something is
unstructured, so loading the dataset does not pay for it.
"""

from __future__ import annotations

import re
import threading
import typing
from collections.abc import Callable
from datetime import date
from enum import Enum
from types import NoneType, UnionType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from germanclusters.errors import DataError, GermanClustersError, _shorten
from germanclusters.model import Country

if TYPE_CHECKING:
    import cattrs

__all__ = ["converter", "structure", "unstructure"]

T = TypeVar("T")
_Path = tuple[str | int, ...]
_Build = Callable[[object, _Path], Any]


class _Fail(Exception):
    """One structuring failure at a path inside the record (internal)."""

    def __init__(self, path: _Path, value: object, reason: str) -> None:
        super().__init__(reason)
        self.path, self.value, self.reason = path, value, reason


# -------------------------------------------------------------------- structure


def _kind(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _build_str(value: object, path: _Path) -> str:
    if not isinstance(value, str):
        raise _Fail(path, value, f"expected text, got {_kind(value)}")
    return value


def _build_int(value: object, path: _Path) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Fail(path, value, f"expected an integer, got {_kind(value)}")
    return value


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(text: object) -> date:
    """A calendar date written exactly ``YYYY-MM-DD``; ``ValueError`` otherwise.

    Stricter than :meth:`date.fromisoformat`, which from Python 3.11 on also reads
    week dates such as ``2020-W01-1``: the data has one spelling for a date, so a
    round trip through JSON is exact.
    """
    if not isinstance(text, str) or not _ISO_DATE.fullmatch(text):
        raise ValueError("expected an ISO date 'YYYY-MM-DD'")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError("is not a valid date") from None


def _build_date(value: object, path: _Path) -> date:
    try:
        return parse_date(value)
    except ValueError as exc:
        raise _Fail(path, value, str(exc)) from None


def _build_country(value: object, path: _Path) -> Country:
    from germanclusters.countries import from_alpha_2

    if not isinstance(value, str):
        raise _Fail(path, value, f"expected an ISO 3166-1 alpha-2 code, got {_kind(value)}")
    try:
        return from_alpha_2(value)
    except GermanClustersError as exc:
        raise _Fail(path, value, str(exc)) from None


def _enum_builder(cls: type[Enum]) -> _Build:
    allowed = ", ".join(repr(m.value) for m in cls)

    def build(value: object, path: _Path) -> Enum:
        try:
            return cls(value)
        except (ValueError, TypeError):
            raise _Fail(path, value, f"must be one of {allowed}") from None

    return build


def _optional_builder(inner: _Build) -> _Build:
    def build(value: object, path: _Path) -> Any:
        return None if value is None else inner(value, path)

    return build


def _tuple_builder(inner: _Build) -> _Build:
    def build(value: object, path: _Path) -> tuple[Any, ...]:
        if not isinstance(value, (list, tuple)):
            raise _Fail(path, value, f"expected a list, got {_kind(value)}")
        return tuple(inner(item, (*path, i)) for i, item in enumerate(value))

    return build


_SCALARS: dict[object, _Build] = {
    str: _build_str,
    int: _build_int,
    date: _build_date,
    Country: _build_country,
}
_plans: dict[type, _Build] = {}
_plans_lock = threading.RLock()  # plans of nested classes are made while holding it


def _builder(tp: Any) -> _Build:
    if tp in _SCALARS:
        return _SCALARS[tp]
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (UnionType, typing.Union) and len(args) == 2 and NoneType in args:
        return _optional_builder(_builder(next(a for a in args if a is not NoneType)))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _tuple_builder(_builder(args[0]))
    if isinstance(tp, type) and issubclass(tp, Enum):
        return _enum_builder(tp)
    if isinstance(tp, type) and attrs.has(tp):
        return _class_builder(tp)
    raise TypeError(f"germanclusters cannot structure {tp!r}")  # pragma: no cover


def _class_builder(cls: type) -> _Build:
    plan = _plans.get(cls)
    if plan is not None:
        return plan
    with _plans_lock:
        plan = _plans.get(cls)
        if plan is None:
            plan = _plans[cls] = _make_plan(cls)
    return plan


def _make_plan(cls: type) -> _Build:
    hints = typing.get_type_hints(cls)
    fields = [
        (f.name, f.default is attrs.NOTHING, _builder(hints[f.name])) for f in attrs.fields(cls)
    ]
    known = frozenset(name for name, _, _ in fields)
    name = cls.__name__

    def build(value: object, path: _Path) -> Any:
        if not isinstance(value, dict):
            raise _Fail(path, value, f"expected an object ({name}), got {_kind(value)}")
        extra = sorted(k for k in value if k not in known)
        if extra:
            key = extra[0]
            raise _Fail((*path, str(key)), value[key], f"is not a field of {name}")
        kwargs: dict[str, Any] = {}
        for field_name, required, build_field in fields:
            if field_name in value:
                kwargs[field_name] = build_field(value[field_name], (*path, field_name))
            elif required:
                raise _Fail((*path, field_name), None, "required field is missing")
        try:
            return cls(**kwargs)
        except DataError as exc:  # a model validator: its field is relative to this object
            raise _Fail((*path, *_steps(exc.field)), exc.value, exc.reason) from None

    return build


def _steps(field: str | None) -> _Path:
    """'phases[1].kind' -> ('phases', 1, 'kind')."""
    if not field:
        return ()
    steps: list[str | int] = []
    for part in field.replace("[", ".[").split("."):
        if part.startswith("[") and part.endswith("]") and part[1:-1].isdigit():
            steps.append(int(part[1:-1]))
        elif part:
            steps.append(part)
    return tuple(steps)


def dotted(path: _Path) -> str:
    """('phases', 1, 'kind') -> 'phases[1].kind'."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def structure(
    data: object, cls: type[T], *, record: str | None = None, file: str | None = None
) -> T:
    """Build ``cls`` from plain data, raising :class:`DataError` on the first problem.

    The error names ``file``, ``record`` (the record id) and the field path inside
    the record, e.g. ``participations[1].phases[0].countries[2]``.

    Examples:
        >>> from germanclusters.model import Phase
        >>> structure({"kind": "concept", "countries": ["FI"]}, Phase).countries[0].name
        'Finland'
        >>> structure({"kind": "concept", "countries": ["XZ"]}, Phase, record="demo")
        Traceback (most recent call last):
        ...
        germanclusters.errors.DataError: record 'demo': field 'countries[0]' = 'XZ': ...
    """
    try:
        result: T = _builder(cls)(data, ())
    except _Fail as exc:
        raise DataError(
            reason=exc.reason,
            field=dotted(exc.path) or None,
            value=exc.value,
            record=record,
            file=file,
        ) from None
    except RecursionError:
        raise DataError(
            reason=f"is nested too deeply ({_shorten(type(data).__name__)})",
            record=record,
            file=file,
        ) from None
    return result


# ------------------------------------------------------------------ unstructure

_lock = threading.Lock()
_converter: cattrs.Converter | None = None


def converter() -> cattrs.Converter:
    """The library's private cattrs Converter (built once, on first use)."""
    global _converter
    if _converter is None:
        with _lock:
            if _converter is None:
                _converter = _make_converter()
    return _converter


def _make_converter() -> cattrs.Converter:
    import cattrs

    conv = cattrs.Converter(omit_if_default=False)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_unstructure_hook(Country, lambda c: c.alpha_2)
    return conv


def unstructure(obj: object) -> Any:
    """Plain JSON-ready data (dicts, lists, strings, numbers, None) for a model object."""
    return converter().unstructure(obj)
