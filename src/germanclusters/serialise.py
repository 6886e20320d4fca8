"""Canonical JSON of the model: :func:`to_json` and :func:`from_json`.

* :func:`to_json` writes canonical JSON (sorted keys, two-space indent, UTF-8 text,
  trailing newline) for every model class and collection, with an exact round trip.
* :func:`from_json` reads untrusted input strictly: unknown keys, wrong types,
  duplicate keys, ``NaN`` and over-deep nesting are a
  :class:`~germanclusters.DataError` naming the record and field path, input over
  :data:`MAX_JSON_BYTES` is refused, and nothing is ever evaluated or unpickled.

The other serialised views have modules of their own: JSON Schema in
:mod:`germanclusters.schemas`, flat tables and data frames in
:mod:`germanclusters.tables`, files (CSV, JSON, Parquet, Frictionless data package)
in :mod:`germanclusters.exports`. The names that lived here up to version 0.1.0
(``json_schema``, ``to_records``, ``to_dataframe``, ``export``, ``TABLES``,
``EXPORT_FORMATS``, ...) are still reachable as ``germanclusters.serialise.<name>``.

Examples:
    >>> import germanclusters as gc
    >>> text = gc.to_json(gc.cluster("cool-silicon"))
    >>> gc.from_json(text, gc.Cluster) == gc.cluster("cool-silicon")
    True
    >>> from germanclusters.serialise import MAX_JSON_BYTES
    >>> MAX_JSON_BYTES // 1024 // 1024  # MiB
    20
"""

from __future__ import annotations

import json
from enum import Enum
from typing import Any, Final, TypeVar, get_args, get_origin, overload

from germanclusters import _convert
from germanclusters.errors import DataError, GermanClustersError
from germanclusters.model import (
    Cluster,
    Contact,
    Country,
    DataFile,
    Funding,
    Label,
    LabelLevel,
    Manifest,
    Participation,
    Phase,
    PhaseKind,
    Programme,
    ProgrammeRound,
    Source,
)
from germanclusters.query import Clusters, Programmes

__all__ = ["MAX_JSON_BYTES", "from_json", "to_json"]

T = TypeVar("T")

MAX_JSON_BYTES: Final = 20 * 1024 * 1024
"""Largest JSON text :func:`from_json` reads (UTF-8 bytes): 20 MiB."""

#: The model classes and enums that to_json, from_json and json_schema take.
_MODEL_CLASSES: Final[tuple[type, ...]] = (
    Cluster,
    Contact,
    Country,
    DataFile,
    Funding,
    Label,
    Manifest,
    Participation,
    Phase,
    Programme,
    ProgrammeRound,
    Source,
)
_ENUMS: Final[tuple[type[Enum], ...]] = (PhaseKind, LabelLevel)
_COUNTRY_FIELDS: Final = ("alpha_2", "alpha_3", "name", "name_de", "numeric")


def _dumps(data: object) -> str:
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def to_json(obj: object) -> str:
    """Canonical JSON text of a model object, a collection or a tuple of them.

    Keys are sorted, the indent is two spaces, non-ASCII text is written as is and
    the text ends with a newline, so equal objects always give equal text. Clusters
    and programmes are written as in the shipped data files (countries inside a
    phase as alpha-2 codes); a :class:`Country` on its own as an object with all
    its codes and names. Collections and tuples become JSON arrays.

    Examples:
        >>> import germanclusters as gc
        >>> print(gc.to_json(gc.normalize_country("FI")), end="")
        {
          "alpha_2": "FI",
          "alpha_3": "FIN",
          "name": "Finland",
          "name_de": "Finnland",
          "numeric": "246"
        }
        >>> gc.to_json(gc.PhaseKind.CONCEPT)
        '"concept"\\n'
    """
    return _dumps(_plain(obj))


def _plain(obj: object) -> Any:
    if isinstance(obj, (Clusters, Programmes)):
        return [_convert.unstructure(item) for item in obj]
    if isinstance(obj, Country):
        return {name: getattr(obj, name) for name in _COUNTRY_FIELDS}
    if isinstance(obj, (*_MODEL_CLASSES, *_ENUMS)):
        return _convert.unstructure(obj)
    if isinstance(obj, (tuple, list)):
        return [_plain(item) for item in obj]
    raise TypeError(
        "to_json takes a germanclusters model object, collection or tuple of them, "
        f"not {type(obj).__name__}"
    )


@overload
def from_json(text: str | bytes, cls: type[T]) -> T: ...


@overload
def from_json(text: str | bytes, cls: object) -> Any: ...


def from_json(text: str | bytes, cls: Any) -> Any:
    """Build ``cls`` from JSON text written by :func:`to_json` (or the data files).

    ``cls`` is a model class (:class:`Cluster`, :class:`Programme`,
    :class:`Source`, :class:`Country`, :class:`Phase`, :class:`PhaseKind`, ...),
    :class:`Clusters`, :class:`Programmes` or ``tuple[X, ...]`` of a model class.
    The input is untrusted: anything but exactly what the model allows (unknown or
    duplicate keys, wrong types, bad values, ``NaN``, nesting deeper than Python's
    recursion limit, text over :data:`MAX_JSON_BYTES`) raises
    :class:`~germanclusters.DataError` naming the record and the field path. No
    pickle, no eval.

    Examples:
        >>> import germanclusters as gc
        >>> gc.from_json('"implementation"', gc.PhaseKind)
        <PhaseKind.IMPLEMENTATION: 'implementation'>
        >>> gc.from_json('{"kind": "concept", "countries": ["FI"], "colour": "red"}', gc.Phase)
        Traceback (most recent call last):
        ...
        germanclusters.errors.DataError: field 'colour' = 'red': is not a field of Phase
    """
    data = _parse(text)
    return _structure(data, cls)


def _parse(text: object) -> Any:
    if isinstance(text, (bytes, bytearray)):
        if len(text) > MAX_JSON_BYTES:
            raise _too_large(len(text))
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DataError(reason=f"JSON input is not UTF-8 (byte {exc.start})") from None
    if not isinstance(text, str):
        raise TypeError(f"text must be str or bytes, not {type(text).__name__}")
    if len(text) > MAX_JSON_BYTES or (
        len(text) * 4 > MAX_JSON_BYTES
        and len(text.encode("utf-8", "surrogatepass")) > MAX_JSON_BYTES
    ):
        raise _too_large(len(text.encode("utf-8", "surrogatepass")))
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except DataError:
        raise
    except json.JSONDecodeError as exc:
        raise DataError(
            reason=f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise DataError(reason="JSON input is nested too deeply") from None
    except ValueError as exc:  # e.g. an integer with too many digits
        raise DataError(reason=f"not valid JSON: {exc}") from None


def _too_large(size: int) -> DataError:
    return DataError(
        reason=f"JSON input has {size} bytes; the limit is {MAX_JSON_BYTES} (MAX_JSON_BYTES)"
    )


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DataError(reason="key appears twice in one object", field=key, value=value)
        out[key] = value
    return out


def _no_constant(name: str) -> float:
    raise DataError(reason=f"{name} is not valid JSON")


def _structure(data: Any, cls: Any) -> Any:
    if cls is Clusters or cls is Programmes:
        item = Cluster if cls is Clusters else Programme
        return cls(_structure_list(data, item))
    if get_origin(cls) is tuple:
        args = get_args(cls)
        if len(args) == 2 and args[1] is Ellipsis and _supported(args[0]):
            return tuple(_structure_list(data, args[0]))
        raise TypeError(f"cls must be tuple[X, ...] of a model class, not {cls!r}")
    if not _supported(cls):
        raise TypeError(
            "cls must be a germanclusters model class, Clusters, Programmes or "
            f"tuple[X, ...], not {cls!r}"
        )
    return _structure_one(data, cls, None)


def _supported(cls: object) -> bool:
    """Whether ``cls`` is a model class or enum (for from_json and json_schema)."""
    return cls in _MODEL_CLASSES or cls in _ENUMS


def _structure_list(data: Any, cls: type) -> list[Any]:
    if not isinstance(data, list):
        raise DataError(reason=f"expected a JSON array, got {_json_type(data)}")
    return [_structure_one(item, cls, i) for i, item in enumerate(data)]


def _structure_one(data: Any, cls: type, position: int | None) -> Any:
    ident = data.get("id") if isinstance(data, dict) else None
    if isinstance(ident, str) and len(ident) <= 100:
        record: str | None = ident
    else:
        record = None if position is None else f"#{position}"
    if cls is Country:
        return _structure_country(data, record)
    return _convert.structure(data, cls, record=record)


def _structure_country(data: Any, record: str | None) -> Country:
    from germanclusters.countries import from_alpha_2

    if not isinstance(data, dict):
        raise DataError(reason=f"expected an object, got {_json_type(data)}", record=record)
    for key in sorted(data):
        if key not in _COUNTRY_FIELDS:
            raise DataError(
                reason="is not a field of Country", field=key, value=data[key], record=record
            )
    for key in _COUNTRY_FIELDS:
        if key not in data:
            raise DataError(reason="required field is missing", field=key, record=record)
        if not isinstance(data[key], str):
            raise DataError(
                reason=f"expected text, got {_json_type(data[key])}",
                field=key,
                value=data[key],
                record=record,
            )
    try:
        country = from_alpha_2(data["alpha_2"])
    except GermanClustersError as exc:
        raise DataError(
            reason=str(exc), field="alpha_2", value=data["alpha_2"], record=record
        ) from None
    for key in _COUNTRY_FIELDS:
        if getattr(country, key) != data[key]:
            raise DataError(
                reason=f"is not the ISO 3166-1 value for {country.alpha_2} "
                f"({getattr(country, key)!r})",
                field=key,
                value=data[key],
                record=record,
            )
    return country


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    return {dict: "object", list: "array", str: "string", bool: "boolean"}.get(
        type(value), type(value).__name__
    )


# Names that lived in this module up to version 0.1.0 and now live in their own
# modules. They are imported on first use (these modules import this one, so an
# import at the top would be a cycle).
_MOVED: Final = {
    "DATA_FILE_SCHEMAS": "schemas",
    "json_schema": "schemas",
    "LIST_SEPARATOR": "tables",
    "NOTES_SEPARATOR": "tables",
    "TABLES": "tables",
    "to_dataframe": "tables",
    "to_records": "tables",
    "EXPORT_FORMATS": "exports",
    "export": "exports",
}


def __getattr__(name: str) -> Any:
    module = _MOVED.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"germanclusters.{module}"), name)
