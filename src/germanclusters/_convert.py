"""The one cattrs Converter of germanclusters, with strict hooks.

JSON values are never coerced: a string where a number belongs, a number where a
date belongs, a single string where a list belongs, or a key the model does not
know is an error. Structuring failures become a :class:`DataError` that names the
record, the field path and the value.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from enum import Enum
from typing import Any, TypeVar, get_args, get_origin

import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from germanclusters.errors import DataError, GermanClustersError
from germanclusters.model import Country

__all__ = ["converter", "structure", "unstructure"]

T = TypeVar("T")
_Path = tuple[str | int, ...]

_lock = threading.Lock()
_converter: cattrs.Converter | None = None


def converter() -> cattrs.Converter:
    """The library's private converter (built once, on first use)."""
    global _converter
    if _converter is None:
        with _lock:
            if _converter is None:
                _converter = _make_converter()
    return _converter


def _type_name(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _strict_str(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {_type_name(value)}")
    return value


def _strict_int(value: object, _: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {_type_name(value)}")
    return value


def _strict_date(value: object, _: object) -> date:
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO date 'YYYY-MM-DD', got {_type_name(value)}")
    if len(value) != 10:
        raise ValueError(f"expected an ISO date 'YYYY-MM-DD', got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not a valid date: {value!r}") from None


def _country(value: object, _: object) -> Country:
    from germanclusters.countries import from_alpha_2

    if not isinstance(value, str):
        raise TypeError(f"expected an ISO 3166-1 alpha-2 code, got {_type_name(value)}")
    return from_alpha_2(value)


def _enum_factory(cls: type[Enum]) -> Callable[[object, object], Enum]:
    def hook(value: object, _: object) -> Enum:
        try:
            return cls(value)
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in cls)
            raise ValueError(f"must be one of {allowed}, got {value!r}") from None

    return hook


def _tuple_factory(conv: cattrs.Converter) -> Callable[[Any], Callable[[object, object], Any]]:
    def factory(tp: Any) -> Callable[[object, object], Any]:
        args = get_args(tp)
        if len(args) != 2 or args[1] is not Ellipsis:  # pragma: no cover - model uses tuple[X, ...]
            raise TypeError(f"unsupported tuple type {tp}")
        item_type = args[0]
        item_hook = conv.get_structure_hook(item_type)

        def hook(value: object, _: object) -> tuple[Any, ...]:
            if not isinstance(value, (list, tuple)):
                raise TypeError(f"expected a list, got {_type_name(value)}")
            items = []
            errors: list[Exception] = []
            for i, item in enumerate(value):
                try:
                    items.append(item_hook(item, item_type))
                except Exception as exc:  # collected and re-raised below
                    note = IterableValidationNote(f"Structuring {tp} @ index {i}", i, item_type)
                    setattr(exc, "__notes__", [*getattr(exc, "__notes__", []), note])  # noqa: B010
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {tp}", errors, tp)
            return tuple(items)

        return hook

    return factory


def _is_tuple(tp: Any) -> bool:
    origin: Any = get_origin(tp)
    return origin is tuple


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=False)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(int, _strict_int)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(date, _strict_date)
    conv.register_unstructure_hook(Country, lambda c: c.alpha_2)
    conv.register_structure_hook(Country, _country)
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, Enum), _enum_factory
    )
    conv.register_structure_hook_factory(_is_tuple, _tuple_factory(conv))
    return conv


def unstructure(obj: object) -> Any:
    """Plain JSON-ready data (dicts, lists, strings, numbers, None) for a model object."""
    return converter().unstructure(obj)


def structure(
    data: object, cls: type[T], *, record: str | None = None, file: str | None = None
) -> T:
    """Build ``cls`` from plain data, raising :class:`DataError` on the first problem.

    The error names ``file``, ``record`` (the record id) and the field path inside
    the record, e.g. ``participations[1].phases[0].countries[2]``.
    """
    if not isinstance(data, dict) and _is_attrs(cls):
        raise DataError(
            reason=f"expected an object, got {_type_name(data)}", file=file, record=record
        )
    try:
        return converter().structure(data, cls)
    except (
        ClassValidationError,
        IterableValidationError,
        DataError,
        GermanClustersError,
        TypeError,
        ValueError,
        KeyError,
    ) as exc:
        raise _to_data_error(exc, data, record=record, file=file) from None


def _is_attrs(cls: type) -> bool:
    return hasattr(cls, "__attrs_attrs__")


def _leaves(exc: BaseException, path: _Path) -> Iterator[tuple[BaseException, _Path]]:
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            step: str | int = note.name if isinstance(note, AttributeValidationNote) else note.index
            yield from _leaves(inner, (*path, step))
        for inner in without:
            yield from _leaves(inner, path)
    else:
        yield exc, path


def _dotted(path: _Path) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def _value_at(data: object, path: _Path) -> object:
    for step in path:
        try:
            data = data[step]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _to_data_error(
    exc: BaseException, data: object, *, record: str | None, file: str | None
) -> DataError:
    leaf, path = next(_leaves(exc, ()))
    where = _dotted(path) or None
    if isinstance(leaf, DataError):
        # raised by a model validator: its field is relative to the object at `path`
        field = leaf.field if where is None else (f"{where}.{leaf.field}" if leaf.field else where)
        return DataError(
            reason=leaf.reason, field=field, value=leaf.value, record=record, file=file
        )
    if isinstance(leaf, ForbiddenExtraKeysError):
        extra = sorted(leaf.extra_fields)
        field = extra[0] if where is None else f"{where}.{extra[0]}"
        return DataError(
            reason="is not a field of " + leaf.cl.__name__,
            field=field,
            value=_value_at(data, (*path, extra[0])),
            record=record,
            file=file,
        )
    if isinstance(leaf, KeyError):
        return DataError(
            reason="required field is missing", field=where, value=None, record=record, file=file
        )
    if isinstance(leaf, GermanClustersError):
        return DataError(
            reason=str(leaf), field=where, value=_value_at(data, path), record=record, file=file
        )
    return DataError(
        reason=str(leaf) or type(leaf).__name__,
        field=where,
        value=_value_at(data, path),
        record=record,
        file=file,
    )
