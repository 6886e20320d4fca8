"""JSON in and out: [`to_json`][germanclusters.to_json] and
[`from_json`][germanclusters.from_json], through the one converter.

Examples:
    >>> import germanclusters as gc
    >>> gc.from_json(gc.to_json(gc.clusters()), gc.Clusters) == gc.clusters()
    True
"""

from __future__ import annotations

from typing import Any, TypeVar, get_args, get_origin, overload

from germanclusters import _convert, _json, model
from germanclusters.errors import DataError
from germanclusters.query import Clusters, Programmes

__all__ = ["from_json", "to_json"]

T = TypeVar("T")
_CLASSES = (*model.RECORD_CLASSES, model.Country, model.PartialDate, model.PhaseKind,
            model.LabelLevel, model.PartnerKind)


def to_json(obj: object) -> str:
    """Canonical JSON of a model object, a collection or a tuple of them.

    Keys are sorted, the indent is two spaces, text is UTF-8 as is, and the text ends
    with a newline, so equal objects give equal text. Records are written as in the
    shipped data files: countries as alpha-2 codes, dates as ISO 8601 at their
    precision, enums by value.

    Examples:
        >>> import germanclusters as gc
        >>> gc.to_json(gc.normalize_country("Finnland"))
        '"FI"\\n'
    """
    if isinstance(obj, (Clusters, Programmes, list)):
        obj = tuple(obj)
    if isinstance(obj, tuple):
        if not all(isinstance(item, _CLASSES) for item in obj):
            raise TypeError("to_json takes model objects, collections or tuples of them")
    elif not isinstance(obj, _CLASSES):
        raise TypeError("to_json takes a germanclusters model object, collection or tuple of "
                        f"them, not {type(obj).__name__}")
    return _json.dumps(_convert.unstructure(obj))


@overload
def from_json(text: str | bytes, cls: type[T]) -> T: ...
@overload
def from_json(text: str | bytes, cls: object) -> Any: ...
def from_json(text: str | bytes, cls: Any) -> Any:
    """Build ``cls`` from JSON text written by [`to_json`][germanclusters.to_json] (or the data
    files).

    ``cls`` is a model class or enum, [`Clusters`][germanclusters.Clusters],
    [`Programmes`][germanclusters.Programmes] or ``tuple[X, ...]`` of a model class. The input is
    untrusted: anything but what the model allows (unknown or duplicate keys, wrong types, bad
    values, NaN) raises [`DataError`][germanclusters.DataError] naming the record and field path.

    Examples:
        >>> import germanclusters as gc
        >>> gc.from_json('{"kind": "concept", "countries": ["FI"], "colour": "red"}', gc.Phase)
        Traceback (most recent call last):
        ...
        germanclusters.errors.DataError: field 'colour': is not a field of Phase
    """
    if not isinstance(text, (str, bytes)):
        raise TypeError(f"text must be str or bytes, not {type(text).__name__}")
    data = _json.read_json(text)
    if cls is Clusters or cls is Programmes:
        item: type[Any] = model.Cluster if cls is Clusters else model.Programme
        return cls(_many(data, item))
    if get_origin(cls) is tuple:
        args = get_args(cls)
        if len(args) == 2 and args[1] is Ellipsis and args[0] in _CLASSES:
            return _many(data, args[0])
    elif cls in _CLASSES:
        return _one(data, cls, None)
    raise TypeError("cls must be a germanclusters model class, Clusters, Programmes or "
                    f"tuple[X, ...], not {cls!r}")


def _many(data: Any, cls: type[T]) -> tuple[T, ...]:
    if not isinstance(data, list):
        raise DataError(reason=f"expected a JSON array, got {type(data).__name__}")
    return tuple(_one(item, cls, i) for i, item in enumerate(data))


def _one(data: Any, cls: type[T], position: int | None) -> T:
    ident = data.get("id") if isinstance(data, dict) else None
    record = ident if isinstance(ident, str) and len(ident) <= 100 else (
        None if position is None else f"#{position}")
    return _convert.structure(data, cls, record=record)
