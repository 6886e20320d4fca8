"""The one cattrs Converter between model objects and plain JSON data.

Structuring is strict: no coercion (a string where a number belongs is refused),
unknown keys are refused, dates are ISO 8601 strings at their precision, enums
their values and countries alpha-2 codes. Every failure becomes one
[`DataError`][germanclusters.DataError] naming the file, record, field path (for example
``participations[1].phases[0].countries[2]``) and value. JSON text is read and
written by `_json`; nothing is ever evaluated or unpickled.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any, Final, TypeVar

import cattrs

from germanclusters.dataset import LEAVES
from germanclusters.errors import DataError, GermanClustersError
from germanclusters.model import Country, LabelLevel, PartialDate, PartnerKind, PhaseKind

T = TypeVar("T")


def _kind(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _strict(tp: type) -> Any:
    def hook(value: object, _: object) -> Any:
        if type(value) is not tp:
            raise DataError(value=value, reason=f"expected {tp.__name__}, got {_kind(value)}")
        return value

    return hook


def _leaf(tp: Any, read: Callable[[str], Any]) -> Any:
    """A strict hook for ``tp``: JSON text, read as shipped records are (`LEAVES`)."""
    members = ", ".join(repr(m.value) for m in tp) if issubclass(tp, Enum) else None
    if members:
        what = f"one of {members}"
    elif tp is Country:
        what = "an alpha-2 code"
    else:
        what = "an ISO 8601 date text"

    def hook(value: object, _: object) -> Any:
        if not isinstance(value, str):
            raise DataError(value=value, reason=f"expected {what}, got {_kind(value)}")
        try:
            return read(value)
        except DataError:
            raise
        except (GermanClustersError, ValueError) as exc:
            reason = f"must be one of {members}" if members else str(exc)
            raise DataError(value=value, reason=reason) from None

    return hook


def _tuple(value: object, tp: Any) -> tuple[Any, ...]:
    if not isinstance(value, (list, tuple)):
        raise DataError(value=value, reason=f"expected a list, got {_kind(value)}")
    (item_type, _) = tp.__args__
    out = []
    for i, item in enumerate(value):
        try:
            out.append(converter.structure(item, item_type))
        except DataError as exc:
            raise exc.located(field_prefix=f"[{i}]") from None
        except cattrs.BaseValidationError as exc:
            raise _flatten(exc).located(field_prefix=f"[{i}]") from None
    return tuple(out)


converter: Final = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
for _tp in (str, int, bool, float):
    converter.register_structure_hook(_tp, _strict(_tp))
for _leaf_type, _read in LEAVES.items():
    converter.register_structure_hook(_leaf_type, _leaf(_leaf_type, _read))
converter.register_unstructure_hook(PartialDate, str)
converter.register_unstructure_hook(date, date.isoformat)
converter.register_unstructure_hook(Country, lambda c: c.alpha_2)
for _enum_cls in (PhaseKind, LabelLevel, PartnerKind):
    converter.register_unstructure_hook(_enum_cls, lambda e: e.value)
converter.register_structure_hook_func(
    lambda tp: getattr(tp, "__origin__", None) is tuple and tp.__args__[-1] is Ellipsis, _tuple
)


def _join(prefix: str, inner: str | None) -> str:
    if inner is None:
        return prefix
    return f"{prefix}{inner}" if inner.startswith("[") else f"{prefix}.{inner}"


def _flatten(exc: BaseException) -> DataError:
    """The first leaf of a cattrs error group as a DataError with the field path."""
    if isinstance(exc, DataError):
        return exc
    if isinstance(exc, cattrs.BaseValidationError):
        for sub in exc.exceptions:
            found = _flatten(sub)
            for note in getattr(sub, "__notes__", ()):
                name = getattr(note, "name", None)
                index = getattr(note, "index", None)
                if name is not None:
                    return _relabel(found, str(name))
                if index is not None:
                    return _relabel(found, f"[{index}]")
            return found
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return DataError(field=sorted(exc.extra_fields)[0],
                         reason=f"is not a field of {exc.cl.__name__}")
    if isinstance(exc, KeyError):
        return DataError(field=str(exc.args[0]), reason="is required but missing")
    if isinstance(exc, (TypeError, ValueError)):
        return DataError(reason=str(exc))
    raise exc


def _relabel(found: DataError, name: str) -> DataError:
    """Put ``name`` in front of the error's field path (the attrs check names the field)."""
    field = found.field
    if field == name or (field is not None and field.startswith((f"{name}.", f"{name}["))):
        return found
    return DataError(reason=found.reason, field=_join(name, field), value=found.value,
                     record=found.record, file=found.file)


def structure(data: Any, cls: type[T], *, file: str | None = None,
              record: str | None = None) -> T:
    """Build ``cls`` from plain data, strictly; every failure is a located DataError."""
    if attrs_class(cls) and not isinstance(data, dict):
        raise DataError(reason=f"expected a JSON object, got {_kind(data)}", file=file,
                        record=record, value=data if not isinstance(data, (list, dict)) else None)
    try:
        return converter.structure(data, cls)
    except DataError as exc:
        raise exc.located(file=file, record=record) from None
    except (cattrs.BaseValidationError, cattrs.ForbiddenExtraKeysError) as exc:
        raise _flatten(exc).located(file=file, record=record) from None


def attrs_class(cls: object) -> bool:
    return isinstance(cls, type) and hasattr(cls, "__attrs_attrs__")


def unstructure(obj: Any) -> Any:
    """Plain JSON data for a model object (or a tuple of them)."""
    return converter.unstructure(obj)
