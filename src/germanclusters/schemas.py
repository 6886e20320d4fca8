"""JSON Schema (draft 2020-12) generated from the model: :func:`json_schema`.

The schema of each model class is built from the class's fields: the type
annotation gives the JSON type, and each field validator of the model adds the
keywords that say the same in JSON Schema (patterns, ranges, enums, unique items).
Validators the schema cannot express (date order, cross-references, rules over
several fields) are listed as model-only; a test keeps every validator of the model
in one of the two lists, so a new rule cannot silently drop out of the schema. The
package ships the schemas of its data files in ``germanclusters/schema/``; a test
keeps them equal to the generated ones.

Examples:
    >>> from germanclusters.schemas import DATA_FILE_SCHEMAS, json_schema
    >>> [json_schema(name)["type"] for name in DATA_FILE_SCHEMAS]
    ['array', 'array', 'array', 'object']
"""

from __future__ import annotations

import copy
import re
import typing
from collections.abc import Iterator
from datetime import date
from enum import Enum
from typing import Any, Final, get_args, get_origin

import attrs

from germanclusters import model
from germanclusters._states import STATES
from germanclusters.countries import REGIONS
from germanclusters.model import (
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
from germanclusters.query import Clusters, Programmes
from germanclusters.serialise import _supported

__all__ = ["DATA_FILE_SCHEMAS", "json_schema"]

DATA_FILE_SCHEMAS: Final = ("clusters.json", "programmes.json", "sources.json", "manifest.json")
"""The data files whose schema :func:`json_schema` gives by name."""

_SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
# Text: no surrounding white space, no control character (line breaks included).
_TEXT_PATTERN: Final = (
    r"^[^\s\x00-\x1f\x7f-\x9f](?:[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f])?$"
)
_DATE_PATTERN: Final = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _anchored(pattern: re.Pattern[str]) -> str:
    return f"^(?:{pattern.pattern})$"


def _text_schema() -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "pattern": _TEXT_PATTERN}


def _name_schema() -> dict[str, Any]:
    """An item of a list of names: text without the separator of flat tables."""
    return {**_text_schema(), "not": {"pattern": model.LIST_SEPARATOR}}


# What each validator function of the model means in JSON Schema: keywords for the
# value itself, or (under "items") for the items of an array. Read-only: _merge
# copies what it takes from here.
_VALIDATOR_KEYWORDS: Final[dict[object, dict[str, Any]]] = {
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
    model._names_check: {"uniqueItems": True, "items": _name_schema()},
    model._regions_check: {
        "uniqueItems": True,
        "items": {**_name_schema(), "enum": list(REGIONS)},
    },
    model._sources_check: {
        "uniqueItems": True,
        "minItems": 1,
        "items": {"pattern": _anchored(model._SLUG)},
    },
    model._country_list: {"uniqueItems": True},
    Contact._check_postcode: {"pattern": "^[0-9]{5}$"},
    Funding._check_share: {"maximum": 100},
}

# The same for validators written inline (lambdas) in the model, by (class, field).
_FIELD_KEYWORDS: Final[dict[tuple[type, str], dict[str, Any]]] = {
    (Country, "alpha_2"): {"pattern": _anchored(model._ALPHA2)},
    (Country, "alpha_3"): {"pattern": _anchored(model._ALPHA3)},
    (Country, "numeric"): {"pattern": _anchored(model._NUMERIC)},
    (Source, "language"): {"pattern": _anchored(model._LANG)},
    (Manifest, "data_version"): {"pattern": _anchored(model._CALVER)},
    (DataFile, "sha256"): {"pattern": _anchored(model._SHA256)},
    (DataFile, "bytes"): {"minimum": 0},
    (ProgrammeRound, "number"): {"minimum": 1},
}

# Validator functions the schema leaves to the model, and why.
_MODEL_ONLY: Final[dict[object, str]] = {
    model._opt_date: "the annotation gives the date format",
    Phase._check_end: "date order",
    Participation._check_phases: "one phase per kind",
    Label._check_until: "date order",
    Label._check_year: "year agrees with the date",
    Cluster._check_seat: "the seat state is among the states",
    Cluster._check_members_as_of: "needs members",
    Cluster._check_participations: "one participation per programme",
    Cluster._check_labels: "item types",
    Cluster._check_contacts: "item types",
    ProgrammeRound._check_announced: "year agrees with the date",
    Programme._check_ended: "year order",
    Programme._check_rounds: "unique round numbers",
    Programme._check_funding: "item types",
    Manifest._check_files: "unique paths",
    Manifest._check_sources: "unique ids",
}

# The same for inline validators (lambdas), by (class, field).
_MODEL_ONLY_FIELDS: Final[dict[tuple[type, str], str]] = {
    (Phase, "kind"): "the annotation gives the enum",
    (Label, "level"): "the annotation gives the enum",
    (Manifest, "created"): "the annotation gives the date format",
}


def _is_inline(validator: object) -> bool:
    return getattr(validator, "__name__", None) == "<lambda>"


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
    checks the rest (date order, cross-references) when the data is loaded. Each
    call builds a new schema, with no part shared: changing it changes nothing else.

    Examples:
        >>> import germanclusters as gc
        >>> schema = gc.json_schema("clusters.json")
        >>> schema["type"], schema["items"]
        ('array', {'$ref': '#/$defs/Cluster'})
        >>> properties = gc.json_schema(gc.Cluster).get("properties")
        >>> "DE-SN" in properties.get("state").get("enum")
        True
        >>> properties["state"]["enum"].clear()
        >>> "DE-SN" in gc.json_schema(gc.Cluster)["properties"]["state"]["enum"]
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
        schema = {"$schema": _SCHEMA_DIALECT, **copy.deepcopy(_MANIFEST_FILE_SCHEMA)}
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
            if _is_inline(validator):
                _merge(schema, _FIELD_KEYWORDS.get((cls, a.name), {}))
            else:
                _merge(schema, _VALIDATOR_KEYWORDS.get(validator, {}))
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
    """Add ``keywords`` to ``schema``, copying them: no two schemas share an object."""
    for key, value in keywords.items():
        if key == "type" and "type" in schema:
            continue  # the annotation decides the type (and whether null is allowed)
        if key == "items" and "items" in schema:
            if "$ref" not in schema["items"]:
                _merge(schema["items"], value)
        elif key == "enum" and isinstance(schema.get("type"), list):
            schema[key] = list(value)
        elif key == "enum":
            schema[key] = [v for v in value if v is not None]
        else:
            schema[key] = copy.deepcopy(value)
