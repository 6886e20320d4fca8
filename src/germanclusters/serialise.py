"""Serialised views of the data: canonical JSON, JSON Schema, flat tables, files.

* :func:`to_json` / :func:`from_json`: canonical JSON (sorted keys, two-space indent,
  UTF-8 text, trailing newline) for every model class and collection, with an exact
  round trip. :func:`from_json` reads untrusted input strictly: unknown keys, wrong
  types, duplicate keys, ``NaN`` and over-deep nesting are a
  :class:`~germanclusters.DataError` naming the record and field path, input over
  :data:`MAX_JSON_BYTES` is refused, and nothing is ever evaluated or unpickled.
* :func:`json_schema`: JSON Schema (draft 2020-12) generated from the model, for
  the shipped data files and for any model class. The package ships the schemas of
  the data files in ``germanclusters/schema/``; a test keeps them equal to the
  generated ones.
* :func:`to_records` / :func:`to_dataframe`: flat tables (one dict per row, scalar
  values, lists joined with ``"; "``), as pandas or polars data frames.
* :func:`export`: the whole dataset as CSV files, canonical JSON, Parquet files or a
  Frictionless data package.

pandas, polars and pyarrow are imported only inside the functions that need them;
a missing one raises :class:`~germanclusters.MissingExtra` naming the pip extra.

Examples:
    >>> import germanclusters as gc
    >>> text = gc.to_json(gc.cluster("cool-silicon"))
    >>> gc.from_json(text, gc.Cluster) == gc.cluster("cool-silicon")
    True
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, Final, TypeVar, get_args, get_origin, overload

import attrs

from germanclusters import _convert, model
from germanclusters._states import STATES
from germanclusters._version import __version__
from germanclusters.errors import DataError, GermanClustersError, MissingExtra
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

__all__ = [
    "EXPORT_FORMATS",
    "MAX_JSON_BYTES",
    "TABLES",
    "export",
    "from_json",
    "json_schema",
    "to_dataframe",
    "to_json",
    "to_records",
]

T = TypeVar("T")

#: Largest JSON text :func:`from_json` reads (UTF-8 bytes): 20 MiB.
MAX_JSON_BYTES: Final = 20 * 1024 * 1024
#: The formats of :func:`export`.
EXPORT_FORMATS: Final = ("csv", "json", "parquet", "datapackage")
#: Separator of list values in flat tables.
LIST_SEPARATOR: Final = "; "

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
_DATA_LICENCE: Final = "CC-BY-4.0"
_DATA_LICENCE_URL: Final = "https://creativecommons.org/licenses/by/4.0/"
_SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"


# ======================================================================= JSON


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


# ================================================================ JSON Schema

_TEXT_PATTERN: Final = r"^\S(?:[\s\S]*\S)?$"
_DATE_PATTERN: Final = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _anchored(pattern: re.Pattern[str]) -> str:
    return f"^(?:{pattern.pattern})$"


def _text_schema() -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "pattern": _TEXT_PATTERN}


# What each model validator means in JSON Schema (keywords for the value itself, or
# for the items of an array).
_VALIDATOR_KEYWORDS: Final[dict[Any, dict[str, Any]]] = {
    model._text: _text_schema(),
    model._opt_text: _text_schema(),
    model._slug: {"pattern": _anchored(model._SLUG)},
    model._opt_url: {"pattern": _anchored(model._URL)},
    model._opt_year: {"minimum": model._MIN_YEAR, "maximum": model._MAX_YEAR},
    model._opt_positive: {"minimum": 1},
    model._opt_non_negative: {"minimum": 0},
    model._opt_phone: {"pattern": _anchored(model._E164)},
    model._opt_email: {"pattern": _anchored(model._EMAIL)},
    model._opt_state: {"enum": [*sorted(STATES), None]},
    model._states_check: {"uniqueItems": True, "items": {"enum": sorted(STATES)}},
    model._texts_check: {"uniqueItems": True, "items": _text_schema()},
    model._sources_check: {
        "uniqueItems": True,
        "minItems": 1,
        "items": {"pattern": _anchored(model._SLUG)},
    },
    model._country_list: {"uniqueItems": True},
}

# Fields checked by inline lambdas in the model, by (class, field).
_FIELD_KEYWORDS: Final[dict[tuple[type, str], dict[str, Any]]] = {
    (Country, "alpha_2"): {"pattern": _anchored(model._ALPHA2)},
    (Country, "alpha_3"): {"pattern": _anchored(model._ALPHA3)},
    (Country, "numeric"): {"pattern": _anchored(model._NUMERIC)},
    (Source, "language"): {"pattern": _anchored(model._LANG)},
    (Manifest, "data_version"): {"pattern": _anchored(model._CALVER)},
    (DataFile, "sha256"): {"pattern": _anchored(model._SHA256)},
    (DataFile, "bytes"): {"minimum": 0},
    (ProgrammeRound, "number"): {"minimum": 1},
    (Contact, "postcode"): {"pattern": "^[0-9]{5}$"},
    (Funding, "share_percent"): {"maximum": 100},
}

#: The data files whose schema :func:`json_schema` gives by name.
DATA_FILE_SCHEMAS: Final = ("clusters.json", "programmes.json", "sources.json", "manifest.json")


def json_schema(cls: Any) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) generated from the model.

    ``cls`` is a model class (the schema of :func:`to_json` of one object),
    :class:`Clusters`, :class:`Programmes` or ``tuple[X, ...]`` (an array), or the
    name of a shipped data file: ``"clusters.json"``, ``"programmes.json"``,
    ``"sources.json"``, ``"manifest.json"``. Every key is required (unknown facts
    are ``null`` or ``[]``, as :func:`to_json` and the data files write them;
    :func:`from_json` is more lenient and fills in a missing optional key with its
    default) and no other key is allowed. The schema checks the
    shape and the simple rules (patterns, ranges, enums, unique items); the model
    checks the rest (date order, cross-references) when the data is loaded.

    Examples:
        >>> import germanclusters as gc
        >>> schema = gc.json_schema("clusters.json")
        >>> schema["type"], schema["items"]
        ('array', {'$ref': '#/$defs/Cluster'})
        >>> properties = gc.json_schema(gc.Cluster).get("properties")
        >>> "DE-SN" in properties.get("state").get("enum")
        True
    """
    if isinstance(cls, str):
        return _file_schema(cls)
    defs: dict[str, Any] = {}
    if cls is Clusters or cls is Programmes:
        body: dict[str, Any] = {
            "type": "array",
            "items": _type_schema(Cluster if cls is Clusters else Programme, defs),
        }
        title = cls.__name__
    elif get_origin(cls) is tuple:
        args = get_args(cls)
        if not (len(args) == 2 and args[1] is Ellipsis and _supported(args[0])):
            raise TypeError(f"cls must be tuple[X, ...] of a model class, not {cls!r}")
        body = {"type": "array", "items": _type_schema(args[0], defs)}
        title = f"tuple[{args[0].__name__}, ...]"
    elif _supported(cls):
        # a class on its own: its object schema inline (a Country with all its codes)
        body = _object_schema(cls, defs) if attrs.has(cls) else _type_schema(cls, defs)
        title = cls.__name__
    else:
        raise TypeError(
            "cls must be a model class, Clusters, Programmes, tuple[X, ...] or one of "
            f"{', '.join(DATA_FILE_SCHEMAS)}; got {cls!r}"
        )
    schema: dict[str, Any] = {"$schema": _SCHEMA_DIALECT}
    schema.update(body)
    schema["title"] = f"germanclusters {title}"
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def _file_schema(name: str) -> dict[str, Any]:
    if name == "clusters.json":
        schema = json_schema(Clusters)
    elif name == "programmes.json":
        schema = json_schema(Programmes)
    elif name == "sources.json":
        schema = json_schema(tuple[Source, ...])
    elif name == "manifest.json":
        schema = {"$schema": _SCHEMA_DIALECT, **_MANIFEST_FILE_SCHEMA}
    else:
        allowed = ", ".join(repr(n) for n in DATA_FILE_SCHEMAS)
        raise ValueError(f"name must be one of {allowed}; got {name!r}")
    schema["title"] = f"germanclusters data/{name}"
    return schema


_MANIFEST_FILE_SCHEMA: Final[dict[str, Any]] = {
    "description": "The manifest of the shipped data: version, licence, and the size and "
    "SHA-256 of each data file.",
    "type": "object",
    "additionalProperties": False,
    "required": ["created", "data_version", "licenses", "name", "resources"],
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "data_version": {"type": "string", "pattern": _anchored(model._CALVER)},
        "created": {"type": "string", "format": "date", "pattern": _DATE_PATTERN},
        "licenses": {
            "type": "array",
            "minItems": 1,
            "maxItems": 1,
            "items": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"type": "string", "minLength": 1}},
            },
        },
        "resources": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["bytes", "hash", "name", "path"],
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "path": {"type": "string", "minLength": 1},
                    "bytes": {"type": "integer", "minimum": 0},
                    "hash": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"},
                },
            },
        },
    },
}


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    args = get_args(tp)
    if type(None) in args:
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:  # pragma: no cover - the model has only `X | None` unions
            raise TypeError(f"no JSON Schema for type {tp!r}")
        schema = _type_schema(inner[0], defs)
        if "$ref" in schema:
            return {"anyOf": [schema, {"type": "null"}]}
        schema["type"] = [schema["type"], "null"]
        return schema
    if get_origin(tp) is tuple:
        return {"type": "array", "items": _type_schema(args[0], defs)}
    if tp is str:
        return {"type": "string"}
    if tp is int:
        return {"type": "integer"}
    if tp is date:
        return {"type": "string", "format": "date", "pattern": _DATE_PATTERN}
    if tp is Country:
        return {"type": "string", "pattern": _anchored(model._ALPHA2)}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return {"type": "string", "enum": [m.value for m in tp]}
    if attrs.has(tp):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}  # placeholder against recursion
            defs[tp.__name__] = _object_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    raise TypeError(f"no JSON Schema for type {tp!r}")  # pragma: no cover - model types only


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    for a in attrs.fields(cls):
        schema = _type_schema(hints[a.name], defs)
        for validator in _validators(a.validator):
            _merge(schema, _VALIDATOR_KEYWORDS.get(validator, {}))
        _merge(schema, _FIELD_KEYWORDS.get((cls, a.name), {}))
        properties[a.name] = schema
    doc = (cls.__doc__ or "").strip().split("\n\n")[0]
    return {
        "title": cls.__name__,
        "description": " ".join(doc.split()),
        "type": "object",
        "additionalProperties": False,
        "required": sorted(properties),
        "properties": dict(sorted(properties.items())),
    }


def _validators(validator: Any) -> Iterator[Any]:
    if validator is None:
        return
    inner = getattr(validator, "_validators", None)
    if inner is None:
        yield validator
        return
    for v in inner:
        yield from _validators(v)


def _merge(schema: dict[str, Any], keywords: dict[str, Any]) -> None:
    for key, value in keywords.items():
        if key == "type" and "type" in schema:
            continue  # the annotation decides the type (and whether null is allowed)
        if key == "items" and "items" in schema:
            if "$ref" not in schema["items"]:
                _merge(schema["items"], value)
        elif key == "enum" and isinstance(schema.get("type"), list):
            schema[key] = value
        elif key == "enum":
            schema[key] = [v for v in value if v is not None]
        else:
            schema[key] = value


def _shipped_schema(name: str) -> str:
    """The text of a schema file shipped in ``germanclusters/schema/``."""
    from importlib.resources import files

    stem = name.removesuffix(".json")
    return (files("germanclusters") / "schema" / f"{stem}.schema.json").read_text("utf-8")


# ============================================================== flat tables


@attrs.frozen
class _Column:
    name: str
    type: str  # "string" | "integer" | "date"
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()


@attrs.frozen
class _ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@attrs.frozen
class _Table:
    name: str
    kind: str  # "clusters" | "programmes" | "sources"
    description: str
    columns: tuple[_Column, ...]
    primary_key: tuple[str, ...]
    rows: Callable[[Sequence[Any]], Iterator[tuple[Any, ...]]]
    foreign_keys: tuple[_ForeignKey, ...] = ()


def _joined(values: Iterable[object]) -> str | None:
    text = LIST_SEPARATOR.join(str(v) for v in values)
    return text or None


def _s(name: str, description: str, *, required: bool = False) -> _Column:
    return _Column(name, "string", description, required)


def _i(name: str, description: str, *, required: bool = False) -> _Column:
    return _Column(name, "integer", description, required)


def _d(name: str, description: str) -> _Column:
    return _Column(name, "date", description)


_CLUSTER_ID = _s("cluster_id", "id of the cluster (clusters.id)", required=True)
_SOURCES = _s("sources", "ids of the sources (sources.id), separated by '; '")
_NOTE = _s("note", "how the source was read, where that was not obvious")
_PHASE = _Column(
    "phase",
    "string",
    "phase of the internationalisation project",
    required=True,
    enum=tuple(k.value for k in PhaseKind),
)


def _cluster_rows(items: Sequence[Cluster]) -> Iterator[tuple[Any, ...]]:
    for c in items:
        yield (
            c.id, c.name, c.short_name, c.name_de, _joined(c.aliases), c.organisation,
            c.state, _joined(c.states), c.city, c.founded, c.members, c.members_as_of,
            c.website, c.topic, c.summary, _joined(c.notes), _joined(c.sources),
        )  # fmt: skip


def _participation_rows(items: Sequence[Cluster]) -> Iterator[tuple[Any, ...]]:
    for c in items:
        for p in c.participations:
            yield (c.id, p.programme, p.round, p.year, p.project, p.note, _joined(p.sources))


def _phase_rows(items: Sequence[Cluster]) -> Iterator[tuple[Any, ...]]:
    for c in items:
        for p in c.participations:
            for ph in p.phases:
                yield (
                    c.id, p.programme, ph.kind.value,
                    _joined(k.alpha_2 for k in ph.countries), _joined(ph.regions),
                    ph.start, ph.end, ph.source_text, ph.note,
                )  # fmt: skip


def _target_rows(items: Sequence[Cluster]) -> Iterator[tuple[Any, ...]]:
    for c in items:
        for p in c.participations:
            for ph in p.phases:
                for k in ph.countries:
                    yield (
                        c.id, p.programme, ph.kind.value,
                        k.alpha_2, k.alpha_3, k.name, k.name_de,
                    )  # fmt: skip


def _label_rows(items: Sequence[Cluster]) -> Iterator[tuple[Any, ...]]:
    for c in items:
        for n, lab in enumerate(c.labels, 1):
            yield (
                c.id, n, lab.scheme, lab.level.value, lab.awarded, lab.year,
                lab.valid_until, lab.awarded_by, lab.note, _joined(lab.sources),
            )  # fmt: skip


def _contact_rows(items: Sequence[Cluster]) -> Iterator[tuple[Any, ...]]:
    for c in items:
        for n, k in enumerate(c.contacts, 1):
            yield (
                c.id, n, k.name, k.title, k.role, k.organisation, k.street, k.postcode,
                k.city, k.phone, k.fax, k.mobile, k.email, k.as_of, k.note, _joined(k.sources),
            )  # fmt: skip


def _country_rows(items: Sequence[Cluster]) -> Iterator[tuple[Any, ...]]:
    found = {k.alpha_2: k for c in items for k in c.target_countries()}
    for code in sorted(found):
        k = found[code]
        yield (k.alpha_2, k.alpha_3, k.numeric, k.name, k.name_de)


def _programme_rows(items: Sequence[Programme]) -> Iterator[tuple[Any, ...]]:
    for p in items:
        yield (
            p.id, p.name, p.name_de, _joined(p.aliases), p.funder, p.kind, p.launched,
            p.ended, p.summary, p.url, _joined(p.partners), _joined(p.notes), _joined(p.sources),
        )  # fmt: skip


def _round_rows(items: Sequence[Programme]) -> Iterator[tuple[Any, ...]]:
    for p in items:
        for r in p.rounds:
            yield (p.id, r.number, r.year, r.announced, r.note, _joined(r.sources))


def _funding_rows(items: Sequence[Programme]) -> Iterator[tuple[Any, ...]]:
    for p in items:
        for n, f in enumerate(p.funding, 1):
            yield (p.id, n, f.funder, f.amount_eur, f.share_percent, f.note, _joined(f.sources))


def _source_rows(items: Sequence[Source]) -> Iterator[tuple[Any, ...]]:
    for s in items:
        yield (
            s.id, s.title, s.publisher, s.url, s.language, s.as_of, s.licence, s.document,
            s.note,
        )  # fmt: skip


_TO_CLUSTER = _ForeignKey(("cluster_id",), "clusters", ("id",))
_TO_PARTICIPATION = _ForeignKey(
    ("cluster_id", "programme"), "participations", ("cluster_id", "programme")
)

_TABLE_LIST: Final[tuple[_Table, ...]] = (
    _Table(
        "clusters",
        "clusters",
        "One row per cluster.",
        (
            _s("id", "stable id (a slug)", required=True),
            _s("name", "name", required=True),
            _s("short_name", "short name"),
            _s("name_de", "German name"),
            _s("aliases", "other names, separated by '; '"),
            _s("organisation", "the organisation that runs the cluster"),
            _s("state", "ISO 3166-2 code of the German state of its seat"),
            _s("states", "ISO 3166-2 codes of every state it spans, separated by '; '"),
            _s("city", "city of its seat"),
            _i("founded", "year founded"),
            _i("members", "number of members"),
            _d("members_as_of", "date of the number of members"),
            _s("website", "website"),
            _s("topic", "field of technology or industry"),
            _s("summary", "summary in the project's own words"),
            _s("notes", "notes, separated by '; '"),
            _SOURCES,
        ),
        ("id",),
        _cluster_rows,
    ),
    _Table(
        "participations",
        "clusters",
        "One row per cluster and programme it took part in.",
        (
            _CLUSTER_ID,
            _s("programme", "id of the programme (programmes.id)", required=True),
            _i("round", "round of the programme"),
            _i("year", "year of the participation"),
            _s("project", "name of the project"),
            _NOTE,
            _SOURCES,
        ),
        ("cluster_id", "programme"),
        _participation_rows,
        (_TO_CLUSTER, _ForeignKey(("programme",), "programmes", ("id",))),
    ),
    _Table(
        "phases",
        "clusters",
        "One row per phase (concept, implementation) of an internationalisation project.",
        (
            _CLUSTER_ID,
            _s("programme", "id of the programme (programmes.id)", required=True),
            _Column("kind", _PHASE.type, _PHASE.description, required=True, enum=_PHASE.enum),
            _s("countries", "alpha-2 codes of the target countries, separated by '; '"),
            _s("regions", "named target regions that are not countries, separated by '; '"),
            _d("start", "start of the phase"),
            _d("end", "end of the phase"),
            _s("source_text", "the source's own list of targets, as printed"),
            _NOTE,
        ),
        ("cluster_id", "programme", "kind"),
        _phase_rows,
        (_TO_PARTICIPATION,),
    ),
    _Table(
        "target_countries",
        "clusters",
        "One row per cluster, phase and target country.",
        (
            _CLUSTER_ID,
            _s("programme", "id of the programme (programmes.id)", required=True),
            _PHASE,
            _s("country", "ISO 3166-1 alpha-2 code (countries.alpha_2)", required=True),
            _s("country_alpha_3", "ISO 3166-1 alpha-3 code"),
            _s("country_name", "English name"),
            _s("country_name_de", "German name"),
        ),
        ("cluster_id", "programme", "phase", "country"),
        _target_rows,
        (
            _ForeignKey(
                ("cluster_id", "programme", "phase"),
                "phases",
                ("cluster_id", "programme", "kind"),
            ),
            _ForeignKey(("country",), "countries", ("alpha_2",)),
        ),
    ),
    _Table(
        "labels",
        "clusters",
        "One row per cluster management excellence label.",
        (
            _CLUSTER_ID,
            _i(
                "position", "position of the label in the cluster's list (1, 2, ...)", required=True
            ),
            _s("scheme", "label scheme, e.g. ECEI"),
            _Column(
                "level",
                "string",
                "label level",
                required=True,
                enum=tuple(lv.value for lv in LabelLevel),
            ),
            _d("awarded", "date awarded"),
            _i("year", "year awarded, where only the year is known"),
            _d("valid_until", "end of validity"),
            _s("awarded_by", "who awarded it"),
            _NOTE,
            _SOURCES,
        ),
        ("cluster_id", "position"),
        _label_rows,
        (_TO_CLUSTER,),
    ),
    _Table(
        "contacts",
        "clusters",
        "One row per business contact as a source published it (personal data).",
        (
            _CLUSTER_ID,
            _i(
                "position",
                "position of the contact in the cluster's list (1, 2, ...)",
                required=True,
            ),
            _s("name", "name of the person"),
            _s("title", "academic title"),
            _s("role", "role"),
            _s("organisation", "organisation"),
            _s("street", "street address"),
            _s("postcode", "German postcode"),
            _s("city", "city"),
            _s("phone", "phone number, E.164"),
            _s("fax", "fax number, E.164"),
            _s("mobile", "mobile number, E.164"),
            _s("email", "e-mail address"),
            _d("as_of", "date the source was true"),
            _NOTE,
            _SOURCES,
        ),
        ("cluster_id", "position"),
        _contact_rows,
        (_TO_CLUSTER,),
    ),
    _Table(
        "countries",
        "clusters",
        "One row per country targeted by at least one of the clusters.",
        (
            _s("alpha_2", "ISO 3166-1 alpha-2 code", required=True),
            _s("alpha_3", "ISO 3166-1 alpha-3 code", required=True),
            _s("numeric", "ISO 3166-1 numeric code", required=True),
            _s("name", "English name", required=True),
            _s("name_de", "German name", required=True),
        ),
        ("alpha_2",),
        _country_rows,
    ),
    _Table(
        "programmes",
        "programmes",
        "One row per programme, competition, label scheme or portal.",
        (
            _s("id", "stable id (a slug)", required=True),
            _s("name", "English name", required=True),
            _s("name_de", "German name"),
            _s("aliases", "other names, separated by '; '"),
            _s("funder", "funding ministry or body"),
            _s("kind", "kind of programme", required=True),
            _i("launched", "year launched"),
            _i("ended", "year ended"),
            _s("summary", "summary in the project's own words"),
            _s("url", "web page"),
            _s("partners", "partners, separated by '; '"),
            _s("notes", "notes, separated by '; '"),
            _SOURCES,
        ),
        ("id",),
        _programme_rows,
    ),
    _Table(
        "programme_rounds",
        "programmes",
        "One row per round of a programme.",
        (
            _s("programme_id", "id of the programme (programmes.id)", required=True),
            _i("number", "number of the round", required=True),
            _i("year", "year of the round"),
            _d("announced", "date the results were announced"),
            _NOTE,
            _SOURCES,
        ),
        ("programme_id", "number"),
        _round_rows,
        (_ForeignKey(("programme_id",), "programmes", ("id",)),),
    ),
    _Table(
        "funding",
        "programmes",
        "One row per funder of a programme.",
        (
            _s("programme_id", "id of the programme (programmes.id)", required=True),
            _i("position", "position in the programme's list (1, 2, ...)", required=True),
            _s("funder", "funder", required=True),
            _i("amount_eur", "amount in euros"),
            _i("share_percent", "share of the funding in percent"),
            _NOTE,
            _SOURCES,
        ),
        ("programme_id", "position"),
        _funding_rows,
        (_ForeignKey(("programme_id",), "programmes", ("id",)),),
    ),
    _Table(
        "sources",
        "sources",
        "One row per source the data cites.",
        (
            _s("id", "stable id (a slug)", required=True),
            _s("title", "title", required=True),
            _s("publisher", "publisher"),
            _s("url", "web address"),
            _s("language", "ISO 639-1 language code", required=True),
            _d("as_of", "date the source was true"),
            _s("licence", "licence of the source"),
            _s("document", "the project's copy of the source"),
            _NOTE,
        ),
        ("id",),
        _source_rows,
    ),
)
_TABLES: Final[dict[str, _Table]] = {t.name: t for t in _TABLE_LIST}
#: The tables of :func:`to_records`, by the kind of record they are made from.
TABLES: Final[dict[str, tuple[str, ...]]] = {
    kind: tuple(t.name for t in _TABLE_LIST if t.kind == kind)
    for kind in ("clusters", "programmes", "sources")
}
_DEFAULT_TABLE: Final = {"clusters": "clusters", "programmes": "programmes", "sources": "sources"}
_KIND_OF: Final[dict[type, str]] = {Cluster: "clusters", Programme: "programmes", Source: "sources"}


def _resolve(obj: object, table: str | None) -> tuple[_Table, Sequence[Any]]:
    if table is not None and not isinstance(table, str):
        raise TypeError(f"table must be a str or None, not {type(table).__name__}")
    if isinstance(obj, (Cluster, Programme, Source)):
        items: Sequence[Any] = (obj,)
    elif isinstance(obj, (Clusters, Programmes, tuple, list)):
        items = obj
    else:
        raise TypeError(
            "expected clusters, programmes or sources (a collection, a tuple or one record), "
            f"not {type(obj).__name__}"
        )
    kinds = {_KIND_OF.get(type(item)) for item in items}
    if isinstance(obj, Clusters):
        kinds = {"clusters"}
    elif isinstance(obj, Programmes):
        kinds = {"programmes"}
    if None in kinds or len(kinds) > 1:
        raise TypeError("the items must all be Cluster, all Programme or all Source records")
    if not kinds:  # an empty tuple or list: the table says what it is
        if table is None:
            raise ValueError("table is needed for an empty sequence, e.g. table='clusters'")
        kinds = {_TABLES[table].kind} if table in _TABLES else {"clusters"}
    (kind,) = kinds
    name = _DEFAULT_TABLE[str(kind)] if table is None else table
    found = _TABLES.get(name)
    if found is None or found.kind != kind:
        allowed = ", ".join(repr(t) for t in TABLES[str(kind)])
        raise ValueError(f"table for {kind} must be one of {allowed}; got {name!r}")
    return found, items


def to_records(obj: object, table: str | None = None) -> list[dict[str, Any]]:
    """Flat rows of a table: one dict per row, scalar values, same keys in every row.

    ``obj`` is a :class:`Clusters` collection (or a tuple of clusters, or one), a
    :class:`Programmes` collection or the tuple from
    :func:`~germanclusters.sources`. Tables of clusters: ``"clusters"`` (the
    default), ``"participations"``, ``"phases"``, ``"target_countries"`` (one row
    per cluster x phase x country), ``"labels"``, ``"contacts"`` and
    ``"countries"`` (every country targeted); of programmes: ``"programmes"``
    (the default), ``"programme_rounds"``, ``"funding"``; of sources:
    ``"sources"``. The key column is ``id`` in the main tables and ``cluster_id``
    or ``programme_id`` elsewhere. Lists are joined with ``"; "``, unknowns and
    empty lists are ``None``, dates stay :class:`datetime.date`.

    Examples:
        >>> import germanclusters as gc
        >>> rows = gc.to_records(gc.cluster("cool-silicon"), table="target_countries")
        >>> sorted((r["phase"], r["country"]) for r in rows)
        [('concept', 'BE'), ('concept', 'CZ'), ('implementation', 'CZ')]
        >>> (row,) = gc.to_records(gc.cluster("cool-silicon"))
        >>> row["id"], row["state"], row["city"]
        ('cool-silicon', 'DE-SN', 'Dresden')
    """
    spec, items = _resolve(obj, table)
    names = [c.name for c in spec.columns]
    return [dict(zip(names, row, strict=True)) for row in spec.rows(items)]


def _require(module: str, extra: str) -> Any:
    from importlib import import_module

    try:
        return import_module(module)
    except ImportError:
        raise MissingExtra(module, extra) from None


def to_dataframe(obj: object, table: str | None = None, *, library: str = "pandas") -> Any:
    """The table of :func:`to_records` as a pandas (default) or polars data frame.

    Columns keep their types: nullable integers (pandas ``Int64``), strings and
    dates (pandas ``datetime64[s]``, polars ``Date``). Needs the ``pandas`` or
    ``polars`` extra (``pip install 'germanclusters[pandas]'``); without it raises
    :class:`~germanclusters.MissingExtra`.

    Examples:
        >>> import germanclusters as gc
        >>> frame = gc.to_dataframe(gc.clusters(), table="target_countries")  # doctest: +SKIP
        >>> frame.groupby("phase")["cluster_id"].nunique()  # doctest: +SKIP
    """
    if library not in ("pandas", "polars"):
        raise ValueError(f"library must be 'pandas' or 'polars'; got {library!r}")
    spec, items = _resolve(obj, table)
    rows = list(spec.rows(items))
    columns = {c.name: [row[i] for row in rows] for i, c in enumerate(spec.columns)}
    if library == "pandas":
        pd = _require("pandas", "pandas")
        dtypes = {"string": "string", "integer": "Int64", "date": "datetime64[s]"}
        return pd.DataFrame(
            {
                c.name: pd.Series(columns[c.name], dtype=dtypes[c.type], name=c.name)
                for c in spec.columns
            }
        )
    pl = _require("polars", "polars")
    types = {"string": pl.String, "integer": pl.Int64, "date": pl.Date}
    return pl.DataFrame(columns, schema={c.name: types[c.type] for c in spec.columns})


# =================================================================== export


def export(
    directory: str | os.PathLike[str],
    format: str = "datapackage",  # noqa: A002 - the documented argument name
    *,
    include_contacts: bool = True,
) -> list[Path]:
    """Write the whole dataset to ``directory`` (created if needed); return the paths.

    Formats: ``"csv"`` (one CSV file per table of :func:`to_records`),
    ``"json"`` (``germanclusters.json``: canonical JSON of the clusters,
    programmes and sources), ``"parquet"`` (one Parquet file per table; needs the
    ``parquet`` extra) and ``"datapackage"`` (the CSV files and a Frictionless
    ``datapackage.json`` with table schemas, primary and foreign keys, licence and
    sources). Every export also writes a ``README.md`` with the data version,
    licence (CC BY 4.0) and sources. Contacts are personal data: the README (and
    the data package's description) say when an export holds them;
    ``include_contacts=False`` leaves them out. Files of the same name are
    overwritten; others are left alone. Raises ``OSError`` if a file cannot be
    written.

    Examples:
        >>> import germanclusters as gc, tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     paths = gc.export(tmp, format="csv", include_contacts=False)
        ...     "clusters.csv" in {p.name for p in paths}, "contacts.csv" in {p.name for p in paths}
        (True, False)
    """
    if not isinstance(directory, (str, os.PathLike)):
        raise TypeError(f"directory must be a str or path, not {type(directory).__name__}")
    if format not in EXPORT_FORMATS:
        allowed = ", ".join(repr(f) for f in EXPORT_FORMATS)
        raise ValueError(f"format must be one of {allowed}; got {format!r}")
    if not isinstance(include_contacts, bool):
        raise TypeError(f"include_contacts must be a bool, not {type(include_contacts).__name__}")
    from germanclusters.query import clusters, manifest, programmes, sources

    if format == "parquet":
        _require("pyarrow", "parquet")
    data = {"clusters": clusters(), "programmes": programmes(), "sources": sources()}
    if not include_contacts:
        data["clusters"] = Clusters(attrs.evolve(c, contacts=()) for c in clusters())
    tables = [t for t in _TABLE_LIST if include_contacts or t.name != "contacts"]
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if format == "json":
        written.append(_write(root / "germanclusters.json", _dataset_json(data, manifest())))
    elif format == "parquet":
        for table in tables:
            written.append(_write_parquet(root / f"{table.name}.parquet", table, data))
    else:
        for table in tables:
            written.append(_write(root / f"{table.name}.csv", _csv_text(table, data)))
        if format == "datapackage":
            descriptor = _descriptor(tables, written, manifest(), include_contacts)
            written.append(_write(root / "datapackage.json", _dumps(descriptor)))
    readme = _readme(format, tables, manifest(), include_contacts)
    written.insert(0, _write(root / "README.md", readme))
    return written


def _write(path: Path, text: str) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    return path


def _table_rows(table: _Table, data: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    return table.rows(data[table.kind])


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return value


def _csv_text(table: _Table, data: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    for row in _table_rows(table, data):
        writer.writerow([_csv_cell(v) for v in row])
    return buffer.getvalue()


def _write_parquet(path: Path, table: _Table, data: dict[str, Any]) -> Path:
    pa = _require("pyarrow", "parquet")
    pq = _require("pyarrow.parquet", "parquet")
    types = {"string": pa.string(), "integer": pa.int64(), "date": pa.date32()}
    schema = pa.schema(
        [
            pa.field(c.name, types[c.type], nullable=not c.required).with_metadata(
                {"description": c.description}
            )
            for c in table.columns
        ],
        metadata={"description": table.description},
    )
    rows = list(_table_rows(table, data))
    columns = [[row[i] for row in rows] for i in range(len(table.columns))]
    pq.write_table(pa.Table.from_arrays(columns, schema=schema), path)
    return path


def _dataset_json(data: dict[str, Any], man: Manifest) -> str:
    return _dumps(
        {
            "data_version": man.data_version,
            "licence": man.licence,
            "clusters": _plain(data["clusters"]),
            "programmes": _plain(data["programmes"]),
            "sources": _plain(data["sources"]),
        }
    )


_TITLE: Final = "German innovation clusters and their internationalisation"
_PERSONAL: Final = (
    "The contacts table holds business contact data of named people (names, phone "
    "numbers, e-mail addresses) as the cited sources published them, on the date "
    "given in as_of; they may be out of date. This is personal data: use it only for "
    "purposes compatible with its publication, and leave it out of copies that do not "
    "need it (export with include_contacts=False)."
)
_NO_PERSONAL: Final = "Contact data (personal data) is left out of this export."


def _description(include_contacts: bool, man: Manifest) -> str:
    return (
        f"germanclusters dataset, data version {man.data_version}: German innovation "
        "clusters, the programmes they take part in, the target countries of their "
        "internationalisation projects, labels and sources. Every record cites its "
        "sources (sources table). Data licence: CC BY 4.0. "
        + (_PERSONAL if include_contacts else _NO_PERSONAL)
    )


def _field_descriptor(column: _Column) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": column.description,
    }
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if constraints:
        out["constraints"] = constraints
    return out


def _descriptor(
    tables: Sequence[_Table], paths: Sequence[Path], man: Manifest, include_contacts: bool
) -> dict[str, Any]:
    import hashlib

    names = {t.name for t in tables}
    resources = []
    for table, path in zip(tables, paths, strict=True):
        content = path.read_bytes()
        schema: dict[str, Any] = {
            "fields": [_field_descriptor(c) for c in table.columns],
            "missingValues": [""],
            "primaryKey": list(table.primary_key),
        }
        keys = [
            {
                "fields": list(fk.fields),
                "reference": {"resource": fk.resource, "fields": list(fk.reference)},
            }
            for fk in table.foreign_keys
            if fk.resource in names
        ]
        if keys:
            schema["foreignKeys"] = keys
        resources.append(
            {
                "name": table.name,
                "path": path.name,
                "profile": "tabular-data-resource",
                "title": table.name.replace("_", " ").capitalize(),
                "description": table.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(content),
                "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "germanclusters",
        "title": _TITLE,
        "description": _description(include_contacts, man),
        "version": man.data_version,
        "created": f"{man.created.isoformat()}T00:00:00Z",
        "keywords": ["clusters", "innovation", "germany", "internationalisation"],
        "licenses": [
            {
                "name": _DATA_LICENCE,
                "path": _DATA_LICENCE_URL,
                "title": "Creative Commons Attribution 4.0 International",
            }
        ],
        "sources": [_source_descriptor(s) for s in man.sources],
        "resources": resources,
    }


def _source_descriptor(source: Source) -> dict[str, str]:
    out = {"title": source.title}
    if source.url is not None:
        out["path"] = source.url
    return out


def _readme(
    format: str,  # noqa: A002
    tables: Sequence[_Table],
    man: Manifest,
    include_contacts: bool,
) -> str:
    if format == "json":
        files = [
            "- `germanclusters.json`: the clusters, programmes and sources as canonical "
            "JSON (the format of `germanclusters.to_json`)."
        ]
    else:
        ext = "parquet" if format == "parquet" else "csv"
        files = [f"- `{t.name}.{ext}`: {t.description}" for t in tables]
        if format == "datapackage":
            files.append(
                "- `datapackage.json`: Frictionless data package descriptor (table "
                "schemas, keys, licence, sources); check it with "
                "`frictionless validate datapackage.json`."
            )
    lines = [
        f"# {_TITLE}",
        "",
        f"Exported by germanclusters {__version__}, data version {man.data_version}, "
        f"format `{format}`.",
        "",
        f"Licence: CC BY 4.0 ({_DATA_LICENCE_URL}). Cite as: germanclusters dataset, "
        f"data version {man.data_version}, and the sources below.",
        "",
        "## Personal data",
        "",
        _PERSONAL if include_contacts else _NO_PERSONAL,
        "",
        "## Files",
        "",
        *files,
        "",
        "## Sources",
        "",
    ]
    for s in man.sources:
        as_of = f", as of {s.as_of.isoformat()}" if s.as_of else ""
        where = f" <{s.url}>" if s.url else ""
        publisher = f" ({s.publisher})" if s.publisher else ""
        lines.append(f"- `{s.id}`: {s.title}{publisher}{as_of}{where}")
    return "\n".join(lines) + "\n"


# ===================================================================== HTML

_HTML_ROWS: Final = 50


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _html(obj: object) -> str:
    """HTML for Jupyter: a cluster, programme or collection; every text escaped."""
    if isinstance(obj, Cluster):
        return _cluster_html(obj)
    if isinstance(obj, Clusters):
        return _table_html(
            f"Clusters: {len(obj)}",
            ("id", "name", "state", "city", "target countries"),
            [
                (c.id, c.name, c.state, c.city, ", ".join(k.alpha_2 for k in c.target_countries()))
                for c in obj[:_HTML_ROWS]
            ],
            len(obj),
        )
    if isinstance(obj, Programmes):
        return _table_html(
            f"Programmes: {len(obj)}",
            ("id", "name", "funder", "kind", "launched"),
            [(p.id, p.name, p.funder, p.kind, p.launched) for p in obj[:_HTML_ROWS]],
            len(obj),
        )
    raise TypeError(f"no HTML view of {type(obj).__name__}")


def _table_html(
    caption: str, header: Sequence[str], rows: Sequence[Sequence[object]], total: int
) -> str:
    parts = [f"<table><caption>{_e(caption)}</caption><thead><tr>"]
    parts += [f"<th>{_e(h)}</th>" for h in header]
    parts.append("</tr></thead><tbody>")
    for row in rows:
        cells = "".join(f"<td>{'' if v is None else _e(v)}</td>" for v in row)
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</tbody></table>")
    if total > len(rows):
        parts.append(f"<p>... and {total - len(rows)} more</p>")
    return "".join(parts)


def _cluster_html(c: Cluster) -> str:
    rows: list[tuple[str, str]] = []

    def add(key: str, value: object) -> None:
        if value is not None and value != "":
            rows.append((key, _e(value)))

    add("organisation", c.organisation)
    add("seat", ", ".join(x for x in (c.city, c.state) if x))
    add("states", ", ".join(c.states))
    add("founded", c.founded)
    add("topic", c.topic)
    if c.website:
        rows.append(("website", f'<a href="{_e(c.website)}">{_e(c.website)}</a>'))
    add("summary", c.summary)
    for part in c.participations:
        detail = ", ".join(
            x
            for x in (
                f"round {part.round}" if part.round else "",
                str(part.year) if part.year else "",
                f"project {part.project}" if part.project else "",
            )
            if x
        )
        lines = [_e(part.programme + (f" ({detail})" if detail else ""))]
        for phase in part.phases:
            targets = [f"{k.name} ({k.alpha_2})" for k in phase.countries] + list(phase.regions)
            lines.append(f"{_e(phase.kind.value)}: {_e(', '.join(targets) or '-')}")
        rows.append(("programme", "<br>".join(lines)))
    for label in c.labels:
        when = label.awarded.isoformat() if label.awarded else (label.year or "")
        add("label", f"{label.scheme} {label.level.value} {when}".strip())
    add("contacts", len(c.contacts))
    add("sources", ", ".join(c.sources))
    body = "".join(f"<tr><th>{_e(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f"<div><strong>{_e(c.name)}</strong> <code>{_e(c.id)}</code><table>{body}</table></div>"
