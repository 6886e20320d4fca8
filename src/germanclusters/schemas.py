"""JSON Schema (draft 2020-12) of the model and the data files:
[`json_schema`][germanclusters.json_schema].

Each model class's schema is made by walking its fields: every field's check states
its own JSON Schema keywords (`germanclusters.model.Check`). Rules
over several fields (date order, the seat among the states spanned) and
cross-references between files are checked by the model and
[`germanclusters.validate`][germanclusters.validate], not by the schema. The package ships the
schemas of its data files in ``germanclusters/schema/``; a test keeps them equal to these.

Examples:
    >>> from germanclusters.schemas import DATA_FILE_SCHEMAS, json_schema
    >>> [json_schema(name)["type"] for name in DATA_FILE_SCHEMAS]
    ['array', 'array', 'array', 'object']
"""

from __future__ import annotations

import copy
from typing import Any, Final, get_args, get_origin

import attrs

from germanclusters import model
from germanclusters.query import Clusters, Programmes

__all__ = ["DATA_FILE_SCHEMAS", "json_schema"]

DATA_FILE_SCHEMAS: Final = ("clusters.json", "programmes.json", "sources.json", "manifest.json")
_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_BY_NAME: Final = {cls.__name__: cls for cls in model.RECORD_CLASSES}


def json_schema(cls: Any) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) generated from the model.

    ``cls`` is a model record class, [`Clusters`][germanclusters.Clusters],
    [`Programmes`][germanclusters.Programmes], ``tuple[X, ...]``, or the name of a shipped data
    file (``"clusters.json"``, ``"programmes.json"``, ``"sources.json"``, ``"manifest.json"``).
    Each call builds a new schema; changing it changes nothing else.

    Examples:
        >>> import germanclusters as gc
        >>> schema = gc.json_schema("clusters.json")
        >>> schema["type"], schema["items"]
        ('array', {'$ref': '#/$defs/Cluster'})
        >>> "DE-SN" in gc.json_schema(gc.Cluster)["properties"]["state"]["anyOf"][0]["enum"]
        True
    """
    files = {"clusters.json": Clusters, "programmes.json": Programmes,
             "sources.json": tuple[model.Source, ...], "manifest.json": model.Manifest}
    title = cls
    if isinstance(cls, str):
        if cls not in files:
            raise ValueError(f"name must be one of {', '.join(DATA_FILE_SCHEMAS)}; got {cls!r}")
        title, cls = f"data/{cls}", files[cls]
    if cls is Clusters or cls is Programmes:
        item = model.Cluster if cls is Clusters else model.Programme
        body: dict[str, Any] = {"type": "array", "items": _ref(item.__name__)}
    elif get_origin(cls) is tuple and get_args(cls)[:1] and get_args(cls)[0] in _BY_NAME.values():
        body = {"type": "array", "items": _ref(get_args(cls)[0].__name__)}
    elif cls in _BY_NAME.values():
        body = _object(cls)
    else:
        raise TypeError("cls must be a model record class, Clusters, Programmes, tuple[X, ...] "
                        f"or a data file name; got {cls!r}")
    defs: dict[str, Any] = {}
    _collect(body, defs)
    if cls is model.Manifest:  # the file holds no sources: they are in sources.json
        body["properties"].pop("sources")
        defs.pop("Source", None)
    name = title if isinstance(title, str) else getattr(cls, "__name__", str(cls))
    return {"$schema": _DIALECT, **body, "title": f"germanclusters {name}",
            "$defs": dict(sorted(defs.items()))}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _collect(schema: Any, defs: dict[str, Any]) -> None:
    """Add the definition of every class ``schema`` refers to (and theirs) to ``defs``."""
    if isinstance(schema, dict):
        ref = schema.get("$ref", "")
        name = ref.rsplit("/", 1)[-1]
        if ref and name not in defs:
            defs[name] = _object(_BY_NAME[name])
            _collect(defs[name], defs)
        for value in schema.values():
            _collect(value, defs)
    elif isinstance(schema, list):
        for value in schema:
            _collect(value, defs)


def _object(cls: type) -> dict[str, Any]:
    properties = {}
    required = []
    for f in attrs.fields(cls):
        prop = copy.deepcopy(dict(f.validator.schema))
        prop["description"] = f.metadata.get("doc", f.name)
        properties[f.name] = prop
        if f.default is attrs.NOTHING:
            required.append(f.name)
    doc = (cls.__doc__ or "").strip().split("\n\n")[0]
    return {"title": cls.__name__, "description": " ".join(doc.split()), "type": "object",
            "additionalProperties": False, "required": required, "properties": properties}
