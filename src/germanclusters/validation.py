"""Every check of a dataset directory: checksums, layout, fields, references, names.

`validate` runs them on the shipped data (the build and CI do) or on any directory
laid out the same way. Records are read strictly through the library's one cattrs
converter, so a wrong type, a missing or unknown field or a bad code raises a
`germanclusters.DataError` naming the file, record, field and value; the checks across
files follow (`check`).
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable, Iterable
from typing import Any, Final

from attrs import evolve

from germanclusters import _text
from germanclusters._convert import structure
from germanclusters._json import read_json, record_lines
from germanclusters.countries import normalize_subdivision
from germanclusters.dataset import (
    CLASSES,
    DATA_FILES,
    FILES,
    INDEX,
    MANIFEST,
    Dataset,
    Reader,
    name_index,
    record_names,
)
from germanclusters.errors import DataError, GermanClustersError
from germanclusters.model import Manifest, PartialDate, version_date

__all__ = ["check", "read", "validate"]

#: Dates that may lie after the data version: expiries and planned ends.
_PLANNED: Final = frozenset({"valid_until", "end", "ended"})


def validate(directory: str | os.PathLike[str] | None = None) -> Manifest:
    """Run every check on the shipped data, or on a directory laid out like it.

    Returns the manifest; raises `germanclusters.DataError` for the first problem,
    naming the file, record, field and value.

    Examples:
        >>> import germanclusters as gc
        >>> gc.validate().data_version == gc.data_version()
        True
    """
    if directory is not None and not isinstance(directory, (str, os.PathLike)):
        raise TypeError(f"directory must be a path, not {type(directory).__name__}")
    return read(directory).manifest


def read(directory: str | os.PathLike[str] | None = None) -> Dataset:
    """Read and fully check a dataset directory (default: the shipped data); no caching."""
    reader = Reader(directory)
    file = reader.path(MANIFEST)
    man = structure(read_json(reader.content(MANIFEST), file=file), Manifest, file=file)
    listed = sorted(f.path for f in man.files)
    if listed != sorted(FILES):
        raise DataError(reason=f"must list exactly {', '.join(FILES)}", field="files",
                        value=listed, file=file)
    parts = {name: _part(reader, name, man) for name in DATA_FILES}
    dataset = Dataset(manifest=evolve(man, sources=parts["sources.json"]),
                      sources=parts["sources.json"], programmes=parts["programmes.json"],
                      clusters=parts["clusters.json"])
    check(dataset, reader.where)
    index = read_json(reader.checked(INDEX, man), file=reader.path(INDEX))
    expected = name_index(dataset)
    if json.dumps(index, sort_keys=True) != json.dumps(expected, sort_keys=True):
        found: dict[str, Any] = index if isinstance(index, dict) else {}
        part = next((n for n in expected if json.dumps(found.get(n), sort_keys=True)
                     != json.dumps(expected[n], sort_keys=True)), None)
        if part is None:
            raise DataError(reason="has parts that are not data files", file=reader.path(INDEX),
                            value=sorted(set(found) - set(expected)))
        keys = found[part] if isinstance(found.get(part), dict) else {}
        key = min(k for k in set(keys) | set(expected[part])
                  if json.dumps(keys.get(k)) != json.dumps(expected[part].get(k)))
        raise DataError(reason=f"is not the name index of the data files: key {key!r} differs "
                        "(rebuild with tools/build_data.py)", file=reader.path(INDEX),
                        field=part, value=key)
    return dataset


def _part(reader: Reader, name: str, man: Manifest) -> tuple[Any, ...]:
    """A data file, strictly read and structured, each record alone on its line."""
    data, path = reader.checked(name, man), reader.path(name)
    content = read_json(data, file=path)
    if not isinstance(content, list):
        raise DataError(reason="must be a JSON list of records", file=path)
    lines = record_lines(data, file=path)
    if len(lines) != len(content):
        raise DataError(reason=f"holds {len(content)} records on {len(lines)} lines; "
                        "each record must be alone on its line", file=path)
    out: list[Any] = []
    for i, item in enumerate(content):
        ident = item.get("id") if isinstance(item, dict) else None
        record = ident if isinstance(ident, str) else f"#{i}"
        try:
            alone = json.loads(lines[i].removesuffix(b",")) == item
        except ValueError:
            alone = False
        if not alone:
            raise DataError(reason=f"is not alone on line {i + 2}", file=path, record=record)
        out.append(structure(item, CLASSES[name], file=path, record=record))
    return tuple(out)


def check(dataset: Dataset, where: str = "data") -> None:
    """Check order, ids, references, names and places across the files."""
    version = dataset.manifest.data_version
    frozen_on = version_date(version)
    source_ids = {s.id for s in dataset.sources}
    rounds = {p.id: {r.number for r in p.rounds} for p in dataset.programmes}

    def fail(file: str, record: str, field: str, value: object, reason: str) -> DataError:
        return DataError(reason=reason, field=field, value=value, record=record,
                         file=os.path.join(where, file))

    def walk(obj: Any, path: str) -> Iterable[tuple[str, str, Any]]:
        """(path, field, value) of every field of a record and its nested records."""
        for name in getattr(type(obj), "__attrs_attrs__", ()):
            value = getattr(obj, name.name)
            here = f"{path}.{name.name}" if path else name.name
            yield here, name.name, value
            if isinstance(value, tuple):
                for i, item in enumerate(value):
                    if hasattr(type(item), "__attrs_attrs__") and name.name != "countries":
                        yield from walk(item, f"{here}[{i}]")

    files: list[tuple[str, tuple[Any, ...], Callable[[Any], Iterable[str]]]] = [
        ("sources.json", dataset.sources, lambda s: (s.id,)),
        ("programmes.json", dataset.programmes, record_names),
        ("clusters.json", dataset.clusters, record_names),
    ]
    for file, items, names in files:
        ids = [r.id for r in items]
        for before, after in itertools.pairwise(ids):
            if after <= before:
                raise fail(file, after, "id", after,
                           "duplicate id" if after == before else "records must be sorted by id")
        owner: dict[str, str] = {}
        for rec in items:
            for name in names(rec):
                for key in _text.keys(name):
                    if owner.setdefault(key, rec.id) != rec.id:
                        raise fail(file, rec.id, "aliases", name,
                                   f"is also a name of {owner[key]!r}; names must be unambiguous")
            for path, field, value in walk(rec, ""):
                if field == "sources" and file != "sources.json":
                    for i, sid in enumerate(value):
                        if sid not in source_ids:
                            raise fail(file, rec.id, f"{path}[{i}]", sid,
                                       "names no source in sources.json")
                elif (isinstance(value, PartialDate) and field not in _PLANNED
                      and value.earliest() > frozen_on):
                    raise fail(file, rec.id, path, str(value),
                               f"is after the data version {version}")
                elif field in ("subdivisions", "subdivision"):
                    codes = value if isinstance(value, tuple) else (value,)
                    for i, code in enumerate(codes):
                        reason = _subdivision_problem(code)
                        if reason is not None:
                            where = f"{path}[{i}]" if isinstance(value, tuple) else path
                            raise fail(file, rec.id, where, code, reason)
    for c in dataset.clusters:
        for i, part in enumerate(c.participations):
            known = rounds.get(part.programme)
            if known is None:
                raise fail("clusters.json", c.id, f"participations[{i}].programme",
                           part.programme, "names no programme in programmes.json")
            if part.round is not None and known and part.round not in known:
                raise fail("clusters.json", c.id, f"participations[{i}].round", part.round,
                           f"is not a round of {part.programme}")


def _subdivision_problem(code: str | None) -> str | None:
    """Why ``code`` is not an ISO 3166-2 code as pycountry writes it, or None."""
    if code is None:
        return None
    try:
        found = normalize_subdivision(code)
    except GermanClustersError:
        return "is not an ISO 3166-2 subdivision known to pycountry"
    return None if found == code else f"must be written {found!r}"
